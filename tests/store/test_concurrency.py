"""Two processes saving different waves into one store file at the same moment, round after round.

DuckDB lets one process at a time open a file: the other's connect fails with a lock error, which the store turns
into a bounded wait (store/connection.py). Whatever the timing, each save is kept whole or, when the saver runs
out of patience, refused with a plain StoreError, and the file stays a consistent store: no partial wave, every
wave's response and answer counts as saved, one audit entry per save, the schema as this release writes it.
"""

from __future__ import annotations

import multiprocessing
import queue
import sys
import types
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from store import SCHEMA_VERSION, Store
from store.schema import stored_version
from tests.store._rounds import save_rounds
from tests.store._worker import generated_wave
from tests.store.conftest import small_wave

# Real processes racing for the file, round after round: among the slowest tests, left out of `make test-fast`.
pytestmark = pytest.mark.slow

SAVERS = ("Alpha", "Beta")


def run_savers(path: Path, rounds: int, rows: int, timeout: float, monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    # A "spawn" child first re-runs the parent's __main__ script. After an AppTest earlier in the run, __main__ is
    # app.py (AppTest runs it as __main__), which would run the dashboard in each saver and kill it; a bare
    # __main__ without a file leaves the child only the saver.
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(len(SAVERS)), context.Queue()
    processes = [
        context.Process(target=save_rounds, args=(str(path), name, rounds, rows, timeout, barrier, results))
        for name in SAVERS
    ]
    for process in processes:
        process.start()
    outcomes = []
    while len(outcomes) < rounds * len(SAVERS):
        try:
            outcomes.append(results.get(timeout=2))
        except queue.Empty:  # a saver that died says so at once rather than after a long timeout
            dead = [p.exitcode for p in processes if p.exitcode not in (None, 0)]
            assert not dead, f"a saver process died with exit code {dead}"
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    return sorted(outcomes)


def expected_answers(frame: pd.DataFrame) -> int:
    items = [c for c in frame.columns if c.startswith("Q")]
    return int(np.isfinite(frame[items].to_numpy()).sum())


def assert_consistent(path: Path, saved: dict[str, int], rows: int) -> None:
    """The file holds exactly the saved waves, each whole, with one audit entry each, and the current schema."""
    with duckdb.connect(str(path), read_only=True) as con:
        assert stored_version(con, str(path)) == SCHEMA_VERSION
        tables = {name for (name,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert {"schema_version", "waves", "responses", "answers", "audit_log"} <= tables
        waves = dict(con.execute("SELECT wave, responses FROM waves").fetchall())
        responses = dict(con.execute("SELECT wave, count(*) FROM responses GROUP BY wave").fetchall())
        answers = dict(con.execute("SELECT wave, count(*) FROM answers GROUP BY wave").fetchall())
        audit = con.execute("SELECT wave, count(*) FROM audit_log WHERE action = 'save_wave' GROUP BY wave").fetchall()
    expected = {"2025 Spring": 5, **{wave: rows for wave in saved}}
    assert waves == expected
    assert responses == expected  # no rows of a wave that is not stored, none missing from one that is
    assert dict(audit) == {wave: 1 for wave in expected}
    for wave, seed in saved.items():
        assert answers[wave] == expected_answers(generated_wave(wave, rows, seed))
    reopened = Store(path)
    for wave, seed in list(saved.items())[:4]:  # a few read back value for value
        pd.testing.assert_frame_equal(reopened.responses(wave), generated_wave(wave, rows, seed))


@pytest.fixture
def path(store: Store) -> Path:
    store.save_wave(small_wave(), wave="2025 Spring", instrument_name="d", filename="a.xlsx", who="ana")
    return store.path


@pytest.mark.timeout(240)
def test_two_processes_saving_at_the_same_moment_both_keep_every_wave_whole(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rounds, rows = 12, 3_000
    outcomes = run_savers(path, rounds, rows, timeout=60, monkeypatch=monkeypatch)
    assert {outcome for _, _, outcome, _, _ in outcomes} == {"saved"}, outcomes  # the loser waits its turn
    saved = {f"{name} {r:02d}": r for name, r, _, _, _ in outcomes}
    assert_consistent(path, saved, rows)


@pytest.mark.timeout(240)
def test_an_impatient_saver_gives_up_in_plain_words_and_the_store_stays_consistent(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a lock timeout far shorter than the other's save, some saves give up: never with anything but a
    StoreError that says nothing was changed, and never leaving part of a wave behind."""
    rounds, rows = 10, 20_000
    outcomes = run_savers(path, rounds, rows, timeout=0.05, monkeypatch=monkeypatch)
    kinds = {outcome for _, _, outcome, _, _ in outcomes}
    assert kinds <= {"saved", "StoreError"}, outcomes
    for _, _, outcome, message, _ in outcomes:
        if outcome == "StoreError":
            assert message.startswith("The store is busy") and "Nothing was changed" in message, message
            assert "Traceback" not in message
    assert "saved" in kinds
    saved = {f"{name} {r:02d}": r for name, r, outcome, _, _ in outcomes if outcome == "saved"}
    assert_consistent(path, saved, rows)
