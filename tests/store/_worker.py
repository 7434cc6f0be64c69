"""Run store operations in a separate process, for the crash and concurrency tests; also builds their waves.

Usage: python tests/store/_worker.py STORE COMMAND ...
  save WAVE ROWS SEED [--replace] [--kill-before-commit]         save one generated wave
  save-many WAVE1,WAVE2,... ROWS SEED [--wait-for FILE]          save several generated waves one after another
  replace-loop WAVE ROWS                                          save WAVE over and over (seeds 1, 2, 1, ...)
  hold SECONDS                                                    keep the file open, then let go
  save-plan ID BODY [--kill-before-commit]                        save BODY (JSON) as plan ID ("new": a new plan)
  save-plans ID,ID,... BODY [--kill-before-commit]                the same for each id, as one import; a kill comes
                                                                  after the first plan's version and audit entry
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
ITEMS = tuple(f"Q{i:02d}" for i in range(1, 43))
AGENCIES = np.array(["Riverside USD", "State Office", "Maple Valley", None], dtype=object)
ROLES = np.array(["executive", "manager", "staff", "support", None], dtype=object)


def generated_wave(wave: str, rows: int, seed: int) -> pd.DataFrame:
    """A canonical table of `rows` responses with 42 items (about 5 % missing), the same for the same seed."""
    rng = np.random.default_rng(seed)
    answers = rng.integers(1, 6, size=(rows, len(ITEMS))).astype("float64")
    answers[rng.random((rows, len(ITEMS))) < 0.05] = np.nan
    data: dict[str, object] = {
        "response_id": pd.Series([f"{wave}-{seed}-{i:06d}" for i in range(rows)], dtype="str"),
        "wave": pd.Series([wave] * rows, dtype="str"),
        "agency": pd.Series(AGENCIES[rng.integers(0, len(AGENCIES), rows)], dtype="str"),
        "agency_type": pd.Series(["LEA"] * rows, dtype="str"),
        "unit": pd.Series([f"Unit {u}" for u in rng.integers(0, 30, rows)], dtype="str"),
        "role_level": pd.Series(ROLES[rng.integers(0, len(ROLES), rows)], dtype="str"),
        "tenure_band": pd.Series(["1-3"] * rows, dtype="str"),
        "program_area": pd.Series([None] * rows, dtype="str"),
    }
    data.update({item: answers[:, i] for i, item in enumerate(ITEMS)})
    return pd.DataFrame(data)


def _wait_for(argv: list[str]) -> None:
    if "--wait-for" in argv:
        go = Path(argv[argv.index("--wait-for") + 1])
        print("ready", flush=True)
        while not go.exists():
            time.sleep(0.005)


def _die_after_log(store_class: type, actions: tuple[str, ...]) -> None:
    """Make the process kill itself (SIGKILL) right after writing an audit entry for one of `actions`: the rows of
    that change are inserted, the commit is next."""
    log = store_class._log

    def log_then_die(self, con, at, who, action, **kwargs):
        log(self, con, at, who, action, **kwargs)
        if action in actions:
            print("inserted", flush=True)
            os.kill(os.getpid(), signal.SIGKILL)

    store_class._log = log_then_die


def main(argv: list[str]) -> None:
    sys.path.insert(0, str(ROOT))
    import store.store
    from store import Store

    path, command, *rest = argv
    if command == "hold":
        import duckdb

        con = duckdb.connect(path)
        print("holding", flush=True)
        time.sleep(float(rest[0]))
        con.close()
        return
    opened = Store(path, lock_timeout=60)
    if command in ("save-plan", "save-plans"):
        from store.plans import PLAN_ACTIONS

        ids = [None if plan_id == "new" else plan_id for plan_id in rest[0].split(",")]
        body = json.loads(rest[1])
        if "--kill-before-commit" in rest:
            _die_after_log(store.store.Store, PLAN_ACTIONS)
        if command == "save-plan":
            opened.save_plan(body, who="worker", plan_id=ids[0])
        else:
            opened.save_plans([(plan_id, body) for plan_id in ids], who="worker")
        print("saved", flush=True)
    elif command == "save":
        wave, rows, seed = rest[0], int(rest[1]), int(rest[2])
        frame = generated_wave(wave, rows, seed)
        if "--kill-before-commit" in rest:
            _die_after_log(store.store.Store, ("save_wave", "replace_wave"))
        _wait_for(rest)
        replace = "--replace" in rest
        opened.save_wave(frame, wave=wave, instrument_name="test", filename="big.xlsx", who="worker", replace=replace)
        print("saved", flush=True)
    elif command == "save-many":
        waves, rows, seed = rest[0].split(","), int(rest[1]), int(rest[2])
        frames = [generated_wave(wave, rows, seed + i) for i, wave in enumerate(waves)]
        _wait_for(rest)
        for wave, frame in zip(waves, frames, strict=True):
            opened.save_wave(frame, wave=wave, instrument_name="test", filename="many.xlsx", who=f"worker-{seed}")
        print("saved", flush=True)
    elif command == "replace-loop":
        wave, rows = rest[0], int(rest[1])
        frames = [generated_wave(wave, rows, 1), generated_wave(wave, rows, 2)]
        print("starting", flush=True)
        for i in range(1000):
            opened.save_wave(
                frames[i % 2], wave=wave, instrument_name="test", filename="loop.xlsx", who="worker", replace=True
            )
            print("saved", i, flush=True)
    else:
        raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main(sys.argv[1:])
