"""Refusing a workbook package (an xlsx is a zip of XML parts) that would exhaust memory or time, before it is read.

Why: a zip can declare small sizes and inflate to gigabytes; an XML part can declare entities that expand without
end; and a sheet holding two far-apart cells makes the reader (calamine) allocate the whole rectangle between them,
which aborts the process when the allocation fails. Each is checked here on the raw bytes, streaming one chunk at a
time, so nothing large is held and no XML parser runs before the package has passed.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib

import numpy as np

from ingest.export import ExportError

MAX_MEMBERS = 10_000
MAX_UNZIPPED_BYTES = 256 * 1024 * 1024  # a 100,000-response x 48-column sheet is about 145 MB
MAX_RATIO = 100  # per member, for members above RATIO_FLOOR (small parts decompress harmlessly)
RATIO_FLOOR = 1024 * 1024
MAX_SHEET_CELLS = 20_000_000  # rows x columns the reader may lay out for one sheet
MAX_TAG_BYTES = 1024 * 1024
CHUNK = 1024 * 1024
REACH = 32  # bytes past a cell's "<c" that the fast reference reader looks at
FEED = 256 * 1024

SHEET_PART = re.compile(r"^xl/(?:worksheets|macrosheets|dialogsheets)/[^/]+\.xml$", re.IGNORECASE)
XML_PART = re.compile(r"\.(?:xml|rels|vml)$", re.IGNORECASE)
PREFIXED_CELL = re.compile(rb":c[\s/>]")
TAG = re.compile(rb"<(/?)(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^>]*)>")
R_ATTR = re.compile(rb"(?:^|\s)r\s*=\s*([\"'])(.*?)\1", re.DOTALL)
CELL_REF = re.compile(rb"([A-Z]{1,3})([0-9]{1,7})")
TAG_END = np.frombuffer(b" \t\r\n/>", np.uint8)
R_OPEN = np.frombuffer(b' r="', np.uint8)

DAMAGED = (
    "The workbook is damaged (its zip structure cannot be read). Open it in Excel, save a copy, and upload that; "
    "or export the responses again."
)
BOMB = (
    "The workbook would unpack to far more than a real survey export does ({what}), so it was not opened: it is "
    "damaged or built to exhaust memory. Open it in Excel, save a copy and upload that, or export the responses as CSV."
)
DOCTYPE = (
    "The workbook contains XML declarations (DOCTYPE or ENTITY) that Excel never writes and that can expand without "
    "end, so it was not opened. Open it in Excel, save a copy and upload that, or export the responses as CSV."
)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB"


def workbook_package(data: bytes) -> str:
    """'xlsx' or 'ods' when the zip is an Excel or OpenDocument workbook that passes every check; ExportError
    otherwise. (An ods is only checked as a zip and for XML declarations here: its cells are bounded by the
    memory-capped child process that reads it, `ingest._sandbox`.)"""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        infos = package.infolist()
        names = {info.filename for info in infos}
    except Exception:  # BadZipFile, LargeZipFile, struct or value errors from a broken directory
        raise ExportError(DAMAGED) from None
    if "xl/workbook.bin" in names:
        raise ExportError("This is an Excel binary workbook (.xlsb). Save it as .xlsx (or CSV) and upload it again.")
    if "mimetype" in names or "content.xml" in names:
        with package.open("mimetype") if "mimetype" in names else io.BytesIO() as stream:
            mimetype = stream.read(100)
        if b"opendocument.spreadsheet" not in mimetype:
            raise ExportError("This is an OpenDocument file but not a spreadsheet. Upload the responses file.")
        _check_members(data, infos)
        return "ods"
    if "word/document.xml" in names or "ppt/presentation.xml" in names:
        raise ExportError("This is a Word or PowerPoint file, not a survey export. Upload the responses file.")
    if "xl/workbook.xml" not in names:
        raise ExportError("This is a zip archive, not an Excel workbook. Unzip it and upload the responses file.")
    _check_members(data, infos)
    return "xlsx"


def _check_members(data: bytes, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_MEMBERS:
        raise ExportError(BOMB.format(what=f"{len(infos):,} parts"))
    declared = sum(info.file_size for info in infos)
    if declared > MAX_UNZIPPED_BYTES:
        raise ExportError(BOMB.format(what=f"{_mb(declared)} declared"))
    for info in infos:
        if info.flag_bits & 0x1:
            raise ExportError(
                "The workbook is password-protected, so it cannot be read. Remove the password in Excel, save it "
                "and upload it again."
            )
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ExportError(
                BOMB.format(what=f"a part compressed {info.file_size // max(info.compress_size, 1):,} to 1")
            )
    unpacked = 0
    for info in infos:
        if info.is_dir():
            continue
        scanner = _scanner(info.filename)
        unpacked = _inflate(data, info, scanner, unpacked)
        if isinstance(scanner, _SheetScanner) and scanner.needs_full_parse:
            scanner = _SheetScanner(exact=True)
            _inflate(data, info, scanner, 0)
        scanner.close()


def _scanner(name: str) -> _Scanner:
    if SHEET_PART.match(name):
        return _SheetScanner(exact=False)
    if XML_PART.search(name):
        return _XmlScanner()
    return _Scanner()


def _inflate(data: bytes, info: zipfile.ZipInfo, scanner: _Scanner, unpacked: int) -> int:
    """Stream one member through `scanner`, refusing it as soon as it unpacks past its declared size or the bound."""
    start = info.header_offset
    header = data[start : start + 30]
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise ExportError(DAMAGED)
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    begin = start + 30 + name_length + extra_length
    packed = memoryview(data)[begin : begin + info.compress_size]
    if len(packed) != info.compress_size:
        raise ExportError(DAMAGED)
    inflater = None  # stored data has no stream end to check
    if info.compress_type == zipfile.ZIP_STORED:
        pieces = (bytes(packed[i : i + CHUNK]) for i in range(0, len(packed), CHUNK))
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-15)
        pieces = _inflated(inflater, packed)
    else:
        raise ExportError("The workbook is compressed in a way Excel does not use. Save it again from Excel.")
    produced = crc = 0
    try:
        for piece in pieces:
            produced += len(piece)
            unpacked += len(piece)
            if produced > info.file_size:
                raise ExportError(BOMB.format(what="a part larger than it declares"))
            if unpacked > MAX_UNZIPPED_BYTES:
                raise ExportError(BOMB.format(what=f"over {_mb(MAX_UNZIPPED_BYTES)}"))
            crc = zlib.crc32(piece, crc)
            scanner.feed(piece)
    except zlib.error:
        raise ExportError(DAMAGED) from None
    if (inflater is not None and not inflater.eof) or produced != info.file_size or crc != info.CRC:
        raise ExportError(DAMAGED)
    return unpacked


def _inflated(inflater, packed: memoryview):
    """Inflated pieces of at most CHUNK bytes, feeding the compressed bytes a slice at a time (never all at once)."""
    for offset in range(0, len(packed), FEED):
        pending = bytes(packed[offset : offset + FEED])
        while pending:
            piece = inflater.decompress(pending, CHUNK)
            pending = inflater.unconsumed_tail
            if piece:
                yield piece
            if inflater.eof:
                return
    while not inflater.eof:
        piece = inflater.decompress(b"", CHUNK)
        if not piece:
            return
        yield piece


class _Scanner:
    """A member that is only counted (images, binary parts)."""

    def feed(self, piece: bytes) -> None:
        pass

    def close(self) -> None:
        pass


class _XmlScanner(_Scanner):
    """Refuse DOCTYPE and ENTITY declarations, and XML in an encoding other than an ASCII-compatible one."""

    def __init__(self) -> None:
        self.carry = b""
        self.first = True

    def feed(self, piece: bytes) -> None:
        if self.first:
            self.first = False
            if piece[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\0" in piece[:4]:
                raise ExportError(
                    "A part of the workbook is not UTF-8 XML, as Excel writes it. Save it again in Excel."
                )
        buffer = self.carry + piece
        cut = buffer.rfind(b">") + 1
        self.scan(buffer, cut)  # the region is buffer[:cut]; passed whole so no megabyte is copied again
        rest = buffer[cut:]
        opened = rest.rfind(b"<")
        self.carry = rest[opened:] if opened >= 0 else b""
        if len(self.carry) > MAX_TAG_BYTES:
            raise ExportError(BOMB.format(what="a single XML tag over 1 MB"))

    def scan(self, buffer: bytes, end: int) -> None:
        at = buffer.find(b"!", 0, end)  # one byte is found far faster than "<!", and "!" is rare in sheet XML
        while at >= 0:
            if buffer[at - 1 : at] == b"<" and buffer[at + 1 : at + 8].upper().startswith((b"DOCTYPE", b"ENTITY")):
                raise ExportError(DOCTYPE)
            at = buffer.find(b"!", at + 1, end)

    def close(self) -> None:
        self.scan(self.carry, len(self.carry))


class _SheetScanner(_XmlScanner):
    """Also find the rectangle the sheet's cells span, as calamine will lay it out, and refuse one too large.

    The fast path reads every cell's `r="B12"` reference with numpy; a sheet whose cells lack references, or that
    uses namespace prefixes, is scanned again exactly (`exact=True`), following calamine's own rules: a cell
    without a reference sits after the previous one, a row without a number after the previous row.
    """

    def __init__(self, exact: bool) -> None:
        super().__init__()
        self.exact = exact
        self.needs_full_parse = False
        self.max_row = self.max_col = -1
        self.row = self.col = 0

    def scan(self, buffer: bytes, end: int) -> None:
        super().scan(buffer, end)
        if self.needs_full_parse:
            return
        if self.exact:
            self._scan_exact(buffer, end)
        else:
            box = None if PREFIXED_CELL.search(buffer, 0, end) else _fast_box(buffer, end)
            if box is None:
                self.needs_full_parse = True
                return
            self.max_row, self.max_col = max(self.max_row, box[0]), max(self.max_col, box[1])
        self._check()

    def _scan_exact(self, buffer: bytes, end: int) -> None:
        for match in TAG.finditer(buffer, 0, end):
            closing, name, attributes = match.groups()
            empty = attributes.endswith(b"/")
            if name == b"row":
                if closing:
                    self.row, self.col = self.row + 1, 0
                    continue
                number = _r_attribute(attributes)
                if number is not None:
                    if not number.isdigit() or not 0 < int(number) <= 99_999_999:
                        raise ExportError(DAMAGED)
                    self.row = int(number) - 1
                if empty:
                    self.row, self.col = self.row + 1, 0
                continue
            if closing:
                continue
            reference = _r_attribute(attributes)
            row, col = self.row, self.col
            if reference is not None:
                parts = CELL_REF.fullmatch(reference)
                if parts is None:
                    raise ExportError(DAMAGED)
                row, col = int(parts.group(2)) - 1, _column_number(parts.group(1)) - 1
                self.col = col
            self.col += 1
            if not empty:  # a self-closing cell holds no value and takes no room
                self.max_row, self.max_col = max(self.max_row, row), max(self.max_col, col)

    def _check(self) -> None:
        rows, cols = self.max_row + 1, self.max_col + 1
        if rows * cols > MAX_SHEET_CELLS:
            raise ExportError(
                f"A sheet's cells span {rows:,} rows by {cols:,} columns, more than this reader can lay out "
                f"({MAX_SHEET_CELLS:,} cells). Delete stray cells far from the responses (or export the responses "
                "as CSV) and upload it again."
            )


def _r_attribute(attributes: bytes) -> bytes | None:
    found = R_ATTR.search(attributes)
    return found.group(2) if found else None


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _upper(values: np.ndarray) -> np.ndarray:
    return (values >= 65) & (values <= 90)


def _fast_box(buffer: bytes, end: int) -> tuple[int, int] | None:
    """(max row, max column), 0-based, of the cells in buffer[:end], when every cell opens as `<c r="LETTERS
    DIGITS"`. None when any cell does not (no reference, other spacing or quoting): the caller then scans exactly.

    The region ends with ">", so a well-formed cell's reference lies inside it; reads run at most REACH bytes past
    a cell's start, so when the last cell starts that close to the buffer's end, zeros are added (they fail the
    checks on a broken reference).
    """
    whole = np.frombuffer(buffer, np.uint8)
    if end < 2:
        return (-1, -1)
    p = np.flatnonzero((whole[: end - 1] == 60) & (whole[1:end] == 99))  # "<c"
    if p.size and p[-1] + REACH >= len(whole):
        whole = np.concatenate([whole, np.zeros(REACH, np.uint8)])
    at = whole.__getitem__
    after = at(p + 2)
    p = p[(after == 32) | (after == 62) | (after == 47) | (after == 9) | (after == 10) | (after == 13)]
    if not p.size:
        return (-1, -1)
    if not ((at(p + 2) == 32) & (at(p + 3) == 114) & (at(p + 4) == 61) & (at(p + 5) == 34)).all():
        return None
    l1, l2, l3, l4 = at(p + 6), at(p + 7), at(p + 8), at(p + 9)
    u2, u3 = _upper(l2), _upper(l3)
    if not _upper(l1).all() or (u2 & u3 & _upper(l4)).any():
        return None
    col = l1.astype(np.int64) - 64
    col = np.where(u2, col * 26 + l2 - 64, col)
    col = np.where(u2 & u3, col * 26 + l3 - 64, col)
    start = p + 7 + u2 + (u2 & u3)
    row = np.zeros(p.size, np.int64)
    digits = np.zeros(p.size, np.int64)
    going = np.ones(p.size, bool)
    for k in range(8):
        d = at(start + k)
        going &= (d >= 48) & (d <= 57)
        if not going.any():
            break
        row = np.where(going, row * 10 + d - 48, row)
        digits += going
    if (digits == 0).any() or (digits > 7).any() or not (at(start + digits) == 34).all():
        return None
    return int(row.max()) - 1, int(col.max()) - 1
