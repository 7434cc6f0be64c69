"""Columns of text under a header, typed, with blanks marked, one column at a time in Arrow.

Why: a column keeps the values the file holds. From a text file every value is text; from a workbook, a column
whose every filled cell shows a number exactly as Excel shows it (5, 3.5, -2) becomes float64, and any other column
stays text ("str"). A cell that is empty or only spaces is missing (NaN), never the text "nan" nor an empty string,
so that a blank row is one where every cell is missing. Each step is one Arrow compute call over the column, so a
100,000-row column costs milliseconds, not a Python loop. (pyarrow comes with pandas' "str" dtype.)
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

TEXT = pa.string()
SAMPLE = 1000
MIDNIGHT = " 00:00:00"  # fastexcel shows a date as 2024-03-01 00:00:00; Excel shows 2024-03-01


def text_columns(rows: list[list[str]]) -> list[pa.Array]:
    """A text file's records as equal-length text columns (short records padded with blanks)."""
    width = max((len(row) for row in rows), default=0)
    if not rows or not width:
        return []
    if any(len(row) != width for row in rows):
        rows = [row + [None] * (width - len(row)) for row in rows]
    block = np.empty((len(rows), width), dtype=object)
    block[:] = rows
    return [pa.array(column, type=TEXT, from_pandas=True) for column in block.T]


def typed_column(cells: pa.Array, numbers: bool) -> tuple[pd.Series, np.ndarray]:
    """(the column typed, its blank mask): float64 for a workbook's column of numbers, or of text cells that each
    show a number as Excel does (`numbers`), else text ("str"): dates as Excel shows them, TRUE/FALSE."""
    kind = cells.type
    if pa.types.is_floating(kind) or pa.types.is_integer(kind):
        blank = cells.is_null().to_numpy(zero_copy_only=False)
        return pd.Series(pc.cast(cells, pa.float64()).to_numpy(zero_copy_only=False)), blank
    if pa.types.is_timestamp(kind) or pa.types.is_date(kind):
        cells = _midnight_dropped(pc.strftime(pc.cast(cells, pa.timestamp("s"), safe=False), "%Y-%m-%d %H:%M:%S"))
    elif pa.types.is_boolean(kind):
        cells = pc.if_else(cells, "TRUE", "FALSE")
    elif not pa.types.is_string(kind):
        cells = pc.cast(cells, TEXT)
    return _text_column(cells, numbers)


def _text_column(text: pa.Array, numbers: bool) -> tuple[pd.Series, np.ndarray]:
    blank = pc.or_kleene(pc.equal(pc.utf8_length(text), 0), pc.utf8_is_space(text))
    blank = pc.fill_null(blank, True)
    if pc.any(blank).as_py():
        text = pc.if_else(blank, pa.scalar(None, TEXT), text)
    mask = blank.to_numpy(zero_copy_only=False)
    if numbers:
        values = _numbers(text)
        if values is not None:
            return pd.Series(values.to_numpy(zero_copy_only=False)), mask
        text = _midnight_dropped(text)
    return pd.Series(text, dtype="str"), mask


def _midnight_dropped(text: pa.Array) -> pa.Array:
    """Dates shown as Excel shows them: 2024-03-01, not 2024-03-01 00:00:00 (a date's time is midnight)."""
    if pc.any(pc.ends_with(text, MIDNIGHT)).as_py():
        return pc.replace_substring_regex(text, r"^(\d{4}-\d{2}-\d{2}) 00:00:00$", r"\1")
    return text


def _numbers(text: pa.Array) -> pa.Array | None:
    """The column as float64 when every filled cell reads back as the same text (so "007", "5.0", "nan" and
    " 5" stay text; whole numbers are written without an exponent, as Excel shows them), else None."""
    if text.null_count == len(text):
        return None
    try:
        pc.cast(text.slice(0, SAMPLE), pa.float64())  # a failing cast costs as much as a whole one: try a sample
        values = pc.cast(text, pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if not pc.all(pc.is_finite(values)).as_py():
        return None
    whole = pc.and_(pc.equal(pc.floor(values), values), pc.less(pc.abs(values), 1e15))
    as_int = pc.cast(pc.cast(values, pa.int64(), safe=False), TEXT)
    shown = as_int if pc.all(whole).as_py() else pc.if_else(whole, as_int, pc.cast(values, TEXT))
    if not pc.all(pc.equal(shown, text)).as_py():
        return None
    return values
