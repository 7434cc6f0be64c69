"""Action plans as an Excel workbook or a CSV file, and back.

Why: teams plan in spreadsheets and share them by e-mail. Export gives them a file they can sort and edit; import
reads such a file back and says, row by row and column by column, what it cannot take, never guessing a value. A
plan's text is the team's own words, so it is written so that no spreadsheet can run it as a formula: in the
workbook every text cell is a plain string, in the CSV file text that starts like a formula gets an apostrophe,
which reading takes off again.

The workbook has a sheet "Plans" (one row a plan) and a sheet "Actions" (one row an action, with its plan's id);
the CSV file has one row an action with the plan's columns repeated (a plan without actions gets one row). The
plan id links the rows: every plan in a file needs one (a new plan typed into a file may use any text).
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePath

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from metrics import Instrument
from metrics.spreadsheet import csv_cell, csv_text_read, put_text
from plans.model import STAKEHOLDER_SEPARATOR, Action, Plan, field_problems

PLANS_SHEET, ACTIONS_SHEET = "Plans", "Actions"
PLAN_COLUMNS = (
    "plan_id",
    "status",
    "focus",
    "agency",
    "unit",
    "problem",
    "challenge",
    "stakeholders",
    "measure",
    "baseline_wave",
    "baseline",
    "target",
    "target_wave",
    "started",
)
ACTION_COLUMNS = ("plan_id", "what", "owner_role", "due", "action_status")
CSV_COLUMNS = PLAN_COLUMNS + ACTION_COLUMNS[1:]

NOT_OURS = (
    "This is not an action-plan file from Effective Offices. Export the plans (Excel or CSV), edit that file "
    "keeping its sheets and column names, and import it again."
)
MAX_BYTES = 20_000_000  # a plan file is a few kilobytes; anything near this is not one
MAX_UNZIPPED = 100_000_000
MAX_ROWS = 10_000
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WIDE_COLUMNS = {"problem", "what"}


# Writing --------------------------------------------------------------------------------------------------------


def plans_to_xlsx(plans: list[Plan]) -> bytes:
    """The plans as the bytes of an .xlsx workbook: sheet "Plans" and sheet "Actions"."""
    _check_ids(plans)
    book = Workbook()
    _write_sheet(book.active, PLANS_SHEET, PLAN_COLUMNS, [_plan_cells(plan) for plan in plans])
    rows = [[plan.plan_id, *_action_cells(action)] for plan in plans for action in plan.actions]
    _write_sheet(book.create_sheet(ACTIONS_SHEET), ACTIONS_SHEET, ACTION_COLUMNS, rows)
    book.properties.creator = "Effective Offices"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def plans_to_csv(plans: list[Plan]) -> bytes:
    """The plans as a UTF-8 CSV file (with a byte-order mark, so that Excel reads the accents right)."""
    _check_ids(plans)
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for plan in plans:
        cells = _plan_cells(plan)
        actions = [_action_cells(action) for action in plan.actions] or [[None] * (len(ACTION_COLUMNS) - 1)]
        for action in actions:
            writer.writerow([_csv_text(value) for value in cells + action])
    return out.getvalue().encode("utf-8-sig")


def _check_ids(plans: list[Plan]) -> None:
    ids = [plan.plan_id for plan in plans]
    if any(not isinstance(i, str) or not i.strip() for i in ids) or len(set(ids)) != len(ids):
        raise ValueError("Only saved plans, each with its own id, can be written to a file.")


def _plan_cells(plan: Plan) -> list[object]:
    stakeholders = f"{STAKEHOLDER_SEPARATOR} ".join(plan.stakeholders) or None
    return [
        plan.plan_id,
        plan.status,
        plan.focus,
        plan.agency,
        plan.unit,
        plan.problem,
        plan.challenge,
        stakeholders,
        plan.measure,
        plan.baseline_wave,
        plan.baseline,
        plan.target,
        plan.target_wave,
        plan.started,
    ]


def _action_cells(action: Action) -> list[object]:
    return [action.what, action.owner_role, action.due, action.status]


def _csv_text(value: object) -> str:
    """A cell of the CSV file: text that a spreadsheet would read as a formula gets a leading apostrophe (as does
    text that starts with one, so that reading back takes off exactly what was added)."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return csv_cell(value)
    return repr(value)  # a number, written so that it reads back exactly


def _write_sheet(sheet: Worksheet, title: str, columns: tuple[str, ...], rows: list[list[object]]) -> None:
    sheet.title = title
    for col, name in enumerate(columns, start=1):
        _put(sheet.cell(1, col), name)
        sheet.cell(1, col).font = Font(bold=True)
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            _put(sheet.cell(r, c), value)
    for col, name in enumerate(columns, start=1):
        longest = max([len(name)] + [len(str(row[col - 1])) for row in rows if row[col - 1] is not None])
        sheet.column_dimensions[get_column_letter(col)].width = min(longest, 60 if name in _WIDE_COLUMNS else 30) + 2
        if name in _WIDE_COLUMNS:
            for r in range(2, len(rows) + 2):
                sheet.cell(r, col).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"


def _put(cell: Cell, value: object) -> None:
    """Text always as a plain string (data type "s", never a formula; a formula-like start also gets Excel's quote
    prefix so that editing the cell keeps it text); dates as dates; numbers as numbers; None as an empty cell."""
    if value is None:
        return
    if isinstance(value, str):
        put_text(cell, ILLEGAL_CHARACTERS_RE.sub("", value))  # without control characters an .xlsx cannot hold
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    else:
        cell.value = value


# Reading --------------------------------------------------------------------------------------------------------


class _Refusal(Exception):
    """The whole file is refused, with one message."""


class _Bad(Exception):
    """One cell cannot be read; its message says why."""


@dataclass
class _Row:
    where: str  # "Sheet Plans, row 3" or "Row 3"
    cells: dict[str, object]


@dataclass
class _Rows:
    """A file's rows before their values are read: plan rows, action rows, and problems found on the way."""

    plans: list[_Row]
    actions: list[_Row]
    problems: list[str] = field(default_factory=list)
    broken: set[str] = field(default_factory=set)  # plan ids those problems keep out


def read_plans(data: bytes, filename: str, instrument: Instrument) -> tuple[list[Plan], list[str]]:
    """The plans of a file written by plans_to_xlsx or plans_to_csv (perhaps edited), and its problems.

    Each problem names its row (and column). A plan with any problem is left out, as are its actions; nothing is
    guessed: a blank or unreadable value is a problem, not a default. A file that is not one of ours gets one
    message and no plans.
    """
    kind = PurePath(str(filename)).suffix.lower()
    try:
        if len(data) > MAX_BYTES:
            raise _Refusal("The file is far larger than any action-plan file; nothing was read.")
        if kind == ".xlsx":
            rows = _xlsx_rows(data)
        elif kind == ".csv":
            rows = _csv_rows(data)
        else:
            raise _Refusal(NOT_OURS)
    except _Refusal as refusal:
        return [], [str(refusal)]
    return _plans(rows, instrument)


def _xlsx_rows(data: bytes) -> _Rows:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED:
                raise _Refusal("The workbook unpacks to far more than any action-plan file; nothing was read.")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # openpyxl's notes on styles other programs wrote
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except _Refusal:
        raise
    except Exception as error:  # a damaged or foreign file: openpyxl and zipfile raise many kinds
        raise _Refusal(NOT_OURS) from error
    try:
        if PLANS_SHEET not in book.sheetnames or ACTIONS_SHEET not in book.sheetnames:
            raise _Refusal(NOT_OURS)
        plans = _table(book[PLANS_SHEET].iter_rows(values_only=True), PLAN_COLUMNS, f"Sheet {PLANS_SHEET}, row")
        actions = _table(book[ACTIONS_SHEET].iter_rows(values_only=True), ACTION_COLUMNS, f"Sheet {ACTIONS_SHEET}, row")
    finally:
        book.close()
    return _Rows(plans, actions)


def _csv_rows(data: bytes) -> _Rows:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Refusal(
            "The CSV file is not in UTF-8, so its accents cannot be read for sure. Save it as 'CSV UTF-8' and import "
            "it again."
        ) from None
    try:
        records = [[_csv_value(cell) for cell in record] for record in csv.reader(io.StringIO(text, newline=""))]
    except csv.Error as error:
        raise _Refusal(NOT_OURS) from error
    table = _table(iter(records), CSV_COLUMNS, "Row")
    rows = _Rows([], [])
    first: dict[str, _Row] = {}
    for row in table:
        plan_id = row.cells["plan_id"]
        if not isinstance(plan_id, str) or not plan_id.strip():
            rows.problems.append(_no_id(row))
            continue
        if plan_id not in first:
            first[plan_id] = row
            rows.plans.append(row)
        else:
            for column in PLAN_COLUMNS:
                if row.cells[column] != first[plan_id].cells[column]:
                    rows.problems.append(
                        f"{row.where}, column '{column}': differs from {first[plan_id].where.lower()}, another row of "
                        f"plan '{plan_id}'; a plan's columns must be the same on each of its rows."
                    )
                    rows.broken.add(plan_id)
        if any(row.cells[column] is not None for column in ACTION_COLUMNS[1:]):
            rows.actions.append(row)
    return rows


def _csv_value(text: str) -> str | None:
    """A CSV cell as read: None when empty; the apostrophe written before formula-like text taken off."""
    if text == "":
        return None
    return csv_text_read(text)


def _table(records, columns: tuple[str, ...], row_label: str) -> list[_Row]:
    """The rows under a header row naming `columns` (others are ignored), blank rows left out."""
    header = next(records, None)
    names = [cell.strip() if isinstance(cell, str) else cell for cell in (header or ())]
    if not set(names) & set(columns):
        raise _Refusal(NOT_OURS)
    missing = [c for c in columns if c not in names]
    repeated = sorted({c for c in columns if names.count(c) > 1})
    if missing or repeated:
        problem = "no column " + ", ".join(f"'{c}'" for c in missing) if missing else ""
        if repeated:
            problem += ("; " if problem else "") + "more than one column " + ", ".join(f"'{c}'" for c in repeated)
        raise _Refusal(f"{row_label} 1: {problem}. No plan was read.")
    position = {c: names.index(c) for c in columns}
    rows = []
    for number, record in enumerate(records, start=2):
        if number > MAX_ROWS + 1:
            raise _Refusal(f"The file has more than {MAX_ROWS:,} rows, more than any set of plans; nothing was read.")
        cells = {c: _blank_to_none(record[i]) if i < len(record) else None for c, i in position.items()}
        if any(value is not None for value in cells.values()):
            rows.append(_Row(f"{row_label} {number}", cells))
    return rows


def _blank_to_none(value: object) -> object:
    return None if value is None or value == "" else value


def _no_id(row: _Row) -> str:
    return (
        f"{row.where}, column 'plan_id': the plan id is missing. Every plan needs one, which its actions repeat; for "
        "a new plan any text will do, such as 'new 1'."
    )


def _plans(rows: _Rows, instrument: Instrument) -> tuple[list[Plan], list[str]]:
    problems = list(rows.problems)
    ids = [row.cells["plan_id"] for row in rows.plans]
    actions: dict[object, list[_Row]] = {plan_id: [] for plan_id in ids}
    for row in rows.actions:
        plan_id = row.cells["plan_id"]
        if plan_id is None:
            problems.append(_no_id(row))
        elif plan_id not in actions:
            problems.append(f"{row.where}, column 'plan_id': there is no plan '{plan_id}' in sheet {PLANS_SHEET}.")
        else:
            actions[plan_id].append(row)
    found = []
    for row in rows.plans:
        plan_id = row.cells["plan_id"]
        if plan_id is None:
            problems.append(_no_id(row))
            continue
        if ids.count(plan_id) > 1:
            problems.append(f"{row.where}, column 'plan_id': plan '{plan_id}' is on more than one row.")
            continue
        plan, plan_problems = _plan(row, actions[plan_id], instrument)
        problems.extend(plan_problems)
        if plan is not None and plan_id not in rows.broken:
            found.append(plan)
    return found, problems


def _plan(row: _Row, action_rows: list[_Row], instrument: Instrument) -> tuple[Plan | None, list[str]]:
    """One plan from its row and its actions' rows, or None and every problem found: the cells that cannot be read,
    then what the plan's checks find in the others."""
    problems: list[str] = []
    unread: set[tuple[str, str]] = set()

    def value(source: _Row, column: str, read):
        try:
            return read(source.cells[column])
        except _Bad as bad:
            problems.append(f"{source.where}, column '{column}': {bad}")
            unread.add((source.where, column))
            return None

    actions = tuple(
        Action(
            what=value(r, "what", _text),
            owner_role=value(r, "owner_role", _text),
            due=value(r, "due", _date),
            status=value(r, "action_status", _text),
        )
        for r in action_rows
    )
    plan = Plan(
        focus=value(row, "focus", _text),
        agency=value(row, "agency", _optional_text),
        unit=value(row, "unit", _optional_text),
        problem=value(row, "problem", _text),
        challenge=value(row, "challenge", _text),
        stakeholders=value(row, "stakeholders", _stakeholders) or (),
        actions=actions,
        measure=value(row, "measure", _text),
        baseline_wave=value(row, "baseline_wave", _text),
        baseline=value(row, "baseline", _optional_number),
        target=value(row, "target", _number),
        target_wave=value(row, "target_wave", _text),
        started=value(row, "started", _date),
        status=value(row, "status", _text),
        plan_id=value(row, "plan_id", _text),
    )
    for column, index, message in field_problems(plan, instrument):
        source = row if index is None else action_rows[index]
        if (source.where, column) not in unread:  # already reported as unreadable
            problems.append(f"{source.where}, column '{column}': {message}")
    return (None if problems else plan), problems


# Cells ----------------------------------------------------------------------------------------------------------


def _text(cell: object) -> str:
    """Text; a blank cell is empty text (the plan's checks say when that is not allowed); a whole number typed
    into a text column (a unit called 101) is its digits."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, int) and not isinstance(cell, bool):
        return str(cell)
    raise _Bad(f"expected text, found {_shown(cell)}.")


def _optional_text(cell: object) -> str | None:
    """Text, or None for a blank cell (every agency, every unit)."""
    return None if cell is None else _text(cell)


def _stakeholders(cell: object) -> tuple[str, ...]:
    """The names in one cell, separated by ';' (spaces around them taken off); a blank cell names nobody."""
    if cell is None:
        return ()
    return tuple(name.strip() for name in _text(cell).split(STAKEHOLDER_SEPARATOR))


def _number(cell: object) -> float:
    if cell is None:
        raise _Bad("a number is needed here; the cell is blank.")
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return float(cell)
    if isinstance(cell, str):
        try:
            return float(cell.strip())
        except ValueError:
            pass
    raise _Bad(f"expected a number, found {_shown(cell)}.")


def _optional_number(cell: object) -> float | None:
    return None if cell is None else _number(cell)


def _date(cell: object) -> date:
    """A date cell, or text written as YYYY-MM-DD; never a guess at 01/02/2025."""
    if cell is None:
        raise _Bad("a date is needed here; the cell is blank.")
    if isinstance(cell, datetime):
        if cell.time() != datetime.min.time():
            raise _Bad(f"expected a date without a time, found {cell.isoformat(sep=' ')}.")
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, str) and _ISO_DATE.match(cell.strip()):
        try:
            return date.fromisoformat(cell.strip())
        except ValueError:
            pass
    raise _Bad(f"expected a date written as YYYY-MM-DD (such as 2025-09-30), found {_shown(cell)}.")


def _shown(cell: object) -> str:
    return f"'{cell}'" if isinstance(cell, str) else str(cell)
