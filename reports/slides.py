"""The board pack as a PowerPoint deck to project: a title, the key findings, a slide per section, the methods.

Why: a board meeting runs on a projector, so type is large, text is dark on white, and nothing may run off a
slide; every number comes from the `Pack` (already suppressed and turned into display text), so the deck can
show nothing the screen hides. The numbers behind each chart go into the speaker notes for the presenter.
"""

from __future__ import annotations

import io
import math
import struct

import pandas as pd
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from reports.images import PNG_SCALE, chart_png
from reports.pack import Pack, Section

WIDTH, HEIGHT, MARGIN = 13.333, 7.5, 0.6  # inches, 16:9
INNER = WIDTH - 2 * MARGIN
BOTTOM = HEIGHT - 0.5
TEXT = RGBColor(0x1F, 0x29, 0x37)
HEADER_FILL = RGBColor(0xE5, 0xE7, 0xEB)
BAND, WHITE = RGBColor(0xF3, 0xF4, 0xF6), RGBColor(0xFF, 0xFF, 0xFF)
CHAR_EM, LINE = 0.5, 1.2  # a crude average character width and line height, in ems: errs towards wrapping
PAD = 0.1  # inches of inner margin on each side of a text box or table cell
MIN_PNG_PX = 1600  # wide enough to stay sharp on a 1080p projector
PROPERTY_CHARS = 255  # the longest title or subject python-pptx writes into a deck's properties


def pack_slides(pack: Pack, date: str | None = None) -> bytes:
    """The deck's bytes; `date` (text, e.g. "12 May 2025") is printed on the title slide when given, since core
    functions never read the clock."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(WIDTH), Inches(HEIGHT)
    deck.core_properties.title = _property(pack.title)
    deck.core_properties.subject = _property(pack.subtitle)
    _title_slide(deck, pack, date)
    _findings_slide(deck, [f.text for f in pack.findings])
    for section in pack.sections:
        _section_slide(deck, section)
    _methods_slide(deck, pack.definitions)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _property(text: str) -> str:
    """Text cut to the 255 characters a document property may hold (a scope can name a long unit); the slides
    print it whole."""
    return text if len(text) <= PROPERTY_CHARS else text[: PROPERTY_CHARS - 1] + "…"


def _title_slide(deck, pack: Pack, date: str | None) -> None:
    slide = _blank(deck)
    _text(slide, (MARGIN, 2.2, INNER, 1.6), [pack.title], (48, 44, 40), bold=True)
    _text(slide, (MARGIN, 3.9, INNER, 1.4), [pack.subtitle], (28, 24, 20))
    if date:
        _text(slide, (MARGIN, 5.4, INNER, 0.7), [date], (20, 18))


def _findings_slide(deck, findings: list[str]) -> None:
    """One column of large bullets when they fit, else two columns, never below 16 pt."""
    slide = _blank(deck)
    _heading(slide, "Key findings")
    findings = findings or ["No finding can be stated without numbers hidden to protect small groups."]
    top, height, gap = 1.6, BOTTOM - 1.6, 0.4
    for columns, size in [*((1, s) for s in (28, 26, 24, 22, 20)), *((2, s) for s in (24, 22, 20, 18, 16))]:
        width = (INNER - gap * (columns - 1)) / columns
        per = math.ceil(len(findings) / columns)
        parts = [findings[i : i + per] for i in range(0, len(findings), per)]
        if all(_fits(part, size, width, height, bullets=True) for part in parts):
            break
    for i, part in enumerate(parts):
        _text(slide, (MARGIN + i * (width + gap), top, width, height), part, (size,), bullets=True)


def _section_slide(deck, section: Section) -> None:
    """The chart when there is one (a portrait chart beside its lead, so it can use the slide's height), else
    the table; the numbers always in the notes."""
    slide = _blank(deck)
    _heading(slide, section.title)
    png = _png(section.chart) if section.chart is not None else None
    px_width, px_height = struct.unpack(">II", png[16:24]) if png else (1, 0)
    if png and px_height > px_width:
        _text(slide, (MARGIN, 1.6, 4.0, 2.5), [section.lead], (22, 20, 18))
        _picture(slide, png, (MARGIN + 4.3, 1.6, INNER - 4.3, BOTTOM - 1.6))
    else:
        _text(slide, (MARGIN, 1.5, INNER, 0.85), [section.lead], (22, 20, 18))
        frame = (MARGIN, 2.45, INNER, BOTTOM - 2.45)
        if png:
            _picture(slide, png, frame)
        else:
            _table(slide, section.table, frame, (18, 16, 14, 12, 10))
    rows = ["; ".join(f"{column}: {value}" for column, value in row.items()) for _, row in _cells(section.table)]
    slide.notes_slide.notes_text_frame.text = "\n".join([section.lead, *section.notes, *rows])


def _methods_slide(deck, definitions: pd.DataFrame) -> None:
    slide = _blank(deck)
    _heading(slide, "Methods and confidentiality")
    _table(slide, definitions, (MARGIN, 1.6, INNER, BOTTOM - 1.6), (20, 18, 16))


def _blank(deck):
    return deck.slides.add_slide(deck.slide_layouts[6])


def _heading(slide, title: str) -> None:
    _text(slide, (MARGIN, 0.4, INNER, 1.1), [title], (36, 34, 32), bold=True)


def _text(slide, box, paragraphs: list[str], sizes, bold=False, bullets=False) -> None:
    """A wrapped text box at the largest of `sizes` whose text fits it (the smallest when none does)."""
    left, top, width, height = box
    size = next((s for s in sizes if _fits(paragraphs, s, width, height, bullets)), sizes[-1])
    frame = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height)).text_frame
    frame.word_wrap, frame.auto_size = True, MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = Inches(PAD)
    for i, text in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text, run.font.size, run.font.bold, run.font.color.rgb = text, Pt(size), bold, TEXT
        if bullets:
            paragraph.space_after = Pt(size // 2)
            _bullet(paragraph, size)


def _bullet(paragraph, size: int) -> None:
    """A real bullet with a hanging indent, so wrapped lines align with the text (python-pptx has no API)."""
    properties = paragraph._p.get_or_add_pPr()
    properties.set("marL", str(Pt(size * 1.2)))
    properties.set("indent", str(-Pt(size * 1.2)))
    properties.insert(0, properties.makeelement(qn("a:buChar"), {"char": "•"}))


def _lines(text: str, size: float, width: float) -> int:
    per_line = max(1, int((width - 2 * PAD) * 72 / (size * CHAR_EM)))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in str(text).split("\n"))


def _fits(paragraphs: list[str], size: float, width: float, height: float, bullets: bool = False) -> bool:
    width -= size * 1.2 / 72 if bullets else 0
    lines = sum(_lines(text, size, width) for text in paragraphs)
    spacing = len(paragraphs) * size / 2 if bullets else 0
    return (lines * size * LINE + spacing) / 72 + 2 * PAD <= height


def _png(chart) -> bytes:
    """At least twice the chart's size, and wide enough for a projector."""
    png = chart_png(chart, scale=PNG_SCALE)
    px_width = struct.unpack(">I", png[16:20])[0]
    # half a pixel more: the renderer rounds the scaled width down
    return png if px_width >= MIN_PNG_PX else chart_png(chart, scale=PNG_SCALE * (MIN_PNG_PX + 0.5) / px_width)


def _picture(slide, png: bytes, box) -> None:
    """The picture as large as fits the box, its aspect ratio kept, centred across and at the box's top."""
    left, top, width, height = box
    px_width, px_height = struct.unpack(">II", png[16:24])
    scale = min(width / px_width, height / px_height)
    w, h = px_width * scale, px_height * scale
    slide.shapes.add_picture(io.BytesIO(png), Inches(left + (width - w) / 2), Inches(top), Inches(w), Inches(h))


def _cells(table: pd.DataFrame):
    """Rows of display text, a missing cell as empty text."""
    return table.astype(object).where(table.notna(), "").astype(str).iterrows()


def _row_heights(rows: list[list[str]], widths: list[float], size: float) -> list[float]:
    return [max(_lines(t, size, w) for t, w in zip(row, widths, strict=True)) * size * LINE / 72 + PAD for row in rows]


def _column_widths(rows: list[list[str]], size: float, width: float) -> list[float]:
    """Column widths (inches) filling `width` so that the table takes few lines at `size`.

    Each column starts as wide as its longest word; then, while there is room, the column whose next widening
    (to where one of its cells loses a line) saves the most lines of the table per inch gets it; a widening that
    shortens no row yet still counts the lines it saves in the cells that set their rows' heights, so that two
    columns tied in a row both get their turn. The room left is shared in proportion to the widths. When even the
    longest words do not fit, the widths are theirs, scaled down."""
    char = size * CHAR_EM / 72
    columns = [list(column) for column in zip(*rows, strict=True)]
    chars = [max((len(w) for text in column for w in text.split()), default=1) or 1 for column in columns]

    def lines(column: list[str], per_line: int) -> list[int]:
        return [sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n")) for text in column]

    def cost(counts: list[list[int]]) -> tuple[int, int]:
        tallest = [max(row) for row in zip(*counts, strict=True)]
        at_top = sum(n for row, top in zip(zip(*counts, strict=True), tallest, strict=True) for n in row if n == top)
        return sum(tallest), at_top

    counts = [lines(column, n) for column, n in zip(columns, chars, strict=True)]
    room = width - sum(n * char + 2 * PAD for n in chars)
    if room < 0:
        needs = [n * char + 2 * PAD for n in chars]
        return [n * width / sum(needs) for n in needs]
    while True:
        now, best = cost(counts), None
        for j, column in enumerate(columns):
            longest = max(len(part) for text in column for part in text.split("\n"))
            step = next((n for n in range(chars[j] + 1, longest + 1) if lines(column, n) != counts[j]), None)
            if step is None or (step - chars[j]) * char > room:
                continue
            after = cost([lines(column, step) if i == j else c for i, c in enumerate(counts)])
            gain = tuple((a - b) / (step - chars[j]) for a, b in zip(now, after, strict=True))
            if best is None or gain > best[0]:
                best = (gain, j, step)
        if best is None:
            break
        _, j, step = best
        room -= (step - chars[j]) * char
        chars[j], counts[j] = step, lines(columns[j], step)
    needs = [n * char + 2 * PAD + 1e-6 for n in chars]
    return [n * width / sum(needs) for n in needs]


def _table(slide, table: pd.DataFrame, box, sizes) -> None:
    """A native table, its columns shared out so that its rows take the fewest lines, at the largest size whose
    rows fit."""
    left, top, width, height = box
    rows = [list(map(str, table.columns)), *(list(row) for _, row in _cells(table))]
    for size in sizes:
        widths = _column_widths(rows, size, width)
        heights = _row_heights(rows, widths, size)
        if sum(heights) <= height:
            break
    shape = slide.shapes.add_table(len(rows), len(widths), *map(Inches, (left, top, width, sum(heights))))
    grid = shape.table
    grid.first_row = grid.horz_banding = False
    for j, w in enumerate(widths):
        grid.columns[j].width = Inches(w)
    for i, row in enumerate(rows):
        grid.rows[i].height = Inches(heights[i])
        for j, text in enumerate(row):
            cell = grid.cell(i, j)
            cell.fill.solid()
            cell.fill.fore_color.rgb = HEADER_FILL if i == 0 else BAND if i % 2 == 0 else WHITE
            cell.margin_left = cell.margin_right = Inches(PAD)
            cell.margin_top = cell.margin_bottom = Inches(PAD / 2)
            cell.text_frame.word_wrap = True
            run = cell.text_frame.paragraphs[0].add_run()
            run.text, run.font.size, run.font.bold, run.font.color.rgb = text, Pt(size), i == 0, TEXT
