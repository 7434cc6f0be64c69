"""A store in a temporary folder with a clock that ticks one second per reading, and small canonical tables."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from store import Store

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"
START = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
NA = np.nan


class Clock:
    """Gives START, START + 1 s, START + 2 s, ... so that every audit time is known."""

    def __init__(self) -> None:
        self.readings = 0

    def __call__(self) -> datetime:
        self.readings += 1
        return START + timedelta(seconds=self.readings - 1)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Store:
    return Store(tmp_path / "store" / "test.duckdb", clock=clock, lock_timeout=10)


def small_wave(wave: str = "2025 Spring", items: tuple[str, ...] = ("VIS1", "VIS2", "LEAD1")) -> pd.DataFrame:
    """Five responses with a blank attribute, a blank answer, the boundary answers 1 and 5 and a numeric-looking
    unit that must stay text."""
    answers = {
        "VIS1": [1.0, 5.0, NA, 3.0, 4.0],
        "VIS2": [5.0, 5.0, 1.0, NA, 2.0],
        "LEAD1": [NA, NA, NA, NA, NA],
        "PAR1": [2.0, 3.0, 4.0, 5.0, 1.0],
    }
    table = pd.DataFrame(
        {
            "response_id": pd.Series(["r1", "r2", "r3", "r4", "r5"], dtype="str"),
            "wave": pd.Series([wave] * 5, dtype="str"),
            "agency": pd.Series(["Riverside USD"] * 4 + [None], dtype="str"),
            "agency_type": pd.Series(["LEA"] * 5, dtype="str"),
            "unit": pd.Series(["101", "101", "Pre-K", None, "Pre-K"], dtype="str"),
            "role_level": pd.Series(["executive", "staff", None, "support", "manager"], dtype="str"),
            "tenure_band": pd.Series(["<1", "10+", "4-9", None, "1-3"], dtype="str"),
            "program_area": pd.Series([None, "Pre-K", None, None, "Operations"], dtype="str"),
        }
    )
    for item in items:
        table[item] = np.array(answers[item], dtype="float64")
    return table
