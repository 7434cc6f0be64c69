"""Text exports (CSV, TSV, semicolon CSV) as rows of cells, all of them text.

Why: survey tools write UTF-8 with or without a byte-order mark, Qualtrics writes UTF-16 TSV, and Excel on Windows
writes Windows-1252; European Excel separates with semicolons. Cells stay text exactly as written (nothing is turned
into a number or a date), quoted cells keep their commas and line breaks, and a row's number is the record's
position in the file, as a spreadsheet would show it.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections import Counter

from ingest._files import MAX_COLUMNS, TOO_WIDE
from ingest.export import ExportError

DELIMITERS = (",", "\t", ";", "|")
DELIMITER_NAMES = {"\t": "tab", ";": "semicolon", "|": "vertical bar"}
SNIFF_CHARS = 128 * 1024
SNIFF_ROWS = 60
MAX_CONTROL_SHARE = 0.01
# The csv module refuses a cell over 131,072 characters by default; a free-text answer may be longer, and the
# whole file is already bounded by the upload size limit. (A process-wide setting, only ever raised.)
FIELD_LIMIT = 2**31 - 1
END = "\x00end-of-file\x00"  # a last record no text file holds (NUL is refused before parsing)

NOT_TEXT = (
    "The file is not a text export (CSV or TSV) and not an Excel workbook: it looks like binary data, or it is "
    "damaged. Export the responses again as CSV or Excel (.xlsx) and upload that."
)


def decoded(data: bytes) -> tuple[str, list[str]]:
    """The file's text and a note for any encoding that had to be assumed rather than read from the file.

    UTF-8 (with or without its byte-order mark) and UTF-16 with a byte-order mark are read as declared; UTF-16
    without one is recognised by its zero bytes; anything else that is not UTF-8 is read as Windows-1252.
    """
    notes: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    elif b"\x00" in data:
        encoding = _bomless_utf16(data)
        if encoding is None:
            raise ExportError(
                "The file contains NUL bytes, so it is not a CSV or TSV export (or it is damaged). Export the "
                "responses again as CSV or Excel (.xlsx) and upload that."
            )
        text = data.decode(encoding, errors="replace")
        notes.append("Read the file as UTF-16 text (it has no byte-order mark).")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
            notes.append("Read the file as Windows-1252 text: it is not UTF-8.")
    _refuse_binary(text)
    return text, notes


def _bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when zero bytes sit in every other position, as UTF-16 text puts them."""
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if len(sample) % 2 == 0 and odd >= 0.4 * half and even == 0:
        return "utf-16-le"
    if len(sample) % 2 == 0 and even >= 0.4 * half and odd == 0:
        return "utf-16-be"
    return None


def _refuse_binary(text: str) -> None:
    sample = text[:SNIFF_CHARS]
    if "\x00" in sample:
        raise ExportError(NOT_TEXT)
    controls = sum(1 for ch in sample if (ch < " " and ch not in "\t\r\n\f\v") or ch == "\ufffd")
    if controls > MAX_CONTROL_SHARE * len(sample):
        raise ExportError(NOT_TEXT)


def _allow_long_cells() -> None:
    if csv.field_size_limit() < FIELD_LIMIT:
        csv.field_size_limit(FIELD_LIMIT)


def delimiter(text: str) -> str:
    """The separator that splits the first rows into the most consistent number (more than one) of cells."""
    _allow_long_cells()
    sample = text[:SNIFF_CHARS]
    best, best_score = ",", (0.0, 0)
    for candidate in DELIMITERS:
        try:
            rows = list(itertools.islice(csv.reader(io.StringIO(sample, newline=""), delimiter=candidate), SNIFF_ROWS))
        except csv.Error:
            continue
        widths = [len(row) for row in rows if any(cell.strip() for cell in row)]
        wide = Counter(width for width in widths if width > 1)
        if not wide:
            continue
        width, count = wide.most_common(1)[0]
        score = (count / len(widths), width)
        if score > best_score:
            best, best_score = candidate, score
    return best


def text_rows(text: str, separator: str) -> list[list[str]]:
    """Every record of the file as a list of cells (a record may span lines inside quotes).

    A quoted cell that never closes would swallow the rest of the file into one cell without a word from the csv
    module, so a last record (END) is added after the text: when it does not come back on its own, a quote was
    left open, and the file is refused naming the record where it opened.
    """
    _allow_long_cells()
    ending = "" if text.endswith(("\n", "\r")) or not text else "\r\n"
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text + ending + END, newline=""), delimiter=separator):
            if len(row) > MAX_COLUMNS:
                where = f"Row {len(rows) + 1:,} of the file"
                raise ExportError(TOO_WIDE.format(where=where, width=len(row), limit=MAX_COLUMNS))
            rows.append(row)
    except csv.Error as exc:
        raise ExportError(
            f"The file could not be split into cells ({exc}). Check the file in a text editor or export it again."
        ) from None
    if rows and rows[-1] == [END]:
        rows.pop()
        return rows
    raise ExportError(
        f"A quoted cell that opens on row {len(rows):,} of the file never ends (a stray double quote), so "
        "everything after it would run together in one cell. Check that row in a text editor, or export the "
        "file again."
    )


def delimiter_note(separator: str) -> list[str]:
    name = DELIMITER_NAMES.get(separator)
    return [f"Read the file as {name}-separated columns."] if name else []
