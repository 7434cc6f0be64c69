"""The bundled sample goes into the store and comes back exactly; the dashboard never opens on an empty store."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from ingest import read_canonical_responses, read_roster
from metrics import domain_scores, load_instrument
from store import Store
from tests.store.conftest import SAMPLE

RESPONSES, ROSTER = SAMPLE / "responses.xlsx", SAMPLE / "roster.xlsx"


@pytest.fixture(scope="module")
def sample() -> tuple[pd.DataFrame, pd.DataFrame]:
    return read_canonical_responses(RESPONSES), read_roster(ROSTER)


def by_wave(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values("wave", kind="stable").reset_index(drop=True)


def ensure(store: Store, calls: list[str] | None = None) -> tuple[str, ...]:
    def reading(reader):
        def read(path: Path) -> pd.DataFrame:
            if calls is not None:
                calls.append(path.name)
            return reader(path)

        return read

    return store.ensure_sample(
        RESPONSES,
        ROSTER,
        read_responses=reading(read_canonical_responses),
        read_roster=reading(read_roster),
        instrument_name="CEELO default",
    )


def test_the_sample_round_trips_wave_by_wave(store: Store, sample) -> None:
    responses, _ = sample
    for wave in sorted(responses["wave"].unique()):
        store.save_wave(
            responses[responses["wave"] == wave],
            wave=wave,
            instrument_name="default",
            filename="responses.xlsx",
            who="t",
        )
    back = store.responses()
    pd.testing.assert_frame_equal(back, by_wave(responses))
    instrument = load_instrument()
    pd.testing.assert_frame_equal(
        domain_scores(back, instrument, by=("wave", "unit")), domain_scores(responses, instrument, by=("wave", "unit"))
    )


def test_ensure_sample_loads_the_sample_into_an_empty_store(store: Store, sample) -> None:
    responses, roster = sample
    assert ensure(store) == ("2023 Spring", "2024 Spring", "2025 Spring")
    pd.testing.assert_frame_equal(store.responses(), by_wave(responses))
    pd.testing.assert_frame_equal(store.roster(), by_wave(roster))
    waves = store.waves()
    assert waves["responses"].tolist() == [1849, 1875, 1901]
    assert set(waves["saved_by"]) == {"sample"} and set(waves["filename"]) == {"responses.xlsx"}
    log = store.audit_log()
    assert log["action"].tolist() == ["migrate"] + ["save_wave"] * 3 + ["save_roster"] * 3
    assert set(log["who"].iloc[1:]) == {"sample"}
    assert sum(json.loads(d)["rows"] for d in log["detail"].iloc[4:]) == len(roster)


def test_ensure_sample_is_idempotent_and_reads_nothing_once_loaded(store: Store) -> None:
    calls: list[str] = []
    ensure(store, calls)
    version = store.version
    assert ensure(store, calls) == ()
    assert calls == ["responses.xlsx", "roster.xlsx"]  # the second call did not even read the files
    assert store.version == version and len(store.waves()) == 3


def test_ensure_sample_leaves_a_store_with_waves_alone(store: Store, sample) -> None:
    responses, _ = sample
    own = responses[responses["wave"] == "2025 Spring"]
    store.save_wave(own, wave="2025 Spring", instrument_name="own", filename="own.xlsx", who="ana")
    assert ensure(store) == ()
    assert store.waves()["saved_by"].tolist() == ["ana"]


def test_ensure_sample_does_not_bring_back_waves_someone_deleted(store: Store) -> None:
    ensure(store)
    for wave in store.waves()["wave"]:
        store.delete_wave(wave, who="ana")
    assert ensure(store) == ()
    assert len(store.waves()) == 0
