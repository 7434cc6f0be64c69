"""Every page of the app runs on the sample data, and one real interaction per page changes what it shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["app_pages/overview.py", "app_pages/domains.py", "app_pages/units.py", "app_pages/leaders_staff.py"]
SEA = "State Office of Early Learning"


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    return at


def sidebar(at: AppTest, label: str):
    return next(box for box in at.sidebar.selectbox if box.label == label)


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def infos(at: AppTest) -> str:
    return " ".join(i.value for i in at.info)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs(app, page):
    app.switch_page(page).run()
    assert not app.exception
    assert not app.error
    assert app.title[0].value
    assert len(app.get("vega_lite_chart")) == 1  # each page shows its chart
    assert any(e.label.startswith("Numbers behind: ") for e in app.expander)  # named for its chart


def test_filters_default_to_the_latest_wave_and_everyone(app):
    assert sidebar(app, "Survey wave").value == "2025 Spring"
    assert sidebar(app, "Survey wave").options == ["2023 Spring", "2024 Spring", "2025 Spring"]
    assert sidebar(app, "Agency").value == "All agencies"
    assert sidebar(app, "Unit").value == "All units"
    assert sidebar(app, "Role level").value == "All roles"
    assert app.session_state["filter_wave"] == "2025 Spring"


def test_overview_changes_with_the_wave(app):
    latest = metric(app, "Responses"), metric(app, "Effectiveness index (0–100)")
    sidebar(app, "Survey wave").select("2023 Spring").run()
    assert not app.exception
    earlier = metric(app, "Responses"), metric(app, "Effectiveness index (0–100)")
    assert latest != earlier
    assert "2023 Spring" in app.caption[0].value


def test_overview_refuses_a_group_below_the_minimum_and_shows_no_count(app):
    sidebar(app, "Agency").select(SEA).run()
    assert "Policy & Legislative Affairs" in sidebar(app, "Unit").options  # units follow the agency
    sidebar(app, "Unit").select("Policy & Legislative Affairs").run()  # 3 respondents in every wave
    assert not app.exception
    assert "Not enough responses to report" in infos(app)
    assert not app.metric  # no index, no response count
    assert not app.get("vega_lite_chart")


def test_a_view_that_leaves_out_a_small_group_is_refused(app):
    # Harbor City's Family & Community Engagement unit, 2025 Spring: its staff are 5 or more, but fewer than 5
    # of the unit are not staff, so "staff" set against "all roles" would reveal them (§7.4).
    sidebar(app, "Agency").select("Harbor City Public Schools").run()
    sidebar(app, "Unit").select("Family & Community Engagement").run()
    assert not app.info and app.metric
    sidebar(app, "Role level").select("staff").run()
    assert not app.exception
    assert "hidden to protect a small group" in infos(app)
    assert not app.metric and not app.dataframe


def test_a_unit_hidden_to_protect_a_small_sibling_is_refused_as_a_filter(app):
    # In the SEA, Policy & Legislative Affairs has 3 people, so the units breakdown also hides the next smallest
    # division, Data & Assessment (§7.2a); filtering to it would undo that protection.
    sidebar(app, "Agency").select(SEA).run()
    sidebar(app, "Unit").select("Data & Assessment").run()
    assert not app.exception
    assert "hidden to protect a small group" in infos(app)
    assert not app.metric and not app.get("vega_lite_chart")
    sidebar(app, "Unit").select("Grants & Finance").run()
    assert not app.info and app.metric


def test_a_unit_name_of_one_agency_is_refused_across_agencies_too(app):
    # "Data & Assessment" exists only in the SEA, so "All agencies · Data & Assessment" holds exactly the rows
    # the SEA's own view of it refuses: SEA total - the shown units - those 30 would give Policy's 3 people away.
    # A unit is its agency and its name (§7.4 c).
    sidebar(app, "Unit").select("Data & Assessment").run()
    assert not app.exception
    assert "hidden to protect a small group" in infos(app)
    assert not app.metric and not app.get("vega_lite_chart")


def test_domains_page_switches_domain(app):
    app.switch_page("app_pages/domains.py").run()
    before = app.dataframe[0].value["Item"].tolist()

    def description() -> str:  # the domain's description, in italics under its name
        return next(m.value for m in app.markdown if m.value.startswith("*"))

    before_description = description()
    domain = app.selectbox(key="domains_domain")
    domain.select("PAR").run()
    assert not app.exception
    after = app.dataframe[0].value["Item"].tolist()
    assert before != after and len(after) == 4
    assert "partner" in after[0].lower()
    assert description() != before_description
    assert app.session_state["domains_domain"] == "PAR"


def test_units_page_narrows_to_one_agency(app):
    app.switch_page("app_pages/units.py").run()
    everyone = app.dataframe[0].value
    assert everyone.columns[0] == "Agency"  # a row per unit and domain, the agency in a column of its own
    sidebar(app, "Agency").select(SEA).run()
    assert not app.exception
    one = app.dataframe[0].value
    assert one.columns[0] == "Unit"
    assert "Grants & Finance" in one["Unit"].tolist()
    # a hidden cell reads as its reason, never as a number
    assert one.isin(["not enough responses to report", "hidden to protect a small group"]).any().any()


def test_leaders_and_staff_page_explains_a_large_gap(app):
    app.switch_page("app_pages/leaders_staff.py").run()
    assert not any("Shared Decision-Making" in m.value and "large" in m.value for m in app.markdown)
    sidebar(app, "Agency").select(SEA).run()
    sidebar(app, "Unit").select("Grants & Finance").run()
    assert not app.exception
    sentences = [m.value.replace("\\", "") for m in app.markdown if "points higher" in m.value]  # names escaped
    assert any("Shared Decision-Making & Influence" in s and "large gap" in s for s in sentences), sentences
    table = app.dataframe[0].value
    assert "large" in table["Reading"].tolist()


def test_leaders_and_staff_page_needs_all_roles(app):
    app.switch_page("app_pages/leaders_staff.py").run()
    sidebar(app, "Role level").select("staff").run()
    assert not app.exception
    assert "All roles" in infos(app)


def test_filters_are_shared_between_pages(app):
    sidebar(app, "Survey wave").select("2024 Spring").run()
    app.switch_page("app_pages/units.py").run()
    assert sidebar(app, "Survey wave").value == "2024 Spring"
    assert "2024 Spring" in app.caption[0].value


def test_a_shared_link_opens_with_its_filters():
    """A link carries the filters in its query string; a value that is no option (a unit of another agency) is
    dropped, not guessed."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["wave"] = "2024 Spring"
    at.query_params["agency"] = SEA
    at.query_params["unit"] = "No such unit"
    at.run()
    assert not at.exception
    assert sidebar(at, "Survey wave").value == "2024 Spring"
    assert sidebar(at, "Agency").value == SEA
    assert sidebar(at, "Unit").value == "All units"


def test_the_url_follows_the_filters(app):
    assert "wave" not in app.query_params  # the defaults (latest wave, everyone) need no parameters
    sidebar(app, "Role level").select("manager").run()
    sidebar(app, "Survey wave").select("2023 Spring").run()
    assert dict(app.query_params) == {"wave": "2023 Spring", "role": "manager"}
    sidebar(app, "Role level").select("All roles").run()
    assert dict(app.query_params) == {"wave": "2023 Spring"}
