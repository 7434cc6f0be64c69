"""Priorities: candidate focus areas for the scope and wave in view, each with its evidence, and a way to start a
plan from any of them."""

from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st

from metrics import policy
from metrics.summary import unreliable_domains
from plans import Plan
from shell import data, filters, methods_text, planning
from shell.text import plain

SHOWN = 12  # candidates listed as cards; the table below holds them all
TALL_ROW_PX = 115  # a table row this tall holds five lines of wrapped text
RULE_NAMES = {  # metrics.PRIORITY_RULES in a leader's words
    "priority_tier": "in the Priority tier",
    "emerging_tier": "in the Emerging tier",
    "decline": "a real decline",
    "gap": "a leader–staff gap",
    "low_agreement": "little agreement within a unit",
    "low_influence": "few staff with influence",
    "weak_item": "one of the weakest questions",
}

st.title("Priorities")
# Priorities compare leaders with staff, so they always take every role of the scope.
chosen = replace(filters.current_filters(), role=None)
view = data.survey().view(chosen)
st.caption(plain(f"{chosen.wave} · {planning.scope_label(chosen.agency, chosen.unit)} · all roles"))
if view.refusal:
    st.info(filters.refusal_sentence(view))
    st.stop()
st.markdown(
    "Where this office might focus next, found by fixed rules in the results you can see on the other pages: "
    "domains in the two lowest tiers, meaningful declines, large gaps between leaders and staff, units that do not "
    "agree within themselves, few staff with real influence, and the weakest items. Hidden results never count. "
    "A candidate is a place to start a conversation, not a verdict."
)
table = view.priorities()
if table.empty:
    st.info("No domain or item of this selection meets any of the rules. Nothing stands out as a priority.")
    st.stop()


def start_plan(row) -> None:
    """Open the plan form with this candidate's focus, scope and baseline."""
    unit = row.unit if isinstance(row.unit, str) else chosen.unit
    measure = "pct_favorable" if row.focus_kind == "item" else "score"
    start = planning.baseline(row.focus, measure, chosen.wave, chosen.agency, unit)
    st.session_state[planning.DRAFT_KEY] = Plan(
        focus=row.focus,
        agency=chosen.agency,
        unit=unit,
        problem="",
        challenge="adaptive",
        stakeholders=(),
        actions=(),
        measure=measure,
        baseline_wave=chosen.wave,
        baseline=start,
        target=0.0 if start is None else min(100.0, round(start + 5.0, 1)),  # a meaningful rise, as a first guess
        target_wave="",
        started=date.today(),
    )


planned = planning.active_plans(chosen.agency, chosen.unit)
planner = planning.is_planner()  # viewers read plans; they start none
shaky = set(unreliable_domains(view.alpha))  # domains whose items do not hang together in this wave
for row in table.head(SHOWN).itertuples():
    with st.container(border=True):
        where = f" · {plain(row.unit)}" if isinstance(row.unit, str) else ""
        st.markdown(f"**{row.rank}. {plain(planning.focus_name(row.focus))}**{where}")
        st.markdown(plain(row.why))
        st.caption(plain(row.evidence))
        if row.domain in shaky:
            st.warning(
                f"Read with care: the questions of {plain(view.instrument.domain_name(row.domain))} do not hang "
                f"together well in this wave (Cronbach's alpha below {policy.RELIABLE_ALPHA:.2f}), so this score may "
                "mix different things. Look at its questions on the Items page before planning on it.",
                icon=":material/warning:",
            )
        if row.domain in planned and not isinstance(row.unit, str):
            st.caption(f"◆ Already an open plan on this domain here: {plain(', '.join(planned[row.domain]))}.")
        if planner and st.button("Start a plan", key=f"priority_plan_{row.rank}", icon=":material/edit_note:"):
            start_plan(row)
            st.switch_page(data.ROOT / "app_pages" / "plans.py")
if len(table) > SHOWN:
    st.caption(f"{len(table) - SHOWN} more candidates are in the table below.")

with st.expander("Every candidate, with its numbers"):
    st.dataframe(
        pd.DataFrame(
            {
                "Rank": table["rank"],
                "Focus": table["focus"].map(planning.focus_name),
                "Unit": table["unit"].fillna(""),
                "Why": table["why"],
                "Evidence": table["evidence"],
                "Rules met": table["rules"].map(lambda codes: ", ".join(RULE_NAMES.get(c, c) for c in codes)),
                "Code": table["focus"],  # for an analyst matching the instrument; last, as leaders need it least
            }
        ),
        hide_index=True,
        # the columns a leader reads, narrow enough for 1280 pixels, each text wrapping over up to five lines: Why
        # names the rules met in words, and the code an analyst matches is on the Instrument page
        column_order=["Rank", "Focus", "Unit", "Why", "Evidence"],
        column_config={
            "Rank": st.column_config.NumberColumn(width=50),
            "Focus": st.column_config.TextColumn(width=190),
            "Unit": st.column_config.TextColumn(width=90),
            "Why": st.column_config.TextColumn(width=245),
            "Evidence": st.column_config.TextColumn(width=165),
        },
        row_height=TALL_ROW_PX,
    )
with st.expander("How candidates are chosen and ranked"):
    st.markdown(methods_text.PRIORITIES)
