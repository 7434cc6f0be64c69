"""Response-rate charts and table: the caution reads in words and shapes as well as colour, hidden groups carry
no number anywhere, roster errors name their group."""

from __future__ import annotations

import numbers

import altair as alt
import numpy as np
import pandas as pd
import pytest

from charts import rates as rate_charts
from charts.rates import (
    CAUTION_WORDS,
    rate_chart,
    rate_rows,
    rate_table,
    rate_trend_chart,
    roster_errors,
    trend_rows,
)
from metrics import COMPLEMENTARY, PRIMARY
from tests.charts.test_theme import lightness

# Counts of the hidden rows: distinctive, so a leak is visible in any chart data or table cell.
HIDDEN_INVITED = 4  # roster numbers may be shown; responses of hidden rows never are


@pytest.fixture
def unit_rates() -> pd.DataFrame:
    """`response_rates(by=("agency", "unit"))` of one agency and wave: P shown, Q caution, R primary-hidden,
    S complementary-hidden, T a roster error."""
    return pd.DataFrame(
        {
            "wave": ["2025 Spring"] * 5,
            "agency": ["North"] * 5,
            "unit": ["P", "Q", "R", "S", "T"],
            "responses": [40.0, 11.0, np.nan, np.nan, 12.0],
            "invited": [50.0, 32.0, float(HIDDEN_INVITED), 677.0, 10.0],
            "rate": [80.0, 34.375, np.nan, np.nan, np.nan],
            "caution": [False, True, False, False, False],
            "error": ["", "", "", "", "more responses than invited: the roster is wrong"],
            "suppressed": [False, False, True, True, False],
            "reason": ["", "", PRIMARY, COMPLEMENTARY, ""],
        }
    )


def chart_rows(chart: alt.TopLevelMixin) -> list[dict]:
    spec = chart.to_dict()  # validates against the Vega-Lite schema
    return [row for rows in spec.get("datasets", {}).values() for row in rows]


def test_rows_name_units_and_mark_caution_in_words(unit_rates):
    rows = rate_rows(unit_rates).set_index("group")
    assert rows.index.tolist() == ["P", "Q", "R", "S", "T"]  # the agency is the same for all: units only
    assert rows.loc["P", "label"] == "80.0 %"
    assert rows.loc["Q", "label"] == f"34.4 % · {CAUTION_WORDS}"  # 34.375 shown half away from zero
    assert rows.loc["R", "note"] == PRIMARY and rows.loc["S", "note"] == COMPLEMENTARY
    assert rows.loc["T", "note"] == "roster error: more responses than invited: the roster is wrong"
    assert rows["caution"].tolist() == [False, True, False, False, False]


def test_hidden_and_error_rows_carry_no_number_in_the_chart(unit_rates):
    data = chart_rows(rate_chart(unit_rates))
    for row in data:
        if row.get("note"):
            values = {k: v for k, v in row.items() if isinstance(v, numbers.Number) and not isinstance(v, bool)}
            assert values == {}, row  # no rate to draw a bar from
            assert row["rate_text"] == ""
    assert {row["group"] for row in data if row.get("note")} == {"R", "S", "T"}
    # A hidden group's response count is nowhere; the roster error's group is large enough to show its count.
    counts = {row["group"]: row["responses_text"] for row in data if "group" in row}
    assert counts == {"P": "40", "Q": "11", "R": "", "S": "", "T": "12"}


def test_chart_has_the_reference_line_and_the_caution_label(unit_rates):
    spec = rate_chart(unit_rates, caution=50.0).to_dict()
    text = str(spec)
    assert "'x': 50.0" in text and "'text': '50 %'" in text
    assert "datum.caution || datum.rate < 20" in text  # the caution label is drawn beside its bar
    assert "strokeDash" in text
    moved = rate_chart(unit_rates, caution=40.0).to_dict()
    assert "'x': 40.0" in str(moved)


def test_caution_fill_differs_in_lightness_so_greyscale_keeps_it():
    shown, caution = lightness(rate_charts.SHOWN_FILL), lightness(rate_charts.CAUTION_FILL)
    assert caution - shown >= 30
    assert lightness(rate_charts.CAUTION_OUTLINE) < 60  # the pale bar has a dark edge on white


def test_the_chart_refuses_several_waves(unit_rates):
    two = pd.concat([unit_rates, unit_rates.assign(wave="2024 Spring")])
    with pytest.raises(ValueError, match="one wave"):
        rate_rows(two)


def test_agencies_are_named_in_full_when_they_differ():
    table = pd.DataFrame(
        {
            "wave": ["W", "W"],
            "agency": ["North", "South"],
            "responses": [5.0, 6.0],
            "invited": [10.0, 6.0],
            "rate": [50.0, 100.0],
            "caution": [False, False],
            "error": ["", ""],
            "suppressed": [False, False],
            "reason": ["", ""],
        }
    )
    assert rate_rows(table)["group"].tolist() == ["North", "South"]
    assert rate_table(table)["Agency"].tolist() == ["North", "South"]


def test_table_shows_reasons_never_hidden_counts(unit_rates):
    table = rate_table(unit_rates).set_index("Unit")
    assert list(table.columns) == ["Responses", "Invited", "Response rate (%)", "Reading"]
    assert table.loc["P"].tolist() == ["40", "50", "80.0", ""]
    assert table.loc["Q"].tolist() == ["11", "32", "34.4", CAUTION_WORDS]
    assert table.loc["R"].tolist() == ["", str(HIDDEN_INVITED), PRIMARY, PRIMARY]
    assert table.loc["S", "Responses"] == "" and table.loc["S", "Response rate (%)"] == COMPLEMENTARY
    assert table.loc["T", "Response rate (%)"] == ""
    assert table.loc["T", "Reading"].startswith("roster error")
    assert all(isinstance(v, str) for v in table.to_numpy().ravel())


def test_roster_errors_name_the_group(unit_rates):
    assert roster_errors(unit_rates) == ["North · T: more responses than invited: the roster is wrong."]
    assert roster_errors(unit_rates[unit_rates["error"] == ""]) == []


def trend() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "wave": ["2023 Spring", "2024 Spring", "2025 Spring"],
            "agency": ["North"] * 3,
            "responses": [103.0, np.nan, 101.0],
            "invited": [301.0, 312.0, 200.0],
            "rate": [34.2193, np.nan, 50.5],
            "caution": [True, False, False],
            "error": ["", "", ""],
            "suppressed": [False, True, False],
            "reason": ["", PRIMARY, ""],
        }
    )


def test_trend_marks_caution_by_shape_and_hides_a_wave_without_a_number():
    rows = trend_rows(trend())
    assert rows["rate_text"].tolist() == ["34.2 %", "", "50.5 %"]
    assert rows["note"].tolist() == ["", PRIMARY, ""]
    spec = rate_trend_chart(trend()).to_dict()
    assert "triangle-down" in str(spec) and "circle" in str(spec)
    hidden = [r for r in chart_rows(rate_trend_chart(trend())) if r.get("wave") == "2024 Spring"]
    assert hidden[0]["rate"] is None


def test_trend_refuses_two_rows_of_a_wave():
    with pytest.raises(ValueError, match="one row per wave"):
        trend_rows(pd.concat([trend(), trend()]))


def test_trend_table_keeps_the_wave_column():
    table = rate_table(trend())
    assert table.columns[:2].tolist() == ["Wave", "Agency"]
    assert table["Response rate (%)"].tolist() == ["34.2", PRIMARY, "50.5"]
