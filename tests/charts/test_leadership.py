"""Collective-leadership charts and tables: values as shown, attention marked by a word as well as a fill,
hidden cells as reasons with no number or count, and units hidden everywhere named instead of drawn."""

from __future__ import annotations

import json
import numbers

import altair as alt
import numpy as np
import pandas as pd
import pytest

from charts import leadership
from metrics import COMPLEMENTARY, PRIMARY, load_instrument

INSTRUMENT = load_instrument()
MIN_N = 5
HIDDEN_PRIMARY_N = 3
HIDDEN_COMPLEMENTARY_N = 677  # a distinctive count: it must never reach a chart or a table


def datasets(chart: alt.TopLevelMixin) -> list[dict]:
    spec = chart.to_dict()  # validates against the Vega-Lite schema
    return [row for rows in spec.get("datasets", {}).values() for row in rows]


def assert_no_number_in_hidden(rows: list[dict]) -> None:
    hidden = [row for row in rows if row.get("reason")]
    assert hidden
    for row in hidden:
        assert not [v for v in row.values() if isinstance(v, numbers.Number) and not isinstance(v, bool)], row
        assert all(str(v) not in {str(HIDDEN_PRIMARY_N), str(HIDDEN_COMPLEMENTARY_N)} for v in row.values()), row


@pytest.fixture
def unit_gaps() -> pd.DataFrame:
    """`perception_gap(by=("unit",))` for two domains: unit A with a large gap (20.04) and a notable negative
    one (-12.0); B with a small gap on VIS and a large one whose interval includes 0 (no label); C hidden
    (3 leaders, primary) on both; D hidden (complementary) on both."""
    return pd.DataFrame(
        {
            "unit": ["A", "A", "B", "B", "C", "C", "D", "D"],
            "domain": ["VIS", "SHD"] * 4,
            "leaders_n": [8, 8, 9, 9, HIDDEN_PRIMARY_N, HIDDEN_PRIMARY_N, HIDDEN_COMPLEMENTARY_N, 12],
            "staff_n": [30, 30, 20, 20, 25, 25, 40, 40],
            "leaders_score": [85.0, 50.0, 60.0, 80.0, np.nan, np.nan, np.nan, np.nan],
            "staff_score": [64.96, 62.0, 57.0, 55.0, np.nan, np.nan, np.nan, np.nan],
            "gap": [20.04, -12.0, 3.0, 25.0, np.nan, np.nan, np.nan, np.nan],
            "gap_low": [10.5, -20.0, -4.0, -2.0, np.nan, np.nan, np.nan, np.nan],
            "gap_high": [29.6, -4.0, 10.0, 52.0, np.nan, np.nan, np.nan, np.nan],
            "label": ["large", "notable", "", "", "", "", "", ""],
            "suppressed": [False, False, False, False, True, True, True, True],
        }
    )


@pytest.fixture
def unit_agreement() -> pd.DataFrame:
    """`agreement(by=("unit",))`: A agrees on VIS (0.804) but not on SHD (0.6996, shown as 0.70 yet below the
    threshold on its unrounded value); B hidden (primary, 3) on both; C hidden (complementary) on both."""
    return pd.DataFrame(
        {
            "unit": ["A", "A", "B", "B", "C", "C"],
            "domain": ["VIS", "SHD"] * 3,
            "n": [20, 20, HIDDEN_PRIMARY_N, HIDDEN_PRIMARY_N, HIDDEN_COMPLEMENTARY_N, HIDDEN_COMPLEMENTARY_N],
            "r_wg": [0.804, 0.6996, np.nan, np.nan, np.nan, np.nan],
            "consensus": [True, False, False, False, False, False],
            "suppressed": [False, False, True, True, True, True],
        }
    )


@pytest.fixture
def influence() -> tuple[pd.DataFrame, pd.DataFrame]:
    """`shared_influence` by unit (A shown 33.35 %, B primary, C complementary) and for the whole selection."""
    per_unit = pd.DataFrame(
        {
            "unit": ["A", "B", "C"],
            "n": [30, HIDDEN_PRIMARY_N, HIDDEN_COMPLEMENTARY_N],
            "share": [33.35, np.nan, np.nan],
            "suppressed": [False, True, True],
        }
    )
    overall = pd.DataFrame({"n": [710], "share": [20.0], "suppressed": [False]})
    return per_unit, overall


@pytest.fixture
def coherence() -> pd.DataFrame:
    """`coherence` for three domains, given out of instrument order: SHD 82.45, VIS 94.3, TRU not reported."""
    return pd.DataFrame(
        {
            "domain": ["SHD", "VIS", "TRU"],
            "units": [5, 6, 1],
            "coherence": [82.45, 94.3, np.nan],
            "suppressed": [False, False, True],
        }
    )


def test_gap_grid_cells_mark_labels_by_word_and_category(unit_gaps):
    cells = leadership.gap_grid_cells(unit_gaps, INSTRUMENT, MIN_N).set_index(["group", "domain_name"])
    vis, shd = INSTRUMENT.domain_name("VIS"), INSTRUMENT.domain_name("SHD")
    assert cells.loc[("A", vis), ["value_text", "word", "category"]].tolist() == ["+20.0", "large", leadership.LARGE]
    assert cells.loc[("A", shd), ["value_text", "word", "category"]].tolist() == [
        "-12.0",
        "notable",
        leadership.NOTABLE,
    ]
    # 25 points but its interval includes 0: no label, drawn as a small gap
    assert cells.loc[("B", shd), ["value_text", "word", "category"]].tolist() == ["+25.0", "", leadership.SMALL]
    assert cells.loc[("C", vis), ["value_text", "reason", "category"]].tolist() == ["–", PRIMARY, ""]
    assert cells.loc[("D", vis), ["value_text", "reason", "category"]].tolist() == ["–", COMPLEMENTARY, ""]
    # the large gap's text is white on the dark fill, the small gap's is dark on white
    assert cells.loc[("A", vis), "text_colour"] == "#ffffff"
    assert cells.loc[("B", vis), "text_colour"] != "#ffffff"


def test_gap_grid_cells_keep_instrument_order_and_blank_a_hidden_label(unit_gaps):
    table = unit_gaps.iloc[::-1].reset_index(drop=True)
    table.loc[table["unit"] == "C", "label"] = "large"  # a label on a hidden row must not reach the screen
    cells = leadership.gap_grid_cells(table, INSTRUMENT, MIN_N)
    assert list(dict.fromkeys(cells["domain_name"])) == [INSTRUMENT.domain_name("VIS"), INSTRUMENT.domain_name("SHD")]
    assert (cells.loc[cells["group"] == "C", "word"] == "").all()


def test_gap_grid_chart_leaves_out_units_hidden_everywhere(unit_gaps):
    before = unit_gaps.copy()
    chart = leadership.gap_grid_chart(unit_gaps, INSTRUMENT, MIN_N)
    groups = {row["group"] for row in datasets(chart) if "group" in row}
    assert groups == {"A", "B"}
    assert str(HIDDEN_COMPLEMENTARY_N) not in json.dumps(chart.to_dict())
    pd.testing.assert_frame_equal(unit_gaps, before)


def test_gap_grid_chart_draws_a_hidden_cell_of_a_shown_unit_as_a_dash(unit_gaps):
    table = unit_gaps.copy()
    table.loc[3, ["leaders_score", "staff_score", "gap", "gap_low", "gap_high"]] = np.nan
    table.loc[3, ["leaders_n", "suppressed"]] = [HIDDEN_PRIMARY_N, True]  # B's SHD, 3 leaders
    rows = [row for row in datasets(leadership.gap_grid_chart(table, INSTRUMENT, MIN_N)) if "group" in row]
    b_shd = [row for row in rows if row["group"] == "B" and row["domain_name"] == INSTRUMENT.domain_name("SHD")]
    assert [(row["value_text"], row["reason"]) for row in b_shd] == [("–", PRIMARY)]
    assert_no_number_in_hidden(rows)
    # B is shown on VIS, so it stays in the grid and is not named as hidden
    assert leadership.wholly_hidden(leadership.gap_grid_cells(table, INSTRUMENT, MIN_N)) == {
        PRIMARY: ["C"],
        COMPLEMENTARY: ["D"],
    }


def test_wholly_hidden_names_units_by_reason(unit_gaps, unit_agreement):
    gap_cells = leadership.gap_grid_cells(unit_gaps, INSTRUMENT, MIN_N)
    # D's SHD cell has 12 leaders and 40 staff, so D's reasons are complementary on both domains
    assert leadership.wholly_hidden(gap_cells) == {PRIMARY: ["C"], COMPLEMENTARY: ["D"]}
    agreement_cells = leadership.agreement_cells(unit_agreement, INSTRUMENT, MIN_N)
    assert leadership.wholly_hidden(agreement_cells) == {PRIMARY: ["B"], COMPLEMENTARY: ["C"]}


def test_wholly_hidden_with_mixed_reasons_names_both():
    table = pd.DataFrame(
        {
            "unit": ["A", "A", "B", "B"],
            "domain": ["VIS", "SHD"] * 2,
            "n": [HIDDEN_PRIMARY_N, 40, 30, 30],
            "r_wg": [np.nan, np.nan, 0.9, 0.9],
            "consensus": [False, False, True, True],
            "suppressed": [True, True, False, False],
        }
    )
    notes = leadership.wholly_hidden(leadership.agreement_cells(table, INSTRUMENT, MIN_N))
    assert list(notes.values()) == [["A"]]
    assert "not enough responses" in next(iter(notes)) and "protect a small group" in next(iter(notes))


def test_agreement_cells_use_the_metric_consensus_flag(unit_agreement):
    cells = leadership.agreement_cells(unit_agreement, INSTRUMENT, MIN_N).set_index(["group", "domain_name"])
    vis, shd = INSTRUMENT.domain_name("VIS"), INSTRUMENT.domain_name("SHD")
    assert cells.loc[("A", vis), ["value_text", "word", "category"]].tolist() == [
        "0.80",
        "",
        leadership.CONSENSUS_MET,
    ]
    # 0.6996 rounds to 0.70 on screen, but the threshold is read on the unrounded value (§3.0)
    assert cells.loc[("A", shd), ["value_text", "word", "category"]].tolist() == ["0.70", "low", leadership.LOW]
    assert cells.loc[("B", vis), ["value_text", "reason"]].tolist() == ["–", PRIMARY]


def test_agreement_chart_and_table(unit_agreement):
    chart = leadership.agreement_chart(unit_agreement, INSTRUMENT, MIN_N)
    assert {row["group"] for row in datasets(chart) if "group" in row} == {"A"}
    assert str(HIDDEN_COMPLEMENTARY_N) not in json.dumps(chart.to_dict())
    table = leadership.agreement_table(unit_agreement, INSTRUMENT, MIN_N)
    assert table.columns.tolist() == [
        "Unit",
        "Domain",
        "Agreement within the unit (0–1)",
        "Consensus (0.70 or more)",
        "Respondents",
    ]
    assert table["Agreement within the unit (0–1)"].tolist() == [
        "0.80",
        "0.70",
        PRIMARY,
        PRIMARY,
        COMPLEMENTARY,
        COMPLEMENTARY,
    ]
    assert table["Consensus (0.70 or more)"].tolist() == ["yes", "no", "", "", "", ""]
    assert table["Respondents"].tolist() == ["20", "20", "", "", "", ""]


def test_influence_chart_draws_units_and_the_whole_selection(influence):
    per_unit, overall = influence
    chart = leadership.influence_chart(per_unit, overall, MIN_N)
    rows = datasets(chart)
    bars = [row for row in rows if "share_text" in row]
    assert [(row["group"], row["share_text"], row["reason"]) for row in bars] == [
        ("A", "33.4 %", ""),  # 33.35 shows as 33.4 (half away from zero)
        ("B", "", PRIMARY),
        ("C", "", COMPLEMENTARY),
    ]
    assert_no_number_in_hidden(bars)
    assert [row["label"] for row in rows if "label" in row] == ["Whole selection 20.0 %"]
    assert str(HIDDEN_COMPLEMENTARY_N) not in json.dumps(chart.to_dict())


def test_influence_chart_without_units_and_with_a_hidden_whole(influence):
    _, overall = influence
    rows = datasets(leadership.influence_chart(overall, None, MIN_N))
    assert [(row["group"], row["share_text"]) for row in rows if "share_text" in row] == [("This selection", "20.0 %")]
    hidden = overall.assign(share=np.nan, suppressed=True)
    rows = datasets(leadership.influence_chart(hidden, hidden, MIN_N))
    assert not [row for row in rows if "label" in row]  # no reference line for a hidden whole


def test_influence_table_puts_the_whole_selection_first(influence):
    per_unit, overall = influence
    table = leadership.influence_table(per_unit, overall, MIN_N)
    assert table.to_dict("list") == {
        "Group": ["Whole selection", "A", "B", "C"],
        "Staff who feel they have influence (%)": ["20.0", "33.4", PRIMARY, COMPLEMENTARY],
        "Staff responding": ["710", "30", "", ""],
    }


def test_coherence_chart_and_table_in_instrument_order(coherence):
    chart = leadership.coherence_chart(coherence, INSTRUMENT)
    rows = [row for row in datasets(chart) if "coherence_text" in row]
    names = [INSTRUMENT.domain_name(code) for code in ("VIS", "SHD", "TRU")]
    assert [row["domain"] for row in rows] == names
    assert [row["coherence_text"] for row in rows] == ["94.3", "82.5", ""]
    assert rows[2]["reason"] == leadership.NOT_ENOUGH_UNITS and rows[2]["units_text"] == ""
    table = leadership.coherence_table(coherence, INSTRUMENT)
    assert table.to_dict("list") == {
        "Domain": names,
        "Coherence (0–100)": ["94.3", "82.5", leadership.NOT_ENOUGH_UNITS],
        "Units compared": ["6", "5", ""],
    }


def test_unit_gap_sentences_put_large_gaps_first_and_say_who_rates_higher(unit_gaps):
    assert leadership.unit_gap_sentences(unit_gaps, INSTRUMENT) == [
        f"In A, leaders rate {INSTRUMENT.domain_name('VIS')} 20.0 points higher than staff do (a large gap).",
        f"In A, staff rate {INSTRUMENT.domain_name('SHD')} 12.0 points higher than leaders do (a notable gap).",
    ]
    assert leadership.unit_gap_sentences(unit_gaps.assign(label=""), INSTRUMENT) == []


def test_grid_labels_two_by_columns_on_two_lines(unit_gaps):
    table = unit_gaps.assign(agency="North")[["agency", *unit_gaps.columns]]
    cells = leadership.gap_grid_cells(table, INSTRUMENT, MIN_N)
    assert set(cells["group"]) == {"North\nA", "North\nB", "North\nC", "North\nD"}
    assert set(cells["group_text"]) == {"North · A", "North · B", "North · C", "North · D"}
    assert leadership.unit_gap_sentences(table, INSTRUMENT)[0].startswith("In North · A, leaders rate")
