"""The saver process of tests/store/test_concurrency.py (a module of its own, so a "spawn" child can import it)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def save_rounds(path: str, name: str, rounds: int, rows: int, timeout: float, barrier, results) -> None:
    """Each round: wait for the other saver at the barrier, then save the wave "<name> <round>"; put
    (round, outcome, message, seconds) on `results`, where outcome is "saved", "StoreError" or the name of any
    other exception (a bug)."""
    sys.path.insert(0, str(ROOT))
    from store import Store, StoreError
    from tests.store._worker import generated_wave

    frames = [generated_wave(f"{name} {r:02d}", rows, seed=r) for r in range(rounds)]
    for r, frame in enumerate(frames):
        barrier.wait(timeout=120)
        started = time.monotonic()
        try:  # opened each round, as a page opens the store on each run (opening waits for the file too)
            Store(path, lock_timeout=timeout).save_wave(
                frame, wave=f"{name} {r:02d}", instrument_name="t", filename="c.xlsx", who=name
            )
            outcome, message = "saved", ""
        except StoreError as error:
            outcome, message = "StoreError", str(error)
        except BaseException as error:  # reported to the test, never swallowed
            outcome, message = type(error).__name__, repr(error)
        results.put((name, r, outcome, message, time.monotonic() - started))
