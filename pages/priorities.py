"""Priorities: candidate focus areas for the scope and wave in view, each with its evidence, and a way to start a
plan from any of them."""

from dataclasses import replace
from datetime import date

import streamlit as st

from plans import Plan
from shell import data, filters, methods_text, planning
from shell.text import plain

SHOWN = 12  # candidates listed as cards; the table below holds them all

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
for row in table.head(SHOWN).itertuples():
    with st.container(border=True):
        where = f" · {plain(row.unit)}" if isinstance(row.unit, str) else ""
        st.markdown(f"**{row.rank}. {plain(planning.focus_name(row.focus))}**{where}")
        st.markdown(plain(row.why))
        st.caption(plain(row.evidence))
        if row.domain in planned and not isinstance(row.unit, str):
            st.caption(f"◆ Already an open plan on this domain here: {plain(', '.join(planned[row.domain]))}.")
        if planner and st.button("Start a plan", key=f"priority_plan_{row.rank}", icon=":material/edit_note:"):
            start_plan(row)
            st.switch_page(data.ROOT / "pages" / "plans.py")
if len(table) > SHOWN:
    st.caption(f"{len(table) - SHOWN} more candidates are in the table below.")

with st.expander("Every candidate, with its numbers"):
    st.dataframe(
        table.assign(focus=table["focus"].map(planning.focus_name), rules=table["rules"].map(", ".join))[
            ["rank", "focus", "unit", "rules", "evidence", "why"]
        ],
        hide_index=True,
    )
with st.expander("How candidates are chosen and ranked"):
    st.markdown(methods_text.PRIORITIES)
