"""Domain scores wave by wave, with a 95 % interval for each (indicators §3.4, §5, §7).

Each wave is scored by its own `domain_scores` call, so every rule of §7 applies within that wave exactly as
on the page that shows the wave alone; a trend never shows a cell that its wave's own view hides.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy.special import stdtrit  # the t quantile, as scipy.stats.t.ppf computes it (a lighter import)

from metrics.instrument import Instrument
from metrics.intervals import group_spread
from metrics.responses import attribute_labels, normalise_by, prepare, respondent_domain_scores
from metrics.rounding import shown
from metrics.scoring import domain_scores
from metrics.suppression import DEFAULT_MIN_N, check_min_n


def mean_interval(mean: np.ndarray, variance: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """95 % one-sample t interval of a mean (n - 1 degrees of freedom); `[mean, mean]` with no spread."""
    mean = np.asarray(mean, dtype=float)
    n = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        half = stdtrit(n - 1, 0.975) * np.sqrt(np.asarray(variance, dtype=float) / n)
    half = np.where(np.asarray(variance) == 0, 0.0, half)
    return mean - half, mean + half


def _one_wave(rows: pd.DataFrame, instrument: Instrument, by: tuple[str, ...], min_n: int) -> pd.DataFrame:
    """The wave's own `domain_scores`, with the interval of each shown score from its respondent scores."""
    scores = domain_scores(rows, instrument, by, min_n)
    prepared = prepare(rows, instrument, by)
    respondent = respondent_domain_scores(prepared)
    groups = prepared.groups
    spread = [group_spread(groups.codes, respondent[:, d], groups.count) for d in range(len(instrument.domains))]
    mean = np.column_stack([s[0] for s in spread]).reshape(-1)
    count = np.column_stack([s[1] for s in spread]).reshape(-1)
    variance = np.column_stack([s[2] for s in spread]).reshape(-1)
    low, high = mean_interval(mean, variance, count)
    hidden = scores["suppressed"].to_numpy(dtype=bool)
    scores["ci_low"] = np.where(hidden, np.nan, low)
    scores["ci_high"] = np.where(hidden, np.nan, high)
    return scores


def domain_trend(
    responses: pd.DataFrame,
    instrument: Instrument,
    by: str | Sequence[str] = (),
    min_n: int = DEFAULT_MIN_N,
) -> pd.DataFrame:
    """One row per wave x group x domain: `n`, `score`, `tier` and `suppressed` exactly as that wave's own
    `domain_scores`, and `ci_low`/`ci_high`, the score's 95 % one-sample t interval on the respondent scores.

    Waves, then groups, sorted as text (§3.0); domains in instrument order. A suppressed row keeps `n` (§3.0),
    its score and interval are NaN and its tier missing.
    """
    check_min_n(min_n)
    by = normalise_by(by)
    if "wave" in by:
        raise ValueError("A trend is already broken down by wave; leave 'wave' out of `by`.")
    prepare(responses, instrument, by)  # the whole table is checked, whatever the waves
    if "wave" not in responses.columns:
        raise ValueError("The responses have no 'wave' column, which a trend over waves needs.")
    columns = ["wave", *by, "domain", "n", "score", "ci_low", "ci_high", "tier", "suppressed"]
    labels = attribute_labels(responses["wave"])
    parts = []
    for wave in sorted(set(labels)):  # Python compares str by code point, as §3.0 asks
        part = _one_wave(responses[labels == wave], instrument, by, min_n)
        part.insert(0, "wave", wave)
        parts.append(part[columns])
    if not parts:
        empty = pd.DataFrame({column: pd.Series(dtype=object) for column in columns})
        return empty.astype({"n": np.int64, "score": float, "ci_low": float, "ci_high": float, "suppressed": bool})
    return pd.concat(parts, ignore_index=True)


def biggest_changes(change: pd.DataFrame, k: int = 3) -> tuple[list[str], list[str]]:
    """The domain codes of up to `k` meaningful gains (largest first) and `k` meaningful declines (largest
    drop first) of one group's `domain_change`. Ranked by the change as shown; ties keep instrument order."""
    if change["domain"].duplicated().any():
        raise ValueError("Ranking changes expects the rows of one group (each domain once).")
    real = change[change["meaningful"].astype(bool) & ~change["suppressed"].astype(bool)]
    as_shown = pd.Series(np.asarray(shown(real["change"].to_numpy(dtype=float))), index=real.index)
    ranked = pd.DataFrame({"domain": real["domain"], "value": as_shown, "position": np.arange(len(real))})
    gains = ranked[ranked["value"] > 0].sort_values(["value", "position"], ascending=[False, True])
    declines = ranked[ranked["value"] < 0].sort_values(["value", "position"], ascending=[True, True])
    return gains["domain"].head(k).tolist(), declines["domain"].head(k).tolist()
