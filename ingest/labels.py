"""Answer labels to scale values: the labels seen in exports, read against the instrument's scale.

Why: exports carry answers as the words people clicked ("Somewhat agree", "5 - Strongly agree", "De acuerdo"),
as the tool's numeric codes, or as a don't-know option. A label names a point only relative to the scale's
size ("Somewhat agree" is 4 of 5 but 5 of 7), so the table is built from the instrument. Anything not in it is
reported as a problem, never guessed; an analyst confirms what it means with value codes.
"""

from __future__ import annotations

import decimal
import math
import numbers
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from metrics.instrument import Scale

# Each rung names one position; the labels of a rung are synonyms ("Neutral" and "Neither agree nor disagree").
AGREEMENT: dict[str, tuple[str, ...]] = {
    "strongly disagree": (
        "Strongly disagree",
        "Disagree strongly",
        "Completely disagree",
        "Totalmente en desacuerdo",
        "Muy en desacuerdo",
    ),
    "disagree": ("Disagree", "En desacuerdo"),
    "somewhat disagree": (
        "Somewhat disagree",
        "Slightly disagree",
        "Tend to disagree",
        "Algo en desacuerdo",
    ),
    "neither": (
        "Neither agree nor disagree",
        "Neither agree or disagree",
        "Neither disagree nor agree",
        "Neither",
        "Neutral",
        "Undecided",
        "Ni de acuerdo ni en desacuerdo",
        "Ni en acuerdo ni en desacuerdo",
        "Neutral / Undecided",
    ),
    "somewhat agree": ("Somewhat agree", "Slightly agree", "Tend to agree", "Algo de acuerdo"),
    "agree": ("Agree", "De acuerdo"),
    "strongly agree": (
        "Strongly agree",
        "Agree strongly",
        "Completely agree",
        "Totalmente de acuerdo",
        "Muy de acuerdo",
    ),
}

# The point (1 = lowest) of each agreement rung on a scale of 4 to 7 points; a rung absent here has no meaning
# on that scale (there is no midpoint on 4 or 6 points), so its labels are problems there.
AGREEMENT_POINTS: dict[int, dict[str, int]] = {
    4: {
        "strongly disagree": 1,
        "disagree": 2,
        "somewhat disagree": 2,
        "somewhat agree": 3,
        "agree": 3,
        "strongly agree": 4,
    },
    5: {
        "strongly disagree": 1,
        "disagree": 2,
        "somewhat disagree": 2,
        "neither": 3,
        "somewhat agree": 4,
        "agree": 4,
        "strongly agree": 5,
    },
    6: {
        "strongly disagree": 1,
        "disagree": 2,
        "somewhat disagree": 3,
        "somewhat agree": 4,
        "agree": 5,
        "strongly agree": 6,
    },
    7: {
        "strongly disagree": 1,
        "disagree": 2,
        "somewhat disagree": 3,
        "neither": 4,
        "somewhat agree": 5,
        "agree": 6,
        "strongly agree": 7,
    },
}

FREQUENCY: dict[str, tuple[str, ...]] = {
    "never": ("Never", "Nunca"),
    "rarely": ("Rarely", "Seldom", "Casi nunca"),
    "sometimes": ("Sometimes", "A veces", "Algunas veces"),
    "often": ("Often", "Frequently", "Con frecuencia", "Frecuentemente"),
    "always": ("Always", "Siempre"),
}
# Frequency words are read on five-point scales only: on four or seven points their positions differ by survey.
FREQUENCY_POINTS: dict[int, dict[str, int]] = {5: {"never": 1, "rarely": 2, "sometimes": 3, "often": 4, "always": 5}}

# Non-substantive answers: missing, never a low score, and counted in a note.
DONT_KNOW: tuple[str, ...] = (
    "Don't know",
    "Do not know",
    "Don't know / Not applicable",
    "Don't know or not applicable",
    "Don't know / N/A",
    "Don't know or not sure",
    "Don't know / Not sure",
    "Not sure / Don't know",
    "N/A",
    "NA",
    "Not applicable",
    "Does not apply",
    "No basis for evaluation",
    "No basis to judge",
    "No basis for judgment",
    "No basis for judgement",
    "Prefer not to answer",
    "Prefer not to say",
    "Decline to answer",
    "No sé",
    "No sabe",
    "No aplica",
    "No corresponde",
    "Prefiero no responder",
    "Prefiero no contestar",
)

# Labels that some surveys use as the midpoint and others as "don't know": always the analyst's call.
AMBIGUOUS: tuple[str, ...] = ("Unsure", "Not sure")

_NUMBERED = re.compile(r"^\(?\s*(-?\d+)\s*\)?\s*(?:[-=:.)\u2013\u2014]\s*)?(\D.*)?$")
_NUMBERED_AFTER = re.compile(r"^(\D.*?)\s*(?:[-=:\u2013\u2014]\s*|\(\s*)(-?\d+)\s*\)?$")
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


def label_key(text: object) -> str:
    """A label as compared: accents, case, apostrophes (straight or curly), punctuation and spacing ignored."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"['\u2018\u2019\u02bc`\u00b4]", "", text)
    return re.sub(r"[\W_]+", " ", text).strip()


DONT_KNOW_KEYS = frozenset(label_key(label) for label in DONT_KNOW)
AMBIGUOUS_KEYS = frozenset(label_key(label) for label in AMBIGUOUS)


def is_blank(value: object) -> bool:
    """A blank cell: null, NaN, NaT, or text with nothing left after `str.strip()`."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(value != value)  # NaN and NaT differ from themselves
    except TypeError:
        return True  # pd.NA refuses to be a bool: it is missing


def as_number(value: object) -> float | None:
    """A number, or text that is plainly a number ("4", "-1", "4.0"); None otherwise (booleans included)."""
    if isinstance(value, bool | np.bool_):
        return None
    if isinstance(value, numbers.Real | decimal.Decimal):
        return float(value)
    if isinstance(value, str) and _NUMBER.match(value.strip()):
        return float(value.strip())
    return None


def number_text(value: float) -> str:
    """12.0 as "12", 3.5 as "3.5": how a person would write the number."""
    return str(int(value)) if float(value).is_integer() else str(value)


def value_text(value: object) -> str:
    """A cell as text for the problems list: whole numbers without ".0"."""
    number = as_number(value) if not isinstance(value, str) else None
    return number_text(number) if number is not None and math.isfinite(number) else str(value)


@dataclass(frozen=True)
class AnswerTable:
    """The labels that name points of one scale: label key -> (value, rung)."""

    lo: int
    hi: int
    labels: dict[str, tuple[int, str]]

    @property
    def span(self) -> str:
        return f"{self.lo}-{self.hi}"

    @property
    def size(self) -> int:
        return self.hi - self.lo + 1

    @property
    def neutral(self) -> int | None:
        return (self.lo + self.hi) // 2 if self.size % 2 else None


def answer_table(scale: Scale, own: Sequence[str] = ()) -> AnswerTable:
    """`own` labels first (a domain's own wording of the points, one per point), then the instrument's labels, then
    the agreement (and, on five points, frequency) families."""
    rung_of: dict[str, str] = {}
    for vocabulary in (AGREEMENT, FREQUENCY):
        for rung, labels in vocabulary.items():
            for label in labels:
                rung_of[label_key(label)] = rung
    if own and len(own) != scale.size:
        raise ValueError(
            f"{len(own)} labels were given for the {scale.size} points of the {scale.lo}-{scale.hi} scale."
        )
    labels: dict[str, tuple[int, str]] = {}
    for wording in (own, scale.labels):
        for point, label in zip(scale.points, wording, strict=False):
            key = label_key(label)
            labels.setdefault(key, (point, rung_of.get(key, f"point {point}")))
    for vocabulary, points in ((AGREEMENT, AGREEMENT_POINTS), (FREQUENCY, FREQUENCY_POINTS)):
        for rung, position in points.get(scale.size, {}).items():
            for label in vocabulary[rung]:
                labels.setdefault(label_key(label), (scale.lo + position - 1, rung))
    return AnswerTable(scale.lo, scale.hi, labels)


@dataclass(frozen=True)
class Codes:
    """Value codes an analyst confirmed for one column: numbers and label keys -> a value, or None (missing)."""

    numbers: dict[float, object] = field(default_factory=dict)
    labels: dict[str, object] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, *mappings: Mapping | None) -> Codes:
        """Later mappings override earlier ones (a column's own codes over "*")."""
        numbers_: dict[float, object] = {}
        labels_: dict[str, object] = {}
        for mapping in mappings:
            for code, value in (mapping or {}).items():
                value = None if is_blank(value) else value
                number = as_number(code)
                if number is not None:
                    numbers_[number] = value
                else:
                    labels_[label_key(code)] = value
        return cls(numbers_, labels_)

    def values(self) -> Iterable[object]:
        return [*self.numbers.values(), *self.labels.values()]


@dataclass(frozen=True)
class Reading:
    """What one distinct cell means.

    `status` is "value", "blank", "dont_know", "vendor_code" (a negative code), "confirmed" (by value codes;
    `value` may be None) or "problem" (`problem` says why). When `proposes`, `proposal` is a value an analyst
    might confirm; `number` keeps a whole number outside the scale, for a recode proposal.
    """

    status: str
    value: object = None
    problem: str = ""
    rung: str = ""
    proposal: object = None
    proposes: bool = False
    number: float | None = None


BLANK = Reading("blank")
DONT_KNOW_READING = Reading("dont_know")


def read_answer(raw: object, table: AnswerTable, codes: Codes) -> Reading:
    """One cell of an item column: a scale value, missing with a reason, or a problem."""
    if is_blank(raw):
        return BLANK
    number = as_number(raw)
    if number is not None:
        return _read_number(number, table, codes)
    if isinstance(raw, bool | np.bool_):
        return Reading("problem", problem=f"{raw} is not an answer on the {table.span} scale, so it was left blank.")
    text = str(raw).strip()
    key = label_key(text)
    if key in codes.labels:
        return Reading("confirmed", codes.labels[key])
    if key in DONT_KNOW_KEYS:
        return DONT_KNOW_READING
    if key in table.labels:
        value, rung = table.labels[key]
        return Reading("value", value, rung=rung)
    if key in AMBIGUOUS_KEYS:
        return Reading(
            "problem",
            problem=f"'{text}' can mean the midpoint or \"don't know\", so it was left blank; confirm which it means.",
            proposal=table.neutral,
            proposes=True,
        )
    return _read_numbered(text, table, codes) or Reading(
        "problem", problem=f"'{text}' is not an answer on the {table.span} scale, so it was left blank."
    )


def _read_number(number: float, table: AnswerTable, codes: Codes) -> Reading:
    if number in codes.numbers:
        return Reading("confirmed", codes.numbers[number])
    if not math.isfinite(number):
        return Reading("problem", problem=f"{number} is not an answer on the {table.span} scale, so it was left blank.")
    whole = number.is_integer()
    if whole and table.lo <= number <= table.hi:
        return Reading("value", int(number))
    if whole and number < 0:
        return Reading("vendor_code", number=number)
    if not whole:
        return Reading(
            "problem",
            problem=f"{number_text(number)} is not a whole answer on the {table.span} scale, so it was left blank.",
        )
    return Reading(
        "problem",
        problem=f"{number_text(number)} is outside the {table.span} answer scale, so it was left blank.",
        number=number,
    )


def _read_numbered(text: str, table: AnswerTable, codes: Codes) -> Reading | None:
    """ "5 - Strongly agree", "5 = Strongly agree", "(5) Strongly agree", "Strongly agree (5)": the number, if
    the label agrees with it."""
    match = _NUMBERED.match(text)
    if match and match.group(2):
        number, label = int(match.group(1)), match.group(2).strip()
    else:
        match = _NUMBERED_AFTER.match(text)
        if not match:
            return None
        label, number = match.group(1).strip(), int(match.group(2))
    key = label_key(label)
    if not key:
        return None
    if key in DONT_KNOW_KEYS:
        return DONT_KNOW_READING
    if key in codes.labels:
        return Reading("confirmed", codes.labels[key])
    if key in table.labels:
        value, rung = table.labels[key]
        if value == number:
            return Reading("value", value, rung=rung)
        return Reading(
            "problem",
            problem=f"'{text}' numbers the answer {number}, but '{label}' is {value} on the {table.span} scale, "
            "so it was left blank.",
        )
    return Reading(
        "problem",
        problem=f"'{text}' is not an answer on the {table.span} scale, so it was left blank.",
        proposal=number if table.lo <= number <= table.hi else None,
        proposes=True,
    )


def rung_collisions(raws: Sequence[object], readings: Sequence[Reading], table: AnswerTable) -> dict[int, Reading]:
    """Labels of different rungs that land on one point in the same column ("Disagree" and "Somewhat disagree"
    both 2 of 4) mean the export's scale is not the instrument's: those cells become problems. Returns the
    positions (in `raws`) to replace, with their new reading."""
    by_point: dict[object, dict[str, list[int]]] = {}
    for position, reading in enumerate(readings):
        if reading.status == "value" and reading.rung:
            by_point.setdefault(reading.value, {}).setdefault(reading.rung, []).append(position)
    changed: dict[int, Reading] = {}
    for point, rungs in by_point.items():
        if len(rungs) < 2:
            continue
        shown = " and ".join(f"'{str(raws[positions[0]]).strip()}'" for positions in rungs.values())
        message = (
            f"This column uses both {shown}, which would both be {point} on the {table.size}-point scale, "
            "so the answer was left blank; confirm what each label means."
        )
        for positions in rungs.values():
            for position in positions:
                changed[position] = Reading("problem", problem=message)
    return changed
