"""The Comments page, Settings and Upload in the running app: counts and quotes of the sample, nothing for a group
below the comment minimum, a reproducible sample, search and themes, the redaction list rewriting stored comments,
and an upload whose open question is stored redacted."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from metrics import load_instrument
from shell.text import plain
from store import STORE_ENV, open_store

ROOT = Path(__file__).resolve().parents[2]
INSTRUMENT = load_instrument()
SAMPLE_COMMENTS = ROOT / "data" / "sample" / "comments.csv"
BLANK_LIKE = {"", "n/a", "none", "nothing", "-", "no comment"}  # the sample's blank answers (its README)
SECRET = "Quokka"


@pytest.fixture
def store_path(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "comments.duckdb"
    monkeypatch.setenv(STORE_ENV, str(path))
    return path


def app_on(page: str, **query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params.update(query)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def choose(at: AppTest, label: str, value: str) -> None:
    next(box for box in at.sidebar.selectbox if box.label == label).select(value).run()
    assert not at.exception, at.exception


def quotes(at: AppTest) -> list[str]:
    """The quotes on the page: the Markdown blocks written with every punctuation mark escaped."""
    return [re.sub(r"\\(.)", r"\1", m.value) for m in at.markdown if "\\." in m.value or "\\," in m.value]


def page_text(at: AppTest) -> str:
    blocks = [*at.markdown, *at.caption, *at.info, *at.success, *at.warning]
    frames = " ".join(frame.value.to_string() for frame in at.dataframe)
    return " ".join(block.value for block in blocks) + frames


def test_the_sample_shows_its_commenters_and_quotes_with_details_removed(store_path):
    raw = pd.read_csv(SAMPLE_COMMENTS, dtype=str, keep_default_na=False)
    latest = raw[(raw["wave"] == "2025 Spring") & ~raw["text"].str.strip().str.casefold().isin(BLANK_LIKE)]
    at = app_on("app_pages/comments.py")
    assert at.title[0].value == "What staff said"
    assert f"**{latest['response_id'].nunique():,} of 1,901 people**" in page_text(at)
    shown = quotes(at)
    assert len(shown) == 8
    text = page_text(at).casefold()
    for planted in ("dana whitfield", "okafor", "@", "(555)", "https://"):
        assert planted not in text


def test_the_same_sample_is_drawn_again_and_another_on_request(store_path):
    first, second = app_on("app_pages/comments.py"), app_on("app_pages/comments.py")
    assert quotes(first) == quotes(second)
    first.button(key="comments_next").click().run()
    assert quotes(first) != quotes(second) and "(sample 2)" in page_text(first)


def test_search_and_a_theme_from_the_domains_link_narrow_the_quotes(store_path):
    at = app_on("app_pages/comments.py")
    at.text_input(key="comments_search").input("burnout").run()
    assert quotes(at) and all("burnout" in quote.casefold() for quote in quotes(at))
    themed = app_on("app_pages/comments.py", theme="RES")
    assert themed.selectbox(key="comments_theme").value == "RES"
    words = ("workload", "staff", "vacanc", "budget", "funding", "resource", "time", "overtime", "burnout", "tools")
    assert all(any(word in quote.casefold() for word in words + ("software", "systems")) for quote in quotes(themed))


def test_a_long_comment_is_read_whole_from_its_row_in_the_table(store_path):
    """Issue 22: the table of every matching comment holds two lines a row, so a longer comment is cut there; the
    reader selects its row and reads it whole below the table."""
    raw = set(pd.read_csv(SAMPLE_COMMENTS, dtype=str, keep_default_na=False)["text"])
    at = app_on("app_pages/comments.py")
    table = next(frame.value for frame in at.dataframe if list(frame.value.columns) == ["Question", "Text"])
    row = next(  # a comment as written, longer than two lines of the table, and not among the quotes drawn above it
        i for i, text in enumerate(table["Text"]) if len(text) > 180 and text in raw and text not in quotes(at)
    )
    comment, question = table["Text"].iloc[row], table["Question"].iloc[row]
    assert not any(block.value == plain(comment) for block in at.markdown)
    at.session_state["comments_every"] = {"selection": {"rows": [row], "columns": []}}
    at.run()
    assert not at.exception
    assert sum(block.value == plain(comment) for block in at.markdown) == 1
    assert any(block.value == plain(question) for block in at.caption)


def test_a_unit_below_the_comment_minimum_shows_no_comment(store_path):
    at = app_on("app_pages/comments.py")
    choose(at, "Agency", "Harbor City Public Schools")
    choose(at, "Unit", "Family & Community Engagement")  # 11 people, 6 commented (data/sample/README.md)
    assert any("Fewer than 10 people" in info.value for info in at.info)
    assert not quotes(at) and not at.dataframe


def hand_made_store(path: Path) -> None:
    """Agency Ag: unit A 15 people (12 commented), unit B 15 (4 commented, every comment with SECRET); agency
    Other: 15 people (12 commented). B is below the minimum; A is refused because Ag minus A would show B."""
    store = open_store(path)
    frames, comments = [], []
    for agency, unit, start, commenters, text in (
        ("Ag", "A", 0, 12, "More training on the data system please"),
        ("Ag", "B", 100, 4, f"{SECRET} says the budget process is broken"),
        ("Other", "C", 200, 12, "Our partners need clearer communication"),
    ):
        ids = [f"r{start + i}" for i in range(15)]
        rows = pd.DataFrame({"response_id": ids, "wave": "2026", "agency": agency, "unit": unit, "role_level": "staff"})
        for item in INSTRUMENT.items:
            rows[item.code] = np.float64(4.0)
        frames.append(rows)
        comments += [
            {"response_id": i, "question": "What one change?", "text": f"{text} {i}"} for i in ids[:commenters]
        ]
    store.save_wave(
        pd.concat(frames, ignore_index=True),
        wave="2026",
        instrument_name=INSTRUMENT.name,
        filename=None,
        who="test",
        comments=pd.DataFrame(comments),
    )


@pytest.mark.slow  # the whole page and the board pack, searched for each unit
@pytest.mark.parametrize("unit", ["A", "B"])
def test_no_word_of_the_small_unit_reaches_the_comments_page_or_the_board_pack(store_path, unit):
    hand_made_store(store_path)
    at = app_on("app_pages/comments.py")
    assert SECRET in page_text(at) or quotes(at)  # everyone: shown (28 commenters)
    choose(at, "Agency", "Ag")
    choose(at, "Unit", unit)
    assert not quotes(at) and SECRET not in page_text(at)
    assert any("Fewer than 10" in i.value or "hidden" in i.value for i in at.info)
    at.switch_page("app_pages/board_pack.py").run()  # the sidebar's agency and unit, chosen above
    at.checkbox(key="board_pack_voices").check().run()
    assert not at.exception
    assert any("What staff said is left out" in i.value for i in at.info)
    assert SECRET not in page_text(at)


def test_saving_the_redaction_list_removes_a_new_name_from_stored_comments(store_path):
    at = app_on("app_pages/settings.py")
    assert "Dana Whitfield" in at.text_area(key="settings_terms").value  # the sample's list
    before = open_store(store_path).comments()
    with_budget = int(before["text"].str.contains(r"\bbudget\b", case=False).sum())
    assert with_budget > 0
    at.text_area(key="settings_terms").input(at.text_area(key="settings_terms").value + "\nbudget").run()
    at.button(key="settings_save_terms").click().run()
    assert not at.exception and not at.error
    assert any(f"{with_budget} stored comments had one removed" in s.value for s in at.success)
    after = open_store(store_path).comments()
    assert not after["text"].str.contains(r"\bbudget\b", case=False).any()
    assert "edit_redaction_terms" in set(open_store(store_path).audit_log()["action"])


def upload_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Response ID", "Division", *INSTRUMENT.item_codes, "Any other comments?"])
    for i in range(8):
        note = {
            0: "Call me at (555) 201-3344 about the grant delays.",
            2: "Write to a.b@agency.example.org, please.",
            3: "The monitoring visits take too long.",
            5: "Thanks for asking us.",
        }.get(i, "n/a")
        writer.writerow([f"R{i}", "Pre-K Programs", *["Agree"] * len(INSTRUMENT.item_codes), note])
    return out.getvalue().encode("utf-8")


def test_an_uploaded_open_question_is_stored_redacted(store_path):
    at = app_on("app_pages/upload.py")
    at.file_uploader(key="upload_file").set_value(("survey.csv", upload_csv(), "text/csv")).run()
    assert not at.exception and not at.error
    at.text_input(key="upload_wave").input("2027 Trial").run()
    at.button(key="upload_save").click().run()
    assert not at.exception and not at.error
    stored = open_store(store_path).comments("2027 Trial")
    assert stored[["response_id", "text"]].values.tolist() == [  # R1, R4, R6, R7 answered "n/a": left out
        ["R0", "Call me at [phone removed] about the grant delays."],
        ["R2", "Write to [e-mail removed], please."],
        ["R3", "The monitoring visits take too long."],
        ["R5", "Thanks for asking us."],
    ]
    assert (stored["question"] == "Any other comments?").all()
