"""Summaries a page states in words, computed from indicator tables (never from raw rows).

- `strongest_and_weakest`, `highest_and_lowest_items`: the highest and lowest shown domain scores or item
  shares of one group;
- `overall_favorable`: the share of favourable answers over every shown item of one group (0-100);
- `unreliable_domains`: the domains whose Cronbach's alpha is below 0.70 (§3.7).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics.instrument import Instrument
from metrics.reliability import RELIABLE_ALPHA
from metrics.rounding import below, shown


def strongest_and_weakest(domain_table: pd.DataFrame, k: int = 3) -> tuple[list[str], list[str]]:
    """The domain codes of the `k` highest and the `k` lowest shown scores of one group's `domain_scores`.

    Ranked by the score as shown (one decimal), so two domains that read the same are tied; ties keep the
    table's order, which is instrument order. Suppressed domains take no part. When fewer than 2k domains are
    shown, each list holds half of them (rounded down), so that no domain is both strongest and weakest; and
    when the two lists would meet at one shown score, the domains of that score are in neither (two domains that
    read 64.2 are not one strong and one weak). Strongest come highest first, weakest lowest first.
    """
    return _highest_and_lowest(domain_table, "domain", "score", k)


def highest_and_lowest_items(item_table: pd.DataFrame, k: int = 5) -> tuple[list[str], list[str]]:
    """The item codes of the `k` highest and the `k` lowest shown shares of favourable answers in one group's
    `item_stats`, by the same rules as `strongest_and_weakest` (the share as shown, ties in instrument order,
    suppressed items left out, never an item in both lists)."""
    return _highest_and_lowest(item_table, "item", "pct_favorable", k)


def _highest_and_lowest(table: pd.DataFrame, key: str, value: str, k: int) -> tuple[list[str], list[str]]:
    if table[key].duplicated().any():
        raise ValueError(f"Ranking by {value} expects the rows of one group (each {key} once).")
    visible = table[~table["suppressed"].astype(bool)]
    visible = visible[visible[value].notna()]
    take = min(k, len(visible) // 2)
    if take <= 0:
        return [], []
    as_shown = pd.Series(np.asarray(shown(visible[value].to_numpy(dtype=float))), index=visible.index)
    position = pd.Series(np.arange(len(visible)), index=visible.index)
    ranked = pd.DataFrame({key: visible[key], "value": as_shown, "position": position})
    highest = ranked.sort_values(["value", "position"], ascending=[False, True]).head(take)
    rest = ranked.drop(index=highest.index)  # a tie in the middle must not put one row in both lists
    lowest = rest.sort_values(["value", "position"], ascending=[True, True]).head(take)
    if len(highest) and len(lowest) and highest["value"].iloc[-1] == lowest["value"].iloc[-1]:
        tie = highest["value"].iloc[-1]  # the lists meet at one shown value: neither may claim those rows
        highest, lowest = highest[highest["value"] != tie], lowest[lowest["value"] != tie]
    return highest[key].tolist(), lowest[key].tolist()


def overall_favorable(distribution: pd.DataFrame, instrument: Instrument) -> float:
    """Favourable answers as a share (0-100) of valid answers, pooled over every item of one group's
    `item_distribution` that is shown (as §3.4 pools a domain's answers). Don't-know answers are not valid
    answers; suppressed items take no part; NaN when no item is shown or nobody answered."""
    if distribution.duplicated(["item", "point"]).any():
        raise ValueError("overall_favorable expects the item distribution of one group.")
    visible = distribution[~distribution["suppressed"].astype(bool)]
    counts = visible["count"].to_numpy(dtype=float)
    total = np.nansum(counts)
    if total == 0:
        return float("nan")
    favourable = np.nansum(counts[visible["point"].isin(instrument.scale.favorable).to_numpy()])
    return float(100 * favourable / total)


def unreliable_domains(alpha_table: pd.DataFrame) -> list[str]:
    """The domain codes of `cronbach_alpha` whose alpha is below 0.70 (unrounded, `< x` read as `< x - 1e-9`),
    in instrument order; a domain with no alpha (NaN) is not flagged."""
    return alpha_table.loc[below(alpha_table["alpha"], RELIABLE_ALPHA), "domain"].tolist()
