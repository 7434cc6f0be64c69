"""Rows of cells under a header, as typed columns with blanks marked, one column at a time.

Why: a column keeps the values the file holds. From a text file every value is text; from a workbook a column of
numbers (and blanks) becomes float64 and any other column text ("str"; a date reads as Excel shows it, 2024-03-01,
a whole number as 5 not 5.0). A cell that is empty or only spaces is missing (NaN), never the text "nan" nor an
empty string, so that a blank row is one where every cell is missing. Types are decided from a column's distinct
values' kinds in one C pass (pandas' infer_dtype) and text is checked with pyarrow, so a 100,000-row column
costs milliseconds, not a Python loop. (pyarrow comes with pandas' "str" dtype and with streamlit.)
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ingest._workbook import cell_text

NUMERIC_KINDS = frozenset({"floating", "integer", "mixed-integer-float"})
TEXT_KINDS = frozenset({"string", "empty"})


def body_columns(body: list[list[object]], width: int) -> list[np.ndarray]:
    """The body's columns as contiguous object arrays of equal length (short rows padded with None)."""
    if not body:
        return [np.empty(0, dtype=object) for _ in range(width)]
    if any(len(row) != width for row in body):
        body = [row + [None] * (width - len(row)) for row in body]
    block = np.empty((len(body), width), dtype=object)
    block[:] = body
    return list(np.ascontiguousarray(block.T))


def typed_column(values: np.ndarray) -> tuple[pd.Series, np.ndarray]:
    """(the column typed, its blank mask): float64 when it holds only numbers and blanks, else text ("str").

    `values` is the caller's own scratch array: empty strings in it are replaced by None.
    """
    values[values == ""] = None
    kind = pd.api.types.infer_dtype(values, skipna=True)
    if kind in NUMERIC_KINDS:
        blank = pd.isna(values)
        return pd.Series(np.where(blank, np.nan, values).astype("float64")), blank
    if kind not in TEXT_KINDS:
        values = np.array([None if value is None else cell_text(value) for value in values], dtype=object)
    text = pa.array(values, type=pa.string(), from_pandas=True)
    spaces = pc.fill_null(pc.utf8_is_space(text), False)
    if pc.any(spaces).as_py():
        text = pc.if_else(spaces, pa.scalar(None, pa.string()), text)
    blank = text.is_null().to_numpy(zero_copy_only=False)
    return pd.Series(text, dtype="str"), blank
