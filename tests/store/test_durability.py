"""A save is all or nothing, even when the process is killed; several writers never corrupt the store.

These tests run real processes (tests/store/_worker.py) against a real file and kill them with SIGKILL.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from store import Store, StoreError
from tests.store._worker import generated_wave
from tests.store.conftest import ROOT, small_wave

# Real processes, killed and timed: among the slowest tests, left out of `make test-fast`.
pytestmark = pytest.mark.slow

WORKER = Path(__file__).with_name("_worker.py")
BIG = 200_000
ROSTER = pd.DataFrame({"wave": ["2025 Spring"], "agency": ["Riverside USD"], "unit": ["101"], "invited": [40]})


def worker(path: Path, *arguments: object) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(WORKER), str(path), *map(str, arguments)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finished(process: subprocess.Popen, timeout: float = 240) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


@pytest.fixture
def before(store: Store) -> dict[str, pd.DataFrame]:
    """A store holding one small wave and a roster; what it looks like, to compare with after a crash."""
    store.save_wave(small_wave(), wave="2025 Spring", instrument_name="d", filename="a.xlsx", who="ana")
    store.save_roster(ROSTER, who="ana")
    return snapshot(store)


def snapshot(store: Store) -> dict[str, pd.DataFrame]:
    return {
        "responses": store.responses(),
        "waves": store.waves(),
        "roster": store.roster(),
        "audit": store.audit_log(),
    }


def assert_unchanged(path: Path, expected: dict[str, pd.DataFrame]) -> None:
    reopened = Store(path)
    for name, table in snapshot(reopened).items():
        pd.testing.assert_frame_equal(table, expected[name], obj=name)


def stored_rows(path: Path, wave: str) -> tuple[int, int]:
    with duckdb.connect(str(path)) as con:
        responses = con.execute("SELECT count(*) FROM responses WHERE wave = ?", [wave]).fetchall()[0][0]
        answers = con.execute("SELECT count(*) FROM answers WHERE wave = ?", [wave]).fetchall()[0][0]
    return responses, answers


@pytest.mark.parametrize(("wave", "flags"), [("2026 Spring", ()), ("2025 Spring", ("--replace",))])
def test_a_save_killed_before_its_commit_leaves_the_store_as_it_was(store: Store, before, wave, flags) -> None:
    code, out, err = finished(worker(store.path, "save", wave, BIG, 7, "--kill-before-commit", *flags))
    assert code == -signal.SIGKILL, err
    assert "inserted" in out and "saved" not in out  # killed with all rows inserted, before the commit
    assert_unchanged(store.path, before)
    if wave == "2026 Spring":
        assert stored_rows(store.path, wave) == (0, 0)
    else:
        assert stored_rows(store.path, wave) == (5, 8)
    # and the store still works: the same save now goes through
    Store(store.path).save_wave(
        generated_wave(wave, 1000, 7), wave=wave, instrument_name="t", filename=None, who="ana", replace=True
    )
    pd.testing.assert_frame_equal(Store(store.path).responses(wave), generated_wave(wave, 1000, 7))


# A 200k-response save takes a few seconds: these kill the writer early in its first save, late in it, and early
# and late in a replace of a wave that is already stored.
@pytest.mark.parametrize(("after", "delay"), [("starting", 0.3), ("starting", 1.5), ("saved 0", 0.3), ("saved 0", 1.5)])
def test_a_writer_killed_at_any_moment_never_leaves_a_partial_wave(
    store: Store, before, after: str, delay: float
) -> None:
    process = worker(store.path, "replace-loop", "2026 Spring", BIG)
    lines = []
    while not lines or lines[-1] != after:
        lines.append(process.stdout.readline().strip())
        assert lines[-1], process.stderr.read()
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    code, out, err = finished(process)
    assert code == -signal.SIGKILL, err
    reopened = Store(store.path)
    pd.testing.assert_frame_equal(reopened.responses("2025 Spring"), before["responses"])
    pd.testing.assert_frame_equal(reopened.roster(), before["roster"])
    audit = reopened.audit_log()
    committed = int(audit["wave"].eq("2026 Spring").sum())  # every committed save has its entry, no other does
    printed = sum(line.startswith("saved") for line in lines + out.splitlines())
    assert committed in (printed, printed + 1)  # the last commit may have beaten the kill but not the print
    if committed == 0:
        assert "2026 Spring" not in reopened.waves()["wave"].tolist()
        assert stored_rows(store.path, "2026 Spring") == (0, 0)
        return
    assert reopened.waves().set_index("wave").loc["2026 Spring", "responses"] == BIG
    seed = 1 if committed % 2 else 2  # the loop saves seed 1, 2, 1, ...
    pd.testing.assert_frame_equal(reopened.responses("2026 Spring"), generated_wave("2026 Spring", BIG, seed))


def test_two_processes_saving_at_once_both_succeed(store: Store, before, tmp_path: Path) -> None:
    go = tmp_path / "go"
    first = worker(store.path, "save-many", "W1a,W1b,W1c", 50_000, 10, "--wait-for", go)
    second = worker(store.path, "save-many", "W2a,W2b,W2c", 50_000, 20, "--wait-for", go)
    assert [first.stdout.readline().strip(), second.stdout.readline().strip()] == ["ready", "ready"]
    go.touch()  # both have built their tables: now they save at the same moment
    for process in (first, second):
        code, out, err = finished(process)
        assert (code, out.strip()) == (0, "saved"), err
    reopened = Store(store.path)
    assert reopened.waves()["wave"].tolist() == ["2025 Spring", "W1a", "W1b", "W1c", "W2a", "W2b", "W2c"]
    for seed, waves in ((10, ("W1a", "W1b", "W1c")), (20, ("W2a", "W2b", "W2c"))):
        for offset, wave in enumerate(waves):
            pd.testing.assert_frame_equal(reopened.responses(wave), generated_wave(wave, 50_000, seed + offset))
    pd.testing.assert_frame_equal(reopened.responses("2025 Spring"), before["responses"])
    assert reopened.audit_log()["action"].tolist()[3:] == ["save_wave"] * 6


def test_a_writer_waits_for_a_process_holding_the_file_or_gives_up_in_plain_words(store: Store, before) -> None:
    impatient, patient = Store(store.path, lock_timeout=0.3), Store(store.path, lock_timeout=60)
    holder = worker(store.path, "hold", 2.5)
    assert holder.stdout.readline().strip() == "holding"
    started = time.monotonic()
    with pytest.raises(StoreError, match=r"The store is busy: another program has kept test.duckdb open for more"):
        impatient.save_wave(small_wave("W"), wave="W", instrument_name="d", filename=None, who="ana")
    assert time.monotonic() - started < 2.0
    with pytest.raises(StoreError, match="The store is busy"):
        impatient.responses()
    patient.save_wave(small_wave("W"), wave="W", instrument_name="d", filename=None, who="ana")
    assert time.monotonic() - started > 1.0  # it waited for the holder to let go
    assert finished(holder)[0] == 0
    assert patient.waves()["wave"].tolist() == ["2025 Spring", "W"]
    pd.testing.assert_frame_equal(patient.responses("2025 Spring"), before["responses"])


def test_threads_of_one_process_saving_and_reading_at_once(store: Store, before) -> None:
    errors: list[BaseException] = []
    frames = {f"T{i}": generated_wave(f"T{i}", 20_000, i) for i in range(4)}

    def save(wave: str) -> None:
        try:
            Store(store.path).save_wave(frames[wave], wave=wave, instrument_name="t", filename=None, who=wave)
        except BaseException as error:  # reported below, in the test's own thread
            errors.append(error)

    def read() -> None:
        try:
            for _ in range(10):
                Store(store.path).responses("2025 Spring")
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=save, args=(wave,)) for wave in frames] + [threading.Thread(target=read)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    for wave, frame in frames.items():
        pd.testing.assert_frame_equal(store.responses(wave), frame)


def test_saving_100k_responses_of_42_items_takes_seconds(store: Store) -> None:
    frame = generated_wave("Big", 100_000, 3)
    started = time.monotonic()
    store.save_wave(frame, wave="Big", instrument_name="t", filename=None, who="ana")
    saved = time.monotonic() - started
    back = store.responses()
    assert saved < 30, f"saving took {saved:.1f} s"
    pd.testing.assert_frame_equal(back, frame)
