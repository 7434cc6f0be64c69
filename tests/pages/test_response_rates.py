"""The Response rates page on the sample data: Harbor City's low rates carry the caution, Policy & Legislative
Affairs shows no number, the wave and agency filters change the chart, and a store without a roster says so."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from charts.rates import CAUTION_WORDS
from ingest import read_canonical_responses
from metrics import COMPLEMENTARY, PRIMARY
from store import STORE_ENV, open_store

ROOT = Path(__file__).resolve().parents[2]
PAGE = "app_pages/response_rates.py"
HARBOR = "Harbor City Public Schools"
SEA = "State Office of Early Learning"
POLICY = "Policy & Legislative Affairs"


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def sidebar(at: AppTest, label: str):
    return next(box for box in at.sidebar.selectbox if box.label == label)


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def bar_data(at: AppTest) -> pd.DataFrame:
    """The rows of the first chart's main dataset (the bars), as the browser receives them."""
    chart = at.get("vega_lite_chart")[0].proto
    frames = [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in chart.datasets]
    return next(frame for frame in frames if "group" in frame.columns)


def test_page_runs_with_a_chart_a_table_and_the_overall_rate(app):
    assert not app.error
    assert app.title[0].value == "Response rates"
    assert len(app.get("vega_lite_chart")) == 2  # by agency, and the overall rate by wave
    assert app.expander[0].label == "Numbers behind: Response rate by agency"
    # Sample, 2025 Spring: 1,901 responses of 2,780 invited = 68.38... %
    assert metric(app, "Overall response rate") == "68.4 %"
    assert metric(app, "Responses") == "1,901" and metric(app, "Invited") == "2,780"
    table = app.dataframe[0].value.set_index("Agency")
    assert table.loc[HARBOR, "Reading"] == CAUTION_WORDS
    assert table.loc[HARBOR, "Response rate (%)"] == "31.4"
    assert (table.drop(HARBOR)["Reading"] == "").all()  # every other agency is 60-91 %


def test_harbor_city_units_all_carry_the_caution(app):
    sidebar(app, "Agency").select(HARBOR).run()
    assert not app.exception and not app.error
    assert metric(app, "Overall response rate") == "31.4 %"
    assert any(CAUTION_WORDS in w.value for w in app.warning)
    table = app.dataframe[0].value
    assert list(table["Unit"]) == [
        "Early Learning Office",
        "Family & Community Engagement",
        "Pre-K Classrooms",
        "Special Education Preschool",
    ]
    assert (table["Reading"] == CAUTION_WORDS).all()
    bars = bar_data(app)
    assert bars["caution"].all()
    assert all(CAUTION_WORDS in label for label in bars["label"])  # said in words on the chart, not only colour
    assert bars["rate"].between(28, 37).all()


def test_policy_and_legislative_affairs_shows_no_number(app):
    sidebar(app, "Agency").select(SEA).run()
    assert not app.exception and not app.error
    table = app.dataframe[0].value.set_index("Unit")
    policy = table.loc[POLICY]
    assert policy["Responses"] == "" and policy["Response rate (%)"] == PRIMARY
    # Data & Assessment goes with it (§7.2a), so the SEA's total less the shown units does not give Policy away.
    assert table.loc["Data & Assessment", "Response rate (%)"] == COMPLEMENTARY
    bars = bar_data(app).set_index("group")
    assert bars.loc[POLICY, "note"] == PRIMARY
    assert pd.isna(bars.loc[POLICY, "rate"]) and bars.loc[POLICY, "rate_text"] == ""
    assert bars.loc[POLICY, "responses_text"] == ""
    assert not app.warning  # the SEA's rate (about 73 %) needs no caution


def test_another_wave_or_agency_changes_the_chart(app):
    everyone_2025 = bar_data(app)
    sidebar(app, "Survey wave").select("2023 Spring").run()
    assert not app.exception
    everyone_2023 = bar_data(app)
    assert everyone_2025["group"].tolist() == everyone_2023["group"].tolist()
    assert not everyone_2025["rate"].equals(everyone_2023["rate"])
    assert metric(app, "Overall response rate") == "71.6 %"  # 1,849 of 2,584
    sidebar(app, "Agency").select(HARBOR).run()
    harbor_2023 = bar_data(app)
    assert set(harbor_2023["group"]) != set(everyone_2023["group"])
    assert metric(app, "Overall response rate") == "34.2 %"


def test_unit_and_role_filters_are_said_not_to_apply(app):
    assert not app.info
    sidebar(app, "Agency").select(HARBOR).run()
    sidebar(app, "Unit").select("Pre-K Classrooms").run()
    assert not app.exception
    assert any("do not apply" in i.value for i in app.info)
    assert len(app.dataframe[0].value) == 4  # still every unit of the agency


@pytest.fixture
def bare_store(tmp_path, monkeypatch) -> Path:
    """A store holding one sample wave and no roster (so the app does not load the sample)."""
    path = tmp_path / "bare.duckdb"
    responses = read_canonical_responses(ROOT / "data" / "sample" / "responses.xlsx")
    wave = responses[responses["wave"] == "2025 Spring"]
    store = open_store(str(path))
    store.save_wave(wave, wave="2025 Spring", instrument_name="default", filename=None, who="test")
    monkeypatch.setenv(STORE_ENV, str(path))
    return path


def test_without_a_roster_the_page_points_to_upload(bare_store):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception and not at.error
    assert any("Upload" in i.value and "roster" in i.value for i in at.info)
    assert not at.get("vega_lite_chart") and not at.metric
    # A roster for another wave only: this wave still has none.
    open_store(str(bare_store)).save_roster(
        pd.DataFrame({"wave": ["2030 Spring"], "agency": [SEA], "unit": ["Pre-K Programs"], "invited": [10]}),
        who="test",
    )
    at.run()
    assert not at.exception
    assert any("no rows for 2025 Spring" in i.value for i in at.info)
    assert not at.get("vega_lite_chart")
