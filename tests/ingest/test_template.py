"""ingest.template: an instrument as a workbook an analyst fills in, and that workbook (or a CSV of its items) read
back. Every file is a real one written in tmp_path; every expected value is written out by hand."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from ingest import template
from ingest.export import ExportError
from ingest.template import NOT_XML, instrument_workbook, read_instrument_template, read_template
from metrics import Domain, Instrument, Item, Scale, Tiers, load_instrument
from metrics.instrument import CANONICAL_COLUMNS
from tests.ingest.bad_files import make_bad_files

AGREE_4 = ("Strongly disagree", "Disagree", "Agree", "Strongly agree")
SATISFIED_4 = ("Very dissatisfied", "Dissatisfied", "Satisfied", "Very satisfied")

FOUR_POINT = Instrument(
    name="Riverside office survey 2025",
    scale=Scale(1, 4, AGREE_4, (3, 4)),
    domains=(
        Domain("AIMS", "Shared aims", "We know what we are trying to achieve."),
        Domain("VOICE", "Say in decisions", "", SATISFIED_4),
        Domain("BOND", "Trust"),
    ),
    items=(
        Item("AIMS1", "AIMS", "I can explain our office's goals in my own words."),
        Item("AIMS2", "AIMS", "Our priorities change with every new request.", True),
        Item("VOICE1", "VOICE", "How satisfied are you with your say in decisions?"),
        Item("BOND1", "BOND", "I trust my manager to keep commitments."),
        Item("BOND2", "BOND", "People here hide their mistakes.", True),
    ),
    tiers=Tiers(80.0, 60.0, 40.0),
    collective=(("decisions", "VOICE"), ("vision", "AIMS")),
)

SEVEN_POINT = Instrument(
    name="State early learning office, 7-point",
    scale=Scale(
        0,
        6,
        ("Never", "Almost never", "Rarely", "Sometimes", "Often", "Almost always", "Always"),
        (4, 5, 6),
    ),
    domains=(
        Domain("TALK", "Communication", "Information reaches the people who need it.\nEven on Fridays."),
        Domain(
            "ALLY", "Partnership", "", ("Not at all", "Hardly", "A little", "Somewhat", "Much", "Very much", "Fully")
        ),
        Domain("VIS", "Vision"),
    ),
    items=(
        Item("TALK1", "TALK", "I hear about decisions before they happen."),
        Item("TALK2", "TALK", "Rumours are how I learn what is going on.", True),
        Item("ALLY1", "ALLY", "Partners are asked before plans are made."),
        Item("VIS1", "VIS", "Our goals are clear."),
        Item("VIS2", "VIS", "I don't know what we are aiming for.", True),
    ),
    tiers=Tiers(66.66666666666667, 55.5, 33.3),
    collective=(("partnership", "ALLY"), ("communication", "TALK")),
)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def book(path: Path, sheets: dict[str, list[list]]) -> Path:
    """A workbook written the way a person fills one in: a sheet per entry, its rows from row 1 ([] a blank row)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


# --- round trips -------------------------------------------------------------------------------------------------


def test_the_default_instrument_reads_back_equal(tmp_path):
    default = load_instrument()
    path = write(tmp_path / "default.xlsx", instrument_workbook(default))
    reading = read_template(path)
    assert reading.instrument == default
    assert reading.notes == ()
    assert read_instrument_template(path.read_bytes()) == default
    with path.open("rb") as handle:
        assert read_instrument_template(handle) == default


@pytest.mark.parametrize("instrument", [FOUR_POINT, SEVEN_POINT], ids=["4-point", "7-point"])
def test_own_instruments_read_back_equal(tmp_path, instrument):
    path = write(tmp_path / "own.xlsx", instrument_workbook(instrument))
    assert read_instrument_template(path) == instrument


def test_the_workbook_is_laid_out_for_a_person(tmp_path):
    path = write(tmp_path / "riverside.xlsx", instrument_workbook(FOUR_POINT))
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Read me", "Items", "Domains", "Scale"]
    assert workbook.active.title == "Read me"
    assert "Items: one row per statement" in workbook["Read me"]["A3"].value

    items = workbook["Items"]
    assert [[cell.value for cell in row] for row in items.iter_rows()] == [
        ["code", "domain", "text", "reverse_coded"],
        ["AIMS1", "AIMS", "I can explain our office's goals in my own words.", "no"],
        ["AIMS2", "AIMS", "Our priorities change with every new request.", "yes"],
        ["VOICE1", "VOICE", "How satisfied are you with your say in decisions?", "no"],
        ["BOND1", "BOND", "I trust my manager to keep commitments.", "no"],
        ["BOND2", "BOND", "People here hide their mistakes.", "yes"],
    ]
    assert [[cell.value for cell in row] for row in workbook["Domains"].iter_rows()] == [
        ["code", "name", "description", "labels"],
        ["AIMS", "Shared aims", "We know what we are trying to achieve.", None],
        ["VOICE", "Say in decisions", None, "Very dissatisfied | Dissatisfied | Satisfied | Very satisfied"],
        ["BOND", "Trust", None, None],
    ]
    scale = [[cell.value for cell in row[:2]] for row in workbook["Scale"].iter_rows()]
    assert scale == [
        ["setting", "value"],
        ["name", "Riverside office survey 2025"],
        ["lo", 1],
        ["hi", 4],
        ["label 1", "Strongly disagree"],
        ["label 2", "Disagree"],
        ["label 3", "Agree"],
        ["label 4", "Strongly agree"],
        ["favourable", "3, 4"],
        ["strength", 80],
        ["developing", 60],
        ["emerging", 40],
        ["decisions", "VOICE"],
        ["vision", "AIMS"],
        ["trust", None],
        ["communication", None],
        ["partnership", None],
    ]
    for name in ("Items", "Domains", "Scale"):
        sheet = workbook[name]
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1])
        widths = [sheet.column_dimensions[letter].width for letter in "ABC"]
        assert all(8 <= width <= 60 for width in widths)
    assert (
        workbook["Items"].column_dimensions["C"].width == len("How satisfied are you with your say in decisions?") + 2
    )


def test_a_cut_point_a_spreadsheet_would_round_is_written_as_its_exact_text(tmp_path):
    path = write(tmp_path / "seven.xlsx", instrument_workbook(SEVEN_POINT))
    values = {row[0].value: row[1].value for row in load_workbook(path)["Scale"].iter_rows(min_row=2)}
    assert values["strength"] == "66.66666666666667"
    assert values["developing"] == 55.5
    assert read_instrument_template(path).tiers == Tiers(66.66666666666667, 55.5, 33.3)


# --- what a person writes ----------------------------------------------------------------------------------------


def test_a_hand_filled_workbook_reads_to_the_instrument_meant(tmp_path):
    path = book(
        tmp_path / "filled by hand.xlsx",
        {
            "items": [
                ["Riverside office survey: the items"],
                [" Code ", "DOMAIN", "Item text", "Reverse coded", "my notes"],
                [" VIS1 ", "VIS ", "  I can explain our goals.  ", "No", "keep"],
                [],
                ["VIS2", "VIS", "Our priorities change with every new request.", "Yes"],
                ["SAY1", "SAY", "I have a say in decisions.", None],
                [None, None, None, None, "a note on an otherwise blank row"],
                ["SAY2", "SAY", "Leaders act on what staff say.", "x"],
                ["TRU1", "TRU", "I trust my manager.", True],
                ["TRU2", "TRU", "   ", 0],
                [],
                [],
            ],
            "Domains ": [
                ["Code", "Name", "DESCRIPTION", "Labels"],
                ["VIS", " Shared vision", " What we aim for. "],
                [],
                ["SAY", "Say in decisions", None, "Very dissatisfied |Dissatisfied|  Satisfied | Very satisfied"],
                ["TRU", "Trust", "", ""],
            ],
            "scale": [
                ["Setting", "Value"],
                ["Name", " Riverside office survey 2025 "],
                ["LO", 1],
                ["Hi", "4"],
                [],
                ["Label 1", "Strongly disagree"],
                ["label 2", " Disagree"],
                ["label3", "Agree"],
                ["label  4", "Strongly agree"],
                ["Favorable", "3 and 4"],
                ["Strength", 80],
                ["developing", "60"],
                ["emerging", 40.5],
                ["Decisions", "SAY"],
                ["vision", None],
            ],
        },
    )
    assert read_instrument_template(path) == Instrument(
        name="Riverside office survey 2025",
        scale=Scale(1, 4, AGREE_4, (3, 4)),
        domains=(
            Domain("VIS", "Shared vision", "What we aim for."),
            Domain("SAY", "Say in decisions", "", SATISFIED_4),
            Domain("TRU", "Trust"),
        ),
        items=(
            Item("VIS1", "VIS", "I can explain our goals."),
            Item("VIS2", "VIS", "Our priorities change with every new request.", True),
            Item("SAY1", "SAY", "I have a say in decisions."),
            Item("SAY2", "SAY", "Leaders act on what staff say.", True),
            Item("TRU1", "TRU", "I trust my manager.", True),
            Item("TRU2", "TRU", ""),
        ),
        tiers=Tiers(80.0, 60.0, 40.5),
        collective=(("decisions", "SAY"),),
    )


def test_items_alone_get_domains_named_by_their_codes_and_the_default_scale(tmp_path):
    path = book(
        tmp_path / "items only.xlsx",
        {"Sheet1": [["code", "domain", "text"], ["A1", "ALPHA", "First."], ["B1", "BETA", "Second."]]},
    )
    reading = read_template(path)
    default = load_instrument()
    assert reading.instrument == Instrument(
        "items only",
        default.scale,
        (Domain("ALPHA", "ALPHA"), Domain("BETA", "BETA")),
        (Item("A1", "ALPHA", "First."), Item("B1", "BETA", "Second.")),
    )
    assert reading.notes == (
        "There are no Scale and Domains sheets, so the scale is the default instrument's 5-point scale (Strongly "
        "disagree to Strongly agree; favourable 4 and 5) with its tier cut points, and each domain is named by its "
        "code (ALPHA, BETA).",
        "Read the sheet 'Sheet1' as the Items sheet: the workbook has no sheet named Items.",
        "The file does not name the instrument, so it is called 'items only' (after the file).",
    )


def test_a_csv_of_items_reads_on_the_default_scale(tmp_path):
    path = write(
        tmp_path / "riverside_items.csv",
        (
            "\ufeffCode,Domain,Text,Reverse-coded\r\n"
            "VIS1,VIS,We share goals.,\r\n"
            ",,,\r\n"
            'TRU1, TRU ,"I trust them, mostly.",yes\r\n'
            'VIS2,VIS,=HYPERLINK("http://example.com"),FALSE\r\n'
        ).encode("utf-8"),
    )
    reading = read_template(path)
    default = load_instrument()
    assert reading.instrument == Instrument(
        "riverside_items",
        Scale(1, 5, ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"), (4, 5)),
        (Domain("VIS", "VIS"), Domain("TRU", "TRU")),
        (
            Item("VIS1", "VIS", "We share goals."),
            Item("TRU1", "TRU", "I trust them, mostly.", True),
            Item("VIS2", "VIS", '=HYPERLINK("http://example.com")'),
        ),
        Tiers(75.0, 62.5, 50.0),
    )
    assert reading.instrument.scale == default.scale
    assert reading.notes == (
        "A CSV holds the items only, so the scale is the default instrument's 5-point scale (Strongly disagree to "
        "Strongly agree; favourable 4 and 5) with its tier cut points, and each domain is named by its code "
        "(VIS, TRU).",
        "The file does not name the instrument, so it is called 'riverside_items' (after the file).",
    )
    assert read_instrument_template(path.read_bytes()).name == "Own instrument"
    assert read_instrument_template(path.read_bytes(), filename="Hillside.csv").name == "Hillside"


def test_a_workbook_without_a_scale_sheet_says_so(tmp_path):
    path = book(
        tmp_path / "no scale.xlsx",
        {
            "Items": [["code", "domain", "text"], ["A1", "A", "First."]],
            "Domains": [["code", "name"], ["A", "Alpha"]],
        },
    )
    reading = read_template(path)
    assert reading.instrument.scale == load_instrument().scale
    assert reading.instrument.domains == (Domain("A", "Alpha"),)
    assert reading.notes[0] == (
        "There is no Scale sheet, so the scale is the default instrument's 5-point scale (Strongly disagree to "
        "Strongly agree; favourable 4 and 5) with its tier cut points."
    )


def test_a_domains_sheet_with_only_its_header_names_domains_by_their_codes(tmp_path):
    path = book(
        tmp_path / "empty domains.xlsx",
        {"Items": [["code", "domain"], ["A1", "A"]], "Domains": [["code", "name"], [], []], "Scale": SCALE},
    )
    reading = read_template(path)
    assert reading.instrument.domains == (Domain("A", "A"),)
    assert reading.notes == (
        "The Domains sheet lists no domains, so each domain is named by its code (A).",
        "The file does not name the instrument, so it is called 'empty domains' (after the file).",
    )


def test_a_scale_without_labels_favourable_points_or_tiers_takes_the_defaults(tmp_path):
    path = book(
        tmp_path / "bare.xlsx",
        {
            "Items": [["code", "domain"], ["A1", "A"]],
            "Scale": [["lo", 1], ["hi", 6], ["name", "Bare"]],
        },
    )
    reading = read_template(path)
    assert reading.instrument == Instrument(
        "Bare", Scale(1, 6, ("1", "2", "3", "4", "5", "6"), (4, 5, 6)), (Domain("A", "A"),), (Item("A1", "A", ""),)
    )
    assert reading.notes == (
        "There is no Domains sheet, so each domain is named by its code (A).",
        "The Scale sheet gives no labels, so the answers are labelled by their numbers.",
        "The Scale sheet names no favourable points, so they are the top 3: 4, 5 and 6.",
    )


# --- refusals ----------------------------------------------------------------------------------------------------

ITEMS = [
    ["code", "domain", "text", "reverse_coded"],
    ["VIS1", "VIS", "We share goals.", "no"],
    ["VIS2", "VIS", "Priorities change weekly.", "yes"],
    ["TRU1", "TRU", "I trust my manager.", ""],
]
DOMAINS = [["code", "name", "description", "labels"], ["VIS", "Shared vision"], ["TRU", "Trust"]]
SCALE = [
    ["setting", "value"],
    ["lo", 1],
    ["hi", 4],
    ["label 1", "Strongly disagree"],
    ["label 2", "Disagree"],
    ["label 3", "Agree"],
    ["label 4", "Strongly agree"],
    ["favourable", "3, 4"],
]


def sheets(items=ITEMS, domains=DOMAINS, scale=SCALE) -> dict[str, list[list]]:
    return {"Items": items, "Domains": domains, "Scale": scale}


def replaced(rows: list[list], row: int, values: list) -> list[list]:
    """`rows` with spreadsheet row `row` (1-based) replaced."""
    return rows[: row - 1] + [values] + rows[row:]


REFUSALS = {
    "empty item code": (
        sheets(items=[*ITEMS[:2], [None, "VIS", "No code here.", "no"], *ITEMS[2:]]),
        "Items sheet, row 3, column A: the code is empty.",
    ),
    "empty item domain": (
        sheets(items=[*ITEMS, ["VIS3", " ", "No domain.", "no"]]),
        "Items sheet, row 5, column B: the domain is empty.",
    ),
    "repeated item code": (
        sheets(items=[*ITEMS, ["VIS1", "TRU", "Again.", "no"]]),
        "Items sheet, row 5, column A: the code VIS1 is already used on row 2.",
    ),
    "item named as a respondent column": (
        sheets(items=[*ITEMS, ["unit", "VIS", "Which unit?", "no"]]),
        "Items sheet, row 5, column A: the code unit is the name of a respondent column (response_id, wave, agency, "
        "agency_type, unit, role_level, tenure_band and program_area); give the item another code.",
    ),
    "item of an undeclared domain": (
        sheets(items=[*ITEMS, ["XYZ1", "XYZ", "Somewhere else.", "no"]]),
        "Items sheet, row 5, column B: the domain XYZ is not on the Domains sheet.",
    ),
    "unreadable reverse_coded": (
        sheets(items=replaced(ITEMS, 2, ["VIS1", "VIS", "We share goals.", "maybe"])),
        "Items sheet, row 2, column D: reverse_coded is 'maybe'; write yes or no (or leave it blank for no).",
    ),
    "no domain column": (
        sheets(items=[["code", "text"], ["VIS1", "We share goals."]]),
        "Items sheet, row 1: the header has no domain column; the header row names the columns code, domain, text "
        "and reverse_coded.",
    ),
    "two code columns": (
        sheets(items=replaced(ITEMS, 1, ["code", "domain", "text", "Code"])),
        "Items sheet, row 1, column D: a second code column (the first is column A); keep one.",
    ),
    "no items": (
        sheets(items=[ITEMS[0], [], []]),
        "The Items sheet has no items under its header (row 1).",
    ),
    "empty domain code": (
        sheets(domains=[*DOMAINS, [None, "Nameless"]]),
        "Domains sheet, row 4, column A: the code is empty.",
    ),
    "repeated domain code": (
        sheets(domains=[*DOMAINS, ["VIS", "Vision again"]]),
        "Domains sheet, row 4, column A: the code VIS is already used on row 2.",
    ),
    "domain without items": (
        sheets(domains=[*DOMAINS, ["EXTRA", "Extra"]]),
        "Domains sheet, row 4, column A: the domain EXTRA has no items on the Items sheet; give it items or delete "
        "its row.",
    ),
    "too few domain labels": (
        sheets(domains=replaced(DOMAINS, 2, ["VIS", "Shared vision", None, "Never | Sometimes | Always"])),
        "Domains sheet, row 2, column D: the domain VIS has 3 labels for a 4-point scale; give one per point, lowest "
        "first, separated by |.",
    ),
    "empty domain label": (
        sheets(domains=replaced(DOMAINS, 3, ["TRU", "Trust", None, "None | | Some | All"])),
        "Domains sheet, row 3, column D: label 2 of the domain TRU is empty.",
    ),
    "lo not a number": (
        sheets(scale=replaced(SCALE, 2, ["lo", "one"])),
        "Scale sheet, row 2, column B: lo is 'one', not a whole number.",
    ),
    "hi not whole": (
        sheets(scale=replaced(SCALE, 3, ["hi", 4.5])),
        "Scale sheet, row 3, column B: hi is '4.5', not a whole number.",
    ),
    "lo empty": (
        sheets(scale=replaced(SCALE, 2, ["lo", None])),
        "Scale sheet, row 2, column B: lo is empty; give the lowest answer, a whole number.",
    ),
    "no lo row": (
        sheets(scale=[SCALE[0], *SCALE[2:]]),
        "The Scale sheet has no lo row (the lowest answer, a whole number).",
    ),
    "3-point scale": (
        sheets(scale=[*SCALE[:2], ["hi", 3], *SCALE[3:6]]),
        "Scale sheet, row 3, column B: lo 1 to hi 3 is a 3-point scale; 4 to 7 points are supported.",
    ),
    "9-point scale": (
        sheets(scale=replaced(SCALE, 3, ["hi", 9])),
        "Scale sheet, row 3, column B: lo 1 to hi 9 is a 9-point scale; 4 to 7 points are supported.",
    ),
    "hi below lo": (
        sheets(scale=replaced(SCALE, 2, ["lo", 5])),
        "Scale sheet, row 3, column B: hi (4) is below lo (5).",
    ),
    "too few labels": (
        sheets(scale=[*SCALE[:6], SCALE[7]]),
        "Scale sheet, rows 4 to 6: there are 3 labels for a 4-point scale (1 to 4); give one label row per point, "
        "lowest first.",
    ),
    "too many labels": (
        sheets(scale=[*SCALE[:7], ["label 5", "Very strongly agree"], SCALE[7]]),
        "Scale sheet, rows 4 to 8: there are 5 labels for a 4-point scale (1 to 4); give one label row per point, "
        "lowest first.",
    ),
    "labels out of order": (
        sheets(scale=[*SCALE[:3], SCALE[4], SCALE[3], *SCALE[5:]]),
        "Scale sheet, row 4, column A: label 2 stands where the label of point 1 belongs; list the labels lowest "
        "first, one per point.",
    ),
    "empty label": (
        sheets(scale=replaced(SCALE, 6, ["label 3", None])),
        "Scale sheet, row 6, column B: label 3 is empty.",
    ),
    "favourable point off the scale": (
        sheets(scale=replaced(SCALE, 8, ["favourable", "4, 5"])),
        "Scale sheet, row 8, column B: favourable point 5 is not on the scale (1 to 4).",
    ),
    "favourable points in words": (
        sheets(scale=replaced(SCALE, 8, ["favourable", "the top two"])),
        "Scale sheet, row 8, column B: the favourable points 'the top two' are not whole numbers separated by commas.",
    ),
    "favourable point twice": (
        sheets(scale=replaced(SCALE, 8, ["favourable", "4; 4"])),
        "Scale sheet, row 8, column B: favourable point 4 is given twice.",
    ),
    "tier not a number": (
        sheets(scale=[*SCALE, ["strength", "high"]]),
        "Scale sheet, row 9, column B: strength is 'high', not a number.",
    ),
    "tiers out of order": (
        sheets(scale=[*SCALE, ["strength", 60], ["developing", 70]]),
        "Scale sheet, row 10, column B: developing (70) is above strength (60); the cut points go down from "
        "strength to developing to emerging.",
    ),
    "role to an undeclared domain": (
        sheets(scale=[*SCALE, ["trust", "BOND"]]),
        "Scale sheet, row 9, column B: the trust role goes to BOND, which is not a domain code.",
    ),
    "unknown setting": (
        sheets(scale=[*SCALE, ["colour", "blue"]]),
        "Scale sheet, row 9, column A: 'colour' is not a setting; the settings are name, lo, hi, label 1, label 2 "
        "..., favourable, strength, developing, emerging and the roles vision, decisions, trust, communication and "
        "partnership.",
    ),
    "setting given twice": (
        sheets(scale=[*SCALE, ["LO", 1]]),
        "Scale sheet, row 9, column A: LO is given twice (first on row 2).",
    ),
    "value without a setting": (
        sheets(scale=[*SCALE, [None, 75]]),
        "Scale sheet, row 9, column A: the setting has no name (its value is '75'); name it, such as lo or strength.",
    ),
    "no Items sheet": (
        {"Domains": DOMAINS, "Scale": SCALE, "Notes": [["a note"]], "More notes": [["another"]]},
        "The workbook has no Items sheet. An instrument workbook has a sheet named Items with the columns code, "
        "domain, text and reverse_coded (and may have Domains and Scale sheets); download the template and fill it "
        "in.",
    ),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_a_problem_is_refused_naming_sheet_row_and_column(tmp_path, case):
    content, message = REFUSALS[case]
    path = book(tmp_path / "refused.xlsx", content)
    with pytest.raises(ExportError) as refused:
        read_instrument_template(path)
    assert str(refused.value) == message


def test_rows_and_columns_are_named_as_the_spreadsheet_numbers_them(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Items"
    for row, values in enumerate([ITEMS[0], ITEMS[1], [], [None, "VIS", "No code.", "no"]], start=3):
        for column, value in enumerate(values, start=3):  # the table starts at C3
            sheet.cell(row, column, value)
    workbook.save(tmp_path / "offset.xlsx")
    with pytest.raises(ExportError, match=r"^Items sheet, row 6, column C: the code is empty\.$"):
        read_instrument_template(tmp_path / "offset.xlsx")


def test_a_csv_problem_names_the_file_row_and_column(tmp_path):
    path = write(tmp_path / "items.csv", b"domain;code;text\nVIS;VIS1;One.\n\nVIS;;Two.\n")
    with pytest.raises(ExportError) as refused:
        read_instrument_template(path)
    assert str(refused.value) == "CSV file, row 4, column B: the code is empty."


def test_what_metrics_refuses_is_refused_with_its_reason(tmp_path, monkeypatch):
    path = write(tmp_path / "fine.xlsx", instrument_workbook(FOUR_POINT))

    def refuse(instrument):
        raise ValueError("The instrument file 'x' repeats the item code A1.")

    monkeypatch.setattr(template, "instrument_toml", refuse)
    with pytest.raises(ExportError) as refused:
        read_instrument_template(path)
    assert str(refused.value) == "The instrument cannot be used: The instrument file 'x' repeats the item code A1."


# --- formulas ----------------------------------------------------------------------------------------------------

FORMULA_LIKE = ('=HYPERLINK("http://example.com","click")', "+1", "-1 and more", "@SUM(A1:A2)", "=1+1")


def test_formula_looking_text_is_written_as_text(tmp_path):
    instrument = Instrument(
        "+Riverside",
        Scale(1, 4, ("=A1", "-", "+", "@"), (3, 4)),
        (Domain("VIS", "=1+1", "@here"), Domain("TRU", "Trust", "", ("=a", "+b", "-c", "@d"))),
        (
            Item("VIS1", "VIS", FORMULA_LIKE[0]),
            Item("VIS2", "VIS", FORMULA_LIKE[1], True),
            Item("=X1", "TRU", FORMULA_LIKE[2]),
            Item("TRU2", "TRU", FORMULA_LIKE[3]),
        ),
    )
    path = write(tmp_path / "formulas.xlsx", instrument_workbook(instrument))
    workbook = load_workbook(path)
    items = workbook["Items"]
    for row, text in zip(range(2, 6), FORMULA_LIKE, strict=False):
        cell = items.cell(row, 3)
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)
    assert (items["A4"].value, items["A4"].data_type) == ("=X1", "s")
    assert (workbook["Domains"]["B2"].value, workbook["Domains"]["B2"].data_type) == ("=1+1", "s")
    assert (workbook["Scale"]["B2"].value, workbook["Scale"]["B2"].data_type) == ("+Riverside", "s")
    with zipfile.ZipFile(path) as package:
        sheets = [name for name in package.namelist() if name.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in package.read(name) or b"<f " in package.read(name) for name in sheets)
    assert read_instrument_template(path) == instrument


# --- what the writer refuses -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("instrument", "reason"),
    [
        (
            Instrument(
                "Bars",
                Scale(1, 4, AGREE_4, (3, 4)),
                (Domain("A", "A", "", ("a|b", "c", "d", "e")),),
                (Item("A1", "A", ""),),
            ),
            "a label of domain A is empty or holds '|', which separates a domain's labels.",
        ),
        (
            Instrument("Control", Scale(1, 4, AGREE_4, (3, 4)), (Domain("A", "A"),), (Item("A1", "A", "a\x01b"),)),
            "the text of item A1 holds the character '\\x01', which no spreadsheet can hold.",
        ),
        (
            Instrument(
                "Blank",
                Scale(1, 4, ("Strongly disagree", " ", "Agree", "Strongly agree"), (3, 4)),
                (Domain("A", "A"),),
                (Item("A1", "A", "x"),),
            ),
            "the label of point 2 is empty.",
        ),
    ],
    ids=["bar in a domain label", "control character", "blank label"],
)
def test_the_writer_refuses_what_a_workbook_cannot_carry(instrument, reason):
    with pytest.raises(ValueError) as refused:
        instrument_workbook(instrument)
    assert str(refused.value) == f"The instrument {instrument.name!r} cannot be written as a workbook: {reason}"


def test_the_writer_refuses_what_metrics_refuses():
    unsorted = Instrument("Unsorted", Scale(1, 4, AGREE_4, (4, 3)), (Domain("A", "A"),), (Item("A1", "A", ""),))
    with pytest.raises(ValueError, match=r"^The instrument cannot be written as a workbook: The instrument 'Unsorted'"):
        instrument_workbook(unsorted)


# --- files that are not templates --------------------------------------------------------------------------------


def not_a_workbook_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("notes.txt", "hello")
    return buffer.getvalue()


NOT_SPREADSHEETS = {
    "empty": b"",
    "spaces": b"   \r\n  ",
    "random bytes": random.Random(7).randbytes(4096),
    "a PDF": b"%PDF-1.7\n1 0 obj << >> endobj\n",
    "a zip of text": not_a_workbook_zip(),
    "half a workbook": instrument_workbook(FOUR_POINT)[:3000],
    "an encrypted workbook": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le"),
    "a TOML instrument": b'name = "x"\n[scale]\nlo = 1\nhi = 4\n',
}


@pytest.mark.parametrize("case", list(NOT_SPREADSHEETS))
def test_a_file_that_is_not_a_template_is_refused_plainly(tmp_path, case):
    path = write(tmp_path / "upload.xlsx", NOT_SPREADSHEETS[case])
    with pytest.raises(ExportError):
        read_instrument_template(path)
    with pytest.raises(ExportError):
        read_instrument_template(NOT_SPREADSHEETS[case])


def test_the_size_limit_path_errors_and_text_mode_are_refused_plainly(tmp_path):
    path = write(tmp_path / "default.xlsx", instrument_workbook(load_instrument()))
    with pytest.raises(ExportError, match="over the"):
        read_instrument_template(path, max_bytes=1000)
    with pytest.raises(ExportError, match="could not be opened"):
        read_instrument_template(tmp_path / "missing.xlsx")
    with path.open("r", encoding="latin-1") as text, pytest.raises(ExportError, match="binary mode"):
        read_instrument_template(text)
    with pytest.raises(ExportError, match="not a file"):
        read_instrument_template(12345)


@pytest.mark.parametrize("name", sorted(make_bad_files.BUILDERS))
def test_every_file_of_the_bad_file_corpus_gives_export_error(tmp_path, name):
    """The upload corpus (bombs, encrypted and damaged workbooks, binary junk ...): none is an instrument."""
    path = write(tmp_path / name, make_bad_files.build(name))
    with pytest.raises(ExportError):
        read_instrument_template(path)


# --- any codes and texts -----------------------------------------------------------------------------------------


def _plain(text: str) -> bool:
    return bool(text) and not NOT_XML.search(text) and text not in CANONICAL_COLUMNS


CODES = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=10).map(str.strip).filter(_plain)
TEXTS = (
    st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
    .map(str.strip)
    .filter(lambda text: not NOT_XML.search(text))
)


@st.composite
def instruments(draw) -> Instrument:
    domain_codes = draw(st.lists(CODES, min_size=1, max_size=3, unique=True))
    item_codes = draw(st.lists(CODES, min_size=len(domain_codes), max_size=8, unique=True))
    owners = domain_codes + [draw(st.sampled_from(domain_codes)) for _ in item_codes[len(domain_codes) :]]
    items = tuple(
        Item(code, owner, draw(TEXTS | st.sampled_from(FORMULA_LIKE)), draw(st.booleans()))
        for code, owner in zip(item_codes, owners, strict=True)
    )
    names = draw(st.lists(TEXTS.filter(bool), min_size=len(domain_codes), max_size=len(domain_codes), unique=True))
    domains = tuple(Domain(code, name, draw(TEXTS)) for code, name in zip(domain_codes, names, strict=True))
    return Instrument(draw(TEXTS.filter(bool)), Scale(1, 4, AGREE_4, (3, 4)), domains, items)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(instrument=instruments())
@example(
    instrument=Instrument(
        "_x0041_",
        Scale(1, 4, AGREE_4, (3, 4)),
        (Domain("_x005F_", "x_x0042_y", "a\r\nb"),),
        (Item("1", "_x005F_", "_x0000_"), Item("1.0", "_x005F_", "TRUE"), Item("=A1", "_x005F_", "-", True)),
    )
)
def test_any_codes_and_texts_read_back_equal(tmp_path, instrument):
    path = write(tmp_path / "any.xlsx", instrument_workbook(instrument))
    assert read_instrument_template(path) == instrument
