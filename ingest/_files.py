"""An upload's bytes, fetched within the size limit, and what kind of file they hold, told by content.

Why: the size limit must hold before a byte is read, whatever the source (a path, bytes, an upload object); and a
file named .csv may hold a workbook, or the reverse, so the kind is sniffed from the first bytes and the name is
only used to word notes and messages.
"""

from __future__ import annotations

import os
from pathlib import Path

from ingest.export import ExportError

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
# The widest real exports we know hold about 1,100 columns (SurveyMonkey with a column for every answer option);
# reading and mapping cost time for every column, so a wider table is refused rather than kept minutes in the reader.
MAX_COLUMNS = 10_000
MAX_CELL_CHARACTERS = 32_767  # Excel's own limit for one cell; a longer value is left out and said, never kept
TOO_WIDE = (
    "{where} has {width:,} columns, more than a survey export has (at most {limit:,} are read). Export only the "
    "responses, leaving out columns you do not need, and upload that."
)

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
# A legacy (.xls) workbook with a password to open: its Workbook stream's first record (BOF, BIFF8 workbook
# globals) is followed by a FILEPASS record (type 0x002F); the BOF starts a sector, so it lies whole in the file.
BIFF8_GLOBALS_BOF = b"\x09\x08\x10\x00\x00\x06\x05\x00"
FILEPASS = b"\x2f\x00"
EMPTY = "The file is empty. Export the responses again and upload the new file."
PASSWORD = (
    "The workbook is password-protected (encrypted), so it cannot be read. Open it in Excel, remove the password "
    "(File > Info > Protect Workbook), save it and upload it again."
)

# Other files people upload by mistake, named so the message can say what the file is.
OTHER_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.1f} MB"


def _too_big(size: int, max_bytes: int) -> ExportError:
    return ExportError(
        f"The file is {_megabytes(size)}, over the {_megabytes(max_bytes)} limit. Remove unused sheets, columns "
        "or rows (or export only the responses) and upload it again."
    )


def source_bytes(source: object, max_bytes: int) -> tuple[bytes, str | None]:
    """The bytes of `source` (a path, bytes, or a binary file-like object) and its file name if it has one.

    The size is checked before reading wherever the source can tell it (a path's size, bytes' length, a seekable
    stream's remaining length); otherwise at most max_bytes + 1 bytes are read, never more.
    """
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        if len(data) > max_bytes:
            raise _too_big(len(data), max_bytes)
        return data, None
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        try:
            size = path.stat().st_size
            if size > max_bytes:
                raise _too_big(size, max_bytes)
            with path.open("rb") as handle:
                data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise ExportError(f"The file '{path.name}' could not be opened ({exc.strerror or exc}).") from None
        if len(data) > max_bytes:
            raise _too_big(len(data), max_bytes)
        return data, path.name
    if not callable(getattr(source, "read", None)):
        raise ExportError("This is not a file: give a path, the file's bytes, or an open binary file.")
    name = getattr(source, "name", None)
    name = Path(name).name if isinstance(name, str) else None
    remaining = _remaining(source)
    if remaining is not None and remaining > max_bytes:
        raise _too_big(remaining, max_bytes)
    data = source.read(max_bytes + 1)
    if isinstance(data, str):
        raise ExportError("The file was opened as text; open it in binary mode ('rb') so its bytes can be read.")
    if not isinstance(data, bytes | bytearray):
        raise ExportError("The file could not be read: reading it gave no bytes.")
    if len(data) > max_bytes:
        raise _too_big(len(data), max_bytes)
    return bytes(data), name


def _remaining(stream: object) -> int | None:
    """Bytes left in a seekable stream (or its declared .size), without reading them; None when unknown."""
    size = getattr(stream, "size", None)
    if isinstance(size, int) and not isinstance(size, bool):
        return size
    try:
        if not stream.seekable():
            return None
        here = stream.tell()
        end = stream.seek(0, os.SEEK_END)
        stream.seek(here)
        return end - here
    except Exception:  # a stream that cannot say is read within the limit instead
        return None


def file_kind(data: bytes) -> str:
    """'zip' (xlsx and other zip packages), 'cfb' (legacy .xls or an encrypted workbook) or 'text'.

    Files that are plainly something else (a PDF, an image, an archive) are refused here, by name.
    """
    if not data.strip():
        raise ExportError(EMPTY)
    if data.startswith(ZIP_MAGIC):
        return "zip"
    if data.startswith(CFB_MAGIC):
        if ENCRYPTED_STREAM in data or _legacy_password(data):
            raise ExportError(PASSWORD)
        return "cfb"
    for magic, what in OTHER_MAGIC:
        if data.startswith(magic):
            raise ExportError(
                f"This is {what}, not a survey export. Upload the responses as a CSV, TSV or Excel (.xlsx) file."
            )
    return "text"


def _legacy_password(data: bytes) -> bool:
    """Whether a legacy workbook's globals open with BOF then FILEPASS (Excel 97-2003 "password to open")."""
    at = data.find(BIFF8_GLOBALS_BOF, 512)
    while at >= 0:
        if at % 512 == 0 and data[at + 20 : at + 22] == FILEPASS:
            return True
        at = data.find(BIFF8_GLOBALS_BOF, at + 1)
    return False
