"""Key findings in plain sentences, by explicit rules over the indicator tables (no language model).

Why: a board member reads the first slide and nothing else. Each sentence states a number the pack shows
elsewhere (its `source` names the table and row), and a rule only ever reads shown cells, so no finding can
speak about a group the screen hides.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

import views
from charts import number
from metrics import Instrument
from metrics.summary import strongest_and_weakest
from metrics.trends import biggest_changes

STORY = 5  # sentences Overview opens with; the rest wait under "More findings"
MAX_CAUTIONS = 3
MAX_ATTENTION = 3
ATTENTION_DOMAINS = 3  # domains in the Priority tier that make a unit (or agency) worth naming


@dataclass(frozen=True)
class Finding:
    """One sentence and where its number comes from ("domains: COM", "change: COM", ...)."""

    text: str
    source: str


def _shown(table: pd.DataFrame | None) -> pd.DataFrame:
    if table is None or table.empty:
        return pd.DataFrame()
    return table[~table["suppressed"].astype(bool)]


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
) -> list[Finding]:
    """The findings of one group, in reading order: the index, the strongest and weakest domains, real changes,
    the largest leader-staff gap, domains in the lowest tier, the units (or agencies) of `groups` (a
    `domain_scores` breakdown) that need attention, and response-rate caveats. A rule whose numbers are hidden
    says nothing."""
    name = instrument.domain_name
    found: list[Finding] = []
    shown_index = _shown(index)
    if not shown_index.empty:
        row = shown_index.iloc[0]
        found.append(
            Finding(
                f"The effectiveness index is {number(row['index'])} out of 100, in the {row['tier']} tier.", "index"
            )
        )
    scores = _shown(domains).set_index("domain") if not _shown(domains).empty else pd.DataFrame()
    strongest, weakest = strongest_and_weakest(domains, k=2)
    if strongest:
        listed = " and ".join(f"{name(c)} ({number(scores.at[c, 'score'])})" for c in strongest)
        found.append(Finding(f"Strongest domains: {listed}.", "domains: " + ", ".join(strongest)))
    if weakest:
        listed = " and ".join(f"{name(c)} ({number(scores.at[c, 'score'])})" for c in weakest)
        found.append(Finding(f"Domains to work on: {listed}.", "domains: " + ", ".join(weakest)))
    if change is not None:
        gains, declines = biggest_changes(change, k=3)
        rows = change.set_index("domain")
        for code, verb in [*((c, "rose") for c in gains), *((c, "fell") for c in declines)]:
            r = rows.loc[code]
            found.append(
                Finding(
                    f"{name(code)} {verb} {number(abs(r['change']))} points, from {number(r['score_from'])} to "
                    f"{number(r['score_to'])}: a real change.",
                    f"change: {code}",
                )
            )
    labelled = _shown(gaps)
    if not labelled.empty:
        labelled = labelled[labelled["label"].fillna("").astype(str) != ""]
    if not labelled.empty:
        top = labelled.loc[labelled["gap"].abs().idxmax()]
        side = "higher" if top["gap"] > 0 else "lower"
        found.append(
            Finding(
                f"Leaders rate {name(top['domain'])} {number(abs(top['gap']))} points {side} than staff do "
                f"(a {top['label']} gap).",
                f"gaps: {top['domain']}",
            )
        )
    if not scores.empty:
        priority = [c for c in scores.index if scores.at[c, "tier"] == "Priority"]
        if priority:
            listed = ", ".join(name(c) for c in priority)
            found.append(Finding(f"In the Priority tier (below {instrument.tiers.emerging:g}): {listed}.", "domains"))
    found += _needing_attention(groups)
    caution = _shown(rates)
    if not caution.empty:
        caution = caution[caution["caution"].astype(bool)]
        group_columns = [c for c in ("agency", "unit") if c in caution.columns]
        for _, r in caution.head(MAX_CAUTIONS).iterrows():
            group = ", ".join(str(r[c]) for c in reversed(group_columns))
            found.append(
                Finding(
                    f"Only {number(r['rate'])} % of those invited answered in {group}: interpret with caution.",
                    f"rates: {group}",
                )
            )
    return found


def view_findings(view: views.View, compare_wave: str | None = None) -> list[Finding]:
    """`key_findings` of one shown view, with its change since `compare_wave` (when that wave shows the view too),
    its units (or, for everyone, its agencies) and, unless a role level is chosen (a roster counts everyone
    invited), its response rates: what the board pack and Overview both say."""
    f = view.filters
    roster = view.survey.roster
    rates = None
    if roster is not None and not roster.empty and f.role is None:
        rates = view.rates(("agency", "unit") if f.agency else ("agency",))
    groups = view.breakdown("domain_scores", ("unit",) if f.agency else ("agency",)) if f.unit is None else None
    return key_findings(
        index=view.index,
        domains=view.domains,
        stats=view.item_stats,
        gaps=view.gaps,
        change=view.change_since(compare_wave),
        rates=rates,
        instrument=view.instrument,
        groups=groups,
    )


def story(view: views.View) -> list[Finding]:
    """Overview's story: the view's findings since the wave before it, without the index's sentence (its figure
    stands just beneath, with its change)."""
    return [finding for finding in view_findings(view, view.previous_wave) if finding.source != "index"]


def _needing_attention(groups: pd.DataFrame | None) -> list[Finding]:
    """Up to MAX_ATTENTION groups with at least ATTENTION_DOMAINS shown domain scores in the Priority tier, most
    such domains first (ties in the table's order)."""
    shown = _shown(groups)
    if shown.empty:
        return []
    by = [c for c in ("agency", "unit") if c in shown.columns]
    priority = shown[shown["tier"] == "Priority"].groupby(by, sort=False).size()
    priority = priority[priority >= ATTENTION_DOMAINS].sort_values(ascending=False, kind="stable")
    found = []
    for key, count in priority.head(MAX_ATTENTION).items():
        name = ", ".join(reversed(key)) if isinstance(key, tuple) else str(key)
        found.append(
            Finding(f"{name} needs attention: {count} domains are in the Priority tier there.", f"units: {name}")
        )
    return found
