"""Follow-through of action plans (proposed §8): values, confidentiality, the interval and the status rule,
worked by hand on tiny canonical tables of the default instrument (42 item columns)."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import metrics
from metrics import FOLLOW_THROUGH, FollowThrough, follow_through, measure_value
from tests.metrics.conftest import NA, frame, tiny_instrument, uniform_rows

INSTRUMENT = metrics.load_instrument()
BEFORE, AFTER = "2024 Spring", "2025 Spring"
TRU = ("TRU1", "TRU2", "TRU3", "TRU4")
CAP = ("CAP1", "CAP2", "CAP3", "CAP4", "CAP5")


def people(answers, wave, unit="A", agency="North", items=TRU):
    """One respondent per entry: every item 4, except `items`, answered with the entry (a value or a tuple)."""
    rows = []
    for entry in answers:
        values = entry if isinstance(entry, tuple) else (entry,) * len(items)
        row = uniform_rows(INSTRUMENT, 1, 4, wave=wave, agency=agency, unit=unit, role_level="staff")[0]
        row.update(dict(zip(items, values, strict=True)))
        rows.append(row)
    return rows


def plan(source, target, focus="TRU", measure="score", **scope):
    return follow_through(
        source,
        INSTRUMENT,
        focus=focus,
        measure=measure,
        baseline_wave=BEFORE,
        target_wave=AFTER,
        target=target,
        **{"agency": "North", "unit": "A", **scope},
    )


# TRU answered alike on its four items, so a respondent's score is (answer - 1) * 25.
# RISE: 2024 scores 50, 50, 50, 50, 75 -> mean 55, variance (4 * 25 + 400) / 4 = 125;
#       2025 scores 75, 75, 75, 75, 100 -> mean 80, variance 125.
#       change 25; se = sqrt(125/5 + 125/5) = sqrt(50) = 7.0711; df = 50^2 / (2 * 25^2 / 4) = 8;
#       t(0.975, 8) = 2.3060; half width 16.306 -> [8.694, 41.306].
RISE = frame(people([3, 3, 3, 3, 4], BEFORE) + people([4, 4, 4, 4, 5], AFTER))
FALL = frame(people([4, 4, 4, 4, 5], BEFORE) + people([3, 3, 3, 3, 4], AFTER))
# CHANCE: 2024 50, 50, 50, 75, 75 -> 60 (variance (3 * 100 + 2 * 225) / 4 = 187.5);
#         2025 50, 50, 75, 75, 75 -> 65 (variance 187.5). change 5.0, se = sqrt(75) = 8.660, df 8,
#         half 19.971 -> [-14.971, 24.971]: shown 5.0 but the interval spans 0.
CHANCE = frame(people([3, 3, 3, 4, 4], BEFORE) + people([3, 3, 4, 4, 4], AFTER))
# HOLD: 2024 75, 75, 75, 75, 100 -> 80 (variance 125); 2025 all 75 (no spread). change -5.0,
#       se = sqrt(125/5) = 5, df = 25^2 / (25^2 / 4) = 4, t = 2.7764, half 13.882 -> [-18.882, 8.882].
HOLD = frame(people([4, 4, 4, 4, 5], BEFORE) + people([4, 4, 4, 4, 4], AFTER))


@pytest.mark.parametrize(
    ("source", "target", "status", "values"),
    [
        (RISE, 80.0, "target met", (55.0, 80.0, 25.0, 8.694, 41.306)),  # shown 80.0 >= 80, meaningful rise
        (RISE, 85.0, "improved, target not met", (55.0, 80.0, 25.0, 8.694, 41.306)),
        (FALL, 50.0, "declined", (80.0, 55.0, -25.0, -41.306, -8.694)),  # 55 >= 50 in both, still declined
        (CHANCE, 62.0, "no clear change", (60.0, 65.0, 5.0, -14.971, 24.971)),  # 65 >= 62 only by chance
        (CHANCE, 60.0, "target met", (60.0, 65.0, 5.0, -14.971, 24.971)),  # baseline 60 already >= 60: held
        (HOLD, 75.0, "target met", (80.0, 75.0, -5.0, -18.882, 8.882)),  # held the line: dip not meaningful
        (HOLD, 78.0, "no clear change", (80.0, 75.0, -5.0, -18.882, 8.882)),  # 75 < 78 without a clear fall
    ],
)
def test_status_worked_by_hand(source, target, status, values):
    before = source.copy()
    result = plan(source, target)
    pd.testing.assert_frame_equal(source, before)
    assert isinstance(result, FollowThrough) and result.status in FOLLOW_THROUGH
    assert result.status == status and result.reason == ""
    got = (result.baseline, result.actual, result.change, result.ci_low, result.ci_high)
    assert got == pytest.approx(values, abs=1e-3)


def test_interval_is_welch_on_respondent_scores():
    result = plan(RISE, 80.0)
    expected = stats.ttest_ind([75, 75, 75, 75, 100], [50, 50, 50, 50, 75], equal_var=False).confidence_interval()
    assert (result.ci_low, result.ci_high) == pytest.approx((expected.low, expected.high))


def test_a_meaningful_fall_from_above_the_target_is_declined():
    # 2024 all 5 -> 100; 2025 all 4 -> 75; no spread: [-25, -25]. Target 75 is met in both waves, but the
    # fall is meaningful, and declined comes first.
    source = frame(people([5] * 5, BEFORE) + people([4] * 5, AFTER))
    result = plan(source, 75.0)
    assert (result.status, result.change, result.ci_low, result.ci_high) == ("declined", -25.0, -25.0, -25.0)


@pytest.mark.parametrize(
    ("fives", "change", "status"),
    [
        # CAP has five items: answers 4, 4, 4, 4, 3 give (19/5 - 1) * 25 = 70, all 4s give 75.
        # 2024: 100 respondents at 75. 2025: 99 at 70 and 1 at 75 -> 70.05; change -4.95, shown -5.0 (§3.0).
        # 2025 variance (99 * 0.05^2 + 4.95^2) / 99 = 0.25; se = sqrt(0.25 / 100) = 0.05; df 99;
        # half 1.9842 * 0.05 = 0.0992 -> [-5.049, -4.851]: excludes 0 -> declined.
        (1, -4.95, "declined"),
        # 98 at 70 and 2 at 75 -> 70.1; change -4.9 shows as -4.9 < 5: no clear change, although the
        # interval [-5.04, -4.76] excludes 0.
        (2, -4.9, "no clear change"),
    ],
)
def test_the_five_point_rule_is_decided_as_shown(fives, change, status):
    after = [(4, 4, 4, 4, 3)] * (100 - fives) + [4] * fives
    source = frame(people([4] * 100, BEFORE, items=CAP) + people(after, AFTER, items=CAP))
    result = plan(source, 90.0, focus="CAP")
    assert result.change == pytest.approx(change) and result.status == status
    assert result.ci_high < 0


def test_agrees_with_domain_change_on_every_domain():
    rng = np.random.default_rng(11)
    rows = []
    for wave, count in ((BEFORE, 70), (AFTER, 80)):
        answers = rng.integers(1, 6, size=(count, len(INSTRUMENT.item_codes))).astype(float)
        answers[rng.random(answers.shape) < 0.2] = NA  # blanks: some respondents go unscored
        units = rng.choice(["A", "B", "C"], size=count, p=[0.5, 0.3, 0.2])
        for values, unit in zip(answers, units, strict=True):
            rows.append(
                {"wave": wave, "agency": "North", "unit": unit, **dict(zip(INSTRUMENT.item_codes, values, strict=True))}
            )
    source = frame(rows)
    compared = 0
    for unit in ("A", "B"):
        scope = metrics.scope_rows(source, agency="North", unit=unit)
        change = metrics.domain_change(scope, INSTRUMENT, BEFORE, AFTER).set_index("domain")
        for domain in INSTRUMENT.domain_codes:
            result = plan(source, 50.0, focus=domain, unit=unit)
            if result.status == "not reportable":
                continue
            row = change.loc[domain]
            assert not row["suppressed"]
            got = (result.change, result.ci_low, result.ci_high)
            assert got == pytest.approx((row["change"], row["ci_low"], row["ci_high"]), rel=1e-12)
            assert (result.status == "declined") == bool(row["meaningful"] and row["change"] < 0)
            compared += 1
    assert compared >= 10


def test_a_unit_too_small_in_one_wave_is_not_reportable():
    # Unit A has 4 respondents in 2024 (min_n 5): that wave's view is refused; 2025 alone would be shown.
    source = frame(people([3, 3, 3, 3], BEFORE) + people([4, 4, 4, 4, 5], AFTER))
    result = plan(source, 60.0)
    assert result.status == "not reportable"
    assert all(math.isnan(x) for x in (result.baseline, result.actual, result.change, result.ci_low, result.ci_high))
    assert result.reason == (
        "The baseline wave (2024 Spring) is not reported for this scope: not enough responses to report."
    )
    kwargs = {"focus": "TRU", "measure": "score", "agency": "North", "unit": "A"}
    assert measure_value(source, INSTRUMENT, wave=BEFORE, **kwargs) is None
    assert measure_value(source, INSTRUMENT, wave=AFTER, **kwargs) == pytest.approx((80.0, 5))
    empty = plan(source, 60.0, unit="Z")  # nobody at all
    assert empty.reason == (
        "Neither wave is reported for this scope: baseline (2024 Spring) no responses; target (2025 Spring) "
        "no responses."
    )


def contract_case(column: str) -> pd.DataFrame:
    """§7.2's worked case in 2025 (A 40, B 12 of whom 4 have a TRU score, C 9), everyone full in 2024."""
    rows = []
    for wave in (BEFORE, AFTER):
        for name, count in (("A", 40), ("B", 12), ("C", 9)):
            group = uniform_rows(INSTRUMENT, count, 4, wave=wave, role_level="staff")
            for position, row in enumerate(group):
                row.update({"agency": "North", "unit": name} if column == "unit" else {"agency": name, "unit": "U"})
                if wave == AFTER and name == "B" and position >= 4:
                    row.update({"TRU2": NA, "TRU3": NA, "TRU4": NA})  # one TRU item of four: no TRU score
            rows += group
    return frame(rows)


@pytest.mark.parametrize(("column", "scope"), [("unit", {"unit": "C"}), ("agency", {"agency": "C", "unit": None})])
@pytest.mark.parametrize("focus", ["TRU", "TRU1"])
def test_a_complementary_suppressed_cell_is_not_reportable(column, scope, focus):
    # In 2025, B's TRU score is hidden (§7.1) and so C's (step c) in the breakdown by unit (or by agency);
    # C's own view shows TRU (9 scored respondents), but showing it would give B's away by subtraction.
    # TRU1 follows its domain (step b).
    source = contract_case(column)
    rows = metrics.scope_rows(source, AFTER, scope.get("agency", "North"), scope["unit"])
    assert not metrics.domain_scores(rows, INSTRUMENT).set_index("domain").loc["TRU", "suppressed"]
    assert metrics.view_refusal(source, AFTER, scope.get("agency", "North"), scope["unit"], None) == ""
    result = plan(source, 70.0, focus=focus, **scope)
    assert result.status == "not reportable"
    assert result.reason == (
        "The target wave (2025 Spring) is not reported for this scope: hidden to protect a small group."
    )
    kwargs = {"focus": focus, "measure": "score", "agency": scope.get("agency", "North"), "unit": scope["unit"]}
    assert measure_value(source, INSTRUMENT, wave=AFTER, **kwargs) is None
    assert measure_value(source, INSTRUMENT, wave=BEFORE, **kwargs) == pytest.approx((75.0, 9))
    # The other domains of C are shown in both waves: all 4s, 75 -> 75, held at a target of 75.
    held = plan(source, 75.0, focus="VIS", **scope)
    assert (held.status, held.baseline, held.actual, held.change) == ("target met", 75.0, 75.0, 0.0)


def test_measure_values_by_hand():
    # Two-item domain G, G2 reverse-coded; min_n 3. Answers (G1, G2 -> recoded 6 - G2):
    #   (4, 2 -> 4), (5, 1 -> 5), (2, 4 -> 2), (3, 3 -> 3), (NA, 3 -> 3), (4, NA)
    # G1: valid 4, 5, 2, 3, 4 (n 5), mean 3.6 -> (3.6 - 1) / 4 * 100 = 65.0; favourable 4, 5, 4 -> 60.0.
    # G2: recoded 4, 5, 2, 3, 3 (n 5), mean 3.4 -> 60.0; favourable 4, 5 -> 40.0.
    # Domain G: both items needed, rows 1-4 scored: 75, 100, 25, 50 -> 62.5, n 4;
    #           % favourable pooled over all 10 answers: 5 / 10 = 50.0 (rows without a score included).
    instrument = tiny_instrument({"G": 2}, reverse=("G2",))
    answers = [(4, 2), (5, 1), (2, 4), (3, 3), (NA, 3), (4, NA)]
    source = frame([{"G1": a, "G2": b} for a, b in answers], wave="w", agency="North", unit="A")
    expected = {
        ("G1", "score"): (65.0, 5),
        ("G1", "pct_favorable"): (60.0, 5),
        ("G2", "score"): (60.0, 5),
        ("G2", "pct_favorable"): (40.0, 5),
        ("G", "score"): (62.5, 4),
        ("G", "pct_favorable"): (50.0, 4),
    }
    for (focus, measure), value in expected.items():
        got = measure_value(source, instrument, focus=focus, measure=measure, wave="w", min_n=3)
        assert got == pytest.approx(value), (focus, measure)
    assert measure_value(source, instrument, focus="G", measure="score", wave="w", min_n=5) is None  # n 4


def test_pct_favorable_interval_pools_every_answer():
    # TRU % favourable. 2024: respondents answer (3, 3, 4, 4) x 3 and (2, 2, 2, 2) x 2 -> 6 of 20 favourable
    # = 30.0; 2025: (4, 4, 4, 3) x 5 -> 15 of 20 = 75.0. The interval is Welch's on the 0/100 value of each
    # of the 20 + 20 answers, taken as independent.
    before = [(3, 3, 4, 4)] * 3 + [(2, 2, 2, 2)] * 2
    after = [(4, 4, 4, 3)] * 5
    source = frame(people(before, BEFORE) + people(after, AFTER))
    result = plan(source, 70.0, measure="pct_favorable")
    assert (result.baseline, result.actual, result.change) == pytest.approx((30.0, 75.0, 45.0))
    zeros_and_hundreds = lambda rows: [100.0 * (v >= 4) for row in rows for v in row]  # noqa: E731
    expected = stats.ttest_ind(zeros_and_hundreds(after), zeros_and_hundreds(before), equal_var=False)
    interval = expected.confidence_interval()
    assert (result.ci_low, result.ci_high) == pytest.approx((interval.low, interval.high))
    assert result.status == "target met"  # 75.0 >= 70 after a meaningful rise


def test_item_score_interval_uses_valid_answers():
    # TRU1 as a score: 2024 answers 3, 3, 3, 3, 4 and one blank -> 50, 50, 50, 50, 75 (n 5, mean 55);
    # 2025: 4, 4, 4, 5, 5 -> 75, 75, 75, 100, 100 (mean 85). The blank counts nowhere.
    before = [(3, 3, 3, 3)] * 4 + [(4, 3, 3, 3), (NA, 3, 3, 3)]
    after = [(4, 4, 4, 4)] * 3 + [(5, 4, 4, 4)] * 2
    source = frame(people(before, BEFORE) + people(after, AFTER))
    result = plan(source, 85.0, focus="TRU1")
    assert (result.baseline, result.actual) == pytest.approx((55.0, 85.0))
    expected = stats.ttest_ind([75, 75, 75, 100, 100], [50, 50, 50, 50, 75], equal_var=False).confidence_interval()
    assert (result.ci_low, result.ci_high) == pytest.approx((expected.low, expected.high))
    assert result.status == "target met"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"focus": "XYZ"}, "neither a domain nor an item"),
        ({"measure": "mean"}, "measure"),
        ({"min_n": 2}, "below 3"),
        ({"target": "80"}, "target"),
        ({"target": float("nan")}, "target"),
    ],
)
def test_bad_arguments_are_refused(kwargs, message):
    arguments = {"focus": "TRU", "measure": "score", "target": 80.0, **kwargs}
    with pytest.raises(ValueError, match=message):
        follow_through(RISE, INSTRUMENT, baseline_wave=BEFORE, target_wave=AFTER, **arguments)


def test_the_whole_table_is_checked():
    bad = pd.concat([RISE, frame(people([4], "2019", unit="Q"))], ignore_index=True)
    bad.loc[len(bad) - 1, "VIS1"] = 7  # out of range in a wave and unit outside the plan
    with pytest.raises(ValueError, match="VIS1"):
        plan(bad, 80.0)
