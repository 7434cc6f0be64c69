"""Action plans in the store: every version kept, every change audited, imports all or nothing, the indicator
cache key left alone, and a save killed half-way leaves nothing behind."""

from __future__ import annotations

import json
import signal
from datetime import timedelta
from pathlib import Path

import duckdb
import pandas as pd
import pytest

import store.schema
from store import Store, StoreError
from store.plans import write_version
from tests.store.conftest import START, small_wave
from tests.store.test_durability import finished, worker

BODY = {
    "plan_id": None,
    "focus": "VIS",
    "agency": "Riverside USD",
    "unit": None,
    "problem": "Staff do not see how the Pre-K plan connects to their work.",
    "challenge": "adaptive",
    "stakeholders": ["LEAs", "Families"],
    "actions": [{"what": "Share the plan", "owner_role": "Director", "due": "2025-09-30", "status": "not started"}],
    "measure": "score",
    "baseline_wave": "2025 Spring",
    "baseline": 58.3,
    "target": 65.0,
    "target_wave": "2026 Spring",
    "started": "2025-06-02",
    "status": "open",
}


def body(**changes: object) -> dict:
    return {**BODY, **changes}


def at(seconds: int) -> pd.Timestamp:
    return pd.Timestamp(START + timedelta(seconds=seconds))


def plan_entries(store: Store) -> pd.DataFrame:
    log = store.audit_log()
    return log[log["action"].str.endswith("_plan")].reset_index(drop=True)


def test_a_plan_comes_back_as_saved_with_its_id(store: Store) -> None:
    assert store.save_plan(BODY, who="ana") == "P0001"
    assert store.save_plan(body(focus="LEAD2"), who="ben") == "P0002"
    table = store.plans()
    assert list(table.columns) == ["plan_id", "version", "saved_at", "saved_by", "body"]
    assert table["plan_id"].tolist() == ["P0001", "P0002"]
    assert table["version"].tolist() == [1, 1] and str(table["version"].dtype) == "int64"
    assert table["saved_at"].tolist() == [at(1), at(2)]  # reading 0 was the migration
    assert str(table["saved_at"].dtype) == "datetime64[us, UTC]"
    assert table["saved_by"].tolist() == ["ana", "ben"]
    assert table["body"].tolist() == [body(plan_id="P0001"), body(plan_id="P0002", focus="LEAD2")]
    assert BODY["plan_id"] is None  # the body given is not changed


def test_no_plans_give_an_empty_table(store: Store) -> None:
    table = store.plans()
    assert list(table.columns) == ["plan_id", "version", "saved_at", "saved_by", "body"] and table.empty


def test_the_plans_package_round_trips_through_the_store(store: Store) -> None:
    from plans import from_record, to_record
    from tests.plans.conftest import a_plan

    plan = a_plan(problem="Zoë's «team»\n=1+1", baseline=None)
    plan_id = store.save_plan(to_record(plan), who="ana")
    assert [from_record(b) for b in store.plans()["body"]] == [
        a_plan(plan_id=plan_id, problem=plan.problem, baseline=None)
    ]


def test_every_version_is_kept_and_audited(store: Store) -> None:
    plan_id = store.save_plan(BODY, who="ana")
    assert store.save_plan(body(target=70.0), who="ben", plan_id=plan_id) == plan_id
    store.save_plan(body(target=70.0, status="closed"), who="cy", plan_id=plan_id)
    store.save_plan(body(target=72.5, status="open"), who="di", plan_id=plan_id)
    store.save_plan(body(target=72.5, status="open", problem="Reworded"), who="ed", plan_id=plan_id)
    history = store.plan_history(plan_id)
    assert list(history.columns) == ["plan_id", "version", "saved_at", "saved_by", "action", "body"]
    assert history["version"].tolist() == [1, 2, 3, 4, 5]
    assert history["action"].tolist() == ["create_plan", "edit_plan", "close_plan", "reopen_plan", "edit_plan"]
    assert history["saved_by"].tolist() == ["ana", "ben", "cy", "di", "ed"]
    assert history["saved_at"].tolist() == [at(s) for s in range(1, 6)]
    assert [b["target"] for b in history["body"]] == [65.0, 70.0, 70.0, 72.5, 72.5]
    assert history["body"].iloc[0] == body(plan_id="P0001")  # the first version, as it was
    latest = store.plans().iloc[0]
    assert (latest["version"], latest["body"]["problem"]) == (5, "Reworded")
    log = plan_entries(store)
    assert log["who"].tolist() == ["ana", "ben", "cy", "di", "ed"]
    assert log["at"].tolist() == [at(s) for s in range(1, 6)]
    assert log["action"].tolist() == history["action"].tolist()
    assert [json.loads(d) for d in log["detail"]] == [{"plan_id": "P0001", "version": v} for v in range(1, 6)]
    assert log["wave"].isna().all() and log["filename"].isna().all()
    assert "Reworded" not in store.audit_log().to_csv() and "Pre-K" not in store.audit_log().to_csv()


def test_a_body_equal_to_the_latest_version_changes_nothing(store: Store) -> None:
    plan_id = store.save_plan(BODY, who="ana")
    entries = len(store.audit_log())
    assert store.save_plan(BODY, who="ben", plan_id=plan_id) == plan_id
    assert store.save_plan(body(plan_id=plan_id, target=65), who="ben", plan_id=plan_id) == plan_id  # 65 == 65.0
    assert store.save_plan(dict(reversed(BODY.items())), who="ben", plan_id=plan_id) == plan_id  # key order
    assert len(store.audit_log()) == entries
    assert store.plan_history(plan_id)["version"].tolist() == [1]


def test_the_body_is_kept_under_the_id_it_is_saved_as(store: Store) -> None:
    store.save_plan(body(plan_id="P0042"), who="ana")
    assert store.plans()["body"].iloc[0]["plan_id"] == "P0001"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: s.save_plan(BODY, who="ana", plan_id="P0009"), "There is no plan 'P0009' to change"),
        (lambda s: s.save_plan(body(target=float("nan")), who="ana"), "cannot be kept"),
        (lambda s: s.save_plan(body(stakeholders={"LEAs"}), who="ana"), "cannot be kept"),
        (lambda s: s.save_plan([("focus", "VIS")], who="ana"), "must be given as a dict"),
        (lambda s: s.save_plan(BODY, who=" "), "The who must be non-empty text"),
        (lambda s: s.save_plan(BODY, who="ana", plan_id=""), "The plan id must be non-empty text"),
        (lambda s: s.plan_history("P0009"), "There is no plan 'P0009'."),
    ],
)
def test_a_refused_plan_changes_nothing(store: Store, call, message) -> None:
    store.save_plan(BODY, who="ana")
    before = store.plans(), store.audit_log()
    with pytest.raises(StoreError, match=message):
        call(store)
    pd.testing.assert_frame_equal(store.plans(), before[0])
    pd.testing.assert_frame_equal(store.audit_log(), before[1])


def test_an_import_is_one_transaction(store: Store) -> None:
    first = store.save_plan(BODY, who="ana")
    ids = store.save_plans(
        [(None, body(focus="TRU")), (first, body(status="closed")), (None, body(focus="PAR"))], "ben"
    )
    assert ids == ["P0002", "P0001", "P0003"]
    assert store.plans()["version"].tolist() == [2, 1, 1]
    log = plan_entries(store)
    assert log["action"].tolist() == ["create_plan", "create_plan", "close_plan", "create_plan"]
    assert log["at"].tolist() == [at(1), at(2), at(2), at(2)]  # one reading of the clock for the import


def test_an_import_that_fails_half_way_keeps_nothing(store: Store) -> None:
    store.save_plan(BODY, who="ana")
    before = store.plans(), store.audit_log()
    with pytest.raises(StoreError, match="There is no plan 'P0077' to change"):
        store.save_plans([(None, body(focus="TRU")), ("P0001", body(target=99.0)), ("P0077", BODY)], who="ben")
    pd.testing.assert_frame_equal(store.plans(), before[0])
    pd.testing.assert_frame_equal(store.audit_log(), before[1])
    assert store.save_plans([(None, body(focus="TRU"))], who="ben") == ["P0002"]  # the id was not used up


def test_an_import_that_the_database_refuses_keeps_nothing(store: Store, monkeypatch) -> None:
    """A failure inside DuckDB after some plans are written (here a version number clashing with the key)."""
    store.save_plan(BODY, who="ana")
    before = store.plans(), store.audit_log()
    calls = []

    def clashing(con, at, who, body, plan_id):
        calls.append(plan_id)
        if len(calls) == 2:
            con.execute("INSERT INTO plan_versions VALUES ('P0001', 1, now(), 'x', 'edit_plan', '{}')")
        return write_version(con, at, who, body, plan_id)

    monkeypatch.setattr("store.store.write_version", clashing)
    with pytest.raises(duckdb.ConstraintException):
        store.save_plans([(None, body(focus="TRU")), ("P0001", body(target=99.0))], who="ben")
    pd.testing.assert_frame_equal(store.plans(), before[0])
    pd.testing.assert_frame_equal(store.audit_log(), before[1])


def test_plan_saves_leave_the_version_alone(store: Store) -> None:
    store.save_wave(small_wave(), wave="2025 Spring", instrument_name="d", filename=None, who="ana")
    version = store.version
    plan_id = store.save_plan(BODY, who="ana")
    store.save_plan(body(status="closed"), who="ana", plan_id=plan_id)
    store.save_plan(body(status="open"), who="ana", plan_id=plan_id)
    store.save_plan(body(target=70.0), who="ana", plan_id=plan_id)
    store.save_plans([(None, BODY)], who="ana")
    assert store.version == version
    store.save_mapping("sig", "{}", who="ana")  # and the next write of data still moves it on
    assert store.version > version


def small_sample(store: Store, plans=()) -> tuple[str, ...]:
    return store.ensure_sample(
        "responses.xlsx",
        "roster.xlsx",
        read_responses=lambda path: small_wave(),
        read_roster=lambda path: pd.DataFrame(
            {"wave": ["2025 Spring"], "agency": ["A"], "unit": ["U"], "invited": [9]}
        ),
        instrument_name="d",
        plans=plans,
    )


def test_plans_saved_before_any_wave_do_not_stop_the_sample(store: Store) -> None:
    store.save_plan(BODY, who="ana")
    assert small_sample(store) == ("2025 Spring",)
    assert small_sample(store) == ()


def test_the_sample_brings_its_plans_in_the_same_transaction(store: Store) -> None:
    assert small_sample(store, plans=[BODY, body(focus="TRU")]) == ("2025 Spring",)
    table = store.plans()
    assert table["plan_id"].tolist() == ["P0001", "P0002"] and set(table["saved_by"]) == {"sample"}
    log = store.audit_log()
    assert log["action"].tolist() == ["migrate", "save_wave", "save_roster", "create_plan", "create_plan"]
    assert set(log["at"].iloc[1:]) == {at(1)}
    assert small_sample(store, plans=[body(focus="PAR")]) == ()  # never again, plans neither
    assert len(store.plans()) == 2


def test_a_sample_whose_plan_fails_keeps_nothing(store: Store, monkeypatch) -> None:
    def failing(*arguments):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("store.store.write_version", failing)
    with pytest.raises(RuntimeError, match="disk on fire"):
        small_sample(store, plans=[BODY])
    assert store.waves().empty and store.roster().empty and store.audit_log()["action"].tolist() == ["migrate"]


def test_a_sample_plan_that_json_cannot_hold_is_refused_before_anything_is_read(store: Store) -> None:
    with pytest.raises(StoreError, match="cannot be kept"):
        small_sample(store, plans=[body(target=float("inf"))])
    assert store.waves().empty


def test_a_version_2_store_gains_the_plans_table_and_keeps_its_waves(tmp_path: Path) -> None:
    path = tmp_path / "v2.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("BEGIN TRANSACTION")
        store.schema.migrate_0_to_1(con)
        store.schema.migrate_1_to_2(con)
        con.execute("INSERT INTO schema_version VALUES (2)")
        con.execute(
            "INSERT INTO waves VALUES ('2024 Spring', 'default', 'a.xlsx', TIMESTAMP '2024-05-01', 'x', 0, '[]', '[]')"
        )
        con.execute("INSERT INTO settings VALUES ('min_n', '7')")
        con.execute(
            "INSERT INTO audit_log VALUES (1, TIMESTAMP '2024-05-01', 'x', 'save_wave', '2024 Spring', NULL, '{}')"
        )
        con.execute("COMMIT")
    opened = Store(path)
    with duckdb.connect(str(path)) as con:
        tables = {name for (name,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert con.execute("SELECT version FROM schema_version").fetchall() == [(store.schema.SCHEMA_VERSION,)]
    assert "plan_versions" in tables
    assert opened.waves()["wave"].tolist() == ["2024 Spring"]
    assert opened.settings()["min_n"] == 7
    log = opened.audit_log()
    assert log["action"].tolist() == ["save_wave", "migrate"]
    assert json.loads(log["detail"].iloc[-1]) == {"from_version": 2, "to_version": store.schema.SCHEMA_VERSION}
    version = opened.version
    assert opened.save_plan(BODY, who="ana") == "P0001"
    assert opened.version == version


# Killed mid-way -------------------------------------------------------------------------------------------------


@pytest.fixture
def kept(store: Store) -> dict[str, pd.DataFrame]:
    """A store with a wave and two plans, one at its second version; what it looks like."""
    store.save_wave(small_wave(), wave="2025 Spring", instrument_name="d", filename="a.xlsx", who="ana")
    store.save_plan(BODY, who="ana")
    store.save_plan(body(target=70.0), who="ana", plan_id="P0001")
    store.save_plan(body(focus="TRU"), who="ana")
    return plan_snapshot(store)


def plan_snapshot(store: Store) -> dict[str, pd.DataFrame]:
    return {
        "plans": store.plans(),
        "P0001": store.plan_history("P0001"),
        "P0002": store.plan_history("P0002"),
        "audit": store.audit_log(),
        "responses": store.responses(),
    }


@pytest.mark.parametrize(
    ("command", "ids"),
    [("save-plan", "new"), ("save-plan", "P0001"), ("save-plans", "P0002,new,P0001")],
)
def test_a_plan_save_killed_before_its_commit_leaves_the_plans_as_they_were(store: Store, kept, command, ids) -> None:
    changed = json.dumps(body(target=99.0, status="closed"))
    code, out, err = finished(worker(store.path, command, ids, changed, "--kill-before-commit"), timeout=120)
    assert code == -signal.SIGKILL, err
    assert "inserted" in out and "saved" not in out  # killed with a version and its audit entry written
    reopened = Store(store.path)
    for name, table in plan_snapshot(reopened).items():
        pd.testing.assert_frame_equal(table, kept[name], obj=name)
    with duckdb.connect(str(store.path)) as con:
        assert con.execute("SELECT count(*) FROM plan_versions").fetchall() == [(3,)]
    # and the store still works: the same save now goes through
    code, out, err = finished(worker(store.path, command, ids, changed), timeout=120)
    assert (code, out.strip()) == (0, "saved"), err
    assert len(Store(store.path).plan_history("P0001")) == (3 if "P0001" in ids else 2)
