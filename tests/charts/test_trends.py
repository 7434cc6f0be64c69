"""The trend and change charts and their tables: valid Vega-Lite, one panel per domain, intervals drawn, readings
marked by shape and words (not colour alone), and nothing of a suppressed cell but its reason."""

from __future__ import annotations

import json
import numbers

import altair as alt
import numpy as np
import pandas as pd
import pytest

from charts import theme
from charts.trends import (
    DECLINE,
    GAIN,
    NO_CLEAR,
    biggest_table,
    change_chart,
    change_extent,
    change_rows,
    change_table,
    panel_columns,
    panel_width,
    trend_chart,
    trend_points,
    trend_table,
)
from metrics import COMPLEMENTARY, PRIMARY, load_instrument

INSTRUMENT = load_instrument()
MIN_N = 5
HIDDEN_PRIMARY_N = 3
HIDDEN_COMPLEMENTARY_N = 677  # a distinctive count: it must not reach a chart or a table
WAVES = ["2023 Spring", "2024 Spring", "2025 Spring"]
CODES = ["VIS", "LEAD", "ALN", "CAP", "RES"]


@pytest.fixture
def trend() -> pd.DataFrame:
    """One group's `domain_trend`: every cell shown, except in 2024 ALN (primary, 3 answered) and CAP
    (complementary, 677)."""
    rows = []
    for w, wave in enumerate(WAVES):
        for d, code in enumerate(CODES):
            hidden = wave == "2024 Spring" and code in ("ALN", "CAP")
            score = 50.0 + 10 * d + 4.02 * w
            rows.append(
                {
                    "wave": wave,
                    "domain": code,
                    "n": {"ALN": HIDDEN_PRIMARY_N, "CAP": HIDDEN_COMPLEMENTARY_N}.get(code, 40) if hidden else 40,
                    "score": np.nan if hidden else score,
                    "ci_low": np.nan if hidden else score - 3.0,
                    "ci_high": np.nan if hidden else score + 3.0,
                    "tier": None if hidden else "Emerging",
                    "suppressed": hidden,
                }
            )
    return pd.DataFrame(rows)


@pytest.fixture
def change() -> pd.DataFrame:
    """One group's `domain_change` 2024 -> 2025: a gain, a decline, two hidden rows, one unclear change."""
    return pd.DataFrame(
        {
            "domain": CODES,
            "score_from": [60.0, 70.0, np.nan, np.nan, 80.0],
            "score_to": [68.04, 65.0, np.nan, np.nan, 81.2],
            "change": [8.04, -5.0, np.nan, np.nan, 1.2],
            "ci_low": [6.9, -7.1, np.nan, np.nan, -1.1],
            "ci_high": [9.2, -2.9, np.nan, np.nan, 3.5],
            "meaningful": [True, True, False, False, False],
            "suppressed": [False, False, True, True, False],
        }
    )


def datasets(chart: alt.TopLevelMixin) -> list[dict]:
    spec = chart.to_dict()  # validates against the Vega-Lite schema
    return [row for rows in spec.get("datasets", {}).values() for row in rows]


def find(spec, key: str) -> list:
    """Every value stored under `key` anywhere in a spec."""
    found = []
    if isinstance(spec, dict):
        for k, v in spec.items():
            if k == key:
                found.append(v)
            found += find(v, key)
    elif isinstance(spec, list):
        for v in spec:
            found += find(v, key)
    return found


def assert_hidden_rows_carry_no_number(rows: list[dict]) -> None:
    hidden = [row for row in rows if row.get("reason")]
    assert hidden, "the fixture should put hidden rows in the chart data"
    for row in hidden:
        present = {k: v for k, v in row.items() if v is not None and not (isinstance(v, float) and np.isnan(v))}
        assert not {k for k, v in present.items() if isinstance(v, numbers.Number) and not isinstance(v, bool)}, row
        assert str(HIDDEN_PRIMARY_N) not in present.values() and str(HIDDEN_COMPLEMENTARY_N) not in present.values()


def test_trend_chart_has_one_panel_per_domain_with_interval_and_labels(trend):
    before = trend.copy()
    chart = trend_chart(trend, INSTRUMENT, MIN_N, notes={"LEAD": "◆ open plan P-7"})
    spec = chart.to_dict()
    # One faceted chart: a panel per domain, in instrument order, wrapped to fit the page's column.
    assert spec["facet"]["field"] == "panel"
    order = spec["facet"]["sort"]
    names = [" ".join(line for line in title.split("\n") if line and "◆" not in line) for title in order]
    assert names == [INSTRUMENT.domain_name(c) for c in CODES]
    assert "◆ open plan P-7" in order[1].split("\n")
    assert len({title.count("\n") for title in order}) == 1  # every title as many lines, so that they align
    rows = [row for row in datasets(chart) if "reason" in row]
    assert {row["panel"] for row in rows} == set(order)
    # Three waves: 180-px panels; the column at 1280 x 720 is 790 px, less 145 for the axis: 645 // 200 = 3.
    assert spec["columns"] == 3 and spec["spec"]["width"] == 180
    marks = [layer["mark"]["type"] for layer in spec["spec"]["layer"]]
    assert {"errorbar", "line", "point", "text", "rect", "rule"} <= set(marks)
    bar = next(layer for layer in spec["spec"]["layer"] if layer["mark"]["type"] == "errorbar")
    assert (bar["encoding"]["y"]["field"], bar["encoding"]["y2"]["field"]) == ("ci_low", "ci_high")
    # Projector type: axis labels 16 px, mark text at least 14 px.
    assert spec["config"]["axis"]["labelFontSize"] == theme.AXIS_LABEL_PX == 16
    assert min(size for size in find(spec["spec"], "fontSize") if isinstance(size, int)) >= 14
    assert len(rows) == 15
    assert_hidden_rows_carry_no_number(rows)
    assert str(HIDDEN_COMPLEMENTARY_N) not in json.dumps(spec)
    pd.testing.assert_frame_equal(trend, before)


@pytest.mark.parametrize(
    "waves, width, columns",
    [
        (2, 180, 3),  # the least width: 645 // (180 + 20) = 3
        (4, 200, 2),  # 50 px a wave: 645 // 220 = 2
        (6, 300, 2),  # 645 // 320 = 2
        (7, 350, 1),  # 645 // 370 = 1
        (20, 625, 1),  # 1,000 px capped at the column less axis and spacing: 790 - 145 - 20 = 625
    ],
)
def test_trend_panels_fit_the_column_at_1280(waves, width, columns):
    assert (panel_width(waves), panel_columns(waves)) == (width, columns)
    assert columns * (width + 20) - 20 + 145 <= 790


def test_trend_points_show_values_as_shown_and_reasons(trend):
    points = trend_points(trend, INSTRUMENT, MIN_N)
    # Domain-major, waves in order: VIS 2023, 2024, 2025, then LEAD ...
    assert points["code"].tolist()[:4] == ["VIS", "VIS", "VIS", "LEAD"]
    assert points["wave"].tolist()[:3] == WAVES
    vis = points[points["code"] == "VIS"]
    # 50 + 4.02 * 2 = 58.04 shows as 58.0; interval 55.04 to 61.04 as 55.0 to 61.0
    assert vis["score_text"].tolist() == ["50.0", "54.0", "58.0"]
    assert vis["interval_text"].tolist()[2] == "55.0 to 61.0"
    hidden = points[points["reason"] != ""]
    assert hidden[["code", "reason"]].values.tolist() == [["ALN", PRIMARY], ["CAP", COMPLEMENTARY]]
    assert hidden["score"].isna().all() and hidden["responses"].isna().all()


def test_trend_chart_refuses_several_groups(trend):
    with pytest.raises(ValueError, match="one group"):
        trend_chart(pd.concat([trend, trend]), INSTRUMENT, MIN_N)


def test_trend_table_reads_reasons_and_hides_counts(trend):
    table = trend_table(trend, INSTRUMENT, MIN_N)
    assert list(table.columns) == ["Domain", "Wave", "Score (0–100)", "95 % interval", "Tier", "Responses"]
    aln = table[(table["Domain"] == INSTRUMENT.domain_name("ALN")) & (table["Wave"] == "2024 Spring")].iloc[0]
    assert aln["Score (0–100)"] == PRIMARY and aln["95 % interval"] == PRIMARY
    assert aln["Tier"] == "" and aln["Responses"] == ""
    assert table.iloc[0]["Responses"] == "40"
    assert str(HIDDEN_COMPLEMENTARY_N) not in table.to_string()


def test_change_rows_readings_and_reasons(change, trend):
    rows = change_rows(change, trend, INSTRUMENT, "2024 Spring", "2025 Spring", MIN_N)
    assert rows["reading"].tolist() == [GAIN, DECLINE, PRIMARY, COMPLEMENTARY, NO_CLEAR]
    assert rows["reading_text"].tolist()[:2] == ["+8.0  meaningful gain", "-5.0  meaningful decline"]
    assert rows["interval_text"].tolist()[0] == "+6.9 to +9.2"
    assert rows.loc[2:3, ["change", "ci_low", "ci_high"]].isna().all().all()
    # A group absent from one wave reads "not enough responses".
    absent = change_rows(change, trend[trend["wave"] != "2025 Spring"], INSTRUMENT, "2024 Spring", "2025 Spring")
    assert absent["reason"].tolist()[2:4] == [PRIMARY, PRIMARY]


def test_change_chart_marks_meaningful_changes_by_shape_and_weight(change, trend):
    chart = change_chart(change, trend, INSTRUMENT, "2024 Spring", "2025 Spring", MIN_N)
    spec = chart.to_dict()
    layers = spec["layer"]
    shape = next(layer["encoding"]["shape"] for layer in layers if "shape" in layer.get("encoding", {}))
    assert shape["field"] == "reading"
    assert shape["scale"]["domain"] == [GAIN, DECLINE, NO_CLEAR]
    assert len(set(shape["scale"]["range"])) == 3  # three different shapes, not just three colours
    bold = [layer for layer in layers if layer["mark"].get("fontWeight") == "bold"]
    assert len(bold) == 1 and NO_CLEAR in json.dumps(bold[0]["transform"])
    x_scale = next(layer["encoding"]["x"]["scale"] for layer in layers if "scale" in layer["encoding"].get("x", {}))
    assert x_scale["domain"] == [-10.0, 10.0]  # widest |value| 9.2 -> at least 10
    rows = [row for row in datasets(chart) if "reading" in row]
    assert_hidden_rows_carry_no_number(rows)
    assert str(HIDDEN_COMPLEMENTARY_N) not in json.dumps(spec)


@pytest.mark.parametrize(("values", "extent"), [([1.0, -2.0], 10.0), ([10.0, -3.0], 10.0), ([10.01], 15.0)])
def test_change_axis_is_symmetric_and_round(values, extent):
    rows = pd.DataFrame({"change": values, "ci_low": values, "ci_high": values})
    assert change_extent(rows) == extent


def test_change_table_and_biggest_table(change, trend):
    table = change_table(change, trend, INSTRUMENT, "2024 Spring", "2025 Spring", MIN_N)
    assert list(table.columns) == [
        "Domain",
        "2024 Spring (0–100)",
        "2025 Spring (0–100)",
        "Change (points)",
        "95 % interval",
        "Reading",
    ]
    assert table["Change (points)"].tolist() == ["+8.0", "-5.0", PRIMARY, COMPLEMENTARY, "+1.2"]
    assert table["Reading"].tolist()[4] == NO_CLEAR
    biggest = biggest_table(change, INSTRUMENT)
    assert biggest.values.tolist() == [
        ["Gain", INSTRUMENT.domain_name("VIS"), "Rose 8.0 points, from 60.0 to 68.0"],
        ["Decline", INSTRUMENT.domain_name("LEAD"), "Fell 5.0 points, from 70.0 to 65.0"],
    ]
    assert biggest_table(change.assign(meaningful=False), INSTRUMENT).empty
