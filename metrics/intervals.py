"""Welch's t interval for a difference of two group means (indicators §4.1 and §5).

Used for the leader-staff gap and for change between waves: two independent samples of respondent
scores, sample variances, Welch-Satterthwaite degrees of freedom, t quantile 0.975.
"""

from __future__ import annotations

import numpy as np
from scipy.special import stdtrit  # the t quantile, as scipy.stats.t.ppf computes it (a lighter import)

from metrics.responses import group_means


def group_spread(codes: np.ndarray, values: np.ndarray, group_count: int) -> tuple[np.ndarray, ...]:
    """Per group: mean, count and sample variance (ddof 1) of the non-missing values.

    The variance is exactly 0 where every value is equal (no spread), NaN where fewer than 2 values.
    """
    means, counts = group_means(codes, values, group_count)
    present = ~np.isnan(values)
    deviations = values[present] - means[codes[present]]
    squares = np.bincount(codes[present], weights=deviations**2, minlength=group_count)
    variance = np.divide(squares, counts - 1, out=np.full(group_count, np.nan), where=counts > 1)
    if present.any():  # a group whose values are all equal has no spread, whatever rounding says
        lowest, highest = np.full(group_count, np.inf), np.full(group_count, -np.inf)
        np.minimum.at(lowest, codes[present], values[present])
        np.maximum.at(highest, codes[present], values[present])
        variance[(lowest == highest) & (counts > 1)] = 0.0
    return means, counts, variance


def welch_interval(
    difference: np.ndarray, var_a: np.ndarray, n_a: np.ndarray, var_b: np.ndarray, n_b: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """95 % interval of `difference` (mean a - mean b); `[difference, difference]` when neither side has spread."""
    difference = np.asarray(difference, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        part_a = np.asarray(var_a, dtype=float) / n_a
        part_b = np.asarray(var_b, dtype=float) / n_b
        se2 = part_a + part_b
        df = se2**2 / (part_a**2 / (np.asarray(n_a) - 1) + part_b**2 / (np.asarray(n_b) - 1))
        half = stdtrit(df, 0.975) * np.sqrt(se2)
    half = np.where(se2 == 0, 0.0, half)
    return difference - half, difference + half


def excludes_zero(low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """Strictly: `low > 0` or `high < 0` (False for NaN)."""
    return (np.asarray(low) > 0) | (np.asarray(high) < 0)
