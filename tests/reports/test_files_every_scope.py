"""Every file of the board pack, for everyone and for each agency of the sample, read back: a group the screen
hides appears only with its reason, never beside a number (indicators §7.5).

The hidden groups come from metrics directly (domain_scores by unit within the agency, and response rates), not
from the pack, and the files are read with python-pptx, pypdf and openpyxl.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from ingest import read_canonical_responses, read_roster
from metrics import domain_scores, load_instrument, scope_rows
from reports import build_pack
from reports.handout import pack_pdf
from reports.pack import CONFIDENTIAL
from reports.slides import pack_slides
from reports.workbook import pack_workbook
from tests.reports.test_handout import alt_texts, assert_tagged_and_marked
from tests.reports.test_slides import assert_on_the_slide, chart_sizes, notes, title
from views import Survey

ROOT = Path(__file__).resolve().parents[2]
INSTRUMENT = load_instrument()
WAVE = "2025 Spring"
DECIMAL = re.compile(r"\d+\.\d")
RESPONSES = read_canonical_responses(ROOT / "data" / "sample" / "responses.xlsx")
ROSTER = read_roster(ROOT / "data" / "sample" / "roster.xlsx")
AGENCIES = [None, *sorted(RESPONSES.loc[RESPONSES["wave"] == WAVE, "agency"].unique())]


def hidden_units(agency: str) -> list[str]:
    """Units whose every domain score is hidden in the agency's by-unit breakdown."""
    scores = domain_scores(scope_rows(RESPONSES, WAVE, agency), INSTRUMENT, by=("unit",))
    hidden = scores.groupby("unit")["suppressed"].all()
    return sorted(hidden[hidden].index)


def lines_naming(texts: list[str], name: str) -> list[str]:
    return [line for text in texts for line in text.splitlines() if name in line]


@pytest.mark.slow  # every file for every agency: about ten seconds each
@pytest.mark.parametrize("agency", AGENCIES, ids=lambda a: a or "everyone")
def test_no_file_shows_a_hidden_group_beside_a_number(agency):
    pack = build_pack(Survey(RESPONSES, INSTRUMENT, roster=ROSTER), WAVE, "2024 Spring", agency)
    names = hidden_units(agency) if agency else []

    deck = Presentation(io.BytesIO(pack_slides(pack)))
    slide_texts = [shape.text_frame.text for s in deck.slides for shape in s.shapes if shape.has_text_frame]
    slide_texts += [
        cell.text
        for s in deck.slides
        for shape in s.shapes
        if shape.has_table
        for row in shape.table.rows
        for cell in row.cells
    ]
    slide_texts += [s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide]
    pdf_texts = [page.extract_text() for page in PdfReader(io.BytesIO(pack_pdf(pack))).pages]
    book = load_workbook(io.BytesIO(pack_workbook(pack)))

    for name in names:
        for line in lines_naming(slide_texts, name) + lines_naming(pdf_texts, name):
            # the roster's invited count may stand beside the name (it says nothing of anyone's answers);
            # a score, a rate or a percentage never does
            assert not DECIMAL.search(line), (agency, name, line)
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                if any(isinstance(v, str) and name in v for v in row):
                    numbers = [v for v in row if isinstance(v, int | float) and not isinstance(v, bool)]
                    header = [c.value for c in sheet[4]] if sheet.max_row >= 4 else []
                    invited = [v for v, h in zip(row, header, strict=False) if h == "Invited"]
                    assert numbers == invited, (agency, sheet.title, row)
    if agency == "State Office of Early Learning":
        assert names == ["Data & Assessment", "Policy & Legislative Affairs"]  # sample story 3


@pytest.mark.parametrize("agency", AGENCIES, ids=lambda a: a or "everyone")
def test_every_workbook_opens_on_its_cover_and_prints_confidential(agency):
    """Every scope's workbook: the Cover sheet first, with the scope and its respondents counted here from the
    sample file, and every sheet printed on Letter with the confidentiality footer and the page number."""
    pack = build_pack(Survey(RESPONSES, INSTRUMENT, roster=ROSTER), WAVE, "2024 Spring", agency)
    book = load_workbook(io.BytesIO(pack_workbook(pack)))
    cover = book.worksheets[0]
    facts = {row[0]: row[1] for row in cover.iter_rows(min_row=4, max_col=2, values_only=True) if row[0]}
    answered = len(scope_rows(RESPONSES, WAVE, agency))
    assert cover.title == "Cover" and cover["A1"].value == pack.title
    assert facts["Scope"] == (agency or "All agencies")
    assert facts["Respondents"] == f"{answered:,} people answered."
    for sheet in book.worksheets:
        assert sheet.oddFooter.center.text == "Confidential — for board use", (agency, sheet.title)
        assert sheet.oddFooter.right.text == "Page &P of &N" and sheet.page_setup.paperSize == 1  # US Letter


@pytest.mark.slow  # the deck of every agency: a few seconds each
@pytest.mark.parametrize("agency", AGENCIES, ids=lambda a: a or "everyone")
def test_the_deck_of_every_scope_is_projector_ready(agency):
    """The cover first, a title placeholder and the footer on every slide, native charts as wide as the slide
    with text of 18 pt or more, tables inside the slide at 16 pt or more with no word broken, a few talking
    points a slide; a hidden unit has no bar and no number in any title or alt text."""
    pack = build_pack(Survey(RESPONSES, INSTRUMENT, roster=ROSTER), WAVE, "2024 Spring", agency)
    deck = Presentation(io.BytesIO(pack_slides(pack)))
    names = hidden_units(agency) if agency else []
    assert title(deck.slides[0]) == pack.title
    cover = [p.text for shape in deck.slides[0].shapes if shape.has_text_frame for p in shape.text_frame.paragraphs]
    assert all(f"{label}: {text}" in cover for label, text in pack.cover.lines())
    assert_on_the_slide(deck)
    for slide in deck.slides:
        assert slide.shapes.title is not None and title(slide).strip()
        assert CONFIDENTIAL in [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        assert 2 <= len(notes(slide)) <= 5
        for frame in (shape for shape in slide.shapes if shape.has_chart):
            assert frame.width >= 0.8 * deck.slide_width
            sizes = chart_sizes(frame)
            assert sizes and min(sizes) >= 1800
            described = frame._element.xpath("./*[1]/p:cNvPr/@descr")[0]
            plot = frame.chart.plots[0]
            for series in plot.series:
                values = dict(zip(plot.categories, series.values, strict=True))
                assert all(values.get(name) is None for name in names), (agency, title(slide))
            for name in names:
                assert not (name in described and re.search(r"\d", described)), described
        for name in names:
            assert not (name in title(slide) and re.search(r"\d", title(slide))), title(slide)


@pytest.mark.slow  # the handout of every agency: a few seconds each
@pytest.mark.parametrize("agency", AGENCIES, ids=lambda a: a or "everyone")
def test_every_handout_is_tagged_marked_and_hides_what_the_screen_hides(agency):
    """Every scope's handout: tagged PDF/UA-1 (headings, tables with header cells, a figure with alternative text
    per chart, en-US, its title), the cover's facts on page one, the marking and page number on every page, the
    bundled font embedded; no alternative text puts a number beside a hidden unit."""
    pack = build_pack(Survey(RESPONSES, INSTRUMENT, roster=ROSTER), WAVE, "2024 Spring", agency)
    reader = PdfReader(io.BytesIO(pack_pdf(pack)))
    assert_tagged_and_marked(pack, reader)
    for alt in alt_texts(reader):
        for sentence in re.split(r"(?<=\.) ", alt):
            for name in hidden_units(agency) if agency else []:
                assert not (name in sentence and DECIMAL.search(sentence)), (agency, sentence)


def test_the_checks_find_the_small_units():
    """The SEA's two hidden units really do appear in the files (with their reasons), so the test above reads
    real lines, not none."""
    pack = build_pack(Survey(RESPONSES, INSTRUMENT, roster=ROSTER), WAVE, None, "State Office of Early Learning")
    book = load_workbook(io.BytesIO(pack_workbook(pack)))
    cells = [v for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for v in row]
    assert "Policy & Legislative Affairs" in cells
    assert any(
        isinstance(v, str) and v in ("not enough responses to report", "hidden to protect a small group") for v in cells
    )
