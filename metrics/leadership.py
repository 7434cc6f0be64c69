"""Collective-leadership indicators (indicators §4): the leader-staff gap, shared influence breadth,
within-unit agreement r_wg, cross-unit coherence and the collective leadership composite.

Leaders are executives and managers; staff are everyone else, respondents without a role included.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from metrics.instrument import COLLECTIVE_ROLES, DEFAULT_ROLE_CODES, Instrument
from metrics.intervals import excludes_zero, group_spread, welch_interval
from metrics.policy import CONSENSUS, LARGE_GAP, NOTABLE_GAP, SHOWN_SHARE
from metrics.responses import (
    NOT_REPORTED,
    group_means,
    prepare,
    respondent_domain_means,
    respondent_domain_scores,
)
from metrics.rounding import TOLERANCE, at_least, shown, tier
from metrics.scoring import domain_table, group_frame, long_frame, shown_mean
from metrics.suppression import DEFAULT_MIN_N, check_min_n, suppressed_cells, suppressed_groups

# The roles' default codes, as the default instrument has them. The indicators ask the instrument which of its
# domains plays each role (`Instrument.role_domain`); these constants are only the defaults.
COMPOSITE_DOMAINS = tuple(DEFAULT_ROLE_CODES[role] for role in COLLECTIVE_ROLES)
SHARED_INFLUENCE_DOMAIN = DEFAULT_ROLE_CODES["decisions"]
INFLUENCE_ROLES = ("decisions",)


def missing_roles(instrument: Instrument, roles: Sequence[str] = COLLECTIVE_ROLES) -> list[str]:
    """The roles (of vision, decisions, trust, communication, partnership) that no domain of the instrument plays,
    in the order given: shared influence needs `INFLUENCE_ROLES`, the composite all of `COLLECTIVE_ROLES`."""
    unknown = [role for role in roles if role not in COLLECTIVE_ROLES]
    if unknown:
        raise ValueError(f"{unknown[0]!r} is not a collective-leadership role ({', '.join(COLLECTIVE_ROLES)}).")
    return [role for role in roles if instrument.role_domain(role) is None]


def _gap_arrays(responses, instrument, by, min_n, hide_groups=None):
    """Groups, and groups x domains arrays of both sides of the gap with §7.1, a and c applied."""
    check_min_n(min_n)
    prepared = prepare(responses, instrument, by, need_roles=True, hide_groups=hide_groups)
    groups = prepared.groups
    respondent = respondent_domain_scores(prepared)
    shape = (groups.count, len(instrument.domains))
    sides = {name: [np.full(shape, np.nan), np.zeros(shape, dtype=np.int64), np.full(shape, np.nan)] for name in "LS"}
    for name, rows in (("L", prepared.leaders), ("S", ~prepared.leaders)):
        for d in range(shape[1]):
            mean, count, variance = group_spread(groups.codes[rows], respondent[rows, d], groups.count)
            sides[name][0][:, d], sides[name][1][:, d], sides[name][2][:, d] = mean, count, variance
    (l_score, l_n, l_var), (s_score, s_n, s_var) = sides["L"], sides["S"]
    own_n = np.minimum(l_n, s_n)
    hidden = suppressed_cells(groups, suppressed_groups(groups, min_n)[:, None] | (own_n < min_n), own_n, min_n)
    gap = l_score - s_score
    low, high = welch_interval(gap, l_var, l_n, s_var, s_n)
    return prepared, (l_score, l_n, s_score, s_n, gap, low, high), hidden


def perception_gap(
    responses: pd.DataFrame,
    instrument: Instrument,
    by: str | Sequence[str] = (),
    min_n: int = DEFAULT_MIN_N,
    *,
    hide_groups: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per group x domain: leaders' and staff's domain scores (0-100) and their respondents with a
    score, `gap` = leaders - staff with its 95 % Welch interval, and `label` "large" (|gap| as shown >= 20)
    or "notable" (>= 10) when the interval excludes 0. Hidden when either side has fewer than min_n."""
    prepared, (l_score, l_n, s_score, s_n, gap, low, high), hidden = _gap_arrays(
        responses, instrument, by, min_n, hide_groups
    )
    size = np.abs(shown(gap))
    clear = excludes_zero(low, high)
    label = np.where(
        clear & at_least(size, LARGE_GAP), "large", np.where(clear & at_least(size, NOTABLE_GAP), "notable", "")
    )
    blank = lambda values: np.where(hidden, np.nan, values)  # noqa: E731
    return long_frame(
        prepared.groups,
        "domain",
        instrument.domain_codes,
        {
            "leaders_n": l_n,
            "staff_n": s_n,
            "leaders_score": blank(l_score),
            "staff_score": blank(s_score),
            "gap": blank(gap),
            "gap_low": blank(low),
            "gap_high": blank(high),
            "label": np.where(hidden, "", label).astype(object),
            "suppressed": hidden,
        },
    )


def overall_gap(
    responses: pd.DataFrame,
    instrument: Instrument,
    by: str | Sequence[str] = (),
    min_n: int = DEFAULT_MIN_N,
    *,
    hide_groups: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per group: mean of its shown domain gaps (points, leaders - staff), reported when at least
    80 % of the domains are shown; `domains` = how many it rests on. No label."""
    prepared, arrays, hidden = _gap_arrays(responses, instrument, by, min_n, hide_groups)
    gap, shown_count, reported = shown_mean(arrays[4], hidden, SHOWN_SHARE)
    suppressed = suppressed_groups(prepared.groups, min_n) | ~reported
    return group_frame(
        prepared.groups,
        {"domains": shown_count, "gap": np.where(suppressed, np.nan, gap), "suppressed": suppressed},
    )


def shared_influence(
    responses: pd.DataFrame,
    instrument: Instrument,
    by: str | Sequence[str] = (),
    min_n: int = DEFAULT_MIN_N,
    *,
    hide_groups: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per group: among its staff with a score on the domain that plays the decisions role (SHD by
    default; `n`), the share (0-100) whose mean on it is at or above the scale's lowest favourable point.
    Hidden when n < min_n, and every row is hidden for an instrument with no domain in that role."""
    check_min_n(min_n)
    prepared = prepare(responses, instrument, by, need_roles=True, hide_groups=hide_groups)
    groups = prepared.groups
    decisions = instrument.role_domain("decisions")
    if decisions is not None:
        means = respondent_domain_means(prepared)[:, instrument.domain_codes.index(decisions)]
        staff = ~prepared.leaders & ~np.isnan(means)
        agreeing = at_least(means, min(instrument.scale.favorable)).astype(float)
        share, n = group_means(groups.codes[staff], agreeing[staff] * 100.0, groups.count)
        hidden = suppressed_groups(groups, min_n) | (n < min_n)
        hidden = suppressed_cells(groups, hidden[:, None], n[:, None], min_n)[:, 0]
    else:
        share, n = np.full(groups.count, np.nan), np.zeros(groups.count, dtype=np.int64)
        hidden = np.ones(groups.count, dtype=bool)
    return group_frame(groups, {"n": n, "share": np.where(hidden, np.nan, share), "suppressed": hidden})


def agreement(
    responses: pd.DataFrame,
    instrument: Instrument,
    by: str | Sequence[str] = ("unit",),
    min_n: int = DEFAULT_MIN_N,
    *,
    hide_groups: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per group x domain: within-group agreement r_wg(J) (0-1) from the mean item variance against
    a uniform null, `consensus` when r_wg >= 0.70; `n` = respondents with a domain score, hidden below min_n."""
    check_min_n(min_n)
    prepared = prepare(responses, instrument, by, hide_groups=hide_groups)
    groups = prepared.groups
    k = instrument.scale.size
    sigma2 = (k**2 - 1) / 12
    respondent = respondent_domain_scores(prepared)
    group_hidden = suppressed_groups(groups, min_n)
    shape = (groups.count, len(instrument.domains))
    r_wg, n = np.full(shape, np.nan), np.zeros(shape, dtype=np.int64)
    for d, domain in enumerate(instrument.domain_codes):
        n[:, d] = group_means(groups.codes, respondent[:, d], groups.count)[1]
        columns = prepared.domain_columns(domain)
        variances = np.column_stack(
            [group_spread(groups.codes, prepared.answers[:, j], groups.count)[2] for j in columns]
        )
        usable = ~np.isnan(variances)
        s2 = np.divide(
            np.where(usable, variances, 0.0).sum(axis=1),
            usable.sum(axis=1),
            out=np.full(groups.count, np.nan),
            where=usable.any(axis=1),
        )
        ratio = s2 / sigma2
        j = len(columns)
        with np.errstate(invalid="ignore", divide="ignore"):
            value = j * (1 - ratio) / (j * (1 - ratio) + ratio)
        r_wg[:, d] = np.where(s2 >= sigma2 - TOLERANCE, 0.0, value)
    hidden = group_hidden[:, None] | (n < min_n)
    r_wg = np.where(hidden | np.isnan(r_wg), np.nan, r_wg)
    return long_frame(
        groups,
        "domain",
        instrument.domain_codes,
        {"n": n, "r_wg": r_wg, "consensus": at_least(r_wg, CONSENSUS) & ~hidden, "suppressed": hidden},
    )


def coherence(
    responses: pd.DataFrame,
    instrument: Instrument,
    min_n: int = DEFAULT_MIN_N,
    *,
    hide_groups: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per domain: 100 - (highest - lowest) of the unit scores shown in `domain_scores(by=("unit",))`
    (with the same `hide_groups`), leaving out "Not reported"; `units` = how many were used; reported only when
    at least 2 are."""
    check_min_n(min_n)
    table = domain_table(prepare(responses, instrument, ("unit",), hide_groups=hide_groups), min_n)
    is_unit = (table.groups.keys["unit"] != NOT_REPORTED).to_numpy()
    usable = ~table.hidden & is_unit[:, None]
    units = usable.sum(axis=0)
    spread = np.where(usable, table.score, -np.inf).max(axis=0, initial=-np.inf) - np.where(
        usable, table.score, np.inf
    ).min(axis=0, initial=np.inf)
    hidden = units < 2
    return pd.DataFrame(
        {
            "domain": instrument.domain_codes,
            "units": units,
            "coherence": np.where(hidden, np.nan, 100 - spread),
            "suppressed": hidden,
        }
    )


def collective_leadership(
    responses: pd.DataFrame,
    instrument: Instrument,
    by: str | Sequence[str] = (),
    min_n: int = DEFAULT_MIN_N,
    *,
    hide_groups: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per group: `composite` 0-100 = mean of the scores of the domains that play the five roles (vision,
    decisions, trust, communication, partnership; VIS, SHD, TRU, COM and PAR by default), reported only when all
    five are shown after §7; its tier; `n` = the group's rows. Every row is hidden when a role has no domain."""
    check_min_n(min_n)
    prepared = prepare(responses, instrument, by, hide_groups=hide_groups)
    table = domain_table(prepared, min_n)
    codes = [instrument.role_domain(role) for role in COLLECTIVE_ROLES]
    if None not in codes:
        columns = [instrument.domain_codes.index(code) for code in codes]
        composite, _, reported = shown_mean(table.score[:, columns], table.hidden[:, columns], None)
    else:
        composite, reported = np.full(prepared.groups.count, np.nan), np.zeros(prepared.groups.count, dtype=bool)
    hidden = table.group_hidden | ~reported
    composite = np.where(hidden, np.nan, composite)
    return group_frame(
        prepared.groups,
        {
            "n": prepared.groups.rows,
            "composite": composite,
            "tier": tier(composite, instrument.tiers),
            "suppressed": hidden,
        },
    )
