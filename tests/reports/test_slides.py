"""The PowerPoint deck, read back with python-pptx: an executive cover, a headline title in a real title
placeholder on every slide, the confidentiality footer, native charts whose text is projector-sized, tables split
over slides rather than shrunk (no word broken, measured with the font's real metrics), alt text that says what a
chart shows, talking points in the notes, and nothing the screen hides.

Why read the file back: the deck is what a board sees, so the checks look at the slides, not at the builder. The
expected headlines are worked out from the sample files with `metrics`, never copied from the pack.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from lxml import etree
from PIL import ImageFont
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.util import Emu

from charts.theme import TIER_COLOURS
from ingest import read_canonical_responses, read_roster
from metrics import (
    COMPLEMENTARY,
    PRIMARY,
    RELIABLE_ALPHA,
    cronbach_alpha,
    domain_change,
    domain_scores,
    load_instrument,
    response_rates,
    scope_rows,
    shown,
    tier,
)
from reports import build_pack
from reports.findings import Finding
from reports.pack import CONFIDENTIAL
from reports.slides import pack_slides
from views import Survey

ROOT = Path(__file__).resolve().parents[2]
FONTS = ROOT / "reports" / "fonts"
SEA = "State Office of Early Learning"
WAVE, BEFORE = "2025 Spring", "2024 Spring"
INSTRUMENT = load_instrument()
NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
}
INCH = 914400


@pytest.fixture(scope="module")
def sample():
    return (
        read_canonical_responses(ROOT / "data" / "sample" / "responses.xlsx"),
        read_roster(ROOT / "data" / "sample" / "roster.xlsx"),
    )


@pytest.fixture(scope="module")
def pack(sample):
    return build_pack(Survey(sample[0], INSTRUMENT, roster=sample[1]), WAVE, BEFORE, organisation="Board of Ed")


@pytest.fixture(scope="module")
def deck(pack):
    return Presentation(io.BytesIO(pack_slides(pack)))


@pytest.fixture(scope="module")
def sea(sample):
    pack = build_pack(Survey(sample[0], INSTRUMENT, roster=sample[1]), WAVE, BEFORE, agency=SEA)
    return pack, Presentation(io.BytesIO(pack_slides(pack)))


# ---- reading a deck ------------------------------------------------------------------------------------------


def title(slide) -> str:
    return slide.shapes.title.text_frame.text.replace("\u00a0", " ")


def kicker(slide) -> str:
    """The small line above the title: a section's plain name."""
    boxes = [s for s in slide.shapes if s.has_text_frame and not s.is_placeholder and s.top < Emu(INCH * 0.5)]
    return boxes[0].text_frame.text if boxes else ""


def slides_of(deck, name: str) -> list:
    return [s for s in deck.slides if kicker(s) == name]


def texts(slide) -> list[str]:
    """Every paragraph a slide shows: text boxes, the title and table cells."""
    found = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            found += [p.text.replace("\u00a0", " ") for p in shape.text_frame.paragraphs]
        if shape.has_table:
            found += [cell.text for row in shape.table.rows for cell in row.cells]
    return found


def notes(slide) -> list[str]:
    return slide.notes_slide.notes_text_frame.text.splitlines() if slide.has_notes_slide else []


def chart_sizes(frame) -> list[int]:
    """Every text size the chart's XML sets, in hundredths of a point."""
    xml = etree.fromstring(frame.chart.part.blob)
    return [int(v) for v in xml.xpath("//a:defRPr/@sz | //a:rPr/@sz", namespaces=NS)]


def charts_of(slide) -> list:
    return [s for s in slide.shapes if s.has_chart]


def tables_of(slide) -> list:
    return [s.table for s in slide.shapes if s.has_table]


def cells(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def name(code: str) -> str:
    return INSTRUMENT.domain_name(code)


def one(value: float) -> str:
    """A value as the deck shows it: one decimal, half away from zero."""
    return f"{shown(value) + 0.0:.1f}"


# ---- the cover, footer and titles ----------------------------------------------------------------------------


def test_the_cover_comes_first_with_every_fact_in_large_type(pack, deck):
    cover = deck.slides[0]
    assert title(cover) == pack.title
    facts = pack.cover.lines()
    assert [label for label, _ in facts][:2] == ["Organisation", "Scope"]
    shown_lines = texts(cover)
    for label, text in facts:
        assert f"{label}: {text}" in shown_lines
    body = [s for s in cover.shapes if s.has_text_frame and not s.is_placeholder and "Scope: " in s.text_frame.text]
    sizes = [r.font.size.pt for p in body[0].text_frame.paragraphs for r in p.runs]
    assert min(sizes) >= 20


def test_every_slide_carries_the_footer_and_its_number(deck):
    total = len(deck.slides)
    for number, slide in enumerate(deck.slides, 1):
        footer = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text == CONFIDENTIAL]
        count = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text == f"{number} of {total}"]
        assert len(footer) == 1 and len(count) == 1, number
        for shape in (*footer, *count):
            assert min(r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs) >= 12
            assert shape.top + shape.height <= slide.part.package.presentation_part.presentation.slide_height


def test_every_title_sits_in_a_title_placeholder(deck):
    for number, slide in enumerate(deck.slides, 1):
        shape = slide.shapes.title
        assert shape is not None and shape.is_placeholder, number
        assert shape.placeholder_format.type == PP_PLACEHOLDER.TITLE, number
        assert title(slide).strip(), number
        assert min(r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs) >= 28, number


def test_each_section_leads_with_its_headline_and_names_itself_in_the_kicker(pack, deck):
    for section in pack.sections:
        found = slides_of(deck, section.title)
        assert found, section.key
        assert title(found[0]) == section.headline
        assert all(title(s) == f"{section.headline} (continued)" for s in found[1:]), section.key


def test_the_headlines_state_the_message_worked_out_from_the_sample(sample, deck):
    """Highest and lowest domain, the real changes, the lowest response rate: from metrics on the sample files."""
    responses, roster = sample
    rows = scope_rows(responses, WAVE)
    scores = domain_scores(rows, INSTRUMENT).query("not suppressed").assign(score=lambda t: t["score"].map(shown))
    high, low = scores.loc[scores["score"].idxmax()], scores.loc[scores["score"].idxmin()]
    (domains,) = slides_of(deck, "Index and domain scores")
    assert title(domains) == (
        f"{name(high['domain'])} scores highest at {one(high['score'])}; "
        f"{name(low['domain'])} lowest at {one(low['score'])}"
    )

    change = domain_change(scope_rows(responses), INSTRUMENT, BEFORE, WAVE)
    real = change[change["meaningful"] & ~change["suppressed"]].copy()
    real = real.assign(size=real["change"].abs()).sort_values("size", ascending=False, kind="stable")
    said = title(slides_of(deck, f"Change since {BEFORE}")[0])
    if real.empty:
        assert said == f"No domain changed clearly since {BEFORE}"
    else:
        first = real.iloc[0]
        verb = "rose" if first["change"] > 0 else "fell"
        assert said.startswith(f"{name(first['domain'])} {verb} {one(abs(first['change']))} points")
        assert said.endswith("; the rest held steady") == (len(real) < len(change))

    rates = response_rates(responses, roster, by=("agency",)).query("wave == @WAVE")
    rates = rates[~rates["suppressed"].fillna(True).astype(bool)]
    lowest = rates.loc[rates["rate"].idxmin()]
    said = title(slides_of(deck, "Who answered")[0])
    assert said.startswith(f"The response rate is lowest in {lowest['agency']}, at {one(lowest['rate'])} %")


def test_no_title_or_alt_text_names_a_hidden_unit_with_a_number(sea):
    pack, deck = sea
    units = next(s for s in pack.sections if s.key == "units").table
    hidden = units.loc[units.iloc[:, 1:].isin([PRIMARY, COMPLEMENTARY]).all(axis=1), units.columns[0]]
    assert len(hidden) >= 1
    said = [title(s) for s in deck.slides]
    said += [s._element.xpath("./*[1]/p:cNvPr/@descr")[0] for slide in deck.slides for s in charts_of(slide)]
    for unit in hidden:
        assert not [line for line in said if unit in line and re.search(r"\d", line)], unit


# ---- charts --------------------------------------------------------------------------------------------------


def test_every_chart_is_native_slide_wide_with_text_of_18_pt_or_more(deck):
    width = deck.slide_width
    frames = [shape for slide in deck.slides for shape in charts_of(slide)]
    assert len(frames) >= 4  # domains, change, gaps, rates
    for frame in frames:
        assert frame.width >= 0.8 * width
        xml = etree.fromstring(frame.chart.part.blob)
        sizes = chart_sizes(frame)
        assert sizes and min(sizes) >= 1800, sizes
        # each kind of chart text says its size itself, not only through the chart's default
        for part in ("c:catAx", "c:valAx", "c:dLbls", "c:legend"):
            for element in xml.xpath(f"//{part}", namespaces=NS):
                said = element.xpath("./c:txPr//a:defRPr/@sz", namespaces=NS)
                assert said and int(said[0]) >= 1800, part
    pictures = [s for slide in deck.slides for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert all(p.width >= 0.8 * width for p in pictures)


def test_the_domain_chart_holds_the_shown_scores_coloured_by_tier(sample, deck):
    rows = scope_rows(sample[0], WAVE)
    scores = domain_scores(rows, INSTRUMENT).query("not suppressed")
    (slide,) = slides_of(deck, "Index and domain scores")
    (frame,) = charts_of(slide)
    chart = frame.chart
    categories = list(chart.plots[0].categories)
    assert categories == [name(code) for code in INSTRUMENT.domain_codes]
    for series in chart.plots[0].series:  # one series a tier: its bars are exactly that tier's domains
        assert str(series.format.fill.fore_color.rgb) == TIER_COLOURS[series.name].lstrip("#").upper()
        values = dict(zip(categories, series.values, strict=True))
        expected = {name(r.domain): round(shown(r.score), 1) for r in scores.itertuples() if r.tier == series.name}
        assert {k: v for k, v in values.items() if v is not None} == pytest.approx(expected)
    assert {s.name for s in chart.plots[0].series} == set(scores["tier"])
    assert chart.has_legend and chart.legend.font.size.pt >= 18


def test_a_hidden_group_has_no_bar_only_its_reason_under_the_chart(sea):
    pack, deck = sea
    rates = next(s for s in pack.sections if s.key == "rates").table
    hidden = rates[~rates["Response rate (%)"].str.match(r"^\d")]
    assert len(hidden)
    (slide,) = slides_of(deck, "Who answered")
    (frame,) = charts_of(slide)
    values = dict(zip(frame.chart.plots[0].categories, frame.chart.plots[0].series[0].values, strict=True))
    lines = [line for line in texts(slide) if line and line not in (title(slide), kicker(slide), CONFIDENTIAL)]
    for unit, reason in zip(hidden["Unit"], hidden["Response rate (%)"], strict=True):
        assert values[unit] is None
        (line,) = [line for line in lines if unit in line]
        assert f"{unit}: {reason}" in line and not re.search(r"\d", line)


def test_alt_text_says_what_each_chart_shows(sample, deck):
    scores = domain_scores(scope_rows(sample[0], WAVE), INSTRUMENT).query("not suppressed")
    high, low = scores.loc[scores["score"].idxmax()], scores.loc[scores["score"].idxmin()]
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.shape_type in (MSO_SHAPE_TYPE.PICTURE, MSO_SHAPE_TYPE.CHART, MSO_SHAPE_TYPE.TABLE):
                described = shape._element.xpath("./*[1]/p:cNvPr/@descr")
                assert described and len(described[0]) > 20, title(slide)
                assert not re.search(r"\.(png|jpe?g|svg)\b", described[0]), described[0]
    (frame,) = charts_of(slides_of(deck, "Index and domain scores")[0])
    said = frame._element.xpath("./*[1]/p:cNvPr/@descr")[0]
    assert f"highest {name(high['domain'])} ({one(high['score'])})" in said
    assert f"lowest {name(low['domain'])} ({one(low['score'])})" in said


# ---- tables --------------------------------------------------------------------------------------------------


def word_width(text: str, size: float, bold: bool) -> float:
    """Inches a word takes in Liberation Sans (Arial's metrics) at `size` points."""
    font = ImageFont.truetype(str(FONTS / f"LiberationSans-{'Bold' if bold else 'Regular'}.ttf"), 100)
    return font.getlength(text) * size / 100 / 72


def assert_on_the_slide(deck):
    """Every shape inside the slide; every table inside the margins and above the footer, its text 16 pt or more
    and no word wider than its column (so none is broken); every text box at least 12 pt."""
    right, bottom = deck.slide_width, deck.slide_height
    for n, slide in enumerate(deck.slides, 1):
        for shape in slide.shapes:
            assert 0 <= shape.left and shape.left + shape.width <= right, (n, shape.name)
            assert 0 <= shape.top and shape.top + shape.height <= bottom, (n, shape.name)
            if shape.has_table:
                table = shape.table
                widths = [c.width for c in table.columns]
                assert shape.left >= Emu(INCH * 0.4) and shape.left + sum(widths) <= right - Emu(INCH * 0.4), n
                assert shape.top + sum(row.height for row in table.rows) <= bottom - Emu(INCH * 0.5), n
                for i, row in enumerate(table.rows):
                    for cell, width in zip(row.cells, widths, strict=True):
                        room = Emu(width - cell.margin_left - cell.margin_right).inches
                        for run in (r for p in cell.text_frame.paragraphs for r in p.runs):
                            assert run.font.size.pt >= 16, n
                            for word in run.text.split():
                                assert word_width(word, run.font.size.pt, i == 0) <= room, (n, word)
            if shape.has_text_frame:
                sizes = [r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs]
                assert not sizes or min(sizes) >= 12, (n, sizes)


def test_nothing_runs_off_a_slide(deck, sea):
    assert_on_the_slide(deck)
    assert_on_the_slide(sea[1])


def test_the_units_grid_is_a_tier_coloured_table_split_with_its_header_repeated(sea):
    pack, deck = sea
    section = next(s for s in pack.sections if s.key == "units")
    found = slides_of(deck, section.title)
    assert len(found) > 1 and not any(charts_of(s) for s in found)
    seen = {}
    for slide in found:
        (table,) = tables_of(slide)
        grid = cells(table)
        header = grid[0]
        assert header[0] == "Unit"  # the header row and the unit column on every slide
        for r, row in enumerate(grid[1:], start=1):
            for c, text in enumerate(row[1:], start=1):
                seen[(row[0], header[c])] = text
                fill = table.cell(r, c).fill.fore_color.rgb
                if re.fullmatch(r"\d+\.\d", text):
                    assert str(fill) == TIER_COLOURS[tier(float(text), pack.tiers)].lstrip("#").upper(), text
    expected = {
        (row[section.table.columns[0]], column): row[column]
        for _, row in section.table.iterrows()
        for column in section.table.columns[1:]
    }
    assert seen == expected  # every cell once, hidden ones as their reason
    for slide in found:  # the fills' meaning in words on every slide of the grid, below its table
        (table,) = [shape for shape in slide.shapes if shape.has_table]
        key = [shape for shape in slide.shapes if shape.has_text_frame and "Priority below 50" in shape.text_frame.text]
        assert len(key) == 1 and key[0].top >= table.top + table.height
        assert "Strength 75 or more; Developing 62.5 to 75; Emerging 50 to 62.5" in key[0].text_frame.text


def test_a_long_table_splits_over_slides_rather_than_shrinks(pack):
    """Twenty-four rows of a wordy table cannot fit one slide at 16 pt: they go over several, each with the
    header row, every row once and in order."""
    words = "a statement long enough to wrap over two lines of its column on a slide"
    table = pd.DataFrame({"Term": [f"Term {i}" for i in range(24)], "Meaning": [f"{words} {i}" for i in range(24)]})
    deck = Presentation(io.BytesIO(pack_slides(replace(pack, sections=[], definitions=table))))
    found = [s for s in deck.slides if title(s).startswith("Methods and confidentiality")]
    assert len(found) >= 2
    assert title(found[1]) == "Methods and confidentiality (continued)"
    rows = [row for slide in found for row in cells(tables_of(slide)[0])]
    assert [row for row in rows if row[0] != "Term"] == table.values.tolist()
    assert sum(row == ["Term", "Meaning"] for row in rows) == len(found)
    assert_on_the_slide(deck)


def test_the_methods_slides_list_every_term(pack, deck):
    found = [s for s in deck.slides if title(s).startswith("Methods and confidentiality")]
    terms = [row[0] for slide in found for row in cells(tables_of(slide)[0])[1:]]
    assert terms == list(pack.definitions["Term"])


# ---- findings and notes --------------------------------------------------------------------------------------


def test_the_findings_slide_holds_every_finding_at_20_pt(pack, deck):
    found = [s for s in deck.slides if title(s).startswith("Key findings")]
    assert found and all(f.text in texts(found[0]) for f in pack.findings)
    texts_of = {"\n".join(f.text for f in pack.findings)}
    for slide in found:
        body = [s for s in slide.shapes if s.has_text_frame and not s.is_placeholder and s.text_frame.text in texts_of]
        assert min(r.font.size.pt for s in body for p in s.text_frame.paragraphs for r in p.runs) >= 20


def test_many_findings_go_over_two_slides_and_stay_at_20_pt(pack):
    many = [Finding(f"Finding {i}: " + "a long sentence about one domain and its score " * 3, "x") for i in range(12)]
    deck = Presentation(io.BytesIO(pack_slides(replace(pack, findings=many, sections=[]))))
    found = [s for s in deck.slides if title(s).startswith("Key findings")]
    assert [title(s) for s in found][:2] == ["Key findings", "Key findings (continued)"]
    shown_lines = [line for slide in found for line in texts(slide)]
    assert [f.text for f in many] == [line for line in shown_lines if line.startswith("Finding")]
    assert_on_the_slide(deck)


def test_notes_are_a_few_talking_points_not_the_table(pack, deck):
    for number, slide in enumerate(deck.slides, 1):
        said = notes(slide)
        assert 2 <= len(said) <= 5, (number, said)
    for section in pack.sections:
        rows = {"; ".join(f"{c}: {v}" for c, v in row.items()) for _, row in section.table.astype(str).iterrows()}
        rows |= {" ".join(row) for row in section.table.astype(str).values.tolist()}
        for slide in slides_of(deck, section.title):
            assert not rows & set(notes(slide)), section.key


def test_the_notes_carry_the_caveats(sample, deck, sea):
    rows = scope_rows(sample[0], WAVE)
    alpha = cronbach_alpha(rows, INSTRUMENT)
    weak = [name(code) for code in alpha.loc[alpha["alpha"] < RELIABLE_ALPHA, "domain"]]
    said = " ".join(notes(slides_of(deck, "Index and domain scores")[0]))
    for domain in weak:
        assert f"Read {domain} with care" in said
    assert "No clear change means" in " ".join(notes(slides_of(deck, f"Change since {BEFORE}")[0]))
    pack, sea_deck = sea
    units = next(s for s in pack.sections if s.key == "units").table
    hidden = units.loc[units.iloc[:, 1:].isin([PRIMARY, COMPLEMENTARY]).all(axis=1), "Unit"]
    for slide in slides_of(sea_deck, "Units side by side"):
        (line,) = [line for line in notes(slide) if "hidden to protect small groups" in line]
        assert all(unit in line for unit in hidden) and not re.search(r"\d", line)


def test_hidden_units_appear_only_as_their_reason(sea):
    """On the units slides and their notes a hidden unit's cells read their reason, with no number at all;
    anywhere else in the deck no score, rate or percentage (a number with a decimal) stands beside its name."""
    pack, deck = sea
    units = next(s for s in pack.sections if s.key == "units").table
    hidden = set(units.loc[units.iloc[:, 1:].isin([PRIMARY, COMPLEMENTARY]).all(axis=1), units.columns[0]])
    assert hidden
    said = [line for slide in deck.slides for line in (*texts(slide), *notes(slide))]
    for slide in slides_of(deck, "Units side by side"):
        for table in tables_of(slide):
            for row in cells(table)[1:]:
                if row[0] in hidden:
                    assert set(row[1:]) <= {PRIMARY, COMPLEMENTARY}, row
    for unit in hidden:
        assert not any(re.search(r"\d\.\d", line) for line in said if unit in line), unit
