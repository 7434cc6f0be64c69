"""Drafting an instrument from an export (ingest/draft.py): items, domains, scale and codes, read from real files.

Every expected value below was worked out by hand from the file the test reads or writes (the fixtures are
written by tests/ingest/fixtures/make_fixtures.py; the two real SurveyMonkey exports are described in
../shared/exports/PROVENANCE.md). A draft must map back exactly: `map_export(export, draft.instrument,
mapping=draft.mapping)` sends each drafted column to its item (method "analyst") and reads every answer, a
domain's own wording and numbered labels included, with no problem on clean data.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import Export, ExportError, InstrumentDraft, draft_instrument, map_export, read_export
from ingest.attributes import ATTRIBUTES
from metrics import domain_scores, instrument_toml, load_instrument, parse_instrument

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
NA = np.nan
AGREE5 = ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree")
AGREE4 = ("Strongly disagree", "Disagree", "Agree", "Strongly agree")
RESERVED = {"response_id", "wave", *ATTRIBUTES, "comment"}


# --- helpers ----------------------------------------------------------------------------------------------------


def draft_of(path: Path, **kwargs) -> tuple[Export, InstrumentDraft]:
    export = read_export(path)
    return export, draft_instrument(export, **kwargs)


def toml_of(instrument) -> str:
    """The instrument as an instrument file, written here by hand (strings as JSON writes them, which TOML reads)."""

    def text(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    scale = instrument.scale
    lines = [f"name = {text(instrument.name)}", "[scale]", f"lo = {scale.lo}", f"hi = {scale.hi}"]
    lines += [f"labels = [{', '.join(text(label) for label in scale.labels)}]", f"favorable = {list(scale.favorable)}"]
    for domain in instrument.domains:
        lines += ["[[domains]]", f"code = {text(domain.code)}", f"name = {text(domain.name)}"]
        lines.append(f"description = {text(domain.description)}")
        if domain.labels:
            lines.append(f"labels = [{', '.join(text(label) for label in domain.labels)}]")
    for item in instrument.items:
        lines += [
            "[[items]]",
            f"code = {text(item.code)}",
            f"domain = {text(item.domain)}",
            f"text = {text(item.text)}",
        ]
    return "\n".join(lines) + "\n"


def assert_valid(draft: InstrumentDraft, tmp_path: Path) -> None:
    """The draft passes metrics' own checks: written as a file (by hand here, and by `metrics.instrument_toml`), the
    loader reads it back the same."""
    instrument = draft.instrument
    path = tmp_path / "helperB_draft.toml"
    path.write_text(toml_of(instrument), encoding="utf-8")
    loaded = load_instrument(path)
    assert loaded.scale == instrument.scale
    assert loaded.items == instrument.items
    assert [replace(d, labels=()) for d in loaded.domains] == [replace(d, labels=()) for d in instrument.domains]
    assert all(len(d.labels) in (0, instrument.scale.size) for d in instrument.domains)
    assert parse_instrument(instrument_toml(instrument)) == instrument  # metrics' own writer and reader, labels too
    codes = [code.casefold() for code in instrument.item_codes]
    assert len(set(codes)) == len(codes) and not set(codes) & RESERVED
    assert set(draft.columns.values()) == set(instrument.item_codes)
    assert draft.mapping == draft.columns
    assert all(isinstance(note, str) and note.endswith(".") for note in draft.notes)


def mapped(export: Export, draft: InstrumentDraft) -> pd.DataFrame:
    """The export mapped with the draft: every drafted column certain to its code, no problem; the responses."""
    wave = map_export(export, draft.instrument, mapping=draft.mapping)
    rows = wave.mapping.set_index("column")
    for column, code in draft.columns.items():
        assert rows.loc[column, "target"] == code
        assert (rows.loc[column, "method"], rows.loc[column, "confidence"]) == ("analyst", 1.0)
    assert wave.problems.empty, wave.problems.to_string()
    return wave.responses


def values(responses: pd.DataFrame, code: str) -> list:
    return [None if pd.isna(v) else v for v in responses[code].tolist()]


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_text(out.getvalue(), encoding=encoding, newline="")
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append([None if cell == "" else cell for cell in row])
    book.save(path)
    return path


def domain(draft: InstrumentDraft, code: str):
    return next(d for d in draft.instrument.domains if d.code == code)


# --- the fixtures, one per layout ----------------------------------------------------------------------------------


SM_MATRIX = "How much do you agree with each statement?"


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("surveymonkey.csv", "Staff survey 2024 - all individual responses"),
        ("surveymonkey.xlsx", "Staff survey 2024 (exported 14 Sep 2024)"),
        ("surveymonkey.xls", "Staff survey 2024 (exported 14 Sep 2024)"),
    ],
)
def test_surveymonkey_matrix_becomes_one_domain(name, title, tmp_path):
    # Questions in order: "Which unit do you work in?" (1, an attribute), the agreement matrix (2, three rows),
    # "Which supports do you use?" (3, multi-select with an "Other" text), "Comments" (4) and "Comments" (5).
    export, draft = draft_of(FIXTURES / name)
    instrument = draft.instrument
    assert instrument.name == title  # the title row above the header
    assert instrument.scale.points == (1, 2, 3, 4, 5) and instrument.scale.labels == AGREE5
    assert instrument.scale.favorable == (4, 5)
    assert [(d.code, d.name, d.description, d.labels) for d in instrument.domains] == [("Q2", SM_MATRIX, SM_MATRIX, ())]
    assert [(i.code, i.domain, i.text) for i in instrument.items] == [
        ("Q2_1", "Q2", "I feel valued"),  # a row's own statement: the question is the domain's description
        ("Q2_2", "Q2", "My work matters"),
        ("Q2_3", "Q2", "Leaders listen"),
    ]
    assert draft.columns == {
        f"{SM_MATRIX} - I feel valued": "Q2_1",
        f"{SM_MATRIX} - My work matters": "Q2_2",
        f"{SM_MATRIX} - Leaders listen": "Q2_3",
    }
    assert_valid(draft, tmp_path)
    responses = mapped(export, draft)
    # rows 1-3 (Agree / Strongly agree / Agree; Disagree / Neither / Strongly disagree; Agree / Agree / blank)
    assert values(responses, "Q2_1") == [4, 2, 4]
    assert values(responses, "Q2_2") == [5, 3, 4]
    assert values(responses, "Q2_3") == [4, 1, None]
    assert responses["unit"].tolist() == ["Unit A", "Unit B", "Unit A"]


def test_qualtrics_matrix_keeps_its_export_tags(tmp_path):
    # Q1 asks for the unit, Q5_1 and Q5_2 are the rows of the agreement matrix Q5, Q7 is a comment box and Q7_DO
    # its display order; the preview response (Unit B, Agree / Agree) is not read.
    export, draft = draft_of(FIXTURES / "qualtrics.csv")
    instrument = draft.instrument
    assert instrument.name == "qualtrics"  # no title row: the file's name
    assert instrument.scale.labels == AGREE5 and instrument.scale.favorable == (4, 5)
    lead = "How much do you agree? Think of the last 12 months."
    assert [(d.code, d.name, d.labels) for d in instrument.domains] == [("Q5", lead, ())]
    assert [(i.code, i.domain) for i in instrument.items] == [("Q5_1", "Q5"), ("Q5_2", "Q5")]
    assert instrument.items[1].text == "Leaders listen to staff"
    assert draft.columns == {"Q5_1": "Q5_1", "Q5_2": "Q5_2"}
    assert_valid(draft, tmp_path)
    responses = mapped(export, draft)
    assert values(responses, "Q5_1") == [5, 2, 3]  # Strongly agree, Disagree, Neither
    assert values(responses, "Q5_2") == [4, 1, None]  # Agree, Strongly disagree, blank


def test_qualtrics_numeric_export_assumes_the_order_of_the_numbers(tmp_path):
    # Q2_1: 5 and -1 (a vendor code), Q2_2: 4 and 2, once the preview response is removed: the highest number
    # seen is 5, so 1-5, labelled by their numbers, with a note asking to check the order.
    export, draft = draft_of(FIXTURES / "qualtrics_utf16.tsv")
    instrument = draft.instrument
    assert instrument.scale.labels == ("1", "2", "3", "4", "5")
    assert [(d.code, d.name) for d in instrument.domains] == [("Q2", "Wie sehr stimmen Sie zu?")]
    assert instrument.item_codes == ["Q2_1", "Q2_2"]
    assert any("numbers only" in note and "check the order" in note for note in draft.notes)
    assert any("'-1'" in note and "missing" in note for note in draft.notes)
    assert_valid(draft, tmp_path)
    responses = mapped(export, draft)
    assert values(responses, "Q2_1") == [5, None]
    assert values(responses, "Q2_2") == [4, 2]


def test_qualtrics_legacy_export(tmp_path):
    # V1-V10 are metadata (the response id, the response set, status, dates, finished), Q1 the unit; Q2_1 and
    # Q2_2 are numbers (4 and 2; 5 and 1, the preview row 4 removed) under "How much do you agree?-...".
    export, draft = draft_of(FIXTURES / "qualtrics_legacy.csv")
    instrument = draft.instrument
    assert [(d.code, d.name) for d in instrument.domains] == [("Q2", "How much do you agree?")]
    assert [(i.code, i.text) for i in instrument.items] == [
        ("Q2_1", "My team works well together"),
        ("Q2_2", "Leaders listen"),
    ]
    assert instrument.scale.size == 5
    assert_valid(draft, tmp_path)
    responses = mapped(export, draft)
    assert values(responses, "Q2_1") == [4, 2] and values(responses, "Q2_2") == [5, 1]


def test_qualtrics_insights_two_questions_of_the_same_text(tmp_path):
    # Q3 was answered Agree and Strongly agree, Q4 Disagree and Agree: an agreement scale nobody answered
    # "Strongly disagree" (nor a middle answer) on; its fewest points are 4. Q2 (tenure) and Q6 (comment) are no
    # items. Each question is a domain of its own.
    export, draft = draft_of(FIXTURES / "qualtrics_insights.csv")
    instrument = draft.instrument
    assert instrument.scale.labels == AGREE4 and instrument.scale.favorable == (4,)
    assert [(d.code, d.name) for d in instrument.domains] == [
        ("Q3", "My supervisor gives me useful feedback (Q3)"),  # one name twice would read alike on every chart
        ("Q4", "My supervisor gives me useful feedback (Q4)"),
    ]
    assert [(i.code, i.domain) for i in instrument.items] == [("Q3", "Q3"), ("Q4", "Q4")]
    assert any("Nobody chose 'Strongly disagree' and 'Disagree' in Q3" in note for note in draft.notes)
    assert any("top point" in note and "metrics' default" in note for note in draft.notes)
    assert_valid(draft, tmp_path)
    responses = mapped(export, draft)
    assert values(responses, "Q3") == [3, 4] and values(responses, "Q4") == [2, 3]


@pytest.mark.parametrize("name", ["google_forms_cp1252.csv", "google_sheets.ods"])
def test_google_forms_grid_becomes_one_domain(name, tmp_path):
    # Timestamp (metadata), e-mail (dropped), unit (question 1), the grid (question 2: Agree, Disagree, Neither;
    # Strongly agree, Agree), supports (3), one thing to do better (4, a comment). "Neither" says the scale has a
    # middle: 5 points, "Strongly disagree" filled in.
    export, draft = draft_of(FIXTURES / name)
    instrument = draft.instrument
    assert instrument.scale.labels == AGREE5
    assert [(d.code, d.name) for d in instrument.domains] == [("Q2", SM_MATRIX)]
    assert [(i.code, i.text) for i in instrument.items] == [
        ("Q2_1", "I feel valued"),
        ("Q2_2", "My work matters"),
    ]
    assert draft.columns == {f"{SM_MATRIX} [I feel valued]": "Q2_1", f"{SM_MATRIX} [My work matters]": "Q2_2"}
    assert any("Nobody chose 'Strongly disagree' in Q2" in note for note in draft.notes)
    assert_valid(draft, tmp_path)
    responses = mapped(export, draft)
    assert values(responses, "Q2_1") == [4, 2, 3] and values(responses, "Q2_2") == [5, 4, None]


def test_microsoft_forms_likert_statements_become_one_domain(tmp_path):
    # ID, times, Email, Name are metadata; the unit is question 1; "I feel valued" (Agree, Disagree, Strongly agree)
    # and "My work matters" (Strongly agree, Agree) stand side by side on one agreement wording: one Likert
    # question (2), on the fewest points that hold them (4: no middle answer was chosen).
    export, draft = draft_of(FIXTURES / "ms_forms.xlsx")
    instrument = draft.instrument
    assert instrument.scale.labels == AGREE4 and instrument.scale.favorable == (4,)
    assert [(d.code, d.name) for d in instrument.domains] == [("Q2", "I feel valued; My work matters")]
    assert [(i.code, i.text) for i in instrument.items] == [("Q2_1", "I feel valued"), ("Q2_2", "My work matters")]
    assert any("Microsoft Forms" in note for note in draft.notes)
    assert_valid(draft, tmp_path)
    responses = mapped(export, draft)
    assert values(responses, "Q2_1") == [3, 2, 4] and values(responses, "Q2_2") == [4, 3, None]


@pytest.mark.parametrize(
    ("name", "answers"),
    [
        ("plain.xlsx", {"Q01": [4, 4, 5], "Q02": [5, 2, 3], "Q03": [3, None, 4]}),
        ("semicolon.csv", {"Q01": [4, 2, 5], "Q02": [5, None, 4]}),
    ],
)
def test_plain_workbook_numbers_keep_their_codes(name, answers, tmp_path):
    # response_id, unit and role_level are attributes; "score" holds "3,5" (a decimal comma), no scale. Q01..Q03
    # are numbers up to 5 (Q03 only up to 4: it is read on the others' 1-5); "Q" alone groups nothing.
    export, draft = draft_of(FIXTURES / name)
    instrument = draft.instrument
    assert instrument.scale.labels == ("1", "2", "3", "4", "5")
    assert instrument.item_codes == list(answers)
    assert [(d.code, d.name) for d in instrument.domains] == [(code, code) for code in answers]
    assert draft.columns == {code: code for code in answers}
    assert any("no question text" in note for note in draft.notes)
    assert_valid(draft, tmp_path)
    responses = mapped(export, draft)
    for code, expected in answers.items():
        assert values(responses, code) == expected


def test_the_plain_workbook_is_named_after_its_title_and_a_name_given_wins():
    export = read_export(FIXTURES / "plain.xlsx")
    assert draft_instrument(export).instrument.name == "Staff survey 2024 - responses (prepared by the analyst)"
    assert draft_instrument(export, name="Riverside 2024").instrument.name == "Riverside 2024"
    unnamed = read_export((FIXTURES / "semicolon.csv").read_bytes())
    assert draft_instrument(unnamed).instrument.name == "Draft instrument"


# --- the two real SurveyMonkey exports ------------------------------------------------------------------------------

# Looking at the header rows of the file (question codes q1 ... q47 above SurveyMonkey's two rows): every question is
# expanded into one column per answer. The questions whose answers form an ordered scale are 19 matrices, each with
# the same answers in every row: "How often ..." (Never, Rarely, Sometimes, Frequently, Very frequently; q7, q8, q33,
# q37, q40), "How effective ..." (Extremely ineffective, Very ineffective, Effective, Very effective, Extremely
# effective; q22-q32) and "How impactful ..." (Not impactful at all ... Extremely impactful; q35, q36, q44), most
# with a "Don't know or not sure" column and an "Other (please specify)" text; and three single questions: q19
# (effective), q34 (Not at all critical ... Extremely critical) and q38 (Never ... Always). All have 5 points. Rows
# per matrix, counted in the header: q7 7, q8 6, q22 3, q23 6, q24 5, q25 7 (no "don't know"), q26 4, q27 7, q28 3,
# q29 6, q30 6, q31 8, q32 9, q33 9, q35 15, q36 5, q37 14, q40 6, q44 15 (141 rows) + 3 single questions = 144
# items in 22 domains. The effectiveness wording covers most items (64 matrix rows + q19).
REAL = ("surveymonkey_expanded_text_osposurvey2024.csv", "surveymonkey_expanded_numeric_osposurvey2024.csv")
MATRIX_ROWS = {
    "Q7": 7,
    "Q8": 6,
    "Q22": 3,
    "Q23": 6,
    "Q24": 5,
    "Q25": 7,
    "Q26": 4,
    "Q27": 7,
    "Q28": 3,
    "Q29": 6,
    "Q30": 6,
    "Q31": 8,
    "Q32": 9,
    "Q33": 9,
    "Q35": 15,
    "Q36": 5,
    "Q37": 14,
    "Q40": 6,
    "Q44": 15,
}
EFFECTIVE = ("Extremely ineffective", "Very ineffective", "Effective", "Very effective", "Extremely effective")
OFTEN = ("Never", "Rarely", "Sometimes", "Frequently", "Very frequently")


def real_path(name: str) -> Path:
    path = SHARED / "exports" / name
    if not path.is_file():
        pytest.fail(f"{path} not found: the real_exports group reads ../shared beside the repository.", pytrace=False)
    return path


@pytest.fixture(scope="module", params=REAL)
def real(request):
    export = read_export(real_path(request.param))
    return export, draft_instrument(export)


@pytest.mark.real_exports
def test_real_export_rating_matrices_become_domains(real, tmp_path):
    export, draft = real
    instrument = draft.instrument
    assert instrument.scale.labels == EFFECTIVE and instrument.scale.favorable == (4, 5)
    codes = instrument.domain_codes
    assert sorted(codes, key=lambda c: int(c[1:])) == codes
    assert set(codes) == set(MATRIX_ROWS) | {"Q19", "Q34", "Q38"}
    for code, rows in MATRIX_ROWS.items():
        assert [i.code for i in instrument.items_of(code)] == [f"{code}_{r}" for r in range(1, rows + 1)]
    for code in ("Q19", "Q34", "Q38"):
        assert instrument.item_codes.count(code) == 1 and instrument.items_of(code)[0].code == code
    assert len(instrument.items) == 144 and len(instrument.domains) == 22
    assert len({d.name for d in instrument.domains}) == 22  # questions cut to the same words end with their code
    assert domain(draft, "Q7").name == "How often does your organization do the following activities?"
    assert domain(draft, "Q7").description.endswith("(select one response per row)")
    assert instrument.items_of("Q7")[0].text == "Contribute code upstream"  # the row, under the question
    for code in ("Q7", "Q8", "Q33", "Q37", "Q40"):
        assert domain(draft, code).labels == OFTEN
    assert domain(draft, "Q38").labels == ("Never", "Rarely", "Sometimes", "Frequently", "Always")
    assert domain(draft, "Q34").labels[0] == "Not at all critical"
    assert [label.casefold() for label in domain(draft, "Q44").labels] == [
        "not impactful at all",
        "slightly impactful",
        "moderately impactful",
        "very impactful",
        "extremely impactful",
    ]
    assert all(domain(draft, code).labels == () for code in ("Q19", *[f"Q{n}" for n in range(22, 33)]))
    assert_valid(draft, tmp_path)


@pytest.mark.real_exports
def test_real_export_never_drafts_attribute_metadata_multiselect_or_comment_columns(real):
    export, draft = real
    headers = export.headers
    rating = {headers[column].first for column in draft.columns}
    for column in draft.columns:
        label = headers[column].label
        assert label.rsplit(" - ", 1)[-1] not in ("Other (please specify)", "Open-Ended Response")
    for column in ("Respondent ID", "Collector ID", "Start Date", "End Date", "language"):
        assert column not in draft.columns
    journey = "Where is your organization on its open source journey? (select all that apply)"
    assert not [c for c in draft.columns if c.startswith(journey)]  # multi-select
    assert not [c for c in draft.columns if "Open-Ended Response" in c or c.endswith("Other (please specify)")]
    # every drafted question is one of the 22 above: 5 answers (or 5 and "don't know") a row
    assert len(rating) == 22
    per_item: dict[str, list[str]] = {}
    for column, code in draft.columns.items():
        per_item.setdefault(code, []).append(column)
    assert {len(columns) for code, columns in per_item.items() if not code.startswith("Q25_")} == {6}
    assert {len(per_item[f"Q25_{r}"]) for r in range(1, 8)} == {5}


@pytest.mark.real_exports
def test_real_export_maps_back_exactly(real):
    export, draft = real
    responses = mapped(export, draft).set_index("response_id")
    assert len(responses) == 222
    # Read by hand from the text file: respondent 114687260013 (row 4) chose "Sometimes" for "Contribute code
    # upstream" (q7, first row) and answered none of q19, q22, q34, q38; respondent 114684273011 (row 8) chose
    # "Effective" for q19, "Very effective" for the three rows of q22, "Very critical" for q34 and "Sometimes" for
    # q38; respondent 114683170971 (row 14) chose "Don't know or not sure" for the second and sixth rows of q8.
    first, fifth, dont_know = (
        responses.loc["114687260013"],
        responses.loc["114684273011"],
        responses.loc["114683170971"],
    )
    assert first["Q7_1"] == 3
    assert first[["Q19", "Q22_1", "Q34", "Q38"]].isna().all()
    assert fifth[["Q19", "Q22_1", "Q22_2", "Q22_3", "Q34", "Q38"]].tolist() == [3, 4, 4, 4, 4, 3]
    assert np.isnan(dont_know["Q8_2"]) and np.isnan(dont_know["Q8_6"])


@pytest.mark.real_exports
def test_real_text_and_numeric_exports_draft_and_map_alike():
    drafts = [draft_instrument(read_export(real_path(name))) for name in REAL]
    assert drafts[0].instrument == replace(drafts[1].instrument, name=drafts[0].instrument.name)
    mapped_ = [mapped(read_export(real_path(name)), draft) for name, draft in zip(REAL, drafts, strict=True)]
    codes = drafts[0].instrument.item_codes
    pd.testing.assert_frame_equal(mapped_[0][codes], mapped_[1][codes])
    assert mapped_[0][codes].notna().sum().sum() > 1000


# --- hand-built exports: scales and wordings ------------------------------------------------------------------------


def test_a_four_point_agreement_grid_and_its_domain_score(tmp_path):
    # Google Forms: unit (question 1), a grid of two statements (question 2), a comment (question 3).
    grid = "Our team"
    rows = [
        ["Timestamp", "Which unit do you work in?", f"{grid} [We share information]", f"{grid} [We help each other]",
         "Any comments?"],
        ["5/1/2025 9:00:00", "Unit A", "Strongly agree", "Agree", "Good place to work overall"],
        ["5/1/2025 9:05:00", "Unit A", "Disagree", "Strongly disagree", "Too many meetings this year"],
        ["5/1/2025 9:10:00", "Unit B", "Agree", "Don't know", ""],
        ["5/1/2025 9:15:00", "Unit B", "Agree", "Agree", "More time for planning please"],
        ["5/1/2025 9:20:00", "Unit A", "Strongly disagree", "Disagree", ""],
    ]  # fmt: skip
    export = read_export(write_csv(tmp_path / "helperB_four.csv", rows))
    draft = draft_instrument(export)
    instrument = draft.instrument
    assert instrument.scale.labels == AGREE4 and instrument.scale.favorable == (4,)
    assert [(d.code, d.name) for d in instrument.domains] == [("Q2", grid)]
    assert instrument.item_codes == ["Q2_1", "Q2_2"]
    assert not any("Nobody chose" in note for note in draft.notes)
    assert any("'Don't know'" in note for note in draft.notes)
    assert_valid(draft, tmp_path)
    responses = mapped(export, draft)
    assert values(responses, "Q2_1") == [4, 2, 3, 3, 1]
    assert values(responses, "Q2_2") == [3, 1, None, 3, 2]
    # Respondent domain scores on 1-4 (both items needed): (3.5-1)/3, (1.5-1)/3, none, (3-1)/3, (1.5-1)/3 -> 83.33,
    # 16.67, -, 66.67, 16.67; mean 45.83 over 4. Favourable = 4 only: one of the 9 answers (Strongly agree).
    scores = domain_scores(responses, instrument, min_n=3)
    assert scores["n"].tolist() == [4]
    assert scores["score"].iloc[0] == pytest.approx((250 / 3 + 50 / 3 + 200 / 3 + 50 / 3) / 4)
    assert scores["pct_favorable"].iloc[0] == pytest.approx(100 / 9)


SEVEN = (
    "Strongly disagree",
    "Disagree",
    "Somewhat disagree",
    "Neither agree nor disagree",
    "Somewhat agree",
    "Agree",
    "Strongly agree",
)


def test_a_seven_point_scale_listed_from_most_positive_and_its_domain_score(tmp_path):
    # SurveyMonkey, answers expanded one column per option, the options listed from "Strongly agree" down to
    # "Strongly disagree", then "N/A"; every option listed is a point whether chosen or not.
    options = [*reversed(SEVEN), "N/A"]
    statements = ["We share information", "We help each other"]
    head = ["Respondent ID", "How much do you agree?"] + [""] * (2 * len(options) - 1)
    labels = [""] + [f"{s} - {o}" for s in statements for o in options]

    def row(rid: str, *answers: str) -> list[str]:
        cells = [rid]
        for answer in answers:
            cells += [answer if option == answer else "" for option in options]
        return cells

    rows = [
        head,
        labels,
        row("1", "Strongly agree", "Agree"),
        row("2", "Neither agree nor disagree", "Somewhat disagree"),
        row("3", "Strongly disagree", "N/A"),
        row("4", "Somewhat agree", "Disagree"),
    ]
    export = read_export(write_xlsx(tmp_path / "helperB_seven.xlsx", rows))
    draft = draft_instrument(export)
    instrument = draft.instrument
    assert instrument.scale.labels == SEVEN and instrument.scale.favorable == (6, 7)
    assert [(d.code, d.name) for d in instrument.domains] == [("Q1", "How much do you agree?")]
    assert [i.text for i in instrument.items] == statements
    assert sorted(set(draft.columns.values())) == ["Q1_1", "Q1_2"]
    assert len(draft.columns) == 16  # 7 points and N/A, for each statement
    assert any("metrics' default" in note for note in draft.notes)  # the top two, where a file would take three
    assert_valid(draft, tmp_path)
    responses = mapped(export, draft)
    assert values(responses, "Q1_1") == [7, 4, 1, 5]
    assert values(responses, "Q1_2") == [6, 3, None, 2]
    # Scores on 1-7 (both items needed): (6.5-1)/6 = 91.67, (3.5-1)/6 = 41.67, none, (3.5-1)/6 = 41.67 -> 58.33.
    # Favourable = 6 and 7: 2 of the 7 answers.
    scores = domain_scores(responses, instrument, min_n=3)
    assert scores["n"].tolist() == [3]
    assert scores["score"].iloc[0] == pytest.approx((550 / 6 + 250 / 6 + 250 / 6) / 3)
    assert scores["pct_favorable"].iloc[0] == pytest.approx(200 / 7)


def test_numbered_labels_lose_their_numbers_and_still_map(tmp_path):
    # SurveyMonkey condensed: an agreement matrix numbered "1 - ..." (question 1, two rows), a frequency question
    # numbered "1 = ..." (question 2). One scale: the agreement wording (2 items against 1).
    rows = [
        ["Respondent ID", SM_MATRIX, "", "How often do you get useful feedback?"],
        ["", "I feel valued", "My work matters", "Response"],
        ["11", "4 - Agree", "5 - Strongly agree", "1 = Never"],
        ["12", "1 - Strongly disagree", "3 - Neither agree nor disagree", "3 = Sometimes"],
        ["13", "2 - Disagree", "4 - Agree", "5 = Always"],
        ["14", "5 - Strongly agree", "", "2 = Rarely"],
        ["15", "3 - Neither agree nor disagree", "1 - Strongly disagree", "4 = Often"],
    ]
    export = read_export(write_csv(tmp_path / "helperB_numbered.csv", rows))
    draft = draft_instrument(export)
    instrument = draft.instrument
    assert instrument.scale.labels == AGREE5
    assert [(d.code, d.labels) for d in instrument.domains] == [
        ("Q1", ()),
        ("Q2", ("Never", "Rarely", "Sometimes", "Often", "Always")),
    ]
    assert instrument.item_codes == ["Q1_1", "Q1_2", "Q2"]
    assert any("leave the numbers out" in note for note in draft.notes)
    assert_valid(draft, tmp_path)
    responses = mapped(export, draft)
    assert values(responses, "Q1_1") == [4, 1, 2, 5, 3]
    assert values(responses, "Q1_2") == [5, 3, 4, None, 1]
    assert values(responses, "Q2") == [1, 3, 5, 2, 4]


def test_labels_numbered_from_the_most_positive_are_turned_around(tmp_path):
    # "1 - Strongly agree" ... "5 - Strongly disagree": the draft's point 1 is the file's 5, and its labels keep the
    # file's numbers so that each answer reads to its point.
    numbered = ["1 - Strongly agree", "2 - Agree", "3 - Neither agree nor disagree", "4 - Disagree",
                "5 - Strongly disagree"]  # fmt: skip
    rows = [["Timestamp", "Culture [We trust each other]", "Culture [We say what we think]"]]
    rows += [[f"5/2/2025 10:0{k}:00", numbered[k], numbered[4 - k]] for k in range(5)]
    export = read_export(write_csv(tmp_path / "helperB_reversed.csv", rows))
    draft = draft_instrument(export)
    assert draft.instrument.scale.labels == tuple(reversed(numbered))
    assert any("from the most positive" in note for note in draft.notes)
    responses = mapped(export, draft)
    assert values(responses, "Q1_1") == [5, 4, 3, 2, 1]
    assert values(responses, "Q1_2") == [1, 2, 3, 4, 5]


def test_a_frequency_and_an_extent_grid_share_one_scale(tmp_path):
    # Google Forms: a frequency grid of three statements (question 1), an extent grid of two (question 2), all five
    # points chosen in each. The scale takes the frequency wording (3 items to 2); the extent grid keeps its own.
    often = ["Never", "Rarely", "Sometimes", "Often", "Always"]
    extent = ["Not at all", "To a small extent", "To a moderate extent", "To a great extent", "To a very great extent"]
    header = ["Timestamp", "How often [I get feedback]", "How often [I am asked my view]", "How often [Plans change]",
              "To what extent [I can decide how I work]", "To what extent [My work is recognised]"]  # fmt: skip
    rows = [header]
    for k in range(5):
        rows.append([f"5/3/2025 11:0{k}:00", often[k], often[(k + 1) % 5], often[(k + 2) % 5], extent[k],
                     extent[4 - k]])  # fmt: skip
    export = read_export(write_csv(tmp_path / "helperB_often.csv", rows))
    draft = draft_instrument(export)
    instrument = draft.instrument
    assert instrument.scale.labels == tuple(often)
    assert [(d.code, d.name, d.labels) for d in instrument.domains] == [
        ("Q1", "How often", ()),
        ("Q2", "To what extent", tuple(extent)),
    ]
    assert instrument.item_codes == ["Q1_1", "Q1_2", "Q1_3", "Q2_1", "Q2_2"]
    assert any("and Q2 keeps its own wording of the same 5 points as its domain's labels" in n for n in draft.notes)
    assert_valid(draft, tmp_path)
    responses = mapped(export, draft)
    assert values(responses, "Q1_1") == [1, 2, 3, 4, 5]
    assert values(responses, "Q1_3") == [3, 4, 5, 1, 2]
    assert values(responses, "Q2_1") == [1, 2, 3, 4, 5]
    assert values(responses, "Q2_2") == [5, 4, 3, 2, 1]


def test_agreement_and_satisfaction_on_five_points_make_one_scale(tmp_path):
    # SurveyMonkey condensed: an agreement matrix (question 1, three rows), a satisfaction question (question 2)
    # and a role question (question 3, an attribute). One 5-point scale in the agreement wording; the satisfaction
    # domain keeps its own labels, and "Very satisfied" reads as 5 there.
    rows = [
        ["Respondent ID", SM_MATRIX, "", "", "How satisfied are you with your job?", "What is your role?"],
        ["", "I feel valued", "My work matters", "Leaders listen", "Response", "Response"],
        ["21", "Agree", "Strongly agree", "Neither agree nor disagree", "Very satisfied", "Staff"],
        ["22", "Disagree", "Agree", "Strongly disagree", "Dissatisfied", "Manager"],
        ["23", "Strongly agree", "Neither agree nor disagree", "Agree", "Neither satisfied nor dissatisfied", "Staff"],
        ["24", "Agree", "Disagree", "Agree", "Very dissatisfied", "Director"],
        ["25", "Strongly disagree", "Agree", "Disagree", "Satisfied", "Staff"],
    ]
    export = read_export(write_csv(tmp_path / "helperB_mixed.csv", rows))
    draft = draft_instrument(export)
    instrument = draft.instrument
    assert instrument.scale.labels == AGREE5
    satisfied = ("Very dissatisfied", "Dissatisfied", "Neither satisfied nor dissatisfied", "Satisfied",
                 "Very satisfied")  # fmt: skip
    assert [(d.code, d.name, d.labels) for d in instrument.domains] == [
        ("Q1", SM_MATRIX, ()),
        ("Q2", "How satisfied are you with your job?", satisfied),
    ]
    assert instrument.item_codes == ["Q1_1", "Q1_2", "Q1_3", "Q2"]
    assert "What is your role? - Response" not in draft.columns
    assert any("and Q2 keeps its own wording of the same 5 points as its domain's labels" in n for n in draft.notes)
    assert_valid(draft, tmp_path)
    responses = mapped(export, draft)
    assert values(responses, "Q2") == [5, 2, 3, 1, 4]
    assert values(responses, "Q1_3") == [3, 1, 4, 4, 2]
    assert responses["role_level"].tolist() == ["staff", "manager", "staff", "executive", "staff"]


def test_a_question_on_another_number_of_points_is_left_out_with_a_note(tmp_path):
    # Qualtrics: Q1 (three rows) on 5-point agreement, Q2 (two rows) on 7-point agreement (every one of its seven
    # answers chosen). The most common size is 5 (3 items to 2): Q2 is left out and named in a note.
    tags = ["ResponseId", "Q1_1", "Q1_2", "Q1_3", "Q2_1", "Q2_2"]
    texts = ["Response ID", "Agree? - A", "Agree? - B", "Agree? - C", "Over the year - D", "Over the year - E"]
    ids = ['{"ImportId":"_recordId"}'] + [f'{{"ImportId":"QID{t[1]}_{t[-1]}"}}' for t in tags[1:]]
    answers = [
        ["R_1", "Agree", "Strongly agree", "Disagree", "Strongly agree", "Somewhat agree"],
        ["R_2", "Neither agree nor disagree", "Agree", "Strongly disagree", "Agree", "Neither agree nor disagree"],
        ["R_3", "Strongly disagree", "Disagree", "Agree", "Somewhat disagree", "Disagree"],
        ["R_4", "Strongly agree", "Neither agree nor disagree", "Agree", "Strongly disagree", "Agree"],
    ]
    export = read_export(write_csv(tmp_path / "helperB_sizes.csv", [tags, texts, ids, *answers]))
    draft = draft_instrument(export)
    instrument = draft.instrument
    assert instrument.scale.labels == AGREE5
    assert instrument.item_codes == ["Q1_1", "Q1_2", "Q1_3"]
    assert not {"Q2_1", "Q2_2"} & set(draft.columns)
    note = next(note for note in draft.notes if note.startswith("Left out"))
    assert "2 rating questions" in note and "'Over the year' (7 points)" in note and "draft's 5" in note
    assert_valid(draft, tmp_path)
    responses = mapped(export, draft)
    assert values(responses, "Q1_1") == [4, 3, 1, 5]


def test_dont_know_answers_are_never_points(tmp_path):
    # A plain file: Q1 holds the five agreement answers and five kinds of non-answer (don't know, N/A, not
    # applicable, prefer not to answer, the vendor code -99): still a 5-point scale, and those read as missing.
    answers = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree",
               "Don't know", "N/A", "Not applicable", "Prefer not to answer", "-99"]  # fmt: skip
    rows = [["response_id", "Q1"]] + [[f"r{k}", answer] for k, answer in enumerate(answers)]
    export = read_export(write_csv(tmp_path / "helperB_dk.csv", rows))
    draft = draft_instrument(export)
    assert draft.instrument.scale.labels == AGREE5
    assert draft.instrument.item_codes == ["Q1"]
    responses = mapped(export, draft)
    assert values(responses, "Q1") == [1, 2, 3, 4, 5, None, None, None, None, None]


def test_workbook_codes_group_by_their_letters_and_unsafe_or_reserved_names_are_renamed(tmp_path):
    # VIS1, VIS2 and LEAD1, LEAD2 group by letters; "comment" is a name map_export keeps for comments, "vis1" repeats
    # VIS1 but for case, and "How fair is pay?" is no code: they get codes from their question numbers (the
    # response id is no question, so "VIS1" is question 1 ... "How fair is pay?" question 7).
    header = ["response_id", "VIS1", "VIS2", "LEAD1", "LEAD2", "comment", "vis1", "How fair is pay?"]
    rows = [header]
    for k, answer in enumerate([1, 2, 3, 4, 5]):
        rows.append([f"r{k}", answer, 6 - answer, answer, answer, answer, 6 - answer, answer])
    export = read_export(write_xlsx(tmp_path / "helperB_codes.xlsx", rows))
    draft = draft_instrument(export)
    instrument = draft.instrument
    assert [(d.code, [i.code for i in instrument.items_of(d.code)]) for d in instrument.domains] == [
        ("VIS", ["VIS1", "VIS2"]),
        ("LEAD", ["LEAD1", "LEAD2"]),
        ("Q5", ["Q5"]),
        ("Q6", ["Q6"]),
        ("Q7", ["Q7"]),
    ]
    assert draft.columns["comment"] == "Q5" and draft.columns["vis1"] == "Q6"
    assert draft.columns["How fair is pay?"] == "Q7"
    assert_valid(draft, tmp_path)
    responses = mapped(export, draft)
    assert values(responses, "Q7") == [1, 2, 3, 4, 5] and values(responses, "Q5") == [1, 2, 3, 4, 5]


def test_a_grid_row_with_a_stray_answer_is_left_out_and_other_wordings_are_read(tmp_path):
    # Qualtrics: Q1_1-Q1_3 an agreement matrix, but Q1_3 holds "Maybe" once (no scale point): Q1_3 is left out with
    # a note, Q1_1 and Q1_2 stay. Q2 is graded on one word ("Not at all important" ... "Extremely important"), all
    # five chosen: its own wording. Q3 is agreement with a "Not sure" (midpoint or don't know: asked, not guessed).
    tags = ["ResponseId", "Q1_1", "Q1_2", "Q1_3", "Q2", "Q3"]
    texts = ["Response ID", "Agree? - A", "Agree? - B", "Agree? - C", "How important is flexible time?", "Agree? D"]
    ids = ['{"ImportId":"_recordId"}'] + [f'{{"ImportId":"QID{k}"}}' for k in range(1, 6)]
    important = ["Not at all important", "Slightly important", "Moderately important", "Very important",
                 "Extremely important"]  # fmt: skip
    agree = list(AGREE5)
    answers = [[f"R_{k}", agree[k], agree[4 - k], agree[k], important[k], agree[k]] for k in range(5)]
    answers[1][3] = "Maybe"
    answers[2][5] = "Not sure"
    export = read_export(write_csv(tmp_path / "helperB_stray.csv", [tags, texts, ids, *answers]))
    draft = draft_instrument(export)
    instrument = draft.instrument
    assert instrument.item_codes == ["Q1_1", "Q1_2", "Q2", "Q3"]
    assert [(d.code, d.labels) for d in instrument.domains] == [
        ("Q1", ()),
        ("Q2", tuple(important)),
        ("Q3", ()),
    ]
    assert (
        "'Agree? - C' was not drafted: its answers include 'Maybe', which is on no answer scale known." in draft.notes
    )
    assert any(note.startswith("Q3 has answers such as 'Not sure'") for note in draft.notes)
    assert_valid(draft, tmp_path)
    wave = map_export(export, instrument, mapping=draft.mapping)
    assert values(wave.responses, "Q2") == [1, 2, 3, 4, 5]
    assert values(wave.responses, "Q3") == [1, 2, None, 4, 5]
    assert wave.problems[["row", "column", "value"]].values.tolist() == [[6, "Q3", "Not sure"]]


# --- no rating question: a plain ExportError -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rows",
    [
        [
            ["response_id", "unit", "What could we do better?"],
            ["r1", "Unit A", "More time to plan our work together"],
            ["r2", "Unit B", "Fewer meetings and clearer priorities"],
        ],
        [["response_id", "Years of service", "Team size"], ["r1", "12", "30"], ["r2", "3", "14"]],
        [["response_id", "Q1", "Q2"], ["r1", "Yes", "Red"], ["r2", "No", "Blue"]],
        [["response_id", "Q1", "Q2"]],
    ],  # fmt: skip
    ids=["comments", "counts", "yes-no", "no-responses"],
)
def test_an_export_without_rating_questions_is_a_plain_error(rows, tmp_path):
    export = read_export(write_csv(tmp_path / "helperB_none.csv", rows))
    with pytest.raises(ExportError, match="No rating questions were found"):
        draft_instrument(export)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.lists(
            st.one_of(
                st.sampled_from(["Agree", "Never", "Poor", "Don't know", "1 - Good", "x", "", "Very likely", "N/A"]),
                st.integers(-3, 12).map(str),
                st.text(max_size=6),
            ),
            min_size=3,
            max_size=3,
        ),
        max_size=6,
    )
)
def test_any_small_export_gives_a_valid_draft_or_a_plain_error(cells):
    frame = (
        pd.DataFrame(cells, columns=["A1", "A2", "B 3"], dtype=object)
        if cells
        else pd.DataFrame(columns=["A1", "A2", "B 3"])
    )
    frame.index = range(2, 2 + len(frame))
    export = Export("plain", frame, {"A1": "A1", "A2": "A2", "B 3": "B 3"})
    try:
        draft = draft_instrument(export)
    except ExportError as error:
        assert str(error).startswith("No rating questions were found")
        return
    instrument = draft.instrument
    assert 4 <= instrument.scale.size <= 7 and len(instrument.scale.labels) == instrument.scale.size
    assert instrument.items and all(instrument.items_of(d.code) for d in instrument.domains)
    wave = map_export(export, instrument, mapping=draft.mapping)
    for code in instrument.item_codes:
        answered = wave.responses[code].dropna()
        assert answered.between(1, instrument.scale.size).all()
