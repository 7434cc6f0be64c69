"""Turning indicator cells into what a reader sees: values as shown, reasons instead of hidden values.

The only place where charts and display tables decide how a number or a suppressed cell reads, so that the
chart and the table beside it always say the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from metrics import Instrument, shown, suppression_reason

# Column headings for `by` attributes, as a reader names them.
ATTRIBUTE_TITLES = {
    "wave": "Wave",
    "agency": "Agency",
    "agency_type": "Agency type",
    "unit": "Unit",
    "role_level": "Role level",
    "tenure_band": "Years in the office",
    "program_area": "Program area",
}


def attribute_columns(table: pd.DataFrame, by: list[str]) -> dict[str, pd.Series]:
    """The `by` columns of a table as text under a reader's headings, a missing value as "Not reported"."""
    return {
        ATTRIBUTE_TITLES.get(col, col): table[col].astype(object).where(table[col].notna(), "Not reported").astype(str)
        for col in by
    }


def number(value, signed: bool = False) -> str:
    """A value as shown (one decimal, half away from zero); '' for a missing value; never '-0.0'."""
    if value is None or pd.isna(value):
        return ""
    rounded = shown(float(value)) + 0.0
    return f"{rounded:+.1f}" if signed and rounded != 0 else f"{rounded:.1f}"


def count(value) -> str:
    """A count of respondents as a whole number; '' when missing."""
    if value is None or pd.isna(value):
        return ""
    return str(int(value))


def reasons(table: pd.DataFrame, min_n: int) -> pd.Series:
    """Why each row is hidden ('' when shown), in the words of indicators §7.1."""
    if table.empty:
        return pd.Series([], index=table.index, dtype=object)
    return suppression_reason(table, min_n)


def hidden(table: pd.DataFrame) -> np.ndarray:
    return table["suppressed"].fillna(True).astype(bool).to_numpy()


def by_columns(table: pd.DataFrame, known: Sequence[str]) -> list[str]:
    """The breakdown columns of an indicator table: those in front of its first known column."""
    first = min(table.columns.get_loc(c) for c in known if c in table.columns)
    return list(table.columns[:first])


def group_label(table: pd.DataFrame, by: Sequence[str], joiner: str = " · ") -> pd.Series:
    """One text label per row for its group: the `by` values joined by ' · ' ('Everyone' with no `by`)."""
    if not by:
        return pd.Series("Everyone", index=table.index, dtype=object)
    parts = table[list(by)].astype(object).where(table[list(by)].notna(), "Not reported").astype(str)
    label = parts.iloc[:, 0]
    for column in parts.columns[1:]:  # column by column: a row-wise join is slow and fails on an empty table
        label = label + joiner + parts[column]
    return label.astype(object)


def domain_names(instrument: Instrument, codes: pd.Series) -> pd.Series:
    """Domain names for domain codes (a code the instrument does not know is shown as it is)."""
    names = {d.code: d.name for d in instrument.domains}
    return codes.map(lambda code: names.get(code, code))


def item_texts(instrument: Instrument, codes: pd.Series) -> pd.Series:
    texts = {i.code: i.text or i.code for i in instrument.items}
    return codes.map(lambda code: texts.get(code, code))


def single_group(table: pd.DataFrame, key: str, what: str) -> None:
    """Refuse a table holding more than one group (a chart of one group must not silently mix several)."""
    if table[key].duplicated().any():
        raise ValueError(f"{what} expects the rows of one group; filter the table to one group first.")
