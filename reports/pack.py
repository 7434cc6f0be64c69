"""The board pack's content, built once from the indicator tables, then written as slides, a PDF or a workbook.

Why: the three files must say the same thing, and say nothing the screen hides. So every number a file shows
comes from here, already passed through the suppression of `metrics` and turned into display text by `charts`
(a hidden cell is its reason, never a number), and every chart is the same Altair spec the pages draw. The file
writers (`reports.slides`, `reports.handout`, `reports.workbook`) only lay out what a `Pack` holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import altair as alt
import pandas as pd

import charts
import metrics
from charts.items import favourable_chart
from charts.rates import rate_chart, rate_table
from charts.trends import change_chart, change_table
from metrics.rates import response_rates
from metrics.summary import highest_and_lowest_items
from metrics.trends import domain_trend
from reports.findings import Finding, key_findings

CAUTION = 50.0  # indicators §6, unless the agency sets another line
REFUSED = {
    metrics.EMPTY: "nobody in it answered in this wave.",
    metrics.TOO_SMALL: "fewer than {min_n} people in it answered in this wave.",
    metrics.PROTECTS_SMALL_GROUP: "beside the wider group it would reveal the answers of fewer than {min_n} people.",
}


@dataclass(frozen=True)
class Section:
    """One slide / PDF section / workbook sheet: a title, one sentence on what it shows, an optional chart, the
    numbers behind it as display text, and the lines a presenter reads (speaker notes)."""

    key: str
    title: str
    lead: str
    table: pd.DataFrame
    chart: alt.TopLevelMixin | None = None
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Pack:
    """Everything a board pack holds, for one wave and scope."""

    title: str
    subtitle: str
    scope: str
    wave: str
    compare_wave: str | None
    findings: list[Finding]
    sections: list[Section]
    definitions: pd.DataFrame  # Term, Meaning: the notes sheet / methods slide


def scope_name(agency: str | None, unit: str | None) -> str:
    if unit and agency:
        return f"{unit}, {agency}"
    return unit or agency or "All agencies"


def build_pack(
    responses: pd.DataFrame,
    roster: pd.DataFrame | None,
    instrument: metrics.Instrument,
    wave: str,
    compare_wave: str | None = None,
    agency: str | None = None,
    unit: str | None = None,
    min_n: int = metrics.DEFAULT_MIN_N,
    caution: float = CAUTION,
) -> Pack:
    """The pack of one wave (and, optionally, its change since `compare_wave`) for everyone, one agency or one
    unit. Raises ValueError with the page's sentence when the confidentiality rules refuse the scope."""
    refusal = metrics.view_refusal(responses, wave, agency, unit, None, min_n)
    if refusal:
        raise ValueError(f"This scope cannot be reported: {REFUSED[refusal].format(min_n=min_n)}")
    rows = metrics.scope_rows(responses, wave, agency, unit)
    index = metrics.effectiveness_index(rows, instrument, min_n=min_n)
    domains = metrics.domain_scores(rows, instrument, min_n=min_n)
    stats = metrics.item_stats(rows, instrument, min_n=min_n)
    distribution = metrics.item_distribution(rows, instrument, min_n=min_n)
    gaps = metrics.perception_gap(rows, instrument, min_n=min_n)
    alpha = metrics.cronbach_alpha(metrics.scope_rows(responses, wave), instrument)

    sections = [
        _domains_section(domains, index, instrument, alpha, min_n),
    ]
    change = trend = units = None
    if compare_wave and compare_wave != wave:
        if not metrics.view_refusal(responses, compare_wave, agency, unit, None, min_n):
            both = metrics.scope_rows(responses, agency=agency, unit=unit)
            both = both[both["wave"].astype(str).isin([compare_wave, wave])]
            change = metrics.domain_change(both, instrument, compare_wave, wave, min_n=min_n)
            trend = domain_trend(both, instrument, min_n=min_n)
            sections.append(_change_section(change, trend, instrument, compare_wave, wave, min_n))
    if unit is None:  # one row per unit of the agency; for everyone, one per agency, so a slide stays readable
        by = ("unit",) if agency else ("agency",)
        units = metrics.domain_scores(rows, instrument, by=by, min_n=min_n)
        sections.append(_units_section(units, instrument, min_n, "Units" if agency else "Agencies"))
    sections.append(_gaps_section(gaps, instrument, min_n))
    sections.append(_items_section(stats, distribution, instrument, min_n))
    rates = None
    if roster is not None and not roster.empty:
        rates = response_rates(
            metrics.scope_rows(responses, wave, agency, unit),
            _roster_rows(roster, wave, agency, unit),
            by=("agency", "unit") if agency else ("agency",),
            min_n=min_n,
            caution=caution,
        )
        sections.append(_rates_section(rates, caution))
    findings = key_findings(
        index=index,
        domains=domains,
        stats=stats,
        gaps=gaps,
        change=change,
        rates=rates,
        instrument=instrument,
        groups=units,
    )
    scope = scope_name(agency, unit)
    subtitle = f"{scope} · {wave}" + (f" compared with {compare_wave}" if change is not None else "")
    return Pack(
        title="How effective is our office?",
        subtitle=subtitle,
        scope=scope,
        wave=wave,
        compare_wave=compare_wave if change is not None else None,
        findings=findings,
        sections=sections,
        definitions=definitions(instrument, min_n, caution),
    )


def _roster_rows(roster: pd.DataFrame, wave: str, agency: str | None, unit: str | None) -> pd.DataFrame:
    keep = roster["wave"].astype(str) == wave
    for column, value in (("agency", agency), ("unit", unit)):
        if value is not None:
            keep &= roster[column].astype(str) == value
    return roster[keep]


def _domains_section(domains, index, instrument, alpha, min_n) -> Section:
    row = index.iloc[0]
    notes = (
        ["The effectiveness index is not reported: too many domains are hidden to protect small groups."]
        if row["suppressed"]
        else [f"Effectiveness index {charts.number(row['index'])} ({row['tier']}), from {int(row['domains'])} domains."]
    )
    table = charts.domain_score_table(domains, instrument, min_n, alpha)
    notes += [f"{r['Domain']}: {r['Score (0–100)']} {r['Tier']}".strip() for _, r in table.iterrows()]
    return Section(
        "domains",
        "Index and domain scores",
        "Each domain's score from 0 (everyone strongly disagrees) to 100 (everyone strongly agrees), with its tier.",
        table,
        charts.domain_chart(domains, instrument, min_n),
        notes,
    )


def _change_section(change, trend, instrument, wave_from, wave_to, min_n) -> Section:
    table = change_table(change, trend, instrument, wave_from, wave_to, min_n)
    notes = [
        f"{r['Domain']}: {r.get('Change (points)', '')} {r.get('Reading', '')}".strip() for _, r in table.iterrows()
    ]
    return Section(
        "change",
        f"Change since {wave_from}",
        "A change is real only when it is at least 5 points and its 95 % interval leaves out 0.",
        table,
        change_chart(change, trend, instrument, wave_from, wave_to, min_n),
        notes,
    )


def _units_section(units, instrument, min_n, groups: str) -> Section:
    return Section(
        "units",
        f"{groups} side by side",
        f"Every {groups.lower()[:-1]}'s domain scores; a hidden cell reads why it is hidden.",
        charts.heatmap_table(units, instrument, min_n),
        charts.heatmap_chart(units, instrument, min_n),
    )


def _gaps_section(gaps, instrument, min_n) -> Section:
    return Section(
        "gaps",
        "Leaders and staff",
        "Leaders' score minus staff's score per domain; large and notable gaps are named.",
        charts.gap_table(gaps, instrument, min_n),
        charts.gap_chart(gaps, instrument, min_n),
        charts.gap_sentences(gaps, instrument),
    )


def _items_section(stats, distribution, instrument, min_n) -> Section:
    highest, lowest = highest_and_lowest_items(stats, k=5)
    chosen = [*highest, *lowest]
    table = charts.item_table(stats.set_index("item").loc[chosen].reset_index(), instrument, min_n)
    table.insert(0, "List", ["Strength"] * len(highest) + ["Opportunity"] * len(lowest))
    return Section(
        "items",
        "Strengths and opportunities",
        "The five statements answered most favourably, and the five answered least favourably.",
        table,
        favourable_chart(stats, chosen, instrument) if chosen else None,
        [f"{r['List']}: {r['Item']} ({r['% favourable']} % favourable)" for _, r in table.iterrows()],
    )


def _rates_section(rates, caution: float) -> Section:
    return Section(
        "rates",
        "Who answered",
        f"Responses as a share of the people invited; below {caution:g} % read the results with caution.",
        rate_table(rates),
        rate_chart(rates, caution=caution),
    )


def definitions(instrument: metrics.Instrument, min_n: int, caution: float = CAUTION) -> pd.DataFrame:
    """The terms of the pack in plain words (the workbook's notes sheet, the methods slide)."""
    cuts = instrument.tiers
    rows = [
        ("Domain score", "The average answer to a domain's statements, on 0 (all strongly disagree) to 100."),
        (
            "Tier",
            f"Strength {cuts.strength:g} or more; Developing {cuts.developing:g} to {cuts.strength:g}; Emerging "
            f"{cuts.emerging:g} to {cuts.developing:g}; Priority below {cuts.emerging:g}.",
        ),
        ("Effectiveness index", "The average of the domain scores shown, reported when at least 80 % are shown."),
        ("% favourable", "Share of answers that were Agree or Strongly agree; don't-know answers left out."),
        (
            "Leader–staff gap",
            "Leaders' score minus staff's; 'large' from 20 points and 'notable' from 10, when its "
            "95 % interval leaves out 0. People without a role count as staff.",
        ),
        ("Real change", "At least 5 points between two waves with a 95 % interval that leaves out 0."),
        ("Response rate", f"Responses divided by people invited; below {caution:g} % read with caution."),
        ("Reliability (alpha)", "How consistently a domain's statements measure one thing; below 0.70 is low."),
        (
            "Confidentiality",
            f"No group of fewer than {min_n} people is shown, nor any number from which one could be worked out.",
        ),
    ]
    return pd.DataFrame(rows, columns=["Term", "Meaning"])
