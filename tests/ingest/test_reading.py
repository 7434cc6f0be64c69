"""`read_export`: every layout and quirk of the survey exports we read, and the files it must refuse (each with a
plain ExportError, nothing else). The two real SurveyMonkey exports are read in tests/real_exports.

Golden files: each fixture's reading (column ids, questions, notes, row numbers, first rows) is compared exactly
with tests/golden/<fixture file name>.json. After a deliberate change, regenerate and review the diff:
    INGEST_REGENERATE_GOLDEN=1 python -m pytest tests/ingest -q
Fixtures are written by tests/ingest/fixtures/make_fixtures.py (run it only to change a fixture on purpose).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import os
import struct
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import Export, ExportError, read_export
from ingest.export import FORMATS, Header

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parents[1] / "golden"
REGENERATE = os.environ.get("INGEST_REGENERATE_GOLDEN") == "1"

FIXTURE_FILES = sorted(p.name for p in FIXTURES.iterdir() if p.suffix in {".csv", ".tsv", ".xlsx", ".xls", ".ods"})


def read(name: str) -> Export:
    return read_export(FIXTURES / name)


def cell(value: object) -> object:
    """A cell as JSON holds it: missing as null, whole floats as floats, text as text."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if isinstance(value, np.generic) else value


def summary(export: Export) -> dict:
    frame = export.responses
    return {
        "format": export.format,
        "sheet": export.sheet,
        "columns": list(frame.columns),
        "dtypes": [str(dtype) for dtype in frame.dtypes],
        "questions": export.questions,
        "notes": export.notes,
        "rows": frame.index.tolist(),
        "first_rows": [[cell(v) for v in row] for row in frame.head(5).itertuples(index=False)],
    }


# --- golden files ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", FIXTURE_FILES)
def test_fixture_matches_its_golden_file(name):
    got = summary(read(name))
    path = GOLDEN / f"{name}.json"
    if REGENERATE:
        path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert path.exists(), f"no golden file for {name}: run with INGEST_REGENERATE_GOLDEN=1 and review it"
    assert got == json.loads(path.read_text(encoding="utf-8"))


def test_every_fixture_has_a_golden_file_and_no_golden_file_is_stale():
    assert sorted(p.stem for p in GOLDEN.glob("*.json")) == FIXTURE_FILES


# --- what every export promises -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", FIXTURE_FILES)
def test_every_export_keeps_its_contract(name):
    export = read(name)
    frame = export.responses
    assert export.format in FORMATS
    assert frame.columns.is_unique
    assert set(export.questions) == set(frame.columns)
    assert frame.index.name == "row" and frame.index.is_monotonic_increasing
    assert all(isinstance(note, str) and note.endswith(".") for note in export.notes)
    assert not frame.isna().all(axis=1).any(), "a blank row survived"
    for column in frame.columns:
        assert str(frame[column].dtype) in {"str", "float64"}, (column, frame[column].dtype)
        if str(frame[column].dtype) == "str":
            assert not frame[column].dropna().str.strip().eq("").any(), f"{column} keeps an empty string"


# --- Qualtrics ------------------------------------------------------------------------------------------------


def test_qualtrics_csv_three_header_rows_previews_blank_rows_and_personal_columns():
    export = read("qualtrics.csv")
    frame = export.responses
    assert export.format == "qualtrics" and export.sheet is None
    # rows 1-3 header, 4 real, 5 preview, 6 real (with line breaks in a cell), 7 blank, 8 real
    assert frame.index.tolist() == [4, 6, 8]
    assert frame["ResponseId"].tolist() == ["R_1aB2cD3eF4gH5iJ", "R_2kL3mN4oP5qR6sT", "R_3uV4wX5yZ6aB7cD"]
    personal = [
        "IPAddress",
        "RecipientLastName",
        "RecipientFirstName",
        "RecipientEmail",
        "ExternalReference",
        "LocationLatitude",
        "LocationLongitude",
    ]
    assert not set(personal) & set(frame.columns)
    assert f"Dropped 7 personal-data columns (never kept): {', '.join(personal)}." in export.notes
    assert "Removed 3 header rows (rows 1\u20133): export tags, question texts and import ids." in export.notes
    assert "Removed 1 preview response (Status 'Survey Preview'): not real responses." in export.notes
    assert "Removed 1 blank row." in export.notes
    assert export.questions["Q5_2"] == "How much do you agree?\nThink of the last 12 months. - Leaders listen to staff"
    assert frame.loc[6, "Q7"] == 'Two things:\n1. more staff, "please"\n2. fewer meetings, really'
    assert pd.isna(frame.loc[8, "Q5_2"])
    values = frame.astype(str).to_numpy().ravel().tolist()
    assert not {"jane.doe@example.org", "203.0.113.7", "Doe", "39.7"} & set(values)
    assert not any("jane" in note.lower() or "203.0" in note for note in export.notes)


def test_qualtrics_utf16_tsv_with_numeric_status():
    export = read("qualtrics_utf16.tsv")
    assert export.format == "qualtrics"
    assert export.responses.index.tolist() == [4, 6]
    assert export.responses["ResponseId"].tolist() == ["R_de1", "R_de3"]
    assert export.questions["Q2_1"] == "Wie sehr stimmen Sie zu? - Mein Team arbeitet gut zusammen"
    assert "Read the file as tab-separated columns." in export.notes
    assert "Dropped 2 personal-data columns (never kept): IPAddress, RecipientEmail." in export.notes
    assert export.responses.loc[6, "Q2_1"] == "-1"  # read as written; mapping decides it is missing


def test_qualtrics_legacy_v1_with_trailing_comma():
    export = read("qualtrics_legacy.csv")
    frame = export.responses
    assert export.format == "qualtrics-legacy"
    assert frame.index.tolist() == [3, 5]
    assert list(frame.columns) == ["V1", "V2", "V7", "V8", "V9", "V10", "Q1", "Q2_1", "Q2_2"]
    assert (
        export.questions["V1"] == "ResponseID" and export.questions["Q2_2"] == "How much do you agree?-Leaders listen"
    )
    assert "Ignored 1 empty column with no header." in export.notes
    assert (
        "Dropped 6 personal-data columns (never kept): V3, V4, V5, V6, LocationLatitude, LocationLongitude."
        in export.notes
    )


def test_qualtrics_insights_single_quoted_ids_duplicate_and_cut_texts():
    export = read("qualtrics_insights.csv")
    assert export.format == "qualtrics"
    assert export.responses.index.tolist() == [4, 6]
    assert export.questions["Q3"] == export.questions["Q4"] == "My supervisor gives me useful feedback"
    assert export.responses.loc[4, ["Q3", "Q4"]].tolist() == ["Agree", "Disagree"]
    assert export.questions["Q6"].endswith("...")
    assert "Read a 2016 Qualtrics Insights export (import ids in single quotes)." in export.notes
    assert any("share their question text" in note and "Q3, Q4" in note for note in export.notes)
    assert any("cut short" in note for note in export.notes)


# --- SurveyMonkey ---------------------------------------------------------------------------------------------

SM_KEPT = [
    "Respondent ID",
    "Collector ID",
    "Start Date",
    "End Date",
    "Which unit do you work in? - Response",
    "How much do you agree with each statement? - I feel valued",
    "How much do you agree with each statement? - My work matters",
    "How much do you agree with each statement? - Leaders listen",
    "Which supports do you use? (select all) - Coaching",
    "Which supports do you use? (select all) - Mentoring",
    "Which supports do you use? (select all) - Other (please specify)",
    "Comments - Open-Ended Response",
    "Comments - Open-Ended Response (2)",
]


@pytest.mark.parametrize("name", ["surveymonkey.csv", "surveymonkey.xlsx"])
def test_surveymonkey_title_row_two_header_rows_duplicate_labels(name):
    export = read(name)
    frame = export.responses
    assert export.format == "surveymonkey"
    assert list(frame.columns) == SM_KEPT
    assert frame.index.tolist() == [4, 5, 6]  # row 1 title, rows 2-3 header
    assert "Removed 1 row above the header (row 1): title text." in export.notes
    assert "Removed 2 header rows (rows 2\u20133): question texts and answer labels." in export.notes
    assert (
        "Dropped 5 personal-data columns (never kept): IP Address, Email Address, First Name, Last Name, "
        "Custom Data 1." in export.notes
    )
    assert any("repeated column name" in note for note in export.notes)
    assert export.questions["Which unit do you work in? - Response"] == "Which unit do you work in?"
    assert export.questions["Comments - Open-Ended Response (2)"] == "Comments"
    statement = "How much do you agree with each statement? - Leaders listen"
    assert export.questions[statement] == statement
    assert frame.loc[5, "Comments - Open-Ended Response (2)"] == "Too many meetings"


def test_surveymonkey_headers_title_and_file_name_are_kept():
    # Row 1 of the CSV is a title; SurveyMonkey's row 2 holds each question once over its columns, row 3 the labels.
    export = read("surveymonkey.csv")
    assert (export.title, export.filename) == ("Staff survey 2024 - all individual responses", "surveymonkey.csv")
    matrix = "How much do you agree with each statement?"
    first = f"{matrix} - I feel valued"
    assert export.headers[f"{matrix} - Leaders listen"] == Header(matrix, "Leaders listen", first)
    assert export.headers["Which unit do you work in? - Response"] == Header(
        "Which unit do you work in?", "Response", "Which unit do you work in? - Response"
    )
    assert export.headers["Respondent ID"] == Header("Respondent ID", "", "Respondent ID")
    # two questions of the same text ("Comments") stay apart by their first column
    assert export.headers["Comments - Open-Ended Response (2)"].first == "Comments - Open-Ended Response (2)"
    assert set(export.headers) == set(export.responses.columns)


def test_one_row_layouts_have_no_headers_and_a_title_only_when_the_file_has_one():
    plain, google = read("plain.xlsx"), read("google_forms_cp1252.csv")
    assert plain.headers == {} and google.headers == {}
    assert plain.title == "Staff survey 2024 - responses (prepared by the analyst)" and google.title is None
    assert read_export((FIXTURES / "semicolon.csv").read_bytes()).filename is None


def test_surveymonkey_xlsx_keeps_ids_as_numbers_and_names_its_sheet():
    export = read("surveymonkey.xlsx")
    assert export.sheet == "Sheet"
    assert export.responses["Respondent ID"].tolist() == [114687260013.0, 114687260014.0, 114687260015.0]


# --- Google Forms, Microsoft Forms, plain workbooks, semicolons -----------------------------------------------


def test_google_forms_windows_1252_grid_curly_quotes_no_final_newline():
    export = read("google_forms_cp1252.csv")
    frame = export.responses
    assert export.format == "google-forms"
    assert frame.index.tolist() == [2, 3, 4]
    assert "Email Address" not in frame.columns
    assert "Read the file as Windows-1252 text: it is not UTF-8." in export.notes
    grid = "How much do you agree with each statement? [I feel valued]"
    assert export.questions[grid] == "How much do you agree with each statement? - I feel valued"
    assert frame.loc[2, "What\u2019s one thing we could do better?"] == "Say \u201cthank you\u201d more often"
    assert frame.loc[3, "Which supports have you used?"] == "Peer circles (weekly, online)"
    assert frame.loc[3, "What\u2019s one thing we could do better?"] == "Fewer meetings;\nmore focus time"


def test_ms_forms_drops_email_and_name_keeps_id():
    export = read("ms_forms.xlsx")
    frame = export.responses
    assert export.format == "ms-forms"
    assert list(frame.columns)[:4] == ["ID", "Start time", "Completion time", "Last modified time"]
    assert "Email" not in frame.columns and "Name" not in frame.columns
    assert "Dropped 2 personal-data columns (never kept): Email, Name." in export.notes
    assert frame["ID"].tolist() == [1.0, 2.0, 3.0]
    assert frame.loc[2, "Start time"] == "2024-04-02 09:00:05"
    assert frame.loc[2, "Which supports have you used?"] == "Coaching;Mentoring;"


def test_plain_workbook_picks_the_responses_sheet_under_a_merged_title():
    export = read("plain.xlsx")
    frame = export.responses
    assert export.format == "plain"
    assert export.sheet == "Responses"
    assert export.notes[0].startswith("Read sheet 'Responses'")
    assert frame.index.tolist() == [4, 5, 6]
    assert list(frame.columns) == ["response_id", "unit", "role_level", "Q01", "Q02", "Q03"]
    assert "Removed 2 rows above the header (rows 1\u20132): title text and blank rows." in export.notes
    assert "Removed 2 blank rows." in export.notes
    assert "Ignored 1 empty column with no header." in export.notes
    # a column of numbers, some stored as text ("4"), reads as numbers: Excel shows both alike
    assert frame["Q01"].tolist() == [4.0, 4.0, 5.0]
    assert frame["Q03"].tolist()[::2] == [3.0, 4.0] and pd.isna(frame.loc[5, "Q03"])


def test_semicolon_csv():
    export = read("semicolon.csv")
    assert export.format == "plain"
    assert "Read the file as semicolon-separated columns." in export.notes
    assert export.responses["score"].tolist() == ["3,5", "2,0", "4,5"]
    assert export.responses.loc[4, "unit"] == "Unit A; north office"


# --- sources, names and sizes ---------------------------------------------------------------------------------


def test_path_bytes_and_file_like_read_alike():
    path = FIXTURES / "surveymonkey.csv"
    by_path, by_str = read_export(path), read_export(str(path))
    by_bytes, by_stream = read_export(path.read_bytes()), read_export(io.BytesIO(path.read_bytes()))
    for other in (by_str, by_bytes, by_stream):
        pd.testing.assert_frame_equal(other.responses, by_path.responses)
        assert other.questions == by_path.questions and other.notes == by_path.notes


def test_workbook_named_csv_is_read_as_a_workbook():
    export = read_export((FIXTURES / "ms_forms.xlsx").read_bytes(), filename="responses.csv")
    assert export.format == "ms-forms"
    assert (
        export.notes[0]
        == "The file is named 'responses.csv' but holds an Excel workbook, so it was read as a workbook."
    )


def test_csv_named_xlsx_is_read_as_text():
    export = read_export((FIXTURES / "semicolon.csv").read_bytes(), filename="responses.xlsx")
    assert export.format == "plain"
    assert export.notes[0] == "The file is named 'responses.xlsx' but holds text (CSV), so it was read as text."


def test_header_with_no_responses_is_zero_responses_and_a_note():
    export = read_export(b"Timestamp,Which unit?,I feel valued\r\n")
    assert export.format == "google-forms"
    assert len(export.responses) == 0
    assert list(export.responses.columns) == ["Timestamp", "Which unit?", "I feel valued"]
    assert export.notes[-1] == "Found no responses under the header."


# --- files it must refuse -------------------------------------------------------------------------------------


def _zip(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return buffer.getvalue()


def _xlsx_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(FIXTURES / "ms_forms.xlsx") as package:
        return {name: package.read(name) for name in package.namelist()}


def _lying_sizes(data: bytes, name: str, size: int) -> bytes:
    """The package with `name`'s uncompressed size rewritten (local header and central directory) to `size`."""
    raw = bytearray(data)
    encoded = name.encode()
    local = raw.find(b"PK\x03\x04")
    while local >= 0:
        name_length = struct.unpack("<H", raw[local + 26 : local + 28])[0]
        if raw[local + 30 : local + 30 + name_length] == encoded:
            struct.pack_into("<I", raw, local + 22, size)
        local = raw.find(b"PK\x03\x04", local + 4)
    central = raw.find(b"PK\x01\x02")
    while central >= 0:
        name_length = struct.unpack("<H", raw[central + 28 : central + 30])[0]
        if raw[central + 46 : central + 46 + name_length] == encoded:
            struct.pack_into("<I", raw, central + 24, size)
        central = raw.find(b"PK\x01\x02", central + 4)
    return bytes(raw)


def _sparse_sheet(cells: str) -> bytes:
    parts = _xlsx_parts()
    parts["xl/worksheets/sheet1.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        f'2006/main"><sheetData>{cells}</sheetData></worksheet>'
    ).encode()
    return _zip(parts)


def _entity_bomb() -> bytes:
    parts = _xlsx_parts()
    lol = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    parts["xl/sharedStrings.xml"] = (
        f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">{lol}]>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>'
    ).encode()
    return _zip(parts)


def _encrypted_cfb() -> bytes:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    directory = "EncryptedPackage".encode("utf-16-le") + b"\0" * 48 + "EncryptionInfo".encode("utf-16-le")
    return header + directory + bytes(range(256)) * 8


def _zip_bomb() -> bytes:
    return _zip({**_xlsx_parts(), "xl/media/padding.bin": b"\0" * (20 * 1024 * 1024)})


BAD_FILES = {
    "empty": (b"", "empty"),
    "only whitespace": (b"  \r\n\r\n", "empty"),
    "random bytes": (np.random.default_rng(7).bytes(4096).replace(b"\0", b"\1"), "binary"),
    "NUL bytes in text": (b"Timestamp,Q1\r\n2024-01-01,\x00\x00\x00Agree\r\n", "NUL"),
    "one column, no table": (b"just a note\r\nnothing else\r\n", "header row"),
    "truncated xlsx": ((FIXTURES / "plain.xlsx").read_bytes()[:3000], "damaged"),
    "corrupt zip": (b"PK\x03\x04" + b"\x14\x00" + b"garbage" * 100, "damaged"),
    "zip that is not a workbook": (_zip({"notes.txt": b"hello"}), "zip archive"),
    "high-ratio zip bomb": (_zip_bomb(), "unpack"),
    "zip lying about its size": (
        _lying_sizes(_zip({**_xlsx_parts(), "xl/media/a.bin": b"\0" * 300_000}), "xl/media/a.bin", 1000),
        "unpack",
    ),
    "XML entity bomb": (_entity_bomb(), "DOCTYPE"),
    "encrypted workbook": (_encrypted_cfb(), "password"),
    "sheet spanning a huge rectangle": (
        _sparse_sheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>'),
        "rows by",
    ),
    "huge rectangle from cells without references": (
        _sparse_sheet('<row r="1"><c><v>1</v></c></row><row r="1048576">' + "<c/>" * 16384 + "<c><v>5</v></c></row>"),
        "rows by",
    ),
    "PDF": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    "xlsb": (_zip({"xl/workbook.bin": b"\0" * 10, "[Content_Types].xml": b"<Types/>"}), ".xlsb"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_raises_a_plain_export_error(name):
    data, words = BAD_FILES[name]
    with pytest.raises(ExportError) as caught:
        read_export(data)
    message = str(caught.value)
    assert words in message
    assert "Traceback" not in message and len(message) < 400
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__ or caught.value.__context__ is None  # no chained traceback


def test_export_error_is_a_value_error():
    assert issubclass(ExportError, ValueError)


@pytest.mark.parametrize("source", ["bytes", "path", "stream"])
def test_over_max_bytes_is_refused_before_reading(source, tmp_path):
    data = (FIXTURES / "qualtrics.csv").read_bytes()
    path = tmp_path / "big.csv"
    path.write_bytes(data)
    given_source = {"bytes": data, "path": path, "stream": io.BytesIO(data)}[source]
    with pytest.raises(ExportError, match="over the"):
        read_export(given_source, max_bytes=1000)


def test_unseekable_stream_is_read_no_further_than_the_limit():
    class Trickle(io.RawIOBase):
        def __init__(self):
            self.given = 0

        def readable(self):
            return True

        def read(self, size=-1):
            self.given += size
            return b"x" * size

    stream = Trickle()
    with pytest.raises(ExportError, match="over the"):
        read_export(stream, max_bytes=5000)
    assert stream.given == 5001


@pytest.mark.parametrize("source", [None, 42, object()])
def test_a_source_that_is_not_a_file_is_an_export_error(source):
    with pytest.raises(ExportError):
        read_export(source)


def test_missing_path_is_an_export_error(tmp_path):
    with pytest.raises(ExportError, match="could not be opened"):
        read_export(tmp_path / "nope.csv")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_random_bytes_raise_nothing_but_export_error(data):
    try:
        export = read_export(data)
    except ExportError:
        return
    assert export.format in FORMATS


@settings(max_examples=50, deadline=None)
@given(st.binary(min_size=1, max_size=64), st.integers(min_value=0, max_value=6000))
def test_damaged_workbooks_raise_nothing_but_export_error(noise, at):
    data = bytearray((FIXTURES / "plain.xlsx").read_bytes())
    at = min(at, len(data) - 1)
    data[at : at + len(noise)] = noise
    try:
        read_export(bytes(data))
    except ExportError:
        pass


def test_workbook_column_is_numeric_only_when_every_cell_shows_a_plain_number(tmp_path):
    """Ids like 007 or 5.0 typed as text, and a date, must keep the text Excel shows; plain numbers become float64."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "code", "score", "big", "when", "mixed"])
    sheet.append(["007", "5.0", 4, 114687260013, dt.datetime(2024, 3, 1), "Agree"])
    sheet.append(["8", "6", 3.5, 114687260014, dt.datetime(2024, 3, 2, 9, 30), 5])
    path = tmp_path / "types.xlsx"
    book.save(path)
    frame = read_export(path).responses
    assert frame["id"].tolist() == ["007", "8"]
    assert frame["code"].tolist() == ["5.0", "6"]
    assert frame["score"].tolist() == [4.0, 3.5]
    assert frame["big"].tolist() == [114687260013.0, 114687260014.0]
    assert frame["when"].tolist() == ["2024-03-01", "2024-03-02 09:30:00"]
    assert frame["mixed"].tolist() == ["Agree", "5"]


def _long_workbook(path, rows: int, extra=None) -> None:
    """A title row, a header on row 3 and `rows` responses; `extra(sheet)` adds cells further down."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "Staff survey"
    sheet.append([])
    sheet.append(["response_id", "unit", "VIS1", "done"])
    for i in range(rows):
        sheet.append([f"r{i:04d}", f"Unit {i % 3}", i % 5 + 1, i % 2 == 0])
    if extra:
        extra(sheet)
    book.save(path)


def test_long_sheet_is_read_whole_below_a_header_found_in_its_first_rows(tmp_path):
    """The header is looked for in the first 50 rows only; every row below it is a response, with its Excel row."""
    path = tmp_path / "long.xlsx"
    _long_workbook(path, 1500)
    frame = read_export(path).responses
    assert len(frame) == 1500
    assert frame.index[0] == 4 and frame.index[-1] == 1503
    assert frame.loc[1503, "response_id"] == "r1499"
    assert frame["VIS1"].dtype == "float64" and frame.loc[1503, "VIS1"] == 1499 % 5 + 1
    assert frame["done"].tolist()[:2] == ["TRUE", "FALSE"]


def test_a_word_deep_in_a_numeric_column_keeps_the_column_as_text(tmp_path):
    """Type guessing sees every row, not a sample: row 1,400's "Agree" is kept, not lost to a number column."""
    path = tmp_path / "late_text.xlsx"
    _long_workbook(path, 1500, extra=lambda sheet: sheet.cell(row=1400, column=3, value="Agree"))
    frame = read_export(path).responses
    assert frame.loc[1400, "VIS1"] == "Agree"
    assert frame.loc[4, "VIS1"] == "1"


def test_values_right_of_the_header_far_down_become_an_unnamed_column(tmp_path):
    path = tmp_path / "stray_right.xlsx"
    _long_workbook(path, 100, extra=lambda sheet: sheet.cell(row=90, column=6, value="note"))
    frame = read_export(path).responses
    assert frame.columns[-1] == "Column F"
    assert frame.loc[90, "Column F"] == "note" and frame["Column F"].notna().sum() == 1


def test_values_left_of_the_header_far_down_are_refused_not_dropped(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["B1"], sheet["C1"] = "response_id", "VIS1"
    for row in range(2, 80):
        sheet.cell(row=row, column=2, value=f"r{row}")
        sheet.cell(row=row, column=3, value=3)
    sheet["A75"] = "stray"
    path = tmp_path / "stray_left.xlsx"
    book.save(path)
    with pytest.raises(ExportError, match="left of the header"):
        read_export(path)


def test_legacy_xls_reads_as_the_same_export_saved_as_xlsx():
    """SurveyMonkey's legacy .xls and its .xlsx of the same responses give the same table, column for column."""
    old, new = read("surveymonkey.xls"), read("surveymonkey.xlsx")
    assert old.format == new.format == "surveymonkey"
    pd.testing.assert_frame_equal(old.responses, new.responses)
    assert old.questions == new.questions


def test_opendocument_download_of_a_google_sheet_reads_as_the_csv_does():
    """Google Sheets' .ods download of the form's responses gives the same table as the form's CSV."""
    sheet, text = read("google_sheets.ods"), read("google_forms_cp1252.csv")
    assert sheet.format == text.format == "google-forms"
    assert sheet.sheet == "Form Responses 1"
    pd.testing.assert_frame_equal(sheet.responses, text.responses)


def _ods(table_xml: str) -> bytes:
    """A minimal OpenDocument spreadsheet holding one table."""
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
        package.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        package.writestr("content.xml", content)
        package.writestr("META-INF/manifest.xml", manifest)
    return out.getvalue()


REPEATED = (
    '<table:table-row table:number-rows-repeated="{rows}"><table:table-cell table:number-columns-repeated="{cols}" '
    'office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>'
)


@pytest.mark.parametrize(
    ("rows", "cols"),
    [(1_000_000, 16_000), (9_000, 10_000)],  # past calamine's own cell cap; under it but past the memory cap
)
def test_an_ods_that_repeats_a_cell_over_a_huge_area_is_refused_plainly(rows, cols):
    data = _ods(REPEATED.format(rows=rows, cols=cols))
    assert len(data) < 2_000
    with pytest.raises(ExportError, match="more cells than can be read safely"):
        read_export(data, filename="bomb.ods")


def test_an_ods_with_trailing_empty_rows_as_libreoffice_writes_them_is_read():
    header = "".join(
        f'<table:table-cell office:value-type="string"><text:p>{h}</text:p></table:table-cell>' for h in ("id", "VIS1")
    )
    body = '<table:table-cell office:value-type="string"><text:p>r1</text:p></table:table-cell>'
    body += '<table:table-cell office:value-type="float" office:value="4"><text:p>4</text:p></table:table-cell>'
    filler = (
        '<table:table-row table:number-rows-repeated="1048574">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )
    data = _ods(f"<table:table-row>{header}</table:table-row><table:table-row>{body}</table:table-row>{filler}")
    frame = read_export(data).responses
    assert frame.to_dict("list") == {"id": ["r1"], "VIS1": [4.0]}
