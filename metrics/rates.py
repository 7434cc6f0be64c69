"""Response rates (indicators §6): how many of the people invited answered, per wave and group.

A rate is a count in disguise (rate x invited = responses), so a group whose count §7 hides has its rate hidden
too, and §7.2 step a runs across sibling groups so that no hidden count follows from a parent's total.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from metrics.policy import DEFAULT_CAUTION
from metrics.responses import Groups, attribute_labels, leader_mask, listed_groups, normalise_by
from metrics.rounding import below
from metrics.suppression import COMPLEMENTARY, DEFAULT_MIN_N, PRIMARY, check_min_n, suppressed_groups

ROSTER_BY = ("agency", "unit")  # the breakdowns a roster can give: it counts invited people per agency and unit

MORE_THAN_INVITED = "more responses than invited: the roster is wrong"
NOT_ON_ROSTER = "responses but no roster row: the roster is incomplete"
NONE_INVITED = "responses but 0 invited: the roster is wrong"

COLUMNS = ("responses", "invited", "rate", "caution", "error", "suppressed", "reason")


def response_rates(
    responses: pd.DataFrame,
    roster: pd.DataFrame,
    by: str | Sequence[str] = ("agency", "unit"),
    min_n: int = DEFAULT_MIN_N,
    caution: float = DEFAULT_CAUTION,
    *,
    hide_groups: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per wave x group present in the roster or the responses, waves and groups sorted as text:
    `wave, *by, responses, invited, rate, caution, error, suppressed, reason`.

    `responses` counts the group's rows; `invited` sums the roster's rows of the group (NaN when it has none);
    `rate` = 100 x responses / invited; `caution` = rate below the threshold (unrounded, §3.0); `error` is a
    plain sentence when the roster cannot be right for the group (the rate is then NaN). A group with 1 to
    min_n - 1 responses, and the sibling that §7.2 step a takes with it, has `rate` NaN, `suppressed` True and
    `reason` the words of §7.1; its `responses` stays in the data (§3.0: counts of who answered are kept for
    the rules of §7, never shown). A roster group nobody answered (0 responses) hides
    nobody's answers and is shown as 0 %, like §7.4's "1 to min_n - 1". `hide_groups` (columns `wave, *by`)
    lists the groups whose own view is refused (`refused_groups` of each wave): hidden whole before step a.
    """
    check_min_n(min_n)
    by = _check_by(normalise_by(by), responses, roster)
    leader_mask(responses, required=False)  # every metrics function refuses a bad role_level (§2)
    invited = _check_invited(roster)

    keys = ["wave", *by]
    answered = _labels(responses, by).groupby(keys, sort=False).size().rename("responses")
    roster_keys = _labels(roster, by).assign(invited=invited).groupby(keys, sort=False)["invited"]
    table = pd.concat(
        [answered, roster_keys.sum().rename("invited"), roster_keys.size().rename("roster_rows")], axis=1
    ).reset_index()
    table.columns = ["wave", *by, "responses", "invited", "roster_rows"]
    table = table.sort_values(["wave", *by], kind="stable").reset_index(drop=True)  # text by code point
    table["responses"] = table["responses"].fillna(0).astype(float)
    table["invited"] = table["invited"].astype(float).where(table["roster_rows"].notna())

    refused = (
        np.zeros(len(table), dtype=bool) if hide_groups is None else listed_groups(table, ["wave", *by], hide_groups)
    )
    hidden, reason = _suppression(table, by, min_n, refused)
    table["error"] = _errors(table)
    rate = 100 * table["responses"] / table["invited"].where(table["invited"] > 0)
    table["rate"] = rate.where((table["error"] == "") & ~hidden)
    table["caution"] = below(table["rate"], caution)
    table["suppressed"] = hidden
    table["reason"] = reason
    return table[["wave", *by, *COLUMNS]]


def _check_by(by: tuple[str, ...], responses: pd.DataFrame, roster: pd.DataFrame) -> tuple[str, ...]:
    """A roster counts invited people per agency and unit, so rates break down by those columns only."""
    for column in by:
        if column not in ROSTER_BY:
            raise ValueError(
                f"Response rates cannot be broken down by '{column}': the roster counts invited people per "
                "agency and unit only."
            )
    if len(set(by)) != len(by):
        raise ValueError("Each column may appear only once in `by`.")
    for name, table in (("responses", responses), ("roster", roster)):
        for column in ("wave", *by):
            if column not in table.columns:
                raise ValueError(f"The {name} have no column '{column}'.")
    return by


def _check_invited(roster: pd.DataFrame) -> np.ndarray:
    """Invited counts as floats; anything but whole numbers of 0 or more is refused, naming the column."""
    column = roster["invited"] if "invited" in roster.columns else None
    if column is None:
        raise ValueError("The roster has no column 'invited'.")
    if pd.api.types.is_bool_dtype(column.dtype) or not (pd.api.types.is_numeric_dtype(column.dtype) or column.empty):
        raise ValueError("Roster column 'invited' must hold whole numbers of 0 or more.")
    values = column.to_numpy(dtype=float, na_value=np.nan)
    if np.isnan(values).any() or (values < 0).any() or (np.floor(values) != values).any():
        raise ValueError("Roster column 'invited' must hold whole numbers of 0 or more on every row.")
    return values


def _labels(table: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
    """The wave and `by` labels of each row, a missing value read as "Not reported" (§2)."""
    return pd.DataFrame(
        {column: attribute_labels(table[column]) for column in ("wave", *by)}, index=table.index, dtype=object
    )


def _suppression(
    table: pd.DataFrame, by: tuple[str, ...], min_n: int, refused: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """§7.1, the refused groups and step a within each wave, among the groups somebody answered in (siblings
    share all `by` values but the last). Groups with 0 responses stay out of step a: hiding one would protect
    nobody."""
    hidden = np.zeros(len(table), dtype=bool)
    counts = table["responses"].to_numpy()
    for _, positions in table.groupby("wave", sort=False).indices.items():
        answered = positions[counts[positions] > 0]
        keys = table.loc[answered, list(by)].reset_index(drop=True)
        rows = counts[answered].astype(np.int64)
        groups = Groups(by, keys, np.empty(0, dtype=np.int64), rows, refused[answered])
        hidden[answered] = suppressed_groups(groups, min_n)
    reason = np.where(hidden, np.where(counts < min_n, PRIMARY, COMPLEMENTARY), "").astype(object)
    return hidden, reason


def _errors(table: pd.DataFrame) -> pd.Series:
    """A plain sentence when the roster cannot be right for a group; "" otherwise."""
    answered = table["responses"] > 0
    no_row = table["roster_rows"].isna()
    none_invited = table["invited"].eq(0)
    more = table["responses"] > table["invited"]
    error = np.select(
        [answered & no_row, answered & none_invited, more],
        [NOT_ON_ROSTER, NONE_INVITED, MORE_THAN_INVITED],
        default="",
    )
    return pd.Series(error, index=table.index, dtype=object)
