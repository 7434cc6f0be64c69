import math

import numpy as np
import pandas as pd
import pytest

from metrics import shown, tier


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (74.95, 75.0),  # half away from zero, even where 74.95 is stored as 74.9499999...
        (74.94, 74.9),
        (74.99999999999999, 75.0),
        (-4.95, -5.0),
        (-4.94, -4.9),
        (0.05, 0.1),
        (-0.05, -0.1),
        (0.0, 0.0),
        (62.45, 62.5),
        (100.0, 100.0),
    ],
)
def test_shown_rounds_half_away_from_zero(value, expected):
    assert shown(value) == pytest.approx(expected, abs=1e-12)


def test_shown_keeps_nan_and_series():
    assert math.isnan(shown(float("nan")))
    series = pd.Series([1.25, np.nan, -2.35], index=[3, 4, 5], name="gap")
    result = shown(series)
    assert result.index.tolist() == [3, 4, 5] and result.name == "gap"
    assert result.tolist()[0] == pytest.approx(1.3) and math.isnan(result.tolist()[1])
    assert result.tolist()[2] == pytest.approx(-2.4)


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (100.0, "Strength"),
        (75.0, "Strength"),
        (74.99, "Strength"),  # shown as 75.0
        (74.95, "Strength"),
        (74.94, "Developing"),
        (62.5, "Developing"),
        (62.45, "Developing"),  # shown as 62.5
        (62.44, "Emerging"),
        (50.0, "Emerging"),
        (49.95, "Emerging"),
        (49.94, "Priority"),
        (0.0, "Priority"),
        (float("nan"), None),
    ],
)
def test_tier_is_decided_on_the_value_as_shown(score, expected):
    assert tier(score) == expected


def test_tier_of_an_array():
    assert list(tier(np.array([80.0, np.nan, 10.0]))) == ["Strength", None, "Priority"]
