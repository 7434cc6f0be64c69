"""`read_export`: a survey export, as it comes, into an `Export` (the front door of the dashboard).

Why: analysts upload whatever their survey tool gives them. This reads it by content (a workbook named .csv is
still a workbook), refuses what cannot be read safely with a message a page can show as it is, and otherwise keeps
one row per real response: header rows, Qualtrics preview and test responses and blank rows removed, personal-data
columns dropped, and each of those removals said in a note. Nothing else escapes but `ExportError`.

Column ids: Qualtrics uses its export tags (row 1); SurveyMonkey "question - answer label" ("question" alone where
the label row is blank, as over Respondent ID); Google Forms, Microsoft Forms and plain tables their header text. A
column with no header but some values is "Column C" (its spreadsheet letter). Repeated ids get " (2)", " (3)".
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ingest._columns import text_columns, typed_column
from ingest._files import (
    DEFAULT_MAX_BYTES,
    EMPTY,
    MAX_CELL_CHARACTERS,
    MAX_COLUMNS,
    TOO_WIDE,
    file_kind,
    source_bytes,
)
from ingest._layouts import Layout, above_header, header_layout, row_span, title_above
from ingest._text import decoded, delimiter, delimiter_note, text_rows
from ingest._workbook import Sheet, legacy_sheets, opendocument_sheets, text_sheet, workbook_sheets
from ingest._zip import workbook_package
from ingest.attributes import text_values
from ingest.export import Export, ExportError, Header

__all__ = ["DEFAULT_MAX_BYTES", "read_export"]

PREVIEW = frozenset({"1", "survey preview", "17", "offline survey preview", "9", "spam preview"})
TEST = frozenset({"2", "survey test"})
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


def read_export(source: object, filename: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Export:
    """Read a survey export from a path, bytes or a binary file-like object; see the module docstring.

    `filename` (else the source's own name) only words the notes; the kind of file is told from its content.
    Raises ExportError, and only ExportError, for a file that cannot be read; a header with no responses under it
    is not an error (zero responses and a note).
    """
    try:
        return _read(source, filename, max_bytes)
    except ExportError:
        raise
    except MemoryError:
        raise ExportError(
            "The file is too large to read in the memory available. Export fewer columns or responses (or as CSV) "
            "and upload it again."
        ) from None
    except Exception as exc:  # a reader's own failure on a damaged file must reach the page as a plain message
        raise ExportError(
            f"The file could not be read ({type(exc).__name__}): it may be damaged or in a layout this reader does "
            "not know. Export the responses again as CSV or Excel (.xlsx) and upload that."
        ) from None


def _read(source: object, filename: str | None, max_bytes: int) -> Export:
    data, own_name = source_bytes(source, max_bytes)
    name = filename or own_name
    kind = file_kind(data)
    notes: list[str] = []
    if kind == "text":
        text, encoding_notes = decoded(data)
        if not text.strip():  # a byte-order mark and spaces, nothing else
            raise ExportError(EMPTY)
        separator = delimiter(text)
        sheets = [text_sheet(text_columns(text_rows(text, separator)))]
        if name and name.lower().endswith(WORKBOOK_SUFFIXES):
            notes.append(f"The file is named '{name}' but holds text (CSV), so it was read as text.")
        notes += encoding_notes + delimiter_note(separator)
    else:
        package = workbook_package(data) if kind == "zip" else "xls"
        readers = {"ods": opendocument_sheets, "xls": legacy_sheets, "xlsx": workbook_sheets}
        sheets = readers[package](data)
        if name and not name.lower().endswith(WORKBOOK_SUFFIXES):
            notes.append(f"The file is named '{name}' but holds an Excel workbook, so it was read as a workbook.")
    sheet, layout, body = _responses_sheet(sheets, notes)
    return _export(sheet, layout, body, notes, name)


def _responses_sheet(sheets: list[Sheet], notes: list[str]) -> tuple[Sheet, Layout, list[pa.Array]]:
    """The sheet that looks most like survey responses (shown in Excel, written by a survey tool, most answers),
    its layout and the columns under its header."""
    found = []
    wide = [sheet for sheet in sheets if sheet.width > MAX_COLUMNS]
    if wide and len(wide) == len(sheets):
        where = f"The sheet '{wide[0].name}'" if wide[0].workbook else "The file"
        raise ExportError(TOO_WIDE.format(where=where, width=wide[0].width, limit=MAX_COLUMNS))
    for sheet in sheets:
        if sheet.width > MAX_COLUMNS:
            notes.append(f"Left out sheet '{sheet.name}': it has {sheet.width:,} columns, more than a survey export.")
            continue
        try:
            found.append((sheet, header_layout(sheet.head, sheet.width)))
        except ExportError:
            if len(sheets) == 1:
                raise
    if not found:
        raise ExportError(
            "No sheet of the workbook holds a table of survey responses (a header row naming at least two columns, "
            "responses under it). Upload the file that holds the responses."
        )

    bodies = {}

    def weight(item: tuple[Sheet, Layout]) -> tuple[bool, bool, int]:
        sheet, layout = item
        bodies[sheet.name] = sheet.body(layout.body)
        answered = int((~_blank_rows(bodies[sheet.name])).sum())
        return sheet.visible, layout.format != "plain", answered * sum(1 for name in layout.names if name)

    chosen = max(found, key=weight) if len(found) > 1 else found[0]
    if len(sheets) > 1:
        others = ", ".join(f"'{s.name}'" for s in sheets if s is not chosen[0])
        notes.append(
            f"Read sheet '{chosen[0].name}', the one that looks most like survey responses (also in the "
            f"workbook: {others})."
        )
    sheet, layout = chosen
    body = bodies[sheet.name] if sheet.name in bodies else sheet.body(layout.body)
    return sheet, layout, body


def _blank_rows(columns: list[pa.Array]) -> np.ndarray:
    """Which rows hold no value at all."""
    blank = np.ones(len(columns[0]) if columns else 0, dtype=bool)
    for column in columns:
        blank &= typed_column(column, numbers=False)[1]
    return blank


def _export(sheet: Sheet, layout: Layout, columns: list[pa.Array], notes: list[str], name: str | None = None) -> Export:
    width = len(columns) if columns else sheet.width
    above = above_header(sheet.head, layout.first)
    if above:
        notes.append(above)
    notes.append(
        f"Removed {layout.height} header row{'s' if layout.height > 1 else ''} "
        f"({row_span(layout.first, layout.body)}): {layout.what}."
    )
    notes += layout.notes
    height = len(columns[0]) if columns else 0
    index = pd.RangeIndex(layout.body + 1, layout.body + 1 + height, name="row")
    ids, questions = _unique_ids(layout, width, sheet.first_column, notes)
    _refuse_long_header(sheet, layout)
    columns = _long_cells_left_out(columns, ids, layout.body + 1, notes)

    keep = np.ones(height, dtype=bool)
    if layout.status is not None:
        status = typed_column(columns[layout.status], numbers=sheet.workbook)[0]
        status = np.array([text.casefold() if text else None for text in text_values(status)], dtype=object)
        for values, what, label in ((PREVIEW, "preview", "Survey Preview"), (TEST, "test", "Survey Test")):
            hit = np.isin(status, list(values))
            if hit.any():
                notes.append(
                    f"Removed {int(hit.sum())} {what} response{'s' if hit.sum() > 1 else ''} "
                    f"(Status '{label}'): not real responses."
                )
                keep &= ~hit

    typed, blank_rows, dropped, empty_unnamed = {}, np.ones(height, dtype=bool), [], 0
    for j in range(width):
        values, blank = typed_column(columns[j], numbers=sheet.workbook)
        blank_rows &= blank
        if not (j < len(layout.names) and layout.names[j]) and blank.all():
            empty_unnamed += 1
            continue
        if j < len(layout.personal) and layout.personal[j]:
            dropped.append(ids[j])
            continue
        typed[ids[j]] = values
    blank_count = int((blank_rows & keep).sum())
    keep &= ~blank_rows
    if blank_count:
        notes.append(f"Removed {blank_count:,} blank row{'s' if blank_count > 1 else ''}.")
    if dropped:
        notes.append(
            f"Dropped {len(dropped)} personal-data column{'s' if len(dropped) > 1 else ''} (never kept): "
            f"{', '.join(dropped)}."
        )
    if empty_unnamed:
        notes.append(f"Ignored {empty_unnamed} empty column{'s' if empty_unnamed > 1 else ''} with no header.")

    frame = pd.DataFrame(typed, copy=False) if typed else pd.DataFrame(index=pd.RangeIndex(height))
    frame.index = index
    if not keep.all():
        frame = frame[keep]
    if len(frame) == 0:
        notes.append("Found no responses under the header.")
    kept_questions = {column: questions[column] for column in frame.columns}
    headers = {}
    if layout.parts:
        position = {column: j for j, column in enumerate(ids)}
        for column in frame.columns:
            question, label, start = layout.parts[position[column]]
            headers[column] = Header(question, label, ids[start])
    return Export(
        format=layout.format,
        responses=frame,
        questions=kept_questions,
        notes=notes,
        sheet=sheet.name if sheet.workbook else None,
        headers=headers,
        title=title_above(sheet.head, layout.first),
        filename=name,
    )


def _refuse_long_header(sheet: Sheet, layout: Layout) -> None:
    """A header cell longer than a cell may be is refused: it is no question text, and it would be kept as one."""
    for r in range(layout.first, min(layout.body, len(sheet.head))):
        for j, cell in enumerate(sheet.head[r]):
            if cell is not None and len(cell) > MAX_CELL_CHARACTERS:
                raise ExportError(
                    f"The header cell on row {r + 1:,}, column {_letters(sheet.first_column + j)} holds "
                    f"{len(cell):,} characters, more than a cell can hold ({MAX_CELL_CHARACTERS:,}, Excel's own "
                    "limit), so it is not a question. Check that cell, or export the responses again."
                )


def _long_cells_left_out(columns: list[pa.Array], ids: list[str], first_row: int, notes: list[str]) -> list[pa.Array]:
    """The columns with every value longer than a cell may be (Excel's own limit) left out, each one said by its
    row and column: such a value is no survey answer, and keeping it (in problems, in caches) held tens of
    megabytes per upload."""
    kept, found = [], []
    for j, column in enumerate(columns):
        if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
            kept.append(column)
            continue
        lengths = pc.utf8_length(column)
        longest = pc.max(lengths).as_py()
        if longest is None or longest <= MAX_CELL_CHARACTERS:
            kept.append(column)
            continue
        too_long = pc.fill_null(pc.greater(lengths, MAX_CELL_CHARACTERS), False)
        for i in np.flatnonzero(too_long.to_numpy(zero_copy_only=False)):
            found.append(f"row {first_row + int(i):,}, column '{ids[j]}' ({lengths[int(i)].as_py():,} characters)")
        kept.append(pc.if_else(too_long, pa.scalar(None, column.type), column))
    if found:
        shown = "; ".join(found[:5]) + (f"; and {len(found) - 5:,} more" if len(found) > 5 else "")
        notes.append(
            f"Left out {len(found):,} value{'s' if len(found) > 1 else ''} longer than a cell can hold "
            f"({MAX_CELL_CHARACTERS:,} characters, Excel's own limit), as blanks: {shown}. Check "
            f"{'those cells' if len(found) > 1 else 'that cell'} in the file."
        )
    return kept


def _unique_ids(layout: Layout, width: int, first_column: int, notes: list[str]) -> tuple[list[str], dict[str, str]]:
    """Column ids in order (a blank header becomes "Column C"), made unique with " (2)", " (3)" ..., and each
    id's question text."""
    ids, questions, counts, repeated = [], {}, {}, []
    for j in range(width):
        name = layout.names[j] if j < len(layout.names) else ""
        question = layout.questions[j] if j < len(layout.questions) else ""
        base = name or f"Column {_letters(first_column + j)}"
        counts[base] = counts.get(base, 0) + 1
        column = base if counts[base] == 1 else f"{base} ({counts[base]})"
        while column in questions:  # "Q (2)" may itself be a header
            counts[base] += 1
            column = f"{base} ({counts[base]})"
        if counts[base] == 2:
            repeated.append(base)
        ids.append(column)
        questions[column] = question or name
    if repeated:
        shown = ", ".join(f"'{name}'" for name in repeated[:3]) + (" ..." if len(repeated) > 3 else "")
        notes.append(
            f"Made {len(repeated)} repeated column name{'s' if len(repeated) > 1 else ''} unique with "
            f"' (2)', ' (3)' ... suffixes: {shown}."
        )
    return ids, questions


def _letters(index: int) -> str:
    """The spreadsheet letters of a 0-based column index: 0 -> A, 27 -> AB."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
