"""How a canonical table is laid out in the store, and back, exactly.

Why: waves asked with different instruments must sit side by side, so the attributes are kept one row per response
and the item answers one row per answered item (a long table). Saving checks the table first, so that nothing
half-checked reaches the file; reading rebuilds the same columns in the same order with the same dtypes
(attributes as text with missing as missing, items as float64 with NaN).
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pandas as pd

from store.errors import StoreError
from store.schema import ATTRIBUTES

ROSTER_COLUMNS = ("wave", "agency", "unit", "invited")


@dataclass(frozen=True)
class StoredWave:
    """One wave, ready to insert: attributes (one row per response), answers (long), and the column order."""

    attributes: pd.DataFrame
    answers: pd.DataFrame
    columns: tuple[str, ...]
    items: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.attributes)


def text_column(values: pd.Series | Sequence[object]) -> pd.Series:
    """Text with missing kept missing (pandas' "str" dtype, NaN for missing), never the string "nan" or "None"."""
    return pd.Series(values, dtype="object").astype("str")


def stored_wave(responses: pd.DataFrame, wave: str) -> StoredWave:
    """Check a canonical table for `wave` and split it into stored rows; StoreError says what is wrong."""
    if not isinstance(responses, pd.DataFrame):
        raise StoreError("The responses to save must be a table (a pandas DataFrame).")
    if len(responses) == 0:
        raise StoreError(f"The file for wave '{wave}' has no responses, so there is nothing to save.")
    columns = list(responses.columns)
    if not all(isinstance(column, str) for column in columns):
        raise StoreError("Every column of the responses must be named with text.")
    if len(set(columns)) != len(columns):
        repeated = sorted({c for c in columns if columns.count(c) > 1})
        raise StoreError(f"The responses have more than one column called {', '.join(map(repr, repeated))}.")
    for needed in ("response_id", "wave"):
        if needed not in columns:
            raise StoreError(f"The responses have no '{needed}' column; nothing was saved.")
    count = len(responses)
    attributes = {name: text_column(responses[name].to_numpy()) for name in ATTRIBUTES if name in columns}
    _check_wave_labels(attributes["wave"], wave)
    _check_response_ids(attributes["response_id"])
    items = item_columns(columns)
    matrix = np.empty((count, len(items)), dtype="float64")
    for position, item in enumerate(items):
        matrix[:, position] = _item_values(responses[item], item)
    rows, positions = np.nonzero(~np.isnan(matrix))
    answers = pd.DataFrame(
        {
            "row_no": rows.astype("int32"),
            "item": pd.Categorical.from_codes(positions, categories=list(items)) if items else text_column([]),
            "value": matrix[rows, positions],
        }
    )
    table = pd.DataFrame({"row_no": np.arange(count, dtype="int32")})
    for name in ATTRIBUTES:
        if name != "wave":  # stored once per row by the insert itself
            table[name] = attributes[name] if name in attributes else text_column([None] * count)
    return StoredWave(table, answers, tuple(columns), items)


def item_columns(columns: Sequence[str]) -> tuple[str, ...]:
    """The item columns among `columns`: every column that is not a respondent attribute, in order."""
    return tuple(c for c in columns if c not in ATTRIBUTES)


def _check_wave_labels(labels: pd.Series, wave: str) -> None:
    other = labels[labels.ne(wave) | labels.isna()]
    if len(other):
        found = sorted({"(blank)" if pd.isna(v) else str(v) for v in other})
        shown = ", ".join(f"'{v}'" for v in found[:3]) + (" …" if len(found) > 3 else "")
        raise StoreError(
            f"The file holds responses of wave {shown} ({len(other)} rows), not only of '{wave}'; nothing was "
            "saved. Save each wave on its own."
        )


def _check_response_ids(ids: pd.Series) -> None:
    if ids.isna().any():
        raise StoreError(
            f"Rows without a response_id: {int(ids.isna().sum())}. Every response needs one; nothing was saved."
        )
    repeated = ids[ids.duplicated()]
    if len(repeated):
        raise StoreError(
            f"Rows repeating a response_id: {len(repeated)} (first: '{repeated.iloc[0]}'). Each response needs its "
            "own; nothing was saved."
        )


def _item_values(column: pd.Series, name: str) -> np.ndarray:
    """An item column as float64 (NaN = missing); refuses text and booleans, which are not answer codes."""
    if not _is_numbers(column):
        raise StoreError(
            f"Column '{name}' is neither a respondent attribute nor an item holding numeric answers; nothing was saved."
        )
    return _floats(column)


def canonical_table(
    columns: Sequence[str], attributes: pd.DataFrame, answers: dict[str, np.ndarray], count: int
) -> pd.DataFrame:
    """The canonical table of one wave from its stored rows, with `columns` in order.

    `attributes` has one row per response in saved order; `answers` holds arrays row_no, position (index into
    item_columns(columns)) and value. A column this wave did not have comes back all missing.
    """
    items = item_columns(columns)
    matrix = np.full((count, len(items)), np.nan)
    matrix[answers["row_no"], answers["position"]] = answers["value"]
    data: dict[str, object] = {}
    for column in columns:
        if column in ATTRIBUTES:
            data[column] = text_column(attributes[column].to_numpy() if column in attributes else [None] * count)
        else:
            data[column] = matrix[:, items.index(column)]
    return pd.DataFrame(data)


def empty_responses() -> pd.DataFrame:
    """The canonical table with no waves in it."""
    return pd.DataFrame({name: text_column([]) for name in ATTRIBUTES})


def roster_rows(roster: pd.DataFrame) -> pd.DataFrame:
    """Check a roster (wave, agency, unit, invited) and keep only those four columns, row order kept."""
    if not isinstance(roster, pd.DataFrame):
        raise StoreError("The roster to save must be a table (a pandas DataFrame).")
    missing = [c for c in ROSTER_COLUMNS if c not in roster.columns]
    if missing:
        raise StoreError(f"The roster has no {', '.join(map(repr, missing))} column; nothing was saved.")
    if len(roster) == 0:
        raise StoreError("The roster has no rows, so there is nothing to save.")
    table = pd.DataFrame({c: text_column(roster[c].to_numpy()) for c in ROSTER_COLUMNS[:3]})
    if table["wave"].isna().any():
        raise StoreError(f"{int(table['wave'].isna().sum())} roster rows have no wave; nothing was saved.")
    table["invited"] = _invited(roster["invited"])
    repeated = table.duplicated(subset=["wave", "agency", "unit"])
    if repeated.any():
        first = table[repeated].iloc[0]
        raise StoreError(
            f"The roster lists wave '{first['wave']}', agency '{first['agency']}', unit '{first['unit']}' more than "
            "once; nothing was saved."
        )
    return table


def _invited(column: pd.Series) -> np.ndarray:
    invited = _floats(column) if _is_numbers(column) else np.array([np.nan])
    if np.isnan(invited).any() or (invited % 1 != 0).any() or (invited < 0).any():
        raise StoreError(
            "Roster column 'invited' must hold a whole number of 0 or more on every row; nothing was saved."
        )
    return invited.astype("int64")


def _is_numbers(column: pd.Series) -> bool:
    """Plain numbers or missing only: numeric dtypes, or Python numbers in an object column; never bool or text."""
    if pd.api.types.is_bool_dtype(column.dtype):
        return False
    if pd.api.types.is_numeric_dtype(column.dtype):
        return True
    if column.dtype != object:
        return False
    return all(_is_number(value) for value in column if not _is_missing(value))


def _is_number(value: object) -> bool:
    return isinstance(value, numbers.Real | Decimal) and not isinstance(value, bool | np.bool_)


def _is_missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value))


def _floats(column: pd.Series) -> np.ndarray:
    if column.dtype == object:
        return np.array([np.nan if _is_missing(v) else float(v) for v in column], dtype="float64")
    return column.to_numpy(dtype="float64", na_value=np.nan)
