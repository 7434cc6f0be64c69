"""Who plans, in the running app (issue 21, item 4): viewers read the plans they may see and write none; analysts
and admins plan, one scoped to some agencies only for those agencies and never a state-wide plan; and whatever a
person wrote in a plan is shown as text, never Markdown.

Readers sign in through the suite's identity seam (`shell.access._identity`, as in test_access_pages.py). The
sample's plans, on every fresh store: P0001 and P0002 state-wide and closed, P0003 open for the State Office of
Early Learning (Grants & Finance).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from access import ACCESS_ENV
from shell.text import plain
from store import STORE_ENV, open_store

ROOT = Path(__file__).resolve().parents[2]
RIVERSIDE = "Riverside Unified School District"
STATE_OFFICE = "State Office of Early Learning"
ACCESS = f"""
[[person]]
email = "viewer@riverside.example"
role = "viewer"
agencies = ["{RIVERSIDE}"]

[[person]]
email = "analyst@riverside.example"
role = "analyst"
agencies = ["{RIVERSIDE}"]

[[person]]
email = "analyst@sea.example"
role = "analyst"
"""
IMAGE = "![x](http://evil.example/t.png)"


@pytest.fixture
def store_path(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "plans.duckdb"
    monkeypatch.setenv(STORE_ENV, str(path))
    return path


@pytest.fixture
def sign_in(tmp_path, monkeypatch, store_path):
    """Sign in as `email` through a configured provider for the AppTests made after this call."""
    path = tmp_path / "access.toml"
    path.write_text(ACCESS, encoding="utf-8")
    monkeypatch.setenv(ACCESS_ENV, str(path))

    def as_(email: str) -> None:
        monkeypatch.setattr("shell.access._identity", lambda: (True, True, email, "10.1.2.3"))

    return as_


def plans_page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    at.switch_page("app_pages/plans.py").run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Action plans"
    return at


def shown_text(at: AppTest) -> str:
    return " ".join(block.value for block in [*at.markdown, *at.caption])


def _attempt_writes(names: list[str]) -> None:
    """An app that signs in and calls the plan write path directly, as a crafted session could, once per name;
    it shows "<name>: saved" or "<name>: refused: <why>"."""
    from dataclasses import replace
    from datetime import date

    import streamlit as st

    import plans
    from shell import access as access_shell
    from shell import data, planning

    access_shell.gate()
    stored = {
        row.plan_id: replace(plans.from_record(row.body), plan_id=row.plan_id)
        for row in data.store().plans().itertuples()
    }
    riverside = plans.Plan(
        focus="VIS",
        agency="Riverside Unified School District",
        unit=None,
        problem="Riverside hears about decisions late.",
        challenge="adaptive",
        stakeholders=(),
        actions=(),
        measure="score",
        baseline_wave="2025 Spring",
        baseline=None,
        target=60.0,
        target_wave="2026 Spring",
        started=date(2025, 6, 1),
    )
    writes = {
        "reopen P0001": lambda: planning.set_status("P0001", "open"),
        "close P0003": lambda: planning.set_status("P0003", "closed"),
        "edit P0001": lambda: planning.save(replace(stored["P0001"], problem="Changed.")),
        "move P0001 to Riverside": lambda: planning.save(replace(stored["P0001"], agency=riverside.agency)),
        "edit P0003": lambda: planning.save(replace(stored["P0003"], problem="Changed.")),
        "new state-wide": lambda: planning.save(replace(riverside, agency=None)),
        "new for the State Office": lambda: planning.save(replace(riverside, agency="State Office of Early Learning")),
        "new for Riverside": lambda: planning.save(riverside),
        "close P0004": lambda: planning.set_status("P0004", "closed"),
        "import P0001 reopened": lambda: planning.import_plans([replace(stored["P0001"], status="open")]),
        "import P0001 as it is and a Riverside plan": lambda: planning.import_plans([stored["P0001"], riverside]),
    }
    for name in names:
        try:
            writes[name]()
            st.text(f"{name}: saved")
        except planning.NotAllowed as error:
            st.text(f"{name}: refused: {error}")


def attempt(names: list[str]) -> list[str]:
    at = AppTest.from_function(_attempt_writes, args=(names,), default_timeout=90)
    at.run()
    assert not at.exception, at.exception
    return [t.value for t in at.text]


def plan_versions(store_path: Path) -> dict[str, int]:
    latest = open_store(store_path).plans()
    return dict(zip(latest["plan_id"], latest["version"], strict=True))


SAMPLE = {"P0001": 1, "P0002": 1, "P0003": 1}  # the sample's plans, one version each


def test_a_scoped_viewer_reads_their_plans_with_no_way_to_write(sign_in, store_path):
    sign_in("viewer@riverside.example")
    at = plans_page()
    shown = shown_text(at)
    assert "P0001" in shown and "P0002" in shown  # state-wide plans: aggregates every reader may see
    assert "P0003" not in shown  # the State Office's plan
    assert not [b.key for b in at.button if b.key.startswith(("plan_", "plans_import"))]  # no new, edit, close, reopen
    assert not at.get("file_uploader") and not at.text_area  # no import, no form
    assert "analysts and admins write them" in shown
    # Priorities offers a viewer no "Start a plan", and a plan form left in the session is never shown to them.
    at.switch_page("app_pages/priorities.py").run()
    assert not at.exception and not [b for b in at.button if b.label == "Start a plan"]
    from plans import from_record

    at.session_state["plan_draft"] = from_record(open_store(store_path).plans()["body"][0])
    at.switch_page("app_pages/plans.py").run()
    assert not at.exception and not [b for b in at.button if b.label == "Save plan"] and not at.text_area
    assert plan_versions(store_path) == SAMPLE


def test_a_viewer_calling_the_write_path_itself_writes_nothing(sign_in, store_path):
    sign_in("viewer@riverside.example")
    names = [
        "reopen P0001",
        "edit P0001",
        "new for Riverside",
        "import P0001 reopened",
        "import P0001 as it is and a Riverside plan",
    ]
    viewers = "Viewers read action plans; only analysts and admins start or change them. Nothing was saved."
    assert attempt(names) == [f"{name}: refused: {viewers}" for name in names]
    assert plan_versions(store_path) == SAMPLE
    audit = open_store(store_path).audit_log()
    assert not (audit["who"] == "viewer@riverside.example").any()


def test_a_scoped_analyst_plans_for_their_agency_only(sign_in, store_path):
    sign_in("analyst@riverside.example")
    at = plans_page()
    # No Edit, Close or Reopen on the state-wide plans they may read; they may start a plan.
    assert [b.key for b in at.button if b.key.startswith("plan_")] == ["plan_new"]
    [b for b in at.button if b.key == "plan_new"][0].click().run()
    agency = next(box for box in at.selectbox if box.label == "Agency")
    assert agency.options == [RIVERSIDE] and agency.value == RIVERSIDE  # never "All agencies"

    only = f"You plan only for {RIVERSIDE}, so you may not write a plan for"
    assert attempt(
        [
            "reopen P0001",
            "edit P0001",
            "move P0001 to Riverside",
            "close P0003",
            "edit P0003",
            "new state-wide",
            "new for the State Office",
            "import P0001 reopened",
        ]
    ) == [
        f"reopen P0001: refused: {only} all agencies (a state-wide plan). Nothing was saved.",
        f"edit P0001: refused: {only} all agencies (a state-wide plan). Nothing was saved.",
        f"move P0001 to Riverside: refused: {only} all agencies (a state-wide plan). Nothing was saved.",
        "close P0003: refused: There is no plan P0003 you may change. Nothing was saved.",
        f"edit P0003: refused: {only} {STATE_OFFICE}. Nothing was saved.",
        f"new state-wide: refused: {only} all agencies (a state-wide plan). Nothing was saved.",
        f"new for the State Office: refused: {only} {STATE_OFFICE}. Nothing was saved.",
        f"import P0001 reopened: refused: {only} all agencies (a state-wide plan). Nothing was saved.",
    ]
    assert plan_versions(store_path) == SAMPLE
    # Their own agency's plan they start, close, and import again beside an unchanged state-wide plan.
    assert attempt(["new for Riverside", "close P0004", "import P0001 as it is and a Riverside plan"]) == [
        "new for Riverside: saved",
        "close P0004: saved",
        "import P0001 as it is and a Riverside plan: saved",
    ]
    assert plan_versions(store_path) == {**SAMPLE, "P0004": 2, "P0005": 1}
    history = open_store(store_path).plan_history("P0004")
    assert history["action"].tolist() == ["create_plan", "close_plan"]
    assert set(history["saved_by"]) == {"analyst@riverside.example"}


def test_an_analyst_of_every_agency_reopens_a_state_wide_plan(sign_in, store_path):
    sign_in("analyst@sea.example")
    at = plans_page()
    reopen = next(b for b in at.button if b.key == "plan_status_P0001")
    assert reopen.label == "Reopen"
    reopen.click().run()
    assert not at.exception and at.success[0].value == "Plan P0001 was reopened."
    history = open_store(store_path).plan_history("P0001")
    assert history["action"].tolist() == ["create_plan", "reopen_plan"]
    assert history["saved_by"].tolist()[-1] == "analyst@sea.example"


def test_what_a_person_wrote_in_a_plan_is_shown_as_text(sign_in, store_path):
    sign_in("analyst@sea.example")
    plans_page()  # the first start fills the store with the sample
    store = open_store(store_path)
    body = store.plans().set_index("plan_id").loc["P0003", "body"]
    store.save_plan(
        {**body, "problem": IMAGE, "stakeholders": [IMAGE], "target_wave": f"2026 {IMAGE}"},
        who="analyst@sea.example",
        plan_id="P0003",
    )
    at = plans_page()
    blocks = [block.value for block in [*at.markdown, *at.caption]]
    assert not [block for block in blocks if "](" in block and "evil.example" in block]  # no image, no link
    assert f"> {plain(IMAGE)}" in blocks  # the problem, escaped
    assert f"Stakeholders: {plain(IMAGE)}" in blocks
    assert any(f"by 2026 {plain(IMAGE)}" in block for block in blocks)  # the target wave a person typed
