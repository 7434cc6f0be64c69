"""Action plans: what a team will do about a result, who takes part, and whether the measure moved by the wave
it named. Plans are kept in the store with every earlier version; each change is audited. Viewers read the plans
they may see; analysts and admins also start, change, close, reopen and import them (shell.planning checks each
write). Everything a person wrote in a plan is shown as text."""

import pandas as pd
import streamlit as st

import plans
from shell import data, filters, planning
from shell.text import plain
from store import StoreError

FORM = "plan_form_"  # the form's widget keys start so
LOADED_KEY = "plan_form_loaded"  # the draft whose values the widgets hold
SAVED_KEY = "plan_saved_message"
REFUSED_KEY = "plan_refused_message"
ALL = "All agencies"
WHOLE = "Whole agency"
ACTION_COLUMNS = {"what": "What", "owner_role": "Owner (a role)", "due": "Due", "status": "Status"}
OVERDUE = "Overdue"  # the flag, in words, of an open plan's action past its due date and not done or dropped


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
        started=planning.today(),
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


def plan_form(draft: plans.Plan) -> None:
    load_form(draft)
    instrument = data.survey().instrument_of(filters.current_filters().wave)
    editing = draft.plan_id is not None
    st.header(f"Edit plan {draft.plan_id}" if editing else "Start a plan")
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
    # None: all agencies, a state-wide plan; only the scopes the reader may plan for
    agency_options = [a or ALL for a in [None, *every_agency] if planning.may_write(a)]
    if not agency_options:
        st.info("None of the agencies you plan for is in the survey yet, so there is nothing to plan for.")
        if st.button("Cancel", key=FORM + "cancel"):
            close_form()
            st.rerun()
        return
    if st.session_state.get(FORM + "agency") not in agency_options:
        st.session_state[FORM + "agency"] = agency_options[0]
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
            st.error("The plan was not saved:\n\n" + "\n".join(f"- {plain(p)}" for p in problems))
            return
        try:
            saved = planning.save(plan)
        except (StoreError, planning.NotAllowed) as error:
            st.error(plain(error))
            return
        close_form()
        st.session_state[SAVED_KEY] = f"Plan {saved} was saved."
        st.rerun()


def follow_through_line(plan: plans.Plan) -> str:
    """The measure's line as Markdown; the wave labels a person typed are text."""
    measure = planning.MEASURE_NAMES[plan.measure]
    start = "hidden" if plan.baseline is None else f"{plan.baseline:.1f}"
    target_wave = plain(plan.target_wave)
    line = f"{measure}: baseline {start} ({plain(plan.baseline_wave)}) → target {plan.target:.1f} by {target_wave}"
    result = planning.follow_through(plan)
    if result is None:
        return line + f" → {target_wave} not surveyed yet"
    if result.status == "not reportable":
        return line + f" → **not reportable**: {result.reason}"
    return (
        line + f" → actual {result.actual:.1f}: **{result.status}** "
        f"(change {result.change:+.1f}, 95 % interval {result.ci_low:+.1f} to {result.ci_high:+.1f})"
    )


def set_status(plan_id: str, status: str) -> None:
    try:
        planning.set_status(plan_id, status)
        st.session_state[SAVED_KEY] = f"Plan {plan_id} was {'closed' if status == 'closed' else 'reopened'}."
    except (StoreError, planning.NotAllowed) as error:
        st.session_state[REFUSED_KEY] = str(error)


def overdue_words(count: int) -> str:
    return f"{count} action{'s' if count > 1 else ''} {OVERDUE.lower()}"


def show_plan(plan: plans.Plan) -> None:
    with st.container(border=True):
        badge = ":green-badge[open]" if plan.status == "open" else ":gray-badge[closed]"
        late = plans.overdue(plan, planning.today())
        if any(late):
            badge += f" :orange-badge[:material/schedule: {overdue_words(sum(late))}]"
        st.markdown(
            f"**{plain(plan.plan_id)} · {plain(planning.focus_name(plan.focus))}** {badge}  \n"
            f"{plain(planning.scope_label(plan.agency, plan.unit))} · started {plan.started:%Y-%m-%d} · "
            f"{plain(plan.challenge)} challenge"
        )
        st.markdown("\n".join(f"> {plain(line)}" for line in plan.problem.splitlines()))
        st.markdown(follow_through_line(plan))
        if plan.stakeholders:
            st.caption("Stakeholders: " + plain(", ".join(plan.stakeholders)))
        if plan.actions:
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            ACTION_COLUMNS["what"]: a.what,
                            ACTION_COLUMNS["owner_role"]: a.owner_role,
                            ACTION_COLUMNS["due"]: a.due.isoformat() + (f" · {OVERDUE}" if is_late else ""),
                            ACTION_COLUMNS["status"]: a.status,
                        }
                        for a, is_late in zip(plan.actions, late, strict=True)
                    ]
                ),
                hide_index=True,
            )
        if planning.may_write(plan.agency):
            buttons = st.columns([1, 1, 6])
            if buttons[0].button("Edit", key=f"plan_edit_{plan.plan_id}", icon=":material/edit:"):
                st.session_state[planning.DRAFT_KEY] = plan
                st.rerun()
            other = "closed" if plan.status == "open" else "open"
            buttons[1].button(
                "Close" if other == "closed" else "Reopen",
                key=f"plan_status_{plan.plan_id}",
                on_click=set_status,
                args=(plan.plan_id, other),
            )
        with st.expander("Earlier versions"):
            st.dataframe(planning.history(plan.plan_id), hide_index=True)


def import_plans(upload) -> None:
    found, problems = plans.read_plans(
        upload.getvalue(), upload.name, data.survey().instrument_of(filters.current_filters().wave)
    )
    if problems:
        st.error("Nothing was imported:\n\n" + "\n".join(f"- {plain(p)}" for p in problems))
        return
    try:
        planning.import_plans(found)
    except (StoreError, planning.NotAllowed) as error:
        st.error(plain(error))
        return
    st.session_state[SAVED_KEY] = f"{len(found)} plans were imported."
    st.rerun()


planner = planning.is_planner()
st.title("Action plans")
st.markdown(
    "Name an urgent problem, bring in the people who touch it, plan, act, measure, and keep what works. Each plan "
    "is judged at the wave it named by the same rule as every change on these pages: a target counts as met only "
    "when the measure reached it with a real (meaningful) change."
)
if message := st.session_state.pop(SAVED_KEY, None):
    st.success(message)
if message := st.session_state.pop(REFUSED_KEY, None):
    st.error(plain(message))

draft = st.session_state.get(planning.DRAFT_KEY)
if not planner:
    close_form()  # a form opened elsewhere (Priorities) is not for a viewer
    st.caption("You can read the plans for your agencies and state-wide ones; analysts and admins write them.")
elif draft is not None:
    with st.container(border=True):
        plan_form(draft)
elif st.button("New plan", type="primary", icon=":material/add:", key="plan_new"):
    st.session_state[planning.DRAFT_KEY] = blank_plan()
    st.rerun()

shown = planning.visible_plans()
open_plans = [p for p in shown if p.status == "open"]
closed_plans = [p for p in shown if p.status == "closed"]
st.header(f"Open plans ({len(open_plans)})")
if not open_plans:
    st.caption("No open plans. Start one here or from the Priorities page." if planner else "No open plans.")
for plan in open_plans:
    show_plan(plan)
if closed_plans:
    st.header(f"Closed plans ({len(closed_plans)})")
    for plan in closed_plans:
        show_plan(plan)

st.header("Export and import" if planner else "Export")
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
if planner:
    upload = st.file_uploader(
        "Import plans (an Excel or CSV file exported here)", type=["xlsx", "csv"], key="plans_upload"
    )
    if upload is not None and st.button("Import", key="plans_import"):
        import_plans(upload)
