"""Action plans: from a result to what a team will do about it, and how it will know it worked.

A pure package (the standard library, openpyxl and the instrument type of `metrics`; never Streamlit, never the
store): the store keeps a plan as the JSON dict `to_record` makes, with every earlier version.

    plan = Plan(focus="VIS", agency=None, unit=None, problem="...", challenge="adaptive", stakeholders=("LEAs",),
                actions=(Action("Meet monthly", "Director", date(2025, 10, 1)),), measure="score",
                baseline_wave="2025 Spring", baseline=58.3, target=65.0, target_wave="2026 Spring",
                started=date(2025, 6, 1))
    problems(plan, instrument)                      # [] when it can be saved; else every reason, in plain words
    overdue(plan, date.today())                     # for each action, whether it is past due and unfinished
    plan_id = store.save_plan(to_record(plan), who=user)
    plans = [from_record(body) for body in store.plans()["body"]]
    data = plans_to_xlsx(plans)                     # or plans_to_csv(plans)
    read, problems_found = read_plans(data, "plans.xlsx", instrument)
"""

from plans.files import plans_to_csv, plans_to_xlsx, read_plans
from plans.model import (
    ACTION_STATUSES,
    CHALLENGE_HELP,
    CHALLENGES,
    MEASURES,
    PLAN_STATUSES,
    STAKEHOLDERS,
    Action,
    Plan,
    from_record,
    judged,
    overdue,
    problems,
    to_record,
    wave_order_key,
)

__all__ = [
    "ACTION_STATUSES",
    "CHALLENGES",
    "CHALLENGE_HELP",
    "MEASURES",
    "PLAN_STATUSES",
    "STAKEHOLDERS",
    "Action",
    "Plan",
    "from_record",
    "judged",
    "overdue",
    "plans_to_csv",
    "plans_to_xlsx",
    "problems",
    "read_plans",
    "to_record",
    "wave_order_key",
]
