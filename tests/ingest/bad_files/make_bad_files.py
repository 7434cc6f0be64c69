"""Write the corpus of bad uploads in this folder: damaged, hostile, mislabelled and awkward files.

Run from the repository root, only to change the corpus on purpose (then review README.md's table):
    python tests/ingest/bad_files/make_bad_files.py

Deterministic: no clock, no unseeded randomness (zip members carry a fixed date), so running it again gives the
same bytes. A few files would be large on disk (a million blank rows, a 1 MB cell); they are not committed but
built by `build(name)` into a temporary folder when the tests run (`RUNTIME`). tests/ingest/test_bad_files.py reads
README.md's table and runs every file named there through the upload path.
"""

from __future__ import annotations

import io
import random
import struct
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
FIXTURES = HERE.parent / "fixtures"
DATE = (2024, 1, 1, 0, 0, 0)
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

# A small, valid export that maps to the default instrument (response_id, unit, role and three items).
HEADER = ["response_id", "unit", "role_level", "VIS1", "VIS2", "LEAD1"]
ROWS = [
    ["r1", "Unit A", "staff", "Agree", "Strongly agree", "Disagree"],
    ["r2", "Unit B", "manager", "Neither agree nor disagree", "Agree", "Agree"],
    ["r3", "Unit A", "executive", "Strongly disagree", "Disagree", "Agree"],
]


# --- builders shared by several files -----------------------------------------------------------------------


def csv_text(rows: list[list[str]], end: str = "\r\n") -> str:
    out = io.StringIO()
    for row in rows:
        out.write(",".join(_quoted(cell) for cell in row) + end)
    return out.getvalue()


def _quoted(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ',"\r\n') else cell


def zip_bytes(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED, level: int | None = None) -> bytes:
    """A zip with fixed member dates (so the bytes never depend on the clock)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, DATE)
            info.compress_type = method
            info.external_attr = 0o600 << 16
            package.writestr(info, data, compresslevel=level)
    return out.getvalue()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def column_letters(index: int) -> str:
    letters, index = "", index + 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def cell_xml(ref: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):  # ("formula", text, cached value or None)
        _, formula, cached = value
        cached_xml = f"<v>{cached}</v>" if cached is not None else ""
        return f'<c r="{ref}"><f>{_escape(formula)}</f>{cached_xml}</c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{_escape(str(value))}</t></is></c>'


def sheet_xml(rows: list[list[object]], tail: str = "") -> bytes:
    """A worksheet part with inline strings (no shared strings part needed); `tail` is raw XML after the rows."""
    body = []
    for r, row in enumerate(rows, start=1):
        cells = "".join(cell_xml(f"{column_letters(c)}{r}", v) for c, v in enumerate(row))
        body.append(f'<row r="{r}">{cells}</row>')
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}"><sheetData>'
        + "".join(body)
        + tail
        + "</sheetData></worksheet>"
    ).encode()


def xlsx_parts(sheet: bytes) -> dict[str, bytes]:
    """The parts of a minimal workbook, as Excel lays them out, with one worksheet."""
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    return {
        "[Content_Types].xml": (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            b'<Default Extension="xml" ContentType="application/xml"/>'
            b'<Override PartName="/xl/workbook.xml" '
            b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            b'<Override PartName="/xl/worksheets/sheet1.xml" '
            b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ).encode(),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<workbook xmlns="{MAIN}" xmlns:r="{rel}"><sheets>'
            '<sheet name="Responses" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ).encode(),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ).encode(),
        "xl/worksheets/sheet1.xml": sheet,
    }


def xlsx(rows: list[list[object]], tail: str = "", extra: dict[str, bytes] | None = None) -> bytes:
    return zip_bytes({**xlsx_parts(sheet_xml(rows, tail)), **(extra or {})})


GOOD_XLSX_ROWS: list[list[object]] = [HEADER, *ROWS]


def good_xlsx() -> bytes:
    return xlsx(GOOD_XLSX_ROWS)


def cfb(streams: dict[str, bytes]) -> bytes:
    """A Compound File (OLE2, version 3, 512-byte sectors) holding `streams` at its root, as Excel writes the
    container of an encrypted workbook. Streams are padded to 4,096 bytes so that none sits in the mini stream."""
    free, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    streams = {
        name: data + b"\0" * (-len(data) % 512 if len(data) >= 4096 else 4096 - len(data))
        for name, data in streams.items()
    }
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    fat = [fat_sector, end]  # sector 0: the FAT, sector 1: the directory
    starts = {}
    for name in names:
        count = len(streams[name]) // 512
        starts[name] = len(fat)
        fat += [len(fat) + i + 1 for i in range(count - 1)] + [end]
    assert len(fat) <= 128, "one FAT sector only"
    fat += [free] * (128 - len(fat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        encoded = name.encode("utf-16-le") + b"\0\0"
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", free, right, child)
            + b"\0" * 16
            + b"\0" * 4
            + b"\0" * 16
            + struct.pack("<IQ", start, size)
        )

    directory = entry("Root Entry", 5, 1, free, end, 0)
    for i, name in enumerate(names, start=1):
        right = i + 1 if i < len(names) else free
        directory += entry(name, 2, free, right, starts[name], len(streams[name]))
    directory += b"\0" * (-len(directory) % 512)
    assert len(directory) == 512, "one directory sector only"
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", free) * 108
    )
    assert len(header) == 512
    body = b"".join(streams[name] for name in names)
    return header + struct.pack("<128I", *fat) + directory + body


def encrypted_workbook() -> bytes:
    """An agile-encrypted workbook's container: EncryptionInfo (version 4.4 and its XML) and EncryptedPackage."""
    info = struct.pack("<HHI", 4, 4, 0x40) + (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption '
        b'xmlns="http://schemas.microsoft.com/office/2006/encryption"><keyData saltSize="16" blockSize="16" '
        b'keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" '
        b'hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/></encryption>'
    )
    package = struct.pack("<Q", 6000) + random.Random(11).randbytes(6000)
    return cfb({"EncryptionInfo": info, "EncryptedPackage": package})


def legacy_xls_with_filepass() -> bytes:
    """A legacy .xls whose Workbook stream opens with BOF then FILEPASS (RC4): Excel 97's 'password to open'."""
    bof = struct.pack("<HH", 0x0809, 16) + struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0x41, 0x06)
    filepass = struct.pack("<HH", 0x002F, 54) + struct.pack("<HHH", 1, 1, 1) + random.Random(3).randbytes(48)
    eof = struct.pack("<HH", 0x000A, 0)
    scrambled = random.Random(5).randbytes(3000)
    return cfb({"Workbook": bof + filepass + scrambled + eof})


def flipped(data: bytes, at: int, count: int = 8) -> bytes:
    raw = bytearray(data)
    for i in range(at, min(at + count, len(raw))):
        raw[i] ^= 0xFF
    return bytes(raw)


def member_offset(data: bytes, name: str) -> int:
    """Where the compressed bytes of member `name` begin."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        info = package.getinfo(name)
    name_length, extra_length = struct.unpack("<HH", data[info.header_offset + 26 : info.header_offset + 30])
    return info.header_offset + 30 + name_length + extra_length


def encrypted_member_flag(data: bytes) -> bytes:
    """The zip with every member's 'encrypted' flag set (local headers and central directory), as a zip
    protected with a password (traditional PKWARE encryption) marks them."""
    raw = bytearray(data)
    for magic, at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        found = raw.find(magic)
        while found >= 0:
            flags = struct.unpack_from("<H", raw, found + at)[0]
            struct.pack_into("<H", raw, found + at, flags | 1)
            found = raw.find(magic, found + 4)
    return bytes(raw)


def ods(table_xml: str) -> bytes:
    """A minimal OpenDocument spreadsheet holding one table (as tests/ingest/test_reading.py builds it)."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
        f'<office:spreadsheet><table:table table:name="S">{table_xml}</table:table></office:spreadsheet>'
        "</office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, data, method in (
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED),
            ("content.xml", content, zipfile.ZIP_DEFLATED),
            ("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED),
        ):
            info = zipfile.ZipInfo(name, DATE)
            info.compress_type = method
            package.writestr(info, data)
    return out.getvalue()


def words(count: int, seed: int) -> str:
    """`count` characters of plain words (compressible as real text is, not as a run of one letter)."""
    vocabulary = "the staff said meetings leaders listen more often team focus time support coaching".split()
    rng, parts, size = random.Random(seed), [], 0
    while size < count:
        word = rng.choice(vocabulary) + rng.choice(" ,.")
        parts.append(word)
        size += len(word)
    return "".join(parts)[:count]


# --- the files ------------------------------------------------------------------------------------------------


def _plain() -> bytes:
    return (FIXTURES / "plain.xlsx").read_bytes()


def _runaway_xls() -> bytes:
    """Found by bench/fuzz_readers.py: 16 bytes inserted into a legacy .xls make calamine allocate without end
    (over 14 GB in 30 s) while merely opening it."""
    data = (FIXTURES / "surveymonkey.xls").read_bytes()
    return data[:1897] + b"\x00PM\x16\x00\x0009/12/2024" + data[1897:]


def _billion_laughs_sheet() -> bytes:
    lol = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    sheet = (
        f'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY lol0 "lol">{lol}]><worksheet xmlns="{MAIN}">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>Q1</t></is></c></row></sheetData></worksheet>'
    ).encode()
    return zip_bytes(xlsx_parts(sheet))


def _million_blank_rows_xlsx() -> bytes:
    # Rows of a cell holding only a space: Excel keeps such rows, and they must all be dropped as blank.
    tail = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t> </t></is></c></row>' for r in range(5, 1_000_005))
    return xlsx(GOOD_XLSX_ROWS, tail=tail)


def _million_blank_rows_csv() -> bytes:
    return (csv_text([HEADER, *ROWS]) + ",,,,,\r\n" * 1_000_000).encode()


def _thousands_of_columns(kind: str, extra: int = 5000) -> list[list[object]]:
    header = [*HEADER, *(f"extra_{i:04d}" for i in range(extra))]
    rows = [[*row, *(str((i + j) % 5 + 1) for j in range(extra))] for i, row in enumerate(ROWS)]
    return [header, *rows]


def _utf8_with_cp1252() -> bytes:
    head = csv_text([HEADER, ROWS[0]]).encode("utf-8")
    middle = "r2,Unit B,manager,Agree,Agree,Agree,Caf\u00e9 \u201cgood\u201d\r\n".encode("cp1252")
    tail = "r3,Unit \u00c5,staff,Agree,Agree,Agree,na\u00efve\r\n".encode()
    header = (",".join(HEADER) + ",comment\r\n").encode()
    return header + head.split(b"\r\n", 1)[1].replace(b"\r\n", b",ok\r\n", 1) + middle + tail


def _sparse_huge_rectangle() -> bytes:
    tail = '<row r="1048576"><c r="XFD1048576"><v>2</v></c></row>'
    return xlsx(GOOD_XLSX_ROWS, tail=tail)


def _formula_rows() -> list[list[object]]:
    return [
        [*HEADER, "comment"],
        ["r1", "Unit A", "staff", ("formula", "1+1", None), "Agree", "Agree", '=HYPERLINK("http://evil.example","x")'],
        [
            "r2",
            "Unit B",
            "manager",
            ("formula", "1+1", 4),
            "=1+1",
            "Agree",
            ("formula", 'HYPERLINK("http://e.x")', None),
        ],
        ["r3", "Unit A", "staff", "Agree", "Agree", "Agree", "+cmd|' /C calc'!A0"],
    ]


def _xlsb() -> bytes:
    return zip_bytes(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
            b'2006/content-types"><Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.'
            b'macroEnabled.main"/></Types>',
            "_rels/.rels": b'<?xml version="1.0"?><Relationships/>',
            "xl/workbook.bin": bytes(range(64)),
            "xl/worksheets/sheet1.bin": bytes(range(128)),
        }
    )


def _docx() -> bytes:
    return zip_bytes(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
            "word/document.xml": b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Survey results</w:t></w:r></w:p></w:body>'
            b"</w:document>",
        }
    )


def _png() -> bytes:
    chunk = b"IHDR" + struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    import zlib

    ihdr = struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk))
    data = zlib.compress(b"\0\0")
    idat = struct.pack(">I", len(data)) + b"IDAT" + data + struct.pack(">I", zlib.crc32(b"IDAT" + data))
    iend = struct.pack(">I", 0) + b"IEND" + struct.pack(">I", zlib.crc32(b"IEND"))
    return b"\x89PNG\r\n\x1a\n" + ihdr + idat + iend


def _central_directory_flipped() -> bytes:
    data = _plain()
    return flipped(data, data.rfind(b"PK\x01\x02") + 16, 8)  # the last entry's CRC and sizes


def _member_flipped() -> bytes:
    data = _plain()
    return flipped(data, member_offset(data, "xl/worksheets/sheet1.xml") + 40, 16)


def _zip_bomb() -> bytes:
    return zip_bytes(
        {**xlsx_parts(sheet_xml(GOOD_XLSX_ROWS)), "xl/media/image1.png": b"\0" * (64 * 1024 * 1024)}, level=9
    )


def _ods_repeat_bomb() -> bytes:
    return ods(
        '<table:table-row table:number-rows-repeated="1000000"><table:table-cell '
        'table:number-columns-repeated="16000" office:value-type="string"><text:p>x</text:p></table:table-cell>'
        "</table:table-row>"
    )


def _utf16_sheet() -> bytes:
    sheet = sheet_xml(GOOD_XLSX_ROWS).decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    return zip_bytes(xlsx_parts(sheet.encode("utf-16")))


def _deep_nesting() -> bytes:
    parts = xlsx_parts(sheet_xml(GOOD_XLSX_ROWS))
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        b"<sheets>", b"<a>" * 120_000 + b"</a>" * 120_000 + b"<sheets>"
    )
    return zip_bytes(parts)


def _shared_string_out_of_range() -> bytes:
    sheet = sheet_xml([HEADER]).replace(
        b"</sheetData>", b'<row r="2"><c r="A2" t="s"><v>99999</v></c><c r="B2" t="s"><v>-4</v></c></row></sheetData>'
    )
    sst = f'<?xml version="1.0"?><sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>only</t></si></sst>'.encode()
    parts = xlsx_parts(sheet)
    parts["xl/sharedStrings.xml"] = sst
    return zip_bytes(parts)


def _malformed_sheet_xml() -> bytes:
    sheet = sheet_xml(GOOD_XLSX_ROWS)[:-60] + b'<row r="9"><c r="A9"><v>1</c></row'
    return zip_bytes(xlsx_parts(sheet))


def _no_worksheets() -> bytes:
    parts = xlsx_parts(sheet_xml(GOOD_XLSX_ROWS))
    parts["xl/workbook.xml"] = f'<?xml version="1.0"?><workbook xmlns="{MAIN}"><sheets/></workbook>'.encode()
    return zip_bytes(parts)


def _duplicate_and_blank_ids() -> bytes:
    rows = [
        HEADER,
        ROWS[0],
        ["r1", *ROWS[1][1:]],
        ["", *ROWS[2][1:]],
        [" ", *ROWS[0][1:]],
        ["r4", *ROWS[2][1:]],
        ["r4", *ROWS[1][1:]],
    ]
    return csv_text(rows).encode()


def _duplicate_ids_xlsx() -> list[list[object]]:
    return [HEADER, [1, *ROWS[0][1:]], [1, *ROWS[1][1:]], [None, *ROWS[2][1:]], [2, *ROWS[0][1:]]]


BUILDERS: dict[str, Callable[[], bytes]] = {
    # damaged workbooks
    "truncated_at_30_bytes.xlsx": lambda: _plain()[:30],
    "truncated_in_half.xlsx": lambda: _plain()[: len(_plain()) // 2],
    "truncated_before_directory_end.xlsx": lambda: _plain()[:-12],
    "central_directory_flipped.xlsx": _central_directory_flipped,
    "member_bytes_flipped.xlsx": _member_flipped,
    "truncated_legacy.xls": lambda: (FIXTURES / "surveymonkey.xls").read_bytes()[:1500],
    "fuzz_found_runaway_memory.xls": _runaway_xls,
    "malformed_sheet_xml.xlsx": _malformed_sheet_xml,
    "shared_string_out_of_range.xlsx": _shared_string_out_of_range,
    "no_worksheets.xlsx": _no_worksheets,
    "sheet_xml_in_utf16.xlsx": _utf16_sheet,
    # built to exhaust memory or time
    "zip_bomb.xlsx": _zip_bomb,
    "billion_laughs_in_sheet.xlsx": _billion_laughs_sheet,
    "huge_rectangle_A1_XFD1048576.xlsx": _sparse_huge_rectangle,
    "ods_cell_repeat_bomb.ods": _ods_repeat_bomb,
    "deeply_nested_workbook_xml.xlsx": _deep_nesting,
    # password-protected
    "encrypted_agile.xlsx": encrypted_workbook,
    "encrypted_named.xls": encrypted_workbook,
    "encrypted_legacy_filepass.xls": legacy_xls_with_filepass,
    "zip_members_flagged_encrypted.xlsx": lambda: encrypted_member_flag(good_xlsx()),
    # not a survey export at all
    "pdf_named.csv": lambda: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n",
    "png_named.xlsx": _png,
    "jpeg_named.csv": lambda: b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + bytes(range(200)),
    "gzip_named.csv": lambda: b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(range(100)),
    "word_document.docx": _docx,
    "word_document_named.xlsx": _docx,
    "zip_of_csvs.zip": lambda: zip_bytes({"wave1.csv": csv_text([HEADER, *ROWS]).encode(), "wave2.csv": b"a,b\r\n"}),
    "xlsb_workbook.xlsb": _xlsb,
    "xlsb_named.xlsx": _xlsb,
    "binary_garbage.csv": lambda: random.Random(7).randbytes(8192).replace(b"\0", b"\1"),
    "binary_garbage_with_nuls.xlsx": lambda: random.Random(8).randbytes(4096),
    "ole_not_a_workbook.xls": lambda: cfb({"WordDocument": random.Random(4).randbytes(4096)}),
    "html_table_named.xls": lambda: (
        b"<html><body><table><tr><td>response_id</td><td>VIS1</td></tr></table></body></html>"
    ),
    # empty and header-only
    "empty_0_bytes.csv": lambda: b"",
    "only_whitespace.csv": lambda: b"  \r\n\t\r\n   \n",
    "only_utf8_bom.csv": lambda: b"\xef\xbb\xbf",
    "only_utf16_bom_and_spaces.csv": lambda: b"\xff\xfe" + " \r\n".encode("utf-16-le"),
    "header_only.csv": lambda: csv_text([HEADER]).encode(),
    "header_only.xlsx": lambda: xlsx([HEADER]),
    "million_blank_rows.xlsx": _million_blank_rows_xlsx,
    "million_blank_rows.csv": _million_blank_rows_csv,
    # text that is not quite text
    "nul_bytes_in_csv.csv": lambda: csv_text([HEADER, *ROWS]).encode().replace(b"Unit B", b"Unit\x00\x00\x00B"),
    "utf8_with_cp1252_bytes.csv": _utf8_with_cp1252,
    "utf16le_without_bom.csv": lambda: csv_text([HEADER, *ROWS]).encode("utf-16-le"),
    "utf16be_without_bom.tsv": lambda: csv_text([HEADER, *ROWS]).replace(",", "\t").encode("utf-16-be"),
    "unterminated_quote.csv": lambda: (
        csv_text([HEADER, ROWS[0]]) + 'r2,"Unit B,manager,Agree,Agree,Agree\r\n' + csv_text(ROWS[2:] * 3)
    ).encode(),
    "ragged_rows.csv": lambda: (
        ",".join(HEADER) + "\r\nr1,Unit A,staff\r\nr2,Unit B,manager,Agree,Agree,Agree,extra,more\r\nr3\r\n"
    ).encode(),
    # readable files with problems in them
    "duplicate_and_blank_ids.csv": _duplicate_and_blank_ids,
    "duplicate_and_blank_ids.xlsx": lambda: xlsx(_duplicate_ids_xlsx()),
    "formulas_as_text.csv": lambda: csv_text(
        [
            [*HEADER, "comment"],
            ["r1", "Unit A", "staff", "=1+1", "Agree", "Agree", '=HYPERLINK("http://evil.example","x")'],
            ["r2", "Unit B", "manager", "Agree", "+1+1", "Agree", "@SUM(A1:A2)"],
        ]
    ).encode(),
    "formulas_in_cells.xlsx": lambda: xlsx(_formula_rows()),
    "long_cell_1mb.csv": lambda: csv_text(
        [[*HEADER, "comment"], [*ROWS[0], words(1024 * 1024, 1)], [*ROWS[1], "short"]]
    ).encode(),
    "long_cell_1mb.xlsx": lambda: xlsx([[*HEADER, "comment"], [*ROWS[0], words(1024 * 1024, 2)], [*ROWS[1], "short"]]),
    "five_thousand_columns.csv": lambda: csv_text(_thousands_of_columns("csv")).encode(),
    "five_thousand_columns.xlsx": lambda: xlsx(_thousands_of_columns("xlsx")),
    "sixteen_thousand_columns.csv": lambda: csv_text(_thousands_of_columns("csv", 16_040)).encode(),
    "sixteen_thousand_columns.xlsx": lambda: xlsx(_thousands_of_columns("xlsx", 16_040)),
    "cell_45_megabytes.csv": lambda: csv_text(
        [[*HEADER, "comment"], [*ROWS[0], "x" * 45_000_000], [*ROWS[1], "short"]]
    ).encode(),
}

# Built when the tests run (too large to commit): a million rows, long cells, sixteen thousand columns.
RUNTIME = frozenset(
    {
        "million_blank_rows.xlsx",
        "million_blank_rows.csv",
        "long_cell_1mb.csv",
        "long_cell_1mb.xlsx",
        "sixteen_thousand_columns.csv",
        "sixteen_thousand_columns.xlsx",
        "cell_45_megabytes.csv",
    }
)


def build(name: str) -> bytes:
    return BUILDERS[name]()


def main() -> None:
    for old in HERE.iterdir():
        if old.name in BUILDERS:
            old.unlink()
    for name in BUILDERS:
        if name not in RUNTIME:
            (HERE / name).write_bytes(build(name))
    total = sum((HERE / name).stat().st_size for name in BUILDERS if name not in RUNTIME)
    print(f"wrote {len(BUILDERS) - len(RUNTIME)} files ({total:,} bytes); {len(RUNTIME)} are built at test time")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
