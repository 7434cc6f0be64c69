"""The audit log says who changed what and when; the version moves on every write; no personal data is kept."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import duckdb
import pandas as pd
import pytest

from store import Store
from tests.store.conftest import START, small_wave


def test_every_write_is_logged_with_who_when_and_what(store: Store) -> None:
    store.save_wave(small_wave(), wave="2025 Spring", instrument_name="d", filename="a.xlsx", who="ana")
    store.save_wave(small_wave(), wave="2025 Spring", instrument_name="d", filename="b.xlsx", who="ben", replace=True)
    store.delete_wave("2025 Spring", who="cy")
    store.save_roster(pd.DataFrame({"wave": ["W"], "agency": ["A"], "unit": ["U"], "invited": [9]}), who="di")
    store.save_instrument("Ours", "name = 'Ours'", who="ed")
    store.save_mapping("sig", "{}", who="fay")
    log = store.audit_log()
    assert list(log.columns) == ["id", "at", "who", "action", "wave", "filename", "detail"]
    assert log["id"].tolist() == [1, 2, 3, 4, 5, 6, 7]
    assert log["at"].tolist() == [pd.Timestamp(START + timedelta(seconds=s)) for s in range(7)]  # one reading a write
    assert str(log["at"].dtype) == "datetime64[us, UTC]"
    assert log["who"].tolist() == ["store", "ana", "ben", "cy", "di", "ed", "fay"]
    assert log["action"].tolist() == [
        "migrate", "save_wave", "replace_wave", "delete_wave", "save_roster", "save_instrument", "save_mapping"
    ]  # fmt: skip
    assert log["wave"].tolist()[1:5] == ["2025 Spring", "2025 Spring", "2025 Spring", "W"]
    assert log["wave"].iloc[[0, 5, 6]].isna().all()
    assert log["filename"].tolist()[1:3] == ["a.xlsx", "b.xlsx"]
    assert json.loads(log["detail"].iloc[1]) == {"answers": 8, "items": 3, "responses": 5}  # 4 + 4 + 0


def test_the_log_holds_counts_not_answers(store: Store) -> None:
    frame = small_wave()
    store.save_wave(frame, wave="2025 Spring", instrument_name="d", filename="a.xlsx", who="ana")
    text = store.audit_log().to_csv()
    for value in ("r1", "Riverside", "Pre-K", "executive"):
        assert value not in text


def test_the_version_changes_on_every_write_and_only_then(store: Store) -> None:
    seen = [store.version]
    store.save_wave(small_wave(), wave="2025 Spring", instrument_name="d", filename=None, who="ana")
    seen.append(store.version)
    store.responses(), store.waves(), store.roster(), store.audit_log()
    assert store.version == seen[-1]  # reading changes nothing
    store.save_mapping("sig", "{}", who="ana")
    seen.append(store.version)
    store.delete_wave("2025 Spring", who="ana")
    seen.append(store.version)
    assert seen == sorted(set(seen)) and len(seen) == 4


def test_a_refused_write_changes_nothing(store: Store) -> None:
    version = store.version
    with pytest.raises(ValueError):
        store.delete_wave("nope", who="ana")
    assert store.version == version


def test_two_store_objects_on_one_file_see_each_others_writes(store: Store) -> None:
    other = Store(store.path)
    before = other.version
    store.save_mapping("sig", "{}", who="ana")
    assert other.version > before and other.mapping("sig") == "{}"


PERSONAL = {"name", "names", "email", "mail", "ip", "address", "phone", "firstname", "lastname", "location", "latitude"}


def test_no_column_anywhere_can_hold_personal_data(store: Store) -> None:
    with duckdb.connect(str(store.path)) as con:
        columns = con.execute(
            "SELECT table_name, column_name FROM duckdb_columns() WHERE NOT internal AND schema_name = 'main'"
        ).fetchall()
    assert {table for table, _ in columns} >= {"waves", "responses", "answers", "rosters", "audit_log"}
    for table, column in columns:
        words = set(re.split(r"[_\W]+", column.lower()))
        assert not words & PERSONAL, f"{table}.{column} looks like personal data"


def test_a_clock_without_a_timezone_is_refused(tmp_path) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        Store(tmp_path / "s.duckdb", clock=lambda: START.replace(tzinfo=None))


def test_a_recorded_event_is_logged_but_leaves_the_version(tmp_path):
    """A board-pack download is audited with who and what, and does not invalidate cached tables."""
    from store import open_store

    store = open_store(tmp_path / "events.duckdb")
    before = store.version
    store.record("download_board_pack", who="ana@example.org", wave="2025 Spring", detail={"file": "pdf"})
    log = store.audit_log()
    assert log.iloc[-1][["who", "action", "wave"]].tolist() == ["ana@example.org", "download_board_pack", "2025 Spring"]
    assert store.version == before
    with pytest.raises(ValueError, match="not an event"):
        store.record("save_wave", who="x")
