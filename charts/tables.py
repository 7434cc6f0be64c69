"""The numbers behind each chart, as a reader sees them: domain and item names instead of codes, values to
one decimal, a suppressed cell replaced by its reason and the counts of a suppressed row left blank.

Every value in these tables is text, so that what is on screen is exactly what the chart says.
"""

from __future__ import annotations

import pandas as pd

from charts import _cells
from charts.gaps import gap_text
from metrics import Instrument
from metrics.summary import unreliable_domains

ALPHA_ROW = "Reliability (alpha), whole wave"
_DOMAIN_KNOWN = ("domain", "n", "score", "pct_favorable", "tier", "suppressed")


def _values(series: pd.Series, reason: pd.Series, signed: bool = False) -> list[str]:
    """Each value as shown, or its row's reason when the row is suppressed."""
    return [why if why else _cells.number(v, signed) for v, why in zip(series, reason, strict=True)]


def _counts(series: pd.Series, reason: pd.Series) -> list[str]:
    return ["" if why else _cells.count(v) for v, why in zip(series, reason, strict=True)]


def domain_score_table(
    scores: pd.DataFrame, instrument: Instrument, min_n: int = 5, alpha: pd.DataFrame | None = None
) -> pd.DataFrame:
    """`domain_scores` (any `by`) as shown: group columns, Domain, Score (0–100), Tier, % favourable,
    Responses, and with `alpha` (a `cronbach_alpha` table) each domain's reliability, "low" below 0.70."""
    by = _cells.by_columns(scores, _DOMAIN_KNOWN)
    reason = _cells.reasons(scores, min_n)
    columns = _cells.attribute_columns(scores, by) | {
        "Domain": _cells.domain_names(instrument, scores["domain"]),
        "Score (0–100)": _values(scores["score"], reason),
        "Tier": ["" if why else str(t) for t, why in zip(scores["tier"], reason, strict=True)],
        "% favourable": _values(scores["pct_favorable"], reason),
        "Responses": _counts(scores["n"], reason),
    }
    if alpha is not None:
        columns["Reliability (alpha)"] = scores["domain"].map(_alpha_texts(alpha)).fillna("")
    return pd.DataFrame({k: list(v) for k, v in columns.items()})


def _alpha_texts(alpha: pd.DataFrame) -> dict[str, str]:
    """Each domain's alpha to two decimals, with "low" when below 0.70; blank when it has none."""
    low = set(unreliable_domains(alpha))
    return {
        domain: "" if value != value else f"{value:.2f}" + (" (low)" if domain in low else "")
        for domain, value in zip(alpha["domain"], alpha["alpha"], strict=True)
    }


def heatmap_table(
    scores: pd.DataFrame, instrument: Instrument, min_n: int = 5, alpha: pd.DataFrame | None = None
) -> pd.DataFrame:
    """`domain_scores` with one or more `by` columns as a grid: one row per group, one column per domain
    (instrument order), each cell the score as shown or its reason; with `alpha` (a `cronbach_alpha` table),
    a last row of each domain's reliability over the whole wave, "low" below 0.70."""
    by = _cells.by_columns(scores, _DOMAIN_KNOWN)
    reason = _cells.reasons(scores, min_n)
    long = pd.DataFrame(
        {
            "group": _cells.group_label(scores, by).to_numpy(),
            "domain": _cells.domain_names(instrument, scores["domain"]).to_numpy(),
            "value": _values(scores["score"], reason),
        }
    )
    groups = list(dict.fromkeys(long["group"]))
    codes = [c for c in instrument.domain_codes if c in set(scores["domain"])]
    names = [instrument.domain_name(c) for c in codes]
    grid = long.pivot(index="group", columns="domain", values="value").reindex(index=groups, columns=names)
    grid = grid.fillna("").reset_index()
    grid.columns.name = None
    if alpha is not None:
        texts = _alpha_texts(alpha)
        reliability = {"group": ALPHA_ROW} | {
            name: texts.get(code, "") for code, name in zip(codes, names, strict=True)
        }
        grid = pd.concat([grid, pd.DataFrame([reliability])], ignore_index=True)
    title = " · ".join(_cells.ATTRIBUTE_TITLES.get(c, c) for c in by) or "Group"
    return grid.rename(columns={"group": title})


def item_table(stats: pd.DataFrame, instrument: Instrument, min_n: int = 5) -> pd.DataFrame:
    """`item_stats` as shown: Item (its text), Responses, Mean (on the answer scale), % favourable,
    % neutral, % unfavourable, Don't know."""
    by = _cells.by_columns(stats, ("item", "domain", "n"))
    reason = _cells.reasons(stats, min_n)
    scale = instrument.scale
    columns = _cells.attribute_columns(stats, by) | {
        "Item": _cells.item_texts(instrument, stats["item"]),
        "Responses": _counts(stats["n"], reason),
        f"Mean ({scale.lo}–{scale.hi})": _values(stats["mean"], reason),
        "% favourable": _values(stats["pct_favorable"], reason),
    }
    if scale.neutral is not None:
        columns["% neutral"] = _values(stats["pct_neutral"], reason)
    columns["% unfavourable"] = _values(stats["pct_unfavorable"], reason)
    columns["Don't know"] = _counts(stats["n_missing"], reason)
    return pd.DataFrame({k: list(v) for k, v in columns.items()})


def gap_table(gaps: pd.DataFrame, instrument: Instrument, min_n: int = 5) -> pd.DataFrame:
    """`perception_gap` as shown: Domain, Leaders, Staff, Gap, 95 % interval, Reading, and both sides'
    respondent counts (blank when suppressed)."""
    by = _cells.by_columns(gaps, ("domain", "leaders_n"))
    reason = _cells.reasons(gaps, min_n)
    labels = gaps["label"].fillna("").astype(str)
    interval = [
        why if why else f"{_cells.number(lo, True)} to {_cells.number(hi, True)}"
        for lo, hi, why in zip(gaps["gap_low"], gaps["gap_high"], reason, strict=True)
    ]
    columns = _cells.attribute_columns(gaps, by) | {
        "Domain": _cells.domain_names(instrument, gaps["domain"]),
        "Leaders (0–100)": _values(gaps["leaders_score"], reason),
        "Staff (0–100)": _values(gaps["staff_score"], reason),
        "Gap (leaders minus staff)": [
            why if why else gap_text(g, "") for g, why in zip(gaps["gap"], reason, strict=True)
        ],
        "95 % interval": interval,
        "Reading": ["" if why else lab for lab, why in zip(labels, reason, strict=True)],
        "Leaders responding": _counts(gaps["leaders_n"], reason),
        "Staff responding": _counts(gaps["staff_n"], reason),
    }
    return pd.DataFrame({k: list(v) for k, v in columns.items()})


def gap_sentences(gaps: pd.DataFrame, instrument: Instrument) -> list[str]:
    """One plain sentence for each shown domain whose gap is labelled notable or large, in instrument order."""
    sentences = []
    shown_rows = gaps[~_cells.hidden(gaps) & gaps["label"].fillna("").astype(str).ne("")]
    for row in shown_rows.itertuples(index=False):
        size = _cells.number(abs(row.gap))
        name = instrument.domain_name(row.domain)
        if row.gap > 0:
            text = f"Leaders rate {name} {size} points higher than staff do"
        else:
            text = f"Staff rate {name} {size} points higher than leaders do"
        sentences.append(f"{text} (a {row.label} gap).")
    return sentences
