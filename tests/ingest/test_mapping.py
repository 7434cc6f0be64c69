"""Mapping an export to the instrument (ingest/mapping.py): columns, attributes, answers, problems, notes."""

import copy
import difflib
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

import ingest.mapping as mapping_module
from ingest import MappedWave, map_export
from ingest.attributes import DEFAULT_ROLE_VOCABULARY, header_attribute, tenure_band
from ingest.export import Export, Header
from metrics import Domain, Instrument, Item, Scale, domain_scores, perception_gap

NA = np.nan
TEXTS = {
    "VIS1": "I can explain our office's main goals in my own words.",
    "VIS2": "Our priorities stay steady rather than shifting with each new request.",
    "LEAD1": "Office leaders give a clear direction for our work.",
    "LEAD2": "Leaders keep the commitments they make to staff.",
}
SCALE_LABELS = {
    4: ("Strongly disagree", "Disagree", "Agree", "Strongly agree"),
    5: ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"),
    7: tuple(str(p) for p in range(1, 8)),
}


def instrument(size: int = 5, texts: dict[str, str] = TEXTS) -> Instrument:
    """Items named by code; domains from the code's letters (VIS1 -> VIS)."""
    domains = tuple(dict.fromkeys(code.rstrip("0123456789") for code in texts))
    favorable = tuple(range(size - 1 if size <= 5 else size - 2, size + 1))
    return Instrument(
        "tiny",
        Scale(1, size, SCALE_LABELS[size], favorable),
        tuple(Domain(code, code) for code in domains),
        tuple(Item(code, code.rstrip("0123456789"), text) for code, text in texts.items()),
    )


def export(columns: dict, questions: dict | None = None, first_row: int = 2) -> Export:
    """Rows numbered from `first_row` as a spreadsheet shows them (row 1 is the header)."""
    frame = pd.DataFrame(columns)
    frame.index = range(first_row, first_row + len(frame))
    return Export("plain", frame, dict(questions or {}))


def row_of(wave: MappedWave, column) -> dict:
    return wave.mapping.set_index("column").loc[column].to_dict()


# --- columns to items -----------------------------------------------------------------------------------------


def test_columns_match_items_by_code_case_insensitively_and_only_exactly():
    data = export(
        {"vis1": [4, 5], "Q2": [3, NA], "Q_VIS2": [1, 2]},
        {"vis1": "vis1", "Q2": "LEAD1", "Q_VIS2": "Q_VIS2"},
    )
    wave = map_export(data, instrument())
    assert row_of(wave, "vis1") | {"question": ""} == {
        "question": "",
        "target": "VIS1",
        "kind": "item",
        "method": "code",
        "confidence": 1.0,
        "needs_review": False,
        "candidate": "",
    }
    assert (row_of(wave, "Q2")["target"], row_of(wave, "Q2")["method"]) == ("LEAD1", "code")
    assert (row_of(wave, "Q_VIS2")["kind"], row_of(wave, "Q_VIS2")["needs_review"]) == ("ignored", False)
    assert wave.responses["VIS1"].tolist() == [4.0, 5.0]
    assert wave.responses["LEAD1"].tolist()[0] == 3.0 and np.isnan(wave.responses["LEAD1"].tolist()[1])


@pytest.mark.parametrize(
    ("question", "code"),
    [
        # Qualtrics grid "question - statement", curly apostrophe, no final full stop
        ("Thinking about your office - I can explain our office\u2019s main goals in my own words", "VIS1"),
        # Google Forms grid "Question [Row statement]"
        ("How much do you agree? [Our priorities stay steady rather than shifting with each new request.]", "VIS2"),
        # extra spaces, upper case, a required-answer star
        ("  OFFICE leaders give a clear   direction for our work *", "LEAD1"),
    ],
)
def test_columns_match_items_by_exact_normalised_text(question, code):
    wave = map_export(export({"Q1": [1, 2]}, {"Q1": question}), instrument())
    assert row_of(wave, "Q1")["target"] == code
    assert (row_of(wave, "Q1")["method"], row_of(wave, "Q1")["confidence"]) == ("text", 1.0)


def test_a_header_holding_the_question_text_matches_too():
    wave = map_export(export({TEXTS["LEAD2"]: [2, 3]}), instrument())
    assert wave.mapping.loc[0, "target"] == "LEAD2"


def test_a_close_text_matches_by_similarity_with_its_confidence():
    # "a" is missing: ratio = 2 * 48 / (49 + 51) = 0.9796 (difflib), far above the next item.
    question = "Office leaders give clear direction for our work."
    wave = map_export(export({"Q1": [1, 2]}, {"Q1": question}), instrument())
    expected = difflib.SequenceMatcher(
        None, "office leaders give clear direction for our work", "office leaders give a clear direction for our work"
    ).ratio()
    assert expected == pytest.approx(0.9796, abs=1e-4)
    match = row_of(wave, "Q1")
    assert (match["target"], match["method"], match["needs_review"]) == ("LEAD1", "similarity", False)
    assert match["confidence"] == pytest.approx(0.98, abs=1e-3)


def test_a_text_cut_short_by_qualtrics_matches_its_item():
    wave = map_export(export({"Q1": [1]}, {"Q1": "Our priorities stay steady rather than shifting..."}), instrument())
    assert (row_of(wave, "Q1")["target"], row_of(wave, "Q1")["confidence"]) == ("VIS2", 0.95)


def test_a_tie_is_left_for_review_not_applied():
    # "team" vs "unit" 0.917, vs "office" 0.892: 0.025 apart, within 0.03, so neither is applied.
    texts = {"TRU1": "Staff in this office trust one another.", "TRU2": "Staff in this unit trust one another."}
    wave = map_export(export({"Q1": [4, 5]}, {"Q1": "Staff in this team trust one another."}), instrument(5, texts))
    match = row_of(wave, "Q1")
    assert (match["target"], match["kind"], match["needs_review"], match["candidate"]) == ("", "ignored", True, "TRU2")
    assert match["confidence"] == pytest.approx(0.917, abs=1e-3)
    assert wave.responses["TRU2"].isna().all()
    assert "1 column needs review before use: 'Q1' (closest: TRU2, 0.92)." in wave.notes


def test_a_weak_match_is_left_for_review_with_its_candidate():
    # ratio 0.759 to LEAD2: above the review floor 0.6, below 0.85.
    wave = map_export(export({"Q1": [4]}, {"Q1": "Leaders keep most promises made to staff"}), instrument())
    match = row_of(wave, "Q1")
    assert (match["kind"], match["needs_review"], match["candidate"], match["method"]) == (
        "ignored",
        True,
        "LEAD2",
        "similarity",
    )
    assert match["confidence"] == pytest.approx(0.759, abs=1e-3)


def test_metadata_columns_are_ignored_without_review():
    wave = map_export(export({"StartDate": ["2025-01-01"], "Duration (in seconds)": [300]}), instrument())
    assert wave.mapping[["kind", "method", "needs_review"]].values.tolist() == [["ignored", "none", False]] * 2


def test_two_columns_claiming_one_item_are_both_left_for_review():
    # The 2016 Qualtrics exporter can give two questions byte-identical text: text alone cannot tell them apart.
    data = export({"Q1": [1, 2], "Q2": [3, 4]}, {"Q1": TEXTS["VIS1"], "Q2": TEXTS["VIS1"]})
    wave = map_export(data, instrument())
    assert wave.mapping[["target", "needs_review", "candidate"]].values.tolist() == [["", True, "VIS1"]] * 2
    assert wave.responses["VIS1"].isna().all()


def test_the_analyst_mapping_overrides_the_automatic_match():
    data = export(
        {"VIS1": [1, 2], "Q9": [4, 5], "Q10": ["Finance", "Pre-K"]},
        {"Q9": "Leaders keep most promises made to staff"},
    )
    wave = map_export(data, instrument(), {"Q9": "vis1", "VIS1": "", "Q10": "unit"})
    assert row_of(wave, "Q9") | {"question": ""} == {
        "question": "",
        "target": "VIS1",
        "kind": "item",
        "method": "analyst",
        "confidence": 1.0,
        "needs_review": False,
        "candidate": "",
    }
    assert (row_of(wave, "VIS1")["kind"], row_of(wave, "VIS1")["method"]) == ("ignored", "analyst")
    assert wave.responses["VIS1"].tolist() == [4.0, 5.0]
    assert wave.responses["unit"].tolist() == ["Finance", "Pre-K"]


def test_an_analyst_choice_wins_over_an_automatic_claim_on_the_same_item():
    wave = map_export(export({"VIS1": [1, 2], "Q9": [4, 5]}), instrument(), {"Q9": "VIS1"})
    assert (row_of(wave, "VIS1")["needs_review"], row_of(wave, "VIS1")["candidate"]) == (True, "VIS1")
    assert wave.responses["VIS1"].tolist() == [4.0, 5.0]


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"Q1": "VIS9"}, "no item or attribute"),
        ({"Q1": "VIS1", "Q2": "VIS1"}, "both 'Q1' and 'Q2'"),
    ],
)
def test_an_impossible_analyst_mapping_is_refused(mapping, message):
    with pytest.raises(ValueError, match=message):
        map_export(export({"Q1": [1], "Q2": [2]}), instrument(), mapping)


def test_an_analyst_mapping_for_an_absent_column_is_a_note():
    wave = map_export(export({"VIS1": [1]}), instrument(), {"Q99": "VIS2"})
    assert any("Q99" in note for note in wave.notes)


# --- columns to attributes ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "attribute", "confidence"),
    [
        ("Division", "unit", 1.0),
        ("Office", "unit", 1.0),
        ("Department", "unit", 1.0),
        ("Strand (select one)", "unit", 1.0),
        ("Which division do you work in?", "unit", 0.9),
        ("Role", "role_level", 1.0),
        ("Position", "role_level", 1.0),
        ("Job level", "role_level", 1.0),
        ("What is your position level?", "role_level", 0.9),
        ("Which of the following best describes your role? (select one)", "role_level", 0.9),
        ("Years in office", "tenure_band", 1.0),
        ("Tenure", "tenure_band", 1.0),
        ("How long have you worked in this office?", "tenure_band", 0.9),
        ("Agency", "agency", 1.0),
        ("District", "agency", 1.0),
        ("LEA", "agency", 1.0),
        ("Organization", "agency", 1.0),
        ("Agency type", "agency_type", 1.0),
        ("Program", "program_area", 1.0),
        ("ResponseId", "response_id", 1.0),
        ("Respondent ID", "response_id", 1.0),
    ],
)
def test_attribute_headers_by_synonym(header, attribute, confidence):
    assert header_attribute(header) == (attribute, confidence)


@pytest.mark.parametrize(
    "header",
    [
        "Roles and responsibilities in my unit are clearly defined.",  # an item statement
        "What could your division do better?",  # a comment box
        "Collector ID",
        "StartDate",
    ],
)
def test_statements_and_comment_boxes_are_not_attributes(header):
    assert header_attribute(header) is None


def test_attributes_by_synonym_become_canonical_columns_in_order():
    data = export(
        {
            "Q1": ["Finance ", "Pre-K", ""],
            "Position level": ["Director", "Specialist", "Clerk"],
            "LEA": ["Adams", "Adams", "Baker"],
            "Q4": [101, 101.0, NA],  # a numeric unit code stays text, without ".0"
            "VIS1": [5, 4, 3],
        },
        {"Q1": "Which division do you work in?", "Q4": "Program"},
    )
    wave = map_export(data, instrument(), wave="2025 Spring")
    assert list(wave.responses.columns[:6]) == ["response_id", "wave", "agency", "unit", "role_level", "program_area"]
    assert wave.responses["unit"].tolist()[:2] == ["Finance", "Pre-K"] and pd.isna(wave.responses["unit"][2])
    assert wave.responses["role_level"].tolist() == ["executive", "staff", "support"]
    assert wave.responses["program_area"].tolist()[:2] == ["101", "101"]
    assert wave.responses["wave"].tolist() == ["2025 Spring"] * 3
    assert wave.problems.empty


def test_attributes_by_their_values():
    data = export(
        {
            "Q7": ["Director", "Specialist", "Clerk", ""],  # mostly role words
            "Q8": ["<1", "1-3 years", "10+", "4-9 years"],  # tenure labels
            "Q9": ["yes", "no", "yes", "no"],
        }
    )
    wave = map_export(data, instrument())
    assert [row_of(wave, c)["target"] for c in ("Q7", "Q8", "Q9")] == ["role_level", "tenure_band", ""]
    assert (row_of(wave, "Q7")["method"], row_of(wave, "Q7")["confidence"]) == ("values", 1.0)
    assert wave.responses["tenure_band"].tolist() == ["<1", "1-3", "10+", "4-9"]


def test_a_column_with_too_few_role_words_is_not_taken_for_roles():
    # 3 of 5 cells are role words: 0.6 < 0.8.
    wave = map_export(export({"Q7": ["Director", "Specialist", "Clerk", "Bob", "Ann"]}), instrument())
    assert row_of(wave, "Q7")["kind"] == "ignored"


def test_role_vocabulary_is_case_and_space_insensitive_and_an_unknown_role_is_a_problem():
    data = export({"Role": ["  deputy   DIRECTOR ", "Team lead", "Intern", "Staff", None]}, first_row=5)
    wave = map_export(data, instrument())
    assert wave.responses["role_level"].tolist()[:2] == ["executive", "manager"]
    assert pd.isna(wave.responses["role_level"][2]) and wave.responses["role_level"][3] == "staff"
    assert wave.problems[["row", "column", "value"]].values.tolist() == [[7, "Role", "Intern"]]
    assert "not in the role vocabulary" in wave.problems.loc[0, "problem"]


def test_the_role_vocabulary_can_be_extended_and_overridden():
    data = export({"Role": ["Intern", "Coordinator", "Director"]})
    wave = map_export(data, instrument(), role_vocabulary={"Intern": "support", "Coordinator": "staff"})
    assert wave.responses["role_level"].tolist() == ["support", "staff", "executive"]
    assert wave.problems.empty
    assert DEFAULT_ROLE_VOCABULARY["Coordinator"] == "manager"  # the default is not changed


def test_a_role_vocabulary_with_another_level_is_refused():
    with pytest.raises(ValueError, match="executive, manager, staff, support"):
        map_export(export({"Role": ["Intern"]}), instrument(), role_vocabulary={"Intern": "trainee"})


@pytest.mark.parametrize(
    ("label", "band"),
    [
        ("Less than 1 year", "<1"),
        ("less than a year", "<1"),
        ("<1", "<1"),
        ("1-3 years", "1-3"),
        ("1 to 3 years", "1-3"),
        ("1 \u2013 3 years", "1-3"),
        ("4-9 years", "4-9"),
        ("10 or more years", "10+"),
        ("10+ years", "10+"),
        ("10+", "10+"),
        ("0.5", "<1"),  # a number of years goes in its band
        ("3", "1-3"),
        ("4", "4-9"),  # a boundary
        ("10", "10+"),
        ("0-1 years", None),  # other band edges are never guessed
        ("5-10 years", None),
        ("More than 10 years", None),
    ],
)
def test_tenure_labels(label, band):
    assert tenure_band(label) == band


def test_an_unknown_tenure_label_is_a_problem_and_value_codes_can_confirm_it():
    data = export({"Tenure": ["0-1 years", "1-3 years", ""]})
    wave = map_export(data, instrument())
    assert wave.problems[["row", "column", "value"]].values.tolist() == [[2, "Tenure", "0-1 years"]]
    confirmed = map_export(data, instrument(), value_codes={"Tenure": {"0-1 years": "<1"}})
    assert confirmed.responses["tenure_band"].tolist()[:2] == ["<1", "1-3"] and confirmed.problems.empty


def test_required_attributes_report_blank_cells_and_a_missing_column():
    data = export({"Division": ["Finance", " ", None], "VIS1": [1, 2, 3]})
    wave = map_export(data, instrument(), required=("unit", "agency"))
    problems = wave.problems[["row", "column"]].astype(object).values.tolist()
    assert problems == [[pd.NA, ""], [3, "Division"], [4, "Division"]]
    assert any("no column for 'agency'" in note for note in wave.notes)


def test_nothing_is_required_by_default():
    wave = map_export(export({"Division": ["Finance", None], "VIS1": [1, 2]}), instrument())
    assert wave.problems.empty
    assert any("No role column" in note for note in wave.notes)


# --- answers --------------------------------------------------------------------------------------------------

# One column per label family, read through the whole mapping on 4-, 5- and 7-point instruments.
FAMILIES = [
    # (scale size, answers, expected values; NaN = missing)
    (4, ["Strongly disagree", "Disagree", "Agree", "Strongly agree", "N/A"], [1, 2, 3, 4, NA]),
    (4, ["Strongly disagree", "Somewhat disagree", "Somewhat agree", "Strongly agree", ""], [1, 2, 3, 4, NA]),
    (5, ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"], [1, 2, 3, 4, 5]),
    (5, ["Somewhat disagree", "Undecided", "Somewhat agree", "Don\u2019t know", None], [2, 3, 4, NA, NA]),
    (
        5,
        ["Totalmente en desacuerdo", "En desacuerdo", "Ni de acuerdo ni en desacuerdo", "De acuerdo", "No sé"],
        [1, 2, 3, 4, NA],
    ),
    (5, ["Never", "Rarely", "Sometimes", "Often", "Always"], [1, 2, 3, 4, 5]),
    (
        5,
        [
            "1 - Strongly disagree",
            "2 = Disagree",
            "(3) Neither agree nor disagree",
            "5. Strongly agree",
            "Prefer not to answer",
        ],
        [1, 2, 3, 5, NA],
    ),
    (
        7,
        ["Strongly disagree", "Somewhat disagree", "Neither agree nor disagree", "Somewhat agree", "Agree"],
        [1, 3, 4, 5, 6],
    ),
    (7, ["7 - Strongly agree", "Disagree", "No basis for evaluation", "Strongly agree", 4], [7, 2, NA, 7, 4]),
]


@pytest.mark.parametrize(("size", "answers", "expected"), FAMILIES)
def test_every_label_family_through_the_mapping(size, answers, expected):
    wave = map_export(export({"VIS1": answers}), instrument(size))
    assert wave.responses["VIS1"].tolist() == pytest.approx(expected, nan_ok=True)
    assert wave.problems.empty


def test_dont_know_answers_are_counted_in_a_note():
    wave = map_export(export({"VIS1": ["Don't know", "N/A", "Agree"], "VIS2": ["Not applicable", 4, 4]}), instrument())
    assert '3 answers of "don\'t know", "not applicable" or "prefer not to answer" counted as missing.' in wave.notes


def test_negative_codes_are_missing_with_a_note_not_problems():
    wave = map_export(export({"VIS1": [-1, -2, -99, 5, "1"]}), instrument())
    assert wave.responses["VIS1"].tolist() == pytest.approx([NA, NA, NA, 5, 1], nan_ok=True)
    assert wave.problems.empty
    assert any(note.startswith("3 answers with a negative code") for note in wave.notes)


def test_an_unknown_label_is_a_problem_with_row_and_column():
    wave = map_export(export({"VIS1": ["Agree", "Mostly agree", "", "Mostly agree"]}, first_row=3), instrument())
    assert wave.responses["VIS1"].tolist() == pytest.approx([4, NA, NA, NA], nan_ok=True)
    assert wave.problems.values.tolist() == [
        [4, "VIS1", "Mostly agree", "'Mostly agree' is not an answer on the 1-5 scale, so it was left blank."],
        [6, "VIS1", "Mostly agree", "'Mostly agree' is not an answer on the 1-5 scale, so it was left blank."],
    ]


def test_a_column_mixing_two_scales_is_reported_not_guessed():
    # On a 4-point instrument "Disagree" and "Somewhat disagree" would both be 2.
    wave = map_export(export({"VIS1": ["Disagree", "Somewhat disagree", "Agree"]}), instrument(4))
    assert wave.responses["VIS1"].tolist() == pytest.approx([NA, NA, 3], nan_ok=True)
    assert wave.problems["row"].tolist() == [2, 3]


def test_a_10_to_13_recode_is_proposed_and_applied_only_once_confirmed():
    data = export({"VIS1": [10, 11, 13, NA], "VIS2": [12, 12, -1, 11]})
    first = map_export(data, instrument(4))
    assert first.responses[["VIS1", "VIS2"]].isna().all().all()
    assert len(first.problems) == 6  # every code, never guessed; -1 and the blank are not problems
    assert first.proposed_value_codes == {"*": {10: 1, 11: 2, 12: 3, 13: 4}}
    confirmed = map_export(data, instrument(4), value_codes=first.proposed_value_codes)
    assert confirmed.responses["VIS1"].tolist() == pytest.approx([1, 2, 4, NA], nan_ok=True)
    assert confirmed.responses["VIS2"].tolist() == pytest.approx([3, 3, NA, 2], nan_ok=True)
    assert confirmed.problems.empty and confirmed.proposed_value_codes == {}
    assert "6 answers read with the confirmed value codes." in confirmed.notes


@pytest.mark.parametrize(
    ("answers", "proposal"),
    [
        ([0, 2, 4], {"*": {0: 1, 1: 2, 2: 3, 3: 4, 4: 5}}),  # 0-4 for 1-5
        ([1, 5, 6], {"VIS1": {6: None}}),  # 1-6 is longer than the scale: 6 is likely "don't know"
        ([3, 4, 6], {"VIS1": {6: None}}),  # fits five points but starts on the scale: not a shifted block
    ],
)
def test_out_of_range_numbers_are_proposed_never_applied(answers, proposal):
    wave = map_export(export({"VIS1": answers}), instrument())
    assert wave.proposed_value_codes == proposal
    assert len(wave.problems) == sum(not 1 <= a <= 5 for a in answers)


def test_value_codes_that_leave_the_scale_are_refused():
    with pytest.raises(ValueError, match="not a point of the 1-5 scale"):
        map_export(export({"VIS1": [10]}), instrument(), value_codes={"*": {10: 7}})


def test_an_ambiguous_label_is_proposed_for_its_column():
    wave = map_export(export({"VIS1": ["Unsure", "Agree"]}), instrument())
    assert wave.proposed_value_codes == {"VIS1": {"Unsure": 3}}
    assert wave.problems["row"].tolist() == [2]


# --- rows, ids and output --------------------------------------------------------------------------------------


def test_duplicate_ids_keep_the_first_row_and_report_the_others():
    data = export({"ResponseId": ["R_1", "R_2", "R_1", "R_1"], "VIS1": [1, 2, "Mostly", 4]})
    wave = map_export(data, instrument())
    assert wave.responses["response_id"].tolist() == ["R_1", "R_2"]
    assert wave.responses["VIS1"].tolist() == [1.0, 2.0]
    assert wave.problems.values.tolist() == [
        [4, "ResponseId", "R_1", "The response id 'R_1' already appears on row 2, so this row was dropped."],
        [5, "ResponseId", "R_1", "The response id 'R_1' already appears on row 2, so this row was dropped."],
    ]
    assert any(note.startswith("2 rows repeated an earlier response id") for note in wave.notes)


def test_rows_without_an_id_column_get_generated_ids_with_a_note():
    wave = map_export(export({"VIS1": [1, 2]}, first_row=4), instrument())
    assert wave.responses["response_id"].tolist() == ["row-4", "row-5"]
    assert any("no response id column" in note for note in wave.notes)


def test_numeric_ids_become_text_and_blank_ids_are_generated():
    wave = map_export(export({"Respondent ID": [114687260000.0, NA], "VIS1": [1, 2]}), instrument())
    assert wave.responses["response_id"].tolist() == ["114687260000", "row-3"]


def test_a_missing_item_is_an_all_missing_column_with_a_note():
    wave = map_export(export({"VIS1": [1, 2], "LEAD1": [3, 4]}), instrument())
    assert list(wave.responses.columns) == ["response_id", "wave", "VIS1", "VIS2", "LEAD1", "LEAD2"]
    assert wave.responses["VIS2"].isna().all() and wave.responses["VIS2"].dtype == "float64"
    assert "The export has no column for 2 items (VIS2, LEAD2); those answers are left empty in this wave." in (
        wave.notes
    )


def test_the_canonical_table_passes_the_metrics():
    data = export(
        {
            "ResponseId": ["R1", "R2", "R3", "R4"],
            "Position": ["Director", "Specialist", "Clerk", "Manager"],
            "VIS1": ["Strongly agree", "Agree", "Don't know", "Agree"],
            "VIS2": [4, 2, -1, "3 - Neither agree nor disagree"],
            "LEAD1": ["Agree", "Disagree", "Neutral", "Strongly agree"],
            "LEAD2": ["Agree", "Strongly disagree", "", "Strongly agree"],
        }
    )
    inst = instrument()
    wave = map_export(data, inst, wave="2025 Spring")
    scores = domain_scores(wave.responses, inst, min_n=3).set_index("domain")
    # VIS: R1 (5 + 4) / 2 = 4.5 -> 87.5; R2 (4 + 2) / 2 = 3 -> 50; R3 none; R4 (4 + 3) / 2 = 3.5 -> 62.5.
    #      Mean of 87.5, 50, 62.5 = 66.67 (n = 3).
    # LEAD: R1 4 -> 75; R2 1.5 -> 12.5; R3 one of two items answered, no score; R4 5 -> 100. Mean 62.5.
    assert scores.loc["VIS", "score"] == pytest.approx(200 / 3)
    assert scores.loc["LEAD", "score"] == pytest.approx(62.5)
    assert scores["n"].tolist() == [3, 3]
    assert len(perception_gap(wave.responses, inst, min_n=3)) == 2


def test_an_export_already_in_the_canonical_layout_maps_to_itself():
    canonical = {
        "response_id": ["a1", "a2", "a3"],
        "agency": ["Adams", "Adams", None],
        "agency_type": ["LEA", "LEA", "SEA"],
        "unit": ["Finance", "Pre-K", "Finance"],
        "role_level": ["executive", "staff", "support"],
        "tenure_band": ["<1", "10+", "4-9"],
        "program_area": ["Pre-K", None, "Head Start"],
        "VIS1": [5.0, NA, 1.0],
        "VIS2": [4.0, 3.0, 2.0],
        "LEAD1": [1.0, 2.0, 3.0],
        "LEAD2": [2.0, 2.0, 2.0],
    }
    wave = map_export(export(canonical), instrument(), wave="2025 Spring")
    expected = pd.DataFrame(canonical).astype({c: "str" for c in list(canonical)[:7]})
    expected.insert(1, "wave", pd.Series(["2025 Spring"] * 3, dtype="str"))
    pd.testing.assert_frame_equal(wave.responses, expected)
    assert wave.mapping["method"].tolist() == ["synonym"] * 7 + ["code"] * 4
    assert wave.problems.empty


def test_the_export_is_not_changed():
    data = export(
        {"ResponseId": ["R1", "R1"], "Role": ["Intern", "Director"], "VIS1": ["Agree", "12"]},
        {"VIS1": TEXTS["VIS1"]},
    )
    before = copy.deepcopy(data)
    map_export(data, instrument(), value_codes={"*": {12: None}}, role_vocabulary={"Intern": "support"})
    pd.testing.assert_frame_equal(data.responses, before.responses)
    assert (data.questions, data.notes, data.format, data.sheet) == (
        before.questions,
        before.notes,
        before.format,
        before.sheet,
    )


def test_an_empty_export_maps_to_an_empty_table():
    wave = map_export(export({"VIS1": pd.Series([], dtype=object)}), instrument())
    assert len(wave.responses) == 0 and list(wave.responses.columns[:2]) == ["response_id", "wave"]
    assert wave.problems.empty


def test_problems_csv_is_excel_friendly_and_defuses_formulas():
    wave = map_export(export({"VIS1": ["=HYPERLINK(1)", "Mostly agree"]}), instrument())
    text = wave.problems_csv().decode("utf-8-sig")
    assert text.splitlines()[0] == "row,column,value,problem"
    assert "2,VIS1,'=HYPERLINK(1)," in text
    assert "3,VIS1,Mostly agree," in text


def test_answers_are_read_once_per_distinct_value(monkeypatch):
    calls = []
    original = mapping_module.read_answer

    def counting(raw, table, codes):
        calls.append(raw)
        return original(raw, table, codes)

    monkeypatch.setattr(mapping_module, "read_answer", counting)
    answers = ["Agree", "Strongly agree", "Disagree", None] * 25_000
    wave = map_export(export({"VIS1": answers}), instrument())
    assert len(calls) == 3  # three distinct labels among 100,000 cells; blanks are not read
    assert wave.responses["VIS1"].sum() == 25_000 * (4 + 5 + 2)


def test_role_table_proposes_levels_for_the_labels_found():
    from ingest.attributes import role_table

    table = role_table(["Director", " Specialist", None, "Specialist", "Chief Wizard"], {"Chief Wizard": "executive"})
    assert table["label"].tolist() == ["Chief Wizard", "Director", "Specialist"]
    assert table["level"].tolist() == ["executive", "executive", "staff"]
    assert role_table(["Ranger"])["level"].tolist() == [""]  # unknown: left for the analyst, never guessed


def test_recodes_are_confirmed_row_by_row_and_only_the_ticked_ones_apply():
    """The 10-13 block as a table: confirming 10 and 11 (and reading 13 as missing) leaves 12 a problem."""
    data = export({"VIS1": [10, 11, 13, NA], "VIS2": [12, 12, -1, 11]})
    first = map_export(data, instrument(4))
    table = first.recode_table()
    assert table[["column", "code", "read_as"]].values.tolist() == [
        [mapping_module.EVERY_ITEM, "10", 1.0],
        [mapping_module.EVERY_ITEM, "11", 2.0],
        [mapping_module.EVERY_ITEM, "12", 3.0],
        [mapping_module.EVERY_ITEM, "13", 4.0],
    ]
    assert not table["confirm"].any()
    assert mapping_module.confirmed_codes(table) == {}
    table.loc[[0, 1, 3], "confirm"] = True
    table.loc[3, "read_as"] = None  # the analyst says 13 was "not applicable"
    codes = mapping_module.confirmed_codes(table)
    assert codes == {"*": {"10": 1.0, "11": 2.0, "13": None}}
    wave = map_export(data, instrument(4), value_codes=codes)
    assert wave.responses["VIS1"].tolist() == pytest.approx([1, 2, NA, NA], nan_ok=True)
    assert wave.responses["VIS2"].tolist() == pytest.approx([NA, NA, NA, 2], nan_ok=True)
    assert wave.problems["value"].tolist() == ["12", "12"]  # the unconfirmed code, never guessed


def test_a_label_proposal_is_confirmed_for_its_own_column():
    first = map_export(export({"VIS1": ["Unsure", "Agree"], "VIS2": ["Unsure", "Agree"]}), instrument())
    table = first.recode_table()
    assert table[["column", "code", "read_as"]].values.tolist() == [["VIS1", "Unsure", 3.0], ["VIS2", "Unsure", 3.0]]
    table.loc[0, "confirm"] = True
    wave = map_export(
        export({"VIS1": ["Unsure", "Agree"], "VIS2": ["Unsure", "Agree"]}),
        instrument(),
        value_codes=mapping_module.confirmed_codes(table),
    )
    assert wave.responses["VIS1"].tolist() == [3.0, 4.0]
    assert wave.responses["VIS2"].tolist() == pytest.approx([NA, 4.0], nan_ok=True)


# --- a domain's own wording; an item spread over a column per answer ----------------------------------------------


def test_a_domain_reads_its_own_labels_before_the_scale_s():
    satisfied = ("Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied")
    base = instrument()
    own = replace(base, domains=(base.domains[0], replace(base.domains[1], labels=satisfied)))
    data = export({"VIS1": ["Agree", "Strongly agree"], "LEAD1": ["Very satisfied", "Dissatisfied"]})
    wave = map_export(data, own)
    assert wave.responses["VIS1"].tolist() == [4.0, 5.0]
    assert wave.responses["LEAD1"].tolist() == [5.0, 2.0]
    assert wave.problems.empty
    plain = map_export(data, base)  # without the domain's labels, satisfaction words are no answer on the scale
    assert plain.problems["value"].tolist() == ["Very satisfied", "Dissatisfied"]


def two_row_export(rows: list[list], labels: list[str], question: str = "How much do you agree?") -> Export:
    """A SurveyMonkey-like export whose columns are the answers of one question, one column per answer."""
    columns = [f"{question} - {label}" for label in labels]
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    frame.index = range(4, 4 + len(frame))
    headers = {column: Header(question, label, columns[0]) for column, label in zip(columns, labels, strict=True)}
    return Export("surveymonkey", frame, dict(zip(columns, columns, strict=True)), headers=headers)


def test_an_item_spread_over_a_column_per_answer_reads_the_column_filled():
    # One grid row, "Leaders listen", expanded: each column stands for an answer, whatever the cell holds (the
    # answer's text in a text export, its number in a numeric one). Row 6 ticked two answers: a problem.
    labels = [f"Leaders listen - {label}" for label in ("Strongly disagree", "Disagree", "Neither agree nor disagree",
                                                         "Agree", "Strongly agree", "Don't know")]  # fmt: skip
    rows = [
        [None, None, None, "Agree", None, None],
        [None, None, None, None, None, "6"],
        [None, "2", None, "4", None, None],
        [None, None, None, None, None, None],
        ["1", None, None, None, None, None],
    ]
    data = two_row_export(rows, labels)
    mapping = {column: "LEAD2" for column in data.responses.columns}
    wave = map_export(data, instrument(), mapping)
    assert wave.responses["LEAD2"].tolist() == pytest.approx([4, NA, NA, NA, 1], nan_ok=True)
    assert wave.problems[["row", "column", "value"]].values.tolist() == [
        [6, "How much do you agree? - Leaders listen - Disagree", "Disagree / Agree"]
    ]
    assert "more than one answer" in wave.problems["problem"].iloc[0]
    assert any('1 answer of "don\'t know"' in note for note in wave.notes)
    assert set(wave.mapping.loc[wave.mapping["target"] == "LEAD2", "method"]) == {"analyst"}


def test_columns_of_different_questions_still_cannot_go_to_one_item():
    data = two_row_export([["Agree", None]], ["Agree", "Disagree"])
    other = Export(
        "surveymonkey",
        data.responses,
        data.questions,
        headers={c: replace(h, first=c) for c, h in data.headers.items()},
    )
    mapping = {column: "VIS1" for column in data.responses.columns}
    assert map_export(data, instrument(), mapping).responses["VIS1"].tolist() == [4.0]
    with pytest.raises(ValueError, match="choose one"):
        map_export(other, instrument(), mapping)
