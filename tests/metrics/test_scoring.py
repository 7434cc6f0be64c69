"""Item statistics, domain scores and the effectiveness index on frames worked by hand."""

import numpy as np
import pandas as pd
import pytest

import metrics
from metrics import Domain, Instrument, Scale
from tests.metrics.conftest import AGREE_5, NA, frame, tiny_instrument

# Domain A: three items, A3 reverse-coded (x -> 6 - x); domain B: one item.
INSTRUMENT = tiny_instrument({"A": 3, "B": 1}, reverse=("A3",))
ROWS = [
    {"A1": 5, "A2": 4, "A3": 2, "B1": 5},  # A: 5, 4, 4 -> mean 13/3 -> 83.33; B 100
    {"A1": 4, "A2": NA, "A3": NA, "B1": 3},  # A: 1 of 3 answered, needs 2 -> no score; B 50
    {"A1": 3, "A2": 3, "A3": NA, "B1": NA},  # A: mean 3 -> 50; B none
    {"A1": 1, "A2": 2, "A3": 5, "B1": 4},  # A: 1, 2, 1 -> mean 4/3 -> 8.33; B 75
    {"A1": 2, "A2": NA, "A3": 1, "B1": 2},  # A: 2, 5 -> mean 3.5 -> 62.5; B 25
    {"A1": NA, "A2": NA, "A3": NA, "B1": NA},  # answered nothing
]


def data() -> pd.DataFrame:
    return frame(ROWS, unit="X", role_level="staff")


def test_domain_scores_by_hand():
    source = data()
    before = source.copy()
    result = metrics.domain_scores(source, INSTRUMENT, min_n=3)
    pd.testing.assert_frame_equal(source, before)  # the input is never mutated
    assert list(result.columns) == ["domain", "n", "score", "pct_favorable", "tier", "suppressed"]
    a, b = result.iloc[0], result.iloc[1]
    # A: (83.333 + 50 + 8.333 + 62.5) / 4 = 51.0417 over 4 scored respondents.
    assert (a["domain"], a["n"]) == ("A", 4)
    assert a["score"] == pytest.approx((250 / 3 + 50 + 25 / 3 + 62.5) / 4)
    # Pooled answers of every row, scored or not: 5,4,4 | 4 | 3,3 | 1,2,1 | 2,5 -> 5 favourable of 11.
    assert a["pct_favorable"] == pytest.approx(500 / 11)
    assert (a["tier"], a["suppressed"]) == ("Emerging", False)
    # B: (100 + 50 + 75 + 25) / 4 = 62.5 -> Developing; favourable 5 and 4 of 4 answers.
    assert (b["n"], b["score"], b["pct_favorable"], b["tier"]) == (4, pytest.approx(62.5), 50.0, "Developing")


def test_domain_scores_suppress_a_cell_below_min_n_but_keep_its_n():
    result = metrics.domain_scores(data(), INSTRUMENT, min_n=5)
    assert result["suppressed"].tolist() == [True, True]  # n = 4 < 5 for both
    assert result["n"].tolist() == [4, 4]
    assert result["score"].isna().all() and result["pct_favorable"].isna().all() and result["tier"].isna().all()


def test_item_stats_by_hand():
    result = metrics.item_stats(data(), INSTRUMENT, min_n=3).set_index("item")
    assert list(result.reset_index().columns) == [
        "item",
        "domain",
        "n",
        "n_missing",
        "mean",
        "pct_favorable",
        "pct_neutral",
        "pct_unfavorable",
        "suppressed",
    ]
    # A1: 5, 4, 3, 1, 2 and one blank -> mean 3; favourable 2/5, neutral 1/5, unfavourable 2/5.
    a1 = result.loc["A1"]
    assert (a1["n"], a1["n_missing"], a1["mean"]) == (5, 1, 3.0)
    assert (a1["pct_favorable"], a1["pct_neutral"], a1["pct_unfavorable"]) == pytest.approx((40, 20, 40))
    # A3 reverse-coded: 2 -> 4, 5 -> 1, 1 -> 5; three blanks -> mean 10/3; 2 of 3 favourable.
    a3 = result.loc["A3"]
    assert (a3["n"], a3["n_missing"]) == (3, 3)
    assert a3["mean"] == pytest.approx(10 / 3)
    assert (a3["pct_favorable"], a3["pct_neutral"], a3["pct_unfavorable"]) == pytest.approx((200 / 3, 0, 100 / 3))
    # A2: 4, 3, 2 -> n 3; the domain A is shown, so the item is too.
    assert result.loc["A2", "suppressed"] == False  # noqa: E712


def test_item_distribution_has_every_point_and_follows_item_stats():
    result = metrics.item_distribution(data(), INSTRUMENT, min_n=3)
    assert list(result.columns) == ["item", "domain", "point", "label", "count", "pct", "suppressed"]
    a3 = result[result["item"] == "A3"]
    assert a3["point"].tolist() == [1, 2, 3, 4, 5]
    assert a3["label"].tolist() == ["Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"]
    # Recoded points: 4, 1, 5 -> one each at 1, 4 and 5.
    assert a3["count"].tolist() == [1, 0, 0, 1, 1]
    assert a3["pct"].tolist() == pytest.approx([100 / 3, 0, 0, 100 / 3, 100 / 3])
    hidden = metrics.item_distribution(data(), INSTRUMENT, min_n=5)
    stats = metrics.item_stats(data(), INSTRUMENT, min_n=5)
    expected = stats.set_index("item")["suppressed"]
    assert (hidden["suppressed"] == hidden["item"].map(expected)).all()
    assert hidden.loc[hidden["suppressed"], "count"].isna().all()


@pytest.mark.parametrize(
    ("answers", "scored"),
    [
        ((4, NA, NA, NA), False),  # 1 of 4: half rounded up is 2
        ((4, 4, NA, NA), True),  # 2 of 4
        ((4, NA, NA, NA, NA), False),  # 5 items need 3
        ((4, 4, NA, NA, NA), False),
        ((4, 4, 4, NA, NA), True),
        ((4, NA), False),  # 2 items need both
        ((4, 4), True),
        ((4,), True),  # a one-item domain needs its one item
        ((NA,), False),
    ],
)
def test_half_answered_rule(answers, scored):
    instrument = tiny_instrument({"D": len(answers)})
    rows = [{f"D{i + 1}": value for i, value in enumerate(answers)}] * 3
    result = metrics.domain_scores(frame(rows), instrument, min_n=3)
    assert result.loc[0, "n"] == (3 if scored else 0)
    if scored:
        assert result.loc[0, "score"] == pytest.approx(75.0)  # every answer 4 -> (4 - 1) / 4 * 100


def test_four_point_scale_has_no_neutral():
    # 1-4 scale, favourable 3 and 4. Answers 1, 2, 3, 4, 4 -> mean 2.8 -> (2.8 - 1) / 3 * 100 = 60.
    instrument = tiny_instrument({"D": 1}, scale=Scale(1, 4, ("a", "b", "c", "d"), (3, 4)))
    source = frame([{"D1": v} for v in (1, 2, 3, 4, 4, NA)])
    stats = metrics.item_stats(source, instrument, min_n=3).iloc[0]
    assert (stats["pct_favorable"], stats["pct_neutral"], stats["pct_unfavorable"]) == pytest.approx((60, 0, 40))
    assert metrics.domain_scores(source, instrument, min_n=3).loc[0, "score"] == pytest.approx(60.0)
    assert metrics.item_distribution(source, instrument, min_n=3)["point"].tolist() == [1, 2, 3, 4]


def test_seven_point_scale_with_reverse_coding():
    # 1-7, favourable 5-7, neutral 4. R1 reverse-coded: x -> 8 - x. Answers 1, 2, 4, 7, 6 -> 7, 6, 4, 1, 2.
    scale = Scale(1, 7, tuple("abcdefg"), (5, 6, 7))
    instrument = tiny_instrument({"R": 1}, reverse=("R1",), scale=scale)
    source = frame([{"R1": v} for v in (1, 2, 4, 7, 6)])
    stats = metrics.item_stats(source, instrument, min_n=3).iloc[0]
    assert stats["mean"] == pytest.approx(4.0)  # (7 + 6 + 4 + 1 + 2) / 5
    # favourable 7, 6 -> 40 %; neutral 4 -> 20 %; unfavourable 1, 2 -> 40 %.
    assert (stats["pct_favorable"], stats["pct_neutral"], stats["pct_unfavorable"]) == pytest.approx((40, 20, 40))
    # Respondent scores (x' - 1) / 6 * 100: 100, 83.33, 50, 0, 16.67 -> mean 50.
    assert metrics.domain_scores(source, instrument, min_n=3).loc[0, "score"] == pytest.approx(50.0)


def test_effectiveness_index_needs_eighty_percent_of_domains():
    # Five one-item domains; 10 x shown >= 8 x 5 needs 4 shown. Every respondent answers 4 (75) on A-C,
    # 2 (25) on D; E is answered by 4 people only (min_n 5 hides it).
    instrument = tiny_instrument({"A": 1, "B": 1, "C": 1, "D": 1, "E": 1})
    rows = [{"A1": 4, "B1": 4, "C1": 4, "D1": 2, "E1": 5 if i < 4 else NA} for i in range(6)]
    result = metrics.effectiveness_index(frame(rows), instrument, min_n=5)
    assert list(result.columns) == ["n", "domains", "index", "tier", "suppressed"]
    # Shown: 75, 75, 75, 25 -> index 62.5 (Developing), resting on 4 domains.
    assert (result.loc[0, "n"], result.loc[0, "domains"]) == (6, 4)
    assert result.loc[0, "index"] == pytest.approx(62.5)
    assert (result.loc[0, "tier"], result.loc[0, "suppressed"]) == ("Developing", False)
    rows = [{**row, "D1": NA if i < 2 else 2} for i, row in enumerate(rows)]  # D now has 4 respondents: hidden
    result = metrics.effectiveness_index(frame(rows), instrument, min_n=5)
    assert (result.loc[0, "domains"], result.loc[0, "suppressed"]) == (3, True)  # 3 of 5 < 80 %
    assert np.isnan(result.loc[0, "index"]) and pd.isna(result.loc[0, "tier"])


def test_groups_sorted_as_text_and_missing_is_not_reported():
    rows = [{"D1": 4}] * 12
    source = frame(rows)
    source["tenure_band"] = pd.Series(["4-9", "10+", None, "  ", "<1", "1-3"] * 2, dtype=object)
    result = metrics.domain_scores(source, tiny_instrument({"D": 1}), by="tenure_band", min_n=3)
    # "Not reported" (null and blank) < "1-3" < "10+" < "4-9" < "<1" by code point.
    assert result["tenure_band"].tolist() == ["1-3", "10+", "4-9", "<1", "Not reported"]


def test_no_breakdown_is_one_group_even_when_empty():
    instrument = tiny_instrument({"D": 1})
    result = metrics.domain_scores(frame([{"D1": 4}]).iloc[0:0], instrument)
    assert len(result) == 1 and bool(result.loc[0, "suppressed"]) and result.loc[0, "n"] == 0
    by_unit = metrics.domain_scores(frame([{"D1": 4}], unit="u").iloc[0:0], instrument, by="unit")
    assert by_unit.empty and list(by_unit.columns) == [
        "unit",
        "domain",
        "n",
        "score",
        "pct_favorable",
        "tier",
        "suppressed",
    ]


def test_item_distribution_labels_follow_the_items_domain():
    # AGR uses the scale's agreement labels; SAT has its own satisfaction wording of the same 1-5 points.
    satisfied = ("Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied")
    base = tiny_instrument({"AGR": 1, "SAT": 2})
    domains = tuple(Domain(d.code, d.name, d.description, satisfied if d.code == "SAT" else ()) for d in base.domains)
    instrument = Instrument(base.name, base.scale, domains, base.items, base.tiers)
    rows = frame([{"unit": unit, "AGR1": 4, "SAT1": 5, "SAT2": 2} for unit in ("u1", "u2") for _ in range(3)])
    result = metrics.item_distribution(rows, instrument, by="unit", min_n=3)
    assert len(result) == 2 * 3 * 5  # groups x items x points
    for unit in ("u1", "u2"):
        mine = result[result["unit"] == unit]
        assert mine[mine["item"] == "AGR1"]["label"].tolist() == list(AGREE_5)
        assert mine[mine["item"] == "SAT1"]["label"].tolist() == list(satisfied)
        assert mine[mine["item"] == "SAT2"]["label"].tolist() == list(satisfied)
    sat1 = result[(result["unit"] == "u1") & (result["item"] == "SAT1")]
    assert sat1["count"].tolist() == [0, 0, 0, 0, 3]  # labels sit beside the right points and counts
