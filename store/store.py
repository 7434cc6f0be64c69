"""The store: survey waves (with their redacted comments), rosters, instruments, confirmed mappings, action plans and
word lists in one DuckDB file, with an audit log.

Why: uploads must outlive a browser tab, a replace or delete must be all-or-nothing, and an agency must be able to
see who changed what and when. Every write is one transaction that also writes its audit entry; the file is open
only for the length of one operation, so that other processes can take their turn (see connection.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from store import comments as open_text
from store import layout
from store.connection import connection, transaction
from store.errors import StoreError
from store.plans import PLAN_ACTIONS, body_text, latest_versions, versions, write_version
from store.schema import ATTRIBUTES, SCHEMA_VERSION, stored_version, upgrade
from store.settings import checked

STORE_ENV = "EFFECTIVE_OFFICES_STORE"
DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "store" / "effective_offices.duckdb"
# Audit actions that mean waves have been kept here: after any of them, the sample is never loaded again.
_WAVE_ACTIONS = ("save_wave", "replace_wave", "delete_wave")


EVENT_ACTIONS = ("download_board_pack", "save_access")  # audit entries that change no stored data
# Audit actions that leave `version` as it was: events, and plan saves (plans are read fresh on every run, while
# pages key their indicator caches on the version).
_UNVERSIONED_ACTIONS = EVENT_ACTIONS + PLAN_ACTIONS


def _utc_now() -> datetime:
    return datetime.now(UTC)


def default_path(environ: dict[str, str] | None = None) -> Path:
    """$EFFECTIVE_OFFICES_STORE when set, else data/store/effective_offices.duckdb in the repository."""
    configured = (os.environ if environ is None else environ).get(STORE_ENV, "").strip()
    return Path(configured) if configured else DEFAULT_PATH


def open_store(
    path: str | Path | None = None, *, clock: Callable[[], datetime] = _utc_now, lock_timeout: float = 30.0
) -> Store:
    """The store at `path`, or at default_path() when None (the one place that reads the environment)."""
    return Store(default_path() if path is None else path, clock=clock, lock_timeout=lock_timeout)


def mapping_signature(columns: Iterable[str]) -> str:
    """A fingerprint of an export's set of column names (order and repeats aside), to find its saved mapping."""
    names = sorted({str(column) for column in columns})
    return hashlib.sha256(json.dumps(names, ensure_ascii=False).encode("utf-8")).hexdigest()


class Store:
    """One store file. Opening it creates the file, or brings an older store up to date; a newer one is refused.

    `clock` gives the time of each write (timezone-aware); `lock_timeout` is how many seconds an operation waits
    for another process that has the file open before giving up with a StoreError.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        clock: Callable[[], datetime] = _utc_now,
        lock_timeout: float = 30.0,
    ) -> None:
        self.path = Path(path).expanduser().resolve()
        self._clock = clock
        self._timeout = float(lock_timeout)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._open()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    # -- opening -------------------------------------------------------------------------------------------

    def _open(self) -> None:
        """Check the schema version; migrate in one transaction when older. A newer store is never written."""
        with connection(self.path, self._timeout) as con:
            found = stored_version(con, str(self.path))
        if found > SCHEMA_VERSION:
            raise StoreError(
                f"The store {self.path.name} was written by a newer release of Effective Offices (store version "
                f"{found}; this release reads up to {SCHEMA_VERSION}). Update the dashboard to open it; the store "
                "was not changed."
            )
        if found == SCHEMA_VERSION:
            return
        with transaction(self.path, self._timeout) as con:
            found = stored_version(con, str(self.path))  # another process may have migrated meanwhile
            if found < SCHEMA_VERSION:
                upgrade(con, found)
                self._log(
                    con, self._now(), "store", "migrate", detail={"from_version": found, "to_version": SCHEMA_VERSION}
                )

    # -- waves ---------------------------------------------------------------------------------------------

    def save_wave(
        self,
        responses: pd.DataFrame,
        *,
        wave: str,
        instrument_name: str,
        filename: str | None,
        who: str,
        notes: Sequence[str] = (),
        replace: bool = False,
        comments: pd.DataFrame | None = None,
    ) -> None:
        """Keep one wave's canonical table, and its open-ended comments when given. Refuses to overwrite a stored
        wave unless `replace` is True; a replace drops the old wave's comments with its responses.

        `comments` has columns response_id, question and text, one row a comment, in the order to keep. The text
        must already be redacted (ingest does it; the store never sees the names). Every response_id must be one
        of the wave's responses, and question and text non-blank text; else StoreError and nothing is saved.
        One transaction holds the rows, the comments, the waves entry and the audit entry: all are kept, or none.
        """
        wave, who = _label(wave, "wave"), _label(who, "who")
        instrument_name = _label(instrument_name, "instrument name")
        stored = layout.stored_wave(responses, wave)
        comment_rows = (
            None if comments is None else open_text.comment_rows(comments, stored.attributes["response_id"], wave)
        )
        at = self._now()
        with transaction(self.path, self._timeout) as con:
            self._write_wave(
                con,
                at,
                stored,
                wave=wave,
                instrument=instrument_name,
                filename=filename,
                who=who,
                notes=notes,
                replace=replace,
                comments=comment_rows,
            )

    def _write_wave(
        self,
        con: duckdb.DuckDBPyConnection,
        at: datetime,
        stored: layout.StoredWave,
        *,
        wave: str,
        instrument: str,
        filename: str | None,
        who: str,
        notes: Sequence[str],
        replace: bool,
        comments: pd.DataFrame | None,
    ) -> None:
        previous = _rows(con, "SELECT responses FROM waves WHERE wave = ?", [wave])
        if previous and not replace:
            raise StoreError(
                f"A wave called '{wave}' is already stored ({previous[0][0]} responses). Confirm that this file "
                "replaces it, or give the new wave another name; nothing was saved."
            )
        if previous:
            _delete_wave_rows(con, wave)
        con.register("new_responses", stored.attributes)
        con.register("new_answers", stored.answers)
        try:
            names = ", ".join(name for name in ATTRIBUTES if name != "wave")
            con.execute(
                f"INSERT INTO responses (wave, row_no, {names}) SELECT ?, row_no, {names} FROM new_responses", [wave]
            )
            con.execute(
                "INSERT INTO answers (wave, row_no, item, value) SELECT ?, row_no, item, value FROM new_answers",
                [wave],
            )
        finally:
            con.unregister("new_responses")
            con.unregister("new_answers")
        if comments is not None:
            open_text.write_comments(con, wave, comments)
        filename = _file_name(filename)
        con.execute(
            "INSERT INTO waves VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                wave,
                instrument,
                filename,
                at,
                who,
                stored.count,
                json.dumps(_notes(notes)),
                json.dumps(list(stored.columns)),
            ],
        )
        detail = {"responses": stored.count, "items": len(stored.items), "answers": len(stored.answers)}
        if comments is not None:
            detail["comments"] = len(comments)
        if previous:
            detail["previous_responses"] = int(previous[0][0])
        action = "replace_wave" if previous else "save_wave"
        self._log(con, at, who, action, wave=wave, filename=filename, detail=detail)

    def delete_wave(self, wave: str, who: str) -> None:
        """Remove a wave's responses and comments (its roster rows stay; they are the roster's own); logged."""
        wave, who = _label(wave, "wave"), _label(who, "who")
        with transaction(self.path, self._timeout) as con:
            previous = _rows(con, "SELECT responses FROM waves WHERE wave = ?", [wave])
            if not previous:
                raise StoreError(f"There is no wave called '{wave}' to delete.")
            _delete_wave_rows(con, wave)
            self._log(con, self._now(), who, "delete_wave", wave=wave, detail={"responses": int(previous[0][0])})

    def waves(self) -> pd.DataFrame:
        """One row per stored wave, sorted by label: wave, instrument, filename, saved_at (UTC), saved_by,
        responses, notes (a tuple of text)."""
        with connection(self.path, self._timeout) as con:
            table = con.execute(
                "SELECT wave, instrument, filename, saved_at, saved_by, responses, notes FROM waves ORDER BY wave"
            ).df()
        for column in ("wave", "instrument", "filename", "saved_by"):
            table[column] = layout.text_column(table[column].to_numpy())
        table["saved_at"] = _utc(table["saved_at"])
        table["responses"] = table["responses"].astype("int64")
        table["notes"] = pd.Series([tuple(json.loads(text)) for text in table["notes"]], dtype="object")
        return table

    def responses(self, waves: str | Sequence[str] | None = None) -> pd.DataFrame:
        """The canonical table of all waves, or of those named, in wave-label order, each in its saved row order.

        One wave comes back exactly as saved. Several waves share the union of their columns (in order of first
        appearance); a column a wave did not have is missing (NaN) on its rows.
        """
        with connection(self.path, self._timeout) as con:
            con.begin()  # one snapshot: a save by another session of this process cannot land half-way through
            stored = {w: json.loads(c) for w, c in _rows(con, "SELECT wave, table_columns FROM waves", [])}
            chosen = sorted(stored) if waves is None else _chosen(waves, stored)
            if not chosen:
                return layout.empty_responses()
            columns = list(dict.fromkeys(c for w in chosen for c in stored[w]))
            items = list(layout.item_columns(columns))
            attribute_names = ", ".join(ATTRIBUTES)
            tables = []
            for wave in chosen:
                attributes = con.execute(
                    f"SELECT {attribute_names} FROM responses WHERE wave = ? ORDER BY row_no", [wave]
                ).df()
                answers = con.execute(
                    "SELECT row_no, CAST(list_position(?::VARCHAR[], item) AS INTEGER) - 1 AS position, value "
                    "FROM answers WHERE wave = ?",
                    [items, wave],
                ).fetchnumpy()
                answers = {key: np.asarray(values) for key, values in answers.items()}
                tables.append(layout.canonical_table(columns, attributes, answers, len(attributes)))
        return pd.concat(tables, ignore_index=True) if len(tables) > 1 else tables[0]

    def comments(self, waves: str | Sequence[str] | None = None) -> pd.DataFrame:
        """The comments of all waves, or of those named (StoreError for a wave not stored), by wave label then in
        the order saved: wave, response_id, question, text (all text). No rows, same columns, when there are none."""
        with connection(self.path, self._timeout) as con:
            con.begin()
            if waves is None:
                return open_text.read_comments(con, None)
            stored = {w for (w,) in _rows(con, "SELECT wave FROM waves", [])}
            return open_text.read_comments(con, _chosen(waves, stored))

    # -- rosters -------------------------------------------------------------------------------------------

    def save_roster(self, roster: pd.DataFrame, who: str, filename: str | None = None) -> None:
        """Keep a roster (wave, agency, unit, invited); it replaces the stored roster of each wave it covers.

        Only those four columns are kept. One audit entry per wave, in the same transaction.
        """
        who = _label(who, "who")
        table = layout.roster_rows(roster)
        with transaction(self.path, self._timeout) as con:
            self._write_roster(con, self._now(), table, who=who, filename=_file_name(filename))

    def _write_roster(
        self, con: duckdb.DuckDBPyConnection, at: datetime, table: pd.DataFrame, *, who: str, filename: str | None
    ) -> None:
        for wave in sorted(table["wave"].unique()):
            rows = table[table["wave"] == wave].reset_index(drop=True)
            rows.insert(1, "row_no", np.arange(len(rows), dtype="int32"))
            previous = _rows(con, "SELECT count(*) FROM rosters WHERE wave = ?", [wave])[0][0]
            con.execute("DELETE FROM rosters WHERE wave = ?", [wave])
            con.register("new_roster", rows)
            try:
                con.execute(
                    "INSERT INTO rosters (wave, row_no, agency, unit, invited) "
                    "SELECT wave, row_no, agency, unit, invited FROM new_roster"
                )
            finally:
                con.unregister("new_roster")
            detail = {"rows": len(rows), "invited": int(rows["invited"].sum()), "previous_rows": int(previous)}
            self._log(con, at, who, "save_roster", wave=str(wave), filename=filename, detail=detail)

    def roster(self, waves: str | Sequence[str] | None = None) -> pd.DataFrame:
        """The roster of all waves, or of those named (a wave without a roster has no rows), sorted by wave
        label then saved row order: wave, agency, unit (text), invited (int64)."""
        chosen = None if waves is None else ([waves] if isinstance(waves, str) else list(waves))
        query = "SELECT wave, agency, unit, invited FROM rosters"
        if chosen is not None:
            query += " WHERE list_contains(?::VARCHAR[], wave)"
        query += " ORDER BY wave, row_no"
        with connection(self.path, self._timeout) as con:
            table = con.execute(query, [chosen] if chosen is not None else []).df()
        for column in ("wave", "agency", "unit"):
            table[column] = layout.text_column(table[column].to_numpy())
        table["invited"] = table["invited"].astype("int64")
        return table

    # -- instruments and mappings ----------------------------------------------------------------------------

    def save_instrument(self, name: str, toml_text: str, who: str) -> None:
        """Keep an agency's instrument file as text under `name` (replacing one of that name, whose earlier texts
        stay as its earlier versions); must be TOML."""
        name, who = _label(name, "instrument name"), _label(who, "who")
        if not isinstance(toml_text, str):
            raise StoreError("The instrument must be given as the text of its TOML file.")
        try:
            tomllib.loads(toml_text)
        except tomllib.TOMLDecodeError as error:
            raise StoreError(f"The instrument '{name}' is not valid TOML ({error}); nothing was saved.") from error
        at = self._now()
        with transaction(self.path, self._timeout) as con:
            replaced = bool(_rows(con, "SELECT 1 FROM instruments WHERE instrument = ?", [name]))
            con.execute("DELETE FROM instruments WHERE instrument = ?", [name])
            con.execute("INSERT INTO instruments VALUES (?, ?, ?, ?)", [name, toml_text, at, who])
            version = _rows(
                con, "SELECT coalesce(max(version), 0) + 1 FROM instrument_versions WHERE instrument = ?", [name]
            )[0][0]
            con.execute("INSERT INTO instrument_versions VALUES (?, ?, ?, ?, ?)", [name, version, toml_text, at, who])
            detail = {"instrument": name, "version": version, "replaced": replaced, "characters": len(toml_text)}
            self._log(con, at, who, "save_instrument", detail=detail)

    def instrument_text(self, name: str, version: int | None = None) -> str | None:
        """The TOML text saved under `name` (its current version, or the one asked for), or None when there is
        none."""
        with connection(self.path, self._timeout) as con:
            if version is None:
                found = _rows(con, "SELECT toml FROM instruments WHERE instrument = ?", [name])
            else:
                found = _rows(
                    con,
                    "SELECT toml FROM instrument_versions WHERE instrument = ? AND version = ?",
                    [name, int(version)],
                )
        return found[0][0] if found else None

    def instrument_versions(self, name: str) -> pd.DataFrame:
        """Every saved version of an instrument, oldest first: version, saved_at (UTC), saved_by."""
        with connection(self.path, self._timeout) as con:
            table = con.execute(
                "SELECT version, saved_at, saved_by FROM instrument_versions WHERE instrument = ? ORDER BY version",
                [name],
            ).df()
        table["saved_by"] = layout.text_column(table["saved_by"].to_numpy())
        table["saved_at"] = _utc(table["saved_at"])
        return table

    def instruments(self) -> pd.DataFrame:
        """The saved instruments, sorted by name: instrument, saved_at (UTC), saved_by."""
        with connection(self.path, self._timeout) as con:
            table = con.execute("SELECT instrument, saved_at, saved_by FROM instruments ORDER BY instrument").df()
        for column in ("instrument", "saved_by"):
            table[column] = layout.text_column(table[column].to_numpy())
        table["saved_at"] = _utc(table["saved_at"])
        return table

    def save_mapping(self, signature: str, mapping_json: str, who: str) -> None:
        """Keep a confirmed column mapping (JSON text) for exports with this column signature (mapping_signature)."""
        signature, who = _label(signature, "signature"), _label(who, "who")
        try:
            json.loads(mapping_json)
        except (TypeError, ValueError) as error:
            raise StoreError("The mapping must be JSON text; nothing was saved.") from error
        at = self._now()
        with transaction(self.path, self._timeout) as con:
            replaced = bool(_rows(con, "SELECT 1 FROM mappings WHERE signature = ?", [signature]))
            con.execute("DELETE FROM mappings WHERE signature = ?", [signature])
            con.execute("INSERT INTO mappings VALUES (?, ?, ?, ?)", [signature, mapping_json, at, who])
            self._log(con, at, who, "save_mapping", detail={"signature": signature, "replaced": replaced})

    def mapping(self, signature: str) -> str | None:
        """The mapping JSON confirmed for this column signature, or None when there is none."""
        with connection(self.path, self._timeout) as con:
            found = _rows(con, "SELECT mapping FROM mappings WHERE signature = ?", [signature])
        return found[0][0] if found else None

    # -- settings --------------------------------------------------------------------------------------------

    def settings(self) -> dict[str, float | int]:
        """Every setting: the stored value, or its default (store.settings.DEFAULTS; the comment minimum, when
        never set, follows the minimum group size upwards)."""
        return checked(self._stored_settings())

    def _stored_settings(self) -> dict[str, object]:
        with connection(self.path, self._timeout) as con:
            return {key: json.loads(value) for key, value in _rows(con, "SELECT key, value FROM settings", [])}

    def save_settings(self, values: dict[str, object], who: str) -> None:
        """Change some settings after their checks (ValueError in plain words, nothing stored), in one transaction
        with an audit entry naming each change's old and new value.

        Only the keys given (and changed) are stored: a comment minimum never set keeps following the minimum group
        size, and the audit entry shows it when it moved with it.
        """
        stored = self._stored_settings()
        before = checked(stored)
        after = checked({**stored, **values})
        changes = {key: {"from": before[key], "to": after[key]} for key in after if after[key] != before[key]}
        if not changes:
            return
        with transaction(self.path, self._timeout) as con:
            for key in changes:
                if key in values or key in stored:
                    con.execute("DELETE FROM settings WHERE key = ?", [key])
                    con.execute("INSERT INTO settings VALUES (?, ?)", [key, json.dumps(after[key])])
            self._log(con, self._now(), who, "save_settings", detail=changes)

    # -- word lists: redaction terms and the theme lexicon ------------------------------------------------------

    def redaction_terms(self) -> list[str]:
        """The saved redaction terms (names and other details ingest removes from comments); [] when never saved."""
        with connection(self.path, self._timeout) as con:
            return list(open_text.read_word_list(con, open_text.REDACTION_TERMS) or [])

    def save_redaction_terms(
        self,
        terms: Sequence[str],
        who: str,
        rewrite: Callable[[pd.Series], tuple[pd.Series, int]] | None = None,
    ) -> int:
        """Keep the redaction terms, stripped, without blanks and without repeats that differ only in case (the
        first kept, order kept). Returns how many stored comments changed.

        With `rewrite` (ingest's redaction under the new terms: texts in, (texts aligned, details removed) out),
        the text of every stored comment is rewritten in the same transaction and the changed ones are kept, so
        that a name added to the list also leaves the comments already stored. The audit entry holds counts only
        ({"terms": ..., "comments_changed": ...}), never the terms: they are people's names. A list equal to the
        saved one that changes no comment writes nothing.
        """
        who = _label(who, "who")
        terms = open_text.clean_terms(terms)
        at = self._now()
        with transaction(self.path, self._timeout) as con:
            changed = self._write_redaction_terms(con, at, who, terms, rewrite)
        return changed

    def _write_redaction_terms(
        self,
        con: duckdb.DuckDBPyConnection,
        at: datetime,
        who: str,
        terms: list[str],
        rewrite: Callable[[pd.Series], tuple[pd.Series, int]] | None,
    ) -> int:
        saved = open_text.read_word_list(con, open_text.REDACTION_TERMS)
        changed = 0 if rewrite is None else open_text.rewrite_comments(con, rewrite)
        if saved == terms and not changed:
            return 0
        open_text.write_word_list(con, at, who, open_text.REDACTION_TERMS, terms)
        self._log(con, at, who, "edit_redaction_terms", detail={"terms": len(terms), "comments_changed": changed})
        return changed

    def lexicon(self) -> pd.DataFrame | None:
        """The saved theme lexicon (domain, keyword, as text, in saved order); None when never saved, so that the
        caller uses its instrument's default."""
        with connection(self.path, self._timeout) as con:
            pairs = open_text.read_word_list(con, open_text.LEXICON)
        return None if pairs is None else open_text.lexicon_table(pairs)

    def save_lexicon(self, table: pd.DataFrame, who: str) -> None:
        """Keep a theme lexicon (columns domain and keyword): values stripped, rows with a blank keyword dropped,
        repeated (domain, keyword) pairs kept once; a keyword without a domain is refused. Audited with the number
        of keywords; `version` changes, since pages key their theme tables on it. An unchanged lexicon writes
        nothing."""
        who = _label(who, "who")
        pairs = open_text.lexicon_rows(table).to_numpy().tolist()
        at = self._now()
        with transaction(self.path, self._timeout) as con:
            if open_text.read_word_list(con, open_text.LEXICON) == pairs:
                return
            open_text.write_word_list(con, at, who, open_text.LEXICON, pairs)
            self._log(con, at, who, "edit_lexicon", detail={"keywords": len(pairs)})

    # -- action plans ----------------------------------------------------------------------------------------

    def save_plan(self, body: dict, who: str, plan_id: str | None = None) -> str:
        """Keep a plan (a JSON-safe dict, as plans.to_record makes it) and return its id.

        `plan_id` None creates a plan with the next id ("P0001", "P0002", ...); otherwise the body becomes a new
        version of that plan (StoreError if there is none), and earlier versions are kept. The body is kept with its
        "plan_id" set to its id. A body equal to the latest version changes nothing and writes no audit entry. The
        audit entry (create_plan; close_plan or reopen_plan when "status" changed; else edit_plan) names the plan
        and version, never its text, and is written in the same transaction as the version. `version` stays as it is.
        """
        return self.save_plans([(plan_id, body)], who)[0]

    def save_plans(self, bodies: Sequence[tuple[str | None, dict]], who: str) -> list[str]:
        """Keep several plans as save_plan does, all in one transaction (an import): all are kept, or none.
        Returns their ids in order."""
        who = _label(who, "who")
        bodies = [(_plan_id(plan_id), body) for plan_id, body in bodies]
        for plan_id, body in bodies:
            body_text(body, plan_id or "")  # refuse what JSON cannot hold before the file is opened
        at = self._now()
        with transaction(self.path, self._timeout) as con:
            return [self._write_plan(con, at, who, body, plan_id) for plan_id, body in bodies]

    def _write_plan(
        self, con: duckdb.DuckDBPyConnection, at: datetime, who: str, body: dict, plan_id: str | None
    ) -> str:
        plan_id, version, action = write_version(con, at, who, body, plan_id)
        if action is not None:
            self._log(con, at, who, action, detail={"plan_id": plan_id, "version": version})
        return plan_id

    def plans(self) -> pd.DataFrame:
        """The latest version of every plan, sorted by plan id: plan_id, version, saved_at (UTC), saved_by, body
        (the dict as saved, with its "plan_id")."""
        with connection(self.path, self._timeout) as con:
            return latest_versions(con)

    def plan_history(self, plan_id: str) -> pd.DataFrame:
        """Every version of a plan, oldest first: plan_id, version, saved_at (UTC), saved_by, action, body.
        StoreError when there is no such plan."""
        with connection(self.path, self._timeout) as con:
            return versions(con, plan_id)

    # -- audit and version -----------------------------------------------------------------------------------

    def audit_log(self) -> pd.DataFrame:
        """Every write, oldest first: id, at (UTC), who, action, wave, filename, detail (JSON text)."""
        with connection(self.path, self._timeout) as con:
            table = con.execute('SELECT id, "at", who, action, wave, filename, detail FROM audit_log ORDER BY id').df()
        table["id"] = table["id"].astype("int64")
        table["at"] = _utc(table["at"])
        for column in ("who", "action", "wave", "filename", "detail"):
            table[column] = layout.text_column(table[column].to_numpy())
        return table

    @property
    def version(self) -> int:
        """A number that grows with every write of data (by any process): the id of the latest audit entry that is
        not an event or a plan save.

        Pages key their indicator caches on it, so that a save or delete elsewhere shows up on the next rerun. Saves
        of the word lists count: comments rewritten under new redaction terms, and a new lexicon, change the theme
        tables.
        """
        with connection(self.path, self._timeout) as con:
            query = "SELECT coalesce(max(id), 0) FROM audit_log WHERE NOT list_contains(?::VARCHAR[], action)"
            return int(_rows(con, query, [list(_UNVERSIONED_ACTIONS)])[0][0])

    def record(self, action: str, who: str, *, wave: str | None = None, detail: dict | None = None) -> None:
        """An audit entry for something a person did that changes no data (a board pack downloaded); it leaves
        `version`, and so every cached table, as it was."""
        if action not in EVENT_ACTIONS:
            raise ValueError(f"'{action}' is not an event the audit log records on its own.")
        with transaction(self.path, self._timeout) as con:
            self._log(con, self._now(), who, action, wave=wave, detail=detail)

    # -- sample ----------------------------------------------------------------------------------------------

    def needs_sample(self) -> bool:
        """Whether the store has never held a wave, so that `ensure_sample` would load the sample (a start can then
        skip reading and redacting the sample's extras)."""
        return not self._has_held_waves()

    def ensure_sample(
        self,
        responses_path: str | Path,
        roster_path: str | Path,
        *,
        read_responses: Callable[[Path], pd.DataFrame],
        read_roster: Callable[[Path], pd.DataFrame],
        instrument_name: str,
        plans: Sequence[dict] = (),
        comments: pd.DataFrame | None = None,
        wave_notes: Mapping[str, Sequence[str]] | None = None,
        redaction_terms: Sequence[str] = (),
    ) -> tuple[str, ...]:
        """Load the sample waves, roster and `plans` (bodies, as save_plan takes them; who = "sample") into a store
        that has never held a wave, in one transaction.

        `comments` (columns wave, response_id, question, text; already redacted) are kept with their waves, as
        save_wave keeps them; `wave_notes` adds notes to a wave's, after the note that it is sample data; non-empty
        `redaction_terms` become the store's list. Returns the waves loaded; () when the store already has, or
        once had, waves, so calling it on every start is safe. The readers are passed in (ingest's canonical
        readers) because the store does not import ingest; they run only when the sample is needed.
        """
        instrument_name = _label(instrument_name, "instrument name")
        for body in plans:
            body_text(body, "")
        terms = open_text.clean_terms(redaction_terms)
        if self._has_held_waves():
            return ()
        responses_path, roster_path = Path(responses_path), Path(roster_path)
        responses, roster = read_responses(responses_path), read_roster(roster_path)
        labels = layout.text_column(responses["wave"].to_numpy()) if "wave" in responses.columns else None
        if labels is None or labels.isna().any():
            raise StoreError(f"The sample {responses_path.name} has responses without a wave.")
        waves = sorted(labels.unique())
        prepared = [(wave, layout.stored_wave(responses[(labels == wave).to_numpy()], wave)) for wave in waves]
        wave_comments = _sample_comments(comments, dict(prepared))
        notes = _sample_notes(wave_notes, waves)
        roster_table = layout.roster_rows(roster)
        with transaction(self.path, self._timeout) as con:
            if self._has_held_waves(con):  # another session loaded it meanwhile
                return ()
            at = self._now()
            for wave, stored in prepared:
                self._write_wave(
                    con,
                    at,
                    stored,
                    wave=wave,
                    instrument=instrument_name,
                    filename=responses_path.name,
                    who="sample",
                    notes=("Sample data bundled with Effective Offices", *notes.get(wave, ())),
                    replace=False,
                    comments=wave_comments.get(wave),
                )
            self._write_roster(con, at, roster_table, who="sample", filename=roster_path.name)
            for body in plans:
                self._write_plan(con, at, "sample", body, None)
            if terms:
                self._write_redaction_terms(con, at, "sample", terms, None)
        return tuple(waves)

    def _has_held_waves(self, con: duckdb.DuckDBPyConnection | None = None) -> bool:
        query = (
            "SELECT (SELECT count(*) FROM waves) "
            "+ (SELECT count(*) FROM audit_log WHERE list_contains(?::VARCHAR[], action))"
        )
        if con is not None:
            return _rows(con, query, [list(_WAVE_ACTIONS)])[0][0] > 0
        with connection(self.path, self._timeout) as own:
            return _rows(own, query, [list(_WAVE_ACTIONS)])[0][0] > 0

    # -- inside a transaction --------------------------------------------------------------------------------

    def _now(self) -> datetime:
        """The clock's time as naive UTC, which is how the file keeps times."""
        now = self._clock()
        if now.tzinfo is None:
            raise ValueError("The store's clock must give a timezone-aware time.")
        return now.astimezone(UTC).replace(tzinfo=None)

    def _log(
        self,
        con: duckdb.DuckDBPyConnection,
        at: datetime,
        who: str,
        action: str,
        *,
        wave: str | None = None,
        filename: str | None = None,
        detail: dict[str, object] | None = None,
    ) -> None:
        next_id = _rows(con, "SELECT coalesce(max(id), 0) + 1 FROM audit_log", [])[0][0]
        con.execute(
            "INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, ?)",
            [next_id, at, who, action, wave, filename, json.dumps(detail or {}, sort_keys=True)],
        )


def _rows(con: duckdb.DuckDBPyConnection, query: str, parameters: list[object]) -> list[tuple]:
    """All rows of a query; fetching them all finishes the result, which DuckDB 2 needs before the next call."""
    return con.execute(query, parameters).fetchall()


def _delete_wave_rows(con: duckdb.DuckDBPyConnection, wave: str) -> None:
    for table in ("comments", "answers", "responses", "waves"):
        con.execute(f"DELETE FROM {table} WHERE wave = ?", [wave])


def _sample_comments(comments: pd.DataFrame | None, stored: dict[str, layout.StoredWave]) -> dict[str, pd.DataFrame]:
    """The sample's comments split by wave and checked against that wave's responses (comment_rows)."""
    if comments is None:
        return {}
    if not isinstance(comments, pd.DataFrame) or "wave" not in comments.columns:
        raise StoreError("The sample comments must be a table with a 'wave' column; nothing was loaded.")
    labels = layout.text_column(comments["wave"].to_numpy())
    unknown = sorted({"(blank)" if pd.isna(label) else label for label in labels if label not in stored})
    if unknown:
        raise StoreError(f"The sample comments name waves the sample does not hold: {', '.join(unknown)}.")
    return {
        wave: open_text.comment_rows(comments[(labels == wave).to_numpy()], kept.attributes["response_id"], wave)
        for wave, kept in stored.items()
    }


def _sample_notes(wave_notes: Mapping[str, Sequence[str]] | None, waves: Sequence[str]) -> dict[str, list[str]]:
    notes = {wave: _notes(added) for wave, added in (wave_notes or {}).items()}
    unknown = sorted(set(notes) - set(waves))
    if unknown:
        raise StoreError(f"The sample notes name waves the sample does not hold: {', '.join(unknown)}.")
    return notes


def _chosen(waves: str | Sequence[str], stored: dict[str, object]) -> list[str]:
    chosen = [waves] if isinstance(waves, str) else list(dict.fromkeys(waves))
    unknown = [w for w in chosen if w not in stored]
    if unknown:
        raise StoreError(f"No wave called {', '.join(map(repr, unknown))} is stored.")
    return sorted(chosen)


def _label(value: object, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise StoreError(f"The {what} must be non-empty text; nothing was changed.")
    return value


def _plan_id(plan_id: str | None) -> str | None:
    return None if plan_id is None else _label(plan_id, "plan id")


def _notes(notes: Sequence[str] | str) -> list[str]:
    return [notes] if isinstance(notes, str) else [str(note) for note in notes]


def _file_name(filename: str | None) -> str | None:
    """Only the file's own name: a folder path can name a person (C:/Users/jsmith/...)."""
    if filename is None:
        return None
    name = re.split(r"[\\/]", str(filename))[-1].strip()
    return name or None


def _utc(column: pd.Series) -> pd.Series:
    return pd.to_datetime(column).dt.tz_localize("UTC")
