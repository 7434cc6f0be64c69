"""`python -m reports`, run as a reader would: a child process on a store the app filled with the sample (waves,
comments and plans), every file it writes read back, its deck compared with the Board pack page's for the same
scope, and each problem ending with status 2 and one sentence, never a traceback."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from access import LOCAL_MODE_ENV
from ingest import read_canonical_responses
from metrics import load_instrument
from store import STORE_ENV, open_store

ROOT = Path(__file__).resolve().parents[2]
WAVE = "2025 Spring"
SEA = "State Office of Early Learning"
WAVES = "2023 Spring, 2024 Spring, 2025 Spring"


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    """The Board pack page on a store of its own, which the app fills with the sample on its first start; the
    command then reads the very file the page read (a browser on this computer in local mode, as make run)."""
    path = tmp_path_factory.mktemp("cli") / "store.duckdb"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(STORE_ENV, str(path))
        patch.setenv(LOCAL_MODE_ENV, "1")
        patch.setattr("shell.access._request", lambda: ("127.0.0.1", "localhost:8501"))
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
        at.run()
        at.switch_page("app_pages/board_pack.py").run()
        assert not at.exception and not at.error
        yield path, at


def command(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reports", *args], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )


def slide_texts(deck: bytes) -> list[list[str]]:
    shown = Presentation(io.BytesIO(deck))
    return [[shape.text_frame.text for shape in slide.shapes if shape.has_text_frame] for slide in shown.slides]


@pytest.mark.parametrize(
    ("agency", "comments", "stem"),
    [
        (None, True, "board-pack-all-agencies-2025-spring"),
        (SEA, False, "board-pack-state-office-of-early-learning-2025-spring"),
    ],
)
def test_the_three_files_of_a_scope_read_back(page, tmp_path, agency, comments, stem):
    store, _ = page
    scope = agency or "All agencies"
    found = command(
        "--store", str(store), "--wave", WAVE, *(["--agency", agency] if agency else []),
        *(["--comments"] if comments else []), "--out", str(tmp_path / "pack"),
    )  # fmt: skip
    assert found.returncode == 0, found.stderr
    assert sorted(p.name for p in (tmp_path / "pack").iterdir()) == [f"{stem}.pdf", f"{stem}.pptx", f"{stem}.xlsx"]

    deck = slide_texts((tmp_path / "pack" / f"{stem}.pptx").read_bytes())
    assert len(deck) >= 1 and f"Scope: {scope}\nSurvey: {WAVE}" in "\n".join(deck[0])  # the cover's facts
    names = [text for texts in deck for text in texts]  # a section's name is the small line above its headline
    # what staff said is in the pack only when asked for (the sample's whole state has enough commenters)
    assert ("What staff said" in names) is comments

    handout = PdfReader(tmp_path / "pack" / f"{stem}.pdf")
    assert len(handout.pages) >= 1
    assert scope in " ".join(handout.pages[0].extract_text().split())

    book = load_workbook(tmp_path / "pack" / f"{stem}.xlsx")
    assert book.sheetnames[0] == "Cover" and book.sheetnames[-1] == "Notes"
    assert ("What staff said" in book.sheetnames) is comments


def test_the_page_and_the_command_make_the_same_deck(page, tmp_path):
    """One path: the page's files and the command's come from reports.files.pack_files on the same views."""
    store, at = page
    next(box for box in at.sidebar.selectbox if box.label == "Agency").select(SEA).run()
    at.button(key="board_pack_build").click().run()
    assert not at.exception and not at.error
    on_page = at.session_state["board_pack_files"]["files"]
    name = "board-pack-state-office-of-early-learning-2025-spring.pptx"
    assert sorted(on_page) == sorted(name.replace(".pptx", suffix) for suffix in (".pdf", ".pptx", ".xlsx"))

    compare = at.selectbox(key=f"board_pack_compare_{WAVE}").value  # the page's default: the wave before
    assert compare == "2024 Spring"
    found = command(
        "--store", str(store), "--wave", WAVE, "--compare", compare, "--agency", SEA, "--out", str(tmp_path)
    )
    assert found.returncode == 0, found.stderr
    from_command = slide_texts((tmp_path / name).read_bytes())
    assert from_command == slide_texts(on_page[name])
    assert "Commitments and results" in [text for texts in from_command for text in texts]  # the same plans too


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Path:
    """A store of one wave with three answers: too few for any view (minimum group size 5)."""
    path = tmp_path_factory.mktemp("tiny") / "tiny.duckdb"
    rows = read_canonical_responses(ROOT / "data" / "sample" / "responses.xlsx")
    rows = rows[(rows["wave"] == WAVE) & (rows["agency"] == SEA)].head(3).assign(wave="2026 Pilot")
    open_store(path).save_wave(
        rows, wave="2026 Pilot", instrument_name=load_instrument().name, filename=None, who="test"
    )
    return path


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (["--wave", "2030 Fall"], f'There is no wave "2030 Fall" in the store; it has {WAVES}.'),
        (["--wave", WAVE, "--compare", "1999"], f'There is no wave "1999" in the store; it has {WAVES}.'),
        (["--wave", WAVE, "--agency", "Nowhere ISD"], 'There is no agency "Nowhere ISD" in the store; it has '),
    ],
)
def test_an_unknown_wave_or_agency_ends_with_a_sentence(page, tmp_path, args, sentence):
    found = command("--store", str(page[0]), *args, "--out", str(tmp_path / "pack"))
    assert found.returncode == 2
    assert found.stderr.startswith(sentence) and found.stderr.count("\n") == 1 and "Traceback" not in found.stderr
    assert not (tmp_path / "pack").exists()


def test_a_scope_too_small_to_report_is_refused(tiny, tmp_path):
    found = command("--store", str(tiny), "--wave", "2026 Pilot", "--agency", SEA, "--out", str(tmp_path / "pack"))
    assert (found.returncode, found.stderr) == (
        2,
        "This scope cannot be reported: fewer than 5 people in it answered in this wave.\n",
    )
    assert not (tmp_path / "pack").exists()


def test_a_missing_store_is_said_and_not_created(tmp_path):
    missing = tmp_path / "nowhere.duckdb"
    found = command("--store", str(missing), "--wave", WAVE, "--out", str(tmp_path / "pack"))
    assert (found.returncode, found.stderr) == (2, f"There is no survey store at {missing}.\n")
    assert not missing.exists() and not (tmp_path / "pack").exists()
