"""No file the app writes lets a spreadsheet run text from a file or a person as a formula: every CSV and workbook
writer (problems report, plans, board-pack workbook, instrument template, page downloads) goes through the one rule
of `metrics.spreadsheet`, read back here with csv and openpyxl; numbers stay numbers."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from ingest import instrument_workbook
from ingest.export import Export
from ingest.mapping import map_export
from metrics import Domain, Instrument, Item, Scale
from metrics.spreadsheet import csv_bytes, csv_cell, csv_text_read
from plans import Action, plans_to_csv, plans_to_xlsx, read_plans
from reports import Pack, Section
from reports.findings import Finding
from reports.workbook import pack_workbook
from tests.plans.conftest import a_plan

ROOT = Path(__file__).resolve().parents[2]
PAYLOADS = (
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "-1+1",
    "@SUM(A1)",
    '\uff1dHYPERLINK("http://x")',  # a full-width equals sign
)


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def assert_inert_cells(content: bytes, texts) -> None:
    """Each text is in the workbook as a plain string with Excel's quote prefix, and no sheet holds a formula."""
    book = load_workbook(io.BytesIO(content))
    cells = {cell.value: cell for sheet in book for row in sheet.iter_rows() for cell in row if cell.value is not None}
    for text in texts:
        cell = cells[text]
        assert (cell.data_type, cell.quotePrefix) == ("s", True), (text, cell.coordinate)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name


def test_the_rule_defuses_every_formula_start_and_only_text():
    assert [csv_cell(text) for text in PAYLOADS] == ["'" + text for text in PAYLOADS]
    assert csv_cell("Agree") == "Agree" and csv_cell("'quoted'") == "''quoted'"  # an apostrophe is kept on reading
    assert csv_cell(-1.6) == -1.6 and csv_cell(None) is None
    assert [csv_text_read(csv_cell(text)) for text in [*PAYLOADS, "'quoted'", "Agree"]] == [
        *PAYLOADS,
        "'quoted'",
        "Agree",
    ]


def test_a_table_download_quotes_text_and_keeps_numbers():
    table = pd.DataFrame({"Text": [*PAYLOADS, "-1.6"], "Score": [-1.6, 2.0, 3.5, 0.0, 1.0, 4.0, 5.0]})
    header, *rows = csv_rows(csv_bytes(table))
    assert header == ["Text", "Score"]
    assert [row[0] for row in rows] == ["'" + text for text in [*PAYLOADS, "-1.6"]]  # the text "-1.6" too
    assert [row[1] for row in rows] == ["-1.6", "2.0", "3.5", "0.0", "1.0", "4.0", "5.0"]


def test_the_problems_report_defuses_negative_looking_formulas():
    """The old rule let a minus followed by a digit through: -2+3+cmd|... and -1+1 ran."""
    frame = pd.DataFrame({"VIS1": [*PAYLOADS, "Agree"]}, index=range(2, 2 + len(PAYLOADS) + 1))
    instrument = Instrument(
        "tiny", Scale(1, 5, ("SD", "D", "N", "A", "SA"), (4, 5)), (Domain("VIS", "VIS"),), (Item("VIS1", "VIS", "v"),)
    )
    wave = map_export(Export("plain", frame, {}), instrument, mapping={"VIS1": "VIS1"})
    header, *rows = csv_rows(wave.problems_csv())
    assert header == ["row", "column", "value", "problem"]
    assert [row[2] for row in rows] == ["'" + text for text in PAYLOADS]
    assert [row[0] for row in rows] == ["2", "3", "4", "5", "6", "7"]  # file rows stay numbers


def test_plans_files_keep_every_payload_as_text(default_instrument):
    plan = a_plan(
        plan_id="P1",
        problem=PAYLOADS[0],
        stakeholders=PAYLOADS[1:3],
        actions=tuple(Action(text, "Deputy", date(2025, 9, 30)) for text in PAYLOADS[3:]),
        baseline=58.3,
    )
    rows = csv_rows(plans_to_csv([plan]))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + PAYLOADS[0] in cells and all("'" + text in cells for text in PAYLOADS[3:])
    assert not any(cell.startswith(tuple(text[0] for text in PAYLOADS)) for cell in cells)  # nothing bare
    baseline = rows[0].index("baseline")
    assert rows[1][baseline] == "58.3"
    workbook = plans_to_xlsx([plan])
    assert_inert_cells(workbook, [PAYLOADS[0], *PAYLOADS[3:]])
    sheet = load_workbook(io.BytesIO(workbook))["Plans"]
    header = [cell.value for cell in sheet[1]]
    assert sheet.cell(2, header.index("baseline") + 1).data_type == "n"
    for content, name in [(plans_to_csv([plan]), "plans.csv"), (workbook, "plans.xlsx")]:
        assert read_plans(content, name, default_instrument) == ([plan], [])  # and both read back as written


def test_the_board_pack_workbook_keeps_every_payload_as_text():
    table = pd.DataFrame({"Unit": [*PAYLOADS, "Finance"], "Score (0–100)": ["1.0"] * len(PAYLOADS) + ["-1.6"]})
    section = Section("units", "Units", "Lead.", table)
    findings = [Finding(text, "units") for text in PAYLOADS]
    pack = Pack("Title", PAYLOADS[2], "scope", "w", None, findings, [section], pd.DataFrame({"Term": [PAYLOADS[3]]}))
    content = pack_workbook(pack)
    assert_inert_cells(content, PAYLOADS)
    sheet = load_workbook(io.BytesIO(content)).worksheets[1]
    numbers = [cell for row in sheet.iter_rows() for cell in row if cell.value == -1.6]
    assert len(numbers) == 1 and numbers[0].data_type == "n"  # the text "-1.6" of a score is a number


def test_the_instrument_template_keeps_every_payload_as_text():
    items = tuple(Item(f"VIS{i}", "VIS", text) for i, text in enumerate(PAYLOADS, start=1))
    instrument = Instrument(
        PAYLOADS[4], Scale(1, 4, ("SD", "D", "A", "SA"), (3, 4)), (Domain("VIS", PAYLOADS[3], PAYLOADS[2]),), items
    )
    content = instrument_workbook(instrument)
    assert_inert_cells(content, PAYLOADS)
    scale = load_workbook(io.BytesIO(content))["Scale"]
    numbers = [cell.value for row in scale.iter_rows() for cell in row if cell.data_type == "n" and cell.value]
    assert 1 in numbers and 4 in numbers  # the scale's ends stay numbers


def test_no_table_offers_streamlits_own_csv_download():
    """Streamlit's table toolbar writes cells as they are (no apostrophe), so the app turns it off for every table;
    checked the way `streamlit run` reads it, from the repository's .streamlit/config.toml."""
    code = "from streamlit import config; print(config.get_option('client.disableDataExport'))"
    shown = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "True"
