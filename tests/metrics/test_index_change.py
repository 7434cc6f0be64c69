"""Change of the effectiveness index between waves: §5's rule applied to the index (Overview's headline)."""

import pandas as pd
import pytest
from scipy import stats

import metrics
from tests.metrics.conftest import NA, frame, tiny_instrument

FIVE = tiny_instrument({"A": 2, "B": 2, "C": 2, "D": 2, "E": 2})  # the index needs 4 of the 5 domains shown
BEFORE = [2, 3, 3, 4, 2]  # each respondent answers every item alike: 25, 50, 50, 75, 25 -> index 45
AFTER = [4, 4, 5, 3, 4, 5]  # 75, 75, 100, 50, 75, 100 -> index 79.17


def rows(wave: str, values: list[float], **override) -> list[dict]:
    return [{"wave": wave, **{code: v for code in FIVE.item_codes}, **override} for v in values]


def test_the_index_change_by_hand_and_against_scipy():
    result = metrics.index_change(frame(rows("2024", BEFORE) + rows("2025", AFTER)), FIVE, "2024", "2025")
    row = result.iloc[0]
    assert (row["index_from"], row["index_to"]) == pytest.approx((45.0, 475 / 6))
    assert row["change"] == pytest.approx(475 / 6 - 45)
    expected = stats.ttest_ind(
        [(v - 1) * 25 for v in AFTER], [(v - 1) * 25 for v in BEFORE], equal_var=False
    ).confidence_interval(0.95)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((expected.low, expected.high))
    assert bool(row["meaningful"]) and not bool(row["suppressed"])


def test_a_change_of_less_than_five_points_is_no_clear_change():
    after = [3, 3, 3, 4, 2]  # 50, 50, 50, 75, 25 -> 50: 5 points, but the 95 % interval takes in 0
    row = metrics.index_change(frame(rows("2024", BEFORE) + rows("2025", after)), FIVE, "2024", "2025").iloc[0]
    assert row["change"] == pytest.approx(5.0)
    assert not bool(row["meaningful"]) and not bool(row["suppressed"])


def test_no_change_when_the_earlier_index_is_hidden():
    row = metrics.index_change(frame(rows("2024", BEFORE[:3]) + rows("2025", AFTER)), FIVE, "2024", "2025").iloc[0]
    assert bool(row["suppressed"]) and not bool(row["meaningful"])
    assert pd.isna(row["change"]) and pd.isna(row["index_from"]) and pd.isna(row["index_to"])


def test_no_change_when_the_two_indices_rest_on_other_domains():
    after = rows("2025", AFTER[:3], E1=NA, E2=NA) + rows("2025", AFTER[3:])  # 3 scores of E: E hidden in 2025
    responses = frame(rows("2024", BEFORE) + after)
    index_2025 = metrics.effectiveness_index(responses[responses["wave"] == "2025"], FIVE).iloc[0]
    assert index_2025["domains"] == 4 and not index_2025["suppressed"]  # each wave's own index is shown
    row = metrics.index_change(responses, FIVE, "2024", "2025").iloc[0]
    assert bool(row["suppressed"]) and pd.isna(row["change"])
