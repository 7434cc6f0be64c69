"""Respondent attributes: which export columns hold them, and how their values become canonical text.

Why: every tool names these columns differently ("Division", "Office", "What is your position level?") and
people answer in their own words ("Deputy Director", "1 to 3 years"). Roles and tenure feed the leader/staff
comparisons, so they are read against a vocabulary an agency can edit; a word not in it is reported, never
guessed. Other attributes are kept as the text people wrote (indicators §2).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

import numpy as np
import pandas as pd

from ingest.labels import Reading, as_number, is_blank, label_key, number_text
from metrics.responses import ROLE_LEVELS

ATTRIBUTES = ("agency", "agency_type", "unit", "role_level", "tenure_band", "program_area")
TENURE_BANDS = ("<1", "1-3", "4-9", "10+")

# Header words for the response id column.
ID_SYNONYMS = (
    "response_id",
    "ResponseId",
    "Response ID",
    "Respondent ID",
    "RespondentId",
    "ID",
    "Record ID",
    "Submission ID",
)

# Header words per attribute, checked in this order so that "Agency type" is not read as "Agency" and
# "How long have you worked in this office?" is tenure, not unit.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "tenure_band": (
        "Tenure",
        "Tenure band",
        "Years in office",
        "Years in the office",
        "Years at the agency",
        "Years with the agency",
        "Years in position",
        "Years in role",
        "Years of service",
        "Length of service",
        "Time in office",
        "How long have you",
        "How many years have you",
    ),
    "agency_type": (
        "Agency type",
        "Type of agency",
        "Organization type",
        "Organisation type",
        "Type of organization",
        "Type of organisation",
    ),
    "role_level": (
        "Role",
        "Role level",
        "Position",
        "Position level",
        "Job level",
        "Job title",
        "Staff level",
    ),
    "program_area": ("Program", "Program area", "Programme", "Programme area"),
    "unit": ("Unit", "Division", "Office", "Department", "Strand", "Team", "Section", "Bureau", "Branch"),
    "agency": (
        "Agency",
        "Agency name",
        "District",
        "School district",
        "LEA",
        "Organization",
        "Organisation",
        "Organization name",
        "Employer",
    ),
}

# A question is read as asking for an attribute only in the few shapes demographic questions take, so that item
# statements ("Roles and responsibilities in my unit are clearly defined.") and comment boxes ("What could your
# division do better?") do not qualify. Patterns run on label keys (lower case, no punctuation).
_QUESTION_SHAPES = (
    r"(?:in )?(?:which|what) (?:is )?(?:your )?(?:{syn})(?: (?:do|are|did) you\b.*)?",
    r"(?:which|what) of the following (?:best )?describes your (?:{syn})",
    r"(?:please )?(?:select|indicate|choose|enter) (?:your|the) (?:{syn})(?: you\b.*)?",
    r"(?:what is )?your (?:{syn})",
)
_MAX_WORDS = 12

DEFAULT_ROLE_VOCABULARY: dict[str, str] = {
    "Executive": "executive",
    "Director": "executive",
    "Deputy Director": "executive",
    "Executive Director": "executive",
    "Assistant Superintendent": "executive",
    "Deputy Superintendent": "executive",
    "Associate Superintendent": "executive",
    "Superintendent": "executive",
    "Chief": "executive",
    "Commissioner": "executive",
    "Deputy Commissioner": "executive",
    "Associate Commissioner": "executive",
    "Senior leader": "executive",
    "Manager": "manager",
    "Supervisor": "manager",
    "Coordinator": "manager",
    "Team lead": "manager",
    "Team leader": "manager",
    "Program manager": "manager",
    "Staff": "staff",
    "Specialist": "staff",
    "Consultant": "staff",
    "Analyst": "staff",
    "Education program specialist": "staff",
    "Program specialist": "staff",
    "Education specialist": "staff",
    "Professional staff": "staff",
    "Support": "support",
    "Support staff": "support",
    "Administrative assistant": "support",
    "Administrative support": "support",
    "Assistant": "support",
    "Office assistant": "support",
    "Clerk": "support",
    "Secretary": "support",
}

_NUMBER_WORDS = {"one": "1", "a": "1", "an": "1", "three": "3", "four": "4", "nine": "9", "ten": "10"}
_TENURE_UNITS = re.compile(r"\b(years?|yrs?|of service|in (this|the) (office|agency|position|role))\b")


def _key_set(labels: tuple[str, ...]) -> frozenset[str]:
    return frozenset(label_key(label) for label in labels)


ID_KEYS = _key_set(ID_SYNONYMS)
SYNONYM_KEYS = {attribute: _key_set(labels) for attribute, labels in SYNONYMS.items()}
_SHAPE_PATTERNS = {
    attribute: re.compile(
        "|".join(
            shape.format(syn="|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True)))
            for shape in _QUESTION_SHAPES
        )
    )
    for attribute, keys in SYNONYM_KEYS.items()
}


def codes_key(text: object) -> str:
    """How attribute value codes are compared: case and spacing ignored, symbols kept ("<1" is not "1")."""
    return " ".join(str(text).casefold().split())


def header_attribute(header: str) -> tuple[str, float] | None:
    """The attribute a header or question names, with confidence: 1.0 for a synonym as the whole header (a
    parenthetical such as "(select one)" aside), 0.9 for a short question that asks for it ("Which division do
    you work in?"). The response id counts as the attribute "response_id"."""
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", str(header))
    key = label_key(text)
    if not key:
        return None
    if key in ID_KEYS:
        return "response_id", 1.0
    for attribute, keys in SYNONYM_KEYS.items():
        if key in keys:
            return attribute, 1.0
    for attribute, keys in SYNONYM_KEYS.items():
        for synonym in keys:
            if synonym.startswith(("how long", "how many years")) and key.startswith(synonym):
                return attribute, 0.9
    if len(key.split()) > _MAX_WORDS:
        return None
    for attribute, pattern in _SHAPE_PATTERNS.items():
        if pattern.fullmatch(key):
            return attribute, 0.9
    return None


def role_vocabulary(overrides: Mapping[str, str | None] | None = None) -> dict[str, str | None]:
    """The default vocabulary by label key, with `overrides` (label -> level, or None to drop a label)."""
    vocabulary: dict[str, str | None] = {label_key(k): v for k, v in DEFAULT_ROLE_VOCABULARY.items()}
    for label, level in (overrides or {}).items():
        if level is not None and level not in ROLE_LEVELS:
            raise ValueError(
                f"The role vocabulary maps '{label}' to '{level}'; use one of {', '.join(ROLE_LEVELS)}, or nothing."
            )
        vocabulary[label_key(label)] = level
    return vocabulary


def role_table(values: Iterable[object], overrides: Mapping[str, str | None] | None = None) -> pd.DataFrame:
    """The distinct role labels of a column (sorted) with the level each maps to ("" when none), for an analyst
    to review and edit; the edited table goes back to `map_export` as `role_vocabulary`."""
    vocabulary = role_vocabulary(overrides)
    labels = sorted({text for text in (text_value(value) for value in values) if text is not None})
    return pd.DataFrame(
        {"label": labels, "level": [vocabulary.get(label_key(label)) or "" for label in labels]}, dtype=object
    )


def text_value(raw: object) -> str | None:
    """An attribute as text, surrounding spaces removed; a whole number without ".0" (unit 101, not 101.0)."""
    if is_blank(raw):
        return None
    number = as_number(raw) if not isinstance(raw, str) else None
    return number_text(number) if number is not None else str(raw).strip()


def text_values(column: pd.Series) -> np.ndarray:
    """`text_value` of every cell of a column (None for a blank), in one pass for a column of numbers or text.

    Why: a response id column has as many distinct values as rows, so reading it value by value would cost more
    than reading the whole file."""
    values = column.to_numpy(dtype=object, na_value=None, copy=True)
    if pd.api.types.is_float_dtype(column.dtype):
        numbers = column.to_numpy(dtype="float64", na_value=np.nan)
        whole = np.isfinite(numbers) & (numbers == np.floor(numbers)) & (np.abs(numbers) < 1e15)
        values[whole] = numbers[whole].astype(np.int64).astype(str)
        rest = ~whole & ~np.isnan(numbers)
        values[rest] = [text_value(number) for number in numbers[rest]]
        return values
    if pd.api.types.is_string_dtype(column.dtype) and not pd.api.types.is_object_dtype(column.dtype):
        stripped = column.str.strip()
        return stripped.where(stripped.str.len() > 0).to_numpy(dtype=object, na_value=None)
    return np.array([text_value(value) for value in values] if len(values) else [], dtype=object)


def _read_attribute(raw: object, codes: Mapping[str, object], interpret: Callable[[str], Reading]) -> Reading:
    """Blank, or renamed by the analyst's value codes, or else read from its text by `interpret`."""
    text = text_value(raw)
    if text is None:
        return Reading("blank")
    if codes_key(text) in codes:
        return Reading("confirmed", codes[codes_key(text)])
    return interpret(text)


def read_text(raw: object, codes: Mapping[str, object]) -> Reading:
    """A text attribute as written, or as the analyst's value codes rename it."""
    return _read_attribute(raw, codes, lambda text: Reading("value", text))


def read_role(raw: object, vocabulary: Mapping[str, str | None], codes: Mapping[str, object]) -> Reading:
    """A role label as its level; a label outside the vocabulary is missing and a problem."""

    def interpret(text: str) -> Reading:
        level = vocabulary.get(label_key(text))
        if level is None:
            return Reading(
                "problem",
                problem=f"The role '{text}' is not in the role vocabulary, so it was left blank; "
                "add it to the vocabulary to count it.",
            )
        return Reading("value", level)

    return _read_attribute(raw, codes, interpret)


def tenure_band(text: str) -> str | None:
    """ "Less than 1 year" -> "<1", "1 to 3 years" -> "1-3", "4-9 years" -> "4-9", "10 or more years" -> "10+";
    a plain number of years goes in its band; anything else (other band edges) is None."""
    number = as_number(text)
    if number is not None:
        if number < 0:
            return None
        return "<1" if number < 1 else "1-3" if number < 4 else "4-9" if number < 10 else "10+"
    words = re.sub(r"[\u2013\u2014]", "-", str(text).casefold())
    words = _TENURE_UNITS.sub(" ", words)
    words = " ".join(_NUMBER_WORDS.get(w, w) for w in re.sub(r"\s+", " ", words).strip(" .").split())
    words = re.sub(r"\s*(?:-|\bto\b|\bthrough\b)\s*", "-", words)
    if words in TENURE_BANDS:
        return words
    if re.fullmatch(r"(?:<|less than|under|fewer than)\s*1", words):
        return "<1"
    if words in ("1-3", "4-9"):
        return words
    if re.fullmatch(r"10\s*(?:\+|or more|and more|or over|and over|or above|and above|plus)", words):
        return "10+"
    return None


def read_tenure(raw: object, codes: Mapping[str, object]) -> Reading:
    """A tenure label or number of years as its band; anything else is missing and a problem."""

    def interpret(text: str) -> Reading:
        band = tenure_band(text)
        if band is None:
            return Reading(
                "problem",
                problem=f"'{text}' is not one of the tenure bands ({', '.join(TENURE_BANDS)}), so it was left blank.",
            )
        return Reading("value", band)

    return _read_attribute(raw, codes, interpret)


WAVE_HEADERS = ("wave", "survey wave", "wave name", "survey round", "round")


def wave_column(frame: pd.DataFrame, questions: Mapping[str, str]) -> str | None:
    """The export column that names each response's wave ("Wave", "Survey round"), or None. A file that holds
    several waves must be split into them, never saved as one."""
    for column in frame.columns:
        header = label_key(questions.get(column, column))
        if header in WAVE_HEADERS or label_key(column) in WAVE_HEADERS:
            return column
    return None


def wave_values(column: pd.Series) -> pd.Series:
    """How many responses each wave named in a wave column holds (blank values are no wave), by wave name."""
    names = pd.Series(text_values(column), index=column.index, dtype=object).dropna()
    return names.value_counts(sort=False).sort_index()
