"""The board pack's "Commitments and results" section: action plans with their status and follow-through, on the
sample, in the pack and read back from the slides, the PDF and the workbook.

Why read the files back: a plan for a group too small to report must say "not reportable" and show no number of
that group anywhere, not even the baseline the plan stored when it began.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from charts import number
from ingest import read_canonical_responses, read_roster
from metrics import domain_scores, load_instrument, scope_rows
from plans import Action, Plan
from reports import Pack, build_pack
from reports.handout import pack_pdf
from reports.slides import pack_slides
from reports.workbook import pack_workbook
from tests.reports.test_slides import assert_on_the_slide
from views import Survey

ROOT = Path(__file__).resolve().parents[2]
INSTRUMENT = load_instrument()
SEA = "State Office of Early Learning"
SMALL = "Policy & Legislative Affairs"  # 3 respondents every wave (sample story 3)
HARBOR = "Harbor City Public Schools"
TITLE = "Commitments and results"
HEADER_ROW = 4
STORED = 37.5  # the baseline the small unit's plan stored: it must never be printed


def a_plan(plan_id: str, focus: str, target: float, **changes: object) -> Plan:
    """A plan for all agencies from 2023 Spring to 2024 Spring, with 2 of its 4 actions done."""
    actions = tuple(
        Action(f"Step {i}", "Division director", date(2023, 9, 1), "done" if i < 2 else "in progress") for i in range(4)
    )
    plan = Plan(
        focus=focus,
        agency=None,
        unit=None,
        problem="Staff hear about decisions late.",
        challenge="adaptive",
        stakeholders=("LEAs",),
        actions=actions,
        measure="score",
        baseline_wave="2023 Spring",
        baseline=51.3,
        target=target,
        target_wave="2024 Spring",
        started=date(2023, 6, 1),
        plan_id=plan_id,
    )
    return replace(plan, **changes)


DROPPED = (*a_plan("x", "VIS", 1.0).actions[:3], Action("Survey the unit again", "Deputy", date(2023, 9, 1), "dropped"))

# Six plans, as many as the slide must hold at projector size: open ones first in the section, the closed one last.
PLANS = [
    a_plan("P0002", "RES", 55.0, status="closed"),  # RES 47.3 -> 47.6: no clear change
    a_plan("P0001", "COM", 58.0),  # COM 51.5 -> 60.3, meaningful: target met
    a_plan("P0003", "COM", 70.0, target_wave="2026 Spring"),  # not surveyed yet
    a_plan("P0004", "SHD", 60.0, agency=SEA, unit=SMALL, baseline=STORED),  # 3 respondents a wave: hidden
    a_plan("P0005", "LEAD2", 70.0, agency=HARBOR, measure="pct_favorable", baseline=None),
    a_plan("P0006", "VIS", 80.0, agency=SEA, unit="Grants & Finance", baseline=None, actions=DROPPED),
]


@pytest.fixture(scope="module")
def sample() -> tuple[pd.DataFrame, pd.DataFrame]:
    return (
        read_canonical_responses(ROOT / "data" / "sample" / "responses.xlsx"),
        read_roster(ROOT / "data" / "sample" / "roster.xlsx"),
    )


@pytest.fixture(scope="module")
def pack(sample) -> Pack:
    return build_pack(Survey(sample[0], INSTRUMENT, roster=sample[1]), "2025 Spring", "2024 Spring", plans=PLANS)


def section(pack: Pack):
    return next(s for s in pack.sections if s.key == "commitments")


def row_of(pack: Pack, plan_id: str) -> dict[str, str]:
    table = section(pack).table
    return table[table["Plan"] == plan_id].iloc[0].to_dict()


def hidden_values(responses: pd.DataFrame) -> set[str]:
    """The small unit's SHD scores and % favourable in both waves, as they would read if shown: worked out at
    min_n 3 (its size), which the pack's min_n of 5 hides."""
    found = set()
    for wave in ("2023 Spring", "2024 Spring"):
        scores = domain_scores(scope_rows(responses, wave, SEA, SMALL), INSTRUMENT, min_n=3)
        shd = scores[scores["domain"] == "SHD"].iloc[0]
        found |= {number(shd["score"]), number(shd["pct_favorable"])}
    return found


def test_the_section_comes_last_with_one_row_and_one_line_per_plan(pack):
    keys = [s.key for s in pack.sections]
    assert keys == ["domains", "change", "units", "gaps", "items", "rates", "commitments"]
    commitments = section(pack)
    assert commitments.title == TITLE and commitments.chart is None
    assert "at least 5 points and a 95 % interval that leaves out 0" in commitments.lead
    assert list(commitments.table.columns) == [
        "Plan", "Focus", "Scope", "Status", "Baseline", "Target", "Actual", "Result"
    ]  # fmt: skip
    assert list(commitments.table["Plan"]) == ["P0001", "P0003", "P0004", "P0005", "P0006", "P0002"]
    assert [line.split(",")[0] for line in commitments.notes] == list(commitments.table["Plan"])
    assert "Plan result" in set(pack.definitions["Term"])


@pytest.mark.parametrize(
    ("plan_id", "expected"),
    [
        # sample README: COM 51.5 -> 60.3 (+8.8, interval 7.6 to 10.0), past the target of 58
        (
            "P0001",
            {
                "Focus": "Communication & Information Flow",
                "Scope": "All agencies",
                "Status": "open · 2 of 4 done",
                "Baseline": "2023 Spring: 51.5",
                "Target": "58.0 by 2024 Spring",
                "Actual": "60.3",
                "Result": "target met",
            },
        ),
        # RES 47.3 -> 47.6: well short of 55 and no real change
        (
            "P0002",
            {
                "Status": "closed · 2 of 4 done",
                "Baseline": "2023 Spring: 47.3",
                "Actual": "47.6",
                "Result": "no clear change",
            },
        ),  # fmt: skip
        # the target wave is not stored: the plan's own baseline, no actual yet
        ("P0003", {"Baseline": "2023 Spring: 51.3", "Actual": "—", "Result": "awaiting 2026 Spring"}),
        # 3 respondents in both waves: the wave alone, and the reason instead of a number
        (
            "P0004",
            {
                "Scope": f"{SMALL}, {SEA}",
                "Baseline": "2023 Spring: hidden",
                "Target": "60.0 by 2024 Spring",
                "Actual": "hidden",
                "Result": "not reportable",
            },
        ),  # fmt: skip
        # an item's code and the start of its text; the measure named when it is not the score
        ("P0005", {"Focus": "LEAD2: Leaders keep the… (% favourable)", "Scope": HARBOR}),
        # a unit big enough to report: the recomputed baseline, not the plan's (None)
        ("P0006", {"Scope": f"Grants & Finance, {SEA}", "Status": "open · 2 of 4 done", "Result": "no clear change"}),
    ],
)
def test_each_plan_reads_its_status_and_follow_through(pack, plan_id, expected):
    row = row_of(pack, plan_id)
    assert {column: row[column] for column in expected} == expected


def test_the_presenter_reads_each_plan_in_words(pack):
    notes = dict(zip(section(pack).table["Plan"], section(pack).notes, strict=True))
    assert notes["P0001"].startswith("P0001, Communication & Information Flow for All agencies")
    assert "target met, from 51.5 in 2023 Spring to 60.3 in 2024 Spring (change +8.8 points" in notes["P0001"]
    assert "(closed, 2 of 4 actions done)" in notes["P0002"]
    assert "(open, 2 of 4 actions done, 1 dropped)" in notes["P0006"]
    assert "awaiting 2026 Spring" in notes["P0003"]
    assert "not reportable. Neither wave is reported for this scope" in notes["P0004"]


def test_a_reportable_plan_shows_the_recomputed_baseline_not_the_stored_one(pack):
    row = row_of(pack, "P0006")  # stored baseline None; the unit's VIS in 2023 Spring is on show
    assert re.fullmatch(r"2023 Spring: \d+\.\d", row["Baseline"]) and re.fullmatch(r"\d+\.\d", row["Actual"])


@pytest.mark.parametrize(
    ("stored", "expected"),
    [(STORED, "2023 Spring: hidden"), (None, "2023 Spring: hidden")],
    ids=["stored-number", "stored-none"],
)
def test_an_awaited_plan_of_a_hidden_group_keeps_its_stored_baseline_hidden(sample, stored, expected):
    plan = a_plan("P0009", "SHD", 60.0, agency=SEA, unit=SMALL, baseline=stored, target_wave="2026 Spring")
    pack = build_pack(Survey(sample[0], INSTRUMENT, roster=sample[1]), "2025 Spring", agency=SEA, plans=[plan])
    assert row_of(pack, "P0009")["Baseline"] == expected
    assert row_of(pack, "P0009")["Result"] == "awaiting 2026 Spring"


def allowed_digits_removed(text: str) -> str:
    """The text without the numbers a not-reportable row may show: the plan's id, how many of its actions are
    done, its waves and its target."""
    for allowed in ("P0004", "2 of 4", "2023 Spring", "2024 Spring", "60.0"):
        text = text.replace(allowed, "")
    return text


def test_the_hidden_plan_shows_no_number_in_any_file(sample, pack):
    responses, _ = sample
    forbidden = hidden_values(responses) | {number(STORED)}
    index = [s.key for s in pack.sections].index("commitments")

    deck = Presentation(io.BytesIO(pack_slides(pack)))
    # the section's slides: its name is the small line above each slide's headline
    slides = [s for s in deck.slides if TITLE in [shape.text_frame.text for shape in s.shapes if shape.has_text_frame]]
    tables = [shape.table for slide in slides for shape in slide.shapes if shape.has_table]
    rows = [[cell.text for cell in row.cells] for table in tables for row in table.rows]
    (hidden_row,) = [row for row in rows if row[0] == "P0004"]
    assert hidden_row[-1] == "not reportable"
    assert not re.search(r"\d", allowed_digits_removed(" ".join(hidden_row))), hidden_row
    notes = " ".join(slide.notes_slide.notes_text_frame.text for slide in slides)
    slide_text = " ".join([notes, *(cell for row in rows for cell in row)])

    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pack_pdf(pack))).pages]
    pdf_text = " ".join(page for page in pages if TITLE in page)
    flat = " ".join(pdf_text.split())
    hidden_text = flat[flat.index("P0004") : flat.index("P0005")]  # the row, however its cells wrapped
    assert "not reportable" in hidden_text
    assert not re.search(r"\d", allowed_digits_removed(hidden_text)), hidden_text

    book = load_workbook(io.BytesIO(pack_workbook(pack)))
    sheet = book.worksheets[1 + index]
    assert sheet["A1"].value == TITLE
    (cells,) = [row for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True) if row[0] == "P0004"]
    assert all(isinstance(value, str) for value in cells), cells  # nothing became a number
    assert not re.search(r"\d", allowed_digits_removed(" ".join(cells))), cells
    sheet_text = " ".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None)

    for text in (slide_text, pdf_text, sheet_text):
        assert not any(value in text for value in forbidden), forbidden


def test_a_six_plan_slide_stays_on_the_slide_at_projector_size(pack):
    assert_on_the_slide(Presentation(io.BytesIO(pack_slides(pack))))


@pytest.mark.parametrize(
    ("agency", "unit", "expected"),
    [
        (SEA, None, ["P0004", "P0006"]),  # the agency's unit plans; not the plans for all agencies
        (HARBOR, None, ["P0005"]),  # a plan of the whole agency
        (SEA, "Grants & Finance", ["P0006"]),  # only the unit's own
    ],
)
def test_an_agency_or_unit_pack_lists_only_its_own_plans(sample, agency, unit, expected):
    pack = build_pack(
        Survey(sample[0], INSTRUMENT, roster=sample[1]), "2025 Spring", agency=agency, unit=unit, plans=PLANS
    )
    assert list(section(pack).table["Plan"]) == expected


@pytest.mark.parametrize(
    ("agency", "plans"),
    [(None, []), ("Riverside Unified School District", PLANS), (SEA, [a_plan("P0007", "VIS", 80.0, agency=HARBOR)])],
    ids=["no-plans", "none-of-the-agency", "another-agency"],
)
def test_no_section_without_a_plan_in_scope(sample, agency, plans):
    pack = build_pack(Survey(sample[0], INSTRUMENT, roster=sample[1]), "2025 Spring", agency=agency, plans=plans)
    assert "commitments" not in [s.key for s in pack.sections]
    assert "Plan result" not in set(pack.definitions["Term"])


def test_the_section_leaves_its_inputs_unchanged(sample):
    responses, roster = sample
    before, plans = responses.copy(), list(PLANS)
    build_pack(Survey(responses, INSTRUMENT, roster=roster), "2025 Spring", plans=plans)
    pd.testing.assert_frame_equal(responses, before)
    assert plans == PLANS


def test_scope_text_that_looks_like_a_formula_stays_text_in_the_workbook(sample):
    """The problem text is never shown; a scope's names come from files the office does not control."""
    plan = a_plan("P0008", "COM", 58.0, agency='=HYPERLINK("x")', unit="+cmd", problem="=1+1")
    pack = build_pack(Survey(sample[0], INSTRUMENT, roster=sample[1]), "2025 Spring", plans=[plan])
    assert row_of(pack, "P0008")["Result"] == "not reportable"  # nobody answered in that agency
    book = load_workbook(io.BytesIO(pack_workbook(pack)))
    sheet = book.worksheets[[s.key for s in pack.sections].index("commitments") + 1]
    scope = sheet.cell(HEADER_ROW + 1, 3)
    assert scope.value == '+cmd, =HYPERLINK("x")' and scope.data_type == "s" and scope.quotePrefix
    values = [v for row in sheet.iter_rows(values_only=True) for v in row]
    assert "=1+1" not in values
