"""Item statistics, domain scores and the effectiveness index (indicators §3.2-3.6), with §7 applied.

All scores and percentages are on 0-100; an item's mean is on the answer scale after reverse coding.
Blanks are missing answers: they count in `n_missing`, never in a percentage or a mean.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from metrics.instrument import Instrument
from metrics.policy import SHOWN_SHARE
from metrics.responses import (
    Groups,
    Prepared,
    domain_sums,
    group_means,
    prepare,
    respondent_domain_scores,
)
from metrics.rounding import tier
from metrics.suppression import DEFAULT_MIN_N, check_min_n, suppressed_cells, suppressed_groups


@dataclass(frozen=True)
class DomainTable:
    """Groups x domains arrays of one `domain_scores` call, every step of §7 applied (`hidden`)."""

    groups: Groups
    score: np.ndarray
    n: np.ndarray
    pct_favorable: np.ndarray
    hidden: np.ndarray
    group_hidden: np.ndarray


def long_frame(groups: Groups, measure: str, codes: list[str], columns: dict[str, np.ndarray]) -> pd.DataFrame:
    """One row per group x measure (groups in sort order, measures in instrument order)."""
    repeat = len(codes)
    frame = {by: np.repeat(groups.keys[by].to_numpy(dtype=object), repeat) for by in groups.by}
    frame[measure] = np.tile(np.array(codes, dtype=object), groups.count)
    for name, values in columns.items():
        frame[name] = np.asarray(values).reshape(-1)
    return pd.DataFrame(frame)


def group_frame(groups: Groups, columns: dict[str, np.ndarray]) -> pd.DataFrame:
    """One row per group, in sort order."""
    frame = {by: groups.keys[by].to_numpy(dtype=object) for by in groups.by}
    frame.update(columns)
    return pd.DataFrame(frame, index=range(groups.count))


def point_counts(prepared: Prepared) -> np.ndarray:
    """Groups x items x scale points: how many of each group's valid answers chose each point."""
    scale = prepared.instrument.scale
    groups, answers = prepared.groups, prepared.answers
    size = scale.size
    counts = np.zeros((groups.count, answers.shape[1], size), dtype=np.int64)
    for j in range(answers.shape[1]):
        present = ~np.isnan(answers[:, j])
        index = groups.codes[present] * size + (answers[present, j].astype(np.int64) - scale.lo)
        counts[:, j, :] = np.bincount(index, minlength=groups.count * size).reshape(groups.count, size)
    return counts


def domain_table(prepared: Prepared, min_n: int) -> DomainTable:
    """Group domain scores (mean of respondent scores), pooled % favourable, and §7.1, 7.2a, 7.2c."""
    instrument, groups = prepared.instrument, prepared.groups
    answered, totals, favorable = domain_sums(prepared)
    respondent = respondent_domain_scores(prepared, answered, totals)
    shape = (groups.count, len(instrument.domains))
    score, n, pct = np.full(shape, np.nan), np.zeros(shape, dtype=np.int64), np.full(shape, np.nan)
    for d in range(shape[1]):
        score[:, d], n[:, d] = group_means(groups.codes, respondent[:, d], groups.count)
        valid = np.bincount(groups.codes, weights=answered[:, d], minlength=groups.count)
        liked = np.bincount(groups.codes, weights=favorable[:, d], minlength=groups.count)
        np.divide(liked * 100.0, valid, out=pct[:, d], where=valid > 0)
    group_hidden = suppressed_groups(groups, min_n)
    hidden = suppressed_cells(groups, group_hidden[:, None] | (n < min_n), n, min_n)
    return DomainTable(groups, score, n, pct, hidden, group_hidden)


def domain_scores(
    responses: pd.DataFrame,
    instrument: Instrument,
    by: str | Sequence[str] = (),
    min_n: int = DEFAULT_MIN_N,
    *,
    hide_groups: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per group x domain: `n` respondents with a domain score, `score` 0-100 (mean of respondent
    scores), `pct_favorable` 0-100 pooled over every answer to the domain's items, `tier`, `suppressed`.
    A respondent is scored on a domain after answering at least half its items (and at least 2)."""
    check_min_n(min_n)
    table = domain_table(prepare(responses, instrument, by, hide_groups=hide_groups), min_n)
    return domain_frame(table, instrument)


def domain_frame(table: DomainTable, instrument: Instrument) -> pd.DataFrame:
    score = np.where(table.hidden, np.nan, table.score)
    tiers = tier(score, instrument.tiers)
    return long_frame(
        table.groups,
        "domain",
        instrument.domain_codes,
        {
            "n": table.n,
            "score": score,
            "pct_favorable": np.where(table.hidden, np.nan, table.pct_favorable),
            "tier": tiers,
            "suppressed": table.hidden,
        },
    )


def item_table(prepared: Prepared, min_n: int) -> tuple[np.ndarray, np.ndarray]:
    """Per group x item x point counts, and which group x item cells §7 hides (7.1, a, b, c)."""
    counts = point_counts(prepared)
    domains = domain_table(prepared, min_n)
    n = counts.sum(axis=2)
    domain_of_item = [prepared.instrument.domain_codes.index(i.domain) for i in prepared.instrument.items]
    hidden = domains.group_hidden[:, None] | (n < min_n) | domains.hidden[:, domain_of_item]
    return counts, suppressed_cells(prepared.groups, hidden, n, min_n)


def item_stats(
    responses: pd.DataFrame,
    instrument: Instrument,
    by: str | Sequence[str] = (),
    min_n: int = DEFAULT_MIN_N,
    *,
    hide_groups: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per group x item: `n` valid answers, `n_missing` blanks (don't know or skipped), `mean` on the
    answer scale after reverse coding, and the shares (0-100 of valid answers) favourable, neutral (midpoint
    of an odd scale; 0 on an even scale) and unfavourable."""
    check_min_n(min_n)
    prepared = prepare(responses, instrument, by, hide_groups=hide_groups)
    counts, hidden = item_table(prepared, min_n)
    scale = instrument.scale
    points = np.array(scale.points)
    n = counts.sum(axis=2)
    favorable = counts[:, :, np.isin(points, scale.favorable)].sum(axis=2)
    neutral = counts[:, :, points == scale.neutral].sum(axis=2)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (counts * points).sum(axis=2) / n
        shares = {
            "pct_favorable": favorable * 100.0 / n,
            "pct_neutral": neutral * 100.0 / n,
            "pct_unfavorable": (n - favorable - neutral) * 100.0 / n,
        }
    columns = {"domain": np.tile([i.domain for i in instrument.items], prepared.groups.count)}
    columns |= {"n": n, "n_missing": prepared.groups.rows[:, None] - n, "mean": np.where(hidden, np.nan, mean)}
    columns |= {name: np.where(hidden, np.nan, values) for name, values in shares.items()}
    columns["suppressed"] = hidden
    return long_frame(prepared.groups, "item", instrument.item_codes, columns)


def item_distribution(
    responses: pd.DataFrame,
    instrument: Instrument,
    by: str | Sequence[str] = (),
    min_n: int = DEFAULT_MIN_N,
    *,
    hide_groups: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per group x item x scale point (every point, chosen or not): its label (the item's domain's own
    `labels` when it has them, else the scale's), `count` and `pct` (0-100 of the item's valid answers),
    suppressed exactly when the item is in `item_stats`."""
    check_min_n(min_n)
    prepared = prepare(responses, instrument, by, hide_groups=hide_groups)
    counts, hidden = item_table(prepared, min_n)
    scale, groups = instrument.scale, prepared.groups
    n = counts.sum(axis=2, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        pct = counts * 100.0 / n
    hidden_points = np.repeat(hidden[:, :, None], scale.size, axis=2)
    per_cell = len(instrument.items) * scale.size
    frame = {by: np.repeat(groups.keys[by].to_numpy(dtype=object), per_cell) for by in groups.by}
    frame["item"] = np.tile(np.repeat(instrument.item_codes, scale.size), groups.count)
    frame["domain"] = np.tile(np.repeat([i.domain for i in instrument.items], scale.size), groups.count)
    frame["point"] = np.tile(np.array(scale.points, dtype=np.int64), groups.count * len(instrument.items))
    own = {domain.code: domain.labels for domain in instrument.domains if domain.labels}
    labels = [label for item in instrument.items for label in own.get(item.domain, scale.labels)]
    frame["label"] = np.tile(np.array(labels, dtype=object), groups.count)
    frame["count"] = np.where(hidden_points, np.nan, counts).reshape(-1)
    frame["pct"] = np.where(hidden_points, np.nan, pct).reshape(-1)
    frame["suppressed"] = hidden_points.reshape(-1)
    return pd.DataFrame(frame)


def shown_mean(values: np.ndarray, hidden: np.ndarray, needed_share: tuple[int, int] | None) -> tuple:
    """Mean over each row's shown values; with `needed_share` (num, den) only where shown x den >= total x num.
    Returns (mean, how many shown, whether reported)."""
    shown_count = (~hidden).sum(axis=1)
    total = np.where(hidden, 0.0, values).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = total / shown_count
    if needed_share is None:
        reported = shown_count == values.shape[1]
    else:
        num, den = needed_share
        reported = (shown_count > 0) & (den * shown_count >= num * values.shape[1])
    return mean, shown_count, reported


def effectiveness_index(
    responses: pd.DataFrame,
    instrument: Instrument,
    by: str | Sequence[str] = (),
    min_n: int = DEFAULT_MIN_N,
    *,
    hide_groups: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per group: `index` 0-100 = mean of the domain scores shown after §7, reported only when at
    least 80 % of the domains are shown; `domains` = how many it rests on; `n` = the group's rows."""
    check_min_n(min_n)
    prepared = prepare(responses, instrument, by, hide_groups=hide_groups)
    table = domain_table(prepared, min_n)
    index, shown_count, reported = shown_mean(table.score, table.hidden, SHOWN_SHARE)
    hidden = table.group_hidden | ~reported
    index = np.where(hidden, np.nan, index)
    return group_frame(
        prepared.groups,
        {
            "n": prepared.groups.rows,
            "domains": shown_count,
            "index": index,
            "tier": tier(index, instrument.tiers),
            "suppressed": hidden,
        },
    )
