"""Read workbooks that are already in the canonical layout (indicators.md §2 responses, §6 roster).

Why: the sample data, and any agency that prepares its own export in the canonical layout, should load with no
mapping step. Attributes stay text exactly as written (a numeric-looking unit such as "101" is not turned into
101.0), blanks stay missing, and item answers come back as numbers for the metrics to validate.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

ATTRIBUTES = ("response_id", "wave", "agency", "agency_type", "unit", "role_level", "tenure_band", "program_area")
ROSTER_TEXT = ("wave", "agency", "unit")


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


def read_roster(path: str | Path) -> pd.DataFrame:
    """The first sheet as the roster (wave, agency, unit, invited), with invited as a whole number."""
    df = pd.read_excel(path, sheet_name=0, engine="calamine", dtype={c: str for c in ROSTER_TEXT})
    missing = [c for c in (*ROSTER_TEXT, "invited") if c not in df.columns]
    if missing:
        raise ValueError(f"roster lacks column(s): {', '.join(missing)}")
    for column in ROSTER_TEXT:
        df[column] = _text(df[column])
    invited = pd.to_numeric(df["invited"], errors="coerce")
    if invited.isna().any() or (invited % 1 != 0).any() or (invited < 0).any():
        raise ValueError("roster column 'invited' must hold a whole number >= 0 on every row")
    df["invited"] = invited.astype("int64")
    return df
