"""The value as shown, and the tiers decided on it (indicators §3.0, §3.6).

Exactly three thresholds are decided on the value as shown: tiers, the 5-point change rule and the gap
labels. Every other comparison uses the unrounded value with a 1e-9 tolerance (`at_least`, `below`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics.instrument import Tiers

TOLERANCE = 1e-9
DEFAULT_TIERS = Tiers()


def shown(x):
    """Round half away from zero to one decimal, as a spreadsheet does: sign(x) * floor(10|x| + 0.5 + 1e-9) / 10.

    Works on a float, a numpy array or a Series; NaN stays NaN.
    """
    values = np.asarray(x, dtype=float)
    rounded = np.sign(values) * np.floor(10 * np.abs(values) + 0.5 + TOLERANCE) / 10
    if isinstance(x, pd.Series):
        return pd.Series(rounded, index=x.index, name=x.name)
    return rounded if rounded.ndim else float(rounded)


def at_least(value, threshold: float):
    """`value >= threshold` read as `value >= threshold - 1e-9` (False for NaN)."""
    return np.asarray(value, dtype=float) >= threshold - TOLERANCE


def below(value, threshold: float):
    """`value < threshold` read as `value < threshold - 1e-9` (False for NaN)."""
    return np.asarray(value, dtype=float) < threshold - TOLERANCE


def tier(score, tiers: Tiers = DEFAULT_TIERS):
    """The tier name of a 0-100 score as shown; missing (None) for NaN. Scalar in, scalar out."""
    values = shown(np.asarray(score, dtype=float))
    names = np.select(
        [at_least(values, tiers.strength), at_least(values, tiers.developing), at_least(values, tiers.emerging)],
        ["Strength", "Developing", "Emerging"],
        default="Priority",
    ).astype(object)
    names[np.isnan(values)] = None
    return names if names.ndim else names.item()
