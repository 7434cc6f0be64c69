"""Read workbooks that are already in the canonical layout (indicators.md §2 responses).

Why: the sample data, and any agency that prepares its own export in the canonical layout, should load with no
mapping step. Attributes stay text exactly as written (a numeric-looking unit such as "101" is not turned into
101.0), blanks stay missing, and item answers come back as numbers for the metrics to validate.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

ATTRIBUTES = ("response_id", "wave", "agency", "agency_type", "unit", "role_level", "tenure_band", "program_area")


def _text(column: pd.Series) -> pd.Series:
    """Text with blanks (nothing left after str.strip()) as missing, never the string "nan"."""
    column = column.astype("str")
    return column.mask(column.str.strip() == "")


def read_canonical_responses(path: str | Path) -> pd.DataFrame:
    """The first sheet as the canonical table: attribute columns as text, every other column as a numeric item.

    Item values are not range-checked here; the metrics refuse anything outside the instrument's scale, naming
    the column. Text in an item column is refused now, because it means the file is not canonical yet.
    """
    df = pd.read_excel(path, sheet_name=0, engine="calamine", dtype={c: str for c in ATTRIBUTES})
    for column in df.columns:
        if column in ATTRIBUTES:
            df[column] = _text(df[column])
        else:
            try:
                df[column] = pd.to_numeric(df[column]).astype("float64")
            except (TypeError, ValueError) as exc:
                raise ValueError(f"item column {column!r} holds text, not answer codes: {exc}") from exc
    return df
