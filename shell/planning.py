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
from shell import access as access_shell
from shell import data

DRAFT_KEY = "plan_draft"  # the Plan the form starts from ("Start a plan", "Edit"); absent when no form is open
MEASURE_NAMES = {"score": "score (0–100)", "pct_favorable": "% favourable"}


def _instruments_latest_first() -> list[metrics.Instrument]:
    survey = data.survey()
    found = [survey.instrument_of(wave) for wave in reversed(survey.waves)] or [survey.instrument]
    return list({id(instrument): instrument for instrument in found}.values())


def focus_name(focus: str) -> str:
    """A domain's name, or an item's code and text, as a leader reads it (in the latest wave that asks it)."""
    for instrument in _instruments_latest_first():
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
    stored = data.store().plans()
    kept = [replace(plans.from_record(row.body), plan_id=row.plan_id) for row in stored.itertuples()]
    return [plan for plan in kept if may_see(plan)]


def history(plan_id: str) -> pd.DataFrame:
    """The plan's versions, oldest first, as a reader sees them (when, who, what kind of change)."""
    table = data.store().plan_history(plan_id)
    return pd.DataFrame(
        {
            "version": table["version"],
            "saved (UTC)": table["saved_at"].dt.strftime("%Y-%m-%d %H:%M"),
            "by": table["saved_by"],
            "change": table["action"].str.replace("_plan", "", regex=False),
        }
    )


@st.cache_data(show_spinner=False)
def _baseline(version: data.Version, focus, measure, wave, agency, unit) -> float | None:
    found = metrics.measure_value(
        data.responses(),
        data.survey().instrument_of(wave),
        focus=focus,
        measure=measure,
        wave=wave,
        agency=agency,
        unit=unit,
        min_n=data.min_n(),
    )
    return None if found is None else float(found[0])


def baseline(focus: str, measure: str, wave: str, agency: str | None, unit: str | None) -> float | None:
    """The measure's value in `wave` as shown (unrounded), or None when it would be hidden."""
    return _baseline(data.version(), focus, measure, wave, agency, unit)


@st.cache_data(show_spinner=False)
def _follow_through(version: data.Version, plan: plans.Plan) -> metrics.FollowThrough:
    return plans.judged(plan, data.responses(), data.survey().instrument_of(plan.target_wave), data.min_n())


def follow_through(plan: plans.Plan) -> metrics.FollowThrough | None:
    """How the plan's measure moved by its target wave; None while that wave is not stored, or when the two waves'
    instruments ask the plan's domain differently (§5: no change is computed)."""
    stored = data.waves()
    if plan.target_wave not in stored or plan.baseline_wave not in stored:
        return None
    survey = data.survey()
    later = survey.instrument_of(plan.target_wave)
    domain = next((item.domain for item in later.items if item.code == plan.focus), plan.focus)
    if domain not in survey.comparable(plan.baseline_wave, plan.target_wave):
        return None
    return _follow_through(data.version(), plan)


def active_plans(agency: str | None, unit: str | None) -> dict[str, list[str]]:
    """Open plans of exactly this scope, by the domain they work on: {domain code: [plan ids]}."""
    domain_of = {
        item.code: item.domain for instrument in _instruments_latest_first()[::-1] for item in instrument.items
    }
    found: dict[str, list[str]] = {}
    for plan in visible_plans():
        if plan.status == "open" and (plan.agency, plan.unit) == (agency, unit):
            found.setdefault(domain_of.get(plan.focus, plan.focus), []).append(str(plan.plan_id))
    return found
