"""The board pack's "What staff said" and "In their words": themes and quotes of a scope only when the comment rules
(docs/comments.md) let it show comments, and never a word of a hidden group in the slides, the PDF or the workbook.

The data, by hand: agency "Ag" with units A (15 people, 12 commented) and B (15 people, 4 commented), agency "Other"
(15 people, 12 commented); comment_min_n = 10, min_n = 5.
- All agencies: 28 commenters, shown.
- Ag: 16 commenters; all agencies leave out Other's 12 (not 1 to 9); the agency breakdown shows both: shown.
- Ag · B: 4 commenters < 10: refused. Ag · A: 12 commenters, but Ag minus A leaves out B's 4 (1 to 9): refused.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from metrics import check_lexicon, load_instrument, load_lexicon
from reports import build_pack
from reports.handout import pack_pdf
from reports.slides import pack_slides
from reports.workbook import pack_workbook
from views import Settings, Survey

INSTRUMENT = load_instrument()
WAVE = "2026"
SECRET = "Quokka"  # a word only unit B's people wrote


def people(agency: str, unit: str, count: int, start: int) -> pd.DataFrame:
    rows = pd.DataFrame(
        {
            "response_id": [f"r{start + i}" for i in range(count)],
            "wave": WAVE,
            "agency": agency,
            "unit": unit,
            "role_level": "staff",
        }
    )
    for item in INSTRUMENT.items:
        rows[item.code] = np.float64(4.0)
    return rows


def said(responses: pd.DataFrame, count: int, text: str) -> pd.DataFrame:
    ids = responses["response_id"].head(count)
    return pd.DataFrame(
        {"wave": WAVE, "response_id": ids, "question": "What one change?", "text": [f"{text} {i}" for i in ids]}
    )


@pytest.fixture(scope="module")
def data() -> tuple[pd.DataFrame, pd.DataFrame]:
    a, b, other = people("Ag", "A", 15, 0), people("Ag", "B", 15, 100), people("Other", "C", 15, 200)
    comments = pd.concat(
        [
            said(a, 12, "More training on the data system please"),
            said(b, 4, f"{SECRET} says the budget process is broken"),
            said(other, 12, "Our partners need clearer communication"),
        ],
        ignore_index=True,
    )
    return pd.concat([a, b, other], ignore_index=True), comments


def pack_of(data, agency=None, unit=None, quotes=5):
    responses, comments = data
    survey = Survey(
        responses,
        INSTRUMENT,
        Settings(min_n=5, comment_min_n=10),
        comments=comments,
        lexicon=check_lexicon(load_lexicon(), INSTRUMENT),
    )
    return build_pack(survey, WAVE, agency=agency, unit=unit, quotes=quotes)


def file_texts(pack) -> list[str]:
    deck = Presentation(io.BytesIO(pack_slides(pack)))
    slides = " ".join(
        " ".join(
            [
                *(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame),
                *(
                    cell.text
                    for shape in slide.shapes
                    if shape.has_table
                    for row in shape.table.rows
                    for cell in row.cells
                ),
                slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else "",
            ]
        )
        for slide in deck.slides
    )
    pdf = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pack_pdf(pack))).pages)
    book = load_workbook(io.BytesIO(pack_workbook(pack)))
    sheets = " ".join(
        str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for v in row if v
    )
    return [slides, pdf, sheets]


def test_everyone_gets_themes_and_quotes_counted_by_hand(data):
    pack = pack_of(data)
    keys = [section.key for section in pack.sections]
    assert "voices" in keys and "quotes" in keys
    voices = next(section for section in pack.sections if section.key == "voices")
    table = voices.table.set_index("Domain")
    # CAP "training": A's 12 of 28 commenters = 42.9 %; COM "communication": Other's 12 = 42.9 %;
    # RES "budget": B's 4 = 14.3 %; ACC "data": A's 12 = 42.9 %; PAR "partners": 12 = 42.9 %.
    assert table.loc["Staff Capacity & Growth", "People mentioning it"] == "12"
    assert table.loc["Resources & Work Structures", "Share of people who commented (%)"] == "14.3"
    assert table.loc["Communication & Information Flow", "Share of people who commented (%)"] == "42.9"
    assert table.loc["Trust & Collective Responsibility", "People mentioning it"] == "0"
    quotes = next(section for section in pack.sections if section.key == "quotes")
    assert len(quotes.table) == 5 and list(quotes.table.columns) == ["Question", "Comment"]
    assert any("Comments" == term for term in pack.definitions["Term"])


@pytest.mark.parametrize(("agency", "unit"), [("Ag", "B"), ("Ag", "A")])
def test_a_scope_the_rules_refuse_gets_no_comment_section_and_no_word_of_b_in_any_file(data, agency, unit):
    pack = pack_of(data, agency, unit)
    assert not {"voices", "quotes"} & {section.key for section in pack.sections}
    assert "Comments" not in set(pack.definitions["Term"])
    for text in file_texts(pack):
        assert SECRET not in text and "budget process" not in text


def test_the_agency_may_quote_its_people_mixed_together(data):
    pack = pack_of(data, "Ag", quotes=5)
    quotes = next(section for section in pack.sections if section.key == "quotes")
    assert len(quotes.table) == 5  # of Ag's 16 comments, A's and B's together: no group of fewer than 10 alone
    assert all(not text.startswith("Our partners") for text in quotes.table["Comment"])  # Other's stay out


def test_themes_only_when_no_quotes_are_asked(data):
    keys = [section.key for section in pack_of(data, quotes=0).sections]
    assert "voices" in keys and "quotes" not in keys
