"""Small hand-made indicator tables with the columns of architecture.md, each holding shown rows, a
primary-suppressed row and a complementary-suppressed row whose counts are distinctive numbers, so that a
test can tell if a hidden count leaks."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from metrics import load_instrument

INSTRUMENT = load_instrument()
MIN_N = 5
# Counts of suppressed rows: none of these numbers may reach a chart's data or a display table.
HIDDEN_PRIMARY_N = 3
HIDDEN_COMPLEMENTARY_N = 677


@pytest.fixture
def hidden_counts() -> tuple[int, int]:
    """The counts carried by the fixtures' suppressed rows."""
    return HIDDEN_PRIMARY_N, HIDDEN_COMPLEMENTARY_N


@pytest.fixture
def domain_table() -> pd.DataFrame:
    """One group's `domain_scores` for four domains: VIS shown (74.95 shows as 75.0, a Strength), LEAD shown
    and blank-free, ALN primary-suppressed (3 respondents), CAP complementary-suppressed (677)."""
    return pd.DataFrame(
        {
            "domain": ["VIS", "LEAD", "ALN", "CAP"],
            "n": [40, 38, HIDDEN_PRIMARY_N, HIDDEN_COMPLEMENTARY_N],
            "score": [74.95, 48.04, np.nan, np.nan],
            "pct_favorable": [70.25, 30.0, np.nan, np.nan],
            "tier": ["Strength", "Priority", None, None],
            "suppressed": [False, False, True, True],
        }
    )


@pytest.fixture
def unit_table() -> pd.DataFrame:
    """`domain_scores(by=("agency", "unit"))` for two domains: unit "B" hidden (primary) on VIS, "C" hidden
    (complementary) on VIS; the "Not reported" unit is shown."""
    return pd.DataFrame(
        {
            "agency": ["North"] * 6,
            "unit": ["A", "A", "B", "B", "Not reported", "Not reported"],
            "domain": ["VIS", "LEAD"] * 3,
            "n": [30, 30, HIDDEN_PRIMARY_N, 12, HIDDEN_COMPLEMENTARY_N, 9],
            "score": [80.0, 61.26, np.nan, 55.5, np.nan, 62.5],
            "pct_favorable": [82.0, 50.0, np.nan, 40.0, np.nan, 50.0],
            "tier": ["Strength", "Emerging", None, "Emerging", None, "Developing"],
            "suppressed": [False, False, True, False, True, False],
        }
    )


@pytest.fixture
def item_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    """One group's `item_stats` and `item_distribution` for the VIS items: VIS1 and VIS2 shown, VIS3 primary
    (3 answers, 677 don't-knows), VIS4 complementary."""
    stats = pd.DataFrame(
        {
            "item": ["VIS1", "VIS2", "VIS3", "VIS4"],
            "domain": ["VIS"] * 4,
            "n": [20, 10, HIDDEN_PRIMARY_N, 40],
            "n_missing": [2, 0, HIDDEN_COMPLEMENTARY_N, 61],
            "mean": [3.45, 2.0, np.nan, np.nan],
            "pct_favorable": [60.0, 0.0, np.nan, np.nan],
            "pct_neutral": [20.0, 0.0, np.nan, np.nan],
            "pct_unfavorable": [20.0, 100.0, np.nan, np.nan],
            "suppressed": [False, False, True, True],
        }
    )
    # VIS1: 2, 2, 4, 7, 5 of 20 -> 10, 10, 20, 35, 25 %; VIS2: all 10 answered Disagree.
    counts = {"VIS1": [2, 2, 4, 7, 5], "VIS2": [0, 10, 0, 0, 0], "VIS3": None, "VIS4": None}
    rows = []
    for item, item_counts in counts.items():
        for point in INSTRUMENT.scale.points:
            count = np.nan if item_counts is None else float(item_counts[point - 1])
            total = np.nan if item_counts is None else sum(item_counts)
            rows.append(
                {
                    "item": item,
                    "domain": "VIS",
                    "point": point,
                    "label": INSTRUMENT.scale.label(point),
                    "count": count,
                    "pct": 100 * count / total,
                    "suppressed": item_counts is None,
                }
            )
    return stats, pd.DataFrame(rows)


@pytest.fixture
def perception_table() -> pd.DataFrame:
    """One group's `perception_gap` for four domains: a large gap, a small negative one, a row hidden because
    only 3 leaders answered, and a complementary-suppressed row."""
    return pd.DataFrame(
        {
            "domain": ["VIS", "LEAD", "ALN", "CAP"],
            "leaders_n": [8, 8, HIDDEN_PRIMARY_N, HIDDEN_COMPLEMENTARY_N],
            "staff_n": [30, 30, 29, 28],
            "leaders_score": [85.0, 60.0, np.nan, np.nan],
            "staff_score": [64.96, 60.04, np.nan, np.nan],
            "gap": [20.04, -0.04, np.nan, np.nan],
            "gap_low": [10.5, -8.0, np.nan, np.nan],
            "gap_high": [29.6, 7.9, np.nan, np.nan],
            "label": ["large", "", "", ""],
            "suppressed": [False, False, True, True],
        }
    )
