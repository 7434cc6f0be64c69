"""A plan's checks say every reason it cannot be saved; waves sort in time order; records round-trip exactly."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime

import pytest

import plans
from plans import (
    ACTION_STATUSES,
    CHALLENGE_HELP,
    CHALLENGES,
    MEASURES,
    STAKEHOLDERS,
    Action,
    from_record,
    problems,
    to_record,
    wave_order_key,
)
from tests.plans.conftest import STARTED, a_plan
from tests.store.conftest import ROOT


def test_the_choices_are_as_the_issue_names_them() -> None:
    assert CHALLENGES == ("technical", "adaptive")
    assert STAKEHOLDERS == ("Head Start", "Child care", "LEAs", "Families", "Higher education", "Other agencies")
    assert ACTION_STATUSES == ("not started", "in progress", "done", "dropped")
    assert MEASURES == ("score", "pct_favorable")
    assert CHALLENGE_HELP.count(".") == 1 and CHALLENGE_HELP.endswith(".")  # one sentence
    assert "known fix" in CHALLENGE_HELP and "learn together" in CHALLENGE_HELP


def test_a_default_action_has_not_started() -> None:
    assert Action("Meet", "Director", STARTED).status == "not started"
    assert a_plan().status == "open" and a_plan().plan_id is None


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"focus": "VIS2"},  # an item code
        {"agency": None, "unit": None},  # every agency
        {"unit": "101"},
        {"baseline": None},  # hidden when the plan was started
        {"baseline": 0.0, "target": 100.0},  # the bounds
        {"target": 0, "baseline": 100},  # whole numbers
        {"stakeholders": ()},
        {"actions": ()},
        {"challenge": "technical", "measure": "pct_favorable", "status": "closed"},
        {"target_wave": "2025 Fall"},  # later in the same year
        {"baseline_wave": "2024-25 Winter", "target_wave": "2024-25 Spring"},
    ],
)
def test_a_complete_plan_has_no_problems(instrument, changes) -> None:
    assert problems(a_plan(**changes), instrument) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"focus": ""}, "Choose a focus: a domain or an item of the instrument."),
        ({"focus": "  "}, "Choose a focus: a domain or an item of the instrument."),
        ({"focus": "vis"}, "'vis' is not a domain or item code of the instrument '{name}'."),
        ({"focus": "XYZ9"}, "'XYZ9' is not a domain or item code of the instrument '{name}'."),
        ({"agency": " "}, "The agency is blank: leave it out to mean every agency."),
        ({"unit": ""}, "The unit is blank: leave it out to mean every unit."),
        ({"problem": "\n "}, "Describe the problem in the team's words."),
        ({"challenge": "Adaptive"}, "The kind of challenge must be technical or adaptive (found 'Adaptive')."),
        ({"stakeholders": ("LEAs", "")}, "Stakeholder 2 has no name."),
        ({"stakeholders": ("LEAs; Families",)}, "The stakeholder name 'LEAs; Families' must not contain ';'."),
        ({"stakeholders": (" LEAs",)}, "The stakeholder name ' LEAs' starts or ends with a space."),
        ({"measure": "mean"}, "The measure must be one of score, pct_favorable (found 'mean')."),
        ({"baseline": -0.1}, "The baseline must be left empty or be a number from 0 to 100 (found -0.1)."),
        ({"baseline": math.nan}, "The baseline must be left empty or be a number from 0 to 100 (found nan)."),
        ({"target": 120.0}, "The target must be a number from 0 to 100 (found 120.0)."),
        ({"target": 100.01}, "The target must be a number from 0 to 100 (found 100.01)."),
        ({"target": math.inf}, "The target must be a number from 0 to 100 (found inf)."),
        ({"target": "65"}, "The target must be a number from 0 to 100 (found '65')."),
        ({"target": True}, "The target must be a number from 0 to 100 (found True)."),
        ({"baseline_wave": ""}, "Name the baseline wave."),
        ({"target_wave": ""}, "Name the wave by which the target should be reached."),
        (
            {"target_wave": "2025 Spring"},
            "The target wave '2025 Spring' must come after the baseline wave '2025 Spring'.",
        ),
        (
            {"target_wave": "2024 Fall"},
            "The target wave '2024 Fall' must come after the baseline wave '2025 Spring'.",
        ),
        (
            {"target_wave": "2025 Winter"},  # winter comes before spring within a year
            "The target wave '2025 Winter' must come after the baseline wave '2025 Spring'.",
        ),
        (
            {"started": datetime(2025, 6, 2, 9, 0)},
            "The start date must be a date (found datetime.datetime(2025, 6, 2, 9, 0)).",
        ),
        ({"status": "archived"}, "The plan's status must be open or closed (found 'archived')."),
    ],
)
def test_each_problem_is_named_in_plain_words(instrument, changes, expected) -> None:
    assert problems(a_plan(**changes), instrument) == [expected.format(name=instrument.name)]


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        (Action("", "Director", STARTED), "Action 2: say what will be done."),
        (Action("Meet", " ", STARTED), "Action 2: name the role that owns it."),
        (Action("Meet", "Director", STARTED, "finished"), (
            "Action 2: the status must be one of not started, in progress, done, dropped (found 'finished')."
        )),
        (Action("Meet", "Director", date(2025, 6, 1)), (
            "Action 2: the due date 2025-06-01 is before the plan's start, 2025-06-02."
        )),
        (Action("Meet", "Director", "2025-07-01"), "Action 2: the due date must be a date (found '2025-07-01')."),
    ],
)  # fmt: skip
def test_action_problems_name_the_action(instrument, action, expected) -> None:
    plan = a_plan(actions=(a_plan().actions[0], action))
    assert problems(plan, instrument) == [expected]


def test_every_problem_is_listed_at_once(instrument) -> None:
    plan = a_plan(focus="", problem="", target=120, actions=(Action("", "", date(2020, 1, 1), "?"),))
    assert len(problems(plan, instrument)) == 3 + 4


@pytest.mark.parametrize(
    "in_order",
    [
        ["2023 Spring", "2024 Winter", "2024 Spring", "2024 Summer", "2024 Fall", "2025 Spring"],
        ["2024", "2024 Winter", "2024 spring", "2024 Autumn"],  # no season first; case and Autumn = Fall
        ["Fall 2023", "Spring 2024"],  # the year counts first wherever it stands
        ["2024-25 Winter", "2024-25 Spring", "2025-26 Fall"],  # the first year of a school year
        ["2024 Fall", "2024 Fall (retake)", "2025 Spring"],  # same year and season: by text
        ["2025 Spring", "Baseline", "Pilot"],  # without a year: after those with one, by text
        ["1999 Fall", "20241 Spring"],  # five digits are not a year
    ],
)
def test_waves_sort_in_time_order(in_order: list[str]) -> None:
    assert sorted(reversed(in_order), key=wave_order_key) == in_order
    assert sorted(in_order, key=wave_order_key) == in_order


def test_a_label_without_a_year_comes_after_the_baseline_wave(instrument) -> None:
    """As documented in wave_order_key: such a label sorts after every label with a year."""
    assert problems(a_plan(target_wave="Next survey"), instrument) == []
    assert problems(a_plan(baseline_wave="Pilot", target_wave="2026 Spring"), instrument) == [
        "The target wave '2026 Spring' must come after the baseline wave 'Pilot'."
    ]


def test_a_record_is_json_safe_and_round_trips_exactly() -> None:
    plan = a_plan(plan_id="P0007", baseline=None, unit="101", problem="Zoë's team\n=1+1", status="closed")
    record = to_record(plan)
    assert record["started"] == "2025-06-02" and record["actions"][1]["due"] == "2025-09-30"
    assert record["stakeholders"] == ["LEAs", "Families", "Pre-K unit"]
    text = json.dumps(record, allow_nan=False)
    assert from_record(record) == plan
    assert from_record(json.loads(text)) == plan
    assert to_record(from_record(json.loads(text))) == record
    assert plan == a_plan(plan_id="P0007", baseline=None, unit="101", problem="Zoë's team\n=1+1", status="closed")


def test_a_record_keeps_every_field() -> None:
    assert set(to_record(a_plan())) == {field for field in a_plan().__dataclass_fields__}


@pytest.mark.parametrize(
    "record",
    [
        {},
        {**to_record(a_plan()), "started": "02/06/2025"},
        {**to_record(a_plan()), "actions": [{"what": "x"}]},
        {k: v for k, v in to_record(a_plan()).items() if k != "target"},
    ],
)
def test_a_record_that_is_not_ours_is_refused(record) -> None:
    with pytest.raises(ValueError, match="This is not a plan record"):
        from_record(record)


def test_checks_do_not_change_the_plan(instrument) -> None:
    plan = a_plan(target=120)
    copy = replace(plan)
    problems(plan, instrument), to_record(plan)
    assert plan == copy


def test_the_package_imports_without_streamlit_or_the_store() -> None:
    code = (
        "import sys, plans\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('streamlit', 'store', 'duckdb', 'ingest'))\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_the_public_names() -> None:
    assert sorted(plans.__all__) == sorted(
        [
            "ACTION_STATUSES", "CHALLENGES", "CHALLENGE_HELP", "MEASURES", "PLAN_STATUSES", "STAKEHOLDERS", "Action",
            "Plan", "from_record", "judged", "overdue", "plans_to_csv", "plans_to_xlsx", "problems", "read_plans",
            "to_record", "wave_order_key",
        ]
    )  # fmt: skip


def test_an_action_is_overdue_only_past_its_due_date_unfinished_in_an_open_plan() -> None:
    """Issue 22: overdue actions carried no flag. On 2025-02-01 an action due 2025-01-31 is a day late unless done
    or dropped; one due that very day is not late yet; a closed plan asks nothing more of its actions."""
    due = date(2025, 1, 31)
    statuses = ("not started", "in progress", "done", "dropped")
    plan = a_plan(actions=tuple(Action(f"step {s}", "Director", due, s) for s in statuses))
    assert plans.overdue(plan, date(2025, 2, 1)) == [True, True, False, False]
    assert plans.overdue(plan, due) == [False] * 4  # due today: not late yet
    assert plans.overdue(plan, date(2025, 1, 1)) == [False] * 4
    assert plans.overdue(replace(plan, status="closed"), date(2025, 2, 1)) == [False] * 4
    assert plans.overdue(a_plan(actions=()), date(2030, 1, 1)) == []
