"""The shell's side of priorities and action plans (not a page): the candidate focus areas of a scope, the plans a
reader may see, every write of a plan, and how each plan's measure moved.

Plans are read from the store on every run (a few rows), so a plan saved in another session shows at once; the
indicator tables behind them are cached like every other table, keyed on the store's data version. Every write goes
through `save`, `set_status` or `import_plans`, which check the reader's right here (`access.Person.may_plan`), not
only the page's buttons: a session that reaches them without a button still writes nothing it may not.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st

import access
import metrics
import plans
from shell import access as access_shell
from shell import data
from shell.text import joined

DRAFT_KEY = "plan_draft"  # the Plan the form starts from ("Start a plan", "Edit"); absent when no form is open
MEASURE_NAMES = {"score": "score (0–100)", "pct_favorable": "% favourable"}


def _instruments_latest_first() -> list[metrics.Instrument]:
    survey = data.survey()
    found = [survey.instrument_of(wave) for wave in reversed(survey.waves)] or [survey.instrument]
    return list({id(instrument): instrument for instrument in found}.values())


def focus_name(focus: str) -> str:
    """A domain's name, or an item's question, as a leader reads it (in the latest wave that asks it): an item's code
    means nothing to a leader, so it stands in only for an item without text."""
    for instrument in _instruments_latest_first():
        for domain in instrument.domains:
            if domain.code == focus:
                return domain.name
        for item in instrument.items:
            if item.code == focus:
                return item.text or item.code
    return focus


def scope_label(agency: str | None, unit: str | None) -> str:
    if agency is None:
        return "All agencies"
    return f"{agency} · {unit}" if unit else f"{agency} · whole agency"


def today() -> date:
    """The date plans are read against (which actions are overdue): the server's calendar day, read in one place."""
    return date.today()


class NotAllowed(Exception):
    """A write of plans the reader may not make; the message is a sentence a page shows."""


def may_see(plan: plans.Plan) -> bool:
    """A plan of every agency is a state-wide aggregate, which every reader may see."""
    return plan.agency is None or access_shell.person().sees(plan.agency)


def is_planner() -> bool:
    """Whether the reader starts and changes plans at all (viewers only read them)."""
    return access_shell.person().may(access.PLANNER)


def may_write(agency: str | None) -> bool:
    """Whether the reader may start or change a plan of `agency` (None: state-wide)."""
    return access_shell.person().may_plan(agency)


def _stored() -> dict[str, plans.Plan]:
    """The latest version of every stored plan, by plan id, whoever may see it."""
    stored = data.store().plans()
    return {row.plan_id: replace(plans.from_record(row.body), plan_id=row.plan_id) for row in stored.itertuples()}


def visible_plans() -> list[plans.Plan]:
    """The latest version of every plan the reader may see, by plan id."""
    return [plan for plan in _stored().values() if may_see(plan)]


def _refusal(agency: str | None) -> str:
    reader = access_shell.person()
    if not reader.may(access.PLANNER):
        return "Viewers read action plans; only analysts and admins start or change them. Nothing was saved."
    return (
        f"You plan only for {joined(list(reader.agencies or ()))}, so you may not write a plan for "
        f"{agency or 'all agencies (a state-wide plan)'}. Nothing was saved."
    )


def _write(changes: list[tuple[str | None, plans.Plan]]) -> list[str]:
    """Keep each (plan id or None for a new plan, plan) for the reader, all or none. The reader must be allowed the
    plan's agency and, for a change, the agency the stored plan had; a plan equal to its stored version is no write.
    A viewer writes nothing at all."""
    if not is_planner():
        raise NotAllowed(_refusal(None))
    stored = _stored()
    for plan_id, plan in changes:
        before = stored.get(plan_id) if plan_id is not None else None
        if before is not None and plans.to_record(before) == plans.to_record(replace(plan, plan_id=plan_id)):
            continue
        for agency in [plan.agency] + ([before.agency] if before is not None else []):
            if not may_write(agency):
                raise NotAllowed(_refusal(agency))
    bodies = [(plan_id, plans.to_record(plan)) for plan_id, plan in changes]
    return data.store().save_plans(bodies, who=access_shell.person().email)


def save(plan: plans.Plan) -> str:
    """Keep a new plan (no plan id) or a new version of a stored one, and return its id. NotAllowed when the reader
    may not write it; StoreError when the store refuses."""
    return _write([(plan.plan_id, plan)])[0]


def set_status(plan_id: str, status: str) -> None:
    """Close or reopen the stored plan `plan_id` (read afresh, so only its status changes); NotAllowed as `save`."""
    plan = _stored().get(plan_id)
    if plan is None or not may_see(plan):
        raise NotAllowed(f"There is no plan {plan_id} you may change. Nothing was saved.")
    _write([(plan_id, replace(plan, status=status))])


def import_plans(found: list[plans.Plan]) -> None:
    """Keep the plans of a file, all or none: one whose id is a plan the reader may see becomes its new version,
    any other a new plan. NotAllowed when the reader may not see or write one of them."""
    unseen = sum(not may_see(plan) for plan in found)
    if unseen:
        raise NotAllowed(f"{unseen} plans are for agencies you may not see; none of the file was imported.")
    known = {plan.plan_id for plan in visible_plans()}
    _write([(plan.plan_id if plan.plan_id in known else None, plan) for plan in found])


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
