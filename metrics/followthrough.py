"""Follow-through of an action plan: did the plan's measure move, judged by the change rule of §5.

A plan names a focus (a domain or an item), a measure ("score" or "pct_favorable"), a baseline wave, a
target wave and a target. Each wave's value is the one a reader of that wave's view of the scope would see,
so nothing hidden there (§7) is ever used; the change is credited only when it is meaningful (shown
|change| >= 5 points and its 95 % Welch interval excludes 0), so a target reached by chance is not "met".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from metrics.change import MEANINGFUL_CHANGE
from metrics.instrument import Instrument
from metrics.intervals import excludes_zero, group_spread, welch_interval
from metrics.responses import prepare, respondent_domain_scores
from metrics.rounding import at_least, shown
from metrics.scope import scope_rows
from metrics.scoring import domain_scores, item_stats
from metrics.suppression import (
    COMPLEMENTARY,
    DEFAULT_MIN_N,
    EMPTY,
    PRIMARY,
    TOO_SMALL,
    check_min_n,
    refused_groups,
    view_refusal,
)

FOLLOW_THROUGH = ("target met", "improved, target not met", "no clear change", "declined", "not reportable")
MEASURES = ("score", "pct_favorable")


@dataclass(frozen=True)
class FollowThrough:
    """The status of one plan's measure between its baseline and target waves (0-100 points)."""

    status: str  # one of FOLLOW_THROUGH
    baseline: float  # NaN when not reportable
    actual: float  # NaN when not reportable
    change: float
    ci_low: float
    ci_high: float
    reason: str  # "" or, when not reportable, a plain sentence saying which wave and why (never a number)


@dataclass(frozen=True)
class _Cell:
    value: float
    n: int
    why_hidden: str  # "" when shown, else the words of §7.1 (or "no responses")


def measure_value(
    responses: pd.DataFrame,
    instrument: Instrument,
    *,
    focus: str,
    measure: str,
    wave: str,
    agency: str | None = None,
    unit: str | None = None,
    min_n: int = DEFAULT_MIN_N,
) -> tuple[float, int] | None:
    """The focus's value in one wave and scope (0-100, unrounded) with its cell's n, or None when that wave's
    view would not show it (§7: view refused, cell suppressed in its own table or in the breakdown of the
    scope's parent by unit or by agency). `n` is the table's: respondents with a domain score for a domain,
    valid answers for an item."""
    cell = _cell(responses, instrument, focus, measure, wave, agency, unit, min_n)
    return None if cell.why_hidden else (cell.value, cell.n)


def follow_through(
    responses: pd.DataFrame,
    instrument: Instrument,
    *,
    focus: str,
    measure: str,
    baseline_wave: str,
    target_wave: str,
    target: float,
    agency: str | None = None,
    unit: str | None = None,
    min_n: int = DEFAULT_MIN_N,
) -> FollowThrough:
    """The plan's status (FOLLOW_THROUGH), the two waves' values, the change (actual - baseline, points) and
    its 95 % Welch interval (§5). Thresholds are decided on the values as shown (§3.0); role is always all."""
    if isinstance(target, bool) or not isinstance(target, (int, float, np.integer, np.floating)):
        raise ValueError(f"The target must be a number on 0-100, not {target!r}.")
    if not math.isfinite(float(target)):
        raise ValueError("The target must be a finite number on 0-100.")
    cells = {
        label: _cell(responses, instrument, focus, measure, wave, agency, unit, min_n)
        for label, wave in (("baseline", baseline_wave), ("target", target_wave))
    }
    hidden = {label: cell.why_hidden for label, cell in cells.items() if cell.why_hidden}
    if hidden:
        waves = {"baseline": baseline_wave, "target": target_wave}
        if len(hidden) == 1:
            ((label, why),) = hidden.items()
            reason = f"The {label} wave ({waves[label]}) is not reported for this scope: {why}."
        else:
            reason = (
                f"Neither wave is reported for this scope: baseline ({baseline_wave}) {hidden['baseline']}; "
                f"target ({target_wave}) {hidden['target']}."
            )
        nan = float("nan")
        return FollowThrough("not reportable", nan, nan, nan, nan, nan, reason)
    baseline, actual = cells["baseline"].value, cells["target"].value
    change = actual - baseline
    spreads = [
        _spread(scope_rows(responses, wave, agency, unit), instrument, focus, measure)
        for wave in (baseline_wave, target_wave)
    ]
    (_, n_from, var_from), (_, n_to, var_to) = spreads
    low, high = (float(x[0]) for x in welch_interval(np.array([change]), var_to, n_to, var_from, n_from))
    meaningful = bool(at_least(abs(shown(change)), MEANINGFUL_CHANGE) and excludes_zero(low, high))
    reached = bool(at_least(shown(actual), float(target)))
    if meaningful and change < 0:
        status = "declined"
    elif reached and ((meaningful and change > 0) or at_least(shown(baseline), float(target))):
        status = "target met"
    elif meaningful and change > 0:
        status = "improved, target not met"
    else:
        status = "no clear change"
    return FollowThrough(status, baseline, actual, change, low, high, "")


def _cell(responses, instrument, focus, measure, wave, agency, unit, min_n) -> _Cell:
    """One wave's value of the focus in the scope, and why it is hidden ("" when shown)."""
    check_min_n(min_n)
    is_domain = _check_focus(instrument, focus, measure)
    prepare(responses, instrument)  # the whole table is checked, whatever the wave and scope
    refusal = view_refusal(responses, wave, agency, unit, None, min_n)
    if refusal:
        words = {EMPTY: "no responses", TOO_SMALL: PRIMARY}.get(refusal, COMPLEMENTARY)
        return _Cell(math.nan, 0, words)
    table = domain_scores if is_domain else item_stats
    key = "domain" if is_domain else "item"
    own = table(scope_rows(responses, wave, agency, unit), instrument, (), min_n)
    row = own[own[key] == focus].iloc[0]
    if row["suppressed"]:
        return _Cell(math.nan, 0, PRIMARY if row["n"] < min_n else COMPLEMENTARY)
    # Complementary suppression: the same cell in the breakdown of the scope's parent, as a page shows that
    # breakdown (groups whose own view is refused hidden whole first), must be shown too.
    if unit is not None or agency is not None:
        column, parent_agency = ("unit", agency) if unit is not None else ("agency", None)
        hide = refused_groups(responses, wave, parent_agency, None, None, (column,), min_n)
        parent = scope_rows(responses, wave, parent_agency)
        wider = table(parent, instrument, (column,), min_n, hide_groups=hide)
        sibling = wider[(wider[key] == focus) & (wider[column] == str(unit if unit is not None else agency))]
    else:
        sibling = own.iloc[0:0]
    if sibling["suppressed"].any():
        return _Cell(math.nan, 0, COMPLEMENTARY)
    if measure == "pct_favorable":
        value = row["pct_favorable"]
    elif is_domain:
        value = row["score"]
    else:
        scale = instrument.scale
        value = (row["mean"] - scale.lo) / (scale.hi - scale.lo) * 100
    return _Cell(float(value), int(row["n"]), "")


def _spread(rows: pd.DataFrame, instrument: Instrument, focus: str, measure: str) -> tuple[float, int, float]:
    """Mean, count and sample variance of the values the interval rests on (§5): respondent domain scores;
    an item's valid answers rescaled to 0-100; or, for % favourable, 0/100 per valid answer, pooled over the
    focus's items (answers treated as independent)."""
    prepared = prepare(rows, instrument)
    if measure == "score" and focus in instrument.domain_codes:
        values = respondent_domain_scores(prepared)[:, instrument.domain_codes.index(focus)]
    else:
        if focus in instrument.domain_codes:
            columns = prepared.domain_columns(focus)
        else:
            columns = [instrument.item_codes.index(focus)]
        answers = prepared.answers[:, columns].reshape(-1)
        scale = instrument.scale
        if measure == "score":
            values = (answers - scale.lo) / (scale.hi - scale.lo) * 100
        else:
            values = np.where(np.isnan(answers), np.nan, np.isin(answers, scale.favorable) * 100.0)
    mean, count, variance = group_spread(np.zeros(len(values), dtype=np.int64), values, 1)
    return float(mean[0]), int(count[0]), float(variance[0])


def _check_focus(instrument: Instrument, focus: str, measure: str) -> bool:
    """True for a domain focus, False for an item; ValueError for anything else."""
    if measure not in MEASURES:
        raise ValueError(f"The measure must be one of {', '.join(MEASURES)}, not {measure!r}.")
    if focus in instrument.domain_codes:
        return True
    if focus in instrument.item_codes:
        return False
    raise ValueError(f"{focus!r} is neither a domain nor an item of the instrument.")
