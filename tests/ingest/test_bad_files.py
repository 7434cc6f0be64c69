"""Every file of tests/ingest/bad_files/ through the upload path: read, map, save (issue 6: nothing breaks on bad
input).

The corpus's README.md table says, for each file, whether the reader must refuse it (an ExportError holding the
quoted phrases) or read it (the phrases in its notes and problems). A refused file leaves the store exactly as it
was; a read one is mapped and saved, and comes back whole. Nothing but ExportError may escape `read_export`, and
no file may take longer than the per-test timeout. Files too large to commit are built into tmp_path by the
corpus's own script.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ingest import Export, ExportError, MappedWave, map_export, read_export
from metrics import load_instrument
from store import Store, StoreError
from tests.ingest.bad_files import make_bad_files
from tests.store.conftest import Clock, small_wave

CORPUS = Path(__file__).resolve().parent / "bad_files"
ROW = re.compile(r"^\| `(?P<file>[^`]+)` \| (?P<wrong>.+?) \| (?P<outcome>refused|read): (?P<words>.+?) \|$", re.M)
KEPT_WAVE = "2025 Spring"


def corpus_table() -> list[dict[str, object]]:
    rows = []
    for match in ROW.finditer((CORPUS / "README.md").read_text(encoding="utf-8")):
        words = re.findall(r'"([^"]+)"', match["words"])
        rows.append({"file": match["file"], "outcome": match["outcome"], "words": words, "wrong": match["wrong"]})
    return rows


TABLE = corpus_table()


def test_the_table_names_every_file_of_the_corpus_once_and_only_those():
    named = [row["file"] for row in TABLE]
    assert len(named) == len(set(named)) >= 40
    assert all(row["words"] for row in TABLE), "every row must quote what the reader says"
    assert set(named) == set(make_bad_files.BUILDERS)
    on_disk = {p.name for p in CORPUS.iterdir() if p.name not in {"README.md", "make_bad_files.py", "__pycache__"}}
    assert on_disk == set(make_bad_files.BUILDERS) - make_bad_files.RUNTIME
    assert sum((CORPUS / name).stat().st_size for name in on_disk) < 1024 * 1024


@pytest.mark.parametrize("name", sorted(set(make_bad_files.BUILDERS) - make_bad_files.RUNTIME))
def test_committed_file_is_what_the_script_writes(name):
    assert (CORPUS / name).read_bytes() == make_bad_files.build(name)


# --- the upload path ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def instrument():
    return load_instrument()


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    """One store for the whole corpus, holding a wave from before the uploads."""
    opened = Store(tmp_path_factory.mktemp("store") / "bad_files.duckdb", clock=Clock(), lock_timeout=30)
    opened.save_wave(small_wave(), wave=KEPT_WAVE, instrument_name="test", filename="kept.xlsx", who="ana")
    return opened


def state(store: Store) -> tuple[pd.DataFrame, str, pd.DataFrame]:
    """The store's waves, a checksum of all its responses, and its audit log."""
    responses = store.responses()
    digest = hashlib.sha256(pd.util.hash_pandas_object(responses, index=True).to_numpy().tobytes())
    digest.update(repr(list(responses.columns)).encode())
    return store.waves(), digest.hexdigest(), store.audit_log()


def assert_same_state(store: Store, before) -> None:
    waves, digest, audit = state(store)
    pd.testing.assert_frame_equal(waves, before[0])
    assert digest == before[1]
    pd.testing.assert_frame_equal(audit, before[2])


def source(name: str, tmp_path: Path) -> Path:
    if name in make_bad_files.RUNTIME:
        path = tmp_path / name
        path.write_bytes(make_bad_files.build(name))
        return path
    return CORPUS / name


def said(export: Export, mapped: MappedWave) -> str:
    """Everything the reader and the mapper tell the analyst about the file, as one text."""
    return " ".join([*export.notes, *mapped.notes, *mapped.problems["problem"].astype(str)]).casefold()


@pytest.mark.timeout(60)
@pytest.mark.parametrize("row", TABLE, ids=[row["file"] for row in TABLE])
def test_bad_file_through_read_map_and_save(row, store, instrument, tmp_path):
    name, words = row["file"], row["words"]
    path = source(name, tmp_path)
    before = state(store)
    try:
        export = read_export(path)
    except ExportError as error:
        message = str(error)
        assert row["outcome"] == "refused", f"{name} must read, but was refused: {message}"
        assert isinstance(error, ValueError)
        for phrase in words:
            assert phrase.casefold() in message.casefold(), (phrase, message)
        assert "Traceback" not in message and 'File "' not in message and len(message) < 400
        assert "\n" not in message
        assert error.__cause__ is None and (error.__suppress_context__ or error.__context__ is None)
        assert_same_state(store, before)
        return
    # any other exception fails the test as it is, with its traceback
    assert row["outcome"] == "read", f"{name} must be refused, but it read: {export.notes}"

    wave = f"Upload {name}"
    mapped = map_export(export, instrument, wave=wave)
    text = said(export, mapped)
    for phrase in words:
        assert phrase.casefold() in text, (phrase, text)
    CHECKS.get(name, lambda export, mapped: None)(export, mapped)

    if len(mapped.responses) == 0:  # a header with no responses: nothing to save, and the page says so
        with pytest.raises(StoreError, match="no responses"):
            store.save_wave(mapped.responses, wave=wave, instrument_name="test", filename=name, who="ana")
        assert_same_state(store, before)
        return
    store.save_wave(mapped.responses, wave=wave, instrument_name="test", filename=name, who="ana", notes=export.notes)
    waves = store.waves()
    assert list(waves["wave"]) == sorted([*before[0]["wave"], wave])
    assert int(waves.set_index("wave").loc[wave, "responses"]) == len(mapped.responses)
    pd.testing.assert_frame_equal(store.responses(wave), mapped.responses)
    assert state_of(store, list(before[0]["wave"])) == before[1], "a save changed the waves stored before it"


def state_of(store: Store, waves: list[str]) -> str:
    responses = store.responses(waves)
    digest = hashlib.sha256(pd.util.hash_pandas_object(responses, index=True).to_numpy().tobytes())
    digest.update(repr(list(responses.columns)).encode())
    return digest.hexdigest()


# --- what particular files must keep ------------------------------------------------------------------------


def _formulas_in_cells(export: Export, mapped: MappedWave) -> None:
    frame = export.responses
    assert pd.isna(frame.loc[2, "VIS1"])  # <f>1+1</f> with no cached value: blank, never computed to 2
    assert frame.loc[3, "VIS1"] == "4"  # the value Excel cached (4), not 1+1 computed here
    assert frame.loc[3, "VIS2"] == "=1+1"  # typed as text: kept as text
    assert frame.loc[2, "comment"] == '=HYPERLINK("http://evil.example","x")'
    assert pd.isna(frame.loc[3, "comment"])  # a HYPERLINK formula with no cached value
    vis1 = mapped.responses["VIS1"].tolist()
    assert np.isnan(vis1[0]) and vis1[1:] == [4.0, 4.0]
    assert b"'=1+1" in mapped.problems_csv() and b",=1+1" not in mapped.problems_csv()


def _formulas_as_text(export: Export, mapped: MappedWave) -> None:
    frame = export.responses
    assert frame.loc[2, "VIS1"] == "=1+1" and frame.loc[3, "VIS2"] == "+1+1"
    assert frame.loc[2, "comment"] == '=HYPERLINK("http://evil.example","x")'
    assert frame.loc[3, "comment"] == "@SUM(A1:A2)"
    assert np.isnan(mapped.responses.loc[0, "VIS1"]) and np.isnan(mapped.responses.loc[1, "VIS2"])
    problems = mapped.problems
    assert problems[["row", "column", "value"]].values.tolist() == [[2, "VIS1", "=1+1"], [3, "VIS2", "+1+1"]]
    assert b"'=1+1" in mapped.problems_csv() and b"'+1+1" in mapped.problems_csv()


def _duplicates(rows: list[int], ids: list[str], kept: list[str]):
    def check(export: Export, mapped: MappedWave) -> None:
        duplicates = mapped.problems[mapped.problems["problem"].str.contains("already appears")]
        assert duplicates["row"].tolist() == rows
        assert duplicates["value"].tolist() == ids
        assert mapped.responses["response_id"].tolist() == kept
        assert mapped.responses["response_id"].is_unique

    return check


def _long_cell(export: Export, mapped: MappedWave) -> None:
    """The value longer than a cell may be is left out (and said, by the table's words); the rest is kept."""
    assert pd.isna(export.responses["comment"].iloc[0]) and export.responses["comment"].iloc[1] == "short"
    assert export.responses["VIS1"].tolist() == ["Agree", "Neither agree nor disagree"]


def _rows(count: int):
    def check(export: Export, mapped: MappedWave) -> None:
        assert len(export.responses) == len(mapped.responses) == count

    return check


def _columns(count: int):
    def check(export: Export, mapped: MappedWave) -> None:
        assert export.responses.shape == (3, count)

    return check


def _ragged(export: Export, mapped: MappedWave) -> None:
    frame = export.responses
    assert list(frame.columns)[-2:] == ["Column G", "Column H"]
    assert frame.loc[3, "Column G"] == "extra" and frame.loc[4, "response_id"] == "r3"
    assert pd.isna(frame.loc[2, "VIS1"])


CHECKS = {
    "formulas_in_cells.xlsx": _formulas_in_cells,
    "formulas_as_text.csv": _formulas_as_text,
    "duplicate_and_blank_ids.csv": _duplicates([3, 7], ["r1", "r4"], ["r1", "row-4", "row-5", "r4"]),
    "duplicate_and_blank_ids.xlsx": _duplicates([3], ["1"], ["1", "row-4", "2"]),
    "long_cell_1mb.csv": _long_cell,
    "long_cell_1mb.xlsx": _long_cell,
    "cell_45_megabytes.csv": _long_cell,
    "million_blank_rows.csv": _rows(3),
    "million_blank_rows.xlsx": _rows(3),
    "five_thousand_columns.csv": _columns(5006),
    "five_thousand_columns.xlsx": _columns(5006),
    "ragged_rows.csv": _ragged,
    "utf8_with_cp1252_bytes.csv": lambda export, mapped: (
        export.responses.loc[3, "comment"] == "Caf\u00e9 \u201cgood\u201d" or pytest.fail(export.responses.to_string())
    ),
}


# --- regressions found while building the corpus (ingest/_text.py, ingest/_files.py, ingest/reading.py) ----------


def test_a_quote_left_open_is_refused_naming_its_row_not_read_as_one_cell():
    data = b'id,VIS1\r\nr1,4\r\nr2,"4\r\nr3,5\r\nr4,2\r\n'
    with pytest.raises(ExportError, match="opens on row 3 of the file never ends"):
        read_export(data)
    with pytest.raises(ExportError, match="opens on row 2"):
        read_export(b'id,VIS1\r\nr1,"4')  # cut off inside the last cell, no final line break


def test_quotes_that_close_still_read_with_or_without_a_final_line_break():
    for data in (b'id,c\r\nr1,"a\r\nb"\r\nr2,x', b'id,c\nr1,"a ""q"""\n', b'id,c\rr1,"x"\r'):
        frame = read_export(data).responses
        assert len(frame) == (2 if b"r2" in data else 1)
    assert read_export(b'id,c\r\nr1,"a\r\nb"\r\nr2,x').responses["c"].tolist() == ["a\r\nb", "x"]


def test_a_cell_longer_than_the_csv_modules_default_limit_is_left_out_and_said_not_an_error():
    long = "word " * 60_000  # 300,000 characters: over csv's default 131,072, and over a cell's 32,767
    fits = "word " * 6_000  # 30,000 characters: kept whole
    export = read_export(f'id,comment\r\nr1,"{long}"\r\nr2,{long}\r\nr3,{fits}\r\n'.encode())
    assert export.responses["comment"].isna().tolist() == [True, True, False]
    assert len(export.responses.loc[4, "comment"]) == len(fits)
    assert any(
        "Left out 2 values longer than a cell can hold" in note
        and "row 2, column 'comment' (300,000 characters); row 3, column 'comment' (300,000 characters)" in note
        for note in export.notes
    ), export.notes


def test_a_text_file_wider_than_any_survey_export_is_refused_quickly():
    with pytest.raises(ExportError, match="5,000,001 columns, more than a survey export has"):
        read_export(b"a," * 5_000_000)


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf", b"\xef\xbb\xbf \r\n", b"\xff\xfe", b"\xfe\xff\x00 \x00\n"])
def test_a_byte_order_mark_with_nothing_after_it_is_an_empty_file(data):
    with pytest.raises(ExportError, match="The file is empty"):
        read_export(data)


def test_a_legacy_workbook_with_a_password_to_open_says_so():
    with pytest.raises(ExportError, match="password-protected"):
        read_export(make_bad_files.legacy_xls_with_filepass())


def test_the_same_container_without_a_password_reads():
    """The corpus's OLE container is sound: a real workbook stream (written by xlwt) inside it reads."""
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Responses")
    for r, row in enumerate([make_bad_files.HEADER, *make_bad_files.ROWS]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    export = read_export(make_bad_files.cfb({"Workbook": book.get_biff_data()}))
    assert export.responses["response_id"].tolist() == ["r1", "r2", "r3"]
