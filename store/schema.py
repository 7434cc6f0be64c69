"""The store's tables and how an older store is brought up to date.

Why: a later release must open a store written by an earlier one. Each release that changes the tables adds one
function `migrate_<n>_to_<n+1>` to MIGRATIONS and raises SCHEMA_VERSION; opening a store runs the missing steps in
one transaction. Version 0 is a new, empty file (or one whose `schema_version` table is empty or holds 0).
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from store.errors import StoreError

SCHEMA_VERSION = 5

# Respondent attributes of the canonical table (indicators.md §2), in the order the contract lists them.
ATTRIBUTES = ("response_id", "wave", "agency", "agency_type", "unit", "role_level", "tenure_band", "program_area")


def migrate_0_to_1(con: duckdb.DuckDBPyConnection) -> None:
    """The first tables. Times are UTC without a zone (DuckDB's zoned type needs pytz to read back)."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    con.execute(
        """
        CREATE TABLE waves (
            wave VARCHAR PRIMARY KEY,
            instrument VARCHAR NOT NULL,
            filename VARCHAR,
            saved_at TIMESTAMP NOT NULL,
            saved_by VARCHAR NOT NULL,
            responses BIGINT NOT NULL,
            notes VARCHAR NOT NULL,          -- JSON list of text
            table_columns VARCHAR NOT NULL   -- JSON list: the canonical table's columns, in order
        )
        """
    )
    # One row per response: its attributes. The item answers are in `answers`, one row per answered item, so that
    # waves asked with different instruments live side by side. row_no keeps the order of the saved table.
    con.execute(
        """
        CREATE TABLE responses (
            wave VARCHAR NOT NULL,
            row_no INTEGER NOT NULL,
            response_id VARCHAR,
            agency VARCHAR,
            agency_type VARCHAR,
            unit VARCHAR,
            role_level VARCHAR,
            tenure_band VARCHAR,
            program_area VARCHAR,
            PRIMARY KEY (wave, row_no)
        )
        """
    )
    con.execute(
        """
        CREATE TABLE answers (
            wave VARCHAR NOT NULL,
            row_no INTEGER NOT NULL,
            item VARCHAR NOT NULL,
            value DOUBLE NOT NULL            -- a missing answer has no row
        )
        """
    )
    con.execute(
        """
        CREATE TABLE rosters (
            wave VARCHAR NOT NULL,
            row_no INTEGER NOT NULL,
            agency VARCHAR,
            unit VARCHAR,
            invited BIGINT NOT NULL
        )
        """
    )
    con.execute(
        """
        CREATE TABLE instruments (
            instrument VARCHAR PRIMARY KEY,
            toml VARCHAR NOT NULL,
            saved_at TIMESTAMP NOT NULL,
            saved_by VARCHAR NOT NULL
        )
        """
    )
    con.execute(
        """
        CREATE TABLE mappings (
            signature VARCHAR PRIMARY KEY,
            mapping VARCHAR NOT NULL,        -- JSON, as confirmed on the upload page
            saved_at TIMESTAMP NOT NULL,
            saved_by VARCHAR NOT NULL
        )
        """
    )
    con.execute(
        """
        CREATE TABLE audit_log (
            id BIGINT PRIMARY KEY,
            "at" TIMESTAMP NOT NULL,
            who VARCHAR NOT NULL,
            action VARCHAR NOT NULL,
            wave VARCHAR,
            filename VARCHAR,
            detail VARCHAR NOT NULL          -- JSON: counts of what changed, never answers or people
        )
        """
    )


def migrate_1_to_2(con: duckdb.DuckDBPyConnection) -> None:
    """Settings an admin may change (minimum group size, thresholds, tier cut points), one JSON value a key."""
    con.execute("CREATE TABLE settings (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)")


def migrate_2_to_3(con: duckdb.DuckDBPyConnection) -> None:
    """Action plans, one row per version: a change adds a version and never overwrites an earlier one."""
    con.execute(
        """
        CREATE TABLE plan_versions (
            plan_id VARCHAR NOT NULL,
            version INTEGER NOT NULL,        -- 1, 2, ... within a plan
            saved_at TIMESTAMP NOT NULL,
            saved_by VARCHAR NOT NULL,
            action VARCHAR NOT NULL,         -- create_plan, edit_plan, close_plan or reopen_plan
            body VARCHAR NOT NULL,           -- JSON object: the plan as the plans package writes it
            PRIMARY KEY (plan_id, version)
        )
        """
    )


def migrate_3_to_4(con: duckdb.DuckDBPyConnection) -> None:
    """Open-ended comments, and the word lists that shape them (redaction terms, the theme lexicon).

    `comments` holds text that is already redacted: ingest removes names and other details before the store sees a
    comment, so the file never holds them. `word_lists` keeps one JSON value a list, under "redaction_terms" (a list
    of text) and "lexicon" (a list of [domain, keyword] pairs). Its key column is not called "name", a word the
    audit tests keep for columns that could hold people's names.
    """
    con.execute(
        """
        CREATE TABLE comments (
            wave VARCHAR NOT NULL,
            seq INTEGER NOT NULL,            -- 0, 1, ... within a wave: the order the comments were given
            response_id VARCHAR NOT NULL,    -- one of the wave's responses
            question VARCHAR NOT NULL,
            text VARCHAR NOT NULL,           -- already redacted
            PRIMARY KEY (wave, seq)
        )
        """
    )
    con.execute(
        """
        CREATE TABLE word_lists (
            key VARCHAR PRIMARY KEY,         -- redaction_terms or lexicon
            value VARCHAR NOT NULL,          -- JSON
            saved_at TIMESTAMP NOT NULL,
            saved_by VARCHAR NOT NULL
        )
        """
    )


def migrate_4_to_5(con: duckdb.DuckDBPyConnection) -> None:
    """Every saved version of every instrument (the `instruments` table keeps the current one): a change to an
    instrument is never lost. The instruments already saved become their own version 1."""
    con.execute(
        """
        CREATE TABLE instrument_versions (
            instrument VARCHAR NOT NULL,
            version INTEGER NOT NULL,        -- 1, 2, ... within an instrument
            toml VARCHAR NOT NULL,
            saved_at TIMESTAMP NOT NULL,
            saved_by VARCHAR NOT NULL,
            PRIMARY KEY (instrument, version)
        )
        """
    )
    con.execute("INSERT INTO instrument_versions SELECT instrument, 1, toml, saved_at, saved_by FROM instruments")


MIGRATIONS: tuple[Callable[[duckdb.DuckDBPyConnection], None], ...] = (
    migrate_0_to_1,
    migrate_1_to_2,
    migrate_2_to_3,
    migrate_3_to_4,
    migrate_4_to_5,
)


def stored_version(con: duckdb.DuckDBPyConnection, path: str) -> int:
    """The schema version written in the file; refuses a file that holds tables but is not a store."""
    tables = {name for (name,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    if "schema_version" not in tables:
        if tables:
            raise StoreError(f"{path} is a DuckDB file but not an Effective Offices store; nothing was changed.")
        return 0
    rows = con.execute("SELECT version FROM schema_version").fetchall()
    if not rows:
        return 0
    if len(rows) > 1:
        raise StoreError(f"The store {path} is damaged (it records {len(rows)} schema versions); nothing was changed.")
    return int(rows[0][0])


def upgrade(con: duckdb.DuckDBPyConnection, current: int) -> None:
    """Run the migrations from `current` to SCHEMA_VERSION on `con`, inside the caller's transaction."""
    for step in MIGRATIONS[current:SCHEMA_VERSION]:
        step(con)
    con.execute("DELETE FROM schema_version")
    con.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION])
