"""The whole sample's board pack rendered as `make render` renders it (scripts/render_pack.py: LibreOffice for the
deck and the workbook, poppler's pdftoppm for every PDF), and the renders checked: one PDF page per slide, no blank
page, every page of the handout rendered, each slide's title in the deck's PDF text, and the workbook's every
printed page marked confidential. What is checked is read back from the files themselves (the slides' titles, the
sheets), so it holds however the deck and the handout are laid out.

Needs LibreOffice and poppler-utils: `make office` installs them, and `make test` runs it first.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image, ImageStat
from pptx import Presentation
from pypdf import PdfReader

from reports.pack import CONFIDENTIAL
from scripts.render_pack import Rendered, render, sample_store

pytestmark = pytest.mark.slow  # a pack built by `python -m reports`, then LibreOffice and pdftoppm: about 40 s

# The grey-level variance of a page holding nothing but its footer and page number is about 60; a page with a
# table, a chart or a paragraph on it measures in the hundreds at least.
BLANK_VARIANCE = 100


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Rendered]:
    missing = [tool for tool in ("soffice", "pdftoppm", "pdftotext") if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} not installed: run `make office` (LibreOffice and poppler-utils).")
    folder = tmp_path_factory.mktemp("render")
    return {each.kind: each for each in render(sample_store(folder / "sample.duckdb"), folder / "all-agencies")}


def pdf_text(pdf: Path) -> list[str]:
    """Each page's text as pdftotext reads it, without whitespace: a line may break a title anywhere, even after a
    dash ("20.2– 29.6")."""
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=120, check=True)
    return [bare(page) for page in done.stdout.split("\f")[:-1]]  # each page ends with a form feed


def bare(text: str) -> str:
    return "".join(text.split())


def slide_titles(deck: Path) -> list[str]:
    """Each slide's title: its title placeholder, else its first text."""
    titles = []
    for slide in Presentation(str(deck)).slides:
        title = slide.shapes.title
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame and shape.text_frame.text]
        titles.append(bare(title.text_frame.text if title is not None else texts[0]))
    return titles


def test_the_three_files_are_rendered_from_the_built_pack(rendered):
    assert sorted(rendered) == ["deck", "handout", "workbook"]
    assert [rendered[kind].source.suffix for kind in ("deck", "handout", "workbook")] == [".pptx", ".pdf", ".xlsx"]
    assert rendered["handout"].pdf == rendered["handout"].source  # the handout is a PDF already


def test_the_deck_pdf_has_one_page_per_slide(rendered):
    deck = rendered["deck"]
    slides = len(Presentation(str(deck.source)).slides)
    assert slides >= 5
    assert len(PdfReader(deck.pdf).pages) == slides == len(deck.pages)


def test_every_handout_page_is_rendered(rendered):
    handout = rendered["handout"]
    assert len(handout.pages) == len(PdfReader(handout.pdf).pages) >= 2


@pytest.mark.parametrize("kind", ["deck", "handout", "workbook"])
def test_no_rendered_page_is_blank(rendered, kind):
    pages = rendered[kind].pages
    assert pages
    for page in pages:
        with Image.open(page) as image:
            assert ImageStat.Stat(image.convert("L")).var[0] > BLANK_VARIANCE, page.name


def test_the_deck_pdf_shows_every_slide_title(rendered):
    deck = rendered["deck"]
    titles, pages = slide_titles(deck.source), pdf_text(deck.pdf)
    assert len(pages) == len(titles)
    for number, (title, text) in enumerate(zip(titles, pages, strict=True), start=1):
        assert title and title in text, (number, title)


def test_every_printed_page_of_the_workbook_is_marked_confidential(rendered):
    workbook = rendered["workbook"]
    pages = pdf_text(workbook.pdf)
    sheets = load_workbook(workbook.source).sheetnames
    assert len(pages) == len(workbook.pages) >= len(sheets)  # every sheet prints at least one page
    for number, text in enumerate(pages, start=1):
        assert bare(CONFIDENTIAL) in text and bare(f"Page {number} of {len(pages)}") in text, number
    assert sheets[0] == "Cover" and bare("How effective is our office?") in pages[0]
