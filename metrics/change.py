"""Change of domain scores between two waves (indicators §5).

A change is reported only where the group's score is shown in both waves' own `domain_scores`, and called
meaningful only when its size as shown is at least 5 points and its 95 % Welch interval excludes 0.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from metrics.instrument import Instrument
from metrics.intervals import excludes_zero, group_spread, welch_interval
from metrics.policy import MEANINGFUL_CHANGE
from metrics.responses import attribute_labels, normalise_by, prepare, respondent_domain_scores
from metrics.rounding import at_least, shown
from metrics.scoring import domain_table
from metrics.suppression import DEFAULT_MIN_N, check_min_n


def _wave_cells(responses, instrument, by, min_n) -> pd.DataFrame:
    """One wave's group x domain scores, whether shown, and the spread of its respondent scores."""
    prepared = prepare(responses, instrument, by)
    table = domain_table(prepared, min_n)
    respondent = respondent_domain_scores(prepared)
    groups = prepared.groups
    spread = [group_spread(groups.codes, respondent[:, d], groups.count) for d in range(len(instrument.domains))]
    keys = groups.keys.loc[groups.keys.index.repeat(len(instrument.domains))].reset_index(drop=True)
    return keys.assign(
        domain=np.tile(instrument.domain_codes, groups.count),
        score=table.score.reshape(-1),
        shown=~table.hidden.reshape(-1),
        n=np.column_stack([s[1] for s in spread]).reshape(-1),
        variance=np.column_stack([s[2] for s in spread]).reshape(-1),
    )


def domain_change(
    responses: pd.DataFrame,
    instrument: Instrument,
    wave_from: str,
    wave_to: str,
    by: str | Sequence[str] = (),
    min_n: int = DEFAULT_MIN_N,
) -> pd.DataFrame:
    """One row per group (present in either wave) x domain: `score_from`, `score_to` (0-100), `change`
    (points) with its 95 % Welch interval, and `meaningful`. Hidden unless shown in both waves."""
    check_min_n(min_n)
    by = normalise_by(by)
    prepare(responses, instrument, by)  # the whole table is checked, whatever the waves
    if "wave" not in responses.columns:
        raise ValueError("The responses have no 'wave' column, which a change between waves needs.")
    waves = attribute_labels(responses["wave"])
    cells = [_wave_cells(responses[waves == str(wave)], instrument, by, min_n) for wave in (wave_from, wave_to)]
    keys = list(by) + ["domain"]
    merged = cells[0].merge(cells[1], on=keys, how="outer", suffixes=("_from", "_to"))
    order = {code: position for position, code in enumerate(instrument.domain_codes)}
    merged = (
        merged.assign(_order=merged["domain"].map(order))
        .sort_values(list(by) + ["_order"], kind="stable")
        .reset_index(drop=True)
    )
    visible = merged["shown_from"].eq(True) & merged["shown_to"].eq(True)
    visible = visible.to_numpy()
    change = (merged["score_to"] - merged["score_from"]).to_numpy(dtype=float)
    low, high = welch_interval(
        change,
        merged["variance_to"].to_numpy(dtype=float),
        merged["n_to"].to_numpy(dtype=float),
        merged["variance_from"].to_numpy(dtype=float),
        merged["n_from"].to_numpy(dtype=float),
    )
    meaningful = visible & at_least(np.abs(shown(change)), MEANINGFUL_CHANGE) & excludes_zero(low, high)
    blank = lambda values: np.where(visible, values, np.nan)  # noqa: E731
    result = merged[list(by)].copy()
    result["domain"] = merged["domain"].to_numpy(dtype=object)
    result["score_from"] = blank(merged["score_from"].to_numpy(dtype=float))
    result["score_to"] = blank(merged["score_to"].to_numpy(dtype=float))
    result["change"] = blank(change)
    result["ci_low"] = blank(low)
    result["ci_high"] = blank(high)
    result["meaningful"] = meaningful
    result["suppressed"] = ~visible
    return result
