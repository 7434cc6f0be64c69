"""Key findings in plain sentences, by explicit rules over the indicator tables (no language model).

Why: a board member reads the first slide and nothing else, so the findings come ranked by what a board needs
(`KINDS`): the index and its change, real domain changes, the largest notable leader-staff gaps, the domains and
groups needing attention (named), one response-rate line, then the strongest and weakest domains. Each sentence
states a number the pack shows elsewhere (its `source` names the table and row), a domain whose questions do not
hang together carries its caution wherever it is named, and a rule only ever reads shown cells, so no finding can
speak about a group the screen hides.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

import views
from charts import number
from metrics import Instrument
from metrics.policy import DEFAULT_CAUTION
from metrics.summary import strongest_and_weakest, unreliable_domains
from metrics.trends import biggest_changes

STORY = 5  # sentences Overview opens with; the rest wait under "More findings"
MAX_CHANGES = 3
MAX_GAPS = 2
MAX_ATTENTION = 3
ATTENTION_DOMAINS = 3  # domains in the Priority tier that make a unit (or agency) worth naming
KINDS = ("index", "change", "gap", "priority", "attention", "rates", "strongest", "weakest")  # by importance
CARE = "read with care: its questions do not hang together"  # §3.7, beside a domain with alpha below 0.70


@dataclass(frozen=True)
class Finding:
    """One sentence, where its number comes from ("domains: COM", "change: COM", ...) and its kind (`KINDS`)."""

    text: str
    source: str
    kind: str = ""

    @property
    def rank(self) -> int:
        """Its place in `KINDS`: findings read in this order (an unknown kind last)."""
        return KINDS.index(self.kind) if self.kind in KINDS else len(KINDS)


def _shown(table: pd.DataFrame | None) -> pd.DataFrame:
    if table is None or table.empty:
        return pd.DataFrame()
    return table[~table["suppressed"].astype(bool)]


def _joined(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _where(row: pd.Series, by: list[str]) -> str:
    """A group named as a reader knows it: its unit, then its agency."""
    return ", ".join(str(row[c]) for c in reversed(by))


def key_findings(
    *,
    index: pd.DataFrame,
    domains: pd.DataFrame,
    stats: pd.DataFrame,
    gaps: pd.DataFrame,
    change: pd.DataFrame | None,
    rates: pd.DataFrame | None,
    instrument: Instrument,
    groups: pd.DataFrame | None = None,
    index_change: pd.DataFrame | None = None,
    since: str | None = None,
    group_gaps: pd.DataFrame | None = None,
    alpha: pd.DataFrame | None = None,
    caution: float = DEFAULT_CAUTION,
) -> list[Finding]:
    """The findings of one group, most important first (`KINDS`): the index with its `index_change` since `since`,
    real domain changes (largest first), the largest labelled leader-staff gaps of the group and of its units
    (`group_gaps`, a `perception_gap` breakdown), the domains in the Priority tier, the units (or agencies) of
    `groups` (a `domain_scores` breakdown) with several of them, one line naming every group whose response rate
    is below `caution`, then the strongest and weakest domains. A domain whose `alpha` is below 0.70 carries
    `CARE` wherever it is named. A rule whose numbers are hidden says nothing."""
    unreliable = set(unreliable_domains(alpha)) if alpha is not None and not alpha.empty else set()

    def name(code: str, score: float | None = None) -> str:
        notes = [number(score)] if score is not None else []
        notes += [CARE] if code in unreliable else []
        return instrument.domain_name(code) + (f" ({'; '.join(notes)})" if notes else "")

    scores = _shown(domains).set_index("domain") if not _shown(domains).empty else pd.DataFrame()
    priority = [c for c in scores.index if scores.at[c, "tier"] == "Priority"] if not scores.empty else []
    found = _index(index, index_change, since)
    found += _changes(change, name)
    found += _gaps(gaps, group_gaps, name)
    if priority:
        listed = _joined([name(c) for c in priority])
        found.append(
            Finding(f"In the Priority tier (below {instrument.tiers.emerging:g}): {listed}.", "domains", "priority")
        )
    found += _needing_attention(groups, name)
    found += _rates(rates, caution)
    strongest, weakest = strongest_and_weakest(domains, k=2)
    if strongest:
        listed = " and ".join(name(c, scores.at[c, "score"]) for c in strongest)
        found.append(Finding(f"Strongest domains: {listed}.", "domains: " + ", ".join(strongest), "strongest"))
    weakest = [c for c in weakest if c not in priority]  # a Priority domain is named once, above
    if weakest:
        listed = " and ".join(name(c, scores.at[c, "score"]) for c in weakest)
        found.append(Finding(f"Domains to work on: {listed}.", "domains: " + ", ".join(weakest), "weakest"))
    return sorted(found, key=lambda finding: finding.rank)


def _index(index: pd.DataFrame, change: pd.DataFrame | None, since: str | None) -> list[Finding]:
    """The index and its tier, with its change since `since` and whether that change is real (§5)."""
    shown = _shown(index)
    if shown.empty:
        return []
    row = shown.iloc[0]
    text = f"The effectiveness index is {number(row['index'])} out of 100, in the {row['tier']} tier"
    moved = _shown(change)
    if since and not moved.empty:
        step = moved.iloc[0]
        size = number(abs(step["change"]))
        way = "unchanged" if size == "0.0" else f"{'up' if step['change'] > 0 else 'down'} {size} points"
        text += f": {way} since {since}, {'a real change' if step['meaningful'] else 'no clear change'}"
    return [Finding(text + ".", "index", "index")]


def _changes(change: pd.DataFrame | None, name) -> list[Finding]:
    """Up to MAX_CHANGES real domain changes (§5), the largest as shown first, gains before declines on a tie."""
    if change is None or change.empty:
        return []
    gains, declines = biggest_changes(change, k=MAX_CHANGES)
    rows = change.set_index("domain")
    ranked = sorted(
        [*((c, "rose") for c in gains), *((c, "fell") for c in declines)],
        key=lambda pair: -abs(float(number(rows.at[pair[0], "change"]))),
    )
    return [
        Finding(
            f"{name(code)} {verb} {number(abs(rows.at[code, 'change']))} points, from "
            f"{number(rows.at[code, 'score_from'])} to {number(rows.at[code, 'score_to'])}: a real change.",
            f"change: {code}",
            "change",
        )
        for code, verb in ranked[:MAX_CHANGES]
    ]


def _gaps(gaps: pd.DataFrame, group_gaps: pd.DataFrame | None, name) -> list[Finding]:
    """Up to MAX_GAPS shown leader-staff gaps labelled notable or large (§4.1), of the whole group and of its
    units, the largest as shown first."""
    candidates = []
    for table in (gaps, group_gaps):
        shown = _shown(table)
        if shown.empty:
            continue
        shown = shown[shown["label"].fillna("").astype(str) != ""]
        by = [c for c in ("agency", "unit") if c in shown.columns]
        for _, row in shown.iterrows():
            candidates.append((abs(float(number(row["gap"]))), len(candidates), row, by))
    found = []
    for _, _, row, by in sorted(candidates, key=lambda c: (-c[0], c[1]))[:MAX_GAPS]:
        side = "higher" if row["gap"] > 0 else "lower"
        sentence = (
            f"leaders rate {name(row['domain'])} {number(abs(row['gap']))} points {side} than staff do "
            f"(a {row['label']} gap)."
        )
        where = _where(row, by)
        text = f"In {where}, {sentence}" if where else sentence[0].upper() + sentence[1:]
        found.append(Finding(text, f"gaps: {row['domain']}" + (f" in {where}" if where else ""), "gap"))
    return found


def _needing_attention(groups: pd.DataFrame | None, name) -> list[Finding]:
    """Up to MAX_ATTENTION groups with at least ATTENTION_DOMAINS shown domain scores in the Priority tier, named
    with those domains, most such domains first (ties in the table's order)."""
    shown = _shown(groups)
    if shown.empty:
        return []
    by = [c for c in ("agency", "unit") if c in shown.columns]
    low = shown[shown["tier"] == "Priority"]
    count = low.groupby(by, sort=False).size()
    count = count[count >= ATTENTION_DOMAINS].sort_values(ascending=False, kind="stable")
    found = []
    for key in count.head(MAX_ATTENTION).index:
        key = key if isinstance(key, tuple) else (key,)
        mine = low[(low[by] == pd.Series(key, index=by)).all(axis=1)]
        where = ", ".join(str(k) for k in reversed(key))
        listed = _joined([name(c) for c in mine["domain"]])
        found.append(
            Finding(
                f"{where} needs attention: {listed} are in the Priority tier there.", f"units: {where}", "attention"
            )
        )
    return found


def _rates(rates: pd.DataFrame | None, caution: float) -> list[Finding]:
    """One line naming every shown group whose response rate is below the caution line (§6), lowest first."""
    low = _shown(rates)
    if low.empty:
        return []
    low = low[low["caution"].astype(bool)].sort_values("rate", kind="stable")
    if low.empty:
        return []
    by = [c for c in ("agency", "unit") if c in low.columns]
    listed = _joined([f"{_where(row, by)} ({number(row['rate'])} %)" for _, row in low.iterrows()])
    line = "half" if caution == 50 else f"{caution:g} %"
    return [
        Finding(
            f"Fewer than {line} of those invited answered in {listed}: interpret with caution.",
            "rates: " + "; ".join(_where(row, by) for _, row in low.iterrows()),
            "rates",
        )
    ]


def view_findings(view: views.View, compare_wave: str | None = None) -> list[Finding]:
    """`key_findings` of one shown view, with its change since `compare_wave` (when that wave shows the view too),
    its units' gaps and its units (or, for everyone, its agencies) needing attention, both as the breakdowns show
    them, and, unless a role level is chosen (a roster counts everyone invited), its response rates: what the
    board pack and Overview both say."""
    f = view.filters
    roster = view.survey.roster
    rates = None
    if roster is not None and not roster.empty and f.role is None:
        rates = view.rates(("agency", "unit") if f.agency else ("agency",))
    several = f.unit is None
    groups = view.breakdown("domain_scores", ("unit",) if f.agency else ("agency",)) if several else None
    group_gaps = view.breakdown("perception_gap", view.unit_by) if several and f.role is None else None
    change = view.change_since(compare_wave)
    index_change = None
    if change is not None:
        index_change = view.survey.index_change(f.agency, f.unit, f.role, compare_wave, f.wave)
    return key_findings(
        index=view.index,
        domains=view.domains,
        stats=view.item_stats,
        gaps=view.gaps,
        change=change,
        rates=rates,
        instrument=view.instrument,
        groups=groups,
        index_change=index_change,
        since=compare_wave,
        group_gaps=group_gaps,
        alpha=view.alpha,
        caution=view.survey.settings.caution,
    )


def story(view: views.View) -> list[Finding]:
    """Overview's story: the view's findings since the wave before it, without the index's sentence (its figure
    stands just beneath, with its change)."""
    return [finding for finding in view_findings(view, view.previous_wave) if finding.kind != "index"]
