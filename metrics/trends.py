"""Domain scores wave by wave, with a 95 % interval for each (indicators §3.4, §5, §7).

Each wave is scored by its own `domain_scores` call, with its own instrument, so every rule of §7 applies within
that wave exactly as on the page that shows the wave alone; a trend never shows a cell that its wave's own view
hides, nor a domain that its wave's instrument does not hold comparably (§5, `comparable_domains`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from scipy.special import stdtrit  # the t quantile, as scipy.stats.t.ppf computes it (a lighter import)

from metrics.change import check_attributes, check_wave, comparable_domains
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


def _on_reference(part: pd.DataFrame, own: Instrument, reference: Instrument) -> pd.DataFrame:
    """One wave's rows (groups x its own instrument's domains) cut to the domains it holds comparably with
    `reference`, groups in their order and domains in `reference`'s order."""
    comparable = comparable_domains(own, reference)
    if comparable == own.domain_codes:
        return part
    rank = part["domain"].map({code: position for position, code in enumerate(comparable)}).to_numpy(dtype=float)
    group = np.arange(len(part)) // len(own.domains)
    kept = np.flatnonzero(~np.isnan(rank))
    order = kept[np.lexsort((rank[kept], group[kept]))]
    return part.iloc[order].reset_index(drop=True)


def domain_trend(
    responses: pd.DataFrame,
    instrument: Instrument,
    by: str | Sequence[str] = (),
    min_n: int = DEFAULT_MIN_N,
    *,
    wave_instruments: Mapping[str, Instrument] | None = None,
) -> pd.DataFrame:
    """One row per wave x group x domain: `n`, `score`, `tier` and `suppressed` exactly as that wave's own
    `domain_scores`, and `ci_low`/`ci_high`, the score's 95 % one-sample t interval on the respondent scores.

    Waves, then groups, sorted as text (§3.0); domains in `instrument`'s order. A suppressed row keeps `n` (§3.0),
    its score and interval are NaN and its tier missing.

    `wave_instruments` maps a wave label to the instrument that scores it; a wave it does not name is scored
    with `instrument`. `instrument` is the reference (the instrument of the wave in view): the rows are its
    domains, in its order, and a wave whose own instrument does not hold a domain comparably with it
    (`comparable_domains`) has no row for that domain (§5: its items or scale changed; the wave's score would
    measure something else). A shown score's `tier` is the one its wave's own view shows (its own instrument's
    cut points).

    Without `wave_instruments` the whole table is checked against `instrument`, as every indicator checks it.
    With it, the `by` columns and `role_level` are checked on the whole table and each wave's items against the
    wave's own instrument only: the store hands several waves back as the union of their columns, so a wave's
    rows hold NaN in the items of other waves' instruments, and whatever they hold there is not read. A column
    that a wave's own instrument needs and the table lacks altogether is refused (ValueError naming the wave and
    the column), as §2 refuses a table without an item column: ingestion gives every wave all its instrument's
    columns, so a missing one is a wrong table, not unasked questions.
    """
    check_min_n(min_n)
    by = normalise_by(by)
    if "wave" in by:
        raise ValueError("A trend is already broken down by wave; leave 'wave' out of `by`.")
    if wave_instruments is None:
        prepare(responses, instrument, by)  # the whole table is checked, whatever the waves
    else:
        check_attributes(responses, by)  # the items wave by wave, below
    if "wave" not in responses.columns:
        raise ValueError("The responses have no 'wave' column, which a trend over waves needs.")
    columns = ["wave", *by, "domain", "n", "score", "ci_low", "ci_high", "tier", "suppressed"]
    labels = attribute_labels(responses["wave"])
    waves = sorted(set(labels))  # Python compares str by code point, as §3.0 asks
    own = {wave: instrument if wave_instruments is None else wave_instruments.get(wave, instrument) for wave in waves}
    rows = {wave: responses[labels == wave] for wave in waves}
    if wave_instruments is not None:
        for wave in waves:  # every wave is checked before any is scored
            check_wave(rows[wave], own[wave], by, wave)
    parts = []
    for wave in waves:
        part = _on_reference(_one_wave(rows[wave], own[wave], by, min_n), own[wave], instrument)
        if part.empty:
            continue  # the wave holds none of the reference's domains comparably
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
