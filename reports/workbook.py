"""The board pack as an Excel workbook: a Cover sheet, one sheet per section, an About and a Notes sheet.

Why: a board member's analyst wants the numbers behind the slides in a file they can sort, filter and chart.
Everything comes from the `Pack` as display text; a cell becomes a real number only when its text is a plain
number, so a hidden cell (whose text is its reason) can never turn back into one. Text that a spreadsheet
could read as a formula is stored as a plain string, since item texts, unit names and agency names come from
files the office does not control.

An analyst sorts and charts columns, so a table cell that holds two things is split: an interval ("-1.6 to +1.7")
becomes a low and a high number column, and a reliability ("0.16 (low)") a number column and a flag column in
words. Every score is coloured by its tier as on the screen, and every sheet prints on the pack's paper (US Letter,
or A4), fitted to the page width, with its header row repeated on each page and the pack's confidentiality marking
and the page number in its footer, so a printed page passed on still says what it is.

The Cover sheet comes first, as the cover of the deck and the handout: the title, the cover's facts (organisation,
scope, survey, respondents, response rate, the index, the build date) as label and value rows, then the key
findings, each with a link to the sheet its number comes from.
"""

from __future__ import annotations

import re
import textwrap
from datetime import date
from io import BytesIO

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from charts.theme import INK, TIER_COLOURS, TIER_OUTLINE, TIER_TEXT
from metrics import Tiers, tier
from metrics.spreadsheet import put_text
from reports.pack import CONFIDENTIAL, Pack, Section

COVER = "Cover"
NOTES = "Notes"
ABOUT = "About"
MAX_SHEET_NAME = 31
HEADER_ROW = 4  # title, lead, a blank row, then the table
MIN_WIDTH, MAX_WIDTH = 8, 60
NUMBER_COLUMN_TEXT = 16  # in a column of numbers, a reason wraps at about this width rather than widening it
# Excel's own default, named on every font: a font without a name is drawn in a serif by LibreOffice (whose
# metric-compatible Carlito stands in for Calibri), and the column widths below are counted in its characters.
FONT = "Calibri"
TITLE_FONT = Font(name=FONT, bold=True, size=16, color=INK[1:])
LEAD_FONT = Font(name=FONT, italic=True, color="595959")
HEADER_FONT = Font(name=FONT, bold=True, color=INK[1:])
LINK_FONT = Font(name=FONT, color="1F4E79", underline="single")
HEADER_FILL = PatternFill("solid", fgColor="E6E6E6")
HEADER_BORDER = Border(bottom=Side(style="thin", color="8C8C8C"))
WRAP = Alignment(wrap_text=True, vertical="top")
BESIDE = Alignment(wrap_text=True, vertical="top", indent=1)  # text after the first column: a space from a number
TOP = Alignment(vertical="top")  # a number level with the first line of the wrapped text beside it
LINE_HEIGHT = 15  # points per line of 11-point text
PORTRAIT_WIDTH = 100  # column-width units that fit across a portrait Letter page; a wider sheet prints landscape
PAGE_NUMBER = "Page &P of &N"  # Excel's codes for the page number and the page count, in the right footer
FINDINGS = ["Rank", "Key finding", "See sheet"]
COVER_WIDTH = 64  # the widest column of the Cover sheet: with the labels and the links, a portrait page's width

INTERVAL = "95 % interval"
INTERVAL_ENDS = ("95 % interval, low", "95 % interval, high")
ALPHA = "Reliability (alpha)"
ALPHA_FLAG = "Reliability flag"
LOW_ALPHA = " (low)"  # how `charts` marks a low alpha in a display cell
LOW_RELIABILITY = "low reliability"
SCORE_SCALE = "(0–100)"  # a header naming the 0-100 scale heads a column of scores

# Text that is a plain number as `charts` writes it: optional sign, digits (optionally grouped by commas, no
# leading zeros, so a code such as "007" stays text), optional decimals. Nothing else is ever a number.
_NUMBER = re.compile(r"^(?P<sign>[+-]?)(?P<whole>0|[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*)(?:\.(?P<decimals>\d+))?$")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_SMALL_WORDS = {"a", "an", "and", "by", "for", "in", "of", "on", "or", "the", "to", "with", "&", "-", "–", "·"}
# A finding's source names the table its number comes from; the index is read on the domains sheet.
_SOURCE_SECTION = {"index": "domains"}


def pack_workbook(pack: Pack) -> bytes:
    """The pack as the bytes of an .xlsx file."""
    book = Workbook()
    names = _sheet_names([s.title for s in pack.sections])
    _write_cover(book.active, pack, dict(zip((s.key for s in pack.sections), names, strict=True)))
    for section, name in zip(pack.sections, names, strict=True):
        _write_section(book.create_sheet(name), section, pack.tiers)
    _write_about(book.create_sheet(ABOUT), pack)
    _write_notes(book.create_sheet(NOTES), pack.definitions)
    for sheet in book.worksheets:
        _fit_rows(sheet)
        _print_setup(sheet, pack.paper)
    book.properties.title = f"{pack.title} {pack.subtitle}"
    book.properties.creator = "Effective Offices"
    out = BytesIO()
    book.save(out)
    return out.getvalue()


# Sheet names ---------------------------------------------------------------------------------------------------


def _sheet_names(titles: list[str]) -> list[str]:
    """One valid, unique sheet name per section title (Excel compares names without regard to case)."""
    taken = {COVER.casefold(), NOTES.casefold(), ABOUT.casefold()}
    names = []
    for title in titles:
        base = _clean_sheet_name(title)
        name, n = base, 1
        while name.casefold() in taken:
            n += 1
            suffix = f" ({n})"
            name = _shorten(base, MAX_SHEET_NAME - len(suffix)) + suffix
        taken.add(name.casefold())
        names.append(name)
    return names


def _clean_sheet_name(title: str) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, not starting or ending with an apostrophe."""
    text = _BAD_SHEET_CHARS.sub(" ", ILLEGAL_CHARACTERS_RE.sub("", str(title)))
    text = " ".join(text.split()).strip("'").strip()
    name = _shorten(text, MAX_SHEET_NAME)
    return name if name and name.casefold() != "history" else "Section"


def _shorten(text: str, limit: int) -> str:
    """Cut at the last space that fits, and drop a dangling small word ("... staff see the"), so a sheet name
    does not stop mid-word or mid-phrase (unless one word alone is too long)."""
    if len(text) <= limit:
        return text
    words = text[: limit + 1].split(" ")[:-1]
    while len(words) > 1 and words[-1].casefold() in _SMALL_WORDS:
        words.pop()
    cut = " ".join(words)
    return (cut if 0 < len(cut) <= limit else text[:limit]).rstrip(" '")


# Cells ---------------------------------------------------------------------------------------------------------


def _text(value) -> str:
    """A table value as the text a reader sees; '' for a missing one."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def _number(text: str) -> tuple[float | int, int, bool] | None:
    """(value, decimals, signed) when the text is a plain number, else None."""
    match = _NUMBER.match(text)
    if not match:
        return None
    decimals = len(match["decimals"] or "")
    plain = text.replace(",", "")
    value = float(plain) + 0.0 if decimals else int(plain)  # + 0.0: "-0.0" is 0, never a negative zero
    return value, decimals, match["sign"] == "+"


def _number_format(decimals: int, signed: bool) -> str:
    """'0.0', '0.00' or '#,##0', or the signed form ('+0.0;-0.0;0.0') for a change or a gap."""
    plain = "0." + "0" * decimals if decimals else "#,##0"
    return f"+{plain};-{plain};{plain}" if signed else plain


def _put_value(cell: Cell, text: str, signed_column: bool) -> None:
    """A plain number as a real number with the format that shows it as it was written; anything else (a reason,
    a tier, a name, an interval) as text."""
    parsed = _number(text)
    if parsed is None:
        put_text(cell, text)
        return
    value, decimals, signed = parsed
    cell.value = value
    cell.number_format = _number_format(decimals, signed or signed_column)


def _analyst_columns(table: pd.DataFrame) -> tuple[list[str], list[list[str]]]:
    """The table's headers and rows as text, with an interval split into its two ends and a reliability into its
    number and a flag in words; a cell that is not a pair of numbers (a reason) stays whole in the first column."""
    columns: dict[str, list[str]] = {}
    for header in table.columns:
        texts = [_text(v) for v in table[header]]
        if header == INTERVAL:
            ends = [_interval_ends(t) for t in texts]
            columns[INTERVAL_ENDS[0]], columns[INTERVAL_ENDS[1]] = [e[0] for e in ends], [e[1] for e in ends]
        elif header == ALPHA:
            columns[ALPHA] = [t.removesuffix(LOW_ALPHA) for t in texts]
            columns[ALPHA_FLAG] = [LOW_RELIABILITY if t.endswith(LOW_ALPHA) else "" for t in texts]
        else:
            columns[_text(header)] = texts
    rows = [list(row) for row in zip(*columns.values(), strict=True)]
    return list(columns), rows


def _interval_ends(text: str) -> tuple[str, str]:
    low, sep, high = text.partition(" to ")
    return (low, high) if sep and _number(low) and _number(high) else (text, "")


def _paint_tier(cell: Cell, tier: str) -> None:
    """The screen's tier fill, text colour and outline."""
    cell.fill = PatternFill("solid", fgColor=TIER_COLOURS[tier][1:].upper())
    cell.font = Font(name=FONT, color=TIER_TEXT[tier][1:].upper(), bold=cell.font.bold)
    side = Side(style="thin", color=TIER_OUTLINE[tier][1:].upper())
    cell.border = Border(left=side, right=side, top=side, bottom=side)


def _print_setup(sheet: Worksheet, paper: str) -> None:
    """The pack's paper (A4 or US Letter), fitted to the page width (as many pages down as it takes), landscape
    when the columns are wider than a portrait page, the confidentiality marking in the footer's centre and the
    page number on its right."""
    columns = range(1, sheet.max_column + 1)
    width = sum(sheet.column_dimensions[get_column_letter(c)].width or MIN_WIDTH for c in columns)
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4 if paper == "a4" else sheet.PAPERSIZE_LETTER
    setup.orientation = sheet.ORIENTATION_LANDSCAPE if width > PORTRAIT_WIDTH else sheet.ORIENTATION_PORTRAIT
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddFooter.center.text = CONFIDENTIAL.replace("&", "&&")  # a lone & starts a footer code
    sheet.oddFooter.right.text = PAGE_NUMBER


def _fit_rows(sheet: Worksheet) -> None:
    """Each row with wrapped text as tall as its longest cell's lines at its column's width: Excel and LibreOffice
    open a file with the row heights it holds, so a row left at one line would draw its lines over the next row."""
    widths = {letter: dimension.width for letter, dimension in sheet.column_dimensions.items()}
    for row in sheet.iter_rows():
        wrapped = [c for c in row if isinstance(c.value, str) and c.alignment.wrap_text]
        room = [max(int(widths.get(c.column_letter) or MIN_WIDTH) - 2, 1) for c in wrapped]
        lines = max((_lines(c.value, width) for c, width in zip(wrapped, room, strict=True)), default=1)
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = LINE_HEIGHT * lines


def _lines(text: str, width: int) -> int:
    """The lines a text takes wrapped at `width` characters, each of its own lines counted."""
    return sum(len(textwrap.wrap(line, width)) or 1 for line in text.splitlines())


def _repeat_header(sheet: Worksheet, row: int = HEADER_ROW) -> None:
    """The table's header row repeated on every printed page and frozen on screen."""
    sheet.print_title_rows = f"{row}:{row}"
    sheet.freeze_panes = sheet.cell(row + 1, 1)


# Sheets --------------------------------------------------------------------------------------------------------


def _write_heading(sheet: Worksheet, title: str, lead: str) -> None:
    put_text(sheet.cell(1, 1), title)
    sheet.cell(1, 1).font = TITLE_FONT
    if lead:
        put_text(sheet.cell(2, 1), lead)
        sheet.cell(2, 1).font = LEAD_FONT


def _write_header(sheet: Worksheet, row: int, headers: list[str]) -> None:
    for col, header in enumerate(headers, start=1):
        cell = sheet.cell(row, col)
        put_text(cell, header)
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, HEADER_BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="bottom", indent=1 if col > 1 else 0)


def _set_widths(sheet: Worksheet, headers: list[str], rows: list[list[str]], widest: int = MAX_WIDTH) -> None:
    """Each column as wide as its longest value, within bounds; a header wraps at its spaces, longer text wraps,
    and in a column of numbers a reason wraps narrow so the numbers stay side by side."""
    for col, header in enumerate(headers):
        values = [r[col] for r in rows if r[col]]
        numbers = col > 0 and any(_number(v) for v in values)
        cap = NUMBER_COLUMN_TEXT if numbers else widest
        lengths = [len(v) if _number(v) else min(len(v), cap) for v in values]
        longest = max([len(word) for word in header.split()] + lengths, default=0)
        room = min(max(longest, MIN_WIDTH), widest)
        sheet.column_dimensions[get_column_letter(col + 1)].width = room + 2


def _write_cover(sheet: Worksheet, pack: Pack, sheet_of: dict[str, str]) -> None:
    """Title and subtitle, the cover's facts as label and value rows, then the key findings by rank, each with a
    link to the sheet its number comes from."""
    sheet.title = COVER
    _write_heading(sheet, pack.title, pack.subtitle)
    facts = pack.cover.lines() if pack.cover is not None else []
    for row, (label, text) in enumerate(facts, start=HEADER_ROW):
        put_text(sheet.cell(row, 1), label)
        sheet.cell(row, 1).font = HEADER_FONT
        sheet.cell(row, 1).alignment = WRAP
        put_text(sheet.cell(row, 2), _text(text))
        sheet.cell(row, 2).alignment = WRAP
    header_row = HEADER_ROW + len(facts) + (1 if facts else 0)  # a blank row between the facts and the findings
    _write_header(sheet, header_row, FINDINGS)
    rows = [[label, _text(text), ""] for label, text in facts]
    for rank, finding in enumerate(pack.findings, start=1):
        row = header_row + rank
        sheet.cell(row, 1).value = rank
        sheet.cell(row, 1).alignment = Alignment(horizontal="left", vertical="top")
        text = _text(finding.text)
        put_text(sheet.cell(row, 2), text)
        sheet.cell(row, 2).alignment = WRAP
        source = finding.source.split(":", 1)[0].strip()
        target = sheet_of.get(_SOURCE_SECTION.get(source, source), "")
        if target:
            link = sheet.cell(row, 3)
            put_text(link, target)
            quoted = target.replace("'", "''")  # an apostrophe inside a sheet reference is doubled
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{quoted}'!A1")
            link.font = LINK_FONT
            link.alignment = WRAP
        rows.append([str(rank), text, target])
    if not pack.findings:
        put_text(sheet.cell(header_row + 1, 2), "No finding can be reported for this scope.")
    _set_widths(sheet, FINDINGS, rows, widest=COVER_WIDTH)


def _write_section(sheet: Worksheet, section: Section, tiers: Tiers) -> None:
    """Title and lead on top, then the table: bold frozen header, autofilter, numbers as numbers, every score and
    tier coloured by its tier. The first column names the row (a domain, a unit, an item) and stays text even if
    it looks like a number; in the units grid every other column is a domain's score."""
    _write_heading(sheet, section.title, section.lead)
    headers, rows = _analyst_columns(section.table)
    _write_header(sheet, HEADER_ROW, headers)
    signed = [any(r[col].startswith("+") and _number(r[col]) for r in rows) for col in range(len(headers))]
    tier_col = next((i for i, h in enumerate(headers) if h.strip().casefold() == "tier"), None)
    score_cols = [i for i, h in enumerate(headers) if i > 0 and (SCORE_SCALE in h or section.key == "units")]
    for r, values in enumerate(rows, start=HEADER_ROW + 1):
        for c, text in enumerate(values):
            cell = sheet.cell(r, c + 1)
            if not text:
                continue
            if c == 0:
                put_text(cell, text)
            else:
                _put_value(cell, text, signed[c])
            cell.alignment = TOP if not isinstance(cell.value, str) else BESIDE if c else WRAP
        if tier_col is not None and values[tier_col] in TIER_COLOURS:
            _paint_tier(sheet.cell(r, tier_col + 1), values[tier_col])
        for c in score_cols:
            score = sheet.cell(r, c + 1)
            if isinstance(score.value, int | float):  # a hidden score is its reason, and has no tier
                _paint_tier(score, tier(score.value, tiers))
    _set_widths(sheet, headers, rows)
    if headers:
        last = f"{get_column_letter(len(headers))}{HEADER_ROW + max(len(rows), 1)}"
        sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}"
    _repeat_header(sheet)


def _write_notes(sheet: Worksheet, definitions: pd.DataFrame) -> None:
    """The pack's terms in plain words, so the numbers can be read without the slides."""
    _write_heading(sheet, "Notes", "What the terms of this workbook mean.")
    headers = [_text(c) for c in definitions.columns]
    rows = [[_text(v) for v in record] for record in definitions.itertuples(index=False, name=None)]
    _write_header(sheet, HEADER_ROW, headers)
    for r, values in enumerate(rows, start=HEADER_ROW + 1):
        for c, text in enumerate(values, start=1):
            put_text(sheet.cell(r, c), text)
            sheet.cell(r, c).alignment = WRAP
    _set_widths(sheet, headers, rows, widest=90)
    _repeat_header(sheet)


def _write_about(sheet: Worksheet, pack: Pack) -> None:
    """What the workbook was built from, so a copy passed on can still be placed: when, for whom, which waves,
    which instrument, and the smallest group it may show."""
    _write_heading(sheet, "About this workbook", "How and from what it was built.")
    headers = ["Field", "Value"]
    _write_header(sheet, HEADER_ROW, headers)
    about = [
        ("Built on", pack.built or "not given"),
        ("Scope", pack.scope),
        ("Wave", pack.wave),
        ("Compared with", pack.compare_wave or "no other wave"),
        ("Instrument", pack.instrument),
        ("Smallest group shown (min_n)", pack.min_n),
    ]
    for r, (name, value) in enumerate(about, start=HEADER_ROW + 1):
        put_text(sheet.cell(r, 1), name)
        cell = sheet.cell(r, 2)
        if isinstance(value, date):
            cell.value, cell.number_format = value, "yyyy-mm-dd"
        elif isinstance(value, int):
            cell.value, cell.number_format = value, "0"
        else:
            put_text(cell, _text(value))
        cell.alignment = Alignment(horizontal="left")
    _set_widths(sheet, headers, [[name, _text(value)] for name, value in about], widest=60)
    _repeat_header(sheet)
