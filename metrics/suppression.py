"""Confidentiality (indicators §7.1-7.4): the one place where cells are hidden and filtered views refused.

Every indicator calls these functions, so that a group below the minimum size, and whatever would let a
reader rebuild it by subtraction, is hidden the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from metrics.responses import Groups, group_rows
from metrics.scope import scope_rows

DEFAULT_MIN_N = 5
PRIMARY = "not enough responses to report"
COMPLEMENTARY = "hidden to protect a small group"


def check_min_n(min_n: int) -> None:
    """§7.3: a minimum group size below 3 is refused."""
    if isinstance(min_n, bool) or not isinstance(min_n, (int, np.integer)):
        raise ValueError(f"min_n must be a whole number of respondents, not {min_n!r}.")
    if min_n < 3:
        raise ValueError(f"min_n = {min_n} is below 3; groups that small cannot be reported confidentially.")


def parents(groups: Groups) -> np.ndarray:
    """Each group's parent id: siblings share every `by` value but the last (one `by`: all are siblings)."""
    if len(groups.by) <= 1:
        return np.zeros(groups.count, dtype=np.int64)
    return groups.keys.groupby(list(groups.by[:-1]), sort=False).ngroup().to_numpy()


def suppressed_groups(groups: Groups, min_n: int) -> np.ndarray:
    """§7.1 on the group's rows, then step a: a lone small sibling takes its smallest sibling with it."""
    rows = groups.rows
    hidden = rows < min_n
    parent_of = parents(groups)
    for parent in np.unique(parent_of):
        members = np.flatnonzero(parent_of == parent)
        small = members[rows[members] < min_n]
        if len(small) == 1 and len(members) > 1:
            others = members[members != small[0]]
            hidden[others[np.argmin(rows[others])]] = True  # argmin takes the first in sort order on ties
    return hidden


def suppressed_cells(groups: Groups, hidden: np.ndarray, own_n: np.ndarray) -> np.ndarray:
    """Step c on a groups x measures matrix of already-hidden cells: a lone hidden cell among siblings
    takes the shown sibling cell with the smallest own n (ties: first in sort order). Returns a new matrix."""
    hidden = np.array(hidden, dtype=bool, copy=True)
    parent_of = parents(groups)
    for parent in np.unique(parent_of):
        members = np.flatnonzero(parent_of == parent)
        block = hidden[members]
        lone = np.flatnonzero((block.sum(axis=0) == 1) & ((~block).sum(axis=0) >= 1))
        for measure in lone:
            shown_members = members[~block[:, measure]]
            hidden[shown_members[np.argmin(own_n[shown_members, measure])], measure] = True
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
    """§7.4: True when the view leaves out 1 to min_n - 1 of the respondents of any of its parent views (the
    same view with one filter removed), so that subtracting it from the parent would reveal a small group."""
    check_min_n(min_n)
    return any(1 <= parent - view_rows <= min_n - 1 for parent in parent_rows)


EMPTY, TOO_SMALL, PROTECTS_SMALL_GROUP = "empty", "too small", "protects a small group"


def view_refusal(
    responses: pd.DataFrame,
    wave: str | None,
    agency: str | None,
    unit: str | None,
    role_level: str | None,
    min_n: int = DEFAULT_MIN_N,
) -> str:
    """Why a filtered view may not be shown ("" when it may): EMPTY, TOO_SMALL (§7.1: fewer than min_n rows), or
    PROTECTS_SMALL_GROUP (§7.4: it leaves 1 to min_n - 1 people out of a wider view, one filter removed; or the
    wider view's breakdown by that filter hides this group whole to protect a small sibling)."""
    check_min_n(min_n)
    size = len(scope_rows(responses, wave, agency, unit, role_level))
    if size == 0:
        return EMPTY
    if size < min_n:
        return TOO_SMALL
    filters = {"agency": agency, "unit": unit, "role_level": role_level}
    for column, value in filters.items():
        if value is None:
            continue
        parent = scope_rows(responses, wave, **{**filters, column: None})
        if differencing_refused(size, [len(parent)], min_n) or hidden_in_breakdown(parent, column, value, min_n):
            return PROTECTS_SMALL_GROUP
    return ""
