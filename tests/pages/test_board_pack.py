"""The Board pack page: choose the wave and scope, read the findings, build and download the three files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from openpyxl import load_workbook
from pptx import Presentation
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
SEA = "State Office of Early Learning"


def board_pack() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/board_pack.py").run()
    assert not at.exception and not at.error
    return at


def test_findings_then_the_three_files():
    at = board_pack()
    findings = [m.value for m in at.markdown if m.value.startswith("- ")]
    assert any("effectiveness index" in f for f in findings)
    at.selectbox(key="board_pack_compare").select("2024 Spring").run()
    assert any("Communication & Information Flow rose 8.0 points" in m.value.replace("\\", "") for m in at.markdown)
    at.button(key="board_pack_build").click().run()
    assert not at.exception and not at.error
    buttons = {b.key: b for b in at.get("download_button")}
    assert set(buttons) == {"board_pack_download_pptx", "board_pack_download_pdf", "board_pack_download_xlsx"}
    files = at.session_state["board_pack_files"]
    deck = Presentation(io.BytesIO(files["pptx"]))
    assert "Communication & Information Flow rose 8.0 points" in " ".join(
        shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
    )
    assert files["pdf"].startswith(b"%PDF")
    book = load_workbook(io.BytesIO(files["xlsx"]))
    assert book.sheetnames[0] == "Summary" and book.sheetnames[-1] == "Notes"
    assert zipfile.is_zipfile(io.BytesIO(files["pptx"]))


def test_a_scope_too_small_to_report_is_refused_in_a_sentence():
    at = board_pack()
    at.selectbox(key="board_pack_agency").select(SEA).run()
    at.selectbox(key="board_pack_unit").select("Policy & Legislative Affairs").run()
    assert not at.exception
    assert "cannot be reported" in at.info[0].value
    assert not at.get("download_button") and not [b for b in at.button if b.key == "board_pack_build"]
