"""The PDF handout, read back with pypdf: every finding, section and score of the pack in the text, pages numbered
"Page n of N", and nothing the screen hides.

Why read the file back: the handout is what a board member holds, so the checks look at the PDF's text, not at
the builder.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader

import metrics
from ingest import read_canonical_responses, read_roster
from metrics import COMPLEMENTARY, PRIMARY, load_instrument
from reports import Section, build_pack
from reports.handout import pack_pdf
from views import Survey

ROOT = Path(__file__).resolve().parents[2]
SEA = "State Office of Early Learning"
INSTRUMENT = load_instrument()
NUMBER = re.compile(r"[+\-−]?\d+(?:\.\d+)?")
LETTER = (612, 792)  # points


@pytest.fixture(scope="module")
def sample():
    return (
        read_canonical_responses(ROOT / "data" / "sample" / "responses.xlsx"),
        read_roster(ROOT / "data" / "sample" / "roster.xlsx"),
    )


@pytest.fixture(scope="module")
def whole(sample):
    pack = build_pack(Survey(sample[0], INSTRUMENT, roster=sample[1]), "2025 Spring", "2024 Spring")
    return pack, PdfReader(io.BytesIO(pack_pdf(pack)))


@pytest.fixture(scope="module")
def sea(sample):
    pack = build_pack(Survey(sample[0], INSTRUMENT, roster=sample[1]), "2025 Spring", "2024 Spring", agency=SEA)
    return pack, PdfReader(io.BytesIO(pack_pdf(pack)))


def flat(text: str) -> str:
    """Text with every run of white space (a wrapped line included) as one space."""
    return re.sub(r"\s+", " ", text).strip()


def pages(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def body(page: str) -> str:
    """A page's text without its footer line, which ends "Page n of N"."""
    return "\n".join(line for line in page.splitlines() if not re.search(r"Page \d+ of \d+$", line))


def section_pages(pack, texts: list[str], key: str) -> list[str]:
    """The pages from a section's heading up to the page where the next heading starts."""
    titles = [s.title for s in pack.sections] + ["Methods and confidentiality"]
    index = [s.key for s in pack.sections].index(key)
    first = next(i for i, t in enumerate(texts) if titles[index] in flat(t))
    last = next(i for i, t in enumerate(texts) if titles[index + 1] in flat(t))
    return texts[first : last + (last == first)]


def test_every_finding_section_and_definition_is_in_the_text(whole):
    pack, reader = whole
    text = flat(" ".join(pages(reader)))
    assert flat(pack.title) in text and flat(pack.subtitle) in text  # "·" printed, not dropped
    assert "Key findings" in text and "Methods and confidentiality" in text
    for finding in pack.findings:
        assert flat(finding.text) in text
    for section in pack.sections:
        assert flat(section.title) in text and flat(section.lead) in text
    for term in pack.definitions["Term"]:
        assert flat(term) in text  # "Leader–staff gap": the en dash survives


def test_domain_scores_sit_on_their_domains_rows(whole):
    pack, reader = whole
    domains = next(s for s in pack.sections if s.key == "domains")
    text = flat(" ".join(section_pages(pack, pages(reader), "domains")))
    assert "Score (0–100)" in text
    for _, row in domains.table.iterrows():
        # e.g. "Resources & Work Structures 47.3 Priority": the score and tier printed on the domain's row
        assert flat(f"{row['Domain']} {row['Score (0–100)']} {row['Tier']}") in text


def test_pages_are_letter_numbered_and_plausible_in_number(whole):
    pack, reader = whole
    texts = pages(reader)
    total = len(texts)
    assert len(pack.sections) + 1 <= total <= 3 * len(pack.sections) + 2
    for number, text in enumerate(texts, start=1):
        assert text.rstrip().endswith(f"Page {number} of {total}")
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages}
    assert sizes <= {LETTER, LETTER[::-1]}  # the units grid may turn the page to landscape
    assert (round(float(reader.pages[0].mediabox.width)), round(float(reader.pages[0].mediabox.height))) == LETTER


def test_a_table_broken_across_pages_repeats_its_header(whole):
    pack, _ = whole
    rows = pd.DataFrame({"Unit": [f"Unit {i:03d} of a long list" for i in range(120)], "Score (0–100)": "50.0"})
    long = replace(pack, findings=[], sections=[Section("long", "A long table", "One row per unit.", rows)])
    texts = pages(PdfReader(io.BytesIO(pack_pdf(long))))
    broken = [t for t in texts if "of a long list" in t]
    assert len(broken) >= 3
    for text in broken:
        lines = body(text).splitlines()
        first_row = next(i for i, line in enumerate(lines) if "of a long list" in line)
        assert lines[first_row - 1] == "Unit Score (0–100)"
    assert sum(flat(t).count("of a long list") for t in texts) == 120


def test_the_wide_grid_of_units_turns_its_pages_to_landscape(whole):
    pack, reader = whole
    grid = next(s for s in pack.sections if s.key == "units").table
    first = grid.iloc[0, 0]
    texts = pages(reader)
    on = [i for i, t in enumerate(texts) if t in section_pages(pack, texts, "units") and f"\n{first} " in t]
    assert len(on) == 1
    page = reader.pages[on[0]]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == LETTER[::-1]


def test_hidden_units_show_only_their_reason(sea):
    pack, reader = sea
    units = next(s for s in pack.sections if s.key == "units").table
    labels = [str(v) for v in units.iloc[:, 0]]
    reasons = {str(v) for v in units.iloc[:, 1:].to_numpy().ravel()} & {PRIMARY, COMPLEMENTARY}
    hidden = [k for k, row in enumerate(units.iloc[:, 1:].to_numpy()) if reasons & {str(v) for v in row}]
    assert [labels[k] for k in hidden] == ["Data & Assessment", "Policy & Legislative Affairs"]  # sample story 3
    text = flat(" ".join(body(t) for t in section_pages(pack, pages(reader), "units")))
    grid = text[text.index(f"{labels[0]} ") :]  # from the first row, past the domain names of the header
    for k in hidden:
        start = grid.index(labels[k]) + len(labels[k])
        end = grid.index(labels[k + 1], start) if k + 1 < len(labels) else len(grid)
        row = grid[start:end].strip()
        # the row reads its reason, once across the grid, and not one digit: no score, no count
        assert row in reasons and not re.search(r"\d", row), row


def test_the_grid_prints_exactly_the_numbers_the_pack_shows(sea):
    """No hidden score, not even one that would pass at the lowest allowed min_n, gets into the grid's pages."""
    pack, reader = sea
    units = next(s for s in pack.sections if s.key == "units").table
    shown = sorted(NUMBER.findall(" ".join(str(v) for v in units.iloc[:, 1:].to_numpy().ravel())))
    printed = sorted(NUMBER.findall(" ".join(body(t) for t in section_pages(pack, pages(reader), "units"))))
    assert printed == shown


def test_hidden_values_appear_only_where_a_shown_cell_reads_the_same(sample, sea):
    responses, _ = sample
    pack, reader = sea
    rows = metrics.scope_rows(responses, "2025 Spring", SEA, None)
    lenient = metrics.domain_scores(rows, INSTRUMENT, by=("unit",), min_n=3)
    truth = lenient[lenient["unit"].isin(["Data & Assessment", "Policy & Legislative Affairs"])]
    assert not truth["suppressed"].any()  # at min_n 3 both units have every score: there is something to leak
    values = {f"{v:.1f}" for v in (*truth["score"], *truth["pct_favorable"])}
    printed = set(NUMBER.findall(" ".join(pages(reader))))
    displayed = set(NUMBER.findall(" ".join(displayed_texts(pack))))
    assert values & printed <= displayed  # a coincidence with a shown cell, never a number of its own
    assert printed <= displayed | page_numbers(len(reader.pages))


def displayed_texts(pack) -> list[str]:
    """Every text the pack gives a file to show: the handout may print these and nothing else."""
    texts = [pack.title, pack.subtitle, *(f.text for f in pack.findings)]
    for section in pack.sections:
        texts += [section.title, section.lead, *map(str, section.table.columns)]
        texts += [str(v) for v in section.table.to_numpy().ravel()]
    return texts + [str(v) for v in pack.definitions.to_numpy().ravel()]


def page_numbers(total: int) -> set[str]:
    return {str(n) for n in range(1, total + 1)}


def test_unicode_text_prints_as_written(whole):
    pack, _ = whole
    name = "Oficina de Niñez “Temprana” – Asunción’s team · ≥ 5 · Zoë Müller"
    rows = pd.DataFrame({"Unit": [name], "Reading": ["naïve café, façade"]})
    small = replace(pack, sections=[Section("names", "Names – “quoted”", "Accents · dashes ≥ all.", rows)])
    text = flat(" ".join(pages(PdfReader(io.BytesIO(pack_pdf(small))))))
    for written in (name, "naïve café, façade", "Names – “quoted”", "Accents · dashes ≥ all."):
        assert written in text
