"""Workbook sheets (xlsx, legacy xls, ods) read with fastexcel: each sheet's first rows as text, then one sheet's body.

Why: fastexcel parses a sheet in Rust straight into Arrow, far faster than openpyxl, and the issue's benchmark holds
reading to its speed. Its type guess for a column must see only the responses, not the header rows above them, so
the header is found first on a cheap read of the first rows (an xlsx is cut down to those rows before parsing), and
the body is parsed once, below the header, with each column's type guessed from all its rows. Rows keep their Excel
numbers (a read starts at row 1). The package must already have passed `ingest._zip` checks: the reader itself has
no defence against a zip bomb or a sheet whose cells span a huge rectangle.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from xml.etree import ElementTree  # only on parts `ingest._zip` has checked: no DOCTYPE, no entities

import fastexcel
import pyarrow as pa

from ingest._sandbox import ods_sheets, sandboxed_sheets
from ingest.export import ExportError

HEAD_ROWS = 50  # as many rows as header detection looks at (ingest._layouts.SEARCH_ROWS)
SHEET_PART = re.compile(r"^xl/(?:worksheets|macrosheets|dialogsheets)/[^/]+\.xml$", re.IGNORECASE)
ROW_END = re.compile(rb"</(?:[\w.-]+:)?row\s*>|<(?:[\w.-]+:)?row\b[^>]*/>")
SHEET_DATA = re.compile(rb"<([\w.-]+:)?sheetData\b")
WORKSHEET = re.compile(rb"<([\w.-]+:)?worksheet\b")
PIECE = 64 * 1024


@dataclass(frozen=True)
class Sheet:
    """One sheet (or a text file): its name, whether Excel shows it, its first rows as text (None for a blank
    cell, every row `width` long), the 0-based position of its first column, and a way to read its columns from
    a given 0-based row down. Workbook columns may hold real numbers and dates; a text file's are all text."""

    name: str
    visible: bool
    head: list[list[str | None]]
    width: int
    body: Callable[[int], list[pa.Array]]
    first_column: int = 0
    workbook: bool = False


def text_sheet(columns: list[pa.Array]) -> Sheet:
    """A text file's columns (already in memory) as a sheet."""
    return Sheet("", True, _rows(columns), len(columns), lambda skip: [column.slice(skip) for column in columns])


def workbook_sheets(data: bytes) -> list[Sheet]:
    """Every worksheet of the workbook that has cells (chart sheets and empty sheets are left out)."""
    try:
        sheets = _sheets(data)
    except ExportError:
        raise
    except Exception as exc:  # fastexcel's own errors, and anything a damaged file provokes
        raise _damaged(exc) from None
    if not sheets:
        raise ExportError("The workbook has no worksheets with cells. Upload the file that holds the responses.")
    return sheets


def _damaged(exc: Exception) -> ExportError:
    return ExportError(
        "The workbook could not be read: it is damaged or not a spreadsheet Excel would open "
        f"({type(exc).__name__}). Open it in Excel, save a copy and upload that, or export the responses as CSV."
    )


def _sheets(data: bytes) -> list[Sheet]:
    book = fastexcel.read_excel(data)
    package = data.startswith(b"PK")
    heads = fastexcel.read_excel(_head_package(data)) if package else book
    hidden = _hidden_sheets(data) if package else set()
    sheets = []
    for name in book.sheet_names:
        read = _read_columns(heads, name, dtypes="string")
        if read is None:
            continue
        positions, columns = read
        if not package:  # a legacy xls is small (65,536 rows at most): its full text read serves as the body too
            sheets.append(_in_memory(name, True, positions[0], columns))
            continue
        body = _body_reader(book, name, positions)
        sheets.append(Sheet(name, name not in hidden, _rows(columns), len(columns), body, positions[0], True))
    return sheets


def legacy_sheets(data: bytes) -> list[Sheet]:
    """Every sheet with cells of a legacy .xls, read whole as text in the memory-capped child process
    (`ingest._sandbox`): a damaged one can make the reader allocate without end."""
    sheets = [_in_memory(name, True, first, columns) for name, first, columns in sandboxed_sheets(data, "xls")]
    if not sheets:
        raise ExportError("The workbook has no worksheets with cells. Upload the file that holds the responses.")
    return sheets


def opendocument_sheets(data: bytes) -> list[Sheet]:
    """Every sheet with cells of an .ods, read whole as text in a memory-capped child process (`ingest._sandbox`)."""
    sheets = [_in_memory(name, True, first, columns) for name, first, columns in ods_sheets(data)]
    if not sheets:
        raise ExportError("The spreadsheet has no sheets with cells. Upload the file that holds the responses.")
    return sheets


def _in_memory(name: str, visible: bool, first_column: int, columns: list[pa.Array]) -> Sheet:
    """A workbook sheet read whole as text, its body a slice of it."""
    body = lambda skip: [column.slice(skip) for column in columns]  # noqa: E731
    return Sheet(name, visible, _rows(columns), len(columns), body, first_column, workbook=True)


def _read_columns(book, name: str, skip: int = 0, dtypes: str | None = None) -> tuple[list[int], list[pa.Array]] | None:
    """(absolute column positions, columns) of a sheet from row `skip` down, or None for a chart or empty sheet."""
    positions: list[int] = []

    def keep(column) -> bool:  # called once per column: the only place its position in the sheet is told
        positions.append(column.absolute_index)
        return True

    # The head is read as text, blanks and spaces as null; the body's types are guessed from every row (a word on
    # row 5,000 makes a column text), and its spaces are blanked later (`ingest._columns`), which is faster.
    options = {"dtypes": dtypes, "whitespace_as_null": True} if dtypes else {"schema_sample_rows": None}
    try:
        batch = book.load_sheet(name, header_row=None, skip_rows=skip, eager=True, use_columns=keep, **options)
    except fastexcel.FastExcelError as exc:
        if "chartsheet" in str(exc).lower():
            return None
        raise
    if batch.num_columns == 0 or (batch.num_rows == 0 and not skip):
        return None
    return positions, list(batch.columns)


def _body_reader(book, name: str, head_positions: list[int]) -> Callable[[int], list[pa.Array]]:
    """Read the sheet's columns from row `skip` down, lined up with the head's columns: a column the first rows
    leave empty is blank here, and columns with values only further down follow on the right."""

    def body(skip: int) -> list[pa.Array]:
        read = _read_columns(book, name, skip)
        positions, columns = read if read else ([], [])
        if positions and positions[0] < head_positions[0]:
            raise ExportError(
                "The sheet has values under its header in a column left of the header's first column. Delete the "
                "stray cells (or give that column a header) and upload it again."
            )
        height = len(columns[0]) if columns else 0
        by_position = dict(zip(positions, columns, strict=True))
        span = range(head_positions[0], max(head_positions[-1], positions[-1] if positions else 0) + 1)
        return [by_position.get(p, pa.nulls(height, pa.string())) for p in span]

    return body


def _rows(columns: list[pa.Array]) -> list[list[str | None]]:
    top = [column.slice(0, HEAD_ROWS).to_pylist() for column in columns]
    return [list(row) for row in zip(*top, strict=True)] if top else []


def _head_package(data: bytes) -> bytes:
    """The package with every worksheet cut after its first HEAD_ROWS rows, so that reading the first rows costs
    little however long the sheets are. A sheet that cannot be cut cleanly is kept whole."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            if info.is_dir():
                continue
            part = _sheet_head(source, info) if SHEET_PART.match(info.filename) else source.read(info)
            target.writestr(info.filename, part)
    return out.getvalue()


def _sheet_head(source: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The sheet part up to the end of its HEAD_ROWS-th row, closed again (an end tag cut in two by a piece
    boundary does not match until the next piece completes it, and the search resumes after the last row end)."""
    buffer, ends, resume = bytearray(), 0, 0
    with source.open(info) as stream:
        while piece := stream.read(PIECE):
            buffer += piece
            for match in ROW_END.finditer(buffer, resume):
                ends, resume = ends + 1, match.end()
                if ends == HEAD_ROWS:
                    return _closed(bytes(buffer[:resume])) or source.read(info)
    return bytes(buffer)


def _closed(cut: bytes) -> bytes | None:
    """The cut sheet with its sheetData and worksheet elements closed, or None if it does not look like one."""
    data, sheet = SHEET_DATA.search(cut), WORKSHEET.search(cut)
    if data is None or sheet is None:
        return None
    data_prefix, sheet_prefix = (data.group(1) or b""), (sheet.group(1) or b"")
    return cut + b"</" + data_prefix + b"sheetData></" + sheet_prefix + b"worksheet>"


def _hidden_sheets(data: bytes) -> set[str]:
    """Names of the sheets Excel hides, from the workbook part (fastexcel tells it only on a lazy, slower read)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = ElementTree.fromstring(package.read("xl/workbook.xml"))
    return {
        sheet.get("name", "")
        for sheet in root.iter()
        if sheet.tag.rsplit("}", 1)[-1] == "sheet" and sheet.get("state", "visible") != "visible"
    }


def cell_text(value: object) -> str:
    """A cell as text, the way a person reads it in Excel: 5 not 5.0, a date without midnight, TRUE/FALSE."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if value is None:
        return ""
    return str(value)
