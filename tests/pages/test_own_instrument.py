"""An agency's own survey, start to finish: its export drafted into an instrument, the instrument written as TOML and
read back, the export mapped to it and stored, and every page opened on that wave without an error, showing the
survey's own questions. The export asks no agency, unit or role: those read "Not reported" and the leader-staff
pages say that no role was asked."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import metrics
from ingest import draft_instrument, map_export, read_export
from store import STORE_ENV, open_store
from tests.pages.conftest import navigation_pages

ROOT = Path(__file__).resolve().parents[2]
WAVE = "2026 Own survey"  # sorts after the sample's waves, so every page opens on it
LABELS = ["Strongly disagree", "Disagree", "Agree", "Strongly agree"]  # a 4-point scale
GOALS = ["We know what our office is trying to achieve", "Our goals guide my daily work"]
SUPPORT = ["My supervisor helps me grow", "I get the feedback I need", "I have the training my role needs"]


def own_export() -> bytes:
    """A Qualtrics 'Data Table' CSV of 12 respondents: question Q1 (2 statements), Q2 (3 statements), a comment."""
    ids = ["ResponseId", "Q1_1", "Q1_2", "Q2_1", "Q2_2", "Q2_3", "Q3"]
    texts = [
        "Response ID",
        *(f"How much do you agree? - {s}" for s in GOALS),
        *(f"Thinking of the support you get - {s}" for s in SUPPORT),
        "Any other comments?",
    ]
    imports = [
        json.dumps({"ImportId": f"{i}"}) for i in ["_recordId", "QID1_1", "QID1_2", "QID2_1", "QID2_2", "QID2_3"]
    ]
    imports.append(json.dumps({"ImportId": "QID3_TEXT"}))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerows([ids, texts, imports])
    for r in range(12):
        # Goals: Agree (3) for everyone but r0-r2 (Strongly agree, 4); Support: Disagree (2) for r0-r5, Agree after.
        goals = [LABELS[3] if r < 3 else LABELS[2]] * 2
        support = [LABELS[1] if r < 6 else LABELS[2]] * 3
        writer.writerow([f"R_{r:02d}", *goals, *support, f"Meetings take up too much of week {r}." if r != 5 else ""])
    return out.getvalue().encode("utf-8")


@pytest.fixture(scope="module")
def own_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("own") / "own.duckdb"
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv(STORE_ENV, str(path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()  # the first start stores the sample waves
    export = read_export(own_export(), filename="office survey.csv")
    draft = draft_instrument(export, name="Riverside office survey")
    text = metrics.instrument_toml(draft.instrument)
    instrument = metrics.parse_instrument(text, source="own.toml")
    assert instrument == draft.instrument  # what is stored is what was drafted
    mapped = map_export(export, instrument, mapping=draft.mapping, wave=WAVE)
    assert mapped.problems.empty
    store = open_store(path)
    store.save_instrument(instrument.name, text, who="ana")
    store.save_wave(
        mapped.responses,
        wave=WAVE,
        instrument_name=instrument.name,
        filename="office survey.csv",
        who="ana",
        comments=mapped.comments,
    )
    yield path
    monkeypatch.undo()


def test_the_draft_scores_as_worked_by_hand(own_store):
    stored = open_store(own_store)
    instrument = metrics.parse_instrument(stored.instrument_text("Riverside office survey"))
    assert [len(instrument.items_of(d.code)) for d in instrument.domains] == [2, 3]
    scores = metrics.domain_scores(stored.responses(WAVE), instrument).set_index("domain")["score"]
    # On 1-4: goals are 4 for three people (score 100) and 3 for nine ((3 - 1) / 3 * 100 = 66.7): mean 75.0.
    # Support: 2 for six people (33.3) and 3 for six (66.7): mean 50.0.
    assert scores.tolist() == pytest.approx([75.0, 50.0])


@pytest.mark.parametrize("page", navigation_pages())
def test_every_page_opens_on_the_own_wave(own_store, page, monkeypatch):
    monkeypatch.setenv(STORE_ENV, str(own_store))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    shown = " ".join(str(element.value) for element in [*at.markdown, *at.caption, *at.info, *at.title])
    shown = shown.replace("\\", "")  # text from files is escaped for Markdown
    if page == "app_pages/domains.py":
        tables = pd.concat([frame.value for frame in at.dataframe], ignore_index=True).astype(str)
        statement = "We know what our office is trying to achieve"
        assert tables.apply(lambda column: column.str.contains(statement)).any().any()
    if page == "app_pages/trends.py":  # the sample's waves asked the default instrument: no domain of this one
        assert "Some waves were asked with another instrument" in shown
    if page == "app_pages/comments.py":  # 11 commenters, but no theme keywords for an own instrument's domains yet
        assert "has no theme keywords" in shown
    if page in ("app_pages/leaders_staff.py", "app_pages/collective.py"):
        assert "did not ask people's role" in shown
