"""Which tool wrote an export, where its header is, and what each column is called and asks.

Why: each tool lays out its header its own way (three rows for Qualtrics, two for its legacy exporter and for
SurveyMonkey, one for Google Forms, Microsoft Forms and a plain workbook), and people add title rows or a row of
question codes above it. Reading the header right is what keeps header rows out of the responses and gives every
column a stable id and its full question text. Only the first rows are looked at; the detectors run from the most
specific signature to the least, and a plain table (the densest early row is the header) comes last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest._personal import is_personal
from ingest._workbook import cell_text
from ingest.export import ExportError

SEARCH_ROWS = 50
IMPORT_ID = re.compile(r"""^\{\s*(["'])ImportId\1\s*:""")
QUALTRICS_TAGS = frozenset(
    {
        "StartDate",
        "EndDate",
        "Status",
        "IPAddress",
        "Progress",
        "Duration (in seconds)",
        "Finished",
        "RecordedDate",
        "ResponseId",
        "ResponseID",
        "DistributionChannel",
        "UserLanguage",
    }
)
SURVEYMONKEY_IDS = frozenset({"respondent id", "collector id"})
SURVEYMONKEY_SINGLE = frozenset({"", "Response", "Open-Ended Response"})
MS_FORMS_COLUMNS = frozenset({"id", "start time", "completion time"})
GOOGLE_TIMESTAMPS = frozenset(
    {
        "timestamp",
        "marca temporal",
        "horodateur",
        "zeitstempel",
        "carimbo de data/hora",
        "informazioni cronologiche",
        "tijdstempel",
        "sygnatura czasowa",
    }
)
GRID_COLUMN = re.compile(r"^(?P<question>.*\S)\s*\[(?P<row>[^\[\]]+)\]$", re.DOTALL)
CODE = re.compile(r"^[A-Za-z]{0,4}[_.]?\d+[A-Za-z0-9_.\-]*$")
CUT = ("...", "\u2026")

NOT_A_TABLE = (
    "No table of survey responses was found: the file needs a header row naming its columns (at least two) above "
    "the responses. Upload the export as the survey tool gives it (CSV, TSV or Excel)."
)


@dataclass
class Layout:
    """A header found: the layout's name, the header's rows (0-based), and per column its id, question, and
    whether it holds personal data. `status` is the column of Qualtrics' response status, when there is one.
    `parts`, for a question over several columns (SurveyMonkey), holds per column the question over it, the
    answer label under it and the index of the question's first column."""

    format: str
    first: int
    height: int
    names: list[str]
    questions: list[str]
    personal: list[bool]
    what: str
    status: int | None = None
    notes: list[str] = field(default_factory=list)
    parts: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def body(self) -> int:
        """Index of the first row under the header."""
        return self.first + self.height


def header_layout(rows: list[list[object]], width: int) -> Layout:
    """The layout of rows (a sheet or a text file), looked for in its first SEARCH_ROWS rows."""
    top = [[cell_text(cell).strip() for cell in row] + [""] * (width - len(row)) for row in rows[:SEARCH_ROWS]]
    for detector in (_qualtrics, _qualtrics_legacy, _qualtrics_tags, _surveymonkey, _ms_forms, _google_forms, _plain):
        layout = detector(top)
        if layout is not None:
            return layout
    raise ExportError(NOT_A_TABLE)


def _qualtrics(top: list[list[str]]) -> Layout | None:
    """Qualtrics' Data Table export: tags, question texts, then a row of import ids in braces."""
    for r, row in enumerate(top[2:], start=2):
        found = [IMPORT_ID.match(cell) for cell in row]
        hits = [match for match in found if match]
        if hits and len(hits) >= 0.5 * sum(1 for cell in row if cell):
            insights = any(match.group(1) == "'" for match in hits)
            layout = _tags_and_texts(top, r - 2, 3, "qualtrics", "export tags, question texts and import ids")
            if insights:
                layout.notes.insert(0, "Read a 2016 Qualtrics Insights export (import ids in single quotes).")
            return layout
    return None


def _qualtrics_legacy(top: list[list[str]]) -> Layout | None:
    """Qualtrics' legacy exporter: `V1, V2, ...` then question ids, over one row of question texts."""
    for r, row in enumerate(top[:-1]):
        filled = [cell for cell in row if cell]
        if filled[:3] == ["V1", "V2", "V3"]:
            return _tags_and_texts(top, r, 2, "qualtrics-legacy", "export tags (V1, V2, ...) and question texts")
    return None


def _qualtrics_tags(top: list[list[str]]) -> Layout | None:
    """A Qualtrics export whose import-id row was deleted: its metadata tags over a row of texts."""
    for r, row in enumerate(top[:-1]):
        if len(QUALTRICS_TAGS.intersection(row)) >= 3:
            return _tags_and_texts(top, r, 2, "qualtrics", "export tags and question texts")
    return None


def _tags_and_texts(top: list[list[str]], first: int, height: int, fmt: str, what: str) -> Layout:
    tags, texts = top[first], top[first + 1]
    questions = [text or tag for tag, text in zip(tags, texts, strict=True)]
    status = next((i for i, tag in enumerate(tags) if tag == "Status"), None)
    if status is None:  # the legacy exporter tags it V7 and names it in the texts
        status = next((i for i, text in enumerate(texts) if text == "Status"), None)
    layout = Layout(
        fmt, first, height, list(tags), questions, [is_personal(*pair) for pair in zip(tags, texts, strict=True)], what
    )
    layout.status = status
    named = [(tag, text) for tag, text in zip(tags, texts, strict=True) if tag and text]
    cut = sum(1 for _, text in named if text.endswith(CUT))
    if cut:
        layout.notes.append(
            f"{cut} question text{'s are' if cut > 1 else ' is'} cut short with '...' in the file; the export tags "
            "tell the columns apart."
        )
    seen: dict[str, list[str]] = {}
    for tag, text in named:
        seen.setdefault(text, []).append(tag)
    shared = [tags_of for tags_of in seen.values() if len(tags_of) > 1]
    if shared:
        example = ", ".join(shared[0])
        layout.notes.append(
            f"{sum(map(len, shared))} columns share their question text with another column (for example "
            f"{example}); the export tags tell them apart."
        )
    return layout


def _surveymonkey(top: list[list[str]]) -> Layout | None:
    """SurveyMonkey: each question's text once over its child columns, answer labels in the row below."""
    for r, row in enumerate(top[:-1]):
        if SURVEYMONKEY_IDS.intersection(cell.casefold() for cell in row):
            return _question_and_labels(top, r)
    for r, row in enumerate(top[:-1]):
        labels = top[r + 1]
        over_children = any(label and not head for head, label in zip(row, labels, strict=True))
        if any(row) and over_children and {"Response", "Open-Ended Response"}.intersection(labels):
            return _question_and_labels(top, r)
    return None


def _question_and_labels(top: list[list[str]], first: int) -> Layout:
    heads, labels = top[first], top[first + 1]
    names, questions, personal, parts = [], [], [], []
    question, start = "", 0
    for j, (head, label) in enumerate(zip(heads, labels, strict=True)):
        if head:
            question, start = head, j
        elif not label:
            question, start = "", j
        names.append(f"{question} - {label}" if question and label else question or label)
        if label in SURVEYMONKEY_SINGLE or not question:
            questions.append(question or label)
        else:
            questions.append(f"{question} - {label}")
        personal.append(is_personal(question, label))
        parts.append((question, label, start))
    layout = Layout("surveymonkey", first, 2, names, questions, personal, "question texts and answer labels")
    layout.parts = parts
    return layout


def _ms_forms(top: list[list[str]]) -> Layout | None:
    for r, row in enumerate(top):
        if MS_FORMS_COLUMNS <= {cell.casefold() for cell in row}:
            return _one_row(top, r, "ms-forms")
    return None


def _google_forms(top: list[list[str]]) -> Layout | None:
    for r, row in enumerate(top):
        first = next((cell for cell in row if cell), "")
        if first.casefold() in GOOGLE_TIMESTAMPS:
            return _one_row(top, r, "google-forms")
    return None


def _plain(top: list[list[str]]) -> Layout | None:
    """The first row at least half as full as the fullest early row, with two or more cells, is the header."""
    counts = [sum(1 for cell in row if cell) for row in top]
    widest = max(counts, default=0)
    for r, count in enumerate(counts):
        if count >= max(2, 0.5 * widest):
            return _one_row(top, r, "plain")
    return None


def _one_row(top: list[list[str]], r: int, fmt: str) -> Layout:
    headers = top[r]
    questions = []
    for header in headers:
        grid = GRID_COLUMN.match(header)
        questions.append(f"{grid['question']} - {grid['row'].strip()}" if grid else header)
    return Layout(fmt, r, 1, list(headers), questions, [is_personal(h) for h in headers], "column headers")


def above_header(rows: list[list[object]], first: int) -> str | None:
    """A note for the rows above the header (a title, a row of question codes), or None when there are none."""
    if first == 0:
        return None
    filled = [[cell_text(c).strip() for c in row if cell_text(c).strip()] for row in rows[:first]]
    codes = [cells for cells in filled if len(cells) >= 2 and all(CODE.match(cell) for cell in cells)]
    kinds = []
    if codes:
        kinds.append("a row of question codes" if len(codes) == 1 else "rows of question codes")
    if len(codes) < sum(1 for cells in filled if cells):
        kinds.append("title text")
    if any(not cells for cells in filled):
        kinds.append("blank rows")
    what = " and ".join(kinds)
    return f"Removed {first} row{'s' if first > 1 else ''} above the header ({row_span(0, first)}): {what}."


def title_above(rows: list[list[object]], first: int) -> str | None:
    """The text of the first title row above the header (its first filled cell; a row of question codes is no
    title), or None."""
    for row in rows[:first]:
        cells = [cell_text(c).strip() for c in row if cell_text(c).strip()]
        if cells and not (len(cells) >= 2 and all(CODE.match(cell) for cell in cells)):
            return " ".join(cells[0].split())
    return None


def row_span(start: int, stop: int) -> str:
    """'row 3' or 'rows 1-3', from 0-based start (inclusive) and stop (exclusive) indexes."""
    if stop - start == 1:
        return f"row {start + 1}"
    return f"rows {start + 1}\u2013{stop}"
