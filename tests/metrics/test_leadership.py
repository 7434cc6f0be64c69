"""Collective-leadership indicators (§4) on frames worked by hand, Welch checked against scipy."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import metrics
from tests.metrics.conftest import NA, frame, tiny_instrument, uniform_rows

ONE = tiny_instrument({"B": 1})
FIVE = tiny_instrument({"G": 5})


def test_perception_gap_by_hand_and_against_scipy():
    # Leaders answer 5, 4, 5 -> 100, 75, 100; staff (staff, support, no role) 2, 3, 1 -> 25, 50, 0.
    rows = [
        {"role_level": "executive", "B1": 5},
        {"role_level": "manager", "B1": 4},
        {"role_level": "manager", "B1": 5},
        {"role_level": "staff", "B1": 2},
        {"role_level": "support", "B1": 3},
        {"role_level": None, "B1": 1},
        {"role_level": "staff", "B1": NA},  # no score: in neither side's n
    ]
    result = metrics.perception_gap(frame(rows), ONE, min_n=3)
    assert list(result.columns) == [
        "domain",
        "leaders_n",
        "staff_n",
        "leaders_score",
        "staff_score",
        "gap",
        "gap_low",
        "gap_high",
        "label",
        "suppressed",
    ]
    row = result.iloc[0]
    assert (row["leaders_n"], row["staff_n"]) == (3, 3)
    assert row["leaders_score"] == pytest.approx(275 / 3) and row["staff_score"] == pytest.approx(25.0)
    assert row["gap"] == pytest.approx(275 / 3 - 25)  # 66.67
    expected = stats.ttest_ind([100, 75, 100], [25, 50, 0], equal_var=False).confidence_interval(0.95)
    assert (row["gap_low"], row["gap_high"]) == pytest.approx((expected.low, expected.high))
    assert row["gap_low"] > 0 and row["label"] == "large"


@pytest.mark.parametrize(
    ("staff_answers", "gap", "label"),
    [
        ((4, 4, 4, 4, 3), 5.0, ""),  # leaders all 4 -> 75; staff 3.8 -> 70
        ((4, 4, 4, 3, 3), 10.0, "notable"),  # 3.6 -> 65: exactly 10 as shown, no spread, interval [10, 10]
        ((4, 4, 3, 3, 3), 15.0, "notable"),
        ((4, 3, 3, 3, 3), 20.0, "large"),  # 3.2 -> 55
        ((5, 5, 5, 5, 5), -25.0, "large"),  # staff more favourable: a negative gap is labelled by its size
    ],
)
def test_gap_labels_at_their_boundaries(staff_answers, gap, label):
    leaders = [{"role_level": "manager", **{f"G{i}": 4 for i in range(1, 6)}}] * 3
    staff = [{"role_level": "staff", **{f"G{i + 1}": v for i, v in enumerate(staff_answers)}}] * 3
    row = metrics.perception_gap(frame(leaders + staff), FIVE, min_n=3).iloc[0]
    assert row["gap"] == pytest.approx(gap)
    assert (row["gap_low"], row["gap_high"]) == pytest.approx((gap, gap))
    assert row["label"] == label


def test_a_large_gap_whose_interval_includes_zero_gets_no_label():
    # Leaders 100, 0, 100 (mean 66.7, wide spread); staff 50, 50, 50: gap 16.7, interval spans 0.
    rows = [{"role_level": "executive", "B1": v} for v in (5, 1, 5)] + [{"role_level": "staff", "B1": 3}] * 3
    row = metrics.perception_gap(frame(rows), ONE, min_n=3).iloc[0]
    assert row["gap"] == pytest.approx(50 / 3)
    assert row["gap_low"] < 0 < row["gap_high"] and row["label"] == ""


def test_overall_gap_is_the_mean_of_shown_domain_gaps():
    instrument = tiny_instrument({"A": 1, "B": 1, "C": 1, "D": 1, "E": 1})
    leaders = [{"role_level": "manager", "A1": 5, "B1": 5, "C1": 4, "D1": 4, "E1": 4}] * 3
    staff = [{"role_level": "staff", "A1": 3, "B1": 4, "C1": 4, "D1": 2, "E1": 4}] * 3
    staff[0] = {**staff[0], "E1": NA}  # E: 2 staff scored -> hidden at min_n 3
    result = metrics.overall_gap(frame(leaders + staff), instrument, min_n=3)
    assert list(result.columns) == ["domains", "gap", "suppressed"]
    # Gaps 50, 25, 0, 50 over 4 of 5 shown domains (4 x 10 >= 5 x 8) -> 31.25.
    assert (result.loc[0, "domains"], result.loc[0, "gap"]) == (4, pytest.approx(31.25))
    staff[1] = {**staff[1], "D1": NA}
    result = metrics.overall_gap(frame(leaders + staff), instrument, min_n=3)
    assert (result.loc[0, "domains"], bool(result.loc[0, "suppressed"])) == (3, True)
    assert np.isnan(result.loc[0, "gap"])


def test_shared_influence_by_hand():
    instrument = tiny_instrument({"SHD": 2})
    rows = [
        {"role_level": "staff", "SHD1": 4, "SHD2": 4},  # mean 4: at the lowest favourable point
        {"role_level": "staff", "SHD1": 4, "SHD2": 3},  # 3.5: below
        {"role_level": "support", "SHD1": 5, "SHD2": NA},  # one of two items: no SHD score
        {"role_level": "support", "SHD1": 5, "SHD2": 5},
        {"role_level": "staff", "SHD1": 3, "SHD2": 3},
        {"role_level": None, "SHD1": 2, "SHD2": 2},  # no role: staff
        {"role_level": "executive", "SHD1": 5, "SHD2": 5},  # a leader: left out
    ]
    result = metrics.shared_influence(frame(rows), instrument, min_n=3)
    assert list(result.columns) == ["n", "share", "suppressed"]
    assert result.loc[0, "n"] == 5 and result.loc[0, "share"] == pytest.approx(40.0)  # 2 of 5
    assert metrics.shared_influence(frame(rows), instrument, min_n=6).loc[0, "suppressed"]


def test_shared_influence_and_composite_need_their_domains():
    rows = frame([{"role_level": "staff", "B1": 4}] * 6)
    assert metrics.shared_influence(rows, ONE)["suppressed"].all()
    assert metrics.collective_leadership(rows, ONE)["suppressed"].all()


def test_rwg_by_hand():
    # J = 2 items, 5-point scale: sigma2_EU = (25 - 1) / 12 = 2.
    # item 1: 4, 4, 5, 3 -> variance 2/3; item 2: 2, 4, -, 4 -> variance 4/3; s2 = 1, s2/sigma2 = 0.5.
    # r_wg = 2 (0.5) / (2 (0.5) + 0.5) = 2/3. n: rows 1, 2 and 4 answered both items.
    instrument = tiny_instrument({"A": 2})
    rows = [{"A1": 4, "A2": 2}, {"A1": 4, "A2": 4}, {"A1": 5, "A2": NA}, {"A1": 3, "A2": 4}]
    result = metrics.agreement(frame(rows, unit="u"), instrument, min_n=3)
    assert list(result.columns) == ["unit", "domain", "n", "r_wg", "consensus", "suppressed"]
    assert result.loc[0, "n"] == 3
    assert result.loc[0, "r_wg"] == pytest.approx(2 / 3)
    assert result.loc[0, "consensus"] == False  # noqa: E712


@pytest.mark.parametrize(
    ("answers", "r_wg"),
    [
        ([(4, 4, 4), (4, 4, 4), (4, 4, 4)], 1.0),  # no spread: full agreement
        ([(1, 1, 1), (5, 5, 5), (1, 1, 1), (5, 5, 5)], 0.0),  # s2 = 16/3 >= 2: set to 0
        # A3 has one valid answer and is left out of s2, but J stays 3. A1: 4, 4, 5 and A2: 4, 5, 4 each
        # have variance 1/3 -> s2/sigma2 = 1/6; r_wg = 3 (5/6) / (3 (5/6) + 1/6) = 15/16.
        ([(4, 4, NA), (4, 5, NA), (5, 4, 3)], 15 / 16),
    ],
)
def test_rwg_edges(answers, r_wg):
    instrument = tiny_instrument({"A": 3})
    rows = [{"A1": a, "A2": b, "A3": c} for a, b, c in answers]
    result = metrics.agreement(frame(rows, unit="u"), instrument, min_n=3)
    assert not result.loc[0, "suppressed"]
    assert result.loc[0, "r_wg"] == pytest.approx(r_wg)
    assert result.loc[0, "consensus"] == (r_wg >= 0.7)


def test_coherence_uses_shown_unit_scores_and_leaves_out_not_reported():
    # One-item domain: A (6 rows) 100, B (7) 50, D (8) 75, C (2) small, missing unit (9) 0.
    # Step a: C is the lone small sibling, so A (the fewest rows among the others) is hidden too.
    rows = (
        [{"unit": "A", "B1": 5}] * 6
        + [{"unit": "B", "B1": 3}] * 7
        + [{"unit": "D", "B1": 4}] * 8
        + [{"unit": "C", "B1": 5}] * 2
        + [{"unit": None, "B1": 1}] * 9
    )
    result = metrics.coherence(frame(rows), ONE)
    assert list(result.columns) == ["domain", "units", "coherence", "suppressed"]
    assert result.loc[0, "units"] == 2 and result.loc[0, "coherence"] == pytest.approx(75.0)  # 100 - (75 - 50)
    single = metrics.coherence(frame(rows[:6] + rows[-9:]), ONE)
    assert single.loc[0, "units"] == 1 and single.loc[0, "suppressed"] and np.isnan(single.loc[0, "coherence"])


def test_collective_leadership_composite(default_instrument):
    values = {"VIS": 4, "SHD": 2, "TRU": 5, "COM": 3, "PAR": 4}  # 75, 25, 100, 50, 75 -> 65, Developing
    row = {item.code: values.get(item.domain, 1) for item in default_instrument.items}
    source = frame([row] * 5, role_level="staff")
    result = metrics.collective_leadership(source, default_instrument)
    assert list(result.columns) == ["n", "composite", "tier", "suppressed"]
    assert (result.loc[0, "n"], result.loc[0, "composite"], result.loc[0, "tier"]) == (
        5,
        pytest.approx(65.0),
        "Developing",
    )
    source.loc[0:1, ["PAR1", "PAR2", "PAR3"]] = np.nan  # 3 people keep a PAR score: hidden at min_n 5
    result = metrics.collective_leadership(source, default_instrument)
    assert result.loc[0, "suppressed"] and np.isnan(result.loc[0, "composite"]) and pd.isna(result.loc[0, "tier"])


def test_perception_gap_with_uniform_rows_has_zero_gap(default_instrument):
    rows = uniform_rows(default_instrument, 5, role_level="manager") + uniform_rows(
        default_instrument, 5, role_level="staff"
    )
    result = metrics.perception_gap(frame(rows), default_instrument)
    assert (result["gap"] == 0).all() and (result["label"] == "").all() and not result["suppressed"].any()


# ------------------------------------------------------------------ the roles of an instrument's own domains

SAY_4 = metrics.Scale(1, 4, ("Strongly disagree", "Disagree", "Agree", "Strongly agree"), (3, 4))


def own_decisions(code: str, collective: tuple = ()) -> metrics.Instrument:
    """A 1-4 instrument (favourable 3 and 4) whose decisions role is played by `code` (two items), beside an AIM
    domain and an SHD domain that, with `collective`, plays no role."""
    base = tiny_instrument({"AIM": 1, code: 2, **({} if code == "SHD" else {"SHD": 1})}, scale=SAY_4)
    return metrics.Instrument(base.name, base.scale, base.domains, base.items, base.tiers, collective)


# Shared influence on the 1-4 scale: the lowest favourable point is 3.
DECISION_ROWS = [
    ("staff", 3, 4),  # mean 3.5 >= 3: agrees
    ("staff", 3, 3),  # 3.0: at the lowest favourable point, agrees
    ("support", 2, 3),  # 2.5: below
    (None, 4, 4),  # no role counts as staff; 4.0 agrees
    ("staff", 2, 2),  # 2.0: below
    ("staff", 4, NA),  # one of two items: no score on the domain, not in n
    ("manager", 1, 1),  # leaders are left out
    ("executive", 4, 4),
]


def decision_frame(code: str) -> pd.DataFrame:
    # Beside VOICE, the one-item SHD domain is answered 1 by everyone: were it used, nobody would agree.
    other = {} if code == "SHD" else {"SHD1": 1}
    return frame(
        [{"role_level": role, "AIM1": 3, f"{code}1": a, f"{code}2": b, **other} for role, a, b in DECISION_ROWS]
    )


def test_shared_influence_uses_the_domain_that_plays_the_decisions_role():
    own = own_decisions("VOICE", (("decisions", "VOICE"),))
    result = metrics.shared_influence(decision_frame("VOICE"), own, min_n=3)
    # Staff with a VOICE score: rows 0-4 -> n = 5; at or above 3: rows 0, 1, 3 -> 3 of 5 = 60 %.
    assert (result.loc[0, "n"], result.loc[0, "share"], result.loc[0, "suppressed"]) == (5, pytest.approx(60.0), False)
    # The same answers on an instrument that plays the role with the default code SHD give the same row.
    default_coded = metrics.shared_influence(decision_frame("SHD"), own_decisions("SHD"), min_n=3)
    pd.testing.assert_frame_equal(result, default_coded)
    # The [collective] entry wins over a domain that merely has the default code: SHD1 answers 1 everywhere.
    assert own.role_domain("decisions") == "VOICE" and "SHD" in own.domain_codes
    assert metrics.missing_roles(own, ("decisions",)) == []
    # Five staff with a score: hidden at min_n 6.
    assert metrics.shared_influence(decision_frame("VOICE"), own, min_n=6).loc[0, "suppressed"]


def test_a_missing_decisions_role_hides_every_shared_influence_row():
    without = tiny_instrument({"AIM": 1, "VOICE": 2}, scale=SAY_4)  # no [collective] and no SHD domain
    rows = pd.concat([decision_frame("VOICE").assign(unit=unit) for unit in ("u1", "u2")], ignore_index=True)
    result = metrics.shared_influence(rows, without, by="unit", min_n=3)
    assert result["unit"].tolist() == ["u1", "u2"]
    assert result["suppressed"].all() and result["share"].isna().all() and (result["n"] == 0).all()
    assert metrics.missing_roles(without, ("decisions",)) == ["decisions"]
    assert metrics.missing_roles(without) == ["vision", "decisions", "trust", "communication", "partnership"]


OWN_ROLES = (
    ("partnership", "ALLY"),
    ("vision", "GOAL"),
    ("trust", "BOND"),
    ("decisions", "SAY"),
    ("communication", "TALK"),
)


def own_composite(collective=OWN_ROLES) -> metrics.Instrument:
    base = tiny_instrument({"GOAL": 1, "SAY": 1, "BOND": 1, "TALK": 1, "ALLY": 1, "OTHER": 1})
    return metrics.Instrument(base.name, base.scale, base.domains, base.items, base.tiers, collective)


def test_composite_uses_the_domains_that_play_the_roles(default_instrument):
    # 1-5 scale: GOAL 4 -> 75, SAY 2 -> 25, BOND 5 -> 100, TALK 3 -> 50, ALLY 4 -> 75; OTHER (no role) 1 -> 0.
    # Composite = (75 + 25 + 100 + 50 + 75) / 5 = 325 / 5 = 65.0, Developing (62.5 to < 75).
    answers = {"GOAL1": 4, "SAY1": 2, "BOND1": 5, "TALK1": 3, "ALLY1": 4, "OTHER1": 1}
    result = metrics.collective_leadership(frame([answers] * 5, role_level="staff"), own_composite())
    assert (result.loc[0, "n"], result.loc[0, "composite"], result.loc[0, "tier"]) == (
        5,
        pytest.approx(65.0),
        "Developing",
    )
    # The same answers on the default instrument's VIS, SHD, TRU, COM and PAR give the same row.
    values = {"VIS": 4, "SHD": 2, "TRU": 5, "COM": 3, "PAR": 4}
    row = {item.code: values.get(item.domain, 1) for item in default_instrument.items}
    expected = metrics.collective_leadership(frame([row] * 5, role_level="staff"), default_instrument)
    pd.testing.assert_frame_equal(result, expected)


def test_a_missing_role_hides_every_composite_row_and_is_named():
    four = own_composite(tuple(pair for pair in OWN_ROLES if pair[0] != "trust"))  # BOND plays no role now
    answers = {"GOAL1": 4, "SAY1": 2, "BOND1": 5, "TALK1": 3, "ALLY1": 4, "OTHER1": 1}
    rows = frame([{**answers, "unit": unit} for unit in ("u1", "u2") for _ in range(5)])
    result = metrics.collective_leadership(rows, four, by="unit")
    assert result["unit"].tolist() == ["u1", "u2"] and result["n"].tolist() == [5, 5]
    assert result["suppressed"].all() and result["composite"].isna().all() and result["tier"].isna().all()
    assert metrics.missing_roles(four) == ["trust"]
    assert metrics.missing_roles(four, ("decisions", "trust")) == ["trust"]
    assert metrics.missing_roles(own_composite()) == []
    with pytest.raises(ValueError, match="'leadership' is not a collective-leadership role"):
        metrics.missing_roles(four, ("leadership",))
