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


# -- amended §7.2: the hidden siblings must rest on at least min_n people together --------------------------------


@pytest.mark.parametrize(
    ("sizes", "expected"),
    [
        # 2 + 1 = 3 < 5 hidden: parent - A - B would be those 3 people; B (12, the smaller shown) goes too.
        ({"A": 20, "B": 12, "C": 2, "D": 1}, ["B", "C", "D"]),
        # 3 + 2 = 5: the two hidden ones together are min_n people; nothing more.
        ({"A": 20, "B": 12, "C": 3, "D": 2}, ["C", "D"]),
        # 1 + 1 + 1 = 3, then + 6 = 9 >= 5: one more is enough, the smallest (E, 6).
        ({"A": 20, "B": 1, "C": 1, "D": 1, "E": 6}, ["B", "C", "D", "E"]),
    ],
)
def test_step_a_keeps_hiding_until_the_hidden_rest_on_min_n(sizes, expected):
    assert hidden_units(metrics.domain_scores(units(sizes), ONE, by="unit")) == expected


def test_step_c_keeps_hiding_until_the_hidden_cells_rest_on_min_n():
    # Units of 10 rows; domain T of two items scored by 2, 1, 8, 9 and 10 people; D scored by all.
    # T: A (2) and B (1) are primary, 3 < 5 together: C (8), the smallest shown, follows; 2 + 1 + 8 = 11.
    instrument = tiny_instrument({"D": 1, "T": 2})
    rows = []
    for unit, scored in {"A": 2, "B": 1, "C": 8, "E": 9, "F": 10}.items():
        rows += [{"unit": unit, "D1": 4, "T1": 4, "T2": 4 if i < scored else NA} for i in range(10)]
    result = metrics.domain_scores(frame(rows), instrument, by="unit")
    assert hidden_units(result[result["domain"] == "T"]) == ["A", "B", "C"]
    assert not result.loc[result["domain"] == "D", "suppressed"].any()


def test_step_c_cells_resting_on_no_one_need_no_company():
    # Two units where nobody answered T (own n 0 and 0): hidden, but they reveal nothing; C and E stay shown.
    # A lone cell resting on no one still takes one more (the contract's "exactly one is suppressed").
    instrument = tiny_instrument({"D": 1, "T": 2})
    nobody = lambda unit, scored: [  # noqa: E731
        {"unit": unit, "D1": 4, "T1": 4 if i < scored else NA, "T2": 4 if i < scored else NA} for i in range(10)
    ]
    two_empty = metrics.domain_scores(
        frame(nobody("A", 0) + nobody("B", 0) + nobody("C", 9) + nobody("E", 10)), instrument, by="unit"
    )
    assert hidden_units(two_empty[two_empty["domain"] == "T"]) == ["A", "B"]
    one_empty = metrics.domain_scores(frame(nobody("A", 0) + nobody("C", 9) + nobody("E", 10)), instrument, by="unit")
    assert hidden_units(one_empty[one_empty["domain"] == "T"]) == ["A", "C"]


# -- amended §7.4: wider views lose one or more filters; a unit is its agency and its name ------------------------


def wave_of(sizes: dict[tuple[str, str, str], int]) -> pd.DataFrame:
    """One wave W with {(agency, unit, role): people}, every item answered 4."""
    rows = [
        {"wave": "W", "agency": a, "unit": u, "role_level": r, "D1": 4}
        for (a, u, r), count in sizes.items()
        for _ in range(count)
    ]
    return frame(rows)


def test_a_unit_name_across_agencies_is_refused_when_one_agency_refuses_it():
    # X: units Big 40, Mid 12, Tiny 3. X's breakdown by unit hides Tiny (3 < 5) and, by step a, Mid (12).
    # "All agencies · Mid" holds exactly X's Mid: shown, it gives X - Big - Mid = Tiny's 3 people. Refused (c).
    people = {("X", "Big", "staff"): 40, ("X", "Mid", "staff"): 12, ("X", "Tiny", "staff"): 3}
    responses = wave_of(people)
    assert metrics.view_refusal(responses, "W", "X", "Mid", None) == metrics.PROTECTS_SMALL_GROUP
    assert metrics.view_refusal(responses, "W", None, "Mid", None) == metrics.PROTECTS_SMALL_GROUP
    # Another agency's 30-person "Mid" changes nothing: X's Mid is still in the pool.
    responses = wave_of({**people, ("Y", "Mid", "staff"): 30, ("Y", "Other", "staff"): 30})
    assert metrics.view_refusal(responses, "W", None, "Mid", None) == metrics.PROTECTS_SMALL_GROUP
    assert metrics.view_refusal(responses, "W", "Y", "Mid", None) == ""
    assert metrics.view_refusal(responses, "W", None, "Big", None) == ""


def test_a_wider_view_may_lose_two_filters():
    # The wave: X's only unit U 15 people, Y 3 people. X (15) leaves Y's 3 out of the wave: refused by (a).
    # "X · U" loses no one against X or against "all · U", but against the wave (both filters removed) it
    # leaves the same 3 out: refused too.
    responses = wave_of({("X", "U", "staff"): 15, ("Y", "V", "staff"): 3})
    assert metrics.view_refusal(responses, "W", "X", None, None) == metrics.PROTECTS_SMALL_GROUP
    assert metrics.view_refusal(responses, "W", "X", "U", None) == metrics.PROTECTS_SMALL_GROUP
    assert metrics.view_refusal(responses, "W", None, "U", None) == metrics.PROTECTS_SMALL_GROUP
    assert metrics.Census(responses).size("X", "U") == 15


def test_a_breakdown_group_whose_own_view_is_refused_is_hidden_whole():
    # X: 5 executives, 30 staff, 20 support; Y: 1 executive, 30 staff. "X · executive" leaves Y's one executive
    # out of "all · executive" (6 - 5 = 1): refused. In X's breakdown by role the executives are hidden whole
    # before step a, and step a then takes the smallest shown role (support, 20) with them.
    responses = wave_of(
        {
            ("X", "U", "executive"): 5,
            ("X", "U", "staff"): 30,
            ("X", "U", "support"): 20,
            ("Y", "V", "staff"): 30,
            ("Y", "V", "executive"): 1,
        }
    )
    assert metrics.view_refusal(responses, "W", "X", None, "executive") == metrics.PROTECTS_SMALL_GROUP
    hide = metrics.refused_groups(responses, "W", "X", None, None, "role_level")
    assert hide["role_level"].tolist() == ["executive"]
    rows = metrics.scope_rows(responses, "W", "X")
    plain = metrics.domain_scores(rows, ONE, by="role_level")
    assert hidden_units(plain, "role_level") == []
    guarded = metrics.domain_scores(rows, ONE, by="role_level", hide_groups=hide)
    assert hidden_units(guarded, "role_level") == ["executive", "support"]
    index = metrics.effectiveness_index(rows, ONE, by="role_level", hide_groups=hide)
    assert hidden_units(index, "role_level") == ["executive", "support"]
