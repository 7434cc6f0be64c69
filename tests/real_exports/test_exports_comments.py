"""Comments from the two real SurveyMonkey exports: their two "Open-Ended Response" columns are the only comment
columns, and the comments kept per column match an independent count made with the csv module."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from ingest import map_export, read_export
from ingest.mapping import COMMENT
from metrics import load_instrument

pytestmark = pytest.mark.real_exports

NO_COMMENT = {"n/a", "na", "no", "none", "nothing", "no comment", "no comments", "not applicable", "-", "."}


def counted_by_csv(path: Path) -> dict[str, list[str]]:
    """Respondent ids of the non-blank, not n/a answers of each "Open-Ended Response" column, by the csv module:
    row 1 question codes, row 2 question texts, row 3 answer labels, then responses."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    texts, labels = rows[1], rows[2]
    found = {}
    for j, label in enumerate(labels):
        if label == "Open-Ended Response":
            found[texts[j]] = [
                row[0]
                for row in rows[3:]
                if j < len(row) and row[j].strip() and row[j].strip().casefold().rstrip(".!") not in NO_COMMENT
            ]
    return found


@pytest.fixture(scope="module")
def real(real_export):
    return real_export, map_export(read_export(real_export), load_instrument())


def test_real_export_open_ended_columns_are_its_only_comment_columns(real):
    path, wave = real
    chosen = wave.mapping[wave.mapping["kind"] == COMMENT]
    assert len(chosen) == 2
    assert all(column.endswith(" - Open-Ended Response") for column in chosen["column"])
    assert set(chosen["method"]) == {"open-ended"}
    other = wave.mapping[wave.mapping["column"].str.contains("Other (please specify)", regex=False)]
    assert len(other) > 0 and (other["kind"] != COMMENT).all()


def test_real_export_comments_per_column_match_an_independent_count(real):
    path, wave = real
    expected = counted_by_csv(path)
    assert len(expected) == 2
    got = {question: group["response_id"].tolist() for question, group in wave.comments.groupby("question", sort=False)}
    assert got == expected
    total = sum(len(ids) for ids in expected.values())
    assert f"{total} comments were kept from 2 comment columns." in wave.notes
