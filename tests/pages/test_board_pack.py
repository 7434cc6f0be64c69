"""The Board pack page: the sidebar's wave and scope, read the findings, build and download the three files."""

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
    at.switch_page("app_pages/board_pack.py").run()
    assert not at.exception and not at.error
    return at


def test_findings_then_the_three_files():
    at = board_pack()
    findings = [m.value for m in at.markdown if m.value.startswith("- ")]
    assert any("effectiveness index" in f for f in findings)
    assert (
        at.selectbox(key="board_pack_compare_2025 Spring").value == "2024 Spring"
    )  # the wave before 2025 Spring, by default
    assert any("Communication & Information Flow rose 7.9 points" in m.value.replace("\\", "") for m in at.markdown)
    at.button(key="board_pack_build").click().run()
    assert not at.exception and not at.error
    buttons = {b.key: b for b in at.get("download_button")}
    assert set(buttons) == {"board_pack_download_pptx", "board_pack_download_pdf", "board_pack_download_xlsx"}
    files = {name.rsplit(".", 1)[1]: body for name, body in at.session_state["board_pack_files"]["files"].items()}
    deck = Presentation(io.BytesIO(files["pptx"]))
    assert "Communication & Information Flow rose 7.9 points" in " ".join(
        shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
    )
    assert files["pdf"].startswith(b"%PDF")
    book = load_workbook(io.BytesIO(files["xlsx"]))
    assert book.sheetnames[0] == "Cover" and book.sheetnames[-1] == "Notes"
    assert zipfile.is_zipfile(io.BytesIO(files["pptx"]))


def sidebar(at: AppTest, label: str):
    return next(box for box in at.sidebar.selectbox if box.label == label)


def test_the_first_wave_has_nothing_to_compare_with_by_default():
    at = board_pack()
    sidebar(at, "Survey wave").select("2023 Spring").run()
    assert at.selectbox(key="board_pack_compare_2023 Spring").value == "No comparison"
    assert not at.exception


def test_a_scope_too_small_to_report_is_refused_in_a_sentence():
    at = board_pack()
    sidebar(at, "Agency").select(SEA).run()
    sidebar(at, "Unit").select("Policy & Legislative Affairs").run()
    assert not at.exception
    assert "cannot be reported" in at.info[0].value
    assert not at.get("download_button") and not [b for b in at.button if b.key == "board_pack_build"]


def test_the_pack_covers_the_view_chosen_in_the_sidebar_with_no_second_set_of_controls():
    """Issue 22: the page had its own wave and agency boxes beside the sidebar's, unexplained. Now the sidebar's
    wave, agency and unit choose the pack (its subtitle names them); the page asks only what no other page does."""
    at = board_pack()
    assert [box.key for box in at.main.selectbox] == ["board_pack_compare_2025 Spring"]
    assert at.caption[0].value == "2025 Spring · All agencies · All units · All roles"
    sidebar(at, "Survey wave").select("2024 Spring").run()
    sidebar(at, "Agency").select(SEA).run()
    assert not at.exception and not at.error
    assert at.caption[0].value.replace("\\", "") == f"2024 Spring · {SEA} · All units · All roles"
    subtitle = next(c.value for c in at.caption if "2024 Spring" in c.value and c is not at.caption[0])
    assert SEA in subtitle.replace("\\", "")
    assert "sidebar" in " ".join(m.value for m in at.markdown)
    # a role level chosen in the sidebar is said to be left out: a board reads every role
    sidebar(at, "Role level").select("staff").run()
    assert "role level (Staff) is left out" in " ".join(m.value for m in at.markdown)
    assert at.caption[0].value.replace("\\", "") == f"2024 Spring · {SEA} · All units · All roles"
