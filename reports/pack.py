"""The board pack's content, built once from the indicator tables, then written as slides, a PDF or a workbook.

Why: the three files must say the same thing, and say nothing the screen hides. So every number a file shows
comes from here, already passed through the suppression of `metrics` and turned into display text by `charts`
(a hidden cell is its reason, never a number), and every chart is the same Altair spec the pages draw. The file
writers (`reports.slides`, `reports.handout`, `reports.workbook`) only lay out what a `Pack` holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import altair as alt
import pandas as pd

import charts
import charts.comments as comment_charts
import metrics
import views
from charts.items import favourable_chart
from charts.rates import rate_chart, rate_table, rate_words
from charts.trends import change_chart, change_table
from metrics import policy
from metrics.rates import DEFAULT_CAUTION
from metrics.summary import highest_and_lowest_items
from plans import Plan, judged
from reports.findings import Finding, view_findings

REFUSED = {
    metrics.EMPTY: "nobody in it answered in this wave.",
    metrics.TOO_SMALL: "fewer than {min_n} people in it answered in this wave.",
    metrics.PROTECTS_SMALL_GROUP: "beside the wider group it would reveal the answers of fewer than {min_n} people.",
}
COMMITMENTS = ("Plan", "Focus", "Scope", "Status", "Baseline", "Target", "Actual", "Result")
COMMITMENTS_LEAD = (
    "The action plans for this scope, how far they got and what their measure did; a target counts as met only "
    f"with a meaningful change: at least {policy.MEANINGFUL_CHANGE:g} points and a 95 % interval that leaves out 0."
)
ORGANISATION = "EFFECTIVE_OFFICES_ORGANISATION"  # the environment variable naming the organisation on the cover
PAPER = "EFFECTIVE_OFFICES_PAPER"  # the environment variable choosing the printed paper: "letter" (default) or "a4"
PAPERS = ("letter", "a4")
CONFIDENTIAL = "Confidential — for board use"  # the footer of every page, slide and sheet of the pack
NOT_REPORTABLE = "not reportable"  # metrics.FOLLOW_THROUGH's last status
NO_VALUE = "—"
SHORT_ITEM = 24  # characters of an item's text shown after its code, so the table fits a slide
QUOTE_LENGTH = 240  # characters of a quote on a slide; a longer one is cut at a word and marked "…"


@dataclass(frozen=True)
class Section:
    """One slide / PDF section / workbook sheet: a title, one sentence on what it shows, an optional chart, the
    numbers behind it as display text, the lines a presenter reads (speaker notes), and a headline: the message of
    the section in one sentence, worked out from the shown cells of its table only (so it never names a hidden
    group with a number), for a slide's title."""

    key: str
    title: str
    lead: str
    table: pd.DataFrame
    chart: alt.TopLevelMixin | None = None
    notes: list[str] = field(default_factory=list)
    headline: str = ""


@dataclass(frozen=True)
class Cover:
    """What a reader needs to place the pack before reading it: whose it is, for which group and wave, when it was
    built, how many answered, and the headline with its change. Each file prints it on its cover, as text."""

    organisation: str  # "" when none is set: the scope then leads
    scope: str
    built: str  # the build date as text ("7 December 2026"); "" when none was given
    waves: str  # "2025 Spring", or "2025 Spring, compared with 2024 Spring"
    respondents: str  # "1,901 people answered"
    response_rate: str  # "1,901 of the 2,780 people invited answered (68.4 %)", or why no rate is given
    headline: str  # the index finding's sentence, with its change; "" when the index is hidden

    def lines(self) -> list[tuple[str, str]]:
        """(label, text) of each fact, in the order a cover lists them; empty facts left out."""
        facts = [
            ("Organisation", self.organisation),
            ("Scope", self.scope),
            ("Survey", self.waves),
            ("Respondents", self.respondents),
            ("Response rate", self.response_rate),
            ("Effectiveness index", self.headline),
            ("Built", self.built),
        ]
        return [(label, text) for label, text in facts if text]


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
    instrument: str = ""  # the instrument's name, for the workbook's About sheet
    min_n: int | None = None  # the smallest group shown
    tiers: metrics.Tiers = metrics.Tiers()  # the tier cuts, so a file can colour any score by its tier
    cover: Cover | None = None  # the executive cover; every file prints it first
    paper: str = "letter"  # one of PAPERS: the handout's page size and the workbook's print setup
    built: date | None = None  # the build date (the cover prints it as text; the workbook keeps it as a date)


def tier_key(cuts: metrics.Tiers) -> str:
    """The tiers and their cut points in one sentence: the methods' definition and a coloured table's key."""
    return (
        f"Strength {cuts.strength:g} or more; Developing {cuts.developing:g} to {cuts.strength:g}; Emerging "
        f"{cuts.emerging:g} to {cuts.developing:g}; Priority below {cuts.emerging:g}."
    )


def scope_name(agency: str | None, unit: str | None) -> str:
    if unit and agency:
        return f"{unit}, {agency}"
    return unit or agency or "All agencies"


def build_pack(
    survey: views.Survey,
    wave: str,
    compare_wave: str | None = None,
    agency: str | None = None,
    unit: str | None = None,
    plans: Sequence[Plan] = (),
    quotes: int | None = None,
    seed: int = 1,
    organisation: str = "",
    built: date | None = None,
    paper: str = "letter",
) -> Pack:
    """The pack of one wave (and, optionally, its change since `compare_wave`) for everyone, one agency or one
    unit, from the survey's views (the tables the pages show, with the same settings). Raises ValueError with
    the page's sentence when the confidentiality rules refuse the scope.

    `plans` are the action plans the reader may see; those within the pack's scope (every plan for everyone; an
    agency's plans, of any unit, for an agency; the unit's own for a unit) get a "Commitments and results"
    section, judged on every stored wave by `metrics.follow_through`.

    With `quotes` (0 or more) and the survey's comments, the pack adds "What staff said": the themes of the
    scope's comments and that many quotes drawn with `seed`, only when the scope may show comments
    (docs/comments.md).

    `organisation` and `built` (the build date; core code never reads the clock) go on the cover; `paper` (one of
    PAPERS) sizes the printed files."""
    if paper not in PAPERS:
        raise ValueError(f'The paper size must be {" or ".join(PAPERS)}, not "{paper}".')
    view = survey.view(views.Filters(wave, agency, unit))
    min_n, caution, instrument = survey.settings.min_n, survey.settings.caution, survey.instrument_of(wave)
    if view.refusal:
        raise ValueError(f"This scope cannot be reported: {REFUSED[view.refusal].format(min_n=min_n)}")
    index, domains, stats, gaps = view.index, view.domains, view.item_stats, view.gaps
    sections = [_domains_section(domains, index, instrument, view.alpha, min_n)]
    change = units = None
    if compare_wave and compare_wave != wave and compare_wave in survey.waves:
        if not survey.view(views.Filters(compare_wave, agency, unit)).refusal:
            change = survey.change(agency, unit, None, compare_wave, wave)
            trend = survey.trend(agency, unit, None, sorted([compare_wave, wave]), reference=wave)
            sections.append(_change_section(change, trend, instrument, compare_wave, wave, min_n))
    if unit is None:  # one row per unit of the agency; for everyone, one per agency, so a slide stays readable
        units = view.breakdown("domain_scores", ("unit",) if agency else ("agency",))
        sections.append(_units_section(units, instrument, min_n, "Units" if agency else "Agencies"))
    sections.append(_gaps_section(gaps, instrument, min_n))
    sections.append(_items_section(stats, view.item_distribution, instrument, min_n))
    rates = None
    if survey.roster is not None and not survey.roster.empty:
        rates = view.rates(("agency", "unit") if agency else ("agency",))
        sections.append(_rates_section(rates, caution))
    voices = []
    if quotes is not None and survey.comments is not None:
        voices = _voices_sections(view, quotes, seed)
        sections.extend(voices)
    chosen = [plan for plan in plans if _in_scope(plan, agency, unit)]
    if chosen:
        sections.append(_commitments_section(chosen, survey.responses, instrument, min_n))
    findings = view_findings(view, compare_wave)
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
        definitions=definitions(
            instrument,
            min_n,
            caution,
            with_plans=bool(chosen),
            comment_min_n=survey.settings.comment_min_n if voices else None,
        ),
        instrument=instrument.name,
        min_n=min_n,
        tiers=instrument.tiers,
        cover=_cover(view, organisation, scope, built, subtitle.split(" · ", 1)[1], findings),
        paper=paper,
        built=built,
    )


def _cover(view: views.View, organisation: str, scope: str, built: date | None, waves: str, findings) -> Cover:
    """The cover's facts: counts from the view and its roster row, the headline from the index finding."""
    answered = len(view.rows)
    figure, sentence = rate_words(view.response_rate())
    rate = sentence if figure in ("–", "not shown") else f"{sentence[:-1]} ({figure})."
    headline = next((finding.text for finding in findings if finding.kind == "index"), "")
    return Cover(
        organisation=organisation.strip(),
        scope=scope,
        built=f"{built.day} {built:%B %Y}" if built else "",
        waves=waves,
        respondents=f"{answered:,} people answered.",
        response_rate=rate,
        headline=headline,
    )


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
        _domains_headline(table),
    )


def _change_section(change, trend, instrument, wave_from, wave_to, min_n) -> Section:
    table = change_table(change, trend, instrument, wave_from, wave_to, min_n)
    notes = [
        f"{r['Domain']}: {r.get('Change (points)', '')} {r.get('Reading', '')}".strip() for _, r in table.iterrows()
    ]
    return Section(
        "change",
        f"Change since {wave_from}",
        f"A change is real only when it is at least {policy.MEANINGFUL_CHANGE:g} points and its 95 % interval leaves "
        "out 0.",
        table,
        change_chart(change, trend, instrument, wave_from, wave_to, min_n),
        notes,
        _change_headline(table, wave_from),
    )


def _units_section(units, instrument, min_n, groups: str) -> Section:
    table = charts.heatmap_table(units, instrument, min_n)
    return Section(
        "units",
        f"{groups} side by side",
        f"Every {'agency' if groups == 'Agencies' else 'unit'}'s domain scores; a hidden cell reads why it is hidden.",
        table,
        charts.heatmap_chart(units, instrument, min_n),
        headline=_units_headline(table),
    )


def _gaps_section(gaps, instrument, min_n) -> Section:
    table = charts.gap_table(gaps, instrument, min_n)
    return Section(
        "gaps",
        "Leaders and staff",
        "Leaders' score minus staff's score per domain; large and notable gaps are named.",
        table,
        charts.gap_chart(gaps, instrument, min_n),
        charts.gap_sentences(gaps, instrument),
        _gaps_headline(table),
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
        _items_headline(table),
    )


def _rates_section(rates, caution: float) -> Section:
    table = rate_table(rates)
    return Section(
        "rates",
        "Who answered",
        f"Responses as a share of the people invited; below {caution:g} % read the results with caution.",
        table,
        rate_chart(rates, caution=caution),
        headline=_rates_headline(table, caution),
    )


def _voices_sections(view: views.View, quotes: int, seed: int) -> list[Section]:
    """The themes of the scope's comments and, if asked, a few quotes (each cut to QUOTE_LENGTH characters at a
    word); nothing when the comment rules refuse the scope, so a pack never holds what the page would hide."""
    if view.comment_refusal:
        return []
    instrument, comment_min_n = view.instrument, view.survey.settings.comment_min_n
    themes = view.comment_themes()
    commenters = int(themes["commenters"].iloc[0])
    top = themes.sort_values("share", ascending=False, kind="stable").head(3)
    names = dict(zip(instrument.domain_codes, (d.name for d in instrument.domains), strict=True))
    sections = [
        Section(
            "voices",
            "What staff said",
            f"Of the {commenters:,} people who wrote a comment, the share whose comments touch each domain "
            "(found by keywords; a comment can touch several).",
            comment_charts.theme_table(themes, instrument, comment_min_n),
            comment_charts.theme_chart(themes, instrument),
            [f"Most often: {names[row.domain]}, {charts.number(row.share)} %." for row in top.itertuples()],
            f"{names[top.iloc[0]['domain']]} comes up most often: in the comments of "
            f"{charts.number(top.iloc[0]['share'])} % of those who wrote one"
            if len(top) and top.iloc[0]["share"] > 0
            else "Staff comments touch no domain often",
        )
    ]
    if quotes > 0:
        shown = view.shown_comments[["question", "text", "person"]]
        if not shown.empty:
            sample = metrics.comment_sample(shown, quotes, seed)
            table = pd.DataFrame({"Question": sample["question"], "Comment": sample["text"].map(_shortened)})
            sections.append(
                Section(
                    "quotes",
                    "In their words",
                    f"{len(sample)} comments drawn at random (sample {seed}), with names, addresses and "
                    "numbers removed; who wrote them is not shown.",
                    table,
                    headline=f"In their own words: {len(sample)} comments drawn at random",
                )
            )
    return sections


def _shown_values(table: pd.DataFrame, column: str) -> pd.Series:
    """The numbers of a display column, by row; a hidden cell (its reason) or an empty one left out."""
    return pd.to_numeric(table[column], errors="coerce").dropna()


def _domains_headline(table: pd.DataFrame) -> str:
    scores = _shown_values(table, "Score (0–100)")
    if scores.empty:
        return "Every domain score is hidden to protect small groups"
    high, low = scores.idxmax(), scores.idxmin()
    name = table["Domain"]
    if high == low:
        return f"{name[high]} scores {charts.number(scores[high])}"
    return (
        f"{name[high]} scores highest at {charts.number(scores[high])}; "
        f"{name[low]} lowest at {charts.number(scores[low])}"
    )


def _change_headline(table: pd.DataFrame, wave_from: str) -> str:
    """The real changes named, largest first (two at most), then whether the rest held."""
    changes = _shown_values(table, "Change (points)")
    real = changes[table.loc[changes.index, "Reading"].str.startswith("meaningful")]
    if real.empty:
        return f"No domain changed clearly since {wave_from}" if len(changes) else "Every change is hidden"
    ordered = real.abs().sort_values(ascending=False, kind="stable").index
    words = [
        f"{table['Domain'][i]} {'rose' if real[i] > 0 else 'fell'} {charts.number(abs(real[i]))} points"
        for i in ordered[:2]
    ]
    more = f" and {len(ordered) - 2} more changed" if len(ordered) > 2 else ""
    rest = "; the rest held steady" if len(changes) > len(real) else ""
    return " and ".join(words) + more + rest


def _units_headline(table: pd.DataFrame) -> str:
    """The lowest shown cell of the grid: the group and domain most in need of attention."""
    group = table.columns[0]
    cells = table.set_index(group).apply(pd.to_numeric, errors="coerce").stack().dropna()
    if cells.empty:
        return f"Every {group.lower()}'s scores are hidden to protect small groups"
    (name, domain), low = cells.idxmin(), cells.min()
    return f"{name} has the lowest score: {charts.number(low)} on {domain}"


def _gaps_headline(table: pd.DataFrame) -> str:
    gaps = _shown_values(table, "Gap (leaders minus staff)")
    if gaps.empty:
        return "The leader–staff gaps are hidden to protect small groups"
    i = gaps.abs().idxmax()
    size, domain, label = charts.number(abs(gaps[i])), table["Domain"][i], table["Reading"][i]
    if not label:
        return f"Leaders and staff broadly agree: the largest gap is {size} points, on {domain}"
    return f"Leaders rate {domain} {size} points {'above' if gaps[i] > 0 else 'below'} staff (a {label} gap)"


def _items_headline(table: pd.DataFrame) -> str:
    favourable = _shown_values(table, "% favourable")
    parts = []
    for kind, plural in (("Strength", "strengths"), ("Opportunity", "opportunities")):
        shown = favourable[table.loc[favourable.index, "List"] == kind]
        if len(shown):
            low, high = charts.number(shown.min()), charts.number(shown.max())
            parts.append(f"{len(shown)} {plural} at {low if low == high else f'{low}–{high}'} % favourable")
    return "; ".join(parts) or "Every statement is hidden to protect small groups"


def _rates_headline(table: pd.DataFrame, caution: float) -> str:
    rates = _shown_values(table, "Response rate (%)")
    if rates.empty:
        return "Response rates are hidden to protect small groups"
    i = rates.idxmin()
    name, rate = table[table.columns[0]][i], charts.number(rates[i])
    said = f"{rate} % of {name} answered" if len(rates) == 1 else f"The response rate is lowest in {name}, at {rate} %"
    return said + (f": below {caution:g} %, read with caution" if rates[i] < caution else "")


def _commitments_headline(results: list[str]) -> str:
    counts = pd.Series(results).value_counts(sort=False)
    plans = f"{len(results)} action plan{'s' if len(results) != 1 else ''}"
    return f"{plans}: " + ", ".join(f"{n} {result}" for result, n in counts.items())


def _shortened(text: str) -> str:
    if len(text) <= QUOTE_LENGTH:
        return text
    return text[:QUOTE_LENGTH].rsplit(" ", 1)[0].rstrip(" ,;:") + " …"


def _in_scope(plan: Plan, agency: str | None, unit: str | None) -> bool:
    """Every plan for everyone; for an agency, its plans of the whole agency or of any of its units; for a unit,
    that unit's own."""
    return (agency is None or plan.agency == agency) and (unit is None or plan.unit == unit)


def _commitments_section(
    chosen: Sequence[Plan], responses: pd.DataFrame, instrument: metrics.Instrument, min_n: int
) -> Section:
    """One row per plan, open plans first, then by plan id, and a line each for the presenter. A value is shown
    only as `metrics.follow_through` reports it, so a hidden wave's value never is (not even the baseline the plan
    stored); only while the target wave is still to come does a row show the plan's stored baseline."""
    waves = set(responses["wave"].astype(str))
    ordered = sorted(chosen, key=lambda plan: (plan.status != "open", plan.plan_id is None, plan.plan_id or ""))
    rows, notes = zip(*(_plan_result(plan, responses, instrument, min_n, waves) for plan in ordered), strict=True)
    return Section(
        "commitments",
        "Commitments and results",
        COMMITMENTS_LEAD,
        pd.DataFrame(list(rows), columns=list(COMMITMENTS)),
        None,
        list(notes),
        _commitments_headline([row["Result"] for row in rows]),
    )


def _plan_result(plan: Plan, responses, instrument, min_n: int, waves: set[str]) -> tuple[dict[str, str], str]:
    """The plan's row of display text and its line in words."""
    plan_id = plan.plan_id or ""
    focus = _focus_name(plan.focus, instrument) + (" (% favourable)" if plan.measure == "pct_favorable" else "")
    where = scope_name(plan.agency, plan.unit)
    target = f"{charts.number(plan.target)} by {plan.target_wave}"
    status, progress = _progress(plan)
    row = {"Plan": plan_id, "Focus": focus, "Scope": where, "Status": status, "Target": target}
    said = f"{plan_id or 'A new plan'}, {focus} for {where} ({progress}), target {target}"

    def hidden_in(wave: str) -> bool:
        return _value(plan, wave, responses, instrument, min_n) is None

    if plan.target_wave not in waves:  # still to come: the plan's own baseline, unless that wave is hidden now
        start = "hidden" if plan.baseline is None or hidden_in(plan.baseline_wave) else charts.number(plan.baseline)
        row |= {"Baseline": f"{plan.baseline_wave}: {start}", "Actual": NO_VALUE}
        row["Result"] = f"awaiting {plan.target_wave}"
        note = f"{said}: awaiting {plan.target_wave}; the baseline was {start} in {plan.baseline_wave}."
        return row, note
    try:
        result = judged(plan, responses, instrument, min_n)
    except ValueError as error:  # a focus or measure the instrument no longer has: nothing can be measured
        result = metrics.FollowThrough(NOT_REPORTABLE, *[float("nan")] * 5, str(error))
    if result.status == NOT_REPORTABLE:  # no value of either wave, not even the baseline the plan stored
        row["Baseline"] = plan.baseline_wave + (": hidden" if hidden_in(plan.baseline_wave) else "")
        row["Actual"] = "hidden" if hidden_in(plan.target_wave) else NO_VALUE
        row["Result"] = NOT_REPORTABLE
        note = f"{said}: not reportable. {result.reason}"
    else:
        row["Baseline"] = f"{plan.baseline_wave}: {charts.number(result.baseline)}"
        row["Actual"] = charts.number(result.actual)
        row["Result"] = result.status
        note = (
            f"{said}: {result.status}, from {charts.number(result.baseline)} in {plan.baseline_wave} to "
            f"{row['Actual']} in {plan.target_wave} (change "
            f"{charts.number(result.change, signed=True)} points, 95 % interval "
            f"{charts.number(result.ci_low, signed=True)} to {charts.number(result.ci_high, signed=True)})."
        )
    return row, note


def _value(plan: Plan, wave: str, responses, instrument, min_n: int) -> float | None:
    """The plan's measure in one wave as that wave's view shows it, or None when it is hidden (or unknown)."""
    try:
        found = metrics.measure_value(
            responses,
            instrument,
            focus=plan.focus,
            measure=plan.measure,
            wave=wave,
            agency=plan.agency,
            unit=plan.unit,
            min_n=min_n,
        )
    except ValueError:
        return None
    return None if found is None else found[0]


def _focus_name(focus: str, instrument: metrics.Instrument) -> str:
    """A domain's name, or an item's code and the start of its text."""
    if focus in instrument.domain_codes:
        return instrument.domain_name(focus)
    text = next((item.text for item in instrument.items if item.code == focus), "")
    if len(text) > SHORT_ITEM:
        text = text[: SHORT_ITEM + 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
    return f"{focus}: {text}" if text else focus


def _progress(plan: Plan) -> tuple[str, str]:
    """The plan's status and how many of its actions are done, short for the table ('open · 2 of 4 done') and in
    words for the presenter ('open, 2 of 4 actions done, 1 dropped')."""
    if not plan.actions:
        return f"{plan.status} · no actions", f"{plan.status}, no actions yet"
    done = sum(a.status == "done" for a in plan.actions)
    dropped = sum(a.status == "dropped" for a in plan.actions)
    short = f"{plan.status} · {done} of {len(plan.actions)} done"
    words = f"{plan.status}, {done} of {len(plan.actions)} actions done" + (f", {dropped} dropped" if dropped else "")
    return short, words


def definitions(
    instrument: metrics.Instrument,
    min_n: int,
    caution: float = DEFAULT_CAUTION,
    with_plans: bool = False,
    comment_min_n: int | None = None,
) -> pd.DataFrame:
    """The terms of the pack in plain words (the workbook's notes sheet, the methods slide); `with_plans` adds
    how an action plan's result is read, `comment_min_n` how comments are kept safe."""
    cuts = instrument.tiers
    rows = [
        ("Domain score", "The average answer to a domain's statements, on 0 (all strongly disagree) to 100."),
        ("Tier", tier_key(cuts)),
        (
            "Effectiveness index",
            f"The average of the domain scores shown, reported when at least {policy.SHOWN_SHARE_PERCENT} % are shown.",
        ),
        ("% favourable", "Share of answers that were Agree or Strongly agree; don't-know answers left out."),
        (
            "Leader–staff gap",
            f"Leaders' score minus staff's; 'large' from {policy.LARGE_GAP:g} points and 'notable' from "
            f"{policy.NOTABLE_GAP:g}, when its "
            "95 % interval leaves out 0. People without a role count as staff.",
        ),
        (
            "Real change",
            f"At least {policy.MEANINGFUL_CHANGE:g} points between two waves with a 95 % interval that leaves out 0.",
        ),
        ("Response rate", f"Responses divided by people invited; below {caution:g} % read with caution."),
        (
            "Reliability (alpha)",
            f"How consistently a domain's statements measure one thing; below {policy.RELIABLE_ALPHA:.2f} is low.",
        ),
        (
            "Confidentiality",
            f"No group of fewer than {min_n} people is shown, nor any number from which one could be worked out.",
        ),
    ]
    if with_plans:
        rows.append(
            (
                "Plan result",
                "Target met: reached with a real change, or held when it was already reached at the baseline. "
                "Not reportable: a wave's value is hidden. Awaiting: the target wave is not surveyed yet.",
            )
        )
    if comment_min_n is not None:
        rows.append(
            (
                "Comments",
                f"Shown only when at least {comment_min_n} people of the scope commented; e-mail addresses, phone "
                "numbers, web addresses and listed names were removed before storing. Themes are found by keywords.",
            )
        )
    return pd.DataFrame(rows, columns=["Term", "Meaning"])
