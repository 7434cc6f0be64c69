"""The canonical responses table: validation, grouping and respondent domain scores (indicators §2, §3.0-3.3).

Every indicator starts here, so that each one refuses the same bad input with the same message and groups
rows the same way. Nothing here mutates the table it is given.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass, replace

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
    refused: np.ndarray | None = None  # groups hidden whole before step a: their own view is refused (§7.4)

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
    hide_groups: pd.DataFrame | None = None,
) -> Prepared:
    """Validate the whole table (items, role_level, `by` columns) and group it; ValueError names the column.
    `hide_groups` (rows of `by` values) are the groups whose own view is refused (§7.4, last paragraph)."""
    by = normalise_by(by)
    for column in by:
        if column not in responses.columns:
            raise ValueError(f"The responses have no column '{column}' to break down by.")
    leaders = leader_mask(responses, required=need_roles)
    groups = group_rows(responses, by, hide_groups)
    return Prepared(answer_matrix(responses, instrument), groups, instrument, leaders)


def answer_matrix(responses: pd.DataFrame, instrument: Instrument) -> np.ndarray:
    """Item answers as floats (NaN = missing), reverse-coded items recoded lo + hi - x."""
    lo, hi = instrument.scale.lo, instrument.scale.hi
    codes = instrument.item_codes
    for code in codes:
        if code not in responses.columns:
            raise ValueError(f"The responses have no column for item '{code}'.")
    items = responses[codes]
    if all(_is_plain_numeric(dtype) for dtype in items.dtypes):
        answers = items.to_numpy(dtype=float, na_value=np.nan)
    else:
        answers = np.column_stack([_item_values(items.iloc[:, j], code) for j, code in enumerate(codes)])
    # Column-major, so that one item's answers (and, transposed, a domain's items) lie together in memory.
    answers = np.asfortranarray(answers.reshape(len(responses), len(codes)))
    _check_answers(answers, codes, lo, hi)
    reverse = [j for j, item in enumerate(instrument.items) if item.reverse_coded]
    if reverse:
        answers = answers.copy(order="F")  # pandas may hand back a read-only view of the caller's table
        answers[:, reverse] = lo + hi - answers[:, reverse]
    return answers


def _check_answers(answers: np.ndarray, codes: list[str], lo: int, hi: int) -> None:
    """Every present answer is a whole number from lo to hi; the error names the first column that is not."""
    if not answers.size:
        return
    lowest, highest = np.fmin.reduce(answers, axis=0), np.fmax.reduce(answers, axis=0)
    out_of_range = (lowest < lo) | (highest > hi)
    whole = np.count_nonzero(np.floor(answers) == answers) == np.count_nonzero(~np.isnan(answers))
    if out_of_range.any() or not whole:
        present = ~np.isnan(answers)
        bad = out_of_range | (present & (np.floor(answers) != answers)).any(axis=0)
        column = codes[int(np.flatnonzero(bad)[0])]
        raise ValueError(f"Item column '{column}' holds a value that is not a whole number from {lo} to {hi}.")


def _is_plain_numeric(dtype) -> bool:
    return pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)


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
        if isinstance(value, (bool, np.bool_)) or not _is_real_number(value):
            raise ValueError(f"Item column '{code}' holds {value!r}, which is not a number.")
        values[position] = float(value)
    return values


def _is_real_number(value) -> bool:
    """Ints, floats, numpy numbers, Fractions and Decimals; not complex numbers."""
    return isinstance(value, numbers.Real) or (
        isinstance(value, numbers.Number) and not isinstance(value, numbers.Complex)
    )


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
    codes, labels = _label_codes(column)
    return labels[codes]


def _label_codes(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Rows' codes into a sorted array of distinct labels (missing values share "Not reported")."""
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    labels = [NOT_REPORTED if attribute_is_missing(v) else str(v) for v in uniques] + [NOT_REPORTED]
    distinct = sorted(set(labels))  # Python compares str by code point, as §3.0 asks
    rank = {label: position for position, label in enumerate(distinct)}
    rank_of_unique = np.array([rank[label] for label in labels], dtype=np.int64)
    return rank_of_unique[codes], np.array(distinct, dtype=object)  # code -1 (null) takes the last entry


def group_rows(responses: pd.DataFrame, by: tuple[str, ...], hide_groups: pd.DataFrame | None = None) -> Groups:
    """Groups are the combinations of `by` labels that occur, sorted as text by code point (§3.0). Those listed
    in `hide_groups` (a table of `by` values) are marked `refused`."""
    groups = _group_rows(responses, by)
    if hide_groups is None:
        return groups
    return replace(groups, refused=listed_groups(groups.keys, list(by), hide_groups))


def listed_groups(table: pd.DataFrame, keys: list[str], listing: pd.DataFrame) -> np.ndarray:
    """Which rows of `table` have their `keys` values among the rows of `listing` (a `hide_groups` table),
    compared as text; ValueError when `listing` lacks one of `keys`."""
    missing = [column for column in keys if column not in listing.columns]
    if missing:
        raise ValueError(f"hide_groups must name groups by {', '.join(keys)}; it lacks {', '.join(missing)}.")
    wanted = set(listing[keys].astype(str).itertuples(index=False, name=None))
    return np.array([key in wanted for key in table[keys].itertuples(index=False, name=None)], dtype=bool)


def _group_rows(responses: pd.DataFrame, by: tuple[str, ...]) -> Groups:
    n = len(responses)
    if not by:
        return Groups(by, pd.DataFrame(index=range(1)), np.zeros(n, dtype=np.int64), np.array([n]))
    per_column = [_label_codes(responses[column]) for column in by]
    combined = np.zeros(n, dtype=np.int64)
    for codes, labels in per_column:  # mixed radix keeps the lexicographic order of the label ranks
        combined = combined * len(labels) + codes
    present, codes = np.unique(combined, return_inverse=True)
    keys = {}
    for column, (_, labels) in reversed(list(zip(by, per_column, strict=True))):
        keys[column] = labels[present % len(labels)]
        present = present // len(labels)
    keys_frame = pd.DataFrame({column: keys[column] for column in by}, dtype=object)
    codes = codes.reshape(-1).astype(np.int64)
    return Groups(by, keys_frame, codes, np.bincount(codes, minlength=len(keys_frame)))


def required_answers(item_count: int) -> int:
    """At least half of the domain's items (rounded up) and at least 2; a one-item domain needs its item."""
    return max(math.ceil(item_count / 2), min(2, item_count))


def domain_sums(prepared: Prepared) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows x domains: how many of the domain's items each respondent answered, the sum of those answers,
    and how many were favourable."""
    instrument = prepared.instrument
    by_item = prepared.answers.T  # items x rows, each item's answers contiguous
    shape = (len(instrument.domains), by_item.shape[1])
    # Built domain-major and handed back transposed: rows x domains, each domain's column contiguous.
    answered, totals, favorable = np.zeros(shape).T, np.zeros(shape).T, np.zeros(shape).T
    for d, domain in enumerate(instrument.domain_codes):
        columns = prepared.domain_columns(domain)
        contiguous = columns == list(range(columns[0], columns[-1] + 1))
        block = by_item[columns[0] : columns[-1] + 1] if contiguous else by_item[columns]
        valid = ~np.isnan(block)
        answered[:, d] = valid.sum(axis=0)
        totals[:, d] = np.where(valid, block, 0.0).sum(axis=0)
        favorable[:, d] = np.isin(block, instrument.scale.favorable).sum(axis=0)
    return answered, totals, favorable


def respondent_domain_means(prepared: Prepared, answered=None, totals=None) -> np.ndarray:
    """Rows x domains of respondent means on the answer scale, NaN when too few items were answered (§3.3)."""
    if answered is None or totals is None:
        answered, totals, _ = domain_sums(prepared)
    instrument = prepared.instrument
    needed = np.array([required_answers(len(instrument.items_of(code))) for code in instrument.domain_codes])
    means = np.full(answered.shape, np.nan, order="F")
    np.divide(totals, answered, out=means, where=answered >= needed)
    return means


def respondent_domain_scores(prepared: Prepared, answered=None, totals=None) -> np.ndarray:
    """Rows x domains of respondent domain scores rescaled to 0-100 (§3.3)."""
    scale = prepared.instrument.scale
    return (respondent_domain_means(prepared, answered, totals) - scale.lo) / (scale.hi - scale.lo) * 100


def group_sum_count(codes: np.ndarray, values: np.ndarray, group_count: int) -> tuple[np.ndarray, np.ndarray]:
    """Per group, the sum and count of the non-missing values of one column."""
    present = ~np.isnan(values)
    sums = np.bincount(codes, weights=np.where(present, values, 0.0), minlength=group_count)
    counts = np.bincount(codes, weights=present, minlength=group_count).astype(np.int64)
    return sums, counts


def group_means(codes: np.ndarray, values: np.ndarray, group_count: int) -> tuple[np.ndarray, np.ndarray]:
    """Per group, the mean (NaN where empty) and count of the non-missing values of one column."""
    sums, counts = group_sum_count(codes, values, group_count)
    means = np.divide(sums, counts, out=np.full(group_count, np.nan), where=counts > 0)
    return means, counts
