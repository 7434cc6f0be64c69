"""Comments (proposed §7.7): commenter counts and their suppression, theme coding, and what a filtered view may
show, worked by hand on small tables (responses need no item columns: comments only count rows)."""

from __future__ import annotations

import itertools
import re
import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import metrics
from metrics import (
    ALL_QUESTIONS,
    PROTECTS_SMALL_GROUP,
    TOO_FEW_COMMENTS,
    check_comment_min_n,
    check_lexicon,
    code_themes,
    comment_counts,
    comment_sample,
    comment_themes,
    comment_view_refusal,
    load_lexicon,
    shown_comments,
)
from metrics.comments import _EXTRA_CASES, _NOT_WORD_FOLDS, _fold
from tests.metrics.conftest import tiny_instrument

W = "2025 Spring"
ALL = ALL_QUESTIONS


def people(sizes: dict, column: str = "unit", **constant) -> pd.DataFrame:
    """`size` responses of wave W for each value of `column` (a tuple of values for a tuple of columns),
    numbered r0, r1, ... in that order."""
    columns = column if isinstance(column, tuple) else (column,)
    rows = []
    for key, size in sizes.items():
        values = key if isinstance(key, tuple) else (key,)
        rows += [{"wave": W, **dict(zip(columns, values, strict=True)), **constant} for _ in range(size)]
    table = pd.DataFrame(rows)
    table.insert(0, "response_id", [f"r{i}" for i in range(len(table))])
    return table


def remarks(responses: pd.DataFrame, commenters: dict, column: str = "unit", question: str = "Q1") -> pd.DataFrame:
    """One comment on `question` by each of the first `count` responses of each group."""
    rows = []
    for key, count in commenters.items():
        keys = key if isinstance(key, tuple) else (key,)
        columns = column if isinstance(column, tuple) else (column,)
        mask = np.logical_and.reduce([responses[c] == k for c, k in zip(columns, keys, strict=True)])
        for rid in responses.loc[mask, "response_id"].iloc[:count]:
            rows.append({"wave": W, "response_id": rid, "question": question, "text": f"{rid} on {question}"})
    return pd.DataFrame(rows, columns=["wave", "response_id", "question", "text"])


def cells(result: pd.DataFrame, column: str = "unit", question: str = ALL) -> dict:
    at = result[result["question"] == question]
    return dict(zip(at[column], at["suppressed"], strict=True))


# -- the comment minimum and the cells --------------------------------------------------------------------------


@pytest.mark.parametrize(("commenters", "hidden"), [(9, True), (10, False), (11, False)])
def test_comment_minimum_at_its_boundary(commenters, hidden):
    # 30 responses, `commenters` of them comment once: 9 < 10 is hidden, exactly 10 is shown.
    responses = people({"A": 30})
    comments = remarks(responses, {"A": commenters})
    result = comment_counts(responses, comments, min_n=5, comment_min_n=10)
    assert result.columns.tolist() == ["question", "n", "commenters", "suppressed"]
    assert result["question"].tolist() == [ALL, "Q1"]
    assert result["n"].tolist() == [30, 30]
    assert result["commenters"].tolist() == [commenters, commenters]  # kept even when suppressed (§3.0)
    assert result["suppressed"].tolist() == [hidden, hidden]


def test_questions_groups_and_what_counts_as_a_commenter():
    # min_n = comment_min_n = 3. Units A (r0-r3), B (r4-r6) and a missing unit (r7-r9, "Not reported").
    responses = people({"A": 4, "B": 3, "_": 3})
    responses["unit"] = responses["unit"].replace({"_": None})
    before = responses.copy()
    comments = pd.DataFrame(
        [
            (W, "r0", "Q1", "slow answers"),
            (W, "r0", "Q1", "and again"),  # a second comment to Q1: r0 is still one commenter
            (W, "r1", "Q1", "ok"),
            (W, "r2", "Q2", "ok"),
            (W, "r3", "Q10", "ok"),
            (W, "r4", "Q1", "ok"),
            (W, "r5", "Q1", "ok"),
            (W, "r6", "Q1", "ok"),
            (W, "r7", "Q2", "   "),  # blank: no comment
            ("2024 Fall", "r0", "Q3", "another wave"),  # no such response in these rows: ignored, Q3 too
            (W, "r99", "Q3", "unknown response"),
        ],
        columns=["wave", "response_id", "question", "text"],
    )
    result = comment_counts(responses, comments, by="unit", min_n=3, comment_min_n=3)
    pd.testing.assert_frame_equal(responses, before)
    # Questions: ALL first, then as text by code point ("Q1" < "Q10" < "Q2"); every group has every row.
    assert result["unit"].tolist() == ["A"] * 4 + ["B"] * 4 + ["Not reported"] * 4
    assert result["question"].tolist() == [ALL, "Q1", "Q10", "Q2"] * 3
    # Commenters: A = r0-r3 (4), Q1 r0, r1 (2), Q10 r3, Q2 r2; B = r4-r6 on Q1; Not reported: nobody.
    assert result["commenters"].tolist() == [4, 2, 1, 1, 3, 3, 0, 0, 0, 0, 0, 0]
    assert result["n"].tolist() == [4] * 4 + [3] * 8
    # Primary: every cell below 3 commenters (A's Q1, Q10, Q2; B's Q10, Q2; all of Not reported's).
    # Step c, ALL: Not reported's is the lone hidden one; of the shown A (4) and B (3), B goes.
    # Step c, Q1: A's (2) and Not reported's (0) are hidden, but together they rest on 2 < 3 people, and the
    # parent's Q1 minus B's would be A's two commenters' words: B's Q1 (3) goes too.
    assert result.loc[~result["suppressed"], ["unit", "question"]].values.tolist() == [["A", ALL]]


def test_step_a_hides_a_group_with_enough_comments():
    # A 30 rows / 14 commenters, B 12 / 11, C 4 / 4 (min_n 5, comment_min_n 10).
    # C: 4 rows < 5, every cell primary. Step a: C is the lone small sibling, so of A and B the one with the
    # fewest respondents, B (12 rows), is hidden whole, although its 11 commenters reach 10.
    # Step c then finds two hidden cells (B, C) on each question: A stays shown.
    responses = people({"A": 30, "B": 12, "C": 4})
    result = comment_counts(responses, remarks(responses, {"A": 14, "B": 11, "C": 4}), by="unit")
    assert cells(result) == {"A": False, "B": True, "C": True}
    assert cells(result, question="Q1") == {"A": False, "B": True, "C": True}
    assert result.loc[result["question"] == ALL, "commenters"].tolist() == [14, 11, 4]


def test_a_group_below_min_n_is_hidden_even_when_comment_min_n_is_min_n():
    # comment_min_n = min_n = 5. B: 4 rows, all 4 commented: hidden (a group below min_n has fewer than min_n
    # commenters too, so the two primary rules agree). Step a takes A (6 rows, the fewest of the others).
    responses = people({"A": 6, "B": 4, "C": 8})
    result = comment_counts(responses, remarks(responses, {"A": 6, "B": 4, "C": 8}), by="unit", comment_min_n=5)
    assert cells(result) == {"A": True, "B": True, "C": False}


@pytest.mark.parametrize(
    ("commenters", "expected"),
    [
        # B: 9 < 10 commenters, primary. Step c: of the shown A (14) and C (12), C has fewer: hidden.
        ({"A": 14, "B": 9, "C": 12}, {"A": False, "B": True, "C": True}),
        # A tie at 12 between A and C: the first in sort order, A, is hidden.
        ({"A": 12, "B": 9, "C": 12}, {"A": True, "B": True, "C": False}),
        # Two below the minimum protect each other: nothing more.
        ({"A": 14, "B": 9, "C": 3}, {"A": False, "B": True, "C": True}),
        # Nobody below: nothing hidden.
        ({"A": 14, "B": 10, "C": 12}, {"A": False, "B": False, "C": False}),
    ],
)
def test_step_c_on_commenters(commenters, expected):
    responses = people({"A": 30, "B": 20, "C": 25})  # every group well above min_n: step a does nothing
    result = comment_counts(responses, remarks(responses, commenters), by="unit")
    assert cells(result) == expected
    assert cells(result, question="Q1") == expected  # one question, so Q1 has the commenters of ALL


def test_step_c_runs_per_question():
    # Q1: A 12, B 11, C 13 all shown. Q2: A 10, B 3, C 10 -> B primary; tie A/C at 10 -> A by step c.
    # ALL: A 12, B 11, C 13 (the Q2 commenters are among the Q1 ones): all shown.
    responses = people({"A": 20, "B": 20, "C": 20})
    comments = pd.concat(
        [
            remarks(responses, {"A": 12, "B": 11, "C": 13}),
            remarks(responses, {"A": 10, "B": 3, "C": 10}, question="Q2"),
        ]
    )
    result = comment_counts(responses, comments, by="unit")
    assert cells(result) == {"A": False, "B": False, "C": False}
    assert cells(result, question="Q1") == {"A": False, "B": False, "C": False}
    assert cells(result, question="Q2") == {"A": True, "B": True, "C": False}


def test_siblings_are_groups_sharing_every_by_value_but_the_last():
    # P: A 30/14, B 12/11, C 4/4 -> C primary, B step a (as above). Q: D 20/15, E 20/15 -> all shown.
    responses = people(
        {("P", "A"): 30, ("P", "B"): 12, ("P", "C"): 4, ("Q", "D"): 20, ("Q", "E"): 20}, ("agency", "unit")
    )
    comments = remarks(
        responses, {("P", "A"): 14, ("P", "B"): 11, ("P", "C"): 4, ("Q", "D"): 15, ("Q", "E"): 15}, ("agency", "unit")
    )
    result = comment_counts(responses, comments, by=("agency", "unit"))
    assert cells(result) == {"A": False, "B": True, "C": True, "D": False, "E": False}


def test_a_group_without_comments_and_no_comments_at_all():
    responses = people({"A": 20, "B": 20})
    empty = pd.DataFrame(columns=["wave", "response_id", "question", "text"])
    result = comment_counts(responses, empty, by="unit")
    assert result[["unit", "question", "n", "commenters", "suppressed"]].values.tolist() == [
        ["A", ALL, 20, 0, True],
        ["B", ALL, 20, 0, True],
    ]


def test_inputs_are_refused_in_plain_words():
    responses = people({"A": 20})
    comments = remarks(responses, {"A": 12})
    with pytest.raises(ValueError, match="no column 'question'"):
        comment_counts(responses, comments.drop(columns="question"))
    with pytest.raises(ValueError, match="no column 'team'"):
        comment_counts(responses, comments, by="team")
    with pytest.raises(ValueError, match="role_level"):
        comment_counts(responses.assign(role_level="boss"), comments)
    twice = responses.assign(response_id="r1")
    with pytest.raises(ValueError, match="have the response_id 'r1'"):
        comment_counts(twice, comments)
    with pytest.raises(ValueError, match="not text"):
        comment_counts(responses, comments.assign(text=5))


@pytest.mark.parametrize(
    ("comment_min_n", "min_n", "message"),
    [
        (9, 10, "below min_n = 10"),
        (4, 5, "below min_n = 5"),
        (10.0, 5, "whole number"),
        (True, 5, "whole number"),
        ("10", 5, "whole number"),
        (10, 2, "below 3"),
    ],
)
def test_check_comment_min_n(comment_min_n, min_n, message):
    with pytest.raises(ValueError, match=message):
        check_comment_min_n(comment_min_n, min_n)
    responses = people({"A": 20})
    with pytest.raises(ValueError, match=message):
        comment_counts(responses, remarks(responses, {"A": 12}), min_n=min_n, comment_min_n=comment_min_n)


@pytest.mark.parametrize(("comment_min_n", "min_n"), [(5, 5), (10, 5), (np.int64(12), 3)])
def test_check_comment_min_n_accepts(comment_min_n, min_n):
    check_comment_min_n(comment_min_n, min_n)


# -- the lexicon -------------------------------------------------------------------------------------------------


def test_default_lexicon_fits_the_default_instrument(default_instrument):
    raw = load_lexicon()
    assert raw.columns.tolist() == ["domain", "keyword"]
    checked = check_lexicon(raw, default_instrument)
    assert len(checked) == len(raw)  # nothing blank or repeated in the file
    order = default_instrument.domain_codes
    assert list(dict.fromkeys(checked["domain"])) == order  # every domain has keywords, in instrument order
    assert {"communicat*", "big picture", "top-down", "top down", "PD"} <= set(checked["keyword"])


def test_check_lexicon_cleans_and_orders():
    instrument = tiny_instrument({"VIS": 1, "COM": 1, "TRU": 1})
    rows = [
        ("TRU", "trust*"),
        (" COM ", "communicat*"),
        ("VIS", " Vision "),
        ("VIS", "vision"),
        ("VIS", "VISION"),
        ("COM", "in the loop"),
        ("VIS", "big  picture"),
        (None, ""),
        ("COM", "In The Loop"),
        ("VIS", "big picture"),
    ]
    raw = pd.DataFrame(rows, columns=["domain", "keyword"])
    before = raw.copy()
    checked = check_lexicon(raw, instrument)
    pd.testing.assert_frame_equal(raw, before)
    # Stripped; the blank row dropped; "vision"/"VISION" and "In The Loop" repeat earlier keywords (compared
    # case-insensitively), "big picture" repeats "big  picture" (any whitespace); rows in instrument order.
    assert checked.values.tolist() == [
        ["VIS", "Vision"],
        ["VIS", "big  picture"],
        ["COM", "communicat*"],
        ["COM", "in the loop"],
        ["TRU", "trust*"],
    ]


@pytest.mark.parametrize(
    ("domain", "keyword", "message"),
    [
        ("XYZ", "data", "domain 'XYZ', which the instrument does not have"),
        ("", "data", "has no domain"),
        ("COM", "e-mail!", "only letters, digits"),
        ("COM", "comm*nication", "only letters, digits"),
        ("COM", "communicat**", "only letters, digits"),
        ("COM", "data.*", "only letters, digits"),
        ("COM", "*", "no letter or digit"),
        ("COM", "- '", "no letter or digit"),
        ("COM", "co-*", "must follow a letter or digit"),
        ("COM", "say *", "must follow a letter or digit"),
        ("COM", "(data)", "only letters, digits"),
    ],
)
def test_check_lexicon_refuses(domain, keyword, message):
    instrument = tiny_instrument({"COM": 1})
    with pytest.raises(ValueError, match=re.escape(message)):
        check_lexicon(pd.DataFrame({"domain": [domain], "keyword": [keyword]}), instrument)


def test_load_lexicon_of_an_agency_file(tmp_path):
    path = tmp_path / "lexicon.csv"
    path.write_text("Domain, Keyword\nCOM,e-mail*\nCOM,NA\n", encoding="utf-8")
    assert load_lexicon(path).values.tolist() == [["COM", "e-mail*"], ["COM", "NA"]]  # "NA" stays a word
    (tmp_path / "bad.csv").write_text("domain,word\nCOM,x\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no 'keyword' column"):
        load_lexicon(tmp_path / "bad.csv")
    (tmp_path / "latin1.csv").write_bytes("domain,keyword\nCOM,r\xe9union\n".encode("latin-1"))
    with pytest.raises(ValueError, match="not a readable CSV"):
        load_lexicon(tmp_path / "latin1.csv")


# -- theme coding ------------------------------------------------------------------------------------------------


def baseline(texts: pd.Series, lexicon: pd.DataFrame) -> pd.DataFrame:
    """The definition, written apart from the module: per domain, `str.contains` with its keywords' alternation."""
    columns = {}
    for domain, keywords in lexicon.groupby("domain", sort=False)["keyword"]:
        parts = []
        for keyword in keywords:
            prefix = keyword.endswith("*")
            words = (keyword[:-1] if prefix else keyword).split()
            parts.append(r"\s+".join(map(re.escape, words)) + (r"\w*" if prefix else ""))
        pattern = rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)"
        columns[domain] = texts.str.contains(pattern, case=False, regex=True).astype(bool)
    return pd.DataFrame(columns, index=texts.index)


@pytest.mark.parametrize(
    ("keyword", "text", "mentions"),
    [
        ("communicat*", "Communication was late.", True),
        ("communicat*", "communicating", True),
        ("communicat*", "communicat", True),  # the prefix alone is a word that starts with it
        ("communicat*", "excommunicate them", False),  # not at the start of a word
        ("communicat*", "communal", False),
        ("time", "TIME!", True),
        ("time", "timeless", False),
        ("time", "overtime", False),
        ("data", "datum", False),
        ("data", "data-driven", True),  # a hyphen ends a word
        ("data", "data_driven", False),  # an underscore does not
        ("data", "data2", False),
        ("big picture", "the big\n\t picture", True),  # any whitespace between the words
        ("big picture", "bigpicture", False),
        ("big picture", "big-picture", False),
        ("top-down", "TOP-DOWN", True),
        ("top-down", "top down", False),
        ("top-down", "top\u2013down", False),  # an en dash is not a hyphen
        ("can't", "I can\u2019t", False),  # apostrophes match literally
        ("skill*", "\u017fkills", True),  # long s: `re` takes it for an s
        ("stra\u00dfe", "STRASSE", False),  # ß is not "ss" under IGNORECASE (it would be under casefold)
        ("stra\u00dfe", "STRA\u1e9eE", True),  # capital sharp s
        ("\u00e9valuation", "\u00c9VALUATION", True),
        ("\u00e9valuation", "e\u0301valuation", False),  # the decomposed form is other characters
        ("PD", "more pd please", True),
        ("input", "\u0130NPUT", True),  # capital I with dot lowercases to i
    ],
)
def test_code_themes_definition(keyword, text, mentions):
    lexicon = pd.DataFrame({"domain": ["D"], "keyword": [keyword]})
    texts = pd.Series([text], index=[7])
    assert code_themes(texts, lexicon).to_dict() == {"D": {7: mentions}}
    assert baseline(texts, lexicon).to_dict() == {"D": {7: mentions}}


def test_code_themes_shape_missing_texts_and_a_word_for_two_domains():
    lexicon = pd.DataFrame(
        {"domain": ["TRU", "LEAD", "SHD", "TRU"], "keyword": ["trust*", "leader*", "leaders", "safe"]}
    )
    texts = pd.Series(["Our leaders", None, "", "I feel safe; trust is high"], index=["a", "b", "c", "d"])
    before = texts.copy()
    result = code_themes(texts, lexicon)
    pd.testing.assert_series_equal(texts, before)
    assert result.columns.tolist() == ["TRU", "LEAD", "SHD"]  # first appearance
    assert result.index.tolist() == ["a", "b", "c", "d"]
    assert result.dtypes.tolist() == [np.dtype(bool)] * 3
    # "leaders" counts for LEAD (leader*) and SHD (leaders); missing and empty texts mention nothing.
    assert result.values.tolist() == [[False, True, True], [False, False, False], [False] * 3, [True, False, False]]
    with pytest.raises(ValueError, match="not text"):
        code_themes(pd.Series(["ok", 5]), lexicon)
    with pytest.raises(ValueError, match="only letters"):
        code_themes(texts, pd.DataFrame({"domain": ["D"], "keyword": ["(a|b)"]}))
    assert code_themes(pd.Series([], dtype=object), lexicon).shape == (0, 3)


def test_folding_matches_re_for_every_character():
    """The fast path compares words by a fold of their characters; this checks, against `re` itself, that two
    characters fold alike exactly when `re.IGNORECASE` matches one with the other, and that U+0345 is the only
    non-word character matched to a word character."""
    classes: dict[str, set[str]] = {}  # fold -> the characters folding to it (only those with a case)
    for code in range(sys.maxunicode + 1):
        character = chr(code)
        if character.lower() == character == character.upper() and code not in _EXTRA_CASES:
            continue  # no case: it folds to itself and matches only itself
        classes.setdefault(_fold(character), {_fold(character)}).add(character)
    haystack = "".join(sorted(set().union(*classes.values())))
    word = re.compile(r"\w")
    mixed = set()
    for folded, members in classes.items():
        for character in members:
            assert set(re.findall(re.escape(character), haystack, re.IGNORECASE)) == members, hex(ord(character))
        if len({bool(word.match(member)) for member in members}) > 1:
            mixed.add(folded)
    assert mixed == set(_NOT_WORD_FOLDS)


def test_a_keyword_with_an_iota_also_matches_ypogegrammeni():
    # 'ι' (iota) matches the combining U+0345, which is no word character: the keyword is found after a space.
    lexicon = pd.DataFrame({"domain": ["D", "D"], "keyword": ["\u03b9\u03b1", "x"]})
    texts = pd.Series([" \u0345\u03b1", "a\u0345\u03b1", "\u0399\u0391"])
    assert code_themes(texts, lexicon)["D"].tolist() == baseline(texts, lexicon)["D"].tolist() == [True, False, True]


DEFAULT_LEXICON = check_lexicon(load_lexicon(), metrics.load_instrument())


def _words_of(keyword: str) -> list[str]:
    body = keyword.rstrip("*")
    return [body, body + "s", body + "ing", body + "ion"] if keyword.endswith("*") else [keyword]


# Near misses, other separators inside keywords, and characters `re` folds unlike `str.casefold`.
ODD_WORDS = (
    "communal|timeless|datum|excommunicate|overtime|data_driven|2data|data2|informal|roles|role-play|pre-training|"
    "top\u2011down|top\u00a0down|big\tpicture|follow-through|in the  loop|out-of-the-loop|say-in|\u017fkill|"
    "\u0130nput|\u0131nput|K\u212aoach|\u00e9valuation|\u00c9VALUATION|e\u0301valuation|stra\u00dfe|head\nstart|the|a|we"
).split("|")
VOCABULARY = sorted({word for keyword in DEFAULT_LEXICON["keyword"] for word in _words_of(keyword)}) + ODD_WORDS
SEPARATORS = [" ", "  ", "\n", "\t", ", ", ". ", "-", "'", "\u2019", "_", "", "\x00", "\u0345", "!"]
CASINGS = [str, str.upper, str.lower, str.title, str.swapcase]
TEXT = st.lists(
    st.tuples(st.sampled_from(VOCABULARY), st.sampled_from(CASINGS), st.sampled_from(SEPARATORS)), max_size=12
).map(lambda parts: "".join(casing(word) + separator for word, casing, separator in parts))
TEXTS = st.lists(st.one_of(TEXT, TEXT, st.text(max_size=30)), max_size=25)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXTS)
def test_code_themes_equals_the_str_contains_baseline(texts):
    series = pd.Series(texts, dtype=object)
    pd.testing.assert_frame_equal(code_themes(series, DEFAULT_LEXICON), baseline(series, DEFAULT_LEXICON))


LETTERS = "ais\u0131\u0130I\u017fSk\u212aK\u03b9\u0399\u03c3\u03c2\u03a3\u00df\u1e9e\u00e9\u00c91"
KEYWORD = st.tuples(
    st.lists(st.text(LETTERS, min_size=1, max_size=3), min_size=1, max_size=3),
    st.sampled_from([" ", "-", "'", "  "]),
    st.booleans(),
).map(lambda k: k[1].join(k[0]) + ("*" if k[2] else ""))
LEXICONS = st.lists(st.tuples(st.sampled_from(["D1", "D2", "D3"]), KEYWORD), min_size=1, max_size=8).map(
    lambda rows: pd.DataFrame(rows, columns=["domain", "keyword"])
)
ODD_TEXTS = st.lists(st.text(LETTERS + " -'\n\u0345_x\x00", max_size=20), max_size=20)


@SETTINGS
@given(LEXICONS, ODD_TEXTS)
def test_code_themes_equals_the_baseline_on_random_lexicons(lexicon, texts):
    series = pd.Series(texts, dtype=object)
    cleaned = metrics.comments._clean_lexicon(lexicon)
    pd.testing.assert_frame_equal(code_themes(series, lexicon), baseline(series, cleaned))


def test_code_themes_on_a_str_series_equals_object():
    texts = ["Communication, trust and data.", "nothing", "top-down decisions", "in the\nloop"]
    ours = code_themes(pd.Series(texts), DEFAULT_LEXICON)
    pd.testing.assert_frame_equal(ours, code_themes(pd.Series(texts, dtype=object), DEFAULT_LEXICON))
    pd.testing.assert_frame_equal(ours, baseline(pd.Series(texts), DEFAULT_LEXICON))


# -- themes per group ----------------------------------------------------------------------------------------------

THEMES = pd.DataFrame(
    {
        "domain": ["TRU", "COM", "SHD", "LEAD", "COM", "SHD"],
        "keyword": ["trust*", "communicat*", "leaders", "leader*", "in the loop", "top-down"],
    }
)


def test_comment_themes_worked_by_hand():
    # Unit A: 12 rows, r0-r10 comment (11 commenters). B: 6 rows, 3 commenters. C: 12 rows, 10 commenters.
    responses = people({"A": 12, "B": 6, "C": 12})
    a_comments = [
        ("r0", "Q1", "Communication is poor."),
        ("r0", "Q2", "Still no communication."),  # r0 mentions COM twice: one commenter
        ("r1", "Q1", "I trust my team; trust matters."),
        ("r2", "Q1", "Our leaders keep us in the\nloop."),  # LEAD and SHD ("leaders"), COM (in the loop)
        ("r3", "Q1", "Top-down decisions."),  # SHD
        ("r4", "Q1", "Leadership is fine"),  # LEAD (leader*), not SHD
        ("r5", "Q1", "communal kitchen"),  # nothing
        ("r6", "Q1", "Distrust everywhere"),  # nothing: trust* must start the word
        ("r7", "Q1", "communicating better"),  # COM
        ("r8", "Q1", "TRUST issues"),  # TRU
        ("r9", "Q1", "ok"),
        ("r10", "Q2", "fine"),
    ]
    rows = [(W, rid, question, text) for rid, question, text in a_comments]
    rows += [(W, f"r{i}", "Q1", "trust") for i in range(12, 15)]  # B: r12-r14
    rows += [(W, f"r{i}", "Q1", "fine") for i in range(18, 28)]  # C: r18-r27
    comments = pd.DataFrame(rows, columns=["wave", "response_id", "question", "text"])
    result = comment_themes(responses, comments, THEMES, by="unit")
    assert result.columns.tolist() == ["unit", "domain", "commenters", "mentions", "share", "suppressed"]
    assert result["domain"].tolist() == ["TRU", "COM", "SHD", "LEAD"] * 3  # the lexicon's first appearance
    a = result[result["unit"] == "A"].set_index("domain")
    # COM: r0, r2, r7 = 3 of 11; TRU: r1, r8 = 2; SHD: r2, r3 = 2; LEAD: r2, r4 = 2.
    assert a["commenters"].tolist() == [11] * 4
    assert a["mentions"].to_dict() == {"TRU": 2, "COM": 3, "SHD": 2, "LEAD": 2}
    assert a["share"].to_dict() == pytest.approx({"TRU": 200 / 11, "COM": 300 / 11, "SHD": 200 / 11, "LEAD": 200 / 11})
    # B: 3 < 10 commenters, primary; C (10) is the shown sibling with fewer commenters than A (11): step c.
    assert dict(zip(result["unit"], result["suppressed"], strict=False)) == {"A": False, "B": True, "C": True}
    hidden = result[result["suppressed"]]
    assert hidden[["mentions", "share"]].isna().all().all()
    assert hidden["commenters"].tolist() == [3] * 4 + [10] * 4  # kept for the rules, never shown
    counts = comment_counts(responses, comments, by="unit")
    assert cells(counts) == {"A": False, "B": True, "C": True}
    # In instrument order after check_lexicon.
    ordered = check_lexicon(THEMES, metrics.load_instrument())
    assert comment_themes(responses, comments, ordered)["domain"].tolist() == ["LEAD", "COM", "SHD", "TRU"]
    # A coding kept by the caller (one per wave, for every breakdown) gives the same table; another one is refused.
    coded = code_themes(comments["text"], THEMES)
    kept = comment_themes(responses, comments, THEMES, by="unit", coded=coded)
    pd.testing.assert_frame_equal(kept, result)
    with pytest.raises(ValueError, match="does not belong"):
        comment_themes(responses, comments, THEMES, by="unit", coded=coded.iloc[:-1])


# -- filtered views ----------------------------------------------------------------------------------------------


def roles(staff: int, manager: int, support: int, counts: dict[str, dict[str, int]]) -> tuple:
    """Responses of one unit by role, and comments: counts[question][role] = commenters (the role's first ones)."""
    responses = people({"staff": staff, "manager": manager, "support": support}, "role_level", unit="X", agency="North")
    comments = pd.concat(
        [remarks(responses, by_role, "role_level", question) for question, by_role in counts.items()],
        ignore_index=True,
    )
    return responses, comments


@pytest.mark.parametrize(
    ("commenters", "role", "reason"),
    [
        # staff 20 rows, manager 6, support 15: view_refusal allows every role (each leaves out 21 rows or more).
        ({"staff": 9}, "staff", TOO_FEW_COMMENTS),  # 9 < 10 commenters in the view
        ({"staff": 12, "manager": 3}, "staff", PROTECTS_SMALL_GROUP),  # leaves out 3 commenters of the unit
        ({"staff": 12}, "staff", ""),  # leaves out 0; manager and support both hidden in the breakdown
        # manager 0 hidden alone in the breakdown by role: of staff and support (12 each) step c takes the first
        # in sort order, staff; its view would show what the breakdown hides. Support may be shown.
        ({"staff": 12, "support": 12}, "staff", PROTECTS_SMALL_GROUP),
        ({"staff": 12, "support": 12}, "support", ""),
        ({"staff": 20}, "executive", metrics.EMPTY),  # view_refusal's own reason comes first
        ({"staff": 9}, None, TOO_FEW_COMMENTS),  # the whole unit: 9 commenters
        ({"staff": 10}, None, ""),
    ],
)
def test_comment_view_refusal(commenters, role, reason):
    responses, comments = roles(20, 6, 15, {"Q1": commenters})
    assert comment_view_refusal(responses, comments, W, "North", "X", role) == reason
    shown = shown_comments(responses, comments, W, "North", "X", role)
    assert shown.columns.tolist() == ["question", "text", "person"]
    assert shown.empty == (reason != "")


def test_comment_view_refusal_on_the_unit_filter():
    # Agency North: unit X 20 rows / 12 commenters, unit Y 20 rows / 4 commenters. The view of unit X leaves
    # out 4 commenters of the agency (1 to 9): refused; with Y at 10 commenters it is allowed.
    responses = people({"X": 20, "Y": 20}, agency="North", role_level="staff")
    for y, reason in ((4, PROTECTS_SMALL_GROUP), (10, "")):
        comments = remarks(responses, {"X": 12, "Y": y})
        assert comment_view_refusal(responses, comments, W, "North", "X", None) == reason


def test_comment_views_against_a_view_two_filters_wider_and_a_unit_named_across_agencies():
    # North: unit X 40 rows / 30 commenters (its only unit); South: unit Y 40 rows / 3 commenters.
    # "North" and "North · X" leave nobody out of each other, but set against the whole wave (both filters of
    # "North · X" removed) they leave South's 3 commenters out: 1 to 9, so neither may show comments.
    responses = people({("North", "X"): 40, ("South", "Y"): 40}, ("agency", "unit"), role_level="staff")
    comments = remarks(responses, {("North", "X"): 30, ("South", "Y"): 3}, ("agency", "unit"))
    assert comment_view_refusal(responses, comments, W, "North", None, None) == PROTECTS_SMALL_GROUP
    assert comment_view_refusal(responses, comments, W, "North", "X", None) == PROTECTS_SMALL_GROUP
    assert shown_comments(responses, comments, W, "North", "X", None).empty
    # Unit "X" in North (30 commenters) and in South (4 commenters): "All agencies · X" pools both, so it
    # would show South's 4 people's words beside North's own list. South's view of X shows none: refused.
    responses = people({("North", "X"): 40, ("South", "X"): 40}, ("agency", "unit"), role_level="staff")
    comments = remarks(responses, {("North", "X"): 30, ("South", "X"): 4}, ("agency", "unit"))
    assert comment_view_refusal(responses, comments, W, "South", "X", None) == TOO_FEW_COMMENTS
    assert comment_view_refusal(responses, comments, W, None, "X", None) == PROTECTS_SMALL_GROUP
    comments = remarks(responses, {("North", "X"): 30, ("South", "X"): 12}, ("agency", "unit"))
    assert comment_view_refusal(responses, comments, W, None, "X", None) == ""
    assert len(shown_comments(responses, comments, W, None, "X", None)) == 42


def scenario():
    # staff 20, support 15, manager 10 rows in unit X (45). Commenters by question:
    #   Q1: staff 12, support 12, manager 10      Q2: staff 9
    #   Q3: staff 10, manager 2                   Q4: staff 15, support 11, manager 4
    # ALL: staff 15 (s0-s14), support 12, manager 10: every view of a role may show comments.
    return roles(
        20,
        10,
        15,
        {
            "Q1": {"staff": 12, "support": 12, "manager": 10},
            "Q2": {"staff": 9},
            "Q3": {"staff": 10, "manager": 2},
            "Q4": {"staff": 15, "support": 11, "manager": 4},
        },
    )


@pytest.mark.parametrize(
    ("role", "questions"),
    [
        # Staff: Q2 has 9 < 10 commenters; Q3 leaves out the managers' 2: both left out. Q1 and Q4 shown.
        ("staff", {"Q1": 12, "Q4": 15}),
        # Support: Q4 has 11 commenters and leaves out 19, but the breakdown by role hides it (manager's 4 are
        # primary, support's 11 the smallest shown: step c), else whole-unit Q4 minus staff's minus support's
        # would be the managers' 4 comments, word for word.
        ("support", {"Q1": 12}),
        ("manager", {"Q1": 10}),  # Q3 (2) and Q4 (4) below 10
        (None, {"Q1": 34, "Q3": 12, "Q4": 30}),  # the whole unit: Q2's 9 left out
    ],
)
def test_shown_comments_leaves_out_hidden_questions(role, questions):
    responses, comments = scenario()
    before = comments.copy()
    shown = shown_comments(responses, comments, W, "North", "X", role)
    pd.testing.assert_frame_equal(comments, before)
    assert shown.columns.tolist() == ["question", "text", "person"]
    assert shown["question"].value_counts().to_dict() == questions
    assert comment_view_refusal(responses, comments, W, "North", "X", role) == ""
    role_of = dict(zip(responses["response_id"], responses["role_level"], strict=True))
    for text in shown["text"]:  # only the view's own comments
        assert role is None or role_of[text.split()[0]] == role


def test_shown_comments_order():
    # min_n = comment_min_n = 3, three responses, all commenting on Q2 and Q10 (comments given shuffled).
    responses = people({"A": 3})
    comments = pd.DataFrame(
        [
            (W, "r2", "Q2", "z"),
            (W, "r0", "Q2", "y"),
            (W, "r1", "Q2", "x"),
            (W, "r0", "Q10", "w"),
            (W, "r1", "Q10", "v"),
            (W, "r2", "Q10", "u"),
            (W, "r0", "Q2", "t"),
            (W, "r1", "Q2", None),  # blank: never shown
        ],
        columns=["wave", "response_id", "question", "text"],
    )
    shown = shown_comments(responses, comments, W, None, None, None, min_n=3, comment_min_n=3)
    # Question as text ("Q10" < "Q2"), then the responses' order (r0, r1, r2), then the comments' order; the
    # writers numbered as they first appear: r0 is 0, r1 is 1, r2 is 2.
    assert shown.values.tolist() == [
        ["Q10", "w", 0],
        ["Q10", "v", 1],
        ["Q10", "u", 2],
        ["Q2", "y", 0],
        ["Q2", "t", 0],
        ["Q2", "x", 1],
        ["Q2", "z", 2],
    ]
    assert isinstance(shown.index, pd.RangeIndex)


def test_comment_sample_is_reproducible():
    responses, comments = scenario()
    shown = shown_comments(responses, comments, W, "North", "X", None)
    first = comment_sample(shown, 5, seed=11)
    assert len(first) == 5 and first.columns.tolist() == ["question", "text"]
    assert first.index.tolist() == [0, 1, 2, 3, 4]
    pd.testing.assert_frame_equal(first, comment_sample(shown, 5, seed=11))
    assert first.isin(shown.to_dict("list")).all().all()
    assert not first.equals(comment_sample(shown, 5, seed=12))
    assert len(comment_sample(shown[["question", "text"]], 500, seed=1)) == len(shown)
    assert comment_sample(shown, 0, seed=1).empty
    with pytest.raises(ValueError, match="whole number"):
        comment_sample(shown, -1, seed=1)
    with pytest.raises(ValueError, match="whole number"):
        comment_sample(shown, 2.5, seed=1)


def test_a_sample_quotes_each_person_once():
    """Issue 23: quotes repeated one respondent. Person 0 wrote four of the six comments; whatever the seed, a
    sample holds at most one of them, and asking for more than there are people gives one comment per person."""
    shown = pd.DataFrame(
        {
            "question": ["Q1", "Q1", "Q2", "Q2", "Q1", "Q2"],
            "text": ["a", "b", "c", "d", "e", "f"],
            "person": [0, 0, 0, 0, 1, 2],
        }
    )
    by_person = dict(zip(shown["text"], shown["person"], strict=True))
    for seed in range(40):
        drawn = comment_sample(shown, 3, seed)
        assert drawn.columns.tolist() == ["question", "text"]
        assert sorted(by_person[text] for text in drawn["text"]) == [0, 1, 2]
    assert len(comment_sample(shown, 10, seed=1)) == 3


def test_the_shown_comments_tell_people_apart():
    """`person` numbers the writers in the table's order: the same number exactly when the same response wrote them."""
    responses, comments = scenario()
    shown = shown_comments(responses, comments, W, "North", "X", None)
    written = comments.merge(responses[["wave", "response_id"]], on=["wave", "response_id"])
    writer = dict(zip(written["text"], written["response_id"], strict=False))
    assert len(set(writer)) == len(written)  # every text of the scenario is its own, so it names its writer
    for (_, one), (_, other) in itertools.combinations(shown.iterrows(), 2):
        assert (one["person"] == other["person"]) == (writer[one["text"]] == writer[other["text"]])


@pytest.mark.parametrize("role", ["staff", "support", "manager", None, "executive"])
def test_comment_view_is_the_refusal_and_the_shown_comments_at_once(role):
    responses, comments = scenario()
    reason, shown = metrics.comment_view(responses, comments, W, "North", "X", role)
    assert reason == comment_view_refusal(responses, comments, W, "North", "X", role)
    pd.testing.assert_frame_equal(shown, shown_comments(responses, comments, W, "North", "X", role))
