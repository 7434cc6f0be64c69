"""§6 response rates with §7's suppression: hand-worked rates, the caution boundary, roster errors, and no
hidden count recoverable from a parent's total."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import metrics
from ingest import read_canonical_responses, read_roster
from metrics.rates import MORE_THAN_INVITED, NONE_INVITED, NOT_ON_ROSTER

W = "2025 Spring"
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def answers(sizes: dict[tuple[str, str], int], wave: str = W, role: str | None = "staff") -> pd.DataFrame:
    """`size` response rows for each (agency, unit); no item columns (rates only count rows)."""
    rows = [
        {"wave": wave, "agency": agency, "unit": unit, "role_level": role}
        for (agency, unit), size in sizes.items()
        for _ in range(size)
    ]
    return pd.DataFrame(rows, columns=["wave", "agency", "unit", "role_level"])


def roster(invited: dict[tuple[str, str], int], wave: str = W) -> pd.DataFrame:
    return pd.DataFrame(
        [{"wave": wave, "agency": a, "unit": u, "invited": n} for (a, u), n in invited.items()],
        columns=["wave", "agency", "unit", "invited"],
    )


def by_unit(table: pd.DataFrame) -> pd.DataFrame:
    return table.set_index("unit")


def test_hand_worked_rates_and_columns():
    # X: 6 of 12 = 50.0 %; Y: 8 of 10 = 80.0 %; Z: 7 of 21 = 33.33... %.
    result = metrics.response_rates(
        answers({("A", "X"): 6, ("A", "Y"): 8, ("A", "Z"): 7}), roster({("A", "X"): 12, ("A", "Y"): 10, ("A", "Z"): 21})
    )
    assert list(result.columns) == [
        "wave",
        "agency",
        "unit",
        "responses",
        "invited",
        "rate",
        "caution",
        "error",
        "suppressed",
        "reason",
    ]
    rows = by_unit(result)
    assert rows["responses"].tolist() == [6, 8, 7]
    assert rows["invited"].tolist() == [12, 10, 21]
    assert rows["rate"].tolist() == pytest.approx([50.0, 80.0, 100 / 3])
    assert rows["caution"].tolist() == [False, False, True]  # 50.0 is not below 50; 33.3 is
    assert rows["error"].tolist() == ["", "", ""]
    assert not rows["suppressed"].any()


def test_caution_is_decided_on_the_unrounded_rate():
    # 999 of 2000 = 49.95 %, shown as 50.0 but below 50 (§3.0: only tiers, change and gap labels use the
    # value as shown); 1000 of 2000 = 50.0 % exactly is not below.
    low = metrics.response_rates(answers({("A", "X"): 999}), roster({("A", "X"): 2000}))
    assert low["rate"].iloc[0] == pytest.approx(49.95)
    assert metrics.shown(low["rate"].iloc[0]) == 50.0
    assert bool(low["caution"].iloc[0]) is True
    even = metrics.response_rates(answers({("A", "X"): 1000}), roster({("A", "X"): 2000}))
    assert bool(even["caution"].iloc[0]) is False


@pytest.mark.parametrize(
    ("threshold", "expected"),
    [(80.0, False), (80.0 + 5e-10, False), (80.1, True), (60.0, False)],  # 8 of 10 = 80 %; `<` reads as `< x - 1e-9`
)
def test_caution_threshold_is_configurable(threshold, expected):
    result = metrics.response_rates(answers({("A", "X"): 8}), roster({("A", "X"): 10}), caution=threshold)
    assert bool(result["caution"].iloc[0]) is expected


def test_roster_errors_are_plain_sentences_and_leave_no_rate():
    result = metrics.response_rates(
        answers({("A", "More"): 12, ("A", "Missing"): 7, ("A", "Nobody"): 6, ("A", "Fine"): 5}),
        roster({("A", "More"): 10, ("A", "Nobody"): 0, ("A", "Fine"): 5}),
    )
    rows = by_unit(result)
    assert rows.loc["More", "error"] == MORE_THAN_INVITED == "more responses than invited: the roster is wrong"
    assert rows.loc["Missing", "error"] == NOT_ON_ROSTER
    assert np.isnan(rows.loc["Missing", "invited"])
    assert rows.loc["Nobody", "error"] == NONE_INVITED
    assert rows.loc["Fine", "error"] == ""
    assert rows.loc["Fine", "rate"] == 100.0  # 5 of 5
    assert rows.loc[["More", "Missing", "Nobody"], "rate"].isna().all()
    assert not rows.loc[["More", "Missing", "Nobody"], "caution"].any()
    assert rows.loc["More", "responses"] == 12  # the group itself is large enough to show


def test_a_roster_group_nobody_answered_reads_zero_and_is_no_small_sibling():
    # X 40, Y 3, Z 9 answered; W was invited (15) but nobody answered. Y is primary; step a must take Z, the
    # smallest sibling somebody answered in, not W: hiding a 0 would leave X's total - shown = Y.
    result = metrics.response_rates(
        answers({("A", "X"): 40, ("A", "Y"): 3, ("A", "Z"): 9}),
        roster({("A", "W"): 15, ("A", "X"): 50, ("A", "Y"): 4, ("A", "Z"): 10}),
    )
    rows = by_unit(result)
    assert rows.index.tolist() == ["W", "X", "Y", "Z"]
    assert rows["suppressed"].tolist() == [False, False, True, True]
    assert rows.loc["W", "responses"] == 0 and rows.loc["W", "rate"] == 0.0  # 0 of 15
    assert bool(rows.loc["W", "caution"]) and rows.loc["W", "error"] == ""


def test_small_group_hides_its_count_and_rate_and_step_a_takes_a_sibling():
    # X 40 of 50, Y 3 of 4 (primary), Z 9 of 10 (the smallest other sibling: complementary).
    result = metrics.response_rates(
        answers({("A", "X"): 40, ("A", "Y"): 3, ("A", "Z"): 9}),
        roster({("A", "X"): 50, ("A", "Y"): 4, ("A", "Z"): 10}),
    )
    rows = by_unit(result)
    assert rows["suppressed"].tolist() == [False, True, True]
    assert rows["reason"].tolist() == ["", metrics.PRIMARY, metrics.COMPLEMENTARY]
    assert rows.loc[["Y", "Z"], "rate"].isna().all()
    assert rows.loc[["Y", "Z"], "responses"].tolist() == [3, 9]  # counts stay in the data (§3.0), never shown
    assert rows.loc[["Y", "Z"], "invited"].tolist() == [4, 10]  # the roster's own numbers stay
    assert not rows.loc[["Y", "Z"], "caution"].any()
    assert rows.loc["X", "rate"] == 80.0  # 40 of 50
    # The parent's total (52, shown in the by-agency view) minus the shown sibling leaves 12 = Y + Z together,
    # which does not tell Y apart.
    agency = metrics.response_rates(
        answers({("A", "X"): 40, ("A", "Y"): 3, ("A", "Z"): 9}),
        roster({("A", "X"): 50, ("A", "Y"): 4, ("A", "Z"): 10}),
        by=("agency",),
    )
    assert agency["responses"].tolist() == [52]
    assert agency["responses"].iloc[0] - rows.loc[~rows["suppressed"], "responses"].sum() == 12


def test_two_small_siblings_protect_each_other():
    # Y 3 and Z 4 are both below 5: no third group is hidden.
    result = metrics.response_rates(
        answers({("A", "X"): 40, ("A", "Y"): 3, ("A", "Z"): 4}),
        roster({("A", "X"): 50, ("A", "Y"): 4, ("A", "Z"): 4}),
    )
    assert by_unit(result)["suppressed"].tolist() == [False, True, True]
    assert by_unit(result)["reason"].tolist() == ["", metrics.PRIMARY, metrics.PRIMARY]


def test_siblings_are_units_of_the_same_agency():
    # A's Y (3) takes A's X (9, the smallest other unit of A); B's units are untouched.
    result = metrics.response_rates(
        answers({("A", "X"): 9, ("A", "Y"): 3, ("A", "Z"): 30, ("B", "P"): 6, ("B", "Q"): 7}),
        roster({("A", "X"): 10, ("A", "Y"): 3, ("A", "Z"): 30, ("B", "P"): 6, ("B", "Q"): 7}),
    )
    hidden = result.loc[result["suppressed"], ["agency", "unit"]].apply(tuple, axis=1).tolist()
    assert hidden == [("A", "X"), ("A", "Y")]


def test_by_agency_sums_units_and_applies_step_a_across_agencies():
    # A: 30 + 10 = 40 responses of 50 + 30 = 80 invited -> 50.0 %; B: 3 of 5 (primary); C: 9 of 12 -> hidden
    # (smallest other agency); D: 20 of 25 -> 80.0 %.
    result = metrics.response_rates(
        answers({("A", "X"): 30, ("A", "Y"): 10, ("B", "P"): 3, ("C", "Q"): 9, ("D", "R"): 20}),
        roster({("A", "X"): 50, ("A", "Y"): 30, ("B", "P"): 5, ("C", "Q"): 12, ("D", "R"): 25}),
        by=("agency",),
    )
    rows = result.set_index("agency")
    assert list(result.columns[:2]) == ["wave", "agency"]
    assert rows.loc["A", ["responses", "invited", "rate"]].tolist() == [40, 80, 50.0]
    assert rows["suppressed"].tolist() == [False, True, True, False]
    assert rows.loc["D", "rate"] == 80.0
    assert rows.loc["C", "invited"] == 12


def test_no_breakdown_gives_one_row_per_wave():
    # 2024: 10 + 5 = 15 of 20 + 20 = 40 -> 37.5 %; 2025: 8 of 10 -> 80 %.
    data = pd.concat([answers({("A", "X"): 10, ("B", "Y"): 5}, wave="2024 Spring"), answers({("A", "X"): 8})])
    rost = pd.concat([roster({("A", "X"): 20, ("B", "Y"): 20}, wave="2024 Spring"), roster({("A", "X"): 10})])
    result = metrics.response_rates(data, rost, by=())
    assert list(result.columns) == ["wave", "responses", "invited", "rate", "caution", "error", "suppressed", "reason"]
    assert result["wave"].tolist() == ["2024 Spring", "2025 Spring"]
    assert result["rate"].tolist() == [37.5, 80.0]
    assert result["caution"].tolist() == [True, False]


def test_waves_are_separate_and_a_roster_only_wave_has_zero_responses():
    data = answers({("A", "X"): 6, ("A", "Y"): 3}, wave="2024 Spring")
    rost = pd.concat([roster({("A", "X"): 6, ("A", "Y"): 3}, wave="2024 Spring"), roster({("A", "X"): 8})])
    result = metrics.response_rates(data, rost)
    assert result[["wave", "unit"]].apply(tuple, axis=1).tolist() == [
        ("2024 Spring", "X"),
        ("2024 Spring", "Y"),
        ("2025 Spring", "X"),
    ]
    # 2024: Y (3) is small and X its only sibling: both hidden. 2025: nobody answered yet, 0 of 8.
    assert result["suppressed"].tolist() == [True, True, False]
    assert result["rate"].iloc[2] == 0.0


def test_groups_sort_as_text_and_missing_labels_read_not_reported():
    # Code-point order: "Not reported" < "Zeta" < "alpha"; a missing unit in both tables is one group.
    data = answers({("A", "alpha"): 5, ("A", "Zeta"): 6, ("A", None): 7})
    rost = roster({("A", "alpha"): 10, ("A", "Zeta"): 6, ("A", None): 14})
    result = metrics.response_rates(data, rost)
    assert result["unit"].tolist() == ["Not reported", "Zeta", "alpha"]
    assert result["rate"].tolist() == [50.0, 100.0, 50.0]


def test_duplicate_roster_rows_add_up():
    rost = pd.concat([roster({("A", "X"): 4}), roster({("A", "X"): 6})])  # 4 + 6 = 10 invited
    result = metrics.response_rates(answers({("A", "X"): 5}), rost)
    assert result["invited"].tolist() == [10] and result["rate"].tolist() == [50.0]


def test_the_tables_given_are_left_unchanged():
    data, rost = answers({("A", "X"): 6}), roster({("A", "X"): 12})
    before = data.copy(), rost.copy()
    metrics.response_rates(data, rost)
    pd.testing.assert_frame_equal(data, before[0])
    pd.testing.assert_frame_equal(rost, before[1])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"min_n": 2}, "below 3"),
        ({"by": ("role_level",)}, "role_level"),
        ({"by": ("wave",)}, "wave"),
    ],
)
def test_refusals(kwargs, message):
    with pytest.raises(ValueError, match=message):
        metrics.response_rates(answers({("A", "X"): 6}), roster({("A", "X"): 12}), **kwargs)


@pytest.mark.parametrize("invited", [-1, 2.5, np.nan, "12"])
def test_a_roster_count_that_is_not_a_whole_number_is_refused(invited):
    rost = roster({("A", "X"): 12}).astype({"invited": object})
    rost.loc[0, "invited"] = invited
    if invited != "12":
        rost["invited"] = pd.to_numeric(rost["invited"])
    with pytest.raises(ValueError, match="invited"):
        metrics.response_rates(answers({("A", "X"): 6}), rost)


def test_a_bad_role_level_is_refused():
    with pytest.raises(ValueError, match="role_level"):
        metrics.response_rates(answers({("A", "X"): 6}, role="boss"), roster({("A", "X"): 12}))


def test_sample_story_4_and_3():
    """Harbor City (story 4) carries the caution in every wave; Policy & Legislative Affairs (story 3) shows
    no count and no rate, and Data & Assessment goes with it (§7.2a)."""
    data = read_canonical_responses(SAMPLE / "responses.xlsx")
    rost = read_roster(SAMPLE / "roster.xlsx")
    agencies = metrics.response_rates(data, rost, by=("agency",)).set_index(["wave", "agency"])
    harbor = agencies.xs("Harbor City Public Schools", level="agency")
    assert metrics.shown(harbor["rate"]).tolist() == [34.2, 32.7, 31.4]
    assert harbor["caution"].all()
    assert not agencies.drop("Harbor City Public Schools", level="agency")["caution"].any()
    units = metrics.response_rates(data, rost)
    harbor_units = units[units["agency"] == "Harbor City Public Schools"]
    assert harbor_units["caution"].all() and harbor_units["rate"].between(28, 37).all()
    sea = units[units["agency"] == "State Office of Early Learning"].set_index(["wave", "unit"])
    policy = sea.xs("Policy & Legislative Affairs", level="unit")
    assert policy["suppressed"].all() and policy["rate"].isna().all() and (policy["responses"] == 3).all()
    assert sea.xs("Data & Assessment", level="unit")["suppressed"].all()
    assert units["error"].eq("").all()


def test_a_group_whose_own_view_is_refused_is_hidden_whole_before_step_a():
    # North's only unit X holds 15 of the wave's 18 people; South's Y 2 and Z 1. By agency and unit, X is its
    # parent's only child, so step a leaves it shown, and its 15 responses set against the wave's 18 (the
    # headline) give South's 3 away. "North · X" leaves those 3 out of the wave (§7.4 a): its own view is
    # refused, so the breakdown hides it whole. South's units are refused too (2 and 1 people).
    people = answers({("North", "X"): 15, ("South", "Y"): 2, ("South", "Z"): 1})
    invited = roster({("North", "X"): 20, ("South", "Y"): 4, ("South", "Z"): 4})
    by = ("agency", "unit")
    hide = metrics.refused_groups(people, W, None, None, None, by)
    assert list(hide.itertuples(index=False, name=None)) == [("North", "X"), ("South", "Y"), ("South", "Z")]
    plain = metrics.response_rates(people, invited, by=by)
    assert plain["suppressed"].tolist() == [False, True, True]
    guarded = metrics.response_rates(people, invited, by=by, hide_groups=hide.assign(wave=W))
    assert guarded["suppressed"].tolist() == [True, True, True] and guarded["rate"].isna().all()
    assert guarded["reason"].tolist() == [metrics.COMPLEMENTARY, metrics.PRIMARY, metrics.PRIMARY]
