"""Plans go out to Excel and CSV and come back equal; formula-like text never runs; a broken file is reported
row by row and column by column, and the plans it breaks are left out."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook

from plans import Action, Plan, plans_to_csv, plans_to_xlsx, read_plans
from plans.files import ACTION_COLUMNS, CSV_COLUMNS, NOT_OURS, PLAN_COLUMNS
from tests.plans.conftest import a_plan

INJECTIONS = ("=1+1", "+SUM(A1)", "-2", "@cmd", "\tcell", "\rcell")


def some_plans() -> list[Plan]:
    """Three plans: a full one, one without actions and with blanks where blanks are allowed, and one whose every
    text starts like a formula."""
    return [
        a_plan(plan_id="P0001"),
        a_plan(
            plan_id="P0002",
            focus="LEAD3",
            agency=None,
            unit="101",
            problem='Zoë\'s team: «trust»\nsecond line, "quoted", and; semicolons',
            challenge="technical",
            stakeholders=(),
            actions=(),
            measure="pct_favorable",
            baseline=None,
            target=80,
            target_wave="2025 Fall",
            status="closed",
        ),
        a_plan(
            plan_id="=P3",
            agency="@agency",
            unit="-5",
            problem="=1+1",
            stakeholders=("+SUM(A1)", "@cmd", "'quoted'"),
            actions=tuple(Action(text, f"{text} role", date(2025, 7, 1), "done") for text in INJECTIONS),
            baseline_wave="2025 Spring",
            baseline=0.0,
            target=100.0,
        ),
    ]


@pytest.mark.parametrize(("write", "name"), [(plans_to_xlsx, "plans.xlsx"), (plans_to_csv, "plans.csv")])
def test_export_then_import_gives_equal_plans(instrument, write, name) -> None:
    written = some_plans()
    found, problems = read_plans(write(written), name, instrument)
    assert problems == []
    assert found == written
    assert written == some_plans()  # the input is unchanged


@pytest.mark.parametrize(("write", "name"), [(plans_to_xlsx, "plans.xlsx"), (plans_to_csv, "plans.csv")])
def test_no_plans_make_a_file_with_headers_only(instrument, write, name) -> None:
    assert read_plans(write([]), name, instrument) == ([], [])


def test_the_csv_file_has_one_row_an_action_and_quotes_formula_like_text() -> None:
    data = plans_to_csv(some_plans())
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark, for Excel
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == list(CSV_COLUMNS)
    assert [row[0] for row in rows[1:]] == ["P0001", "P0001", "P0002"] + ["'=P3"] * len(INJECTIONS)
    assert rows[3][CSV_COLUMNS.index("what") :] == ["", "", "", ""]  # the plan without actions gets one row
    what = [row[CSV_COLUMNS.index("what")] for row in rows[4:]]
    assert what == ["'=1+1", "'+SUM(A1)", "'-2", "'@cmd", "'\tcell", "'\rcell"]
    third = dict(zip(CSV_COLUMNS, rows[4], strict=True))
    assert third["problem"] == "'=1+1" and third["agency"] == "'@agency" and third["unit"] == "'-5"
    assert third["stakeholders"] == "'+SUM(A1); @cmd; 'quoted'"
    assert (third["baseline"], third["target"], third["started"]) == ("0.0", "100.0", "2025-06-02")
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_the_workbook_holds_text_as_strings_never_formulas() -> None:
    book = load_workbook(io.BytesIO(plans_to_xlsx(some_plans())))
    assert book.sheetnames == ["Plans", "Actions"]
    plans_sheet, actions_sheet = book["Plans"], book["Actions"]
    assert [c.value for c in plans_sheet[1]] == list(PLAN_COLUMNS)
    assert [c.value for c in actions_sheet[1]] == list(ACTION_COLUMNS)
    assert plans_sheet.max_row == 4 and actions_sheet.max_row == 1 + 2 + len(INJECTIONS)
    cells = [cell for sheet in (plans_sheet, actions_sheet) for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    starts = ("=", "+", "-", "@", "\t", "\r")
    formula_like = [cell for cell in cells if isinstance(cell.value, str) and cell.value.startswith(starts)]
    assert {cell.value for cell in formula_like} >= set(INJECTIONS) | {"=P3", "@agency", "-5"}
    for cell in formula_like:
        assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
    row = {name: cell.value for name, cell in zip(PLAN_COLUMNS, plans_sheet[2], strict=True)}
    assert row["started"] == datetime(2025, 6, 2) and row["target"] == 65.0 and row["baseline"] == 58.3
    assert row["stakeholders"] == "LEAs; Families; Pre-K unit" and row["unit"] is None


def test_only_saved_plans_can_be_exported() -> None:
    for plans in ([a_plan()], [a_plan(plan_id="P1"), a_plan(plan_id="P1")]):
        with pytest.raises(ValueError, match="Only saved plans"):
            plans_to_xlsx(plans)
        with pytest.raises(ValueError, match="Only saved plans"):
            plans_to_csv(plans)


# Hand-broken files ------------------------------------------------------------------------------------------------


def edited_workbook(edits: dict[tuple[str, int, str], object], drop: tuple[str, str] | None = None) -> bytes:
    """The exported workbook of some_plans() with cells changed: (sheet, row, column name) -> value."""
    book = load_workbook(io.BytesIO(plans_to_xlsx(some_plans())))
    for (sheet, row, column), value in edits.items():
        header = [c.value for c in book[sheet][1]]
        book[sheet].cell(row, header.index(column) + 1).value = value
    if drop:
        sheet, column = drop
        header = [c.value for c in book[drop[0]][1]]
        book[sheet].delete_cols(header.index(column) + 1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def edited_csv(edits: dict[tuple[int, str], str], drop: str | None = None) -> bytes:
    """The exported CSV of some_plans() with cells changed: (row, column name) -> text (row 1 is the header)."""
    rows = list(csv.reader(io.StringIO(plans_to_csv(some_plans()).decode("utf-8-sig"), newline="")))
    for (row, column), text in edits.items():
        rows[row - 1][CSV_COLUMNS.index(column)] = text
    if drop:
        at = CSV_COLUMNS.index(drop)
        rows = [row[:at] + row[at + 1 :] for row in rows]
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def test_a_hand_broken_workbook_names_each_row_and_column(instrument) -> None:
    data = edited_workbook(
        {
            ("Plans", 2, "target"): 120,
            ("Actions", 3, "due"): "2025-13-01",  # P0001's second action
            ("Actions", 4, "action_status"): "finished",  # =P3's first action
            ("Actions", 5, "due"): "01/07/2025",
        }
    )
    found, problems = read_plans(data, "plans.xlsx", instrument)
    assert found == [some_plans()[1]]  # only the plan nothing was done to
    assert problems == [
        "Sheet Actions, row 3, column 'due': expected a date written as YYYY-MM-DD (such as 2025-09-30), found "
        "'2025-13-01'.",
        "Sheet Plans, row 2, column 'target': The target must be a number from 0 to 100 (found 120.0).",
        "Sheet Actions, row 5, column 'due': expected a date written as YYYY-MM-DD (such as 2025-09-30), found "
        "'01/07/2025'.",
        "Sheet Actions, row 4, column 'action_status': the status must be one of not started, in progress, done, "
        "dropped (found 'finished').",
    ]  # plan by plan: the cells that cannot be read, then what the plan's checks find


def test_a_workbook_problem_found_by_the_plan_checks_names_the_action_row(instrument) -> None:
    data = edited_workbook({("Actions", 4, "action_status"): "finished", ("Actions", 6, "what"): None})
    found, problems = read_plans(data, "plans.xlsx", instrument)
    assert found == some_plans()[:2]
    assert problems == [
        "Sheet Actions, row 4, column 'action_status': the status must be one of not started, in progress, done, "
        "dropped (found 'finished').",
        "Sheet Actions, row 6, column 'what': say what will be done.",
    ]


def test_a_hand_broken_csv_names_each_row_and_column(instrument) -> None:
    data = edited_csv({(2, "due"): "2025-02-30", (3, "target"): "120", (5, "action_status"): "finished"})
    found, problems = read_plans(data, "plans.csv", instrument)
    assert found == [some_plans()[1]]
    assert problems == [
        "Row 3, column 'target': differs from row 2, another row of plan 'P0001'; a plan's columns must be the same "
        "on each of its rows.",
        "Row 2, column 'due': expected a date written as YYYY-MM-DD (such as 2025-09-30), found '2025-02-30'.",
        "Row 5, column 'action_status': the status must be one of not started, in progress, done, dropped (found "
        "'finished').",
    ]


def test_a_target_out_of_range_in_the_csv_names_the_plans_first_row(instrument) -> None:
    data = edited_csv({(2, "target"): "120", (3, "target"): "120"})
    found, problems = read_plans(data, "plans.csv", instrument)
    assert found == some_plans()[1:]
    assert problems == ["Row 2, column 'target': The target must be a number from 0 to 100 (found 120.0)."]


def file_id(value: object) -> str | None:
    """A test id that is the same in every process: a workbook's bytes hold the time it was written, so a file is
    named by its kind, not its bytes (pytest-xdist needs every worker to collect the same ids)."""
    return "bytes" if isinstance(value, bytes) else None


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (
            edited_workbook({}, drop=("Plans", "target")),
            "plans.xlsx",
            "Sheet Plans, row 1: no column 'target'. No plan was read.",
        ),
        (
            edited_workbook({}, drop=("Actions", "due")),
            "plans.xlsx",
            "Sheet Actions, row 1: no column 'due'. No plan was read.",
        ),
        (edited_csv({}, drop="action_status"), "plans.csv", "Row 1: no column 'action_status'. No plan was read."),
        (edited_csv({(1, "unit"): "agency"}), "plans.csv", (
            "Row 1: no column 'unit'; more than one column 'agency'. No plan was read."
        )),
    ],
    ids=file_id,
)  # fmt: skip
def test_a_missing_column_is_named_and_no_plan_is_read(instrument, data, name, expected) -> None:
    assert read_plans(data, name, instrument) == ([], [expected])


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        (
            {("Plans", 2, "started"): None},
            ["Sheet Plans, row 2, column 'started': a date is needed here; the cell is blank."],
        ),
        (
            {("Plans", 2, "target"): "about 70"},
            ["Sheet Plans, row 2, column 'target': expected a number, found 'about 70'."],
        ),
        (
            {("Plans", 2, "baseline"): True},
            ["Sheet Plans, row 2, column 'baseline': expected a number, found True."],
        ),
        (
            {("Plans", 2, "started"): datetime(2025, 6, 2, 14, 30)},
            ["Sheet Plans, row 2, column 'started': expected a date without a time, found 2025-06-02 14:30:00."],
        ),
        (
            {("Plans", 2, "focus"): 3.5},
            ["Sheet Plans, row 2, column 'focus': expected text, found 3.5."],
        ),
        (
            {("Plans", 2, "status"): None},
            ["Sheet Plans, row 2, column 'status': The plan's status must be open or closed (found '')."],
        ),
        (
            {("Plans", 2, "stakeholders"): "LEAs;;Families"},
            ["Sheet Plans, row 2, column 'stakeholders': Stakeholder 2 has no name."],
        ),
        (
            {("Plans", 2, "plan_id"): None},
            [
                "Sheet Actions, row 2, column 'plan_id': there is no plan 'P0001' in sheet Plans.",
                "Sheet Actions, row 3, column 'plan_id': there is no plan 'P0001' in sheet Plans.",
                "Sheet Plans, row 2, column 'plan_id': the plan id is missing. Every plan needs one, which its actions "
                "repeat; for a new plan any text will do, such as 'new 1'.",
            ],
        ),
    ],
)
def test_each_unreadable_cell_is_a_problem_never_a_guess(instrument, edits, expected) -> None:
    found, problems = read_plans(edited_workbook(edits), "plans.xlsx", instrument)
    assert problems == expected
    assert [plan.plan_id for plan in found] == [p.plan_id for p in some_plans() if p.plan_id != "P0001"]


def test_a_plan_id_on_two_rows_keeps_both_plans_out(instrument) -> None:
    found, problems = read_plans(edited_workbook({("Plans", 3, "plan_id"): "P0001"}), "plans.xlsx", instrument)
    assert problems == [
        "Sheet Plans, row 2, column 'plan_id': plan 'P0001' is on more than one row.",
        "Sheet Plans, row 3, column 'plan_id': plan 'P0001' is on more than one row.",
    ]
    assert found == some_plans()[2:]


def test_an_action_row_of_no_plan_is_reported_and_the_others_are_read(instrument) -> None:
    found, problems = read_plans(edited_workbook({("Actions", 2, "plan_id"): "P0009"}), "plans.xlsx", instrument)
    assert problems == ["Sheet Actions, row 2, column 'plan_id': there is no plan 'P0009' in sheet Plans."]
    first = some_plans()[0]
    assert found == [Plan(**{**first.__dict__, "actions": first.actions[1:]}), *some_plans()[1:]]


def test_a_new_plan_typed_into_the_workbook_is_read(instrument) -> None:
    """A person adds a plan by hand: its cells as Excel keeps them (a whole number in a text column, dates as
    dates, numbers as text), extra columns and blank rows are fine."""
    book = load_workbook(io.BytesIO(plans_to_xlsx([])))
    header = [c.value for c in book["Plans"][1]]
    values = {
        "plan_id": "new 1",
        "status": "open",
        "focus": "TRU",
        "unit": 101,
        "problem": "Units do not share what works.",
        "challenge": "adaptive",
        "stakeholders": "Head Start; Child care",
        "measure": "score",
        "baseline_wave": "2025 Spring",
        "baseline": " 61.5 ",
        "target": 70,
        "target_wave": "2026 Spring",
        "started": datetime(2025, 9, 1),
    }
    book["Plans"].cell(1, len(header) + 1).value = "notes"
    book["Plans"].append([values.get(name) for name in header] + ["ours"])
    book["Plans"].append([])
    book["Actions"].append(["new 1", "Monthly exchange", "Unit leads", "2025-10-15", "not started"])
    out = io.BytesIO()
    book.save(out)
    found, problems = read_plans(out.getvalue(), "mine.XLSX", instrument)
    assert problems == []
    assert found == [
        Plan(
            focus="TRU",
            agency=None,
            unit="101",
            problem="Units do not share what works.",
            challenge="adaptive",
            stakeholders=("Head Start", "Child care"),
            actions=(Action("Monthly exchange", "Unit leads", date(2025, 10, 15)),),
            measure="score",
            baseline_wave="2025 Spring",
            baseline=61.5,
            target=70.0,
            target_wave="2026 Spring",
            started=date(2025, 9, 1),
            plan_id="new 1",
        )
    ]


def test_an_apostrophe_typed_by_a_person_stays(instrument) -> None:
    data = edited_csv({(4, "problem"): "'Tis the season", (4, "focus"): "'TRU"})
    found, problems = read_plans(data, "plans.csv", instrument)
    assert problems == ["Row 4, column 'focus': ''TRU' is not a domain or item code of the instrument "
                        f"'{instrument.name}'."]  # fmt: skip
    data = edited_csv({(4, "problem"): "'Tis the season"})
    found, problems = read_plans(data, "plans.csv", instrument)
    assert problems == [] and found[1].problem == "'Tis the season"


def not_a_plan_workbook() -> bytes:
    book = Workbook()
    book.active.append(["response_id", "wave", "VIS1"])
    book.active.append(["r1", "2025 Spring", 4])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"PK\x03\x04 not really a zip", "plans.xlsx"),
        (b"", "plans.xlsx"),
        (plans_to_csv([]), "plans.xlsx"),
        (not_a_plan_workbook(), "plans.xlsx"),
        (b"response_id,wave,VIS1\nr1,2025 Spring,4\n", "plans.csv"),
        (b"", "plans.csv"),
        (plans_to_csv(some_plans()), "plans.txt"),
        (plans_to_xlsx(some_plans()), "plans.csv.zip"),
    ],
    ids=file_id,
)
def test_a_file_that_is_not_ours_gets_one_plain_message(instrument, data, name) -> None:
    assert read_plans(data, name, instrument) == ([], [NOT_OURS])


def test_a_csv_file_not_in_utf8_is_refused_in_plain_words(instrument) -> None:
    data = plans_to_csv(some_plans()).decode("utf-8-sig").encode("cp1252", errors="replace")
    found, problems = read_plans(data, "plans.csv", instrument)
    assert found == [] and len(problems) == 1 and "Save it as 'CSV UTF-8'" in problems[0]
