"""Action plans: what a team will do about a result, who takes part, and whether the measure moved by the wave
it named. Plans are kept in the store with every earlier version; each change is audited."""

from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st

import plans
from shell import access as access_shell
from shell import data, filters, planning
from store import StoreError

FORM = "plan_form_"  # the form's widget keys start so
LOADED_KEY = "plan_form_loaded"  # the draft whose values the widgets hold
SAVED_KEY = "plan_saved_message"
ALL = "All agencies"
WHOLE = "Whole agency"
ACTION_COLUMNS = {"what": "What", "owner_role": "Owner (a role)", "due": "Due", "status": "Status"}


def blank_plan() -> plans.Plan:
    current = filters.current_filters()
    return plans.Plan(
        focus=data.survey().instrument_of(current.wave).domain_codes[0],
        agency=current.agency,
        unit=current.unit,
        problem="",
        challenge="adaptive",
        stakeholders=(),
        actions=(),
        measure="score",
        baseline_wave=current.wave,
        baseline=None,
        target=0.0,
        target_wave="",
        started=date.today(),
    )


def next_wave(label: str) -> str:
    """The same season a year later ("2025 Spring" -> "2026 Spring"), as the form's suggestion."""
    words = label.split()
    if words and words[0].isdigit():
        return " ".join([str(int(words[0]) + 1), *words[1:]])
    return ""


def load_form(draft: plans.Plan) -> None:
    """Put the draft's values into the form's widgets, once per draft (later reruns keep what the reader typed)."""
    if st.session_state.get(LOADED_KEY) is draft:
        return
    state = st.session_state
    state[FORM + "focus"] = draft.focus
    state[FORM + "agency"] = draft.agency or ALL
    state[FORM + "unit"] = draft.unit or WHOLE
    state[FORM + "problem"] = draft.problem
    state[FORM + "challenge"] = draft.challenge
    state[FORM + "stakeholders"] = list(draft.stakeholders)
    state[FORM + "measure"] = draft.measure
    state[FORM + "baseline_wave"] = draft.baseline_wave
    state[FORM + "target"] = float(draft.target)
    state[FORM + "target_wave"] = draft.target_wave or next_wave(draft.baseline_wave)
    state[FORM + "started"] = draft.started
    state[FORM + "actions_start"] = pd.DataFrame(
        [{"what": a.what, "owner_role": a.owner_role, "due": a.due, "status": a.status} for a in draft.actions],
        columns=list(ACTION_COLUMNS),
    ).astype({"what": "object", "owner_role": "object", "status": "object"})
    state.pop(FORM + "actions", None)
    state[LOADED_KEY] = draft


def close_form() -> None:
    for key in [k for k in st.session_state if str(k).startswith(FORM)] + [planning.DRAFT_KEY]:
        st.session_state.pop(key, None)


def actions_from(table: pd.DataFrame) -> tuple[tuple[plans.Action, ...], list[str]]:
    """The actions of the editor's rows; a row without a due date is a problem, not a guess."""
    found, problems = [], []
    for number, row in enumerate(table.itertuples(index=False), start=1):
        cells = [row.what, row.owner_role, row.due, row.status]
        if all(cell is None or (not isinstance(cell, str) and pd.isna(cell)) for cell in cells):
            continue  # an empty row the editor added
        due = row.due
        if due is None or pd.isna(due):
            problems.append(f"Action {number}: give it a due date.")
            continue
        found.append(
            plans.Action(
                str(row.what or "").strip(),
                str(row.owner_role or "").strip(),
                pd.Timestamp(due).date(),
                str(row.status or "not started"),
            )
        )
    return tuple(found), problems


def plan_form(draft: plans.Plan, reader) -> None:
    load_form(draft)
    instrument = data.survey().instrument_of(filters.current_filters().wave)
    editing = draft.plan_id is not None
    st.subheader(f"Edit plan {draft.plan_id}" if editing else "Start a plan")
    wave_options = data.waves()
    survey = data.survey()
    codes = instrument.domain_codes + instrument.item_codes
    focus = st.selectbox(
        "Focus (a domain or an item)",
        codes,
        key=FORM + "focus",
        format_func=lambda code: (
            ("Domain: " if code in instrument.domain_codes else "Item ") + planning.focus_name(code)
        ),
    )
    left, right = st.columns(2)
    every_agency = sorted({a for w in wave_options for a in survey.census(w).values("agency")})
    agency_options = [ALL, *access_shell.visible_agencies(every_agency)]  # all agencies: a state-wide aggregate
    if st.session_state.get(FORM + "agency") not in agency_options:
        st.session_state[FORM + "agency"] = ALL
    agency = left.selectbox("Agency", agency_options, key=FORM + "agency")
    agency = None if agency == ALL else agency
    unit_options = [WHOLE] + (
        sorted({u for w in wave_options for u in survey.census(w).values("unit", agency=agency)}) if agency else []
    )
    if st.session_state.get(FORM + "unit") not in unit_options:
        st.session_state[FORM + "unit"] = WHOLE
    unit = right.selectbox("Unit", unit_options, key=FORM + "unit", disabled=agency is None)
    unit = None if unit == WHOLE else unit

    problem = st.text_area("The problem, in the team's words", key=FORM + "problem", max_chars=4000)
    challenge = st.radio("Kind of challenge", plans.CHALLENGES, key=FORM + "challenge", horizontal=True)
    st.caption(plans.CHALLENGE_HELP)
    internal = unit_options[1:] if agency else []
    choices = list(dict.fromkeys([*plans.STAKEHOLDERS, *internal, *st.session_state.get(FORM + "stakeholders", [])]))
    stakeholders = st.multiselect(
        "Stakeholders engaged (units inside the agency, partners outside it; type to add another)",
        choices,
        key=FORM + "stakeholders",
        accept_new_options=True,
    )

    st.markdown("**Actions**")
    edited = st.data_editor(
        st.session_state[FORM + "actions_start"],
        key=FORM + "actions",
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={
            "what": st.column_config.TextColumn(ACTION_COLUMNS["what"], width="large", max_chars=500),
            "owner_role": st.column_config.TextColumn(ACTION_COLUMNS["owner_role"], help="A role, never a name."),
            "due": st.column_config.DateColumn(ACTION_COLUMNS["due"], format="YYYY-MM-DD"),
            "status": st.column_config.SelectboxColumn(
                ACTION_COLUMNS["status"], options=list(plans.ACTION_STATUSES), default="not started"
            ),
        },
    )

    st.markdown("**Success measure**")
    one, two, three = st.columns(3)
    measure = one.radio(
        "Measure", plans.MEASURES, key=FORM + "measure", format_func=planning.MEASURE_NAMES.get, horizontal=True
    )
    if st.session_state.get(FORM + "baseline_wave") not in wave_options:
        st.session_state[FORM + "baseline_wave"] = wave_options[-1]
    baseline_wave = two.selectbox("Baseline wave", wave_options, key=FORM + "baseline_wave")
    started = three.date_input("Plan starts", key=FORM + "started", format="YYYY-MM-DD")
    baseline = planning.baseline(focus, measure, baseline_wave, agency, unit)
    four, five, six = st.columns(3)
    four.metric("Baseline", "hidden" if baseline is None else f"{baseline:.1f}")
    if baseline is None:
        four.caption("Not reportable for this scope: too few responses, or it would reveal a small group.")
    target = five.number_input("Target", key=FORM + "target", min_value=0.0, max_value=100.0, step=0.5, format="%.1f")
    target_wave = six.text_input(
        "By wave", key=FORM + "target_wave", help="A later wave, such as 2026 Spring; it need not be stored yet."
    )

    save, cancel = st.columns([1, 5])
    if cancel.button("Cancel", key=FORM + "cancel"):
        close_form()
        st.rerun()
    if save.button("Save plan", type="primary", key=FORM + "save"):
        actions, problems = actions_from(edited)
        plan = plans.Plan(
            focus=focus,
            agency=agency,
            unit=unit,
            problem=problem.strip(),
            challenge=challenge,
            stakeholders=tuple(s.strip() for s in stakeholders),
            actions=actions,
            measure=measure,
            baseline_wave=baseline_wave,
            baseline=baseline,
            target=float(target),
            target_wave=target_wave.strip(),
            started=started,
            status=draft.status,
            plan_id=draft.plan_id,
        )
        problems += plans.problems(plan, instrument)
        if problems:
            st.error("The plan was not saved:\n\n" + "\n".join(f"- {p}" for p in problems))
            return
        try:
            saved = data.store().save_plan(plans.to_record(plan), who=reader.email, plan_id=plan.plan_id)
        except StoreError as error:
            st.error(str(error))
            return
        close_form()
        st.session_state[SAVED_KEY] = f"Plan {saved} was saved."
        st.rerun()


def follow_through_line(plan: plans.Plan) -> str:
    measure = planning.MEASURE_NAMES[plan.measure]
    start = "hidden" if plan.baseline is None else f"{plan.baseline:.1f}"
    line = f"{measure}: baseline {start} ({plan.baseline_wave}) → target {plan.target:.1f} by {plan.target_wave}"
    result = planning.follow_through(plan)
    if result is None:
        return line + f" → {plan.target_wave} not surveyed yet"
    if result.status == "not reportable":
        return line + f" → **not reportable**: {result.reason}"
    return (
        line + f" → actual {result.actual:.1f}: **{result.status}** "
        f"(change {result.change:+.1f}, 95 % interval {result.ci_low:+.1f} to {result.ci_high:+.1f})"
    )


def set_status(plan: plans.Plan, status: str, who: str) -> None:
    try:
        data.store().save_plan(plans.to_record(replace(plan, status=status)), who=who, plan_id=plan.plan_id)
        st.session_state[SAVED_KEY] = f"Plan {plan.plan_id} was {'closed' if status == 'closed' else 'reopened'}."
    except StoreError as error:
        st.session_state[SAVED_KEY] = str(error)


def show_plan(plan: plans.Plan, reader) -> None:
    with st.container(border=True):
        badge = ":green-badge[open]" if plan.status == "open" else ":gray-badge[closed]"
        st.markdown(
            f"**{plan.plan_id} · {planning.focus_name(plan.focus)}** {badge}  \n"
            f"{planning.scope_label(plan.agency, plan.unit)} · started {plan.started:%Y-%m-%d} · "
            f"{plan.challenge} challenge"
        )
        st.markdown(f"> {plan.problem}")
        st.markdown(follow_through_line(plan))
        if plan.stakeholders:
            st.caption("Stakeholders: " + ", ".join(plan.stakeholders))
        if plan.actions:
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            ACTION_COLUMNS["what"]: a.what,
                            ACTION_COLUMNS["owner_role"]: a.owner_role,
                            ACTION_COLUMNS["due"]: a.due.isoformat(),
                            ACTION_COLUMNS["status"]: a.status,
                        }
                        for a in plan.actions
                    ]
                ),
                hide_index=True,
            )
        buttons = st.columns([1, 1, 6])
        if buttons[0].button("Edit", key=f"plan_edit_{plan.plan_id}", icon=":material/edit:"):
            st.session_state[planning.DRAFT_KEY] = plan
            st.rerun()
        other = "closed" if plan.status == "open" else "open"
        buttons[1].button(
            "Close" if other == "closed" else "Reopen",
            key=f"plan_status_{plan.plan_id}",
            on_click=set_status,
            args=(plan, other, reader.email),
        )
        with st.expander("Earlier versions"):
            st.dataframe(planning.history(plan.plan_id), hide_index=True)


def import_plans(upload, reader) -> None:
    found, problems = plans.read_plans(
        upload.getvalue(), upload.name, data.survey().instrument_of(filters.current_filters().wave)
    )
    unseen = [p for p in found if not planning.may_see(p)]
    if unseen:
        problems.append(f"{len(unseen)} plans are for agencies you may not see; none of the file was imported.")
    if problems:
        st.error("Nothing was imported:\n\n" + "\n".join(f"- {p}" for p in problems))
        return
    known = {p.plan_id for p in planning.visible_plans()}
    bodies = [(p.plan_id if p.plan_id in known else None, plans.to_record(p)) for p in found]
    try:
        data.store().save_plans(bodies, who=reader.email)
    except StoreError as error:
        st.error(str(error))
        return
    st.session_state[SAVED_KEY] = f"{len(found)} plans were imported."
    st.rerun()


reader = access_shell.require("viewer")
st.title("Action plans")
st.markdown(
    "Name an urgent problem, bring in the people who touch it, plan, act, measure, and keep what works. Each plan "
    "is judged at the wave it named by the same rule as every change on these pages: a target counts as met only "
    "when the measure reached it with a real (meaningful) change."
)
if message := st.session_state.pop(SAVED_KEY, None):
    st.success(message)

draft = st.session_state.get(planning.DRAFT_KEY)
if draft is not None:
    with st.container(border=True):
        plan_form(draft, reader)
elif st.button("New plan", type="primary", icon=":material/add:", key="plan_new"):
    st.session_state[planning.DRAFT_KEY] = blank_plan()
    st.rerun()

shown = planning.visible_plans()
open_plans = [p for p in shown if p.status == "open"]
closed_plans = [p for p in shown if p.status == "closed"]
st.subheader(f"Open plans ({len(open_plans)})")
if not open_plans:
    st.caption("No open plans. Start one here or from the Priorities page.")
for plan in open_plans:
    show_plan(plan, reader)
if closed_plans:
    st.subheader(f"Closed plans ({len(closed_plans)})")
    for plan in closed_plans:
        show_plan(plan, reader)

st.subheader("Export and import")
if shown:
    left, right = st.columns(2)
    left.download_button(
        "Plans as Excel",
        plans.plans_to_xlsx(shown),
        file_name="action-plans.xlsx",
        key="plans_xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    right.download_button(
        "Plans as CSV", plans.plans_to_csv(shown), file_name="action-plans.csv", key="plans_csv", mime="text/csv"
    )
upload = st.file_uploader("Import plans (an Excel or CSV file exported here)", type=["xlsx", "csv"], key="plans_upload")
if upload is not None and st.button("Import", key="plans_import"):
    import_plans(upload, reader)
