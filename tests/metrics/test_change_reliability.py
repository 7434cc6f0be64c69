"""Change between waves (§5) and Cronbach's alpha (§3.7)."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import metrics
from tests.metrics.conftest import NA, frame, tiny_instrument

ONE = tiny_instrument({"B": 1})
FIVE = tiny_instrument({"G": 5})


def test_change_by_hand_and_against_scipy():
    before = [2, 3, 3, 4, 2]  # 25, 50, 50, 75, 25 -> 45
    after = [4, 4, 5, 3, 4, 5]  # 75, 75, 100, 50, 75, 100 -> 79.17
    rows = [{"wave": "2024", "unit": "u", "B1": v} for v in before] + [
        {"wave": "2025", "unit": "u", "B1": v} for v in after
    ]
    result = metrics.domain_change(frame(rows), ONE, "2024", "2025")
    assert list(result.columns) == [
        "domain",
        "score_from",
        "score_to",
        "change",
        "ci_low",
        "ci_high",
        "meaningful",
        "suppressed",
    ]
    row = result.iloc[0]
    assert (row["score_from"], row["score_to"]) == pytest.approx((45.0, 475 / 6))
    assert row["change"] == pytest.approx(475 / 6 - 45)
    to_scores = [(v - 1) * 25 for v in after]
    from_scores = [(v - 1) * 25 for v in before]
    expected = stats.ttest_ind(to_scores, from_scores, equal_var=False).confidence_interval(0.95)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((expected.low, expected.high))
    assert row["meaningful"] == True  # noqa: E712  34 points, interval above 0


@pytest.mark.parametrize(
    ("before", "after", "meaningful"),
    [
        ((4, 4, 4, 4, 3), (4, 4, 4, 4, 4), True),  # 70 -> 75: exactly 5, no spread, [5, 5]
        ((4, 4, 4, 4, 4), (4, 4, 4, 4, 3), True),  # -5 counts by its size
        ((4, 4, 4, 3, 3), (4, 4, 4, 4, 3), False),  # 65 -> 70, but wave b gets two extreme rows (below)
    ],
)
def test_meaningful_change_at_five_points(before, after, meaningful):
    rows = [{"wave": "a", **{f"G{i + 1}": v for i, v in enumerate(before)}}] * 5
    rows += [{"wave": "b", **{f"G{i + 1}": v for i, v in enumerate(after)}}] * 5
    if not meaningful:  # add spread to wave b so that the interval spans 0
        rows[-1] = {"wave": "b", **{f"G{i}": 1 for i in range(1, 6)}}
        rows[-2] = {"wave": "b", **{f"G{i}": 5 for i in range(1, 6)}}
    row = metrics.domain_change(frame(rows), FIVE, "a", "b").iloc[0]
    assert row["meaningful"] == meaningful
    if meaningful:
        assert abs(row["change"]) == pytest.approx(5.0) and row["ci_low"] == pytest.approx(row["change"])
    else:
        assert row["ci_low"] < 0 < row["ci_high"]


def test_change_rows_are_groups_of_either_wave_and_hidden_unless_shown_in_both():
    rows = (
        [{"wave": "a", "unit": "X", "B1": 4}] * 6
        + [{"wave": "b", "unit": "X", "B1": 5}] * 6
        + [{"wave": "a", "unit": "Y", "B1": 4}] * 6  # Y only in wave a
        + [{"wave": "b", "unit": "Z", "B1": 4}] * 3
        + [{"wave": "a", "unit": "Z", "B1": 4}] * 7  # Z small in b
    )
    result = metrics.domain_change(frame(rows), ONE, "a", "b", by="unit")
    assert result["unit"].tolist() == ["X", "Y", "Z"]
    assert result["suppressed"].tolist() == [True, True, True]
    # Wave b: Z (3 rows) is the lone small unit, so X (6) is hidden too by step a: nothing is comparable.
    assert result[["score_from", "score_to", "change"]].isna().all().all()
    assert not result["meaningful"].any()
    rows += [{"wave": "b", "unit": "W", "B1": 4}] * 5  # W (5 rows) is now the smallest other sibling in b
    result = metrics.domain_change(frame(rows), ONE, "a", "b", by="unit")
    assert result["unit"].tolist() == ["W", "X", "Y", "Z"]
    assert result["suppressed"].tolist() == [True, False, True, True]
    assert result.loc[1, "change"] == pytest.approx(25.0) and result.loc[1, "meaningful"]


def test_change_needs_a_wave_column():
    with pytest.raises(ValueError, match="wave"):
        metrics.domain_change(frame([{"B1": 4}] * 5), ONE, "a", "b")


def test_cronbach_alpha_textbook_example():
    # Four respondents, three items: totals 5, 8, 10, 14. Item variances 5/3, 4.75/3, 5/3; total
    # variance 42.75/3; alpha = 3/2 (1 - 14.75/42.75) = 42/42.75 = 0.98246.
    instrument = tiny_instrument({"A": 3, "S": 1})
    rows = [(1, 2, 2), (2, 3, 3), (3, 3, 4), (4, 5, 5), (5, NA, 5)]  # the last row is incomplete: left out
    source = frame([{"A1": a, "A2": b, "A3": c, "S1": 3} for a, b, c in rows])
    before = source.copy()
    result = metrics.cronbach_alpha(source, instrument)
    pd.testing.assert_frame_equal(source, before)
    assert list(result.columns) == ["domain", "n", "alpha"]
    assert result.loc[0, "n"] == 4 and result.loc[0, "alpha"] == pytest.approx(42 / 42.75)
    assert result.loc[1, "n"] == 5 and np.isnan(result.loc[1, "alpha"])  # one-item domain


def test_cronbach_alpha_matches_the_covariance_form():
    # Independent route: alpha = k/(k-1) (1 - trace(C) / sum(C)) with C the item covariance matrix.
    rng = np.random.default_rng(7)
    latent = rng.normal(size=60)
    answers = np.clip(np.round(3 + latent[:, None] + rng.normal(scale=0.8, size=(60, 4))), 1, 5)
    instrument = tiny_instrument({"A": 4}, reverse=("A4",))
    source = frame([dict(zip(["A1", "A2", "A3", "A4"], row, strict=True)) for row in answers])
    recoded = answers.copy()
    recoded[:, 3] = 6 - recoded[:, 3]
    cov = np.cov(recoded, rowvar=False, ddof=1)
    expected = 4 / 3 * (1 - np.trace(cov) / cov.sum())
    assert metrics.cronbach_alpha(source, instrument).loc[0, "alpha"] == pytest.approx(expected)


def test_cronbach_alpha_without_variance_or_rows_is_nan():
    instrument = tiny_instrument({"A": 2})
    constant = metrics.cronbach_alpha(frame([{"A1": 3, "A2": 3}] * 4), instrument)
    single = metrics.cronbach_alpha(frame([{"A1": 3, "A2": 4}]), instrument)
    assert np.isnan(constant.loc[0, "alpha"]) and np.isnan(single.loc[0, "alpha"]) and single.loc[0, "n"] == 1
