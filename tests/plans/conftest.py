"""A valid plan to start from, and the default instrument."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from metrics import Instrument, load_instrument
from plans import Action, Plan

STARTED = date(2025, 6, 2)


@pytest.fixture(scope="session")
def instrument() -> Instrument:
    return load_instrument()


def a_plan(**changes: object) -> Plan:
    """A plan with no problems: a domain focus, one agency, all its units, two actions (one due on the start day,
    the boundary), a baseline on show and a target at the next spring wave."""
    plan = Plan(
        focus="VIS",
        agency="Riverside USD",
        unit=None,
        problem="Staff do not see how the plan for Pre-K connects to their work.",
        challenge="adaptive",
        stakeholders=("LEAs", "Families", "Pre-K unit"),
        actions=(
            Action("Share the plan at every unit meeting", "Unit director", STARTED, "in progress"),
            Action("Ask staff what is unclear", "Deputy", date(2025, 9, 30)),
        ),
        measure="score",
        baseline_wave="2025 Spring",
        baseline=58.3,
        target=65.0,
        target_wave="2026 Spring",
        started=STARTED,
    )
    return replace(plan, **changes)
