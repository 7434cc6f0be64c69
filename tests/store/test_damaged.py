"""A store file DuckDB cannot read (cut short, empty, random bytes) is refused in one plain sentence, never with
DuckDB's own error, and the file is left exactly as it was (issue 21: a half-truncated store showed a raw DuckDB
traceback)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from store import Store, StoreError
from tests.store.conftest import small_wave


def written_store(folder: Path) -> bytes:
    """The bytes of a real store file: two waves saved through the store."""
    store = Store(folder / "written.duckdb", lock_timeout=10)
    store.save_wave(small_wave("2024 Spring"), wave="2024 Spring", instrument_name="default", filename=None, who="t")
    store.save_wave(small_wave("2025 Spring"), wave="2025 Spring", instrument_name="default", filename=None, who="t")
    return store.path.read_bytes()


def damaged(tmp_path: Path, kind: str) -> bytes:
    if kind == "half":
        whole = written_store(tmp_path)
        return whole[: len(whole) // 2]
    if kind == "empty":
        return b""
    return random.Random(21).randbytes(300_000)


@pytest.mark.parametrize("kind", ["half", "empty", "random"])
def test_a_damaged_file_is_refused_in_plain_words_and_left_as_it_is(tmp_path: Path, kind: str) -> None:
    content = damaged(tmp_path, kind)
    folder = tmp_path / "damaged"
    folder.mkdir()
    path = folder / "effective_offices.duckdb"
    path.write_bytes(content)
    with pytest.raises(StoreError) as refused:
        # Where DuckDB notices depends on where the damage is: on opening, or on the first read of a table.
        store = Store(path, lock_timeout=10)
        store.waves()
        store.responses()
    message = str(refused.value)
    assert message.startswith(f"The store file {path} could not be read: it is damaged")
    assert "It was left as it is" in message
    assert "\n" not in message and "Error" not in message and "DuckDB" not in message
    assert path.read_bytes() == content  # not repaired, emptied or replaced
    assert [p.name for p in folder.iterdir()] == [path.name]  # and no journal (.wal) left beside it
