"""The upload page: a file goes in, its mapping and problems show, and Save keeps it as a wave; a broken file
gets a plain message and changes nothing."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from metrics import load_instrument
from store import STORE_ENV, open_store

ROOT = Path(__file__).resolve().parents[2]
ITEMS = load_instrument().item_codes


def export_csv() -> bytes:
    """Eight respondents of a plain workbook export: item codes as headers, answers as labels, one unreadable."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Response ID", "Division", "Role", *ITEMS])
    for i in range(8):
        answers = ["Agree" if (i + j) % 3 else "Strongly agree" for j in range(len(ITEMS))]
        if i == 5:
            answers[0] = "Maybe"  # not a label of the scale: a problem, never a guess
        writer.writerow([f"R{i}", "Pre-K Programs", "Director" if i < 2 else "Specialist", *answers])
    return out.getvalue().encode("utf-8")


@pytest.fixture
def upload_page(tmp_path, monkeypatch) -> tuple[AppTest, Path]:
    path = tmp_path / "upload.duckdb"
    monkeypatch.setenv(STORE_ENV, str(path))  # a store of its own: the other page tests keep theirs
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    at.switch_page("app_pages/upload.py").run()
    assert not at.exception
    return at, path


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_upload_map_and_save_a_wave(upload_page):
    at, path = upload_page
    waves_before = set(open_store(path).waves()["wave"])
    at.file_uploader(key="upload_file").set_value(("staff survey.csv", export_csv(), "text/csv")).run()
    assert not at.exception and not at.error
    assert metric(at, "Responses") == "8"
    assert metric(at, "Layout") == "plain"
    assert any("1 value(s) could not be read" in w.value for w in at.warning)
    problems = at.dataframe[-1].value
    assert problems["value"].tolist() == ["Maybe"] and problems["column"].tolist() == ["VIS1"]
    at.text_input(key="upload_wave").input("2019 Trial").run()
    at.button(key="upload_save").click().run()
    assert not at.exception and not at.error
    assert any("Saved 8 responses as 2019 Trial" in s.value for s in at.success)
    stored = open_store(path)
    assert set(stored.waves()["wave"]) == waves_before | {"2019 Trial"}
    saved = stored.responses("2019 Trial")
    assert saved["unit"].unique().tolist() == ["Pre-K Programs"]
    assert saved["role_level"].tolist().count("executive") == 2
    assert saved["VIS1"].isna().sum() == 1  # "Maybe" left blank
    assert "save_wave" in set(stored.audit_log()["action"])


def test_a_broken_file_gets_a_plain_message_and_changes_nothing(upload_page):
    at, path = upload_page
    before = open_store(path).waves()
    at.file_uploader(key="upload_file").set_value(("results.xlsx", b"\x00\x01not a workbook" * 50, "")).run()
    assert not at.exception
    assert at.error and "Traceback" not in at.error[0].value
    assert not at.metric
    assert open_store(path).waves()["wave"].tolist() == before["wave"].tolist()


def test_delete_a_stored_wave(upload_page):
    at, path = upload_page
    at.selectbox(key="upload_delete_wave").select("2023 Spring").run()
    at.button(key="upload_delete").click().run()
    assert not at.exception
    assert "2023 Spring" not in set(open_store(path).waves()["wave"])
    assert at.selectbox(key="upload_delete_wave").value == ""
    assert "delete_wave" in set(open_store(path).audit_log()["action"])


def test_a_csv_roster_is_saved_with_the_wave(upload_page):
    at, path = upload_page
    at.file_uploader(key="upload_file").set_value(("staff survey.csv", export_csv(), "text/csv")).run()
    at.text_input(key="upload_wave").input("2019 Trial").run()
    roster = b"Roster of invited staff\n\nAgency,Unit,Invited\nSEA,Pre-K Programs,12\n"
    at.file_uploader(key="upload_roster").set_value(("roster.csv", roster, "text/csv")).run()
    assert not at.exception and not at.error
    assert any("1 row, 12 people invited" in c.value for c in at.caption)
    at.button(key="upload_save").click().run()
    assert not at.exception and not at.error
    saved = open_store(path).roster("2019 Trial")
    assert saved[["agency", "unit", "invited"]].values.tolist() == [["SEA", "Pre-K Programs", 12]]


def test_a_roster_with_an_unreadable_count_blocks_saving_and_says_where(upload_page):
    at, path = upload_page
    waves_before = open_store(path).waves()["wave"].tolist()
    at.file_uploader(key="upload_file").set_value(("staff survey.csv", export_csv(), "text/csv")).run()
    at.text_input(key="upload_wave").input("2019 Trial").run()
    roster = b"agency,unit,invited\nSEA,Pre-K Programs,twelve\n"
    at.file_uploader(key="upload_roster").set_value(("roster.csv", roster, "text/csv")).run()
    assert not at.exception
    assert "row 2: 'twelve'" in at.error[0].value.replace("\\", "")
    assert at.button(key="upload_save").disabled
    assert open_store(path).waves()["wave"].tolist() == waves_before


def test_an_unknown_survey_is_said_first_and_cannot_be_saved_without_answers(upload_page):
    from tests.pages.test_own_instrument import own_export

    at, path = upload_page
    before = open_store(path).waves()["wave"].tolist()
    at.file_uploader(key="upload_file").set_value(("office survey.csv", own_export(), "text/csv")).run()
    assert not at.exception
    assert any(w.value.startswith("None of the 42 questions") for w in at.warning)
    assert at.button(key="upload_draft")  # "Make an instrument from this export"
    assert not any("Every value was read" in s.value for s in at.success)
    assert any("nothing to score" in e.value for e in at.error)
    at.text_input(key="upload_wave").input("2019 Unknown").run()
    assert at.button(key="upload_save").disabled
    assert open_store(path).waves()["wave"].tolist() == before


def test_a_file_of_several_waves_is_saved_as_each_wave(upload_page):
    at, path = upload_page
    lines = export_csv().decode("utf-8").splitlines()
    rows = [lines[0] + ",Wave"] + [line + (",2017 Fall" if i < 3 else ",2018 Fall") for i, line in enumerate(lines[1:])]
    at.file_uploader(key="upload_file").set_value(("two waves.csv", "\n".join(rows).encode(), "text/csv")).run()
    assert not at.exception
    assert any("This file holds 2 waves" in i.value and "2017 Fall (3)" in i.value for i in at.info)
    assert at.button(key="upload_save").disabled  # until the split is confirmed
    at.checkbox(key="upload_split").check().run()
    at.button(key="upload_save").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    stored = open_store(path)
    assert stored.responses("2017 Fall")["response_id"].tolist() == ["R0", "R1", "R2"]
    assert len(stored.responses("2018 Fall")) == 5
    assert any("Saved 8 responses as 2017 Fall and 2018 Fall" in s.value for s in at.success)
