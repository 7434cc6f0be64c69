"""metrics.priorities on small hand-made indicator tables with the exact columns the metrics functions return.

Every suppressed row carries a distinctive number (n 677 or 913, values 12.3, 19.7, 31.7, 7.7, 0.11) that must
never reach any column of the output.
"""

import numpy as np
import pandas as pd
import pytest

from metrics import PRIORITY_COLUMNS, Instrument, load_instrument, priorities
from tests.metrics.conftest import tiny_instrument

INSTRUMENT = load_instrument()
NA = np.nan
HIDDEN_N = (677, 913)
HIDDEN_TEXT = ("677", "913", "12.3", "19.7", "31.7", "7.7", "0.11")


def scores_table(rows):
    """rows: (domain, n, score, tier, suppressed), as `domain_scores(by=())` returns them."""
    frame = pd.DataFrame(rows, columns=["domain", "n", "score", "tier", "suppressed"])
    frame.insert(3, "pct_favorable", frame["score"])
    return frame


def items_table(rows):
    """rows: (item, n, pct_favorable, suppressed), as `item_stats(by=())` returns them."""
    return pd.DataFrame(
        {
            "item": [r[0] for r in rows],
            "domain": [r[0].rstrip("0123456789") for r in rows],
            "n": [r[1] for r in rows],
            "n_missing": [2] * len(rows),
            "mean": [3.0] * len(rows),
            "pct_favorable": [r[2] for r in rows],
            "pct_neutral": [20.0] * len(rows),
            "pct_unfavorable": [100 - 20.0 - r[2] for r in rows],
            "suppressed": [r[3] for r in rows],
        }
    )


def gaps_table(rows):
    """rows: (domain, leaders_n, staff_n, leaders_score, staff_score, gap_low, gap_high, label, suppressed)."""
    frame = pd.DataFrame(
        rows,
        columns=[
            "domain",
            "leaders_n",
            "staff_n",
            "leaders_score",
            "staff_score",
            "gap_low",
            "gap_high",
            "label",
            "suppressed",
        ],
    )
    frame.insert(5, "gap", frame["leaders_score"] - frame["staff_score"])
    return frame


def influence_table(n, share, suppressed=False):
    return pd.DataFrame({"n": [n], "share": [share], "suppressed": [suppressed]})


def agreement_table(rows):
    """rows: (unit, domain, n, r_wg, consensus, suppressed), as `agreement(by=("unit",))` returns them."""
    return pd.DataFrame(rows, columns=["unit", "domain", "n", "r_wg", "consensus", "suppressed"])


def change_table(rows):
    """rows: (domain, change, ci_low, ci_high, meaningful, suppressed), as `domain_change(by=())` returns them."""
    frame = pd.DataFrame(rows, columns=["domain", "change", "ci_low", "ci_high", "meaningful", "suppressed"])
    frame.insert(1, "score_from", 60.0)
    frame.insert(2, "score_to", 60.0 + frame["change"])
    return frame


@pytest.fixture
def tables():
    """One group's tables. The candidates, worked by hand:

    VIS  44.0 Priority, n 40, and a meaningful change of -6.1          -> priority_tier, decline
    LEAD 40.0 Priority, n 38 (lower than VIS, but one rule only)       -> priority_tier
    ALN  suppressed, with a leaky "Priority" tier and score 12.3       -> nothing
    CAP  55.0 Emerging, n 41; gap +12.0 notable (leaders 65, staff 53) -> emerging_tier, gap
    RES  70.0 Developing; gap -22.0 large (staff 80, leaders 58)       -> gap (large)
    COM  60.0 Emerging, n 42                                           -> emerging_tier
    ACC  80.0; its change row is suppressed (leaky -19.7, "meaningful") -> nothing
    SHD  65.0 Developing; shared influence 38.5 % of 30 staff          -> low_influence
    TRU  78.0 Strength, n 44; meaningful change -7.0                   -> decline
    PAR  76.0; gap suppressed (leaky 31.7 "large"); change -8.0 not meaningful -> nothing
    Items below 50 %: VIS1 30.0, SHD2 45.0, TRU3 44.96 (shows as 45.0, tied with SHD2: SHD2 first by
    instrument order), COM2 49.0 (fourth: left out); PAR1 suppressed (7.7 %, n 677); CAP1 60.0 not below 50.
    Agreement: A/TRU 0.52 and B/COM 0.65 without consensus; A/VIS 0.80 has it; B/TRU suppressed (0.11,
    leaky consensus False); "Not reported"/TRU 0.40 is no unit.
    """
    scores = scores_table(
        [
            ("VIS", 40, 44.0, "Priority", False),
            ("LEAD", 38, 40.0, "Priority", False),
            ("ALN", 677, 12.3, "Priority", True),
            ("CAP", 41, 55.0, "Emerging", False),
            ("RES", 43, 70.0, "Developing", False),
            ("COM", 42, 60.0, "Emerging", False),
            ("ACC", 45, 80.0, "Strength", False),
            ("SHD", 39, 65.0, "Developing", False),
            ("TRU", 44, 78.0, "Strength", False),
            ("PAR", 46, 76.0, "Strength", False),
        ]
    )
    items = items_table(
        [
            ("VIS1", 40, 30.0, False),
            ("CAP1", 41, 60.0, False),
            ("COM2", 42, 49.0, False),
            ("SHD2", 39, 45.0, False),
            ("TRU3", 44, 44.96, False),
            ("PAR1", 677, 7.7, True),
        ]
    )
    gaps = gaps_table(
        [
            ("CAP", 8, 33, 65.0, 53.0, 3.5, 20.5, "notable", False),
            ("RES", 9, 34, 58.0, 80.0, -30.2, -13.8, "large", False),
            ("PAR", 4, 913, 90.0, 58.3, 20.0, 43.4, "large", True),
            ("VIS", 8, 32, 47.0, 43.0, -5.0, 13.0, "", False),
        ]
    )
    agreement = agreement_table(
        [
            ("A", "TRU", 12, 0.52, False, False),
            ("A", "VIS", 12, 0.80, True, False),
            ("B", "COM", 9, 0.65, False, False),
            ("B", "TRU", 677, 0.11, False, True),
            ("Not reported", "TRU", 7, 0.40, False, False),
        ]
    )
    change = change_table(
        [
            ("VIS", -6.1, -9.0, -3.2, True, False),
            ("ACC", -19.7, -25.0, -14.4, True, True),
            ("TRU", -7.0, -10.1, -3.9, True, False),
            ("PAR", -8.0, -17.0, 1.0, False, False),
            ("COM", 6.0, 2.0, 10.0, True, False),  # a meaningful rise is no candidate
        ]
    )
    return scores, items, gaps, influence_table(30, 38.5), agreement, change


def test_candidates_merged_and_ranked(tables):
    # Ranking: first rule (priority_tier, decline, gap large, emerging_tier, gap notable, low_influence,
    # weak_item, low_agreement), then more rules, then severity, then instrument order.
    # VIS before LEAD: both Priority, VIS meets two rules (LEAD's 40.0 is lower but counts only third).
    # CAP before COM: both Emerging first, CAP meets two rules. A/TRU (0.52) before B/COM (0.65).
    before = [table.copy() for table in tables]
    result = priorities(*tables, INSTRUMENT, since="2024 Spring")
    for table, copy in zip(tables, before, strict=True):
        pd.testing.assert_frame_equal(table, copy)
    assert list(result.columns) == list(PRIORITY_COLUMNS)
    expected = [
        (1, "VIS", "domain", "VIS", None, ("priority_tier", "decline"), 44.0, 40),
        (2, "LEAD", "domain", "LEAD", None, ("priority_tier",), 40.0, 38),
        (3, "TRU", "domain", "TRU", None, ("decline",), -7.0, 44),  # n: the current wave's TRU n
        (4, "RES", "domain", "RES", None, ("gap",), -22.0, 9),  # n: min(9 leaders, 34 staff)
        (5, "CAP", "domain", "CAP", None, ("emerging_tier", "gap"), 55.0, 41),
        (6, "COM", "domain", "COM", None, ("emerging_tier",), 60.0, 42),
        (7, "SHD", "domain", "SHD", None, ("low_influence",), 38.5, 30),
        (8, "VIS1", "item", "VIS", None, ("weak_item",), 30.0, 40),
        (9, "SHD2", "item", "SHD", None, ("weak_item",), 45.0, 39),
        (10, "TRU3", "item", "TRU", None, ("weak_item",), 44.96, 44),
        (11, "TRU", "domain", "TRU", "A", ("low_agreement",), 0.52, 12),
        (12, "COM", "domain", "COM", "B", ("low_agreement",), 0.65, 9),
    ]
    got = [
        (r.rank, r.focus, r.focus_kind, r.domain, r.unit, r.rules, r.value, r.n) for r in result.itertuples(index=False)
    ]
    assert got == expected


def test_evidence_and_why_as_shown(tables):
    result = priorities(*tables, INSTRUMENT, since="2024 Spring").set_index("rank")
    assert result.loc[1, "evidence"] == (
        "score 44.0 (Priority), 40 responses; change −6.1 since 2024 Spring (95 % interval −9.0 to −3.2)"
    )
    assert result.loc[1, "why"] == (
        "Shared Vision & Common Purpose is in the Priority tier and fell by 6.1 points since 2024 Spring."
    )
    assert result.loc[3, "evidence"] == "change −7.0 since 2024 Spring (95 % interval −10.1 to −3.9), 44 responses"
    # RES: leaders 58, staff 80, gap -22: staff see it more favourably.
    assert result.loc[4, "evidence"] == (
        "leaders 58.0, staff 80.0: gap −22.0 (95 % interval −30.2 to −13.8, large), 9 leaders and 34 staff responding"
    )
    assert result.loc[4, "why"] == (
        "Resources & Work Structures is seen more favourably by staff than by leaders (a gap of 22.0 points)."
    )
    assert result.loc[5, "evidence"] == (
        "score 55.0 (Emerging), 41 responses; leaders 65.0, staff 53.0: gap +12.0 (95 % interval 3.5 to 20.5, "
        "notable), 8 leaders and 33 staff responding"
    )
    assert "more favourably by leaders than by staff" in result.loc[5, "why"]
    assert result.loc[7, "evidence"] == "shared influence 38.5% of staff, 30 responses"
    assert result.loc[10, "evidence"] == "45.0% favourable, 44 responses"  # 44.96 as shown
    # the question's text and its domain, never its code (issue 22: codes reached leaders)
    assert result.loc[10, "why"].startswith("Only 45.0% of answers to “") and "” (Trust" in result.loc[10, "why"]
    assert "TRU3" not in result.loc[10, "why"]
    assert result.loc[11, "evidence"] == "agreement within A: 0.52 (below 0.70), 12 responses"
    assert result.loc[11, "why"].startswith("In A, people see Trust & Collective Responsibility very differently")
    for sentence in result["why"]:
        assert sentence.endswith(".") and sentence.count(". ") == 0  # one sentence


def test_without_agreement_or_change_those_rules_are_silent(tables):
    # Across agencies a page has no unit breakdown: agreement None; no earlier wave: change None.
    # VIS then meets priority_tier only; TRU (decline only) and the two low_agreement rows drop out.
    scores, items, gaps, influence, _, _ = tables
    result = priorities(scores, items, gaps, influence, None, None, INSTRUMENT)
    assert result["focus"].tolist() == ["LEAD", "VIS", "RES", "CAP", "COM", "SHD", "VIS1", "SHD2", "TRU3"]
    assert result["unit"].isna().all() and "decline" not in {r for rules in result["rules"] for r in rules}


def test_without_since_the_sentences_say_the_last_survey(tables):
    result = priorities(*tables, INSTRUMENT).set_index("rank")
    assert "since the previous survey" in result.loc[3, "evidence"]
    assert result.loc[3, "why"] == "Trust & Collective Responsibility fell by 7.0 points since the last survey."


def test_nothing_of_a_suppressed_row_surfaces(tables):
    result = priorities(*tables, INSTRUMENT, since="2024 Spring")
    assert not set(result["n"].dropna().astype(int)) & set(HIDDEN_N)
    assert not set(result["value"].round(2)) & {12.3, -19.7, 31.7, 7.7, 0.11}
    assert "ALN" not in set(result["domain"]) and "ACC" not in set(result["domain"])
    assert "PAR" not in set(result["domain"])  # suppressed gap and a change that is not meaningful
    assert "PAR1" not in set(result["focus"])
    assert ("B", "TRU") not in set(zip(result["unit"], result["focus"], strict=True))
    text = " ".join(result["evidence"]) + " " + " ".join(result["why"])
    for hidden in HIDDEN_TEXT:
        assert hidden not in text


def test_suppressed_influence_and_an_instrument_without_shd(tables):
    scores, items, gaps, _, agreement, change = tables
    hidden = priorities(scores, items, gaps, influence_table(677, 12.3, True), agreement, change, INSTRUMENT)
    assert "low_influence" not in {rule for rules in hidden["rules"] for rule in rules}
    assert "12.3" not in " ".join(hidden["evidence"])
    # An instrument without SHD: a low share makes no candidate.
    no_shd = tiny_instrument({"VIS": 1})
    empty = priorities(
        scores_table([("VIS", 20, 80.0, "Strength", False)]),
        items_table([("VIS1", 20, 80.0, False)]),
        gaps_table([]),
        influence_table(20, 10.0),
        agreement_table([]),
        None,
        no_shd,
    )
    assert empty.empty


@pytest.mark.parametrize(
    ("share", "candidate"),
    [
        (50.0, False),  # not below 50
        (50.0 - 1e-10, False),  # `< x` read as `< x - 1e-9`: unrounded, within tolerance
        (49.96, True),  # shows as 50.0 but the threshold is decided unrounded (§3.0)
        (NA, False),
    ],
)
def test_influence_threshold_is_unrounded(share, candidate):
    result = priorities(
        scores_table([("SHD", 30, 70.0, "Developing", False)]),
        items_table([]),
        gaps_table([]),
        influence_table(30, share),
        agreement_table([]),
        None,
        INSTRUMENT,
    )
    assert (not result.empty) == candidate


def test_ranking_ties_and_severity():
    # Priority: VIS 45.04 and LEAD 44.96 both show as 45.0 -> tie, instrument order (VIS first); ALN 30.0 first.
    # Declines: CAP -9.0 and RES -6.0, one rule each -> CAP first (more negative).
    # Large gaps: COM +21.0 and ACC -25.0 -> ACC first (larger |gap|).
    scores = scores_table(
        [
            ("VIS", 20, 45.04, "Priority", False),
            ("LEAD", 20, 44.96, "Priority", False),
            ("ALN", 20, 30.0, "Priority", False),
            ("CAP", 20, 80.0, "Strength", False),
            ("RES", 20, 80.0, "Strength", False),
        ]
    )
    change = change_table([("RES", -6.0, -9.0, -3.0, True, False), ("CAP", -9.0, -12.0, -6.0, True, False)])
    gaps = gaps_table(
        [
            ("COM", 6, 20, 71.0, 50.0, 10.0, 32.0, "large", False),
            ("ACC", 6, 20, 50.0, 75.0, -36.0, -14.0, "large", False),
        ]
    )
    result = priorities(
        scores, items_table([]), gaps, influence_table(20, 80.0), agreement_table([]), change, INSTRUMENT
    )
    assert result["focus"].tolist() == ["ALN", "VIS", "LEAD", "CAP", "RES", "ACC", "COM"]
    assert result["rank"].tolist() == list(range(1, 8))


def test_weakest_items_limit_and_threshold():
    # Below 40: only VIS1 (10.0) and VIS2 (39.9); VIS3 40.0 is not below 40. With weakest_items=1 only VIS1.
    items = items_table([("VIS1", 20, 10.0, False), ("VIS2", 20, 39.9, False), ("VIS3", 20, 40.0, False)])
    common = (scores_table([]), items, gaps_table([]), influence_table(20, 80.0), agreement_table([]), None)
    assert priorities(*common, INSTRUMENT, items_below=40.0)["focus"].tolist() == ["VIS1", "VIS2"]
    assert priorities(*common, INSTRUMENT, items_below=40.0, weakest_items=1)["focus"].tolist() == ["VIS1"]
    assert priorities(*common, INSTRUMENT, items_below=40.0, weakest_items=0).empty


def test_nothing_to_say_gives_an_empty_frame_with_the_columns():
    # Every domain shown and a Strength, no change, no labelled gap, broad influence, consensus everywhere.
    scores = scores_table([(code, 20, 80.0, "Strength", False) for code in INSTRUMENT.domain_codes])
    result = priorities(
        scores,
        items_table([("VIS1", 20, 80.0, False)]),
        gaps_table([("VIS", 6, 14, 80.0, 78.0, -3.0, 7.0, "", False)]),
        influence_table(14, 80.0),
        agreement_table([("A", "VIS", 20, 0.9, True, False)]),
        None,
        INSTRUMENT,
    )
    assert result.empty and list(result.columns) == list(PRIORITY_COLUMNS)


@pytest.mark.parametrize(
    ("position", "column"),
    [(0, "tier"), (1, "pct_favorable"), (2, "label"), (3, "share"), (4, "consensus"), (5, "meaningful")],
)
def test_a_missing_column_is_named(tables, position, column):
    broken = list(tables)
    broken[position] = broken[position].drop(columns=column)
    with pytest.raises(ValueError, match=f"'{column}'"):
        priorities(*broken, INSTRUMENT)


def test_several_groups_are_refused(tables):
    scores, *rest = tables
    with pytest.raises(ValueError, match="one group"):
        priorities(pd.concat([scores, scores], ignore_index=True), *rest, INSTRUMENT)


def test_low_influence_focuses_the_domain_that_plays_the_decisions_role():
    base = tiny_instrument({"AIM": 1, "VOICE": 1, "SHD": 1})
    own = Instrument(base.name, base.scale, base.domains, base.items, base.tiers, (("decisions", "VOICE"),))
    scores = scores_table([(code, 20, 80.0, "Strength", False) for code in ("AIM", "VOICE", "SHD")])
    result = priorities(
        scores, items_table([]), gaps_table([]), influence_table(20, 10.0), agreement_table([]), None, own
    )
    assert result["focus"].tolist() == ["VOICE"] and result.loc[0, "rules"] == ("low_influence",)
    # Without [collective], the same instrument's SHD domain plays the role by its default code.
    result = priorities(
        scores, items_table([]), gaps_table([]), influence_table(20, 10.0), agreement_table([]), None, base
    )
    assert result["focus"].tolist() == ["SHD"]
