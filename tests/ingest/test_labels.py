"""Answer labels to scale values (ingest/labels.py): every label family on 4- to 7-point scales."""

import math
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from ingest.labels import AnswerTable, Codes, answer_table, label_key, read_answer, rung_collisions
from metrics import Scale

SCALES = {
    4: Scale(1, 4, ("Strongly disagree", "Disagree", "Agree", "Strongly agree"), (3, 4)),
    5: Scale(1, 5, ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"), (4, 5)),
    6: Scale(1, 6, ("1", "2", "3", "4", "5", "6"), (4, 5, 6)),
    7: Scale(1, 7, ("1", "2", "3", "4", "5", "6", "7"), (5, 6, 7)),
}
NO_CODES = Codes()


def read(label, size=5, codes=NO_CODES):
    return read_answer(label, answer_table(SCALES[size]), codes)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("  Strongly   AGREE ", "strongly agree"),
        ("Don\u2019t know", "dont know"),  # curly apostrophe
        ("Don't know.", "dont know"),
        ("N/A", "n a"),
        ("No sé", "no se"),  # accents ignored
        ("Neither agree nor disagree!", "neither agree nor disagree"),
    ],
)
def test_label_key_ignores_case_spacing_apostrophes_and_punctuation(text, key):
    assert label_key(text) == key


# Hand table: each label's point on a scale of 4, 5, 6 and 7 points; None = no meaning there (a problem).
LABELS = [
    # label,                            4,    5,    6,    7
    ("Strongly disagree", 1, 1, 1, 1),
    ("Disagree", 2, 2, 2, 2),
    ("Somewhat disagree", 2, 2, 3, 3),
    ("Neither agree nor disagree", None, 3, None, 4),
    ("Neutral", None, 3, None, 4),
    ("Undecided", None, 3, None, 4),
    ("Somewhat agree", 3, 4, 4, 5),
    ("Agree", 3, 4, 5, 6),
    ("Strongly agree", 4, 5, 6, 7),
    ("  strongly   AGREE ", 4, 5, 6, 7),
    ("Totalmente en desacuerdo", 1, 1, 1, 1),
    ("En desacuerdo", 2, 2, 2, 2),
    ("Ni de acuerdo ni en desacuerdo", None, 3, None, 4),
    ("De acuerdo", 3, 4, 5, 6),
    ("Totalmente de acuerdo", 4, 5, 6, 7),
    ("Never", None, 1, None, None),  # frequency words are read on five points only
    ("Rarely", None, 2, None, None),
    ("Sometimes", None, 3, None, None),
    ("Often", None, 4, None, None),
    ("Always", None, 5, None, None),
]


@pytest.mark.parametrize("size", [4, 5, 6, 7])
@pytest.mark.parametrize(("label", *("p4", "p5", "p6", "p7")), LABELS)
def test_every_label_family_on_every_scale_size(label, p4, p5, p6, p7, size):
    expected = {4: p4, 5: p5, 6: p6, 7: p7}[size]
    reading = read(label, size)
    if expected is None:
        assert reading.status == "problem"
        assert label.strip() in reading.problem
    else:
        assert (reading.status, reading.value) == ("value", expected)


def test_the_instrument_s_own_labels_come_first_and_move_with_lo():
    # A 0-4 scale with its own wording: "Not at all" is 0, and "Strongly agree" (the family's top) is 4.
    scale = Scale(0, 4, ("Not at all", "A little", "Somewhat", "Mostly", "Completely"), (3, 4))
    table = answer_table(scale)
    assert read_answer("a little", table, NO_CODES).value == 1
    assert read_answer("Strongly agree", table, NO_CODES).value == 4
    assert read_answer("Strongly disagree", table, NO_CODES).value == 0


@pytest.mark.parametrize(
    "label",
    [
        "Don't know",
        "Don\u2019t know",
        "DON'T KNOW",
        "Do not know",
        "Don't know / Not applicable",
        "N/A",
        "NA",
        "n/a",
        "Not applicable",
        "No basis for evaluation",
        "No basis to judge",
        "Prefer not to answer",
        "No sé",
        "-1 - Don't know",
        "6 = N/A",
    ],
)
@pytest.mark.parametrize("size", [4, 5, 7])
def test_dont_know_family_is_missing_not_a_problem(label, size):
    assert read(label, size).status == "dont_know"


@pytest.mark.parametrize(
    ("label", "size", "expected"),
    [
        ("5 - Strongly agree", 5, 5),
        ("5 = Strongly agree", 5, 5),
        ("(5) Strongly agree", 5, 5),
        ("5. Strongly agree", 5, 5),
        ("5: strongly agree", 5, 5),
        ("Strongly agree (5)", 5, 5),
        ("1 \u2013 Strongly disagree", 5, 1),
        ("7 - Strongly agree", 7, 7),
        ("3 - Somewhat agree", 4, 3),
        ("1 - Strongly agree", 5, None),  # the number and the label disagree
        ("7 - Strongly agree", 5, None),  # 7 is not on a five-point scale
    ],
)
def test_numbered_labels_give_the_number_checked_against_the_label(label, size, expected):
    reading = read(label, size)
    if expected is None:
        assert reading.status == "problem"
    else:
        assert (reading.status, reading.value) == ("value", expected)


def test_a_numbered_label_with_unknown_words_is_a_problem_with_its_number_proposed():
    reading = read("3 - Moderately")
    assert reading.status == "problem" and "'3 - Moderately'" in reading.problem
    assert (reading.proposes, reading.proposal) == (True, 3)


@pytest.mark.parametrize(
    ("raw", "status", "value"),
    [
        (4, "value", 4),
        (4.0, "value", 4),
        (np.int64(5), "value", 5),
        (Decimal("2"), "value", 2),
        ("4", "value", 4),
        (" 1 ", "value", 1),  # a boundary, stored as text
        (-1, "vendor_code", None),
        (-99, "vendor_code", None),
        ("-2", "vendor_code", None),
        (0, "problem", None),
        (6, "problem", None),
        (3.5, "problem", None),
        (True, "problem", None),
        ("", "blank", None),
        ("   ", "blank", None),
        (None, "blank", None),
        (math.nan, "blank", None),
        (pd.NA, "blank", None),
    ],
)
def test_numbers_blanks_and_vendor_codes(raw, status, value):
    reading = read(raw)
    assert reading.status == status
    assert reading.value == value


def test_an_out_of_range_number_keeps_its_number_for_a_recode_proposal():
    reading = read(12, 4)
    assert reading.status == "problem" and reading.number == 12
    assert reading.problem == "12 is outside the 1-4 answer scale, so it was left blank."


def test_an_unknown_label_is_a_problem_never_a_guess():
    reading = read("Mostly agree")
    assert (reading.status, reading.value) == ("problem", None)
    assert reading.problem == "'Mostly agree' is not an answer on the 1-5 scale, so it was left blank."


@pytest.mark.parametrize(("size", "proposal"), [(5, 3), (4, None)])
def test_unsure_is_ambiguous_so_it_is_a_problem_with_the_midpoint_proposed(size, proposal):
    reading = read("Unsure", size)
    assert reading.status == "problem"
    assert (reading.proposes, reading.proposal) == (True, proposal)


def test_confirmed_codes_win_over_the_table_and_may_mean_missing():
    codes = Codes.from_mapping({10: 1, "Mostly agree": 4}, {10: 2, "Unsure": None})  # the second overrides
    assert (read(10, 4, codes).status, read(10, 4, codes).value) == ("confirmed", 2)
    assert read("mostly  AGREE", 5, codes).value == 4
    assert (read("Unsure", 5, codes).status, read("Unsure", 5, codes).value) == ("confirmed", None)


def test_labels_of_different_rungs_on_one_point_are_problems():
    # On four points "Disagree" and "Somewhat disagree" would both be 2: the export's scale is not the instrument's.
    table: AnswerTable = answer_table(SCALES[4])
    raws = ["Disagree", "Somewhat disagree", "Agree", "Disagree "]
    readings = [read_answer(raw, table, NO_CODES) for raw in raws]
    changed = rung_collisions(raws, readings, table)
    assert sorted(changed) == [0, 1, 3]
    assert "'Disagree' and 'Somewhat disagree'" in changed[0].problem


def test_synonyms_of_one_rung_do_not_collide():
    table = answer_table(SCALES[5])
    raws = ["Neutral", "Neither agree nor disagree", "Undecided"]
    assert rung_collisions(raws, [read_answer(r, table, NO_CODES) for r in raws], table) == {}
