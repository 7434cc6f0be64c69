"""Opening stores: a new one is created, an older one is brought up to date, a newer one is refused untouched."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest

import store.schema
from store import SCHEMA_VERSION, STORE_ENV, Store, StoreError, default_path, open_store
from tests.store.conftest import ROOT, small_wave

TABLES = {
    "schema_version",
    "waves",
    "responses",
    "answers",
    "rosters",
    "instruments",
    "mappings",
    "audit_log",
    "settings",
    "plan_versions",
    "comments",
    "word_lists",
    "instrument_versions",
}


def tables_and_version(path: Path) -> tuple[set[str], list[tuple]]:
    with duckdb.connect(str(path)) as con:
        tables = {name for (name,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        version = con.execute("SELECT version FROM schema_version").fetchall() if "schema_version" in tables else []
    return tables, version


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def test_a_new_store_is_created_with_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "s.duckdb"
    Store(path)
    assert tables_and_version(path) == (TABLES, [(SCHEMA_VERSION,)])


def test_migrations_are_one_function_a_version_named_for_their_step() -> None:
    assert len(store.schema.MIGRATIONS) == SCHEMA_VERSION == 5
    for step, migration in enumerate(store.schema.MIGRATIONS):
        assert migration.__name__ == f"migrate_{step}_to_{step + 1}"


@pytest.mark.parametrize(
    "version_zero",
    [
        [],  # an empty DuckDB file
        ["CREATE TABLE schema_version (version INTEGER NOT NULL)"],
        ["CREATE TABLE schema_version (version INTEGER NOT NULL)", "INSERT INTO schema_version VALUES (0)"],
    ],
)
def test_a_version_0_store_is_brought_up_to_date(tmp_path: Path, version_zero: list[str]) -> None:
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:
        for statement in version_zero:
            con.execute(statement)
    opened = Store(path)
    assert tables_and_version(path) == (TABLES, [(SCHEMA_VERSION,)])
    first = opened.audit_log().iloc[0]
    assert (first["who"], first["action"]) == ("store", "migrate")
    assert json.loads(first["detail"]) == {"from_version": 0, "to_version": SCHEMA_VERSION}
    opened.save_wave(small_wave(), wave="2025 Spring", instrument_name="d", filename=None, who="ana")
    pd.testing.assert_frame_equal(Store(path).responses(), small_wave())  # and it opens again without migrating
    assert Store(path).audit_log()["action"].tolist() == ["migrate", "save_wave"]


def test_a_failing_migration_leaves_the_old_store_as_it_was(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        con.execute("INSERT INTO schema_version VALUES (0)")

    def half_done(con: duckdb.DuckDBPyConnection) -> None:
        con.execute("CREATE TABLE waves (wave VARCHAR)")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store.schema, "MIGRATIONS", (half_done,))
    with pytest.raises(RuntimeError, match="disk on fire"):
        Store(path)
    assert tables_and_version(path) == ({"schema_version"}, [(0,)])


def test_a_store_from_a_newer_release_is_refused_and_not_touched(tmp_path: Path) -> None:
    path = tmp_path / "newer.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        con.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION + 1])
        con.execute("CREATE TABLE waves_v2 (wave VARCHAR)")
    before = fingerprint(path)
    with pytest.raises(StoreError) as refusal:
        Store(path)
    assert str(refusal.value) == (
        "The store newer.duckdb was written by a newer release of Effective Offices (store version 6; this release "
        "reads up to 5). Update the dashboard to open it; the store was not changed."
    )
    assert fingerprint(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["newer.duckdb"]  # no write-ahead log either


def test_a_duckdb_file_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE customers (id INTEGER)")
    with pytest.raises(StoreError, match="is a DuckDB file but not an Effective Offices store; nothing was changed"):
        Store(path)
    assert tables_and_version(path) == ({"customers"}, [])


def test_a_file_that_is_not_duckdb_is_refused_in_plain_words(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("these are my notes, not a database\n" * 200)
    with pytest.raises(StoreError, match="could not be read: it is damaged .* or is not an Effective Offices store"):
        Store(path)
    assert path.read_text().startswith("these are my notes")


def test_the_default_path_is_in_the_repository_unless_the_environment_says_otherwise(tmp_path: Path) -> None:
    assert default_path({}) == ROOT / "data" / "store" / "effective_offices.duckdb"
    assert default_path({STORE_ENV: "  "}) == ROOT / "data" / "store" / "effective_offices.duckdb"
    assert default_path({STORE_ENV: str(tmp_path / "x.duckdb")}) == tmp_path / "x.duckdb"


def test_open_store_uses_the_environment_or_the_path_given(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(STORE_ENV, str(tmp_path / "env" / "s.duckdb"))
    assert open_store().path == (tmp_path / "env" / "s.duckdb").resolve()
    assert open_store(tmp_path / "given.duckdb").path == (tmp_path / "given.duckdb").resolve()
    assert (tmp_path / "env" / "s.duckdb").is_file()


def test_the_store_folder_is_ignored_by_git() -> None:
    assert "/data/store/" in (ROOT / ".gitignore").read_text().splitlines()


def test_a_version_1_store_gains_the_later_tables_and_keeps_its_waves(tmp_path: Path) -> None:
    """A store written by the release before settings existed opens, migrates in place (to the latest version,
    settings and plans included), and loses nothing."""
    path = tmp_path / "v1.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("BEGIN TRANSACTION")
        store.schema.migrate_0_to_1(con)
        con.execute("INSERT INTO schema_version VALUES (1)")
        con.execute(
            "INSERT INTO waves VALUES ('2023 Spring', 'default', NULL, TIMESTAMP '2023-05-01', 'x', 0, '[]', '[]')"
        )
        con.execute("COMMIT")
    opened = Store(path)
    assert tables_and_version(path) == (TABLES, [(SCHEMA_VERSION,)])
    assert opened.waves()["wave"].tolist() == ["2023 Spring"]
    assert opened.settings()["min_n"] == 5
    assert opened.plans().empty
    assert opened.audit_log()["action"].tolist()[-1] == "migrate"
