"""The Excel board pack, read back with openpyxl: its sheets, its Cover (title, the cover's facts, the findings by
rank), its layout, numbers stored as numbers (intervals and reliabilities split into number columns), the tier
colours of the screen on every grid of scores, the About sheet, the print setup of every sheet (the pack's paper, the
confidentiality footer with the page number), no formula from any text, and no number where the screen hides one."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from datetime import date
from io import BytesIO
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from charts.theme import TIER_COLOURS, TIER_TEXT
from ingest import read_canonical_responses, read_roster
from metrics import COMPLEMENTARY, PRIMARY, cronbach_alpha, load_instrument, scope_rows
from reports import Pack, Section, build_pack
from reports.findings import Finding
from reports.pack import CONFIDENTIAL
from reports.workbook import pack_workbook
from views import Survey

ROOT = Path(__file__).resolve().parents[2]
SEA = "State Office of Early Learning"
HEADER_ROW = 4
REASONS = {PRIMARY, COMPLEMENTARY}
INJECTIONS = ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
LOW, HIGH = "95 % interval, low", "95 % interval, high"
PAPER_SIZE = {"letter": 1, "a4": 9}  # the OOXML paperSize codes (ECMA-376 Part 1, 18.3.1.64)
BUILT = date(2026, 12, 7)
ALPHA, FLAG = "Reliability (alpha)", "Reliability flag"


@pytest.fixture(scope="module")
def survey() -> Survey:
    return Survey(
        read_canonical_responses(ROOT / "data" / "sample" / "responses.xlsx"),
        load_instrument(),
        roster=read_roster(ROOT / "data" / "sample" / "roster.xlsx"),
    )


@pytest.fixture(scope="module")
def pack(survey: Survey) -> Pack:
    """The State Office's pack of 2025 Spring against 2024 Spring: it has hidden units of both kinds."""
    return build_pack(survey, "2025 Spring", "2024 Spring", agency=SEA)


@pytest.fixture(scope="module")
def whole(survey: Survey) -> Pack:
    """The whole sample's pack of 2025 Spring against 2024 Spring."""
    return build_pack(survey, "2025 Spring", "2024 Spring")


@pytest.fixture(scope="module")
def whole_book(whole: Pack) -> Workbook:
    return load_workbook(BytesIO(pack_workbook(whole)))


@pytest.fixture(scope="module")
def content(pack: Pack) -> bytes:
    return pack_workbook(pack)


@pytest.fixture(scope="module")
def book(content: bytes) -> Workbook:
    return load_workbook(BytesIO(content))


def section_sheet(book: Workbook, pack: Pack, key: str):
    index = [s.key for s in pack.sections].index(key)
    return book.worksheets[1 + index]


def column(sheet, header: str) -> int:
    headers = [c.value for c in sheet[HEADER_ROW]]
    return headers.index(header) + 1


def sheet_headers(table: pd.DataFrame) -> list[str]:
    """The table's headers as the workbook has them: an interval as its two ends, an alpha and its flag."""
    split = {"95 % interval": [LOW, HIGH], ALPHA: [ALPHA, FLAG]}
    return [h for header in table.columns for h in split.get(header, [header])]


def test_sheets_are_cover_then_one_per_section_then_about_and_notes(book: Workbook, pack: Pack) -> None:
    names = book.sheetnames
    assert names[0] == "Cover" and names[-2:] == ["About", "Notes"]
    assert len(names) == len(pack.sections) + 3
    assert len({n.casefold() for n in names}) == len(names)
    for name, section in zip(names[1:-2], pack.sections, strict=True):
        assert len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name)
        assert section.title.startswith(name)
        assert book[name]["A1"].value == section.title
        assert book[name]["A2"].value == section.lead


def cover_rows(book: Workbook) -> list[list]:
    return [[c.value for c in row] for row in book.worksheets[0].iter_rows(max_col=3)]


def test_cover_sheet_holds_the_title_the_cover_facts_then_the_findings_by_rank(survey: Survey) -> None:
    """The whole sample's Cover, with an organisation that reads like a formula: the title, every fact of the cover
    as a label and its text (the respondents counted here from the sample file), a blank row, then every finding
    with its rank."""
    pack = build_pack(survey, "2025 Spring", "2024 Spring", organisation="=Ministry of Offices", built=BUILT)
    book = load_workbook(BytesIO(pack_workbook(pack)))
    sheet = book.worksheets[0]
    assert sheet.title == "Cover"
    rows = cover_rows(book)
    assert rows[0][0] == "How effective is our office?" == pack.title and rows[1][0] == pack.subtitle
    facts = {row[0]: row[1] for row in rows[3:10]}
    labels = ["Organisation", "Scope", "Survey", "Respondents", "Response rate", "Effectiveness index", "Built"]
    assert list(facts) == labels
    assert facts["Organisation"] == "=Ministry of Offices"
    assert sheet["B4"].data_type == "s" and sheet["B4"].quotePrefix
    assert facts["Scope"] == "All agencies" and facts["Built"] == "7 December 2026"
    assert "2025 Spring" in facts["Survey"] and "2024 Spring" in facts["Survey"]
    answered = (survey.responses["wave"] == "2025 Spring").sum()
    assert facts["Respondents"] == f"{answered:,} people answered."
    assert facts["Effectiveness index"].startswith("The effectiveness index is")
    assert [row[1] for row in rows[3:10]] == [text for _, text in pack.cover.lines()]
    assert rows[10] == [None, None, None]
    assert rows[11] == ["Rank", "Key finding", "See sheet"]
    findings = rows[12:]
    assert pack.findings and len(findings) == len(pack.findings)
    assert [row[0] for row in findings] == list(range(1, len(pack.findings) + 1))
    assert [row[1] for row in findings] == [finding.text for finding in pack.findings]
    assert all(row[2] in book.sheetnames for row in findings if row[2])


def test_cover_of_a_pack_without_cover_facts_starts_with_the_findings() -> None:
    table = pd.DataFrame({"Domain": ["A"], "Score (0–100)": ["50.0"]})
    book = load_workbook(BytesIO(pack_workbook(hand_made(table, [Finding("One thing.", "mine")]))))
    assert cover_rows(book)[3:] == [["Rank", "Key finding", "See sheet"], [1, "One thing.", "Mine a test section"]]


def test_a_wrapped_finding_gets_a_row_tall_enough_for_its_lines() -> None:
    """A finding of 60 ten-letter words (660 characters) in a cover column at most 66 characters wide wraps onto
    at least ten lines of 15 points: its row is that tall, so it never draws over the next finding."""
    long = " ".join(["wrapwrapwr"] * 60)
    table = pd.DataFrame({"Domain": ["A"]})
    book = load_workbook(BytesIO(pack_workbook(hand_made(table, [Finding(long, "mine"), Finding("Short.", "mine")]))))
    cover = book["Cover"]
    row = next(r for r in range(1, cover.max_row + 1) if cover.cell(r, 2).value == long)
    assert cover.column_dimensions["B"].width <= 66
    assert cover.row_dimensions[row].height >= 10 * 15
    assert cover.row_dimensions[row + 1].height is None  # one line: the default height


def test_every_font_is_named(book: Workbook) -> None:
    """A font with no name is drawn in a serif by LibreOffice: every cell with a value names Calibri."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            assert all(c.font.name == "Calibri" for c in row if c.value is not None), sheet.title


def test_notes_hold_the_definitions(book: Workbook, pack: Pack) -> None:
    notes = book["Notes"]
    rows = [[c.value for c in row] for row in notes.iter_rows(min_row=HEADER_ROW + 1, max_col=2)]
    assert rows == pack.definitions.to_numpy().tolist()


def test_each_section_sheet_has_frozen_header_and_autofilter(book: Workbook, pack: Pack) -> None:
    for section in pack.sections:
        sheet = section_sheet(book, pack, section.key)
        assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"
        width = len(sheet_headers(section.table))
        last = chr(ord("A") + width - 1)
        assert sheet.auto_filter.ref == f"A{HEADER_ROW}:{last}{HEADER_ROW + len(section.table)}"
        header = sheet[HEADER_ROW]
        assert [c.value for c in header] == sheet_headers(section.table)
        assert all(c.font.bold for c in header)
        for letter in (chr(ord("A") + i) for i in range(width)):
            assert 8 <= sheet.column_dimensions[letter].width <= 62


def test_score_cell_is_a_number_with_one_decimal(book: Workbook, pack: Pack) -> None:
    sheet = section_sheet(book, pack, "domains")
    table = pack.sections[0].table
    col = column(sheet, "Score (0–100)")
    for offset, shown in enumerate(table["Score (0–100)"]):
        cell = sheet.cell(HEADER_ROW + 1 + offset, col)
        assert cell.data_type == "n" and cell.number_format == "0.0"  # 75.0 is read back as the int 75
        assert f"{cell.value:.1f}" == shown
    responses = sheet.cell(HEADER_ROW + 1, column(sheet, "Responses"))
    assert isinstance(responses.value, int) and responses.number_format == "#,##0"
    alpha = sheet.cell(HEADER_ROW + 1, column(sheet, ALPHA))
    assert alpha.data_type == "n" and alpha.number_format == "0.00"
    assert f"{alpha.value:.2f}" == table.at[0, ALPHA]


def test_change_cell_is_a_signed_number(book: Workbook, pack: Pack) -> None:
    section = next(s for s in pack.sections if s.key == "change")
    sheet = section_sheet(book, pack, "change")
    col = column(sheet, "Change (points)")
    shown = list(section.table["Change (points)"])
    offset = shown.index(max((t for t in shown if t.startswith("+")), key=float))  # the largest rise
    cell = sheet.cell(HEADER_ROW + 1 + offset, col)
    assert cell.value == pytest.approx(float(shown[offset])) and cell.value > 0 and cell.data_type == "n"
    assert cell.number_format == "+0.0;-0.0;0.0"
    low, high = (sheet.cell(HEADER_ROW + 1 + offset, column(sheet, end)) for end in (LOW, HIGH))
    shown_low, shown_high = section.table.at[offset, "95 % interval"].split(" to ")
    assert low.data_type == high.data_type == "n"
    assert low.value == pytest.approx(float(shown_low)) and high.value == pytest.approx(float(shown_high))
    assert low.value < cell.value < high.value
    assert low.number_format == high.number_format == "+0.0;-0.0;0.0"


def test_signed_number_from_a_hand_made_pack() -> None:
    table = pd.DataFrame({"Domain": ["A", "B"], "Change (points)": ["+8.0", "-0.3"], "Count": ["1,901", "7"]})
    sheet = load_workbook(BytesIO(pack_workbook(hand_made(table)))).worksheets[1]
    gain, fall = sheet.cell(HEADER_ROW + 1, 2), sheet.cell(HEADER_ROW + 2, 2)
    assert gain.value == 8.0 and fall.value == -0.3
    assert gain.number_format == fall.number_format == "+0.0;-0.0;0.0"
    assert sheet.cell(HEADER_ROW + 1, 3).value == 1901 and sheet.cell(HEADER_ROW + 1, 3).number_format == "#,##0"


def test_tier_cells_carry_the_screen_colours(book: Workbook, pack: Pack) -> None:
    sheet = section_sheet(book, pack, "domains")
    table = pack.sections[0].table
    tier_col, score_col = column(sheet, "Tier"), column(sheet, "Score (0–100)")
    assert set(table["Tier"]) - {""}
    for offset, tier in enumerate(table["Tier"]):
        for col in (tier_col, score_col):
            cell = sheet.cell(HEADER_ROW + 1 + offset, col)
            assert cell.fill.fgColor.rgb[-6:] == TIER_COLOURS[tier][1:].upper()
            assert cell.font.color.rgb[-6:] == TIER_TEXT[tier][1:].upper()
        other = sheet.cell(HEADER_ROW + 1 + offset, column(sheet, "Domain"))
        assert other.fill.fill_type is None


def hand_made(table: pd.DataFrame, findings: list[Finding] | None = None) -> Pack:
    section = Section("mine", "Mine: a [test]/section?", "Lead.", table)
    definitions = pd.DataFrame({"Term": ["=HYPERLINK(1)"], "Meaning": ["-x"]})
    return Pack("=title", "+sub", "scope", "w", None, findings or [], [section], definitions)


def test_text_that_looks_like_a_formula_stays_text() -> None:
    table = pd.DataFrame({"Name": INJECTIONS, "Value": INJECTIONS})
    findings = [Finding(text, "mine") for text in INJECTIONS]
    content = pack_workbook(hand_made(table, findings))
    book = load_workbook(BytesIO(content))
    sheet = book.worksheets[1]
    assert book.sheetnames[1] == "Mine a test section"
    for offset, text in enumerate(INJECTIONS):
        for col in (1, 2):
            cell = sheet.cell(HEADER_ROW + 1 + offset, col)
            assert cell.data_type == "s" and cell.value == text
            assert cell.quotePrefix
    cover = [c.value for row in book["Cover"].iter_rows() for c in row]
    assert all(text in cover for text in [*INJECTIONS, "=title", "+sub"])
    assert book["Notes"]["A5"].value == "=HYPERLINK(1)" and book["Notes"]["A5"].data_type == "s"
    with zipfile.ZipFile(BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                xml = archive.read(name).decode()
                assert not re.search(r"<(\w+:)?f[ >/]", xml), name


def test_hidden_units_show_reasons_never_numbers(book: Workbook, pack: Pack) -> None:
    section = next(s for s in pack.sections if s.key == "units")
    sheet = section_sheet(book, pack, "units")
    hidden = [i for i, row in section.table.iterrows() if set(row.iloc[1:]) <= REASONS | {""}]
    assert hidden, "the State Office's pack should hide some units"
    for offset in hidden:
        cells = list(sheet[HEADER_ROW + 1 + offset])
        assert cells[0].value == section.table.iat[offset, 0]
        for cell in cells[1:]:
            assert cell.value is None or (cell.data_type == "s" and cell.value in REASONS)
    reasons = {c.value for offset in hidden for c in sheet[HEADER_ROW + 1 + offset][1:]}
    assert reasons == REASONS  # both kinds of hidden unit are there


def test_no_hidden_cell_becomes_a_number_anywhere(book: Workbook, pack: Pack) -> None:
    """Wherever a table holds text that is not a plain number, the sheet holds that text, not a number."""
    for section in pack.sections:
        sheet = section_sheet(book, pack, section.key)
        headers = [c.value for c in sheet[HEADER_ROW]]
        cols = [headers.index(LOW if h == "95 % interval" else h) + 1 for h in section.table.columns]
        for r, values in enumerate(section.table.itertuples(index=False), start=HEADER_ROW + 1):
            for c, text in zip(cols, values, strict=True):
                cell = sheet.cell(r, c)
                if text in REASONS or not text:
                    assert cell.value == (text or None)


def test_low_reliability_is_a_number_and_a_flag_in_words(whole_book: Workbook, whole: Pack, survey: Survey) -> None:
    """Each domain's alpha, worked out here from the sample's 2025 Spring rows, is a number on the sheet; one below
    0.70 (the indicators' bar) has "low reliability" beside it, the others no flag. The sample has such a domain."""
    instrument = load_instrument()
    alphas = cronbach_alpha(scope_rows(survey.responses, "2025 Spring"), instrument).set_index("domain")["alpha"]
    names = {domain.code: domain.name for domain in instrument.domains}
    sheet = section_sheet(whole_book, whole, "domains")
    rows = {
        sheet.cell(r, 1).value: (sheet.cell(r, column(sheet, ALPHA)), sheet.cell(r, column(sheet, FLAG)))
        for r in range(HEADER_ROW + 1, sheet.max_row + 1)
    }
    assert set(rows) == {names[code] for code in alphas.index}
    for code, expected in alphas.items():
        alpha, flag = rows[names[code]]
        assert alpha.data_type == "n" and alpha.value == pytest.approx(round(expected, 2)), code
        assert flag.value == ("low reliability" if expected < 0.70 else None), code
    assert (alphas < 0.70).any()
    cells = [c for row in sheet.iter_rows(min_row=HEADER_ROW + 1) for c in row[1:]]
    assert not any("(low)" in c.value or " to " in c.value for c in cells if isinstance(c.value, str))


def by_hand(score: float) -> str:
    """The default instrument's tier of a score: Strength from 75, Developing from 62.5, Emerging from 50."""
    return "Strength" if score >= 75 else "Developing" if score >= 62.5 else "Emerging" if score >= 50 else "Priority"


@pytest.mark.parametrize("which", ["whole", "agency"])
def test_every_score_grid_carries_the_tier_colours(which: str, request) -> None:
    """Every number on the 0-100 scale (the units or agencies grid, both waves of the change, leaders and staff)
    has the fill and text colour of its tier; a hidden cell (its reason) and a change or a gap have none."""
    pack, book = (
        request.getfixturevalue(n) for n in (("whole", "whole_book") if which == "whole" else ("pack", "book"))
    )
    sheets = {
        "units": None,  # every column after the first
        "change": ["2024 Spring (0–100)", "2025 Spring (0–100)"],
        "gaps": ["Leaders (0–100)", "Staff (0–100)"],
    }
    painted = 0
    for key, headers in sheets.items():
        sheet = section_sheet(book, pack, key)
        cols = range(2, sheet.max_column + 1) if headers is None else [column(sheet, h) for h in headers]
        for r in range(HEADER_ROW + 1, sheet.max_row + 1):
            for c in cols:
                cell = sheet.cell(r, c)
                if cell.data_type == "n":
                    tier = by_hand(cell.value)
                    assert cell.fill.fgColor.rgb[-6:] == TIER_COLOURS[tier][1:].upper(), (key, r, c)
                    assert cell.font.color.rgb[-6:] == TIER_TEXT[tier][1:].upper()
                    painted += 1
                else:
                    assert cell.fill.fill_type is None
        unpainted = "Change (points)" if key == "change" else "Gap (leaders minus staff)" if key == "gaps" else None
        if unpainted:
            assert all(sheet.cell(r, column(sheet, unpainted)).fill.fill_type is None for r in range(5, sheet.max_row))
    assert painted >= 10 + 2 * 10 + 2 * 10  # a row of ten domains at least, and both waves and both sides of ten


def test_priority_text_is_white_on_dark_red(whole_book: Workbook, whole: Pack) -> None:
    """A score below 50 (Priority) has the dark red fill and white text; the sample has such a domain."""
    sheet = section_sheet(whole_book, whole, "domains")
    col = column(sheet, "Score (0–100)")
    scores = [sheet.cell(r, col) for r in range(HEADER_ROW + 1, sheet.max_row + 1)]
    priority = [cell for cell in scores if cell.data_type == "n" and cell.value < 50]
    assert priority
    for cell in priority:
        assert cell.fill.fgColor.rgb[-6:] == "9A1B10" and cell.font.color.rgb[-6:] == "FFFFFF"


@pytest.mark.parametrize("which", ["whole", "agency"])
def test_about_sheet_says_what_the_workbook_was_built_from(which: str, request, survey: Survey) -> None:
    book = request.getfixturevalue("whole_book" if which == "whole" else "book")
    about = {row[0].value: row[1] for row in book["About"].iter_rows(min_row=HEADER_ROW + 1, max_col=2)}
    assert about["Smallest group shown (min_n)"].value == survey.settings.min_n == 5
    assert about["Smallest group shown (min_n)"].data_type == "n"
    assert about["Scope"].value == ("All agencies" if which == "whole" else SEA)
    assert about["Wave"].value == "2025 Spring" and about["Compared with"].value == "2024 Spring"
    assert about["Instrument"].value == load_instrument().name and about["Instrument"].value
    assert about["Built on"].value == "not given"  # these packs were built without a date


def test_about_sheet_keeps_the_build_date_as_a_date(survey: Survey) -> None:
    pack = build_pack(survey, "2025 Spring", agency=SEA, built=date(2026, 12, 7))
    book = load_workbook(BytesIO(pack_workbook(pack)))
    built = {row[0].value: row[1] for row in book["About"].iter_rows(min_row=HEADER_ROW + 1, max_col=2)}["Built on"]
    assert built.is_date and built.value.date() == date(2026, 12, 7)


@pytest.mark.parametrize("which", ["whole", "agency"])
def test_every_sheet_prints_on_letter_fitted_to_width_with_repeated_header(which: str, request) -> None:
    pack, book = (
        request.getfixturevalue(n) for n in (("whole", "whole_book") if which == "whole" else ("pack", "book"))
    )
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert setup.paperSize == PAPER_SIZE["letter"], sheet.title
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0) and sheet.sheet_properties.pageSetUpPr.fitToPage
    for sheet in book.worksheets[1:]:  # the Cover is read as a page, not a table: nothing frozen or repeated
        assert sheet.print_title_rows == "$4:$4" and sheet.freeze_panes == "A5", sheet.title
    assert book["Cover"].print_title_rows is None and book["Cover"].freeze_panes is None
    assert section_sheet(book, pack, "units").page_setup.orientation == "landscape"
    assert book["About"].page_setup.orientation == "portrait"


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_every_sheet_prints_on_the_pack_paper_with_the_confidential_footer(paper: str, whole: Pack) -> None:
    """Every sheet, the Cover included, prints on the pack's paper with "Confidential — for board use" in the
    middle of its footer and the page number of the page count on the right."""
    book = load_workbook(BytesIO(pack_workbook(replace(whole, paper=paper))))
    assert len(book.worksheets) == len(whole.sections) + 3
    for sheet in book.worksheets:
        assert sheet.page_setup.paperSize == PAPER_SIZE[paper], sheet.title
        assert sheet.oddFooter.center.text == CONFIDENTIAL == "Confidential — for board use", sheet.title
        assert sheet.oddFooter.right.text == "Page &P of &N", sheet.title


def test_units_lead_has_no_typo(whole_book: Workbook, whole: Pack) -> None:
    sheet = section_sheet(whole_book, whole, "units")
    assert sheet["A2"].value == "Every agency's domain scores; a hidden cell reads why it is hidden."
    for each in whole_book.worksheets:
        assert not any("agencie'" in str(c.value) for row in each.iter_rows() for c in row)
