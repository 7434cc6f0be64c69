"""Waves scored with different instruments (indicators §5): which domains and items two instruments share
comparably, a trend whose waves each use their own instrument, and a change across two instruments."""

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import stats

import metrics
from metrics import Domain, Instrument, Item, Scale, Tiers
from tests.metrics.conftest import AGREE_5, frame, tiny_instrument

AGREE_4 = ("Strongly disagree", "Disagree", "Agree", "Strongly agree")
FIVE = Scale(1, 5, AGREE_5, (4, 5))
TREND_COLUMNS = ["wave", "domain", "n", "score", "ci_low", "ci_high", "tier", "suppressed"]
CHANGE_COLUMNS = ["domain", "score_from", "score_to", "change", "ci_low", "ci_high", "meaningful", "suppressed"]


def instrument(domains: list[tuple[str, str]], items: list[tuple], scale: Scale = FIVE, **extra) -> Instrument:
    """Domains as (code, name); items as (code, domain) or (code, domain, text, reverse_coded)."""
    built = []
    for item in items:
        code, domain, *rest = item
        text, reverse = rest if rest else (f"{code} text", False)
        built.append(Item(code, domain, text, reverse))
    return Instrument("test", scale, tuple(Domain(code, name) for code, name in domains), tuple(built), **extra)


BASE_DOMAINS = [("A", "Alpha"), ("B", "Beta"), ("C", "Gamma")]
BASE_ITEMS = [("A1", "A"), ("A2", "A"), ("B1", "B"), ("C1", "C"), ("C2", "C")]
BASE = instrument(BASE_DOMAINS, BASE_ITEMS)


# --- comparable_domains and comparable_items ---------------------------------------------------------------


def test_the_same_instrument_is_comparable_throughout():
    assert metrics.comparable_domains(BASE, BASE) == ["A", "B", "C"]
    assert metrics.comparable_items(BASE, BASE) == ["A1", "A2", "B1", "C1", "C2"]


def test_a_domain_that_gains_an_item_is_not_comparable():
    gained = instrument(BASE_DOMAINS, [*BASE_ITEMS, ("A3", "A")])
    assert metrics.comparable_domains(BASE, gained) == ["B", "C"]
    assert metrics.comparable_domains(gained, BASE) == ["B", "C"]  # losing an item is the same break
    assert metrics.comparable_items(BASE, gained) == ["A1", "A2", "B1", "C1", "C2"]  # the old items still are


def test_a_domain_renamed_by_name_only_stays_comparable():
    renamed = instrument([("A", "A new name"), ("B", "Beta"), ("C", "Gamma")], BASE_ITEMS)
    described = replace(renamed, domains=tuple(replace(d, description="new words") for d in renamed.domains))
    assert metrics.comparable_domains(BASE, renamed) == ["A", "B", "C"]
    assert metrics.comparable_domains(BASE, described) == ["A", "B", "C"]


def test_an_item_turned_around_breaks_its_domain_and_itself():
    flipped = instrument(
        BASE_DOMAINS,
        [("A1", "A"), ("A2", "A"), ("B1", "B"), ("C1", "C"), ("C2", "C", "C2 text", True)],
    )
    assert metrics.comparable_domains(BASE, flipped) == ["A", "B"]
    assert metrics.comparable_items(BASE, flipped) == ["A1", "A2", "B1", "C1"]


def test_a_reworded_item_keeps_its_domain_but_not_its_own_trend():
    # §5: a domain needs the same item codes and scale; an item's trend needs its code, text and scale.
    reworded = instrument(
        BASE_DOMAINS,
        [("A1", "A", "A1 asked another way", False), ("A2", "A"), ("B1", "B"), ("C1", "C"), ("C2", "C")],
    )
    assert metrics.comparable_domains(BASE, reworded) == ["A", "B", "C"]
    assert metrics.comparable_items(BASE, reworded) == ["A2", "B1", "C1", "C2"]


def test_an_item_moved_to_another_domain_breaks_both_domains_but_not_the_item():
    moved = instrument(
        BASE_DOMAINS,
        [("A1", "A"), ("A2", "B"), ("B1", "B"), ("C1", "C"), ("C2", "C")],
    )
    assert metrics.comparable_domains(BASE, moved) == ["C"]
    assert metrics.comparable_items(BASE, moved) == ["A1", "A2", "B1", "C1", "C2"]


def test_domains_and_items_of_one_instrument_alone_are_left_out_in_the_second_ones_order():
    other = instrument(
        [("D", "Delta"), ("C", "Gamma"), ("A", "Alpha")],
        [("D1", "D"), ("C2", "C"), ("C1", "C"), ("A2", "A"), ("A1", "A")],
    )
    assert metrics.comparable_domains(BASE, other) == ["C", "A"]  # item order inside a domain does not count
    assert metrics.comparable_items(BASE, other) == ["C2", "C1", "A2", "A1"]


def test_another_scale_shares_nothing():
    four = replace(BASE, scale=Scale(1, 4, AGREE_4, (3, 4)))
    shifted = replace(BASE, scale=Scale(0, 4, AGREE_5, (3, 4)))  # five points, but 0-4: other numbers
    for other in (four, shifted):
        assert metrics.comparable_domains(BASE, other) == []
        assert metrics.comparable_items(other, BASE) == []


def test_labels_favourable_points_and_tiers_do_not_count():
    # None of them enters a 0-100 domain score: (mean - lo) / (hi - lo) * 100 uses only lo and hi.
    relabelled = replace(
        BASE,
        name="another",
        scale=Scale(1, 5, ("Very poor", "Poor", "Fair", "Good", "Very good"), (5,)),
        tiers=Tiers(80.0, 60.0, 40.0),
    )
    assert metrics.comparable_domains(BASE, relabelled) == ["A", "B", "C"]
    assert metrics.comparable_items(BASE, relabelled) == ["A1", "A2", "B1", "C1", "C2"]


# --- domain_trend across instruments ------------------------------------------------------------------------

# The reference (the instrument of the wave in view, 2025, and of 2023, which wave_instruments does not name):
# A (A1, A2), B (B1), C (C1), D (D1).
REFERENCE = instrument(
    [("A", "Alpha"), ("B", "Beta"), ("C", "Gamma"), ("D", "Delta")],
    [("A1", "A"), ("A2", "A"), ("B1", "B"), ("C1", "C"), ("D1", "D")],
)
# The middle wave's own instrument: domains in another order, A gained A3 (not comparable), B renamed (name
# only: comparable), C as it was, E of its own (never a row), no D (no row in 2024); Strength from 80.
MIDDLE = instrument(
    [("E", "Epsilon"), ("C", "Gamma"), ("B", "Beta renamed"), ("A", "Alpha")],
    [("E1", "E"), ("C1", "C"), ("B1", "B"), ("A1", "A"), ("A2", "A"), ("A3", "A")],
    tiers=Tiers(80.0, 62.5, 50.0),
)


def three_waves() -> pd.DataFrame:
    """The store's union of columns: each wave has NaN in the items its instrument did not ask."""
    rows = [
        # 2023 (reference): A means 5, 4, 3, 4, 4 -> 100, 75, 50, 75, 75; B 3 -> 50; C 4 -> 75; D 4 -> 75.
        *({"wave": "2023", "A1": a, "A2": a, "B1": 3, "C1": 4, "D1": 4} for a in (5, 4, 3, 4, 4)),
        # 2024 (MIDDLE): A (2 + 2 + 5) / 3 = 3 -> 50 under its own instrument, (2 + 2) / 2 -> 25 under the
        # reference's, a row in neither case; B 4 -> 75; C 2 -> 25; E 3 -> 50; no D1.
        *({"wave": "2024", "A1": 2, "A2": 2, "A3": 5, "B1": 4, "C1": 2, "E1": 3} for _ in range(5)),
        # 2025 (reference): A 5 -> 100; B 5 -> 100; C 3 -> 50; D 2 -> 25.
        *({"wave": "2025", "A1": 5, "A2": 5, "B1": 5, "C1": 3, "D1": 2} for _ in range(6)),
    ]
    data = frame(rows)
    return data[["response_id", "wave", "A1", "A2", "A3", "B1", "C1", "D1", "E1"]]


def test_trend_over_three_waves_with_another_instrument_in_the_middle():
    result = metrics.domain_trend(three_waves(), REFERENCE, wave_instruments={"2024": MIDDLE})
    assert list(result.columns) == TREND_COLUMNS
    # 2024 keeps only B and C, in the reference's order (MIDDLE lists C before B), and never A, D or E.
    assert result[["wave", "domain"]].values.tolist() == [
        ["2023", "A"], ["2023", "B"], ["2023", "C"], ["2023", "D"],
        ["2024", "B"], ["2024", "C"],
        ["2025", "A"], ["2025", "B"], ["2025", "C"], ["2025", "D"],
    ]  # fmt: skip
    assert result["n"].tolist() == [5, 5, 5, 5, 5, 5, 6, 6, 6, 6]
    assert result["score"].tolist() == pytest.approx([75, 50, 75, 75, 75, 25, 100, 100, 50, 25])
    assert not result["suppressed"].any()
    # 2023 A: mean 75; deviations 25, 0, -25, 0, 0; variance 1250 / 4 = 312.5; se sqrt(312.5 / 5) = 7.9057;
    # t(0.975, 4) = 2.7764; half width 21.950.
    first = result.iloc[0]
    assert (first["ci_low"], first["ci_high"]) == pytest.approx((75 - 21.950, 75 + 21.950), abs=1e-3)
    # Every other cell has no spread: [score, score].
    rest = result.iloc[1:]
    assert (rest["ci_low"] == rest["score"]).all() and (rest["ci_high"] == rest["score"]).all()
    # Each wave's tier is its own view's: 75 is a Strength under the reference, Developing under MIDDLE (< 80);
    # 50 is Emerging (50 to < 62.5), 25 Priority.
    assert result["tier"].tolist() == [
        "Strength", "Emerging", "Strength", "Strength",
        "Developing", "Priority",
        "Strength", "Strength", "Emerging", "Priority",
    ]  # fmt: skip


def test_trend_viewed_from_the_middle_wave_follows_its_instrument():
    # Now 2024 is the wave in view: rows are MIDDLE's domains in its order (E, C, B, A). 2023 and 2025 hold
    # C and B comparably, not A (A3 missing) and not E.
    result = metrics.domain_trend(three_waves(), MIDDLE, wave_instruments={"2023": REFERENCE, "2025": REFERENCE})
    assert result[["wave", "domain"]].values.tolist() == [
        ["2023", "C"], ["2023", "B"],
        ["2024", "E"], ["2024", "C"], ["2024", "B"], ["2024", "A"],
        ["2025", "C"], ["2025", "B"],
    ]  # fmt: skip
    # 2024 A under MIDDLE: (2 + 2 + 5) / 3 = 3 -> (3 - 1) / 4 * 100 = 50. E 3 -> 50.
    assert result["score"].tolist() == pytest.approx([75, 50, 50, 25, 75, 50, 50, 100])


def test_a_domain_only_in_the_new_instrument_has_no_rows_in_the_old_wave():
    old = tiny_instrument({"A": 2})
    new = tiny_instrument({"A": 2, "N": 1})
    rows = [{"wave": "old", "A1": 4, "A2": 4}] * 5 + [{"wave": "new", "A1": 5, "A2": 3, "N1": 2}] * 5
    result = metrics.domain_trend(frame(rows), new, wave_instruments={"old": old})
    # Waves sorted as text: "new" < "old". A: 4 -> 75 (old), (5 + 3) / 2 = 4 -> 75 (new); N: 2 -> 25.
    assert result[["wave", "domain"]].values.tolist() == [["new", "A"], ["new", "N"], ["old", "A"]]
    assert result["score"].tolist() == pytest.approx([75, 25, 75])


def test_a_wave_on_another_scale_gives_no_rows_and_is_checked_on_its_own_scale():
    five = tiny_instrument({"A": 2})
    four = tiny_instrument({"A": 2}, scale=Scale(1, 4, AGREE_4, (3, 4)))
    rows = [{"wave": "2024", "A1": 4, "A2": 4}] * 5 + [{"wave": "2025", "A1": 5, "A2": 5}] * 5
    result = metrics.domain_trend(frame(rows), five, wave_instruments={"2024": four})
    # On its own 1-4 scale, 2024's 4s are 100; on the 1-5 scale they would be 75: neither may sit beside 2025.
    assert result[["wave", "domain", "score"]].values.tolist() == [["2025", "A", 100.0]]
    bad = frame([{"wave": "2024", "A1": 5, "A2": 4}] * 5 + [{"wave": "2025", "A1": 5, "A2": 5}] * 5)
    with pytest.raises(ValueError, match=r"2024.*'A1'.*1 to 4"):
        metrics.domain_trend(bad, five, wave_instruments={"2024": four})


def test_every_wave_gone_leaves_the_empty_table():
    four = tiny_instrument({"A": 2}, scale=Scale(1, 4, AGREE_4, (3, 4)))
    rows = frame([{"wave": "2024", "A1": 4, "A2": 4}] * 5)
    result = metrics.domain_trend(rows, tiny_instrument({"A": 2}), wave_instruments={"2024": four})
    assert list(result.columns) == TREND_COLUMNS and result.empty


def test_trend_reads_only_each_waves_own_items():
    # A 7 sits in D1 of a 2024 row, an item that MIDDLE does not hold: not read, not refused. Without
    # wave_instruments the whole table is checked against the reference, as before, and refused.
    table = three_waves()
    table.loc[table["wave"] == "2024", "D1"] = 7
    result = metrics.domain_trend(table, REFERENCE, wave_instruments={"2024": MIDDLE})
    assert len(result) == 10
    with pytest.raises(ValueError, match="'D1'"):
        metrics.domain_trend(table, REFERENCE)


def test_trend_refuses_a_table_without_a_column_a_waves_own_instrument_needs():
    table = three_waves().drop(columns=["A3"])
    with pytest.raises(ValueError, match=r"Wave '2024'.*'A3'"):
        metrics.domain_trend(table, REFERENCE, wave_instruments={"2024": MIDDLE})
    with pytest.raises(ValueError, match="no column 'unit'"):  # attributes: the whole table, even empty
        metrics.domain_trend(three_waves().iloc[0:0], REFERENCE, by="unit", wave_instruments={"2024": MIDDLE})


# --- domain_change across instruments -----------------------------------------------------------------------

# wave_from (2024) scored with OLD, wave_to (2025) with NEW, which gives the rows: A (comparable, though
# renamed), B (gained B2), R (R1 turned around), N (new); Z is OLD's alone and has no row.
OLD = instrument(
    [("Z", "Zeta"), ("A", "Alpha, old name"), ("B", "Beta"), ("R", "Rho")],
    [("Z1", "Z"), ("A1", "A"), ("A2", "A"), ("B1", "B"), ("R1", "R")],
)
NEW = instrument(
    [("A", "Alpha"), ("B", "Beta"), ("R", "Rho"), ("N", "Nu")],
    [("A1", "A"), ("A2", "A"), ("B1", "B"), ("B2", "B"), ("R1", "R", "R1 text", True), ("N1", "N")],
)
FROM_A = [(3, 3), (3, 4), (3, 3), (2, 3), (3, 3), (3, 4)]  # means 3, 3.5, 3, 2.5, 3, 3.5
TO_A = [(4, 4), (4, 5), (5, 5), (4, 4), (3, 4)]  # means 4, 4.5, 5, 4, 3.5


def two_waves(unit_from: str = "X", unit_to: str = "X") -> pd.DataFrame:
    rows = [{"wave": "2024", "unit": unit_from, "Z1": 1, "A1": a, "A2": b, "B1": 4, "R1": 2} for a, b in FROM_A]
    rows += [{"wave": "2025", "unit": unit_to, "A1": a, "A2": b, "B1": 4, "B2": 4, "R1": 2, "N1": 5} for a, b in TO_A]
    return frame(rows)[["response_id", "wave", "unit", "Z1", "A1", "A2", "B1", "B2", "R1", "N1"]]


def test_change_across_instruments_by_hand_and_against_scipy():
    result = metrics.domain_change(two_waves(), NEW, "2024", "2025", instrument_from=OLD)
    assert list(result.columns) == CHANGE_COLUMNS
    assert result["domain"].tolist() == ["A", "B", "R", "N"]
    assert result["suppressed"].tolist() == [False, True, True, True]
    # From (OLD): A scores 50, 62.5, 50, 37.5, 50, 62.5 -> 312.5 / 6 = 52.0833; sum of squares 16718.75,
    # minus 6 * 52.0833^2 = 16276.0417 -> 442.7083; variance / 5 = 88.5417.
    # To (NEW): 75, 87.5, 100, 75, 62.5 -> 400 / 5 = 80; sum of squares 32812.5 - 5 * 80^2 = 812.5;
    # variance / 4 = 203.125.
    # Change 80 - 52.0833 = 27.9167. se^2 = 203.125 / 5 + 88.5417 / 6 = 40.625 + 14.7569 = 55.3819, se 7.4419;
    # df = 55.3819^2 / (40.625^2 / 4 + 14.7569^2 / 5) = 3067.16 / (412.598 + 43.554) = 6.724;
    # t(0.975, 6.724) = 2.3844; half 17.745 -> [10.172, 45.661]. Shown 27.9 >= 5 and 10.172 > 0: meaningful.
    a = result.iloc[0]
    assert a["score_from"] == pytest.approx(312.5 / 6)
    assert a["score_to"] == pytest.approx(80.0)
    assert a["change"] == pytest.approx(80 - 312.5 / 6)
    assert (a["ci_low"], a["ci_high"]) == pytest.approx((10.172, 45.661), abs=1e-3)
    scores_from = [(x + y) / 2 * 25 - 25 for x, y in FROM_A]
    scores_to = [(x + y) / 2 * 25 - 25 for x, y in TO_A]
    scipy_ci = stats.ttest_ind(scores_to, scores_from, equal_var=False).confidence_interval()
    assert (a["ci_low"], a["ci_high"]) == pytest.approx((scipy_ci.low, scipy_ci.high), rel=1e-12)
    assert a["meaningful"]
    # B gained B2, R1 was turned around, N is new: suppressed as §5 says, never a number.
    hidden = result.iloc[1:]
    assert hidden[["score_from", "score_to", "change", "ci_low", "ci_high"]].isna().all().all()
    assert not hidden["meaningful"].any()


def test_change_rows_are_every_group_of_either_wave_times_the_new_domains():
    # Unit X only in 2024, Y only in 2025: nothing is shown in both, every row suppressed, and X has rows for
    # N and B, which OLD's wave never scored, just as Y has.
    result = metrics.domain_change(two_waves("X", "Y"), NEW, "2024", "2025", by="unit", instrument_from=OLD)
    assert result[["unit", "domain"]].values.tolist() == [[u, d] for u in ("X", "Y") for d in ("A", "B", "R", "N")]
    assert result["suppressed"].all() and not result["meaningful"].any()


def test_change_across_scales_is_suppressed_throughout():
    four = tiny_instrument({"A": 2}, scale=Scale(1, 4, AGREE_4, (3, 4)))
    five = tiny_instrument({"A": 2})
    rows = [{"wave": "a", "A1": 4, "A2": 4}] * 5 + [{"wave": "b", "A1": 5, "A2": 5}] * 5
    result = metrics.domain_change(frame(rows), five, "a", "b", instrument_from=four)
    # Both waves score 100 on their own scales, yet a 4-point "strongly agree" is not a 5-point one.
    assert result["suppressed"].tolist() == [True] and np.isnan(result.loc[0, "change"])


def test_change_checks_each_wave_against_its_own_instrument_and_other_waves_only_for_attributes():
    table = two_waves()
    extra = frame([{"wave": "2023", "unit": "X", "A1": 7}] * 5)  # a third wave on some other scale
    table = pd.concat([table, extra], ignore_index=True)
    result = metrics.domain_change(table, NEW, "2024", "2025", instrument_from=OLD)
    assert result["suppressed"].tolist() == [False, True, True, True]
    with pytest.raises(ValueError, match="'A1'"):  # without instrument_from: the whole table, as before
        metrics.domain_change(table, NEW, "2024", "2025")
    with pytest.raises(ValueError, match=r"Wave '2024'.*'Z1'"):
        metrics.domain_change(two_waves().drop(columns=["Z1"]), NEW, "2024", "2025", instrument_from=OLD)
    bad_role = two_waves().assign(role_level=["boss"] + [None] * 10)
    with pytest.raises(ValueError, match="role_level"):
        metrics.domain_change(bad_role, NEW, "2024", "2025", instrument_from=OLD)


# --- one instrument for every wave: the results are those of the calls without the new arguments ----------

SAME = tiny_instrument({"A": 3, "B": 1, "SHD": 2}, reverse=("A2",))
ANSWER = st.one_of(st.none(), st.integers(1, 5))
ROW = st.fixed_dictionaries(
    {
        "wave": st.sampled_from(["2023", "2024", "2025", None]),
        "unit": st.sampled_from(["u1", "u2", "u3", None, " "]),
        "role_level": st.sampled_from(["executive", "staff", None]),
        **{code: ANSWER for code in SAME.item_codes},
    }
)
TABLES = st.lists(ROW, min_size=0, max_size=50).map(
    lambda rows: pd.DataFrame(rows, columns=["wave", "unit", "role_level", *SAME.item_codes]).astype(
        {code: "float64" for code in SAME.item_codes}
    )
)
# The same instrument, an equal copy, and one that differs only where comparability does not look (names,
# texts, labels): each must score every wave exactly as the reference does.
TWINS = st.sampled_from(
    [
        SAME,
        replace(SAME),
        replace(
            SAME,
            name="reworded",
            domains=tuple(replace(d, name=d.name + " (renamed)") for d in SAME.domains),
            items=tuple(replace(i, text=i.text + "?") for i in SAME.items),
        ),
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    table=TABLES,
    by=st.sampled_from([(), ("unit",), ("role_level", "unit")]),
    twin=TWINS,
    min_n=st.sampled_from([3, 5]),
)
def test_one_instrument_everywhere_gives_the_old_results(table, by, twin, min_n):
    old = metrics.domain_trend(table, SAME, by, min_n)
    named = {wave: twin for wave in ("2023", "2024", "2025", "Not reported")}
    pd.testing.assert_frame_equal(metrics.domain_trend(table, SAME, by, min_n, wave_instruments=named), old)
    pd.testing.assert_frame_equal(metrics.domain_trend(table, SAME, by, min_n, wave_instruments={}), old)
    before = metrics.domain_change(table, SAME, "2023", "2025", by, min_n)
    after = metrics.domain_change(table, SAME, "2023", "2025", by, min_n, instrument_from=twin)
    pd.testing.assert_frame_equal(after, before)
