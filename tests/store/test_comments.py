"""Open-ended comments kept with their wave, the redaction terms and the theme lexicon: round trips, plain refusals
that keep nothing, audit entries that hold counts and never names, and a version 3 store brought up to date."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest

import store.schema
from store import SCHEMA_VERSION, Store, StoreError
from store.settings import DEFAULTS
from tests.store.conftest import small_wave

COLUMNS = ["wave", "response_id", "question", "text"]


def comments(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["response_id", "question", "text"])


def expected(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.astype("str") if len(table) else pd.DataFrame({c: pd.Series([], dtype="str") for c in COLUMNS})


SPRING = comments(
    ("r3", "What helps?", "The weekly huddle."),
    ("r1", "What helps?", "Clear goals from Dana."),
    ("r3", "What gets in the way?", "Too many forms."),
)


def save(store: Store, wave: str = "2025 Spring", **options) -> None:
    options = {"instrument_name": "d", "filename": "a.xlsx", "who": "ana", **options}
    store.save_wave(small_wave(wave), wave=wave, **options)


def test_comments_come_back_with_their_wave_in_the_order_given(store: Store) -> None:
    save(store, comments=SPRING)
    back = store.comments()
    pd.testing.assert_frame_equal(
        back,
        expected(
            ("2025 Spring", "r3", "What helps?", "The weekly huddle."),
            ("2025 Spring", "r1", "What helps?", "Clear goals from Dana."),
            ("2025 Spring", "r3", "What gets in the way?", "Too many forms."),
        ),
    )
    assert isinstance(back.index, pd.RangeIndex)
    entry = store.audit_log().iloc[-1]
    assert json.loads(entry["detail"]) == {"answers": 8, "comments": 3, "items": 3, "responses": 5}


def test_a_wave_saved_without_comments_has_none(store: Store) -> None:
    save(store)
    pd.testing.assert_frame_equal(store.comments(), expected())
    pd.testing.assert_frame_equal(store.comments("2025 Spring"), expected())


def test_a_replace_drops_the_old_comments_and_keeps_the_new(store: Store) -> None:
    save(store, comments=SPRING)
    save(store, comments=comments(("r5", "What helps?", "Lunch together.")), replace=True)
    pd.testing.assert_frame_equal(store.comments(), expected(("2025 Spring", "r5", "What helps?", "Lunch together.")))
    assert json.loads(store.audit_log().iloc[-1]["detail"])["comments"] == 1
    save(store, replace=True)  # a replace without comments leaves the wave without comments
    pd.testing.assert_frame_equal(store.comments(), expected())


def test_deleting_a_wave_deletes_its_comments_only(store: Store) -> None:
    save(store, comments=SPRING)
    save(store, wave="2024 Spring", comments=comments(("r2", "What helps?", "Mentoring.")))
    store.delete_wave("2025 Spring", who="ana")
    pd.testing.assert_frame_equal(store.comments(), expected(("2024 Spring", "r2", "What helps?", "Mentoring.")))


def test_comments_are_filtered_by_wave_and_sorted_by_wave_label(store: Store) -> None:
    save(store, comments=SPRING.iloc[:1])
    save(store, wave="2024 Spring", comments=comments(("r2", "Q", "Mentoring."), ("r4", "Q", "Space.")))
    save(store, wave="2023 Spring")
    assert store.comments()["wave"].tolist() == ["2024 Spring", "2024 Spring", "2025 Spring"]
    assert store.comments()["text"].tolist() == ["Mentoring.", "Space.", "The weekly huddle."]
    pd.testing.assert_frame_equal(store.comments("2025 Spring"), expected(("2025 Spring", *SPRING.iloc[0])))
    pd.testing.assert_frame_equal(store.comments(["2025 Spring", "2024 Spring"]), store.comments())
    assert store.comments(["2023 Spring"]).empty
    with pytest.raises(StoreError, match="No wave called '2026 Spring'"):
        store.comments("2026 Spring")


def test_a_comment_for_an_unknown_response_keeps_nothing(store: Store) -> None:
    version, log = store.version, store.audit_log()
    bad = comments(("r1", "Q", "Fine."), ("r9", "Q", "Who am I?"), ("r8", "Q", "Me neither."))
    with pytest.raises(StoreError) as refusal:
        save(store, comments=bad)
    assert str(refusal.value) == (
        "Comments for responses that are not in wave '2025 Spring': 2 (first: 'r9'). Every comment must belong to "
        "one of the wave's responses; nothing was saved."
    )
    assert store.waves().empty and store.comments().empty
    assert store.version == version
    pd.testing.assert_frame_equal(store.audit_log(), log)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (comments(("r1", "Q", "Fine."), ("r2", "Q", "   ")), "blank text: 1 \\(first: comment 2, response 'r2'\\)"),
        (comments(("r1", "Q", "Fine."), ("r2", "Q", None)), "blank text"),
        (comments(("r1", "", "Fine.")), "blank question"),
        (comments((None, "Q", "Fine.")), "without a response_id"),
        (pd.DataFrame({"response_id": ["r1"], "text": ["Fine."]}), "no 'question' column"),
    ],
)
def test_a_blank_or_incomplete_comment_is_refused(store: Store, bad: pd.DataFrame, message: str) -> None:
    save(store)
    with pytest.raises(StoreError, match=message):
        save(store, comments=bad, replace=True)
    assert store.waves()["responses"].tolist() == [5] and store.comments().empty  # the first save stands


# The sample -----------------------------------------------------------------------------------------------------


def sample(store: Store, **options) -> tuple[str, ...]:
    two_waves = pd.concat([small_wave("2024 Spring"), small_wave("2025 Spring")], ignore_index=True)
    return store.ensure_sample(
        "responses.xlsx",
        "roster.xlsx",
        read_responses=lambda path: two_waves,
        read_roster=lambda path: pd.DataFrame(
            {"wave": ["2025 Spring"], "agency": ["A"], "unit": ["U"], "invited": [9]}
        ),
        instrument_name="d",
        **options,
    )


SAMPLE_COMMENTS = pd.DataFrame(
    {
        "wave": ["2025 Spring", "2024 Spring", "2025 Spring"],
        "response_id": ["r2", "r1", "r4"],
        "question": ["Q", "Q", "Q"],
        "text": ["Later first.", "Earlier.", "Later second."],
    }
)


def test_the_sample_brings_its_comments_notes_and_terms(store: Store) -> None:
    loaded = sample(
        store,
        comments=SAMPLE_COMMENTS,
        wave_notes={"2025 Spring": ["Comments are invented."]},
        redaction_terms=[" Dana ", "dana", "Lee"],
    )
    assert loaded == ("2024 Spring", "2025 Spring")
    pd.testing.assert_frame_equal(
        store.comments(),
        expected(
            ("2024 Spring", "r1", "Q", "Earlier."),
            ("2025 Spring", "r2", "Q", "Later first."),
            ("2025 Spring", "r4", "Q", "Later second."),
        ),
    )
    assert store.waves()["notes"].tolist() == [
        ("Sample data bundled with Effective Offices",),
        ("Sample data bundled with Effective Offices", "Comments are invented."),
    ]
    assert store.redaction_terms() == ["Dana", "Lee"]
    log = store.audit_log()
    assert log["action"].tolist() == ["migrate", "save_wave", "save_wave", "save_roster", "edit_redaction_terms"]
    assert set(log["who"].iloc[1:]) == {"sample"}
    assert [json.loads(d).get("comments") for d in log["detail"].iloc[1:3]] == [1, 2]
    assert json.loads(log["detail"].iloc[-1]) == {"comments_changed": 0, "terms": 2}


def test_a_sample_comment_for_a_response_it_lacks_keeps_nothing(store: Store) -> None:
    wrong = SAMPLE_COMMENTS.assign(response_id=["r2", "r7", "r4"])
    with pytest.raises(StoreError, match="not in wave '2024 Spring': 1 \\(first: 'r7'\\)"):
        sample(store, comments=wrong, redaction_terms=["Dana"])
    assert store.waves().empty and store.redaction_terms() == [] and len(store.audit_log()) == 1
    with pytest.raises(StoreError, match="waves the sample does not hold: 2026 Spring"):
        sample(store, wave_notes={"2026 Spring": ["x"]})
    assert sample(store) == ("2024 Spring", "2025 Spring")  # and the sample still loads
    assert store.comments().empty and store.redaction_terms() == []


# Redaction terms ------------------------------------------------------------------------------------------------


def replacing(word: str):
    """A stand-in for ingest's redaction: `word` becomes [name]; also counts how often it ran."""

    def rewrite(texts: pd.Series) -> tuple[pd.Series, int]:
        rewrite.calls += 1
        return texts.str.replace(word, "[name]", regex=False), int(texts.str.count(word).sum())

    rewrite.calls = 0
    return rewrite


def test_redaction_terms_are_cleaned_and_kept(store: Store) -> None:
    assert store.redaction_terms() == []
    assert store.save_redaction_terms(["  Dana Lee ", "", "Sam", "dana lee", "   ", "SAM", "Ola"], who="ana") == 0
    assert store.redaction_terms() == ["Dana Lee", "Sam", "Ola"]
    entry = store.audit_log().iloc[-1]
    assert (entry["who"], entry["action"]) == ("ana", "edit_redaction_terms")
    assert json.loads(entry["detail"]) == {"comments_changed": 0, "terms": 3}
    entries = len(store.audit_log())
    store.save_redaction_terms(["Dana Lee", "Sam", "Ola "], who="ben")  # the same list: nothing written
    assert len(store.audit_log()) == entries
    store.save_redaction_terms([], who="ben")
    assert store.redaction_terms() == []


@pytest.mark.parametrize("bad", ["Dana", ["Dana", 7]])
def test_redaction_terms_must_be_a_list_of_text(store: Store, bad) -> None:
    with pytest.raises(StoreError, match="must be"):
        store.save_redaction_terms(bad, who="ana")
    assert store.redaction_terms() == []


def test_new_terms_rewrite_the_stored_comments_and_the_log_holds_counts_only(store: Store) -> None:
    save(store, comments=SPRING)  # "Clear goals from Dana." names Dana
    save(store, wave="2024 Spring", comments=comments(("r2", "Q", "Dana and Dana again."), ("r4", "Q", "Space.")))
    version = store.version
    rewrite = replacing("Dana")
    assert store.save_redaction_terms(["Dana"], who="ana", rewrite=rewrite) == 2
    assert rewrite.calls == 1
    assert store.comments()["text"].tolist() == [
        "[name] and [name] again.",
        "Space.",
        "The weekly huddle.",
        "Clear goals from [name].",
        "Too many forms.",
    ]
    assert store.version > version  # pages recompute their theme tables
    entry = store.audit_log().iloc[-1]
    assert json.loads(entry["detail"]) == {"comments_changed": 2, "terms": 1}
    assert not store.audit_log()["detail"].str.contains("Dana").any()
    # the same terms again: the comments no longer change, nothing is written, the version stays
    version, entries = store.version, len(store.audit_log())
    assert store.save_redaction_terms(["Dana"], who="ana", rewrite=replacing("Dana")) == 0
    assert (store.version, len(store.audit_log())) == (version, entries)


def test_a_rewrite_that_fails_changes_nothing(store: Store) -> None:
    save(store, comments=SPRING)
    before, version = store.comments(), store.version

    def blanking(texts: pd.Series) -> tuple[pd.Series, int]:
        return texts.str.replace(".", "", regex=False).where(texts != "Too many forms.", " "), 3

    def short(texts: pd.Series) -> tuple[pd.Series, int]:
        return texts.iloc[:1], 0

    def failing(texts: pd.Series) -> tuple[pd.Series, int]:
        raise RuntimeError("redaction broke")

    with pytest.raises(StoreError, match="left a comment blank"):
        store.save_redaction_terms(["Dana"], who="ana", rewrite=blanking)
    with pytest.raises(StoreError, match="one text for each comment"):
        store.save_redaction_terms(["Dana"], who="ana", rewrite=short)
    with pytest.raises(RuntimeError, match="redaction broke"):
        store.save_redaction_terms(["Dana"], who="ana", rewrite=failing)
    pd.testing.assert_frame_equal(store.comments(), before)
    assert store.redaction_terms() == [] and store.version == version


# Lexicon --------------------------------------------------------------------------------------------------------


def test_the_lexicon_is_none_until_saved_then_comes_back_cleaned(store: Store) -> None:
    assert store.lexicon() is None
    version = store.version
    table = pd.DataFrame(
        {
            "domain": ["VIS", " VIS ", "LEAD", "LEAD", "PAR", "VIS"],
            "keyword": ["goal", "goal ", "  ", None, "voice", "Goal"],
        }
    )
    store.save_lexicon(table, who="ana")
    back = store.lexicon()
    pd.testing.assert_frame_equal(
        back, pd.DataFrame({"domain": ["VIS", "PAR", "VIS"], "keyword": ["goal", "voice", "Goal"]}).astype("str")
    )
    assert isinstance(back.index, pd.RangeIndex)
    entry = store.audit_log().iloc[-1]
    assert (entry["who"], entry["action"], json.loads(entry["detail"])) == ("ana", "edit_lexicon", {"keywords": 3})
    assert store.version > version
    version, entries = store.version, len(store.audit_log())
    store.save_lexicon(back, who="ben")  # unchanged: nothing written
    assert (store.version, len(store.audit_log())) == (version, entries)
    store.save_lexicon(pd.DataFrame({"domain": [], "keyword": []}), who="ben")  # an empty lexicon is a lexicon
    assert store.lexicon().empty and list(store.lexicon().columns) == ["domain", "keyword"]
    assert store.version > version


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            pd.DataFrame({"domain": ["VIS", " "], "keyword": ["goal", "plan"]}),
            "without a domain: 1 \\(first: 'plan'\\)",
        ),
        (pd.DataFrame({"keyword": ["goal"]}), "no 'domain' column"),
    ],
)
def test_a_lexicon_keyword_without_a_domain_is_refused(store: Store, table: pd.DataFrame, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        store.save_lexicon(table, who="ana")
    assert store.lexicon() is None


# Settings -------------------------------------------------------------------------------------------------------


def test_the_comment_minimum_is_10_and_never_below_the_minimum_group_size(store: Store) -> None:
    assert DEFAULTS["comment_min_n"] == 10 and store.settings()["comment_min_n"] == 10
    store.save_settings({"min_n": 7, "comment_min_n": 7}, who="admin")  # equal to min_n: accepted
    assert store.settings()["comment_min_n"] == 7 and isinstance(store.settings()["comment_min_n"], int)
    message = "The comment minimum must be a whole number no smaller than the minimum group size"
    for bad in ({"comment_min_n": 6}, {"comment_min_n": 10.5}, {"min_n": 8}):
        with pytest.raises(ValueError, match=message):
            store.save_settings(bad, who="admin")
    assert (store.settings()["min_n"], store.settings()["comment_min_n"]) == (7, 7)
    store.save_settings({"comment_min_n": 12.0}, who="admin")
    assert store.settings()["comment_min_n"] == 12 and isinstance(store.settings()["comment_min_n"], int)


def test_a_comment_minimum_never_set_follows_the_minimum_group_size_up(store: Store) -> None:
    """Raising min_n alone (what today's settings page sends) is not refused; the audit shows both moves."""
    store.save_settings({"min_n": 40}, who="admin")
    assert (store.settings()["min_n"], store.settings()["comment_min_n"]) == (40, 40)
    assert json.loads(store.audit_log().iloc[-1]["detail"]) == {
        "comment_min_n": {"from": 10, "to": 40},
        "min_n": {"from": 5, "to": 40},
    }
    store.save_settings({"min_n": 6}, who="admin")  # and back down: it was never set, so it is 10 again
    assert (store.settings()["min_n"], store.settings()["comment_min_n"]) == (6, 10)


# Migration ------------------------------------------------------------------------------------------------------


def test_a_version_3_store_gains_comments_and_word_lists_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "v3.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("BEGIN TRANSACTION")
        for step in store.schema.MIGRATIONS[:3]:
            step(con)
        con.execute("INSERT INTO schema_version VALUES (3)")
        con.execute(
            "INSERT INTO waves VALUES ('2024 Spring', 'default', 'a.xlsx', TIMESTAMP '2024-05-01', 'x', 0, '[]', '[]')"
        )
        con.execute("INSERT INTO settings VALUES ('min_n', '12')")
        con.execute(
            "INSERT INTO plan_versions VALUES ('P0001', 1, TIMESTAMP '2024-06-01', 'x', 'create_plan', "
            """'{"plan_id": "P0001", "status": "open"}')"""
        )
        con.execute(
            "INSERT INTO audit_log VALUES (1, TIMESTAMP '2024-05-01', 'x', 'save_wave', '2024 Spring', NULL, '{}')"
        )
        con.execute("COMMIT")
    opened = Store(path)
    with duckdb.connect(str(path)) as con:
        tables = {name for (name,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert con.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)] == [(5,)]
    assert {"comments", "word_lists", "plan_versions", "waves"} <= tables
    assert opened.waves()["wave"].tolist() == ["2024 Spring"]
    assert opened.plans()["body"].tolist() == [{"plan_id": "P0001", "status": "open"}]
    assert (opened.settings()["min_n"], opened.settings()["comment_min_n"]) == (12, 12)  # read, not refused
    pd.testing.assert_frame_equal(opened.comments(), expected())
    assert opened.redaction_terms() == [] and opened.lexicon() is None
    log = opened.audit_log()
    assert log["action"].tolist() == ["save_wave", "migrate"]
    assert json.loads(log["detail"].iloc[-1]) == {"from_version": 3, "to_version": 5}
