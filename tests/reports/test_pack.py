"""The board pack's content on the sample data: what it holds for each scope, and nothing the screen hides.

Every file writer lays out only what a Pack holds, so checking the Pack for every scope of the sample checks
what any file could show; each writer's own tests (test_slides, test_handout, test_workbook) read its file back
and check that the hidden groups show only their reasons there.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from ingest import read_canonical_responses, read_roster
from metrics import COMPLEMENTARY, PRIMARY, load_instrument
from reports import build_pack
from views import Survey

ROOT = Path(__file__).resolve().parents[2]
SEA = "State Office of Early Learning"
INSTRUMENT = load_instrument()
REASONS = {PRIMARY, COMPLEMENTARY}
NUMBER = re.compile(r"\d")


@pytest.fixture(scope="module")
def sample() -> tuple[pd.DataFrame, pd.DataFrame]:
    return (
        read_canonical_responses(ROOT / "data" / "sample" / "responses.xlsx"),
        read_roster(ROOT / "data" / "sample" / "roster.xlsx"),
    )


def scopes(responses: pd.DataFrame) -> list[tuple[str | None, str | None]]:
    """Everyone, every agency and every unit of the 2025 Spring wave."""
    rows = responses[responses["wave"] == "2025 Spring"]
    pairs = rows[["agency", "unit"]].drop_duplicates().sort_values(["agency", "unit"])
    return [(None, None), *((a, None) for a in pairs["agency"].unique()), *map(tuple, pairs.to_numpy())]


def test_whole_sample_pack_holds_every_section(sample):
    pack = build_pack(Survey(sample[0], INSTRUMENT, roster=sample[1]), "2025 Spring", "2024 Spring")
    assert [s.key for s in pack.sections] == ["domains", "change", "units", "gaps", "items", "rates"]
    assert pack.subtitle == "All agencies · 2025 Spring compared with 2024 Spring"
    texts = [f.text for f in pack.findings]
    # sample story 1: COM rose 60.3 -> 68.2; story 4: Harbor City's low response rate
    assert "Communication & Information Flow rose 7.9 points, from 60.3 to 68.2: a real change." in texts
    assert any("Harbor City Public Schools (31.4 %): interpret with caution" in t for t in texts)
    assert set(pack.definitions["Term"]) >= {"Domain score", "Tier", "Confidentiality"}


def test_a_unit_pack_has_no_units_grid_and_a_small_unit_is_refused(sample):
    pack = build_pack(Survey(sample[0], INSTRUMENT, roster=sample[1]), "2025 Spring", None, SEA, "Grants & Finance")
    assert "units" not in [s.key for s in pack.sections] and "change" not in [s.key for s in pack.sections]
    # story 2: Grants & Finance's leaders and staff, SHD gap 34.1 in 2025 Spring
    assert "Leaders rate Shared Decision-Making & Influence 34.1 points higher than staff do (a large gap)." in [
        f.text for f in pack.findings
    ]
    with pytest.raises(ValueError, match="fewer than 5 people"):
        build_pack(
            Survey(sample[0], INSTRUMENT, roster=sample[1]), "2025 Spring", None, SEA, "Policy & Legislative Affairs"
        )


@pytest.mark.slow  # every scope of the sample
def test_no_scope_of_the_sample_shows_a_hidden_number(sample):
    responses, roster = sample
    checked = 0
    for agency, unit in scopes(responses):
        try:
            pack = build_pack(Survey(responses, INSTRUMENT, roster=roster), "2025 Spring", "2024 Spring", agency, unit)
        except ValueError:
            continue  # refused whole, as the page refuses it
        for section in pack.sections:
            table = section.table
            for _, row in table.iterrows():
                cells = [str(v) for v in row.to_numpy()]
                if not any(cell in REASONS for cell in cells):
                    continue
                # a hidden row's cells are its reason, a name, or blank: never a number (a count of who answered
                # included). The roster's invited count stays: it says nothing of anyone's answers. The grid of
                # units holds one row per unit, each cell hidden on its own
                for column, cell in zip(table.columns, cells, strict=True):
                    if (
                        cell in REASONS
                        or cell == ""
                        or column in ("Agency", "Unit", "Agency · Unit", "Domain", "Item", "Invited")
                    ):
                        continue
                    if section.key in ("units",):
                        continue  # per-cell: checked below
                    assert not NUMBER.search(cell), (agency, unit, section.key, column, cell)
            if section.key == "units":
                values = table.drop(columns=table.columns[0]).to_numpy().ravel()
                assert all(not NUMBER.search(v) for v in values if v in REASONS)
        hidden_units = {r for s in pack.sections if s.key == "units" for r in _wholly_hidden_rows(s.table)}
        for finding in pack.findings:
            assert not any(name in finding.text for name in hidden_units), (agency, unit, finding.text)
        checked += 1
    assert checked >= 30  # everyone, the agencies and most units are reportable


def _wholly_hidden_rows(grid: pd.DataFrame) -> list[str]:
    label = grid.columns[0]
    values = grid.drop(columns=label)
    hidden = values.isin(REASONS).all(axis=1)
    return [str(v).split(" · ")[-1] for v in grid.loc[hidden, label]]


def test_the_files_are_made_in_order_and_each_is_announced_first(sample):
    """The page's progress bar is told of each file before it is made (the handout takes seconds)."""
    from reports.files import pack_files

    pack = build_pack(Survey(sample[0], INSTRUMENT, roster=sample[1]), "2025 Spring", None, SEA, "Grants & Finance")
    told = []
    made = pack_files(pack, progress=lambda label, done: told.append((label, round(done, 3))))
    assert told == [("PowerPoint deck", 0.0), ("PDF handout", 0.333), ("Excel workbook", 0.667)]
    assert [name.rsplit(".", 1)[1] for name in made] == ["pptx", "pdf", "xlsx"]
    assert all(content[:2] in (b"PK", b"%P") for content in made.values())  # zip packages and a PDF


def test_cover_counts_the_scope_from_the_files_themselves(sample):
    """The cover's counts, worked out here from the two sample files by plain counting."""
    responses, roster = sample
    pack = build_pack(
        Survey(responses, INSTRUMENT, roster=roster),
        "2025 Spring",
        "2024 Spring",
        agency=SEA,
        organisation="  Department of Early Learning ",
        built=date(2026, 12, 7),
    )
    cover = pack.cover
    answered = int(((responses["wave"] == "2025 Spring") & (responses["agency"] == SEA)).sum())
    invited = int(roster.loc[(roster["wave"] == "2025 Spring") & (roster["agency"] == SEA), "invited"].sum())
    assert cover.organisation == "Department of Early Learning"
    assert cover.scope == SEA
    assert cover.built == "7 December 2026"
    assert cover.waves == "2025 Spring compared with 2024 Spring"
    assert cover.respondents == f"{answered:,} people answered."
    assert cover.response_rate == (
        f"{answered:,} of the {invited:,} people invited answered ({100 * answered / invited:.1f} %)."
    )
    assert cover.headline.startswith("The effectiveness index is ")
    assert [label for label, _ in cover.lines()][0] == "Organisation"


def test_cover_without_organisation_or_roster_leaves_those_lines_out(sample):
    pack = build_pack(Survey(sample[0], INSTRUMENT), "2025 Spring")
    labels = [label for label, _ in pack.cover.lines()]
    assert "Organisation" not in labels and "Built" not in labels
    assert pack.cover.response_rate == "No roster of the people invited is stored for this wave."
