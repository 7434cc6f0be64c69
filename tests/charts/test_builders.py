"""Chart builders: valid Vega-Lite, the expected fields, and nothing of a suppressed row in the chart data."""

from __future__ import annotations

import json
import numbers

import altair as alt
import pandas as pd
import pytest

from charts import domain_chart, gap_chart, heatmap_chart, likert_chart
from charts.domains import domain_rows
from charts.gaps import gap_rows
from charts.heatmap import heatmap_cells
from charts.likert import likert_items, likert_segments
from metrics import COMPLEMENTARY, PRIMARY, load_instrument

INSTRUMENT = load_instrument()
MIN_N = 5
# The counts on the fixtures' suppressed rows (see conftest.py); neither may reach a chart.
HIDDEN_PRIMARY_N = 3
HIDDEN_COMPLEMENTARY_N = 677


def test_fixture_counts_are_the_ones_checked(hidden_counts):
    assert hidden_counts == (HIDDEN_PRIMARY_N, HIDDEN_COMPLEMENTARY_N)


def datasets(chart: alt.TopLevelMixin) -> list[dict]:
    """Every data row embedded in the chart's Vega-Lite spec."""
    spec = chart.to_dict()  # validates against the Vega-Lite schema
    return [row for rows in spec.get("datasets", {}).values() for row in rows]


def fields(spec) -> set[str]:
    """Every `field` named anywhere in a spec."""
    found = set()
    if isinstance(spec, dict):
        if isinstance(spec.get("field"), str):
            found.add(spec["field"])
        for value in spec.values():
            found |= fields(value)
    elif isinstance(spec, list):
        for value in spec:
            found |= fields(value)
    return found


def assert_hidden_rows_carry_no_number(rows: list[dict]) -> None:
    hidden = [row for row in rows if row.get("reason")]
    assert hidden, "the fixture should put hidden rows in the chart data"
    for row in hidden:
        numbers_in_row = {k: v for k, v in row.items() if isinstance(v, numbers.Number) and not isinstance(v, bool)}
        assert numbers_in_row == {}, row
        values = {str(v) for v in row.values()}
        assert str(HIDDEN_PRIMARY_N) not in values and str(HIDDEN_COMPLEMENTARY_N) not in values, row


def assert_no_hidden_count(chart: alt.TopLevelMixin) -> None:
    assert str(HIDDEN_COMPLEMENTARY_N) not in json.dumps(chart.to_dict())


def test_domain_chart(domain_table):
    before = domain_table.copy()
    chart = domain_chart(domain_table, INSTRUMENT, MIN_N, title="Domain scores")
    spec = chart.to_dict()
    assert {"domain", "score", "tier", "label", "reason"} <= fields(spec)
    rows = [row for row in datasets(chart) if "domain" in row and "reason" in row]
    assert [row["domain"] for row in rows] == [INSTRUMENT.domain_name(c) for c in ["VIS", "LEAD", "ALN", "CAP"]]
    assert rows[0]["label"] == "75.0  Strength"  # 74.95 shows as 75.0
    assert rows[0]["responses"] == "40"
    assert [row["reason"] for row in rows] == ["", "", PRIMARY, COMPLEMENTARY]
    assert_hidden_rows_carry_no_number(rows)
    assert_no_hidden_count(chart)
    pd.testing.assert_frame_equal(domain_table, before)


def test_domain_chart_hidden_rows_are_no_bars(domain_table):
    rows = domain_rows(domain_table, INSTRUMENT, MIN_N)
    hidden = rows[rows["reason"] != ""]
    assert hidden["score"].isna().all() and hidden["tier"].isna().all() and hidden["responses"].isna().all()
    assert (hidden["label"] == "").all()


def test_domain_chart_refuses_several_groups(domain_table):
    with pytest.raises(ValueError, match="one group"):
        domain_chart(pd.concat([domain_table, domain_table]), INSTRUMENT, MIN_N)


def test_likert_segments_diverge_around_the_neutral_point(item_tables):
    stats, distribution = item_tables
    segments = likert_segments(distribution, INSTRUMENT)
    vis1 = segments[segments["item"] == "VIS1"]
    # 10, 10, 20, 35, 25 %: disagree 20 % and half of the neutral 20 % lie left of 0, so it starts at -30
    assert vis1["start"].tolist() == pytest.approx([-30, -20, -10, 10, 45])
    assert vis1["end"].tolist() == pytest.approx([-20, -10, 10, 45, 70])
    vis2 = segments[segments["item"] == "VIS2"]
    assert vis2["start"].tolist() == pytest.approx([-100, -100, 0, 0, 0])  # everyone disagreed
    assert set(segments["item"]) == {"VIS1", "VIS2"}  # suppressed items give no segment


def test_likert_chart(item_tables):
    stats, distribution = item_tables
    before = (stats.copy(), distribution.copy())
    chart = likert_chart(distribution, stats, INSTRUMENT, MIN_N, title="Shared Vision")
    spec = chart.to_dict()
    assert {"item_label", "start", "end", "answer", "dont_know", "reason"} <= fields(spec)
    rows = datasets(chart)
    items = [row for row in rows if "dont_know" in row]
    assert [row["dont_know"] for row in items] == ["2", "0", "–", "–"]
    assert items[0]["item_label"].replace("\n", " ") == INSTRUMENT.items[0].text
    assert_hidden_rows_carry_no_number(items)
    segment_items = {row["item_label"] for row in rows if "start" in row}
    assert segment_items == {items[0]["item_label"], items[1]["item_label"]}
    assert_no_hidden_count(chart)
    pd.testing.assert_frame_equal(stats, before[0])
    pd.testing.assert_frame_equal(distribution, before[1])


def test_likert_items_blank_the_dont_know_count_of_hidden_items(item_tables):
    stats, _ = item_tables
    rows = likert_items(stats, INSTRUMENT, MIN_N)
    assert rows["reason"].tolist() == ["", "", PRIMARY, COMPLEMENTARY]
    assert str(HIDDEN_COMPLEMENTARY_N) not in rows.to_string()


def test_heatmap_chart(unit_table):
    before = unit_table.copy()
    chart = heatmap_chart(unit_table, INSTRUMENT, MIN_N, title="Units")
    spec = chart.to_dict()
    assert {"group", "domain_name", "tier", "score_text", "reason"} <= fields(spec)
    cells = [row for row in datasets(chart) if "group" in row]
    assert {row["group_text"] for row in cells} == {"North · A", "North · B", "North · Not reported"}
    hidden = [row for row in cells if row["reason"]]
    assert {(row["group_text"], row["reason"]) for row in hidden} == {
        ("North · B", PRIMARY),
        ("North · Not reported", COMPLEMENTARY),
    }
    assert all(row["score_text"] == "–" for row in hidden)
    assert_hidden_rows_carry_no_number(cells)
    assert_no_hidden_count(chart)
    pd.testing.assert_frame_equal(unit_table, before)


def test_heatmap_cells_keep_instrument_order_of_domains(unit_table):
    cells = heatmap_cells(unit_table.iloc[::-1], INSTRUMENT, MIN_N)
    names = list(dict.fromkeys(cells["domain_name"]))
    assert names == [INSTRUMENT.domain_name("VIS"), INSTRUMENT.domain_name("LEAD")]


def test_gap_chart(perception_table):
    before = perception_table.copy()
    chart = gap_chart(perception_table, INSTRUMENT, MIN_N, title="Leaders and staff")
    spec = chart.to_dict()
    assert {"leaders_score", "staff_score", "gap_text", "side", "reason"} <= fields(spec)
    rows = [row for row in datasets(chart) if "gap_text" in row]
    assert [row["gap_text"] for row in rows] == ["+20.0 (large)", "0.0", "", ""]  # -0.04 shows as 0.0
    assert_hidden_rows_carry_no_number(rows)
    assert_no_hidden_count(chart)
    pd.testing.assert_frame_equal(perception_table, before)


def test_gap_rows_blank_a_label_on_a_hidden_row(perception_table):
    table = perception_table.copy()
    table.loc[2, "label"] = "notable"  # a label on a hidden row must not reach the screen
    rows = gap_rows(table, INSTRUMENT, MIN_N)
    assert rows.loc[2, "label"] == "" and rows.loc[2, "gap_text"] == ""


@pytest.mark.parametrize("builder", ["domain", "gap"])
def test_builders_accept_an_all_hidden_table(builder, domain_table, perception_table):
    if builder == "domain":
        table = domain_table.assign(score=float("nan"), tier=None, suppressed=True)
        chart = domain_chart(table, INSTRUMENT, MIN_N)
    else:
        table = perception_table.assign(
            leaders_score=float("nan"), staff_score=float("nan"), gap=float("nan"), label="", suppressed=True
        )
        chart = gap_chart(table, INSTRUMENT, MIN_N)
    chart.to_dict()
