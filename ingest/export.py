"""What reading an export gives: the `Export`, and the one error a page can show as it is.

`ingest.read_export` makes an Export; `ingest.map_export` turns it into a `MappedWave`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

FORMATS = ("qualtrics", "qualtrics-legacy", "surveymonkey", "google-forms", "ms-forms", "plain")


class ExportError(ValueError):
    """A file that cannot be read as a survey export. The message is plain language, fit to show as it is."""


@dataclass(frozen=True)
class Header:
    """Where a column sits under a header that puts one question over several columns (SurveyMonkey's two header
    rows): the question over it, the answer label under it ("Response", an option, a grid row, or "Row - Option"
    when a grid is expanded into one column per option), and the id of the question's first column, which tells
    two questions of the same text apart."""

    question: str
    label: str
    first: str


@dataclass(frozen=True)
class Export:
    """A survey export as read, before it is mapped to an instrument.

    - `format`: the layout recognised, one of FORMATS.
    - `responses`: one row per real response (header rows, preview responses and blank rows removed,
      personal-data columns dropped); columns are unique column ids (the export's own tags or headers);
      values as the file holds them (text or numbers); the index is each row's 1-based row number in the
      file (as a spreadsheet shows it), so that problems can name the row a person will find.
    - `questions`: column id -> the question text (a grid row reads "question - statement").
    - `notes`: one plain sentence for each thing removed or assumed (and which sheet was read).
    - `sheet`: the sheet read, for a workbook.
    - `headers`: column id -> its `Header`, for a layout that puts one question over several columns (SurveyMonkey);
      empty for layouts whose header names each column on its own.
    - `title`: the text of a title row above the header, when the file has one (a survey's name, often).
    - `filename`: the file's name, when it is known.
    """

    format: str
    responses: pd.DataFrame
    questions: dict[str, str]
    notes: list[str] = field(default_factory=list)
    sheet: str | None = None
    headers: dict[str, Header] = field(default_factory=dict)
    title: str | None = None
    filename: str | None = None
