"""Display tables: names not codes, one decimal, reasons instead of hidden values, no hidden counts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from charts import domain_score_table, gap_sentences, gap_table, heatmap_table, item_table
from charts._cells import number
from metrics import COMPLEMENTARY, PRIMARY, load_instrument

INSTRUMENT = load_instrument()
MIN_N = 5


def assert_text_only(table: pd.DataFrame) -> None:
    for column in table.columns:
        assert all(isinstance(v, str) for v in table[column]), column


def assert_count_absent(table: pd.DataFrame, hidden_counts) -> None:
    cells = {v for column in table.columns for v in table[column]}
    for hidden in hidden_counts:
        assert str(hidden) not in cells


@pytest.mark.parametrize(
    ("value", "signed", "expected"),
    [
        (74.95, False, "75.0"),  # half away from zero
        (74.94, False, "74.9"),
        (74.99999999999999, False, "75.0"),
        (-4.95, True, "-5.0"),
        (-0.04, True, "0.0"),  # never "-0.0"
        (0.0, True, "0.0"),
        (12.25, True, "+12.3"),
        (float("nan"), False, ""),
        (None, False, ""),
    ],
)
def test_number(value, signed, expected):
    assert number(value, signed) == expected


def test_domain_score_table(domain_table, hidden_counts):
    before = domain_table.copy()
    table = domain_score_table(domain_table, INSTRUMENT, MIN_N)
    assert table.columns.tolist() == ["Domain", "Score (0–100)", "Tier", "% favourable", "Responses"]
    assert table["Domain"].tolist() == [INSTRUMENT.domain_name(c) for c in ["VIS", "LEAD", "ALN", "CAP"]]
    assert table["Score (0–100)"].tolist() == ["75.0", "48.0", PRIMARY, COMPLEMENTARY]
    assert table["% favourable"].tolist() == ["70.3", "30.0", PRIMARY, COMPLEMENTARY]
    assert table["Tier"].tolist() == ["Strength", "Priority", "", ""]
    assert table["Responses"].tolist() == ["40", "38", "", ""]
    assert_text_only(table)
    assert_count_absent(table, hidden_counts)
    pd.testing.assert_frame_equal(domain_table, before)


def test_domain_score_table_names_its_breakdown(unit_table, hidden_counts):
    table = domain_score_table(unit_table, INSTRUMENT, MIN_N)
    assert table.columns.tolist()[:3] == ["Agency", "Unit", "Domain"]
    assert table["Unit"].tolist() == ["A", "A", "B", "B", "Not reported", "Not reported"]
    assert_count_absent(table, hidden_counts)


def test_heatmap_table(unit_table, hidden_counts):
    table = heatmap_table(unit_table, INSTRUMENT, MIN_N)
    vis, lead = INSTRUMENT.domain_name("VIS"), INSTRUMENT.domain_name("LEAD")
    assert table.columns.tolist() == ["Agency · Unit", vis, lead]
    assert table["Agency · Unit"].tolist() == ["North · A", "North · B", "North · Not reported"]
    assert table[vis].tolist() == ["80.0", PRIMARY, COMPLEMENTARY]
    assert table[lead].tolist() == ["61.3", "55.5", "62.5"]
    assert_text_only(table)
    assert_count_absent(table, hidden_counts)


def test_item_table(item_tables, hidden_counts):
    stats, _ = item_tables
    table = item_table(stats, INSTRUMENT, MIN_N)
    assert table.columns.tolist() == [
        "Item",
        "Responses",
        "Mean (1–5)",
        "% favourable",
        "% neutral",
        "% unfavourable",
        "Don't know",
    ]
    assert table["Item"].iloc[0] == INSTRUMENT.items[0].text
    assert table["Responses"].tolist() == ["20", "10", "", ""]
    assert table["Mean (1–5)"].tolist() == ["3.5", "2.0", PRIMARY, COMPLEMENTARY]  # 3.45 shows as 3.5
    assert table["Don't know"].tolist() == ["2", "0", "", ""]
    assert_text_only(table)
    assert_count_absent(table, hidden_counts)


def test_gap_table(perception_table, hidden_counts):
    table = gap_table(perception_table, INSTRUMENT, MIN_N)
    assert table["Gap (leaders minus staff)"].tolist() == ["+20.0", "0.0", PRIMARY, COMPLEMENTARY]
    assert table["95 % interval"].tolist() == ["+10.5 to +29.6", "-8.0 to +7.9", PRIMARY, COMPLEMENTARY]
    assert table["Reading"].tolist() == ["large", "", "", ""]
    assert table["Leaders responding"].tolist() == ["8", "8", "", ""]
    assert table["Staff responding"].tolist() == ["30", "30", "", ""]  # a hidden row's staff count is blank too
    assert_text_only(table)
    assert_count_absent(table, hidden_counts)


def test_gap_sentences(perception_table):
    table = perception_table.copy()
    table.loc[1, ["gap", "label"]] = [-12.04, "notable"]
    assert gap_sentences(table, INSTRUMENT) == [
        f"Leaders rate {INSTRUMENT.domain_name('VIS')} 20.0 points higher than staff do (a large gap).",
        f"Staff rate {INSTRUMENT.domain_name('LEAD')} 12.0 points higher than leaders do (a notable gap).",
    ]


def test_domain_table_shows_each_domains_alpha_and_flags_a_low_one():
    scores = pd.DataFrame(
        {
            "domain": ["VIS", "RES", "COM"],
            "n": [40, 40, 40],
            "score": [70.0, 45.0, 60.0],
            "pct_favorable": [60.0, 30.0, 50.0],
            "tier": ["Developing", "Priority", "Emerging"],
            "suppressed": [False, False, False],
        }
    )
    # RES 0.698 reads "0.70" but is below 0.70 (compared unrounded, §3.0); 0.6999999999 is within the 1e-9
    # tolerance, so not below; COM has no alpha
    alpha = pd.DataFrame({"domain": ["VIS", "RES", "COM"], "n": [38, 38, 1], "alpha": [0.861, 0.698, None]})
    table = domain_score_table(scores, INSTRUMENT, MIN_N, alpha.astype({"alpha": float}))
    assert table["Reliability (alpha)"].tolist() == ["0.86", "0.70 (low)", ""]
    assert_text_only(table)
    assert "Reliability (alpha)" not in domain_score_table(scores, INSTRUMENT, MIN_N).columns
    edge = alpha.assign(alpha=[0.861, 0.6999999999, np.nan])
    assert domain_score_table(scores, INSTRUMENT, MIN_N, edge)["Reliability (alpha)"].tolist()[1] == "0.70"


def test_heatmap_table_ends_with_each_domains_alpha():
    scores = pd.DataFrame(
        {
            "unit": ["A", "A", "B", "B"],
            "domain": ["VIS", "RES", "VIS", "RES"],
            "n": [20, 20, 20, 20],
            "score": [70.0, 45.0, 66.0, 40.0],
            "pct_favorable": [60.0, 30.0, 55.0, 25.0],
            "tier": ["Developing", "Priority", "Developing", "Priority"],
            "suppressed": [False] * 4,
        }
    )
    alpha = pd.DataFrame({"domain": ["VIS", "RES"], "n": [38, 38], "alpha": [0.861, 0.12]})
    table = heatmap_table(scores, INSTRUMENT, MIN_N, alpha)
    vis, res = INSTRUMENT.domain_name("VIS"), INSTRUMENT.domain_name("RES")
    assert table.iloc[:, 0].tolist() == ["A", "B", "Reliability (alpha), whole wave"]
    assert table.iloc[-1][vis] == "0.86"
    assert table.iloc[-1][res] == "0.12 (low)"
    assert table.iloc[0][vis] == "70.0"
