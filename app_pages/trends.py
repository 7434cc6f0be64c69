"""Trends: how each domain score moved across the stored waves, and which changes between two waves are real."""

from dataclasses import replace

import streamlit as st

import metrics
from charts import trends as trend_charts
from metrics import policy
from shell import data, downloads, filters, planning
from shell.tables import fitted_table
from shell.text import WRAPPED_ROW_PX, joined, plain

FROM_KEY, TO_KEY = "trends_from", "trends_to"
DEFAULTS_FOR_KEY = "trends_defaults_for"  # the sidebar wave the two wave boxes were last defaulted from


# Why a wave is left out (for each metrics.view_refusal code), as words that end a sentence.
LEFT_OUT = {
    metrics.EMPTY: "nobody in this selection answered",
    metrics.TOO_SMALL: f"fewer than {data.min_n()} people in this selection answered",
    metrics.PROTECTS_SMALL_GROUP: (
        f"comparing this selection with a wider one would reveal the answers of fewer than {data.min_n()} people"
    ),
}


st.title("Trends")
chosen = filters.current_filters()
role_text = filters.role_label(chosen.role) if chosen.role else filters.ALL_ROLES
st.caption(
    plain(f"{chosen.agency or filters.ALL_AGENCIES} · {chosen.unit or filters.ALL_UNITS} · {role_text} · every wave")
)
all_waves = data.waves()
survey = data.survey()
if len(all_waves) < 2:
    st.info("Trends need at least two survey waves, and only one is stored. Upload another wave to see change.")
    st.stop()

scope = (chosen.agency, chosen.unit, chosen.role)
refused = {w: survey.view(replace(chosen, wave=w)).refusal for w in all_waves}
kept = [w for w in all_waves if not refused[w]]
reasons: dict[str, list[str]] = {}
for wave in all_waves:
    if refused[wave]:
        reasons.setdefault(LEFT_OUT[refused[wave]], []).append(wave)
for why, waves in reasons.items():
    verb = "is" if len(waves) == 1 else "are"
    st.info(
        f"{plain(joined(waves))} {verb} left out of the trend: in "
        f"{'that wave' if len(waves) == 1 else 'those waves'}, {why}."
    )
if not kept:
    st.info("Nothing can be shown for this selection. Widen or change a filter.")
    st.stop()
if len(kept) == 1:
    st.info(
        f"Only {plain(kept[0])} can be shown for this selection, and a trend needs two waves. Widen or change a filter."
    )
    st.stop()

st.header("Domain scores wave by wave")
reference = chosen.wave if chosen.wave in kept else kept[-1]  # the trend shows this wave's instrument's domains
instrument = survey.instrument_of(reference)
trend = survey.trend(*scope, kept, reference=reference)
asked_otherwise = {
    wave: [code for code in instrument.domain_codes if code not in survey.comparable(wave, reference)] for wave in kept
}
asked_otherwise = {wave: codes for wave, codes in asked_otherwise.items() if codes}
if asked_otherwise:
    which = "; ".join(
        f"{plain(wave)}: {joined([plain(instrument.domain_name(code)) for code in codes])}"
        for wave, codes in asked_otherwise.items()
    )
    st.info(
        f"Some waves were asked with another instrument than {plain(reference)}'s ({plain(instrument.name)}); a "
        f"domain asked differently in a wave has no point there ({which})."
    )
planned = planning.active_plans(chosen.agency, chosen.unit)
notes = {code: "◆ open plan " + ", ".join(ids) for code, ids in planned.items()}
downloads.show_chart(
    lambda: trend_charts.trend_chart(trend, instrument, data.min_n(), notes=notes),
    "trends-domain-scores",
    title="Domain scores wave by wave",
    description="A small chart for each domain: its score in each wave, with the range it would likely fall in.",
    kept_by=survey,
    key=(scope, tuple(kept), tuple(sorted(notes.items()))),  # open plans change without a new store version
)
if planned:
    st.caption(
        "◆ marks a domain with an open action plan for exactly this agency and unit: "
        + "; ".join(f"{plain(instrument.domain_name(code))} ({plain(', '.join(ids))})" for code, ids in planned.items())
        + ". See Action plans."
    )
cuts = instrument.tiers
st.caption(
    "Each dot is the domain score (0–100) in that wave; the bar through it is its 95 % interval, the range the "
    "score would likely fall in if the survey were repeated. Background shading marks the tiers: Strength "
    f"{cuts.strength:g} or more, Developing {cuts.developing:g}, Emerging {cuts.emerging:g}, Priority below "
    f"{cuts.emerging:g} (dashed lines)."
)
with downloads.numbers_behind("Domain scores wave by wave"):
    st.dataframe(trend_charts.trend_table(trend, instrument, data.min_n()), hide_index=True)

st.header("Change between two waves")
# Defaults: the sidebar's wave is "to", the wave before it "from" (the two latest until a reader chooses).
default_to = chosen.wave if chosen.wave in all_waves[1:] else all_waves[-1]
default_from = all_waves[all_waves.index(default_to) - 1]
stale = any(st.session_state.get(key) not in all_waves for key in (FROM_KEY, TO_KEY))
if stale or st.session_state.get(DEFAULTS_FOR_KEY) != chosen.wave:
    st.session_state[FROM_KEY], st.session_state[TO_KEY] = default_from, default_to
    st.session_state[DEFAULTS_FOR_KEY] = chosen.wave
from_col, to_col = st.columns(2)
wave_from = from_col.selectbox("From wave", all_waves, key=FROM_KEY)
wave_to = to_col.selectbox("To wave", all_waves, key=TO_KEY)
refused_pair = [w for w in (wave_from, wave_to) if refused[w]]
if wave_from == wave_to:
    st.info("Choose two different waves to see the change between them.")
elif refused_pair:
    st.info(
        f"The change from {plain(wave_from)} to {plain(wave_to)} cannot be shown for this selection: "
        f"{plain(joined(refused_pair))} "
        f"{'is' if len(refused_pair) == 1 else 'are'} left out, as said above. Choose other waves or widen a filter."
    )
else:
    change = survey.change(*scope, wave_from, wave_to)
    instrument = survey.instrument_of(wave_to)
    changed = [plain(instrument.domain_name(code)) for code in survey.changed_domains(wave_from, wave_to)]
    if changed:
        one = len(changed) == 1
        st.info(
            f"{joined(changed)} {'was' if one else 'were'} asked with different questions in {plain(wave_from)} "
            f"and {plain(wave_to)}, so no change is shown for {'it' if one else 'them'}."
        )
    pair = trend[trend["wave"].isin([wave_from, wave_to])]  # each wave is scored on its own, so this is theirs
    st.markdown(
        f"A change is **meaningful** only when it is at least {policy.MEANINGFUL_CHANGE:g} points (to one decimal) "
        "and its 95 % interval "
        "does not include 0; anything else reads **no clear change**. The two waves are compared as separate "
        "groups of people, because anonymous answers cannot be linked from one wave to the next."
    )
    st.markdown("**Biggest real gains and declines**")
    biggest = trend_charts.biggest_table(change, instrument)
    if biggest.empty:
        st.markdown(f"No domain changed meaningfully from {plain(wave_from)} to {plain(wave_to)} in this selection.")
    else:
        st.dataframe(biggest, hide_index=True)
    if change["suppressed"].all():
        st.info("Not enough responses in one of these waves to compare them. Widen a filter.")
    else:
        downloads.show_chart(
            lambda: trend_charts.change_chart(change, pair, instrument, wave_from, wave_to, data.min_n()),
            "trends-change",
            title="Change between two waves",
            description=(
                f"For each domain, how many points its score moved from {wave_from} to {wave_to}, and whether the "
                "change is meaningful."
            ),
            kept_by=survey,
            key=(scope, tuple(kept), wave_from, wave_to),
        )
        st.caption(
            "Each mark is a domain's change in points; the line through it is its 95 % interval. The shaded band "
            f"holds changes smaller than {policy.MEANINGFUL_CHANGE:g} points, which never count as meaningful."
        )
    with downloads.numbers_behind("Change between two waves"):
        fitted_table(  # widths that fit the expander at 1280 pixels; a wave's column is headed by its name
            trend_charts.change_table(change, pair, instrument, wave_from, wave_to, data.min_n()),
            {
                "Domain": 220,
                **{f"{wave} (0–100)": (wave, 100) for wave in (wave_from, wave_to)},
                "Change (points)": ("Change", 80),
                "95 % interval": 105,
                "Reading": 130,
            },
            row_height=WRAPPED_ROW_PX,
        )
