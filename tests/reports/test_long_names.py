"""A unit named with 208 characters and no space (issue 21: it crashed the PDF handout) goes into every file of the
board pack: in the PDF it is broken across lines in table cells, wrapped in the cover's heading and cut short in
the footer, and no character of any page lies outside the page's margins; the slides and the workbook hold it.

Why read the files back: the check is on what a board member holds (pypdf for the text, pypdfium2 for where each
character is printed), not on the builder.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from ingest import read_canonical_responses, read_roster
from metrics import load_instrument
from reports import build_pack
from reports.handout import pack_pdf
from reports.pack import CONFIDENTIAL
from reports.slides import pack_slides
from reports.workbook import pack_workbook
from views import Survey

ROOT = Path(__file__).resolve().parents[2]
SEA = "State Office of Early Learning"
LONG = "Division" + "A" * 200
MM = 72 / 25.4  # points per millimetre
SIDE = 12.7 * MM  # the narrowest side margin of the handout (landscape pages), in points


@pytest.fixture(scope="module")
def survey() -> Survey:
    """The sample with its unit "Grants & Finance" (a shown unit of the SEA) renamed to LONG."""
    responses = read_canonical_responses(ROOT / "data" / "sample" / "responses.xlsx")
    roster = read_roster(ROOT / "data" / "sample" / "roster.xlsx")
    responses.loc[responses["unit"] == "Grants & Finance", "unit"] = LONG
    roster.loc[roster["unit"] == "Grants & Finance", "unit"] = LONG
    return Survey(responses, load_instrument(), roster=roster)


@pytest.fixture(scope="module", params=["agency", "unit"])
def pack(request, survey):
    """The SEA's pack (the unit is a row of its units grid and rates table) and the unit's own (its name in the
    subtitle, so in the cover and every footer)."""
    unit = LONG if request.param == "unit" else None
    return build_pack(survey, "2025 Spring", "2024 Spring", agency=SEA, unit=unit)


def test_the_handout_breaks_the_name_and_keeps_every_character_on_the_page(pack):
    content = pack_pdf(pack)
    reader = PdfReader(io.BytesIO(content))
    texts = [page.extract_text() for page in reader.pages]
    assert len(texts) >= 5
    assert LONG in re.sub(r"\s+", "", "".join(texts))  # every character printed, across lines
    longest = max(len(line) for text in texts for line in text.splitlines() if "AAAA" in line)
    assert longest < len(LONG)  # broken: no line holds the whole name
    for number, text in enumerate(texts, start=1):
        assert text.rstrip().endswith(f"Page {number} of {len(texts)}")

    document = pdfium.PdfDocument(content)
    for index in range(len(document)):
        page = document[index]
        width, _ = page.get_size()
        chars = page.get_textpage()
        boxes = [chars.get_charbox(i) for i in range(chars.count_chars())]
        outside = [box for box in boxes if box[2] > box[0] and (box[0] < SIDE - 1 or box[2] > width - SIDE + 1)]
        assert not outside, f"page {index + 1}: {len(outside)} characters outside the margins"


def test_a_long_footer_is_cut_short_before_the_page_number(survey):
    pack = build_pack(survey, "2025 Spring", agency=SEA, unit=LONG)
    footer = PdfReader(io.BytesIO(pack_pdf(pack))).pages[0].extract_text().splitlines()[-1]
    assert footer.startswith(f"{CONFIDENTIAL} · Division")
    assert re.search(r"A…\s*Page 1 of \d+$", footer)


def test_the_slides_and_the_workbook_hold_the_whole_name(pack):
    deck = Presentation(io.BytesIO(pack_slides(pack)))
    texts = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    cells = [
        cell.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
        for cell in row.cells
    ]
    notes = [slide.notes_slide.notes_text_frame.text for slide in deck.slides if slide.has_notes_slide]
    assert any(LONG in text for text in texts + cells + notes)  # a chart's numbers are in its slide's notes
    assert len(deck.core_properties.subject) <= 255  # a property is cut short; the slides print the name whole
    book = load_workbook(io.BytesIO(pack_workbook(pack)))
    values = [str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value]
    assert any(LONG in value for value in values)
