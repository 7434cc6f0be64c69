"""The board pack as a printable PDF handout (fpdf2: pure Python, no browser).

Why: board members read on paper or in a PDF viewer, far from the dashboard. The handout lays out a `Pack` and
adds nothing to it: every word and number comes from the pack (its display tables already read a hidden cell as
its reason), and every chart is the pack's Altair spec drawn by `reports.images.chart_png`. US Letter portrait,
because the users are US agencies; a table too wide for it (the units grid) turns the page to landscape.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from fpdf import FPDF, FontFace, XPos, YPos
from PIL import Image

from charts import theme
from reports.findings import Finding
from reports.images import chart_png
from reports.pack import Pack, Section

# DejaVu Sans ships with the repo: the tables hold "–", "·", "≥", curly quotes and accented names, which the
# PDF core fonts cannot print, and a server may have no system fonts at all.
FONTS = Path(__file__).parent / "fonts"
FONT = "DejaVuSans"
PT = 25.4 / 72  # millimetres per point
LEADING = 1.35  # line height as a multiple of the font size

MARGIN = 18.0  # mm, left and right (portrait); landscape pages use WIDE_MARGIN to give the grid room
WIDE_MARGIN = 12.7
TOP = 16.0
BOTTOM = 18.0  # room for the footer

WIDE_COLUMNS = 9  # a table with this many columns goes on a landscape page
TABLE_SIZES = (9.0, 8.5, 8.0, 7.5, 7.0)  # pt, largest first; 7 pt is the smallest still easy to read
SHARE = 0.8  # at most this much of a table's width goes to its longest words
LONGEST_WORD = 45.0  # mm: a longer word (a name without spaces) is broken across lines, not given the whole table
CELL_PAD = 1.2  # mm, left and right padding inside a table cell
CELL_PAD_V = 0.9  # mm, above and below
ROW_LEADING = 1.25  # line height in a table, as a multiple of its font size
GAP = 4.0  # mm between a chart and its table
MIN_TABLE_START = 30.0  # mm: a table with less room than this under its heading starts on the next page

INK = theme.INK
MUTED = theme.MUTED
RULE = "#b4b4b4"
HEADING_FILL = "#e9f0f8"  # the lightest tier tint, so the handout matches the charts
STRIPE_FILL = "#f5f5f5"

_NUMBER = re.compile(r"^[+\-−]?\d")


class _Handout(FPDF):
    """An FPDF with the handout's fonts and a footer naming the pack and the page ("Page 3 of 9")."""

    def __init__(self, footer_text: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="letter")
        self.footer_text = footer_text
        self.add_font(FONT, "", FONTS / "DejaVuSans.ttf")
        self.add_font(FONT, "B", FONTS / "DejaVuSans-Bold.ttf")
        self.set_margins(MARGIN, TOP, MARGIN)
        self.set_auto_page_break(True, margin=BOTTOM)
        self.set_text_color(INK)

    def footer(self) -> None:
        margin = MARGIN if self.cur_orientation.value == "P" else WIDE_MARGIN
        self.set_xy(margin, -12)
        self.set_font(FONT, size=8)
        self.set_text_color(MUTED)
        width = (self.w - 2 * margin) * 0.75
        self.cell(width, 5, _fitted(self, self.footer_text, width - 2 * self.c_margin))
        self.cell((self.w - 2 * margin) * 0.25, 5, f"Page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(INK)


def pack_pdf(pack: Pack) -> bytes:
    """The pack as the bytes of a PDF: cover, key findings, one block per section (heading, lead, chart,
    table), then methods and confidentiality."""
    pdf = _Handout(f"{pack.title} · {pack.subtitle}")
    pdf.set_title(f"{pack.title} {pack.subtitle}")
    pdf.set_creator("Effective Offices")
    pdf.set_lang("en-US")
    pdf.add_page()
    _cover(pdf, pack)
    _findings(pdf, pack.findings)
    for section in pack.sections:
        _section(pdf, section)
    _methods(pdf, pack.definitions)
    return bytes(pdf.output())


def _text(pdf: FPDF, text: str, size: float, bold: bool = False, colour: str = INK, after: float = 0.0) -> None:
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.set_text_color(colour)
    pdf.multi_cell(0, size * PT * LEADING, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(INK)
    pdf.ln(after)


def _text_height(pdf: FPDF, text: str, size: float, bold: bool = False) -> float:
    pdf.set_font(FONT, "B" if bold else "", size)
    return pdf.multi_cell(0, size * PT * LEADING, text, dry_run=True, output="HEIGHT")


def _heading(pdf: FPDF, title: str, lead: str = "") -> None:
    """A section heading (also a bookmark in the PDF viewer's outline) and its lead sentence."""
    pdf.start_section(title)
    _text(pdf, title, 14, bold=True, after=1.5)
    if lead:
        _text(pdf, lead, 10, colour=MUTED, after=3)


def _heading_height(pdf: FPDF, title: str, lead: str = "") -> float:
    return _text_height(pdf, title, 14, bold=True) + 1.5 + (_text_height(pdf, lead, 10) + 3 if lead else 0)


def _cover(pdf: FPDF, pack: Pack) -> None:
    _text(pdf, pack.title, 24, bold=True, after=2)
    _text(pdf, pack.subtitle, 13, colour=MUTED, after=4)
    pdf.set_draw_color(RULE)
    pdf.set_line_width(0.4)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(7)


def _findings(pdf: FPDF, findings: Sequence[Finding]) -> None:
    """Key findings as a bulleted list: the sentences a board member reads if they read nothing else."""
    if not findings:
        return
    pdf.start_section("Key findings")
    _text(pdf, "Key findings", 15, bold=True, after=2)
    size, indent = 11.0, 6.0
    for finding in findings:
        pdf.set_font(FONT, size=size)
        pdf.cell(indent, size * PT * LEADING, "•")
        pdf.multi_cell(
            pdf.epw - indent, size * PT * LEADING, finding.text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        pdf.ln(1.8)
    pdf.ln(6)


def _section(pdf: FPDF, section: Section) -> None:
    """Heading, lead and chart kept together on a portrait page, and the table with them when the whole section
    fits on one page; a longer table runs on over pages."""
    if pdf.cur_orientation.value != "P":
        pdf.add_page(orientation="portrait")
    above = _heading_height(pdf, section.title, section.lead)
    picture, width, height = None, 0.0, 0.0
    if section.chart is not None:
        picture = chart_png(section.chart, scale=2)
        width, height = _chart_size(picture, pdf.epw, pdf.eph - above - GAP)
    grid = None
    if not section.table.empty and len(section.table.columns) < WIDE_COLUMNS:
        grid = _grid(pdf, section.table)
    first_block = above + (height + GAP if picture is not None else MIN_TABLE_START)
    whole = above + (height + GAP if picture is not None else 0) + (grid.height if grid else 0)
    needed = whole if whole <= pdf.eph else first_block
    if pdf.get_y() + needed > pdf.page_break_trigger:
        pdf.add_page()
    _heading(pdf, section.title, section.lead)
    if picture is not None:
        pdf.image(io.BytesIO(picture), x=(pdf.w - width) / 2, w=width, h=height, alt_text=section.title)
        pdf.ln(GAP)
    if not section.table.empty:
        _table(pdf, section.table)
    pdf.ln(8)


def _chart_size(png: bytes, max_width: float, max_height: float) -> tuple[float, float]:
    """The chart at print width, keeping its aspect ratio; shrunk to fit a page when it is taller than one."""
    with Image.open(io.BytesIO(png)) as image:
        pixels_wide, pixels_high = image.size
    width = max_width
    height = width * pixels_high / pixels_wide
    if height > max_height:
        height = max_height
        width = height * pixels_wide / pixels_high
    return width, height


@dataclass(frozen=True)
class _Grid:
    """A display table measured for the page it goes on: font size, column widths (mm), alignments, height."""

    header: list[str]
    rows: list[list[str]]
    size: float
    widths: list[float]
    aligns: list[str]
    height: float


def _grid(pdf: FPDF, table: pd.DataFrame, bold_first: bool = False) -> _Grid:
    header = [str(c) for c in table.columns]
    rows = [[_cell_text(v) for v in row] for row in table.itertuples(index=False, name=None)]
    size, widths = _column_widths(pdf, header, rows, bold_first)
    columns = list(zip(*rows, strict=True)) or [() for _ in header]
    aligns = ["L"] + ["R" if _numeric(column) else "L" for column in columns[1:]]
    height = _row_height(pdf, header, widths, size, len(header))
    height += sum(_row_height(pdf, r, widths, size, int(bold_first)) for r in rows)
    return _Grid(header, rows, size, widths, aligns, height)


def _row_height(pdf: FPDF, cells: list[str], widths: list[float], size: float, bold: int) -> float:
    """The height (mm) of a row whose first `bold` cells are bold, as fpdf2 will wrap it."""
    if len(cells) > 2 and _one_reason(cells[1:]):
        cells, widths = cells[:2], [widths[0], sum(widths[1:])]
    lines = 1
    for i, (text, width) in enumerate(zip(cells, widths, strict=True)):
        pdf.set_font(FONT, "B" if i < bold else "", size)
        found = pdf.multi_cell(width - 2 * CELL_PAD, size * PT * ROW_LEADING, text, dry_run=True, output="LINES")
        lines = max(lines, len(found))
    return lines * size * PT * ROW_LEADING + 2 * CELL_PAD_V


def _table(pdf: FPDF, table: pd.DataFrame, bold_first: bool = False) -> None:
    """A display table: header row repeated on every page it runs over, long text wrapped, numbers right-aligned,
    kept on one page when it fits one. A wide table (the units grid) gets landscape pages of its own. A row
    whose cells all read the same reason ("hidden to protect a small group") prints it once across them."""
    wide = len(table.columns) >= WIDE_COLUMNS
    if wide:
        pdf.add_page(orientation="landscape")
        pdf.set_margins(WIDE_MARGIN, TOP, WIDE_MARGIN)
        pdf.set_x(WIDE_MARGIN)
    grid = _grid(pdf, table, bold_first)
    room = pdf.page_break_trigger - pdf.get_y()
    if grid.height > room and (grid.height <= pdf.eph or room < MIN_TABLE_START):
        pdf.add_page()
    pdf.set_font(FONT, size=grid.size)
    pdf.set_draw_color(RULE)
    pdf.set_line_width(0.2)
    with pdf.table(
        width=sum(grid.widths),
        col_widths=grid.widths,
        align="L",
        text_align=grid.aligns,
        v_align="MIDDLE",
        line_height=grid.size * PT * ROW_LEADING,
        padding=(CELL_PAD_V, CELL_PAD),
        borders_layout="HORIZONTAL_LINES",
        headings_style=FontFace(emphasis="BOLD", fill_color=HEADING_FILL),
        cell_fill_color=STRIPE_FILL,
        cell_fill_mode="ROWS",
        repeat_headings=1,
    ) as drawn:
        heading = drawn.row()
        for text in grid.header:
            heading.cell(text)
        first = FontFace(emphasis="BOLD") if bold_first else None
        for cells in grid.rows:
            row = drawn.row()
            row.cell(cells[0], style=first)
            if len(cells) > 2 and _one_reason(cells[1:]):
                row.cell(cells[1], colspan=len(cells) - 1, align="L", style=FontFace(color=MUTED))
            else:
                for text in cells[1:]:
                    row.cell(text)
    if wide:
        pdf.set_margins(MARGIN, TOP, MARGIN)


def _fitted(pdf: FPDF, text: str, width: float) -> str:
    """`text` cut short with "…" to fit `width` mm on one line in the current font (the footer: a long unit name
    must not run into the page number)."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text + "…"


def _cell_text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _numeric(column: Sequence[str]) -> bool:
    """A column of numbers (a few reasons among them allowed) is right-aligned so its digits line up."""
    filled = [text for text in column if text]
    return bool(filled) and sum(bool(_NUMBER.match(text)) for text in filled) * 2 >= len(filled)


def _one_reason(cells: Sequence[str]) -> bool:
    """True when every cell reads the same words: a hidden group's reason, repeated in every column."""
    return cells[0] != "" and not _NUMBER.match(cells[0]) and len(set(cells)) == 1


def _column_widths(
    pdf: FPDF, header: list[str], rows: list[list[str]], bold_first: bool = False
) -> tuple[float, list[float]]:
    """The largest font size at which every line fits unwrapped, or else at which the longest words (a number is
    one word) leave a fifth of the width to share, so that a column of sentences is not squeezed by headings;
    and the widths (mm) that fill the page: each column gets its longest word, then the rest in proportion to
    how much wider its longest line would like to be. Headings wrap at any space."""
    available = pdf.epw - 0.01  # fpdf2 refuses a table a rounding error wider than the page
    for size in TABLE_SIZES:
        least, natural = _column_needs(pdf, header, rows, size, bold_first)
        if sum(natural) <= available or sum(least) <= SHARE * available:
            break
    if sum(natural) <= available:
        return size, [n * available / sum(natural) for n in natural]
    spare = available - sum(least)
    wants = [n - m for n, m in zip(natural, least, strict=True)]
    if spare <= 0 or sum(wants) <= 0:  # even 7 pt is too wide: fpdf2 breaks the longest words
        return size, [m * available / sum(least) for m in least]
    return size, [m + spare * w / sum(wants) for m, w in zip(least, wants, strict=True)]


def _column_needs(
    pdf: FPDF, header: list[str], rows: list[list[str]], size: float, bold_first: bool
) -> tuple[list[float], list[float]]:
    """Per column, the width (mm) of its longest word (at most LONGEST_WORD) and of its longest line, padding
    included."""
    pad = 2 * CELL_PAD + 0.6

    def word(text: str) -> float:
        return min(pdf.get_string_width(text), LONGEST_WORD)

    least, natural = [], []
    for i, title in enumerate(header):
        pdf.set_font(FONT, "B", size)
        longest = max(map(word, title.split()), default=0.0)
        pdf.set_font(FONT, "B" if bold_first and i == 0 else "", size)
        cells = [r[i] for r in rows if not (i > 0 and len(r) > 2 and _one_reason(r[1:]))]
        words = [w for text in cells for w in ([text] if _NUMBER.match(text) else text.split())]
        least.append(max([longest, *map(word, words)]) + pad)
        natural.append(max([longest, *map(pdf.get_string_width, cells)]) + pad)
    return least, natural


def _methods(pdf: FPDF, definitions: pd.DataFrame) -> None:
    """The terms of the pack and the confidentiality rule, so a printed page can be read without the app."""
    title = "Methods and confidentiality"
    if pdf.cur_orientation.value != "P":
        pdf.add_page(orientation="portrait")
    above = _heading_height(pdf, title)
    whole = above + _grid(pdf, definitions, bold_first=True).height
    if pdf.get_y() + (whole if whole <= pdf.eph else above + MIN_TABLE_START) > pdf.page_break_trigger:
        pdf.add_page()
    _heading(pdf, title)
    _table(pdf, definitions, bold_first=True)
