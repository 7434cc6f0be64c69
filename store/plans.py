"""Action plans in the store: every version of every plan, as JSON, never overwritten.

Why: a plan is a team's commitment, and an agency must be able to see how it changed, who changed it and when.
The store does not know what a plan holds (the plans package does): it keeps the JSON object it is given with its
"plan_id" set to the id it is kept under, and reads only its "status" to tell a close or a reopen from an edit.
These functions run inside the caller's transaction; the Store writes the audit entry in the same one.
"""

from __future__ import annotations

import json
from datetime import datetime

import duckdb
import pandas as pd

from store.errors import StoreError
from store.layout import text_column

PLAN_ACTIONS = ("create_plan", "edit_plan", "close_plan", "reopen_plan")
CLOSED = "closed"


def body_text(body: object, plan_id: str) -> str:
    """The body as the JSON text kept in the file, with its "plan_id"; StoreError when JSON cannot hold it."""
    if not isinstance(body, dict):
        raise StoreError("A plan must be given as a dict of its fields; nothing was saved.")
    try:
        return json.dumps({**body, "plan_id": plan_id}, sort_keys=True, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise StoreError(f"The plan holds a value that cannot be kept ({error}); nothing was saved.") from None


def write_version(
    con: duckdb.DuckDBPyConnection, at: datetime, who: str, body: dict, plan_id: str | None
) -> tuple[str, int | None, str | None]:
    """Add a version of the plan (a new plan when `plan_id` is None): (plan id, version, audit action).

    A body equal to the plan's latest version adds nothing: (plan id, None, None).
    """
    previous = None
    if plan_id is None:
        number = con.execute(
            "SELECT coalesce(max(TRY_CAST(substr(plan_id, 2) AS INTEGER)), 0) + 1 FROM plan_versions "
            "WHERE plan_id LIKE 'P%'"
        ).fetchall()[0][0]
        plan_id = f"P{number:04d}"
    else:
        found = con.execute(
            "SELECT version, body FROM plan_versions WHERE plan_id = ? ORDER BY version DESC LIMIT 1", [plan_id]
        ).fetchall()
        if not found:
            raise StoreError(f"There is no plan '{plan_id}' to change; nothing was saved.")
        previous = (int(found[0][0]), json.loads(found[0][1]))
    text = body_text(body, plan_id)
    if previous is None:
        version, action = 1, "create_plan"
    else:
        kept = json.loads(text)
        if kept == previous[1]:
            return plan_id, None, None
        version, action = previous[0] + 1, _change(previous[1].get("status"), kept.get("status"))
    con.execute("INSERT INTO plan_versions VALUES (?, ?, ?, ?, ?, ?)", [plan_id, version, at, who, action, text])
    return plan_id, version, action


def _change(before: object, after: object) -> str:
    if before == after:
        return "edit_plan"
    return "close_plan" if after == CLOSED else "reopen_plan"


def latest_versions(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The latest version of every plan, by plan id: plan_id, version, saved_at (UTC), saved_by, body (dict)."""
    table = con.execute(
        "SELECT plan_id, version, saved_at, saved_by, body FROM plan_versions "
        "QUALIFY row_number() OVER (PARTITION BY plan_id ORDER BY version DESC) = 1 ORDER BY plan_id"
    ).df()
    return _typed(table)


def versions(con: duckdb.DuckDBPyConnection, plan_id: str) -> pd.DataFrame:
    """Every version of one plan, oldest first (the latest_versions columns and action); StoreError if unknown."""
    table = con.execute(
        "SELECT plan_id, version, saved_at, saved_by, action, body FROM plan_versions WHERE plan_id = ? "
        "ORDER BY version",
        [plan_id],
    ).df()
    if table.empty:
        raise StoreError(f"There is no plan '{plan_id}'.")
    return _typed(table)


def _typed(table: pd.DataFrame) -> pd.DataFrame:
    for column in ("plan_id", "saved_by", "action"):
        if column in table:
            table[column] = text_column(table[column].to_numpy())
    table["version"] = table["version"].astype("int64")
    table["saved_at"] = pd.to_datetime(table["saved_at"]).dt.tz_localize("UTC")
    table["body"] = pd.Series([json.loads(text) for text in table["body"]], index=table.index, dtype="object")
    return table
