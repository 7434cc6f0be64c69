"""An action plan: what a team will do about one result, and how it will know it worked.

Why: results matter only when a team acts on them. A plan names its focus (a domain or item), the problem in the
team's words, the kind of challenge, who takes part, the actions with owners and dates, and a target for a later
wave. `problems` says, in plain words, everything that keeps a plan from being saved, so that a page can show it
all at once; `to_record` / `from_record` turn a plan into the JSON-safe dict the store keeps, and back.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime

from metrics import Instrument, follow_through

CHALLENGES = ("technical", "adaptive")
CHALLENGE_HELP = (
    "A technical challenge has a known fix that experts can apply; an adaptive one asks people to change how they "
    "work, their values or habits, and to learn together."
)
STAKEHOLDERS = ("Head Start", "Child care", "LEAs", "Families", "Higher education", "Other agencies")
ACTION_STATUSES = ("not started", "in progress", "done", "dropped")
FINISHED = ("done", "dropped")  # an action in these asks nothing more, so it is never overdue
MEASURES = ("score", "pct_favorable")
PLAN_STATUSES = ("open", "closed")
STAKEHOLDER_SEPARATOR = ";"  # files keep the stakeholders of a plan in one cell, separated by this

_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_SEASON = re.compile(r"\b(winter|spring|summer|fall|autumn)\b", re.IGNORECASE)
_SEASON_ORDER = {"winter": 1, "spring": 2, "summer": 3, "fall": 4, "autumn": 4}


@dataclass(frozen=True)
class Action:
    """One step of a plan: what is done, by which role (never a person's name), by when, and how far it got."""

    what: str
    owner_role: str
    due: date
    status: str = "not started"


@dataclass(frozen=True)
class Plan:
    """A plan for one focus within a scope (agency, unit; None = all).

    The success measure is `measure` ("score" or "pct_favorable", 0-100) reaching `target` at `target_wave`;
    `baseline` is the value shown for `baseline_wave` when the plan was started (None when it was hidden).
    `plan_id` is None until the store has kept the plan.
    """

    focus: str
    agency: str | None
    unit: str | None
    problem: str
    challenge: str
    stakeholders: tuple[str, ...]
    actions: tuple[Action, ...]
    measure: str
    baseline_wave: str
    baseline: float | None
    target: float
    target_wave: str
    started: date
    status: str = "open"
    plan_id: str | None = None


def wave_order_key(label: str) -> tuple:
    """A sort key putting wave labels such as "2025 Spring" in time order.

    Labels sort by their first 4-digit year, then by season (no season first, then Winter < Spring < Summer <
    Fall, Autumn counting as Fall), then by their text. A label without a 4-digit year sorts after every label
    with one, among those by its text.
    """
    text = str(label)
    year = _YEAR.search(text)
    if year is None:
        return (1, 0, 0, text)
    season = _SEASON.search(text)
    return (0, int(year.group(1)), _SEASON_ORDER[season.group(1).lower()] if season else 0, text)


def problems(plan: Plan, instrument: Instrument) -> list[str]:
    """Every reason the plan cannot be saved, in plain words; an empty list when it can."""
    return [
        message if index is None else f"Action {index + 1}: {message}"
        for _, index, message in field_problems(plan, instrument)
    ]


def field_problems(plan: Plan, instrument: Instrument) -> list[tuple[str, int | None, str]]:
    """The problems as (field, action index or None, message), so that a file reader can name the row and column.

    A field is named as its column in the plan files; an action's problem has its index and a message in lower case
    (problems() prefixes it with "Action n: ").
    """
    found: list[tuple[str, int | None, str]] = []

    def add(field: str, message: str, action: int | None = None) -> None:
        found.append((field, action, message))

    codes = set(instrument.domain_codes) | set(instrument.item_codes)
    if not _filled(plan.focus):
        add("focus", "Choose a focus: a domain or an item of the instrument.")
    elif plan.focus not in codes:
        add("focus", f"'{plan.focus}' is not a domain or item code of the instrument '{instrument.name}'.")
    for field in ("agency", "unit"):
        value = getattr(plan, field)
        if value is not None and not _filled(value):
            add(field, f"The {field} is blank: leave it out to mean every {field}.")
    if not _filled(plan.problem):
        add("problem", "Describe the problem in the team's words.")
    if plan.challenge not in CHALLENGES:
        add("challenge", f"The kind of challenge must be technical or adaptive (found '{plan.challenge}').")
    for position, name in enumerate(plan.stakeholders, start=1):
        if not _filled(name):
            add("stakeholders", f"Stakeholder {position} has no name.")
        elif STAKEHOLDER_SEPARATOR in name:
            add("stakeholders", f"The stakeholder name '{name}' must not contain '{STAKEHOLDER_SEPARATOR}'.")
        elif name != name.strip():
            add("stakeholders", f"The stakeholder name '{name}' starts or ends with a space.")
    if plan.measure not in MEASURES:
        add("measure", f"The measure must be one of {', '.join(MEASURES)} (found '{plan.measure}').")
    if plan.baseline is not None and not _percent(plan.baseline):
        add("baseline", f"The baseline must be left empty or be a number from 0 to 100 (found {plan.baseline!r}).")
    if not _percent(plan.target):
        add("target", f"The target must be a number from 0 to 100 (found {plan.target!r}).")
    if not _filled(plan.baseline_wave):
        add("baseline_wave", "Name the baseline wave.")
    if not _filled(plan.target_wave):
        add("target_wave", "Name the wave by which the target should be reached.")
    elif _filled(plan.baseline_wave) and wave_order_key(plan.target_wave) <= wave_order_key(plan.baseline_wave):
        add(
            "target_wave",
            f"The target wave '{plan.target_wave}' must come after the baseline wave '{plan.baseline_wave}'.",
        )
    started = _is_date(plan.started)
    if not started:
        add("started", f"The start date must be a date (found {plan.started!r}).")
    if plan.status not in PLAN_STATUSES:
        add("status", f"The plan's status must be open or closed (found '{plan.status}').")
    for index, action in enumerate(plan.actions):
        if not _filled(action.what):
            add("what", "say what will be done.", index)
        if not _filled(action.owner_role):
            add("owner_role", "name the role that owns it.", index)
        if action.status not in ACTION_STATUSES:
            shown = ", ".join(ACTION_STATUSES)
            add("action_status", f"the status must be one of {shown} (found '{action.status}').", index)
        if not _is_date(action.due):
            add("due", f"the due date must be a date (found {action.due!r}).", index)
        elif started and action.due < plan.started:
            add("due", f"the due date {action.due} is before the plan's start, {plan.started}.", index)
    return found


def overdue(plan: Plan, today: date) -> list[bool]:
    """For each action of the plan, whether it is overdue: due before `today` and neither done nor dropped, in a plan
    still open (a closed plan asks nothing more of its actions). `today` is the caller's clock, so tests can set it."""
    return [plan.status == "open" and action.status not in FINISHED and action.due < today for action in plan.actions]


def to_record(plan: Plan) -> dict:
    """The plan as a JSON-safe dict (dates as ISO text), as the store keeps it."""
    return {
        "plan_id": plan.plan_id,
        "focus": plan.focus,
        "agency": plan.agency,
        "unit": plan.unit,
        "problem": plan.problem,
        "challenge": plan.challenge,
        "stakeholders": list(plan.stakeholders),
        "actions": [
            {"what": a.what, "owner_role": a.owner_role, "due": a.due.isoformat(), "status": a.status}
            for a in plan.actions
        ],
        "measure": plan.measure,
        "baseline_wave": plan.baseline_wave,
        "baseline": plan.baseline,
        "target": plan.target,
        "target_wave": plan.target_wave,
        "started": plan.started.isoformat(),
        "status": plan.status,
    }


def from_record(record: dict) -> Plan:
    """The plan of a record made by `to_record` (the inverse, exactly); ValueError for anything else."""
    try:
        actions = tuple(
            Action(a["what"], a["owner_role"], date.fromisoformat(a["due"]), a["status"]) for a in record["actions"]
        )
        return Plan(
            focus=record["focus"],
            agency=record["agency"],
            unit=record["unit"],
            problem=record["problem"],
            challenge=record["challenge"],
            stakeholders=tuple(record["stakeholders"]),
            actions=actions,
            measure=record["measure"],
            baseline_wave=record["baseline_wave"],
            baseline=record["baseline"],
            target=record["target"],
            target_wave=record["target_wave"],
            started=date.fromisoformat(record["started"]),
            status=record["status"],
            plan_id=record["plan_id"],
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"This is not a plan record ({type(error).__name__}: {error}).") from None


def _filled(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _percent(value: object) -> bool:
    """A finite number from 0 to 100 (a bool is not a number here)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) and 0 <= value <= 100


def _is_date(value: object) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


def judged(plan: Plan, responses, instrument: Instrument, min_n: int):
    """The plan's follow-through (`metrics.follow_through` of its focus, measure, waves, target and scope) in
    `responses`; the caller checks first that both waves are stored."""
    return follow_through(
        responses,
        instrument,
        focus=plan.focus,
        measure=plan.measure,
        baseline_wave=plan.baseline_wave,
        target_wave=plan.target_wave,
        target=plan.target,
        agency=plan.agency,
        unit=plan.unit,
        min_n=min_n,
    )
