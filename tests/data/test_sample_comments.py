"""Checks the committed sample comments (data/sample/comments.csv) and redaction list against what the README promises.

The comments are read with the csv module and the personal details found with simple regular expressions written
here, independently of the generator, so these checks witness what the raw file holds.
"""

from __future__ import annotations

import csv
import importlib.util
import re
from pathlib import Path

import pytest

from ingest import read_canonical_responses

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
WAVES = ["2023 Spring", "2024 Spring", "2025 Spring"]
QUESTIONS = [
    "What one change would most help your unit do its best work?",
    "Is there anything else you would like leaders to know?",
]
BLANK_LIKE = {"n/a", "N/A", "None", "nothing", "-", "No comment", "   "}
COMMENT_MIN = 10
MIN_N = 5

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?:\+1[\s.-]?)?(?:\(\d{3}\)\s?|\b\d{3}[\s.-])\d{3}[\s.-]\d{4}\b")
WEB = re.compile(r"https?://\S+|\bwww\.\S+")


def blank_like(text: str) -> bool:
    return text.strip() == "" or text in BLANK_LIKE


@pytest.fixture(scope="module")
def comments() -> list[dict]:
    with (SAMPLE / "comments.csv").open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == ["wave", "response_id", "question", "text"]
        return list(reader)


@pytest.fixture(scope="module")
def responses():
    return read_canonical_responses(SAMPLE / "responses.xlsx")


@pytest.fixture(scope="module")
def terms() -> list[str]:
    return (SAMPLE / "redaction_terms.txt").read_text(encoding="utf-8").splitlines()


def test_the_files_are_what_the_generator_writes(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_comments", SAMPLE / "make_comments.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    for name in ("comments.csv", "redaction_terms.txt"):
        assert (tmp_path / name).read_bytes() == (SAMPLE / name).read_bytes(), name


def test_every_comment_belongs_to_a_response_in_order(comments, responses) -> None:
    position = {key: i for i, key in enumerate(zip(responses["wave"], responses["response_id"], strict=True))}
    keys = [(c["wave"], c["response_id"]) for c in comments]
    assert set(keys) <= set(position)
    order = [
        (WAVES.index(c["wave"]), position[k], QUESTIONS.index(c["question"]))
        for c, k in zip(comments, keys, strict=True)
    ]
    assert order == sorted(order) and len(set(order)) == len(order)  # one row per answer, in wave/response order


def test_both_questions_in_every_wave_at_the_planned_rates(comments, responses) -> None:
    for wave in WAVES:
        n = int((responses["wave"] == wave).sum())
        for q, share in zip(QUESTIONS, (0.55, 0.30), strict=True):
            answered = sum(c["wave"] == wave and c["question"] == q for c in comments)
            assert answered / n == pytest.approx(share, abs=0.04), (wave, q)


def test_blank_like_answers_are_in_the_raw_file(comments) -> None:
    blanks = [c["text"] for c in comments if blank_like(c["text"])]
    assert set(blanks) == BLANK_LIKE  # each form, the whitespace-only one kept as written
    assert len(blanks) / len(comments) == pytest.approx(0.08, abs=0.02)


def test_comments_are_varied_and_survive_the_csv_round_trip(comments) -> None:
    texts = [c["text"] for c in comments if not blank_like(c["text"])]
    assert len(set(texts)) >= 150
    assert any("\n" in t for t in texts) and any("," in t for t in texts)
    sentences = [len(re.findall(r"[.?!](?:\s|$)", t)) for t in texts]
    assert sum(n <= 2 for n in sentences) / len(texts) > 0.6  # most are short
    assert sum(3 <= n <= 5 for n in sentences) >= 100 and max(sentences) <= 5


def test_personal_details_are_planted_for_the_redactor(comments, terms) -> None:
    assert 6 <= len(terms) <= 10 and all(t.strip() == t and t for t in terms)
    texts = [c["text"] for c in comments]
    emails = [m for t in texts for m in EMAIL.findall(t)]
    phones = [m for t in texts for m in PHONE.findall(t)]
    webs = [m for t in texts for m in WEB.findall(t)]
    names = [m for t in texts for term in terms for m in re.findall(rf"\b{re.escape(term)}\b", t, re.IGNORECASE)]
    assert len(emails) >= 3 and len(phones) >= 3 and len(webs) >= 1 and len(names) >= 3
    assert any(n != n.title() for n in names)  # names in varied case, not only as listed
    assert 15 <= len(emails) + len(phones) + len(webs) + len(names) <= 25
    carrying = [c for c in comments if EMAIL.search(c["text"]) or PHONE.search(c["text"]) or WEB.search(c["text"])]
    assert {c["wave"] for c in carrying} == set(WAVES)
    # "Ann" is a listed name that also occurs inside other words, which redaction must leave alone.
    assert "Ann" in terms and any(re.search(r"\w[Aa]nn|[Aa]nn\w", t) for t in texts)


def test_latest_wave_shows_units_above_and_below_the_comment_minimum(comments, responses) -> None:
    latest = WAVES[-1]
    wave = responses[responses["wave"] == latest]
    unit_of = dict(zip(wave["response_id"], zip(wave["agency"], wave["unit"], strict=True), strict=True))
    people = {c["response_id"] for c in comments if c["wave"] == latest and not blank_like(c["text"])}
    commenters: dict[tuple[str, str], int] = {}
    for rid in people:
        commenters[unit_of[rid]] = commenters.get(unit_of[rid], 0) + 1
    respondents = wave.groupby(["agency", "unit"]).size()
    assert sum(n >= COMMENT_MIN for n in commenters.values()) >= 3
    assert any(n >= MIN_N and commenters.get(unit, 0) < COMMENT_MIN for unit, n in respondents.items())
