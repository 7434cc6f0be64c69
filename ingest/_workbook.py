"""Workbook sheets (xlsx, legacy xls) as rows of cells, read with calamine, and cells as text where text is needed.

Why: calamine reads a sheet in Rust, far faster than openpyxl, and gives each cell as the file holds it (text,
a number, a date, a boolean). Every sheet is read from cell A1, so a row's position is its row number in Excel.
The package must already have passed `ingest._zip` checks: calamine itself has no defence against a zip bomb or a
sheet whose cells span a huge rectangle.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import python_calamine

from ingest.export import ExportError


@dataclass(frozen=True)
class Sheet:
    """One worksheet: its name, whether Excel shows it, and its rows from A1 (cells as calamine gives them)."""

    name: str
    visible: bool
    rows: list[list[object]]


def workbook_sheets(data: bytes) -> list[Sheet]:
    """Every worksheet of the workbook (chart sheets have no cells and are left out)."""
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        for meta in book.sheets_metadata:
            if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
                continue
            rows = book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
            sheets.append(Sheet(meta.name, meta.visible == python_calamine.SheetVisibleEnum.Visible, rows))
    except python_calamine.PasswordError:
        raise ExportError(
            "The workbook is password-protected, so it cannot be read. Remove the password in Excel, save it and "
            "upload it again."
        ) from None
    except Exception as exc:  # calamine's own errors, and anything a damaged file provokes
        raise ExportError(
            "The workbook could not be read: it is damaged or not a spreadsheet Excel would open "
            f"({type(exc).__name__}). Open it in Excel, save a copy and upload that, or export the responses as CSV."
        ) from None
    if not sheets:
        raise ExportError("The workbook has no worksheets with cells. Upload the file that holds the responses.")
    return sheets


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
