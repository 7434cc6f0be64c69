"""`read_roster` reads invited counts from a CSV or a workbook as analysts keep them, and refuses bad counts by cell."""

from __future__ import annotations

import openpyxl
import pytest

from ingest import ExportError, read_roster


def test_csv_with_a_title_row_and_capitalised_headers():
    text = "Invited staff 2024,,,\n,,,\nWave,Agency,Unit,Number invited\n2024,SEA,Unit A,12\n2024,SEA,Unit B,0\n"
    roster = read_roster(text.encode(), filename="roster.csv")
    assert roster.to_dict("list") == {
        "wave": ["2024", "2024"],
        "agency": ["SEA", "SEA"],
        "unit": ["Unit A", "Unit B"],
        "invited": [12, 0],
    }
    assert str(roster["invited"].dtype) == "int64"


def test_workbook_with_numbers_and_no_wave_column(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["agency", "unit", "invited"])
    book.active.append(["SEA", 101, 9.0])  # a numeric unit code stays as written, "101"
    path = tmp_path / "roster.xlsx"
    book.save(path)
    roster = read_roster(path)
    assert roster["unit"].tolist() == ["101"] and roster["invited"].tolist() == [9]
    assert roster["wave"].isna().all()  # the page fills it with the wave being saved


def test_every_bad_count_is_named_by_row():
    text = "agency,unit,invited\nSEA,A,12\nSEA,B,-1\nSEA,C,2.5\nSEA,D,\nSEA,E,many\n"
    with pytest.raises(ExportError) as raised:
        read_roster(text.encode())
    message = str(raised.value)
    assert "row 3: '-1'; row 4: '2.5'; row 5: blank; row 6: 'many'" in message


def test_a_missing_column_is_named():
    with pytest.raises(ExportError, match="needs the column invited"):
        read_roster(b"agency,unit,people\nSEA,A,3\n")
