"""The Instrument page: an analyst starts from a saved instrument, an export or a file, sees problems in plain words,
and saves an instrument the store keeps (with the audit log) and the Upload page then offers; the working copy's
merges, added domains and scale changes do what they say."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import metrics
from shell import instrument_editor as editor
from store import STORE_ENV, open_store
from tests.pages.test_own_instrument import own_export

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = metrics.load_instrument()


@pytest.fixture
def instrument_page(tmp_path, monkeypatch) -> tuple[AppTest, Path]:
    path = tmp_path / "instrument.duckdb"
    monkeypatch.setenv(STORE_ENV, str(path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("app_pages/instrument.py").run()
    assert not at.exception
    return at, path


def test_a_draft_from_an_export_is_saved_and_remembered_for_its_columns(instrument_page):
    at, path = instrument_page
    at.radio(key="instrument_start").set_value("An export file").run()
    at.file_uploader(key="instrument_export").set_value(("office survey.csv", own_export(), "text/csv")).run()
    at.button(key="instrument_draft").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    generation = at.session_state["instrument_generation"]
    # Rename the two drafted domains as staff would know them.
    at.text_input(key=f"instrument_name_{generation}_Q1").input("Clear goals").run()
    at.text_input(key=f"instrument_name_{generation}_Q2").input("Support to grow").run()
    at.text_input(key=f"instrument_title_{generation}").input("Riverside office survey").run()
    assert any("5 question(s) in 2 domain(s), on a 4-point scale" in s.value for s in at.success)
    at.button(key=f"instrument_save_{generation}").click().run()
    assert not at.exception and not at.error
    store = open_store(path)
    saved = metrics.parse_instrument(store.instrument_text("Riverside office survey"))
    assert [d.name for d in saved.domains] == ["Clear goals", "Support to grow"]
    assert saved.item_codes == ["Q1_1", "Q1_2", "Q2_1", "Q2_2", "Q2_3"]
    assert "save_instrument" in set(store.audit_log()["action"])
    # The export's columns are remembered with the instrument, for this wave and the next of the same survey.
    assert '"instrument": "Riverside office survey"' in store.mapping(_signature(own_export()))


def _signature(content: bytes) -> str:
    from ingest import read_export
    from store import mapping_signature

    return mapping_signature(read_export(content, filename="office survey.csv").responses.columns)


def test_the_default_cannot_be_saved_under_its_own_name(instrument_page):
    at, _ = instrument_page
    at.radio(key="instrument_start").set_value("A saved instrument").run()
    at.button(key="instrument_open").click().run()
    assert any("default instrument's name" in i.value for i in at.info)
    generation = at.session_state["instrument_generation"]
    assert at.button(key=f"instrument_save_{generation}").disabled


def test_an_instrument_file_that_cannot_be_read_gets_a_plain_message(instrument_page):
    at, path = instrument_page
    at.radio(key="instrument_start").set_value("An instrument file").run()
    at.file_uploader(key="instrument_file").set_value(("own.toml", b"name = 'x'\n[scale\nlo = 1", "")).run()
    at.button(key="instrument_read").click().run()
    assert not at.exception
    assert at.error and "not valid TOML" in at.error[0].value and "Traceback" not in at.error[0].value
    assert open_store(path).instruments().empty


def test_merge_moves_questions_and_roles_to_the_kept_domain():
    working = editor.from_instrument(DEFAULT, "test")
    merged = editor.merge(working, ["TRU", "COM"], "COM")
    instrument = editor.build(merged)
    assert "TRU" not in instrument.domain_codes
    assert [i.code for i in instrument.items_of("COM")] == [i.code for i in DEFAULT.items if i.domain in ("TRU", "COM")]
    assert instrument.role_domain("trust") == "COM"


def test_an_added_domain_without_questions_is_left_out_and_said():
    working = editor.add_domain(editor.from_instrument(DEFAULT, "test"), "NEW", "New ideas")
    instrument = editor.build(working)
    assert "NEW" not in instrument.domain_codes
    assert any(c.startswith("NEW has no question") for c in editor.cautions(instrument, working))
    with pytest.raises(ValueError, match="already exists"):
        editor.add_domain(working, "VIS", "Again")


def test_a_scale_of_four_points_keeps_labels_and_moves_favourable_points():
    working = editor.rescale(editor.from_instrument(DEFAULT, "test"), 4)
    assert working.labels == list(DEFAULT.scale.labels[:4]) and working.hi == 4
    assert working.favorable == [4]  # 4 and 5 were favourable on 1-5; 5 is gone
    seven = editor.rescale(working, 7)
    assert seven.labels[4:] == ["5", "6", "7"]


def test_an_unticked_new_row_is_not_reverse_coded():
    working = editor.from_instrument(DEFAULT, "test")
    extra = pd.DataFrame([("VIS9", "VIS", "A new question", float("nan"))], columns=list(editor.ITEM_COLUMNS))
    working.items = pd.concat([working.items, extra], ignore_index=True)
    assert editor.build(working).items[-1].reverse_coded is False


def test_domains_answered_in_other_words_cannot_be_merged():
    satisfied = ("Very dissatisfied", "Dissatisfied", "Neither", "Satisfied", "Very satisfied")
    working = editor.from_instrument(DEFAULT, "test")
    working.domain_labels = {"RES": satisfied}
    with pytest.raises(ValueError, match="RES was answered “Very dissatisfied … Very satisfied” and COM"):
        editor.merge(working, ["RES"], "COM")
    assert editor.wording(working, "RES") == satisfied and editor.wording(working, "COM") == DEFAULT.scale.labels
    # Both in the same words: fine.
    working.domain_labels["COM"] = satisfied
    assert "RES" not in editor.build(editor.merge(working, ["RES"], "COM")).domain_codes


def test_text_from_files_and_people_is_shown_as_text():
    from shell.text import plain

    # Every ASCII punctuation mark escaped: no bold, link, image or code; an address cannot be linked bare.
    assert plain("OSPO **2024** [w](x)") == r"OSPO \*\*2024\*\* \[w\]\(x\)"
    shown = plain("![x](http://example.com/a.png) www.example.com")
    assert "http://" not in shown.replace("\\", "") and "www." not in shown.replace("\\", "")
    assert shown.replace("\\", "").replace("\u2060", "") == "![x](http://example.com/a.png) www.example.com"


def test_an_earlier_version_of_a_saved_instrument_can_be_reopened(instrument_page):
    at, path = instrument_page
    first = metrics.instrument_toml(DEFAULT).replace(f'name = "{DEFAULT.name}"', 'name = "Our survey"', 1)
    second = first.replace('name = "Shared Vision & Common Purpose"', 'name = "Where we are going"', 1)
    assert second != first
    store = open_store(path)
    store.save_instrument("Our survey", first, who="first@agency.gov")
    store.save_instrument("Our survey", second, who="second@agency.gov")
    assert store.instrument_versions("Our survey")["version"].tolist() == [1, 2]
    at.run()
    at.radio(key="instrument_start").set_value("A saved instrument").run()
    at.selectbox(key="instrument_saved").set_value("Our survey").run()
    versions = at.selectbox(key="instrument_version_Our survey")
    assert versions.options[0].startswith("Version 2, saved") and "by second@agency.gov" in versions.options[0]
    versions.set_value(1).run()
    at.button(key="instrument_open").click().run()
    assert not at.exception
    working = at.session_state["instrument_working"]
    assert "Shared Vision & Common Purpose" in working.domains["name"].tolist()
    assert "Where we are going" not in working.domains["name"].tolist()
    assert "version 1 of the saved instrument Our survey" in working.source
