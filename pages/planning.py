"""The shell's side of priorities and action plans (not a page): the candidate focus areas of a scope, the plans a
reader may see, and how each plan's measure moved.

Plans are read from the store on every run (a few rows), so a plan saved in another session shows at once; the
indicator tables behind them are cached like every other table, keyed on the store's data version.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

import metrics
import plans
from pages import access as access_shell
from pages import scope

DRAFT_KEY = "plan_draft"  # the Plan the form starts from ("Start a plan", "Edit"); absent when no form is open
MEASURE_NAMES = {"score": "score (0–100)", "pct_favorable": "% favourable"}


def earlier_wave(version: scope.Version, wave: str) -> str | None:
    """The stored wave just before `wave` (waves sort as text, as every page sorts them)."""
    earlier = [w for w in scope._waves(version) if w < wave]
    return earlier[-1] if earlier else None


@st.cache_data(show_spinner="Looking for focus areas…")
def priority_table(version: scope.Version, wave: str, agency: str | None, unit: str | None) -> pd.DataFrame:
    """`metrics.priorities` of a scope (all roles). Agreement within units needs an agency: across all agencies
    units of the same name are different offices, and a reader scoped to one agency must not see the others'."""
    instrument, n = scope.instrument(), scope._min_n(version)
    rows = scope.rows(version, wave, agency, unit, None)
    since = earlier_wave(version, wave)
    change = None
    if since is not None and not scope.refusal(version, since, agency, unit, None):
        both = pd.concat([scope.rows(version, since, agency, unit, None), rows], ignore_index=True)
        change = metrics.domain_change(both, instrument, since, wave, min_n=n)
    agreement = None
    if agency is not None:
        hide = scope.refused_groups(version, wave, agency, unit, None, ("unit",))
        agreement = metrics.agreement(rows, instrument, by=("unit",), min_n=n, hide_groups=hide)
    return metrics.priorities(
        metrics.domain_scores(rows, instrument, min_n=n),
        metrics.item_stats(rows, instrument, min_n=n),
        metrics.perception_gap(rows, instrument, min_n=n),
        metrics.shared_influence(rows, instrument, min_n=n),
        agreement,
        change,
        instrument,
        since=since,
    )


def focus_name(focus: str) -> str:
    """A domain's name, or an item's code and text, as a leader reads it."""
    instrument = scope.instrument()
    for domain in instrument.domains:
        if domain.code == focus:
            return domain.name
    for item in instrument.items:
        if item.code == focus:
            return f"{item.code}: {item.text}"
    return focus


def scope_label(agency: str | None, unit: str | None) -> str:
    if agency is None:
        return "All agencies"
    return f"{agency} · {unit}" if unit else f"{agency} · whole agency"


def may_see(plan: plans.Plan) -> bool:
    """A plan of every agency is a state-wide aggregate, which every reader may see."""
    return plan.agency is None or access_shell.person().sees(plan.agency)


def visible_plans() -> list[plans.Plan]:
    """The latest version of every plan the reader may see, by plan id."""
    stored = scope.store().plans()
    kept = [replace(plans.from_record(row.body), plan_id=row.plan_id) for row in stored.itertuples()]
    return [plan for plan in kept if may_see(plan)]


def history(plan_id: str) -> pd.DataFrame:
    """The plan's versions, oldest first, as a reader sees them (when, who, what kind of change)."""
    table = scope.store().plan_history(plan_id)
    return pd.DataFrame(
        {
            "version": table["version"],
            "saved (UTC)": table["saved_at"].dt.strftime("%Y-%m-%d %H:%M"),
            "by": table["saved_by"],
            "change": table["action"].str.replace("_plan", "", regex=False),
        }
    )


@st.cache_data(show_spinner=False)
def _baseline(version, focus, measure, wave, agency, unit) -> float | None:
    found = metrics.measure_value(
        scope._responses(version),
        scope.instrument(),
        focus=focus,
        measure=measure,
        wave=wave,
        agency=agency,
        unit=unit,
        min_n=scope._min_n(version),
    )
    return None if found is None else float(found[0])


def baseline(focus: str, measure: str, wave: str, agency: str | None, unit: str | None) -> float | None:
    """The measure's value in `wave` as shown (unrounded), or None when it would be hidden."""
    return _baseline(scope.version(), focus, measure, wave, agency, unit)


@st.cache_data(show_spinner=False)
def _follow_through(version: scope.Version, plan: plans.Plan) -> metrics.FollowThrough:
    return plans.judged(plan, scope._responses(version), scope.instrument(), scope._min_n(version))


def follow_through(plan: plans.Plan) -> metrics.FollowThrough | None:
    """How the plan's measure moved by its target wave; None while that wave is not stored."""
    current = scope.version()
    if plan.target_wave not in scope._waves(current) or plan.baseline_wave not in scope._waves(current):
        return None
    return _follow_through(current, plan)


def active_plans(agency: str | None, unit: str | None) -> dict[str, list[str]]:
    """Open plans of exactly this scope, by the domain they work on: {domain code: [plan ids]}."""
    instrument = scope.instrument()
    domain_of = {item.code: item.domain for item in instrument.items}
    found: dict[str, list[str]] = {}
    for plan in visible_plans():
        if plan.status == "open" and (plan.agency, plan.unit) == (agency, unit):
            found.setdefault(domain_of.get(plan.focus, plan.focus), []).append(str(plan.plan_id))
    return found
