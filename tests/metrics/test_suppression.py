"""§7: primary suppression, complementary steps a, b and c, in one- and two-level breakdowns."""

import pandas as pd
import pytest

import metrics
from tests.metrics.conftest import NA, frame, tiny_instrument, uniform_rows

ONE = tiny_instrument({"D": 1})


def units(sizes: dict[str, int], value: float = 4, **extra) -> pd.DataFrame:
    rows = [{"unit": unit, "D1": value, **extra} for unit, size in sizes.items() for _ in range(size)]
    return frame(rows)


def hidden_units(result: pd.DataFrame, column: str = "unit") -> list[str]:
    return result.loc[result["suppressed"], column].tolist()


def test_contract_worked_case(default_instrument):
    # A 40 rows, B 12 rows of whom 4 answered enough of TRU, C 9 rows all scored everywhere.
    rows = uniform_rows(default_instrument, 40, unit="A") + uniform_rows(default_instrument, 9, unit="C")
    b_rows = uniform_rows(default_instrument, 12, unit="B")
    for row in b_rows[4:]:
        row.update({"TRU2": NA, "TRU3": NA, "TRU4": NA})  # one TRU item of four: no TRU score
    source = frame(rows + b_rows, role_level="staff")
    scores = metrics.domain_scores(source, default_instrument, by="unit")
    tru = scores[scores["domain"] == "TRU"].set_index("unit")
    assert tru["suppressed"].to_dict() == {"A": False, "B": True, "C": True}  # B primary, C step c
    assert tru.loc["B", "n"] == 4 and tru.loc["C", "n"] == 9
    others = scores[scores["domain"] != "TRU"]
    assert not others["suppressed"].any()
    reasons = metrics.suppression_reason(tru.reset_index(), min_n=5).tolist()
    assert reasons == ["", metrics.PRIMARY, metrics.COMPLEMENTARY]
    items = metrics.item_stats(source, default_instrument, by="unit")
    tru_items = items[items["domain"] == "TRU"]
    # Step b: every TRU item of B and C is hidden, even TRU1, which all 12 of B answered.
    assert set(tru_items.loc[tru_items["suppressed"], "unit"]) == {"B", "C"}
    assert len(tru_items[tru_items["suppressed"]]) == 8
    assert not items.loc[items["domain"] != "TRU", "suppressed"].any()


@pytest.mark.parametrize(
    ("sizes", "expected"),
    [
        ({"A": 40, "B": 3, "C": 9}, ["B", "C"]),  # lone small B takes the smallest other sibling, C
        ({"A": 3, "B": 10, "C": 10}, ["A", "B"]),  # tie on 10: first in sort order
        ({"A": 3, "B": 4, "C": 50}, ["A", "B"]),  # two small siblings already protect each other
        ({"A": 3}, ["A"]),  # no sibling to protect
        ({"A": 5, "B": 5}, []),  # exactly min_n is shown
    ],
)
def test_step_a_one_level(sizes, expected):
    assert hidden_units(metrics.domain_scores(units(sizes), ONE, by="unit")) == expected
    assert hidden_units(metrics.effectiveness_index(units(sizes), ONE, by="unit")) == expected


def test_steps_a_and_c_stay_within_each_parent_in_two_levels():
    rows = []
    for agency, sizes in {
        "P": {"A": 40, "B": 3},
        "Q": {"C": 10, "D": 20, "E": 2},
        "R": {"F": 4},
        "S": {"G": 6, "H": 7},
    }.items():
        rows += [{"agency": agency, "unit": u, "D1": 4} for u, size in sizes.items() for _ in range(size)]
    result = metrics.domain_scores(frame(rows), ONE, by=("agency", "unit"))
    assert list(zip(result["agency"], result["unit"], strict=True)) == [
        ("P", "A"),
        ("P", "B"),
        ("Q", "C"),
        ("Q", "D"),
        ("Q", "E"),
        ("R", "F"),
        ("S", "G"),
        ("S", "H"),
    ]
    assert hidden_units(result) == ["A", "B", "C", "E", "F"]
    assert result.loc[result["suppressed"], "score"].isna().all()
    assert result.loc[~result["suppressed"], "score"].tolist() == pytest.approx([75.0, 75.0, 75.0])


def test_step_c_takes_the_shown_cell_with_the_smallest_own_n():
    # Three units of 20 rows; domain T of two items. B: 4 scored on T; A: 15; C: 12 -> C follows B.
    instrument = tiny_instrument({"D": 1, "T": 2})
    rows = []
    for unit, scored in {"A": 15, "B": 4, "C": 12}.items():
        rows += [{"unit": unit, "D1": 4, "T1": 4, "T2": 4 if i < scored else NA} for i in range(20)]
    result = metrics.domain_scores(frame(rows), instrument, by="unit")
    t = result[result["domain"] == "T"].set_index("unit")["suppressed"].to_dict()
    assert t == {"A": False, "B": True, "C": True}
    assert not result.loc[result["domain"] == "D", "suppressed"].any()
    # Items: T2 answered by 15/4/12 follows its domain (b) for B and C; T1 too; D1 untouched.
    items = metrics.item_stats(frame(rows), instrument, by="unit")
    assert items.loc[items["suppressed"], ["unit", "item"]].values.tolist() == [
        ["B", "T1"],
        ["B", "T2"],
        ["C", "T1"],
        ["C", "T2"],
    ]


def test_step_c_on_items_alone():
    # Every domain is shown, but in B only 4 answered T3: that item cell is primary, and C's T3
    # (7 answers, the smallest shown) follows it by step c.
    instrument = tiny_instrument({"T": 3})
    rows = []
    for unit, answered in {"A": 9, "B": 4, "C": 7}.items():
        rows += [{"unit": unit, "T1": 4, "T2": 4, "T3": 4 if i < answered else NA} for i in range(10)]
    items = metrics.item_stats(frame(rows), instrument, by="unit")
    assert items.loc[items["suppressed"], ["unit", "item"]].values.tolist() == [["B", "T3"], ["C", "T3"]]
    assert not metrics.domain_scores(frame(rows), instrument, by="unit")["suppressed"].any()


def test_gap_and_shared_influence_get_step_c_by_their_own_n():
    instrument = tiny_instrument({"SHD": 1})
    rows = []
    for unit, leaders in {"A": 8, "B": 4, "C": 6, "D": 7}.items():
        rows += [{"unit": unit, "role_level": "manager", "SHD1": 4}] * leaders
        rows += [{"unit": unit, "role_level": "staff", "SHD1": 2}] * 10
    gaps = metrics.perception_gap(frame(rows), instrument, by="unit")
    # B has 4 leaders (primary); the shown side-minimum smallest is C (6).
    assert hidden_units(gaps) == ["B", "C"]
    assert (
        gaps.loc[gaps["suppressed"], ["leaders_score", "staff_score", "gap", "gap_low", "gap_high"]].isna().all().all()
    )
    assert (gaps.loc[gaps["suppressed"], "label"] == "").all()
    assert metrics.suppression_reason(gaps).tolist() == ["", metrics.PRIMARY, metrics.COMPLEMENTARY, ""]
    staff_counts = {"A": 10, "B": 3, "C": 8, "D": 9}
    rows = [{"unit": u, "role_level": "staff", "SHD1": 5} for u, k in staff_counts.items() for _ in range(k)]
    rows += [{"unit": u, "role_level": "executive", "SHD1": 5} for u in staff_counts for _ in range(3)]
    influence = metrics.shared_influence(frame(rows), instrument, by="unit")
    assert hidden_units(influence) == ["B", "C"]  # B: 3 staff; C: the smallest shown n (8)


@pytest.mark.parametrize("function", [metrics.domain_scores, metrics.item_stats, metrics.agreement])
def test_exactly_min_n_is_shown_and_one_less_is_not(function):
    shown = function(units({"A": 6}), ONE, by="unit", min_n=6)
    hidden = function(units({"A": 5}), ONE, by="unit", min_n=6)
    assert not shown["suppressed"].any() and hidden["suppressed"].all()


@pytest.mark.parametrize(
    ("sizes", "value", "hidden"),
    [
        ({"A": 40, "B": 3, "C": 9}, "B", True),  # §7.1
        ({"A": 40, "B": 3, "C": 9}, "C", True),  # step a: C protects B
        ({"A": 40, "B": 3, "C": 9}, "A", False),
        ({"A": 40, "B": 9}, "B", False),
        ({"A": 40, "B": 9}, "Z", False),  # a value with no rows hides nothing
    ],
)
def test_hidden_in_breakdown(sizes, value, hidden):
    assert metrics.hidden_in_breakdown(units(sizes), "unit", value) == hidden
