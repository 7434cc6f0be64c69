"""Confidentiality (indicators §7.1-7.4): the one place where cells are hidden and filtered views refused.

Every indicator calls these functions, so that a group below the minimum size, and whatever would let a
reader rebuild it by subtraction, is hidden the same way everywhere.

- `suppressed_groups` and `suppressed_cells` are §7.1 with steps a and c of §7.2 on one breakdown.
- `Census` holds one wave's counts by agency, unit and role level, which is all that §7.4 needs: why a view is
  refused (`view_refusal`) and which groups of a breakdown are hidden whole because their own view is refused
  (`refused_groups`), without rescanning the rows for every view a page or the board pack asks about.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from itertools import combinations, product

import numpy as np
import pandas as pd

from metrics.policy import DEFAULT_MIN_N, LOWEST_MIN_N
from metrics.responses import NOT_REPORTED, Groups, attribute_labels, group_rows, normalise_by
from metrics.scope import scope_rows

PRIMARY = "not enough responses to report"
COMPLEMENTARY = "hidden to protect a small group"
EMPTY, TOO_SMALL, PROTECTS_SMALL_GROUP = "empty", "too small", "protects a small group"
FILTERS = ("agency", "unit", "role_level")  # a view's filters besides its wave, which is never removed


def check_min_n(min_n: int) -> None:
    """§7.3: a minimum group size below 3 is refused."""
    if isinstance(min_n, bool) or not isinstance(min_n, (int, np.integer)):
        raise ValueError(f"min_n must be a whole number of respondents, not {min_n!r}.")
    if min_n < LOWEST_MIN_N:
        raise ValueError(
            f"min_n = {min_n} is below {LOWEST_MIN_N}; groups that small cannot be reported confidentially."
        )


# -- one breakdown: §7.1, step a and step c ---------------------------------------------------------------------


def parents(groups: Groups) -> np.ndarray:
    """Each group's parent id: siblings share every `by` value but the last (one `by`: all are siblings)."""
    if len(groups.by) <= 1:
        return np.zeros(groups.count, dtype=np.int64)
    return groups.keys.groupby(list(groups.by[:-1]), sort=False).ngroup().to_numpy()


def _families(groups: Groups) -> list[np.ndarray]:
    """The positions of each parent's groups, in sort order."""
    parent_of = parents(groups)
    order = np.argsort(parent_of, kind="stable")
    cuts = np.flatnonzero(np.diff(parent_of[order])) + 1
    return np.split(order, cuts)


def hide_siblings(rows: np.ndarray, hidden: np.ndarray, min_n: int) -> np.ndarray:
    """Step a among one parent's siblings (sort order): while any is hidden and either only one is or the hidden
    ones together have fewer than min_n rows, and shown ones remain, the shown one with the fewest rows (ties:
    first) is hidden too. Returns a new mask."""
    hidden = np.array(hidden, dtype=bool, copy=True)
    while hidden.any() and not hidden.all() and (hidden.sum() == 1 or rows[hidden].sum() < min_n):
        shown = np.flatnonzero(~hidden)
        hidden[shown[np.argmin(rows[shown])]] = True  # argmin takes the first in sort order on ties
    return hidden


def _cells_exposed(own_n: np.ndarray, hidden: np.ndarray, min_n: int) -> np.ndarray:
    """Per measure (column) of one parent: whether step c must hide one more cell. Hidden cells that all rest on
    no one reveal nothing, so two or more of them need no company."""
    count = hidden.sum(axis=0)
    total = np.where(hidden, own_n, 0).sum(axis=0)
    someone = (hidden & (own_n >= 1)).any(axis=0)
    return (count >= 1) & (~hidden).any(axis=0) & ((count == 1) | (someone & (total < min_n)))


def suppressed_groups(groups: Groups, min_n: int) -> np.ndarray:
    """§7.1 on each group's rows, the groups whose own view is refused (`groups.refused`), then step a."""
    rows = groups.rows
    hidden = rows < min_n
    if groups.refused is not None:
        hidden |= groups.refused
    for members in _families(groups):
        if hidden[members].any():
            hidden[members] = hide_siblings(rows[members], hidden[members], min_n)
    return hidden


def suppressed_cells(groups: Groups, hidden: np.ndarray, own_n: np.ndarray, min_n: int) -> np.ndarray:
    """Step c on a groups x measures matrix of already-hidden cells: within each parent and measure, while one
    hidden cell stands alone, or the hidden ones rest on 1 to min_n - 1 people together, the shown cell with the
    smallest own n (ties: first in sort order) is hidden too. Returns a new matrix."""
    hidden = np.array(hidden, dtype=bool, copy=True)
    for members in _families(groups):
        block, own = hidden[members], own_n[members]
        for measure in np.flatnonzero(_cells_exposed(own, block, min_n)):
            column, counts = block[:, measure], own[:, measure]
            while _cells_exposed(counts[:, None], column[:, None], min_n)[0]:
                shown = np.flatnonzero(~column)
                column[shown[np.argmin(counts[shown])]] = True
            hidden[members, measure] = column
    return hidden


def hidden_in_breakdown(parent: pd.DataFrame, column: str, value: str, min_n: int = DEFAULT_MIN_N) -> bool:
    """Whether the group `column == value` is hidden whole (§7.1 or step a) when `parent`'s rows are broken
    down by `column`. A view filtered to such a group would show what the breakdown hides to protect a small
    sibling (its parent total minus the shown siblings would give the small group away), so pages refuse it."""
    check_min_n(min_n)
    groups = group_rows(parent, (column,))
    return bool(suppressed_groups(groups, min_n)[(groups.keys[column] == str(value)).to_numpy()].any())


def suppression_reason(table: pd.DataFrame, min_n: int = DEFAULT_MIN_N, n_column: str = "n") -> pd.Series:
    """Why each row is hidden, in the words of §7.1: "" when shown, primary when its own n is below min_n,
    otherwise complementary. For a perception gap the own n is the smaller side."""
    if n_column == "n" and "n" not in table.columns and {"leaders_n", "staff_n"} <= set(table.columns):
        own_n = np.minimum(table["leaders_n"], table["staff_n"])
    else:
        own_n = table[n_column]
    reason = np.where(own_n < min_n, PRIMARY, COMPLEMENTARY)
    return pd.Series(np.where(table["suppressed"], reason, ""), index=table.index, dtype=object)


def differencing_refused(view_rows: int, parent_rows: Iterable[int], min_n: int = DEFAULT_MIN_N) -> bool:
    """§7.4 a: True when the view leaves out 1 to min_n - 1 of the respondents of any of its wider views, so that
    subtracting it from the wider view would reveal a small group."""
    check_min_n(min_n)
    return any(1 <= parent - view_rows <= min_n - 1 for parent in parent_rows)


# -- views: §7.4 ------------------------------------------------------------------------------------------------

View = tuple[str | None, str | None, str | None]  # agency, unit, role level labels (None = all)
_KEEPS = tuple(product((True, False), repeat=len(FILTERS)))


def _narrowed(view: View, keep: Sequence[bool]) -> View:
    return tuple(value if kept else None for value, kept in zip(view, keep, strict=True))


class Census:
    """One wave's respondent counts by agency, unit and role level (labels as §3.0, a missing column read as
    "Not reported"), with every view's size and every one-filter breakdown summed once. Refusals are remembered,
    so a page that asks about many views (the sidebar, a breakdown's groups) pays for each view once."""

    def __init__(self, rows: pd.DataFrame):
        labels = {
            column: attribute_labels(rows[column])
            if column in rows.columns
            else np.full(len(rows), NOT_REPORTED, dtype=object)
            for column in FILTERS
        }
        cells = pd.DataFrame(labels, dtype=object).value_counts(sort=False) if len(rows) else pd.Series([])
        self._size: Counter = Counter()
        self._children: defaultdict = defaultdict(Counter)  # (filter position, wider view) -> value -> rows
        self._agencies_of_unit: defaultdict = defaultdict(set)
        for cell, count in cells.items():
            count = int(count)
            for keep in _KEEPS:
                wider = _narrowed(cell, keep)
                self._size[wider] += count
                for position, kept in enumerate(keep):
                    if not kept:
                        self._children[(position, wider)][cell[position]] += count
            self._agencies_of_unit[cell[1]].add(cell[0])
        self._hidden: dict = {}
        self._refusals: dict = {}

    def size(self, agency: str | None = None, unit: str | None = None, role_level: str | None = None) -> int:
        """How many respondents of the wave a view holds."""
        return self._size.get(_labels(agency, unit, role_level), 0)

    def values(self, column: str, **filters: str | None) -> list[str]:
        """The labels of `column` (agency, unit or role_level) among the rows of the view `filters`, as text."""
        position = FILTERS.index(column)
        wider = _labels(*(filters.get(name) if name != column else None for name in FILTERS))
        return sorted(self._children.get((position, wider), {}))

    def _hidden_whole(self, position: int, wider: View, min_n: int) -> set[str]:
        """The values hidden whole (§7.1 and step a) when `wider` is broken down by the filter at `position`."""
        key = (position, wider, min_n)
        if key not in self._hidden:
            children = self._children.get((position, wider), {})
            values = sorted(children)  # Python compares str by code point, as §3.0 asks
            rows = np.array([children[value] for value in values], dtype=np.int64)
            hidden = hide_siblings(rows, rows < min_n, min_n)
            self._hidden[key] = {value for value, flag in zip(values, hidden, strict=True) if flag}
        return self._hidden[key]

    def refusal(self, agency: str | None, unit: str | None, role_level: str | None, min_n: int = DEFAULT_MIN_N) -> str:
        """Why the view may not be shown ("" when it may): EMPTY; TOO_SMALL (§7.1); PROTECTS_SMALL_GROUP when
        it leaves 1 to min_n - 1 respondents of a wider view out (§7.4 a), when the breakdown of a wider view
        with one filter removed hides its group whole (b), or when it names a unit but no agency and some
        agency's own view of that unit is refused (c)."""
        view = _labels(agency, unit, role_level)
        key = (view, min_n)
        if key not in self._refusals:
            self._refusals[key] = self._refuse(view, min_n)
        return self._refusals[key]

    def _refuse(self, view: View, min_n: int) -> str:
        size = self._size.get(view, 0)
        if size == 0:
            return EMPTY
        if size < min_n:
            return TOO_SMALL
        chosen = [position for position, value in enumerate(view) if value is not None]
        for count in range(1, len(chosen) + 1):
            for removed in combinations(chosen, count):
                wider = _narrowed(view, [position not in removed for position in range(len(FILTERS))])
                if 1 <= self._size.get(wider, 0) - size <= min_n - 1:
                    return PROTECTS_SMALL_GROUP
        for position in chosen:
            wider = _narrowed(view, [other != position for other in range(len(FILTERS))])
            if view[position] in self._hidden_whole(position, wider, min_n):
                return PROTECTS_SMALL_GROUP
        agency, unit, role_level = view
        if agency is None and unit is not None:
            for each in sorted(self._agencies_of_unit.get(unit, ())):
                if self.refusal(each, unit, role_level, min_n):
                    return PROTECTS_SMALL_GROUP
        return ""

    def refused(self, filters: dict[str, str | None], keys: pd.DataFrame, min_n: int = DEFAULT_MIN_N) -> np.ndarray:
        """For each group of a breakdown of the view `filters` (one row of `keys` per group, by its `by` values),
        whether the group's own view (the view's filters plus the group's agency, unit or role level) is refused:
        such a group is hidden whole before step a (§7.4, last paragraph)."""
        columns = [column for column in keys.columns if column in FILTERS]
        base = {column: filters.get(column) for column in FILTERS}
        if not columns:
            return np.full(len(keys), bool(self.refusal(**base, min_n=min_n)))
        return np.array(
            [
                bool(self.refusal(**{**base, **dict(zip(columns, values, strict=True))}, min_n=min_n))
                for values in keys[columns].itertuples(index=False, name=None)
            ],
            dtype=bool,
        )


def _labels(agency: str | None, unit: str | None, role_level: str | None) -> View:
    return tuple(None if value is None else str(value) for value in (agency, unit, role_level))


def census(responses: pd.DataFrame, wave: str | None) -> Census:
    """The counts §7.4 needs for one wave (None: every row given, as one wave)."""
    return Census(responses if wave is None else scope_rows(responses, wave=wave))


def view_refusal(
    responses: pd.DataFrame,
    wave: str | None,
    agency: str | None,
    unit: str | None,
    role_level: str | None,
    min_n: int = DEFAULT_MIN_N,
) -> str:
    """Why a filtered view may not be shown ("" when it may): EMPTY, TOO_SMALL (§7.1: fewer than min_n rows), or
    PROTECTS_SMALL_GROUP (§7.4 a, b or c; see `Census.refusal`)."""
    check_min_n(min_n)
    return census(responses, wave).refusal(agency, unit, role_level, min_n)


def refused_groups(
    responses: pd.DataFrame,
    wave: str | None,
    agency: str | None,
    unit: str | None,
    role_level: str | None,
    by: str | Sequence[str],
    min_n: int = DEFAULT_MIN_N,
    *,
    wave_census: Census | None = None,
) -> pd.DataFrame:
    """The groups of the view's breakdown by `by` (one row each, the `by` labels as text) whose own view is
    refused: pass them as `hide_groups` to the indicator of that breakdown, which hides them whole before
    step a (§7.4, last paragraph). `wave_census` is `census(responses, wave)` when the caller keeps one."""
    check_min_n(min_n)
    by = normalise_by(by)
    groups = group_rows(scope_rows(responses, wave, agency, unit, role_level), by)
    filters = {"agency": agency, "unit": unit, "role_level": role_level}
    counts = census(responses, wave) if wave_census is None else wave_census
    return groups.keys[counts.refused(filters, groups.keys, min_n)].reset_index(drop=True)
