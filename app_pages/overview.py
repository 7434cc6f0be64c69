"""Overview: the story of the view in a few plain sentences, then the effectiveness index with its change and the
index of the wider group it is compared with, the response rate, and the ten domain scores at a glance."""

import re
from dataclasses import replace

import streamlit as st

import charts
from charts.rates import rate_words
from metrics import Instrument, policy, shown
from metrics.summary import overall_favorable, unreliable_domains
from reports.findings import CARE as STORY_CARE
from reports.findings import STORY, story
from shell import downloads, filters
from shell.tables import fitted_table
from shell.text import joined, plain

CARE = "read with care"  # the mark beside a domain whose items do not hang together (§3.7)
QUIET = {"delta_color": "off", "delta_arrow": "off"}  # a delta that is words, not a change


def marked(instrument: Instrument, codes: list[str]) -> Instrument:
    """The instrument with CARE after the names of `codes`, so the chart's labels carry the caution."""
    return replace(
        instrument,
        domains=tuple(replace(d, name=f"{d.name} ({CARE})") if d.code in codes else d for d in instrument.domains),
    )


def change_delta(view) -> dict:
    """The index metric's delta: its change since the previous wave and whether it is real (§5), or why none."""
    if view.previous_wave is None:
        return {"delta": "First wave", "delta_description": "nothing earlier to compare with", **QUIET}
    since, change = plain(view.previous_wave), view.index_change()
    if change is None:
        return {"delta": "No change shown", "delta_description": f"not shown in {since}", **QUIET}
    row = change.iloc[0]
    if row["suppressed"]:
        return {"delta": "No change shown", "delta_description": f"not comparable with {since}", **QUIET}
    real = bool(row["meaningful"])
    return {
        "delta": f"{charts.number(row['change'], signed=True)} since {since}",
        "delta_description": "a real change" if real else "no clear change",
        **({} if real else QUIET),
    }


def cautioned(name: str, findings) -> bool:
    """Whether a finding names the domain `name` with its reliability caution (`reports.findings.CARE`)."""
    told = re.compile(re.escape(name) + r" \([^()]*" + re.escape(STORY_CARE))
    return any(told.search(finding.text) for finding in findings)


def benchmark_figure(view, index) -> dict | None:
    """The benchmark metric: the index of the wider group this view is compared with (`View.benchmark`), and how
    far this view's index sits from it as shown; None for a view of everyone, a refused or hidden benchmark, or a
    hidden index of this view."""
    wider, name = view.benchmark()
    if wider is None or index["suppressed"] or wider.index.iloc[0]["suppressed"]:
        return None
    theirs = wider.index.iloc[0]["index"]
    apart = shown(index["index"]) - shown(theirs)  # the two figures as a reader sees them
    side = "the same" if apart == 0 else f"{charts.number(abs(apart))} {'above' if apart > 0 else 'below'}"
    return {
        "label": "Index of the whole agency" if wider.filters.agency else f"Index of {name}",  # a long name is cut
        "value": charts.number(theirs),
        "delta": f"This selection: {side}",
        "help": f"The effectiveness index of {plain(name)} in this wave: the group this selection is set against.",
        **QUIET,
    }


def rate_figure(view) -> tuple[str, str]:
    """The response-rate metric's value and help, from the view's row of the roster's rates."""
    if view.filters.role is not None:
        return "–", "A roster counts the people invited to each unit, not their roles, so no rate is worked out here."
    row = view.response_rate()
    figure, sentence = rate_words(row)
    return figure, sentence + (" Add one on the Upload page." if row is None else "")


st.title("Overview")
view = filters.shown_view()
instrument = view.instrument
index = view.index.iloc[0]
domains = view.domains
alpha = view.alpha
shaky = unreliable_domains(alpha)
favourable = overall_favorable(view.item_distribution, instrument)

findings = story(view)
if findings:
    st.markdown("\n".join(f"- {plain(finding.text)}" for finding in findings[:STORY]))
untold = [code for code in shaky if not cautioned(instrument.domain_name(code), findings[:STORY])]
if untold:  # a domain the story names carries its caution there already: said once
    names = joined([plain(instrument.domain_name(code)) for code in untold])
    its, it = ("its", "it") if len(untold) == 1 else ("their", "them")
    st.caption(
        f"Read {names} with care: {its} items do not hang together well in this wave (Cronbach's alpha below "
        f"{policy.RELIABLE_ALPHA:.2f}), so {its} score may mix different things; the chart marks {it} “{CARE}”."
    )
if len(findings) > STORY:
    with st.expander("More findings"):
        st.markdown("\n".join(f"- {plain(finding.text)}" for finding in findings[STORY:]))

benchmark = benchmark_figure(view, index)
if benchmark:
    index_col, benchmark_col, rate_col, count_col = st.columns([4, 3, 2, 2])  # the benchmark names its group
    benchmark_col.metric(**benchmark)
else:
    index_col, rate_col, count_col = st.columns([3, 2, 2])
if index["suppressed"]:
    index_col.metric("Effectiveness index (0–100)", "not reported")
else:
    index_col.metric(
        "Effectiveness index (0–100)",
        f"{charts.number(index['index'])} · {index['tier']}",
        help=(
            "The mean of the domain scores shown for this selection, with its tier. A change since the previous wave "
            f"is real only when it is at least {policy.MEANINGFUL_CHANGE:g} points and its 95 % interval leaves out 0."
        ),
        **change_delta(view),
    )
rate, rate_help = rate_figure(view)
rate_col.metric("Response rate", rate, help=rate_help)
count_col.metric("Responses", f"{int(index['n']):,}")
if favourable == favourable:
    scale = instrument.scale
    agree = " or ".join(f"“{plain(scale.labels[point - scale.lo])}”" for point in scale.favorable)
    st.caption(
        f"Another reading of the same answers: {charts.number(favourable)} % of all answers were {agree} "
        "(don't-know answers left out)."
    )

total = len(instrument.domains)
if index["suppressed"]:
    st.info(
        f"The index is not reported: it needs at least {policy.SHOWN_SHARE_PERCENT} % of the domains, and too many "
        "are hidden here to "
        "protect small groups."
    )
elif index["domains"] < total:
    st.info(f"The index rests on {int(index['domains'])} of the {total} domains; the others are hidden here.")

st.header("Domain scores")
downloads.show_chart(
    lambda: charts.domain_chart(domains, marked(instrument, shaky), view.min_n),
    "overview-domain-scores",
    title="Domain scores",
    description="One bar for each domain: its score from 0 to 100 for this selection, coloured by its tier.",
    kept_by=view,
)
cuts = instrument.tiers
st.caption(
    f"Scores run from 0 (everyone answered “{plain(instrument.scale.labels[0])}”) to 100 (everyone answered "
    f"“{plain(instrument.scale.labels[-1])}”). "
    f"Strength {cuts.strength:g} or more · Developing {cuts.developing:g} to {cuts.strength:g} · "
    f"Emerging {cuts.emerging:g} to {cuts.developing:g} · Priority below {cuts.emerging:g}."
)
with downloads.numbers_behind("Domain scores"):
    fitted_table(  # widths that fit the expander at 1280 pixels
        charts.domain_score_table(domains, instrument, view.min_n, alpha),
        {
            "Domain": 250,
            "Score (0–100)": 105,
            "Tier": 95,
            "% favourable": 100,
            "Responses": 85,
            "Reliability (alpha)": ("Reliability", 95),
        },
    )
