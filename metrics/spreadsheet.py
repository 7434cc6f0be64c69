"""Text from files and people in the CSV files and workbooks the app writes, never run as a formula.

Why: a comment, a unit's name, an item of an agency's own survey or a plan's text may start like a formula
(`=HYPERLINK(...)`, `+cmd|...`, `-2+3+cmd|...`, `@SUM(...)`), and a spreadsheet runs such a cell when the file is
opened. Every writer (problems report, plans, board-pack workbook, instrument template, page downloads) uses this
one rule: text that starts like a formula gets an apostrophe in a CSV file and is a plain string with Excel's quote
prefix in a workbook. Only text is touched: a number written as a number stays one.
"""

from __future__ import annotations

import pandas as pd

# The starts a spreadsheet reads as a formula (tab and carriage return hide one; the full-width signs are read as
# their ASCII twins by some spreadsheets).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def formula_like(text: str) -> bool:
    """Whether a spreadsheet could read this text as a formula."""
    return text.startswith(FORMULA_START)


def csv_cell(value: object) -> object:
    """A CSV cell: formula-like text gets a leading apostrophe (as does text that already starts with one, so that
    `csv_text_read` takes off exactly what was added); anything that is not text is left as it is."""
    if isinstance(value, str) and (formula_like(value) or value.startswith("'")):
        return "'" + value
    return value


def csv_text_read(text: str) -> str:
    """A CSV cell written by `csv_cell`, as it was before."""
    return text[1:] if text.startswith("'") and (formula_like(text[1:]) or text[1:].startswith("'")) else text


def csv_bytes(table: pd.DataFrame) -> bytes:
    """The table as UTF-8 CSV (with a byte-order mark, so Excel shows accents and curly quotes), every text cell
    through `csv_cell`; number columns are written as numbers."""
    safe = table.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]) and not pd.api.types.is_bool_dtype(safe[column]):
            safe[column] = safe[column].astype(object).map(csv_cell)
    return safe.to_csv(index=False).encode("utf-8-sig")


def put_text(cell, text: str) -> None:
    """Put text in an openpyxl cell as a plain string (data type "s", never a formula), with Excel's quote prefix
    when it starts like one, so that editing the cell in Excel keeps it text."""
    cell.value = text
    cell.data_type = "s"
    cell.quotePrefix = formula_like(text)
