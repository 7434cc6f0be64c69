"""The PowerPoint deck, read back with python-pptx: every part of the pack on its slide, projector-sized type that
stays on the slide, and nothing the screen hides.

Why read the file back: the deck is what a board sees, so the checks look at the slides, not at the builder.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import replace
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu

from ingest import read_canonical_responses, read_roster
from metrics import COMPLEMENTARY, PRIMARY, load_instrument
from reports import build_pack
from reports.findings import Finding
from reports.slides import pack_slides
from views import Survey

ROOT = Path(__file__).resolve().parents[2]
SEA = "State Office of Early Learning"
INSTRUMENT = load_instrument()


@pytest.fixture(scope="module")
def sample():
    return (
        read_canonical_responses(ROOT / "data" / "sample" / "responses.xlsx"),
        read_roster(ROOT / "data" / "sample" / "roster.xlsx"),
    )


@pytest.fixture(scope="module")
def pack(sample):
    return build_pack(Survey(sample[0], INSTRUMENT, roster=sample[1]), "2025 Spring", "2024 Spring")


@pytest.fixture(scope="module")
def deck(pack):
    return Presentation(io.BytesIO(pack_slides(pack)))


@pytest.fixture(scope="module")
def sea(sample):
    pack = build_pack(Survey(sample[0], INSTRUMENT, roster=sample[1]), "2025 Spring", "2024 Spring", agency=SEA)
    return pack, Presentation(io.BytesIO(pack_slides(pack)))


def texts(slide) -> list[str]:
    """Every paragraph a slide shows: text boxes and table cells."""
    found = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            found += [p.text for p in shape.text_frame.paragraphs]
        if shape.has_table:
            found += [cell.text for row in shape.table.rows for cell in row.cells]
    return found


def notes(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def test_a_slide_for_the_title_findings_each_section_and_methods(pack, deck):
    assert len(deck.slides) == 3 + len(pack.sections)
    assert (Emu(deck.slide_width).inches, Emu(deck.slide_height).inches) == pytest.approx((13.333, 7.5), abs=0.01)
    assert {pack.title, pack.subtitle} <= set(texts(deck.slides[0]))
    for section, slide in zip(pack.sections, list(deck.slides)[2:-1], strict=True):
        assert {section.title, section.lead} <= set(texts(slide))


def test_the_findings_slide_holds_every_finding(pack, deck):
    shown = texts(deck.slides[1])
    assert "Key findings" in shown
    assert pack.findings and all(f.text in shown for f in pack.findings)


def test_each_chart_is_a_sharp_picture(pack, deck):
    for section, slide in zip(pack.sections, list(deck.slides)[2:-1], strict=True):
        pictures = [s for s in slide.shapes if s.shape_type == 13]
        assert section.chart is not None and len(pictures) == 1, section.key
        assert pictures[0].image.size[0] >= 1600, section.key


def test_the_domain_slides_notes_hold_every_score(pack, deck):
    section = next(s for s in pack.sections if s.key == "domains")
    said = notes(deck.slides[2 + pack.sections.index(section)])
    score = next(c for c in section.table.columns if c.startswith("Score"))
    for _, row in section.table.iterrows():
        line = next(line for line in said.splitlines() if line.startswith(f"Domain: {row['Domain']};"))
        assert f"{score}: {row[score]}" in line


def test_a_section_without_a_chart_becomes_a_native_table(pack):
    section = replace(pack.sections[0], chart=None)
    slide = Presentation(io.BytesIO(pack_slides(replace(pack, sections=[section])))).slides[2]
    assert not [s for s in slide.shapes if s.shape_type == 13]
    (table,) = [s.table for s in slide.shapes if s.has_table]
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells == [list(section.table.columns), *section.table.astype(str).values.tolist()]


def test_the_methods_slide_lists_every_term(pack, deck):
    (table,) = [s.table for s in deck.slides[-1].shapes if s.has_table]
    terms = [row.cells[0].text for row in table.rows]
    assert "Methods and confidentiality" in texts(deck.slides[-1])
    assert terms == ["Term", *pack.definitions["Term"]]


def fits(shape, size: float, text: str) -> bool:
    """Crude: half an em a character, 1.2 ems a line, inside the frame's margins."""
    width = Emu(shape.width - shape.text_frame.margin_left - shape.text_frame.margin_right).pt
    height = Emu(shape.height).pt
    lines = sum(max(1, math.ceil(len(part) * size * 0.5 / width)) for part in text.split("\n"))
    return lines * size * 1.2 <= height


def assert_on_the_slide(deck):
    right, bottom = deck.slide_width, deck.slide_height
    for n, slide in enumerate(deck.slides, 1):
        for shape in slide.shapes:
            assert 0 <= shape.left and shape.left + shape.width <= right, (n, shape.name)
            assert 0 <= shape.top and shape.top + shape.height <= bottom, (n, shape.name)
            if shape.has_table:
                assert sum(row.height for row in shape.table.rows) <= bottom - shape.top, n
                cells = [c.text_frame for row in shape.table.rows for c in row.cells]
                assert min(r.font.size.pt for frame in cells for p in frame.paragraphs for r in p.runs) >= 16, n
            if not shape.has_text_frame:
                continue
            sizes = [r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs]
            assert min(sizes) >= 16, (n, sizes)
            assert fits(shape, max(sizes), shape.text_frame.text), (n, shape.text_frame.text[:60])


def test_no_text_runs_off_a_slide(deck):
    assert_on_the_slide(deck)
    titles = [s.shapes[0].text_frame.paragraphs[0].runs[0].font.size.pt for s in list(deck.slides)[1:]]
    assert min(titles) >= 32


def test_many_findings_go_to_two_columns_and_stay_readable(pack):
    many = [Finding(f"Finding {i}: " + "a long sentence about one domain and its score " * 2, "x") for i in range(12)]
    deck = Presentation(io.BytesIO(pack_slides(replace(pack, findings=many, sections=[]))))
    assert_on_the_slide(deck)
    boxes = [s for s in deck.slides[1].shapes if s.has_text_frame][1:]
    assert len(boxes) == 2 and sum(len(b.text_frame.paragraphs) for b in boxes) == 12


def test_hidden_units_appear_only_as_their_reason(sea):
    """On the units slide and its notes a hidden unit's cells read their reason, with no number at all; anywhere
    else in the deck no score, rate or percentage (a number with a decimal) stands beside its name (the rates
    slide shows its roster's invited count, as the screen does)."""
    pack, deck = sea
    index = next(i for i, s in enumerate(pack.sections) if s.key == "units")
    units = pack.sections[index].table
    reasons = units.iloc[:, 1:].isin([PRIMARY, COMPLEMENTARY]).all(axis=1)
    hidden = set(units.loc[reasons, units.columns[0]])
    assert {"Policy & Legislative Affairs", "Data & Assessment"} <= hidden
    slide = deck.slides[2 + index]
    said = [line for slide in deck.slides for line in (*texts(slide), *notes(slide).splitlines())]
    for unit in hidden:
        on_units = [line for line in (*texts(slide), *notes(slide).splitlines()) if unit in line]
        assert on_units and all(PRIMARY in line or COMPLEMENTARY in line for line in on_units), unit
        assert not any(re.search(r"\d", line) for line in on_units), unit
        assert not any(re.search(r"\d\.\d", line) for line in said if unit in line), unit
