"""The PDF handout, read back with pypdf: a tagged PDF/UA-1 file (headings, table header cells, figures with
alternative text, language and title), the cover with its facts and the key findings on a full first page, every
finding, section and score of the pack in the text, every page marked confidential and numbered "Page n of N", no
page without a heading, Letter or A4, only the bundled font and embedded, and nothing the screen hides.

Why read the file back: the handout is what a board member holds, so the checks look at the PDF's text, its tags
and its fonts, not at the builder.
"""

from __future__ import annotations

import io
import re
import sys
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

import metrics
from ingest import read_canonical_responses, read_roster
from metrics import COMPLEMENTARY, PRIMARY, load_instrument
from reports import Section, build_pack
from reports.handout import Unavailable, pack_pdf
from reports.pack import CONFIDENTIAL
from views import Survey

ROOT = Path(__file__).resolve().parents[2]
SEA = "State Office of Early Learning"
INSTRUMENT = load_instrument()
NUMBER = re.compile(r"[+\-−]?\d+(?:\.\d+)?")
LETTER = (612, 792)  # points
A4 = (595, 842)  # 210 x 297 mm in points, rounded
MARGIN_BOTTOM = 18 * 72 / 25.4  # the handout's bottom margin in points: below it only the footer
METHODS = "Methods and confidentiality"


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
    """The pages holding a part of a section: each prints its title as a heading or as "<title> (continued)"."""
    title = next(s.title for s in pack.sections if s.key == key)
    return [t for t in texts if {title, f"{title} (continued)"} & set(t.splitlines())]


def headings(pack) -> list[str]:
    return ["Key findings"] * bool(pack.findings) + [s.title for s in pack.sections] + [METHODS]


def pdf_of(pack) -> PdfReader:
    return PdfReader(io.BytesIO(pack_pdf(pack)))


def size(page) -> tuple[int, int]:
    return round(float(page.mediabox.width)), round(float(page.mediabox.height))


def structure(reader: PdfReader) -> list[dict]:
    """Every element of the structure tree (the tags a screen reader follows), in document order."""
    found = []

    def walk(node) -> None:
        node = node.get_object()
        if isinstance(node, dict):
            if node.get("/Type") == "/StructElem":
                found.append(node)
            kids = node.get("/K", [])
            for kid in kids if isinstance(kids, list) else [kids]:
                walk(kid)
        elif isinstance(node, list):
            for kid in node:
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def tags(reader: PdfReader) -> list[str]:
    return [str(element["/S"]) for element in structure(reader)]


def alt_texts(reader: PdfReader) -> list[str | None]:
    return [element.get("/Alt") for element in structure(reader) if element["/S"] == "/Figure"]


def fonts(reader: PdfReader) -> dict[str, bool]:
    """Each font the pages use (in their forms too), by name, and whether its file is in the PDF."""
    found = {}

    def visit(resources) -> None:
        resources = resources.get_object() if resources is not None else {}
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            described = font["/DescendantFonts"][0].get_object() if font["/Subtype"] == "/Type0" else font
            descriptor = described.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            found[str(font["/BaseFont"])] = "/FontFile2" in descriptor or "/FontFile3" in descriptor
        for form in resources.get("/XObject", {}).values():
            form = form.get_object()
            if form.get("/Subtype") == "/Form":
                visit(form.get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
    return found


def assert_tagged_and_marked(pack, reader: PdfReader) -> None:
    """What every handout holds, whatever its scope: PDF/UA-1 tags with a title and language, a figure with
    alternative text for every chart, the cover's facts on page one, the marking and the page number on every
    page, and only the bundled font, embedded."""
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"].value is True
    assert root["/Lang"] == "en-US"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert reader.metadata.title == f"{pack.title} · {pack.subtitle}"
    assert b'pdfuaid:part="1"' in root["/Metadata"].get_object().get_data()  # the XMP claims PDF/UA-1
    found = tags(reader)
    assert found.count("/H1") == 1 and found.count("/H2") == len(headings(pack))
    assert {"/Table", "/TR", "/TH", "/TD"} <= set(found)
    for cell in (e for e in structure(reader) if e["/S"] == "/TD"):
        assert cell["/A"]["/Headers"], "a data cell without its header cells"
    charts = [s for s in pack.sections if s.chart is not None]
    alts = alt_texts(reader)
    assert len(alts) == len(charts)
    for alt, section in zip(alts, charts, strict=True):
        assert alt and section.title in alt and all(note.rstrip(".") in alt for note in section.notes)
    texts = pages(reader)
    cover = flat(texts[0])
    assert flat(pack.title) in cover
    for label, text in pack.cover.lines():
        assert flat(f"{label} {text}") in cover
    for number, text in enumerate(texts, start=1):
        assert CONFIDENTIAL in text and text.rstrip().endswith(f"Page {number} of {len(texts)}")
    used = fonts(reader)
    assert used and all(used.values()), used
    assert {name.split("+", 1)[1] for name in used} <= {"Handout-Sans", "Handout-Sans-Bold"}


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
    assert {size(p) for p in reader.pages} <= {LETTER, LETTER[::-1]}  # the units grid may turn the page
    assert size(reader.pages[0]) == LETTER


def test_a4_paper_gives_a4_pages(whole):
    pack, _ = whole
    reader = pdf_of(replace(pack, paper="a4"))
    assert size(reader.pages[0]) == A4
    assert {size(p) for p in reader.pages} == {A4, A4[::-1]}  # the units grid turns its pages


def test_the_handout_is_tagged_pdf_ua_with_title_language_headings_tables_and_figures(whole, sea):
    for pack, reader in (whole, sea):
        assert_tagged_and_marked(pack, reader)


def test_the_first_page_is_the_cover_with_the_findings_and_is_full(whole):
    pack, reader = whole
    first = flat(pages(reader)[0])
    assert "Key findings" in first and all(flat(finding.text) in first for finding in pack.findings)
    page = pdfium.PdfDocument(reader.stream.getvalue())[0]
    _, height = page.get_size()
    chars = page.get_textpage()
    bottoms = [chars.get_charbox(i)[1] for i in range(chars.count_chars())]
    lowest = min(b for b in bottoms if b > MARGIN_BOTTOM)  # above the footer
    assert lowest < height / 4, f"the first page's text ends {lowest:.0f} pt from the bottom: it is not full"


def test_every_page_has_a_heading_and_no_heading_ends_a_page(whole, sea):
    """A page goes on under "<title> (continued)" when it does not start with a heading of its own, and a
    heading (or its lead) is never the last thing on a page."""
    for pack, reader in (whole, sea):
        titles = headings(pack)
        leads = [flat(s.lead) for s in pack.sections]
        for number, text in enumerate(pages(reader)[1:], start=2):
            lines = body(text).splitlines()
            continued = [line for line in lines if line.endswith(" (continued)")]
            assert continued or set(titles) & set(lines), f"page {number} has no heading"
            content = [line for line in lines if line not in continued and line.strip() != "•"] or [""]  # a chart
            assert content[-1] not in titles and flat(content[-1]) not in leads, f"page {number} ends on a heading"


def test_a_table_broken_across_pages_repeats_its_header(whole):
    pack, _ = whole
    rows = pd.DataFrame({"Unit": [f"Unit {i:03d} of a long list" for i in range(120)], "Score (0–100)": "50.0"})
    long = replace(pack, findings=[], sections=[Section("long", "A long table", "One row per unit.", rows)])
    texts = pages(PdfReader(io.BytesIO(pack_pdf(long))))
    broken = [t for t in texts if "of a long list" in t]
    assert len(broken) >= 3
    for number, text in enumerate(broken):
        lines = body(text).splitlines()
        first_row = next(i for i, line in enumerate(lines) if "of a long list" in line)
        assert lines[first_row - 1] == "Unit Score (0–100)"
        assert ("A long table (continued)" in lines) == (number > 0)  # said on every page but the first
    assert sum(flat(t).count("of a long list") for t in texts) == 120


def test_the_wide_grid_of_units_turns_its_pages_to_landscape(whole):
    pack, reader = whole
    texts = pages(reader)
    grid = section_pages(pack, texts, "units")
    assert grid and all(size(reader.pages[texts.index(t)]) == LETTER[::-1] for t in grid)
    assert all(size(page) == LETTER for page, text in zip(reader.pages, texts, strict=True) if text not in grid)


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
    texts += [text for _, text in pack.cover.lines()]
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


def test_text_from_files_is_printed_as_written_never_read_as_markup(whole):
    pack, _ = whole
    name = '<b>Unit</b> & <img src="x"> </td></table><h1>Injected</h1>'
    rows = pd.DataFrame({"Unit": [name], "Comment": ['=HYPERLINK("http://x") <script>alert(1)</script>']})
    small = replace(pack, findings=[], sections=[Section("names", "<i>Names</i>", "A &amp; B <br>", rows)])
    reader = pdf_of(small)
    text = re.sub(r"\s+", "", "".join(pages(reader)))  # a long word may wrap after a "/", without a space
    for written in (name, '=HYPERLINK("http://x") <script>alert(1)</script>', "<i>Names</i>", "A &amp; B <br>"):
        assert re.sub(r"\s+", "", written) in text
    assert tags(reader).count("/H1") == 1 and "/Figure" not in tags(reader)  # no heading or image smuggled in


def test_a_heading_is_kept_with_its_table_however_the_sections_fall(whole):
    """Forty short sections of one to four rows: page ends fall at every point of a section, so somewhere a
    heading and its lead would be left at a page's foot without the rule that keeps them with their table."""
    pack, _ = whole
    sections = [
        Section(
            f"s{k}",
            f"Section {k:02d}",
            f"Lead of section {k:02d}.",
            pd.DataFrame({"Unit": [f"Row {k:02d}-{r}" for r in range(k % 4 + 1)], "Score": "50.0"}),
        )
        for k in range(40)
    ]
    many = replace(pack, findings=[], sections=sections)
    titles = [s.title for s in sections]
    leads = [s.lead for s in sections]
    for number, text in enumerate(pages(pdf_of(many)), start=1):
        lines = [line for line in body(text).splitlines() if not line.endswith(" (continued)")]
        assert lines[-1] not in titles and lines[-1] not in leads, f"page {number} ends on a heading"


def test_without_weasyprint_the_handout_says_what_to_install(whole, monkeypatch):
    """A machine without Pango cannot import WeasyPrint: the handout then says what to install, in one sentence."""
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # what a failed import leaves: `import` raises ImportError
    with pytest.raises(Unavailable, match=r"apt-get install libpango-1\.0-0"):
        pack_pdf(whole[0])
