"""Redacting comments (ingest/comments.py): e-mail and web addresses, phone numbers, an agency's listed names;
which answers count as "no comment"; the note that counts what was removed."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from ingest.comments import BLANK_ANSWERS, MARKERS, Redactor, is_blank_comment, redaction_note

EMAIL, URL, PHONE, NAME = MARKERS["email"], MARKERS["url"], MARKERS["phone"], MARKERS["term"]


def redacted(text: str, terms=()) -> str:
    return Redactor(terms).redact(text)[0]


def test_the_markers():
    assert MARKERS == {
        "email": "[e-mail removed]",
        "phone": "[phone removed]",
        "url": "[web address removed]",
        "term": "[name removed]",
    }


# --- e-mail addresses -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(jane.doe@ed.state.us).", "([e-mail removed])."),
        ("<a.b+c@x.org>,", "<[e-mail removed]>,"),
        ("Write to jane@example.com.", "Write to [e-mail removed]."),
        ("JANE.DOE@ED.STATE.NJ.US or bob_k@district12.k12.ca.us!", "[e-mail removed] or [e-mail removed]!"),
        ('"m.o\'brien@agency.gov";', '"[e-mail removed]";'),
        ("mailto:jane@x.org", "mailto:[e-mail removed]"),
        ("someone @ home, a@b, @handle", "someone @ home, a@b, @handle"),  # no domain: not an address
    ],
)
def test_email_addresses_keep_the_punctuation_around_them(text, expected):
    assert redacted(text) == expected


# --- web addresses --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("See https://ed.gov/plan?x=1&y=2.", "See [web address removed]."),
        ("(http://example.org/a/b)", "([web address removed])"),
        ('"https://x.org/page",', '"[web address removed]",'),
        ("Try www.ed.state.nj.us; it helps", "Try [web address removed]; it helps"),
        ("ed.state.nj.us/plan.", "[web address removed]."),
        ("visit example.org!", "visit [web address removed]!"),
        ("on district.k12.nj.us?", "on [web address removed]?"),
        ("at agency.gov.uk now", "at [web address removed] now"),
        ("see intranet.local/hr/forms]", "see [web address removed]]"),  # any ending, with a path
        ("'myschool.edu'", "'[web address removed]'"),
        ("HTTP://EXAMPLE.COM/X:", "[web address removed]:"),
    ],
)
def test_web_addresses_leave_trailing_sentence_punctuation(text, expected):
    assert redacted(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "e.g. more time",
        "i.e., less paper",
        "We moved to Node.js and Vue.js last year.",
        "Node.js/React rewrite",  # a language suffix is not a domain, even with a path
        "Scores rose from 3.5 to 4.2 (3.5/5).",
        "a.m. and p.m. meetings in the U.S. with a Ph.D.",
        "version 2.0.1 of the tool",
        "and/or",
        "St.Louis office",
        "notes.txt/old",
    ],
)
def test_dotted_words_and_decimals_are_not_web_addresses(text):
    assert Redactor().redact(text) == (text, {})


# --- phone numbers --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phone",
    [
        "(555) 123-4567",
        "(555)123-4567",
        "555-123-4567",
        "555.123.4567",
        "555 123 4567",
        "+1 555 123 4567",
        "+1-555-123-4567",
        "1-800-555-0199",
        "5551234567",
        "555-123-4567 ext. 12",
        "555-123-4567 x12",
        "555-123-4567 ext 4",
        "+44 20 7946 0958",
        "+33 1 23 45 67 89",
    ],
)
def test_each_phone_format(phone):
    assert Redactor().redact(f"Call {phone}, please.") == (f"Call {PHONE}, please.", {"phone": 1})


@pytest.mark.parametrize(
    "text",
    [
        "2023-2024",
        "10,000",
        "FY2025",
        "Room 123",
        "12345",
        "03/14/2025",
        "$1,250,000",
        "1.5 million",
        "grades 3-5",
        "K-12",
        "in 2023-2024 we served 10,000 children in grades 3-5 and K-12 for $1,250,000 (FY2025)",
        "+10 20 30",  # too few digits for an international number
        "3.14159265358",  # a long decimal
        "ID 5551234567890",  # thirteen digits: no phone number
    ],
)
def test_numbers_that_are_not_phone_numbers(text):
    assert Redactor().redact(text) == (text, {})


# --- listed names and terms -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ms. Okafor is great", f"Ms. {NAME} is great"),
        ("OKAFOR and okafor", f"{NAME} and {NAME}"),
        ("Okafor's desk", f"{NAME}'s desk"),
        ("Okafor\u2019s desk", f"{NAME}\u2019s desk"),
        ("mary ellen ross", f"{NAME} ross"),  # listed with two spaces, written with one
        ("Mary\n   Ellen", NAME),  # any run of whitespace, a line break too
        ("J.R. Smith said", f"{NAME} said"),
        ("JR Smith said", "JR Smith said"),  # "." is a full stop in a term, not any character
        ("the c++ team", f"the {NAME}"),
        ("Annual planning with Joann and Anne", "Annual planning with Joann and Anne"),  # inside other words
        ("Ann-Marie", f"{NAME}-Marie"),  # a hyphen is not a word character (see Redactor)
        ("Ann_Marie or Ann2", "Ann_Marie or Ann2"),  # an underscore and a digit are
        ("Ann Lee and Ann", f"{NAME} and {NAME}"),  # the longer term first
        ("Jos\u00e9's idea", f"{NAME}'s idea"),
        ("Jos\u00e9e and Ana\u00efs", "Jos\u00e9e and Ana\u00efs"),  # accented letters are word characters
    ],
)
def test_listed_terms_as_whole_words_in_any_case(text, expected):
    terms = ["Okafor", "Mary  Ellen", "J.R. Smith", "C++ team", "Ann", "Ann Lee", "Jos\u00e9", "Ana"]
    assert redacted(text, terms) == expected


def test_a_listed_hyphenated_name_is_removed_whole():
    assert redacted("Ann-Marie agreed", ["Ann", "Ann-Marie"]) == f"{NAME} agreed"


def test_blank_terms_are_ignored():
    redactor = Redactor(["", "   ", "\t"])
    assert redactor.redact("Nothing to hide here, a b c") == ("Nothing to hide here, a b c", {})
    assert redactor.redact("x@y.org") == (EMAIL, {"email": 1})


def test_without_terms_only_addresses_and_phones_are_removed():
    assert Redactor().redact("Okafor: ok") == ("Okafor: ok", {})


# --- one pass, and which kind wins ----------------------------------------------------------------------------


def test_an_address_wins_over_a_name_or_phone_starting_at_the_same_place():
    terms = ["Ann", "example", "555"]
    assert Redactor(terms).redact("ann.lee@x.org") == (EMAIL, {"email": 1})
    assert Redactor(terms).redact("example.org/page") == (URL, {"url": 1})
    assert Redactor(terms).redact("555-123-4567") == (PHONE, {"phone": 1})
    assert Redactor(terms).redact("Ann's 555") == (f"{NAME}'s {NAME}", {"term": 2})


def test_a_marker_is_never_redacted_again():
    # "phone" is a listed term; the marker "[phone removed]" put in by the same pass stays as it is.
    assert Redactor(["phone", "removed"]).redact("Ann's phone: 555-123-4567") == (
        f"Ann's {NAME}: {PHONE}",
        {"term": 1, "phone": 1},
    )


def test_a_text_with_every_kind_is_counted_per_kind():
    text = (
        "Ask Ann Okafor (ann.okafor@ed.state.us, 555-123-4567 x2) or see www.ed.gov/plan; "
        "okafor also takes calls on +44 20 7946 0958. Thanks, ANN."
    )
    expected = f"Ask {NAME} {NAME} ({EMAIL}, {PHONE}) or see {URL}; {NAME} also takes calls on {PHONE}. Thanks, {NAME}."
    assert Redactor(["Okafor", "Ann"]).redact(text) == (expected, {"term": 4, "email": 1, "phone": 2, "url": 1})


def test_a_whole_column_is_redacted_with_the_counts_summed():
    texts = pd.Series(["a@b.org and c@d.org", None, "call 555-123-4567", "fine"], index=[4, 6, 7, 9], dtype="str")
    out, counts = Redactor().redact_all(texts)
    assert out.index.tolist() == [4, 6, 7, 9]
    assert str(out.dtype) == "str"
    assert out[4] == f"{EMAIL} and {EMAIL}" and out[7] == f"call {PHONE}" and out[9] == "fine"
    assert pd.isna(out[6])
    assert counts == {"email": 2, "phone": 1}


def test_an_empty_column():
    out, counts = Redactor(["Ann"]).redact_all(pd.Series([], dtype="str"))
    assert len(out) == 0 and counts == {}


# --- answers that say "no comment" ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        None,
        math.nan,
        np.nan,
        pd.NA,
        "",
        "   \n\t",
        "N/A",
        " n/a. ",
        "NA",
        "n.a.",
        "None",
        "none.",
        "Nothing",
        "No",
        "no!",
        "Nope",
        "nil",
        "NULL",
        "-",
        "--",
        ".",
        "?",
        "x",
        "No comment",
        "no comments.",
        "No  Comments!",
        "Not applicable",
        "Nothing to add",
        "nothing else",
        "No further comments",
        "None at this time.",
        "(none)",
        "\u201cN/A\u201d",
    ],
)
def test_blank_and_no_comment_answers(value):
    assert is_blank_comment(value)


@pytest.mark.parametrize(
    "value",
    [
        "No, the new process is slower.",
        "Nothing works when the portal is down",
        "None of the leaders listen",
        "n/a for me but my team needs more time",
        "Annual",
        "ok",
        "5",
        5,
        0.0,
    ],
)
def test_real_answers_are_not_blank(value):
    assert not is_blank_comment(value)


def test_the_blank_answers_are_a_named_list():
    assert {"n/a", "none", "no comment", "not applicable", "none at this time"} <= BLANK_ANSWERS


# --- the note -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "note"),
    [
        (
            {"email": 1, "phone": 2, "term": 1},
            "4 personal details were removed from comments before saving "
            "(1 e-mail address, 2 phone numbers, 1 listed name).",
        ),
        ({"url": 1}, "1 personal detail was removed from comments before saving (1 web address)."),
        (
            {"term": 3, "url": 2, "email": 0},
            "5 personal details were removed from comments before saving (2 web addresses, 3 listed names).",
        ),
        (
            {"email": 1200, "phone": 1},
            "1,201 personal details were removed from comments before saving (1,200 e-mail addresses, 1 phone number).",
        ),
        ({}, None),
        ({"email": 0, "phone": 0}, None),
    ],
)
def test_the_redaction_note_counts_and_never_quotes(counts, note):
    assert redaction_note(counts) == note
