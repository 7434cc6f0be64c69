"""Cronbach's alpha per domain (indicators §3.7): how consistently a domain's items measure one thing.

Alpha describes the instrument in a population, not a group, so it takes no breakdown and no min_n.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics.instrument import Instrument
from metrics.policy import RELIABLE_ALPHA  # noqa: F401 (metrics exports it from here)
from metrics.responses import prepare


def cronbach_alpha(responses: pd.DataFrame, instrument: Instrument) -> pd.DataFrame:
    """One row per domain: `n` = rows that answered every item of the domain, `alpha` over those rows with
    sample variances (ddof 1); NaN for a one-item domain, fewer than 2 such rows, or a total with no variance."""
    prepared = prepare(responses, instrument)
    rows = []
    for domain in instrument.domain_codes:
        block = prepared.answers[:, prepared.domain_columns(domain)]
        complete = block[~np.isnan(block).any(axis=1)]
        k, n = block.shape[1], complete.shape[0]
        alpha = np.nan
        if k >= 2 and n >= 2:
            total_variance = complete.sum(axis=1).var(ddof=1)
            if total_variance > 0:
                alpha = k / (k - 1) * (1 - complete.var(axis=0, ddof=1).sum() / total_variance)
        rows.append({"domain": domain, "n": n, "alpha": alpha})
    return pd.DataFrame(rows, columns=["domain", "n", "alpha"])
