"""Open-ended answers (comments): which columns hold them, which answers count, and personal details redacted.

Why: staff write names, e-mail addresses, phone numbers and web addresses into comment boxes. The dashboard
reports on groups, never on people, so every comment is redacted before anything leaves ingest, and the notes
count what was removed, never the removed text. A comment column is found by its header (SurveyMonkey's
"Open-Ended Response", a Qualtrics text-entry tag, words such as "comments" or "why") or, for tools whose headers
say nothing (Google and Microsoft Forms, a plain workbook), by values that read as free text. Pure functions: no
I/O, no Streamlit, no store.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from ingest.labels import is_blank

MARKERS = {
    "email": "[e-mail removed]",
    "url": "[web address removed]",
    "phone": "[phone removed]",
    "term": "[name removed]",
}
KINDS = ("email", "url", "phone", "term")  # the regex alternation order: at one position the first kind wins
NOUNS = {
    "email": ("e-mail address", "e-mail addresses"),
    "url": ("web address", "web addresses"),
    "phone": ("phone number", "phone numbers"),
    "term": ("listed name", "listed names"),
}

# Answers that say "no comment", compared after `comment_key` (case, surrounding punctuation and spacing ignored);
# an answer of punctuation alone ("-", "--", ".", "?") is blank too.
BLANK_ANSWERS = frozenset(
    {
        "n/a",
        "na",
        "n.a.",
        "n a",
        "none",
        "nothing",
        "no",
        "nope",
        "nil",
        "null",
        "x",
        "no comment",
        "no comments",
        "not applicable",
        "nothing to add",
        "nothing else",
        "no further comment",
        "no further comments",
        "none at this time",
    }
)

# Bare domains ending in one of these are web addresses even without a path ("ed.gov", "example.org.uk").
COMMON_TLDS = ("gov", "org", "com", "edu", "net", "us", "io", "info")
# A dotted word with a path is a web address ("ed.state.nj.us/plan") unless its last part is a file or language
# suffix ("Node.js/React", "notes.txt/old").
FILE_SUFFIXES = ("js", "ts", "py", "md", "txt", "pdf", "doc", "docx", "xls", "xlsx", "csv", "ppt", "pptx", "jpg", "png")

_END = r"[^\s<>\"'.,;:!?)\]}]"  # the last character of an address: not sentence punctuation
_BODY = r"[^\s<>\"]*"
_LABEL = r"[^\W_](?:[\w-]*[^\W_])?"  # a domain label, Unicode letters and digits, inner hyphens
_TLD = r"[^\W\d_]{2,24}"
_EMAIL = rf"(?<![\w%+.-])[\w%+-]+(?:[.'\u2019][\w%+-]+)*@{_LABEL}(?:\.{_LABEL})*\.{_TLD}(?![\w-]|\.[^\W_])"
_URL = (
    rf"(?:\b(?:https?|ftp)://|\bwww\.){_BODY}{_END}"  # scheme or www: anything up to a space
    rf"|(?<![\w.@/-])(?:{_LABEL}\.)+(?:"
    rf"(?:{'|'.join(COMMON_TLDS)})(?:\.[^\W\d_]{{2}})?(?![\w-]|\.[^\W_])(?:/(?:{_BODY}{_END})?)?"  # common ending
    rf"|(?!(?:{'|'.join(FILE_SUFFIXES)})/){_TLD}/(?:{_BODY}{_END})?"  # any ending, with a path
    r")"
)
_SEP = r"[ \u00a0.-]"
# North American (area code, exchange, line; an optional 1 or +1), or + a country code and groups of 8+ digits.
_PHONE = (
    r"(?<![\w+$#])(?<!\d[.,/-])(?:"
    rf"(?:\+?1{_SEP}?)?(?:\(\d{{3}}\){_SEP}?|\d{{3}}{_SEP}?)\d{{3}}{_SEP}?\d{{4}}"
    rf"|\+(?=(?:[ \u00a0.()-]{{0,2}}\d){{8}})[1-9]\d{{0,2}}(?:{_SEP}?\(?\d{{1,5}}\)?){{2,5}}"
    r")(?:\s*(?:ext\.?|extension|x)\s*\d{1,6})?(?!\w|[.,/-]\d)"
)

_NOT_WORD = re.compile(r"^[\W_]+|[\W_]+$")


def _terms_pattern(terms: Iterable[str]) -> str | None:
    """The listed terms as one alternation, longest first, each a whole word with any spacing inside."""
    seen: dict[str, str] = {}
    for term in terms:
        words = str(term).split() if term is not None else []
        if words:
            seen.setdefault(" ".join(words).casefold(), r"\s+".join(re.escape(word) for word in words))
    if not seen:
        return None
    ordered = sorted(seen.items(), key=lambda pair: (-len(pair[0]), pair[0]))
    return r"(?<!\w)(?:" + "|".join(pattern for _, pattern in ordered) + r")(?!\w)"


class Redactor:
    """Replaces e-mail addresses, web addresses, phone numbers and an agency's listed terms with MARKERS.

    One regex (the kinds as named groups, in KINDS order) read left to right in a single pass, so a marker is
    never read again and, where two kinds start at one place, an address wins over a phone or a name
    ("ann.lee@x.org" is one e-mail address even when "Ann" is listed).

    Listed terms match case-insensitively as whole words: not preceded or followed by a letter, digit or
    underscore (Unicode-aware), so "Ann" leaves "Annual", "planning" and "Joann" alone. A hyphen is not a word
    character, so "Ann-Marie" becomes "[name removed]-Marie" when only "Ann" is listed: a listed first name is
    removed wherever it stands as a word; list "Ann-Marie" to remove the whole name. "Okafor's" becomes
    "[name removed]'s". Spacing inside a term matches any spacing ("Mary  Smith" on two spaces or a line break).
    """

    def __init__(self, terms: Iterable[str] = ()):
        parts = [f"(?P<email>{_EMAIL})", f"(?P<url>{_URL})", f"(?P<phone>{_PHONE})"]
        listed = _terms_pattern(terms)
        if listed:
            parts.append(f"(?P<term>{listed})")
        self.pattern = re.compile("|".join(parts), re.IGNORECASE)

    def redact(self, text: str) -> tuple[str, dict[str, int]]:
        """The text with every personal detail replaced by its marker, and how many of each kind were removed."""
        counts: dict[str, int] = {}
        return self._sub(text, counts), counts

    def redact_all(self, texts: pd.Series) -> tuple[pd.Series, dict[str, int]]:
        """`redact` over a column of texts (a missing value stays missing), with the counts summed; same index."""
        counts: dict[str, int] = {}
        values = [None if is_blank(text) else self._sub(str(text), counts) for text in texts]
        return pd.Series(values, index=texts.index, dtype="str"), counts

    def _sub(self, text: str, counts: dict[str, int]) -> str:
        def marker(match: re.Match) -> str:
            kind = next(kind for kind in KINDS if match.group(kind) is not None)
            counts[kind] = counts.get(kind, 0) + 1
            return MARKERS[kind]

        return self.pattern.sub(marker, text)


def comment_key(value: object) -> str:
    """An answer as compared with BLANK_ANSWERS: case, curly apostrophes, surrounding punctuation and spacing
    ignored ("  N/A. " -> "n/a")."""
    text = " ".join(str(value).casefold().replace("\u2019", "'").split())
    return _NOT_WORD.sub("", text)


_BLANK_KEYS = frozenset(comment_key(answer) for answer in BLANK_ANSWERS)


def is_blank_comment(value: object) -> bool:
    """True for a missing or empty cell, punctuation alone, or an answer that says there is no comment
    (BLANK_ANSWERS): "N/A", "none.", "No comments!", "--"."""
    if is_blank(value):
        return True
    if not isinstance(value, str):
        return False
    key = comment_key(value)
    return not key or key in _BLANK_KEYS


def redaction_note(counts: dict[str, int]) -> str | None:
    """A plain sentence counting what was removed (never the removed text), or None when nothing was."""
    parts = [(kind, int(counts.get(kind, 0))) for kind in KINDS if counts.get(kind, 0)]
    if not parts:
        return None
    total = sum(n for _, n in parts)
    shown = ", ".join(f"{n:,} {NOUNS[kind][n != 1]}" for kind, n in parts)
    if total == 1:
        return f"1 personal detail was removed from comments before saving ({shown})."
    return f"{total:,} personal details were removed from comments before saving ({shown})."


# --- which columns hold comments ------------------------------------------------------------------------------

TEXT_SHARE = 0.8  # a column reads as free text when this share of its answers are text (not numbers or dates) ...
MIN_ANSWERS = 3  # ... it has at least this many answers ...
MIN_MEAN_LENGTH = 20  # ... of this mean length in characters ...
MIN_DISTINCT = 0.5  # ... and at least this share of them differ from one another.

# Headers that are never comments: a survey tool's metadata, keyed as `_header_key` gives them.
METADATA = frozenset(
    {
        "startdate",
        "enddate",
        "status",
        "ipaddress",
        "progress",
        "duration",
        "durationinseconds",
        "finished",
        "recordeddate",
        "responseid",
        "respondentid",
        "collectorid",
        "externalreference",
        "externaldatareference",
        "distributionchannel",
        "userlanguage",
        "language",
        "responsetype",
        "timestamp",
        "starttime",
        "completiontime",
        "lastmodifiedtime",
        "totalpoints",
        "quizfeedback",
        "id",
    }
)
OPEN_ENDED = re.compile(r"(?:^|\s-\s)open[-\s]?ended\s+response\s*$", re.IGNORECASE)
QUALTRICS_TEXT = re.compile(r"^Q\d+(?:\.\d+)*_TEXT$", re.IGNORECASE)  # Q1_4_TEXT, a choice's "other" text, is not
OTHER_SPECIFY = re.compile(r"\bplease\s+specify\b|\bother\b.{0,20}\bspecify\b|\bother\b\s*[-:]\s*text\s*$", re.I)
TEXT_IQ = re.compile(
    r"(?:^|\s-\s)(?:parent\s+)?(?:topics?|sentiment|topic\s+sentiment)(?:\s+(?:polarity|score|label))?\s*$"
    r"|(?:^|\s-\s)(?:actionability|emotion(?:\s+intensity)?|effort)\s*$",
    re.IGNORECASE,
)
QUIZ = re.compile(r"^(?:feedback|points)\s+-\s", re.IGNORECASE)
COMMENT_WORDS = re.compile(
    r"\b(?:comments?|suggest(?:ions?|ed)?|describe|explain|anything\s+else|what\s+one\s+change|please\s+share"
    r"|in\s+your\s+own\s+words|why)\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*(?:Z|[+-]\d{2}:?\d{2}|[A-Z]{2,5}))?)?$"
    r"|^\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?$",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"^[-+(]?[$\u20ac\u00a3]?\s*\d[\d,\u00a0 ]*(?:\.\d+)?\s*%?\)?$|^[-+]?\.\d+$")


def _header_key(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", str(text).casefold())


def never_comment(column: str, question: str) -> bool:
    """A column no evidence makes a comment column: a tool's metadata, an "Other (please specify)" text, a
    Qualtrics Text iQ column (topics, sentiment), a quiz's points or feedback. An analyst may still map it."""
    for header in (column, question):
        header = str(header or "").strip()
        if not header:
            continue
        if _header_key(header) in METADATA or QUIZ.match(header) or TEXT_IQ.search(header):
            return True
        if OTHER_SPECIFY.search(header) or re.fullmatch(r"Q\d+(?:\.\d+)*_\d+_TEXT", header, re.IGNORECASE):
            return True
    return False


def header_evidence(column: str, question: str) -> str | None:
    """What a column's headers say about it: "open-ended" (SurveyMonkey's "Open-Ended Response", a Qualtrics
    text-entry tag such as Q2_TEXT or Q3.8_TEXT), "words" (its question or header asks for comments, a
    description, a reason: COMMENT_WORDS), or None. Columns that are `never_comment` give None."""
    if never_comment(column, question):
        return None
    if any(OPEN_ENDED.search(str(h or "")) for h in (column, question)) or QUALTRICS_TEXT.match(str(column)):
        return "open-ended"
    if any(COMMENT_WORDS.search(str(h or "")) for h in (column, question)):
        return "words"
    return None


def is_text_value(value: object) -> bool:
    """A cell that is text a person wrote: a string that is not a number ("1,250", "3.5", "$40") nor a date or
    time ("03/14/2025", "2024-05-01 09:00:00")."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    return bool(text) and not _NUMBER.match(text) and not _DATE.match(text)


@dataclass(frozen=True)
class TextEvidence:
    """What a column's answers look like, counting only answers that are not blank or "n/a" (`is_blank_comment`):
    how many there are, the share that is text, their mean length, the share of distinct answers, and whether
    every one equals the option its header names (a multi-select option column)."""

    answers: int
    text_share: float
    mean_length: float
    distinct_share: float
    option_only: bool

    @property
    def free_text(self) -> bool:
        """The values rule: answers read as free text without any help from the header."""
        return (
            self.answers >= MIN_ANSWERS
            and self.text_share >= TEXT_SHARE
            and self.mean_length >= MIN_MEAN_LENGTH
            and self.distinct_share >= MIN_DISTINCT
        )

    @property
    def choice_like(self) -> bool:
        """Answers repeat like the options of a choice question: each answer is the option the header names, or
        two or more answers of which fewer than half differ."""
        return self.option_only or (self.answers >= 2 and self.distinct_share < MIN_DISTINCT)


def text_evidence(values: pd.Series, column: str = "") -> TextEvidence:
    """The `TextEvidence` of a column's values, each distinct value read once."""
    counts = values.value_counts(dropna=True)
    answers = [(value, int(n)) for value, n in counts.items() if not is_blank_comment(value)]
    total = sum(n for _, n in answers)
    if not total:
        return TextEvidence(0, 0.0, 0.0, 0.0, False)
    text = sum(n for value, n in answers if is_text_value(value))
    length = sum(len(str(value).strip()) * n for value, n in answers)
    option = column.rsplit(" - ", 1)[-1].strip().casefold() if " - " in column else None
    option_only = option is not None and all(str(value).strip().casefold() == option for value, _ in answers)
    return TextEvidence(total, text / total, length / total, len(answers) / total, option_only)


def comment_claim(column: str, question: str, values: pd.Series) -> tuple[str, float] | None:
    """(method, confidence) when a column holds comments, else None.

    - "open-ended", 1.0: its header says so ("Open-Ended Response", Q2_TEXT), and it holds at least one text
      answer or is entirely blank (an unanswered comment box is still one).
    - "open-ended", 1.0 too for a question asking for comments in words (COMMENT_WORDS), on the same condition,
      unless its answers repeat like a choice question's (`TextEvidence.choice_like`).
    - "values", the text share (3 decimals): the values rule, `TextEvidence.free_text`.
    """
    if never_comment(column, question):
        return None
    evidence = header_evidence(column, question)
    found = text_evidence(values, str(column))
    all_blank = found.answers == 0  # every value blank (or none at all)
    has_text = found.text_share > 0
    if evidence == "open-ended" and (has_text or all_blank):
        return "open-ended", 1.0
    if evidence == "words" and (all_blank or (has_text and not found.choice_like)):
        return "open-ended", 1.0
    if found.free_text:
        return "values", round(found.text_share, 3)
    return None


def comment_text(value: object) -> str | None:
    """A cell as comment text: surrounding spaces removed, inner line breaks kept, a whole number without ".0";
    None for a blank or "n/a" answer."""
    if is_blank_comment(value):
        return None
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return str(int(value))
    return str(value).strip()
