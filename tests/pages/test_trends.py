"""The Trends page on the sample data: the trend and change charts draw, Communication's planted rise is the one
meaningful change, the wave boxes change the table, and refused waves are left out with a sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ingest import read_canonical_responses
from metrics import load_instrument
from store import STORE_ENV, open_store

ROOT = Path(__file__).resolve().parents[2]
COM = "Communication & Information Flow"
VIS = "Shared Vision & Common Purpose"


def sidebar(at: AppTest, label: str):
    return next(box for box in at.sidebar.selectbox if box.label == label)


def selectbox(at: AppTest, label: str):
    return next(box for box in at.main.selectbox if box.label == label)


def infos(at: AppTest) -> str:
    return " ".join(i.value for i in at.info).replace("\\", "")  # names from files are escaped for Markdown


def table_with(at: AppTest, column: str):
    return next(frame.value for frame in at.dataframe if column in frame.value.columns)


def change_row(at: AppTest, domain: str):
    table = table_with(at, "Reading")
    return table[table["Domain"] == domain].iloc[0]


@pytest.fixture
def trends() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    at.switch_page("app_pages/trends.py").run()
    assert not at.exception
    return at


def test_trends_page_draws_both_charts_with_their_numbers(trends):
    assert not trends.error
    assert trends.title[0].value == "Trends"
    assert len(trends.get("vega_lite_chart")) == 2  # the trend and the change
    assert [e.label for e in trends.expander] == [
        "Numbers behind: Domain scores wave by wave",
        "Numbers behind: Change between two waves",
    ]
    trend = table_with(trends, "Wave")
    assert set(trend["Wave"]) == {"2023 Spring", "2024 Spring", "2025 Spring"}
    com = trend[trend["Domain"] == COM].set_index("Wave")["Score (0–100)"]
    assert com.to_dict() == {"2023 Spring": "51.5", "2024 Spring": "60.3", "2025 Spring": "68.2"}  # README story 1
    assert not infos(trends)  # nothing left out for everyone


def test_defaults_are_the_two_latest_waves_and_com_rises_meaningfully(trends):
    assert selectbox(trends, "From wave").value == "2024 Spring"
    assert selectbox(trends, "To wave").value == "2025 Spring"
    com = change_row(trends, COM)
    # 68.187 - 60.323 = 7.864 -> +7.9; Welch interval about +6.7 to +9.0 excludes 0 -> meaningful.
    assert com["Change (points)"] == "+7.9" and com["Reading"] == "meaningful gain"
    vis = change_row(trends, VIS)
    assert vis["Change (points)"] == "-0.1" and vis["Reading"] == "no clear change"
    readings = table_with(trends, "Reading")["Reading"].tolist()
    assert readings.count("meaningful gain") == 1 and readings.count("no clear change") == 9
    biggest = table_with(trends, "What happened")
    assert biggest.values.tolist() == [["Gain", COM, "Rose 7.9 points, from 60.3 to 68.2"]]


def test_choosing_other_waves_changes_the_table(trends):
    before = table_with(trends, "Reading")
    selectbox(trends, "From wave").select("2023 Spring").run()
    assert not trends.exception
    after = table_with(trends, "Reading")
    assert "2023 Spring (0–100)" in after.columns and "2024 Spring (0–100)" not in after.columns
    assert not before.equals(after)
    # 2023 -> 2025: 68.187 - 51.493 = 16.69 -> +16.7
    assert change_row(trends, COM)["Change (points)"] == "+16.7"
    selectbox(trends, "To wave").select("2023 Spring").run()
    assert "two different waves" in infos(trends)
    assert len(trends.get("vega_lite_chart")) == 1  # the trend stays, no change chart


def test_the_sidebar_wave_is_the_default_to_wave(trends):
    sidebar(trends, "Survey wave").select("2024 Spring").run()
    assert selectbox(trends, "To wave").value == "2024 Spring"
    assert selectbox(trends, "From wave").value == "2023 Spring"
    # 60.323 - 51.493 = 8.83 -> +8.8 (README: +8.8, then +7.9)
    assert change_row(trends, COM)["Change (points)"] == "+8.8"


def test_a_refused_wave_is_left_out_with_a_sentence(trends):
    # Cedar Falls's Early Learning Office, staff only: in 2025 Spring 4 of the unit are not staff (8 and 11 in the
    # waves before), so that wave is refused (§7.4); 2023 and 2024 are shown.
    sidebar(trends, "Agency").select("Cedar Falls Community Schools").run()
    sidebar(trends, "Unit").select("Early Learning Office").run()
    sidebar(trends, "Role level").select("staff").run()
    assert not trends.exception and not trends.error
    text = infos(trends)
    assert "2025 Spring is left out of the trend" in text and "comparing this selection with a wider one" in text
    assert "2023 Spring" not in text.split("left out")[0]
    assert set(table_with(trends, "Wave")["Wave"]) == {"2023 Spring", "2024 Spring"}
    # The default change (2024 -> 2025) needs the refused wave: it is not shown.
    assert "cannot be shown" in text
    assert len(trends.get("vega_lite_chart")) == 1
    assert not any("Reading" in frame.value.columns for frame in trends.dataframe)
    selectbox(trends, "To wave").select("2024 Spring").run()
    selectbox(trends, "From wave").select("2023 Spring").run()
    assert not trends.exception
    assert len(trends.get("vega_lite_chart")) == 2
    assert "Reading" in table_with(trends, "Reading").columns


def test_a_view_refused_in_every_wave_shows_no_numbers(trends):
    sidebar(trends, "Agency").select("State Office of Early Learning").run()
    sidebar(trends, "Unit").select("Policy & Legislative Affairs").run()  # 3 people every wave
    assert not trends.exception
    text = infos(trends)
    assert "2023 Spring, 2024 Spring and 2025 Spring are left out of the trend" in text
    assert "fewer than 5 people in this selection answered" in text
    assert not trends.get("vega_lite_chart") and not trends.dataframe


@pytest.fixture
def one_wave_store(tmp_path, monkeypatch):
    """A store holding only 2025 Spring, beside the session's sample store: the page caches are keyed by the
    store's path as well as its version, so nothing cached for the other store leaks in (none is cleared)."""
    path = tmp_path / "one_wave.duckdb"
    responses = read_canonical_responses(ROOT / "data" / "sample" / "responses.xlsx")
    latest = responses[responses["wave"] == "2025 Spring"]
    open_store(path).save_wave(
        latest, wave="2025 Spring", instrument_name=load_instrument().name, filename=None, who="test"
    )
    monkeypatch.setenv(STORE_ENV, str(path))
    return path


def test_one_stored_wave_says_trends_need_two(one_wave_store):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    at.switch_page("app_pages/trends.py").run()
    assert not at.exception and not at.error
    assert "need at least two survey waves" in infos(at)
    assert not at.get("vega_lite_chart")
