"""The dashboard started on a store file it cannot read says so in one plain message and stops, never with a
traceback, and leaves the file as it was (issue 21)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from store import STORE_ENV

ROOT = Path(__file__).resolve().parents[2]


def unescaped(text: str) -> str:
    """Markdown text as a reader sees it (the app escapes the punctuation of a message it did not write)."""
    return re.sub(r"\\(.)", r"\1", text)


def start(monkeypatch, path: Path) -> AppTest:
    monkeypatch.setenv(STORE_ENV, str(path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    return at


@pytest.mark.parametrize("kind", ["half", "empty"])
def test_a_damaged_store_gives_one_plain_message_and_is_left_as_it_is(tmp_path, monkeypatch, kind):
    written = tmp_path / "written.duckdb"
    assert not start(monkeypatch, written).exception  # the app's first start writes the sample into it
    whole = written.read_bytes()
    content = whole[: len(whole) // 2] if kind == "half" else b""
    folder = tmp_path / "damaged"
    folder.mkdir()
    path = folder / "store.duckdb"
    path.write_bytes(content)

    at = start(monkeypatch, path)
    assert not at.exception, [e.value for e in at.exception]
    assert [unescaped(e.value) for e in at.error] == [
        "The survey data could not be read, so there is nothing to show yet. (The store file "
        f"{path} could not be read: it is damaged (for example cut short by a full disk or an interrupted copy) "
        "or is not an Effective Offices store. It was left as it is; restore it from a backup, or move it away to "
        "start a new store.)"
    ]
    assert not at.sidebar.selectbox  # it stopped before the filters
    assert path.read_bytes() == content
    assert [p.name for p in folder.iterdir()] == [path.name]
