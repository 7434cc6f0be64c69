"""File -> read_export -> map_export -> store -> metrics gives the same indicators as the canonical frame."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from ingest import map_export, read_canonical_responses, read_export
from metrics import domain_scores, item_stats, load_instrument, scope_rows
from store import open_store

ROOT = Path(__file__).resolve().parents[2]
INSTRUMENT = load_instrument()
LABELS = dict(zip(INSTRUMENT.scale.points, INSTRUMENT.scale.labels, strict=True))


@pytest.fixture(scope="module")
def wave() -> pd.DataFrame:
    sample = read_canonical_responses(ROOT / "data" / "sample" / "responses.xlsx")
    return scope_rows(sample, wave="2024 Spring").reset_index(drop=True)


def as_export_csv(wave: pd.DataFrame, path: Path) -> Path:
    """The wave as a survey tool would export it: answer labels, "Don't know" for blanks, header text names."""
    export = wave.drop(columns=["wave"]).rename(
        columns={"response_id": "Response ID", "unit": "Division", "role_level": "Role", "tenure_band": "Tenure"}
    )
    for code in INSTRUMENT.item_codes:
        export[code] = wave[code].map(LABELS).fillna("Don't know")
    export.to_csv(path, index=False)
    return path


def test_round_trip_keeps_every_indicator(wave, tmp_path):
    read = read_export(as_export_csv(wave, tmp_path / "export.csv"))
    mapped = map_export(read, INSTRUMENT, wave="2024 Spring")
    assert mapped.problems.empty, mapped.problems.head()
    store = open_store(tmp_path / "store.duckdb")
    store.save_wave(
        mapped.responses, wave="2024 Spring", instrument_name=INSTRUMENT.name, filename="export.csv", who="t"
    )
    stored = store.responses("2024 Spring")
    for by in [("unit",), ("agency", "unit", "role_level")]:
        pd.testing.assert_frame_equal(
            domain_scores(stored, INSTRUMENT, by=by), domain_scores(wave, INSTRUMENT, by=by), check_dtype=False
        )
    pd.testing.assert_frame_equal(
        item_stats(stored, INSTRUMENT, by=("tenure_band",)),
        item_stats(wave, INSTRUMENT, by=("tenure_band",)),
        check_dtype=False,
    )
