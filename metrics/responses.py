"""The canonical responses table: validation, grouping and respondent domain scores (indicators §2, §3.0-3.3).

Every indicator starts here, so that each one refuses the same bad input with the same message and groups
rows the same way. Nothing here mutates the table it is given.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from metrics.instrument import Instrument

ROLE_LEVELS = ("executive", "manager", "staff", "support")
LEADER_ROLES = ("executive", "manager")
NOT_REPORTED = "Not reported"


@dataclass(frozen=True)
class Groups:
    """The groups of a breakdown: `keys` (one row per group, sorted as text), each row's group `codes`."""

    by: tuple[str, ...]
    keys: pd.DataFrame
    codes: np.ndarray
    rows: np.ndarray

    @property
    def count(self) -> int:
        return len(self.keys)


@dataclass(frozen=True)
class Prepared:
    """A validated table: answers (rows x items, reverse-coded, NaN when missing) and its groups."""

    answers: np.ndarray
    groups: Groups
    instrument: Instrument
    leaders: np.ndarray | None

    def domain_columns(self, domain: str) -> list[int]:
        return [i for i, item in enumerate(self.instrument.items) if item.domain == domain]


def normalise_by(by: str | Sequence[str]) -> tuple[str, ...]:
    return (by,) if isinstance(by, str) else tuple(by)


def prepare(
    responses: pd.DataFrame,
    instrument: Instrument,
    by: str | Sequence[str] = (),
    need_roles: bool = False,
) -> Prepared:
    """Validate the whole table (items, role_level, `by` columns) and group it; ValueError names the column."""
    by = normalise_by(by)
    for column in by:
        if column not in responses.columns:
            raise ValueError(f"The responses have no column '{column}' to break down by.")
    leaders = leader_mask(responses, required=need_roles)
    return Prepared(answer_matrix(responses, instrument), group_rows(responses, by), instrument, leaders)


def answer_matrix(responses: pd.DataFrame, instrument: Instrument) -> np.ndarray:
    """Item answers as floats (NaN = missing), reverse-coded items recoded lo + hi - x."""
    lo, hi = instrument.scale.lo, instrument.scale.hi
    columns = []
    for item in instrument.items:
        if item.code not in responses.columns:
            raise ValueError(f"The responses have no column for item '{item.code}'.")
        values = _item_values(responses[item.code], item.code)
        present = ~np.isnan(values)
        checked = values[present]
        if checked.size and (np.any(checked != np.floor(checked)) or np.any(checked < lo) or np.any(checked > hi)):
            raise ValueError(f"Item column '{item.code}' holds a value that is not a whole number from {lo} to {hi}.")
        columns.append(lo + hi - values if item.reverse_coded else values)
    if not columns:
        return np.empty((len(responses), 0))
    return np.column_stack(columns)


def _item_values(column: pd.Series, code: str) -> np.ndarray:
    if pd.api.types.is_bool_dtype(column.dtype):
        if column.notna().any():
            raise ValueError(f"Item column '{code}' holds true/false values, not answers.")
        return np.full(len(column), np.nan)
    if pd.api.types.is_numeric_dtype(column.dtype):
        return column.to_numpy(dtype=float, na_value=np.nan)
    values = np.full(len(column), np.nan)
    for position, value in enumerate(column.to_numpy(dtype=object)):
        if _is_missing(value):
            continue
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise ValueError(f"Item column '{code}' holds {value!r}, which is not a number.")
        values[position] = float(value)
    return values


def _is_missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, (float, np.floating)) and math.isnan(value)


def attribute_is_missing(value) -> bool:
    """A missing attribute: null, or a string with nothing left after `str.strip()`."""
    return _is_missing(value) or (isinstance(value, str) and not value.strip())


def leader_mask(responses: pd.DataFrame, required: bool) -> np.ndarray | None:
    """True for leaders (executive, manager); staff are everyone else, missing roles included."""
    if "role_level" not in responses.columns:
        if required:
            raise ValueError("The responses have no 'role_level' column, which this indicator needs.")
        return None
    codes, uniques = pd.factorize(responses["role_level"], use_na_sentinel=True)
    is_leader = np.zeros(len(uniques) + 1, dtype=bool)  # the trailing False is for nulls (code -1)
    for position, value in enumerate(uniques):
        if attribute_is_missing(value):
            continue
        if value not in ROLE_LEVELS or not isinstance(value, str):
            raise ValueError(
                f"Column 'role_level' holds {value!r}; it must be one of {', '.join(ROLE_LEVELS)} or missing."
            )
        is_leader[position] = value in LEADER_ROLES
    return is_leader[codes]


def attribute_labels(column: pd.Series) -> np.ndarray:
    """Each row's group label: the attribute as text, or "Not reported" when missing."""
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    labels = np.array(
        [NOT_REPORTED if attribute_is_missing(v) else str(v) for v in uniques] + [NOT_REPORTED], dtype=object
    )
    return labels[codes]  # code -1 (null) picks the trailing "Not reported"


def group_rows(responses: pd.DataFrame, by: tuple[str, ...]) -> Groups:
    """Groups are the combinations of `by` labels that occur, sorted as text by code point (§3.0)."""
    n = len(responses)
    if not by:
        return Groups(by, pd.DataFrame(index=range(1)), np.zeros(n, dtype=np.int64), np.array([n]))
    label_columns = [attribute_labels(responses[column]) for column in by]
    per_column = [np.unique(labels.astype(str), return_inverse=True) for labels in label_columns]
    combined = np.column_stack([inverse.reshape(-1) for _, inverse in per_column]) if n else np.empty((0, len(by)))
    combos, codes = np.unique(combined.astype(np.int64), axis=0, return_inverse=True)
    # np.unique sorts each column's labels by code point and the combinations lexicographically.
    keys = pd.DataFrame(
        {column: [str(per_column[j][0][c]) for c in combos[:, j]] for j, column in enumerate(by)},
        dtype=object,
    )
    codes = codes.reshape(-1).astype(np.int64)
    return Groups(by, keys, codes, np.bincount(codes, minlength=len(keys)))


def required_answers(item_count: int) -> int:
    """At least half of the domain's items (rounded up) and at least 2; a one-item domain needs its item."""
    return max(math.ceil(item_count / 2), min(2, item_count))


def respondent_domain_means(prepared: Prepared) -> np.ndarray:
    """Rows x domains of respondent means on the answer scale, NaN when too few items were answered (§3.3)."""
    means = np.full((prepared.answers.shape[0], len(prepared.instrument.domains)), np.nan)
    for d, domain in enumerate(prepared.instrument.domain_codes):
        block = prepared.answers[:, prepared.domain_columns(domain)]
        answered = np.sum(~np.isnan(block), axis=1)
        totals = np.nansum(block, axis=1)
        enough = answered >= required_answers(block.shape[1])
        np.divide(totals, answered, out=means[:, d], where=enough)
    return means


def respondent_domain_scores(prepared: Prepared) -> np.ndarray:
    """Rows x domains of respondent domain scores rescaled to 0-100 (§3.3)."""
    scale = prepared.instrument.scale
    return (respondent_domain_means(prepared) - scale.lo) / (scale.hi - scale.lo) * 100


def group_sum_count(codes: np.ndarray, values: np.ndarray, group_count: int) -> tuple[np.ndarray, np.ndarray]:
    """Per group, the sum and count of the non-missing values of one column."""
    present = ~np.isnan(values)
    sums = np.bincount(codes[present], weights=values[present], minlength=group_count)
    counts = np.bincount(codes[present], minlength=group_count)
    return sums, counts


def group_means(codes: np.ndarray, values: np.ndarray, group_count: int) -> tuple[np.ndarray, np.ndarray]:
    """Per group, the mean (NaN where empty) and count of the non-missing values of one column."""
    sums, counts = group_sum_count(codes, values, group_count)
    means = np.divide(sums, counts, out=np.full(group_count, np.nan), where=counts > 0)
    return means, counts
