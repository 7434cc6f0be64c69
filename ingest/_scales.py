"""Answer scales read from the answers themselves: which words name ordered points, of which family, in what order.

Why: drafting an instrument from an export (ingest/draft.py) needs each rating question's scale without being told
it. People's surveys word their points many ways ("Strongly disagree" ... "Strongly agree", "Never" ... "Very
frequently", "Not impactful at all" ... "Extremely impactful", "1 - Poor" ... "5 - Excellent"), list them in either
order, and often leave a point that nobody chose out of the file. Each label gets a family and a rank; a question's
labels, ordered by rank, are its points, most negative first. When a known family's points were not all chosen,
its usual list for that number of points fills the gap; the caller is told which labels were filled in.
Don't-know answers are never points. Pure functions, no I/O.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ingest.labels import AGREEMENT, AGREEMENT_POINTS, AMBIGUOUS_KEYS, DONT_KNOW_KEYS, FREQUENCY, as_number, label_key

SIZES = (4, 5, 6, 7)
NEUTRAL = "neither"


@dataclass(frozen=True)
class Family:
    """Ordered rungs (rung -> rank, and its synonyms), and for some numbers of points the usual wording: each a
    rung -> point table and the label written for each point."""

    name: str
    ranks: dict[str, float]
    synonyms: dict[str, tuple[str, ...]]
    usual: dict[int, tuple[tuple[dict[str, int], tuple[str, ...]], ...]] = field(default_factory=dict)
    bipolar: bool = False
    middle: str = ""  # the rung a neutral answer ("Neutral", "Neither good nor poor") stands for, if any


def _usual(*rungs: str) -> dict[str, int]:
    return {rung: point for point, rung in enumerate(rungs, start=1)}


AGREEMENT_FAMILY = Family(
    "agreement",
    {
        "strongly disagree": -3,
        "disagree": -2,
        "somewhat disagree": -1,
        NEUTRAL: 0,
        "somewhat agree": 1,
        "agree": 2,
        "strongly agree": 3,
    },
    {
        **{rung: labels for rung, labels in AGREEMENT.items() if rung != NEUTRAL},
        "somewhat disagree": (*AGREEMENT["somewhat disagree"], "Disagree somewhat", "Mildly disagree"),
        "somewhat agree": (*AGREEMENT["somewhat agree"], "Agree somewhat", "Mildly agree"),
        "strongly disagree": (*AGREEMENT["strongly disagree"], "Totally disagree"),
        "strongly agree": (*AGREEMENT["strongly agree"], "Totally agree"),
    },
    {
        4: ((AGREEMENT_POINTS[4], ("Strongly disagree", "Disagree", "Agree", "Strongly agree")),),
        5: (
            (
                AGREEMENT_POINTS[5],
                ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"),
            ),
        ),
        6: (
            (
                AGREEMENT_POINTS[6],
                ("Strongly disagree", "Disagree", "Somewhat disagree", "Somewhat agree", "Agree", "Strongly agree"),
            ),
        ),
        7: (
            (
                AGREEMENT_POINTS[7],
                (
                    "Strongly disagree",
                    "Disagree",
                    "Somewhat disagree",
                    "Neither agree nor disagree",
                    "Somewhat agree",
                    "Agree",
                    "Strongly agree",
                ),
            ),
        ),
    },
    bipolar=True,
    middle=NEUTRAL,
)

FREQUENCY_FAMILY = Family(
    "frequency",
    {"never": 0, "rarely": 1, "occasionally": 2, "sometimes": 3, "often": 4, "usually": 5, "always": 6},
    {
        "never": FREQUENCY["never"],
        "rarely": (*FREQUENCY["rarely"], "Almost never", "Hardly ever"),
        "occasionally": ("Occasionally",),
        "sometimes": FREQUENCY["sometimes"],
        "often": (*FREQUENCY["often"], "Fairly often", "A menudo"),
        "usually": ("Usually", "Very often", "Very frequently", "Almost always", "Most of the time", "Casi siempre"),
        "always": FREQUENCY["always"],
    },
    {
        4: ((_usual("never", "sometimes", "often", "always"), ("Never", "Sometimes", "Often", "Always")),),
        5: (
            (
                _usual("never", "rarely", "sometimes", "often", "always"),
                ("Never", "Rarely", "Sometimes", "Often", "Always"),
            ),
        ),
        6: (
            (
                _usual("never", "rarely", "sometimes", "often", "usually", "always"),
                ("Never", "Rarely", "Sometimes", "Often", "Usually", "Always"),
            ),
        ),
        7: (
            (
                _usual("never", "rarely", "occasionally", "sometimes", "often", "usually", "always"),
                ("Never", "Rarely", "Occasionally", "Sometimes", "Often", "Usually", "Always"),
            ),
        ),
    },
)

QUALITY_FAMILY = Family(
    "quality",
    {"very poor": 0, "poor": 1, "fair": 2, "good": 3, "very good": 4, "excellent": 5},
    {
        "very poor": ("Very poor", "Extremely poor", "Very bad", "Terrible"),
        "poor": ("Poor", "Bad"),
        "fair": ("Fair", "Average"),
        "good": ("Good",),
        "very good": ("Very good",),
        "excellent": ("Excellent", "Outstanding"),
    },
    {
        4: ((_usual("poor", "fair", "good", "excellent"), ("Poor", "Fair", "Good", "Excellent")),),
        5: (
            (
                _usual("poor", "fair", "good", "very good", "excellent"),
                ("Poor", "Fair", "Good", "Very good", "Excellent"),
            ),
            (
                _usual("very poor", "poor", "fair", "good", "very good"),
                ("Very poor", "Poor", "Fair", "Good", "Very good"),
            ),
        ),
        6: (
            (
                _usual("very poor", "poor", "fair", "good", "very good", "excellent"),
                ("Very poor", "Poor", "Fair", "Good", "Very good", "Excellent"),
            ),
        ),
    },
    middle="fair",
)

EXTENT_FAMILY = Family(
    "extent",
    {"not at all": 0, "very small": 1, "small": 2, "moderate": 3, "great": 4, "very great": 5},
    {
        "not at all": ("Not at all", "To no extent"),  # also graded: "Not at all", "Slightly", ... "Extremely"
        "very small": ("To a very small extent", "To a very little extent", "Very little"),
        "small": ("To a small extent", "To a little extent", "To a slight extent", "A little", "Little"),
        "moderate": ("To a moderate extent", "To some extent", "To a fair extent"),
        "great": ("To a great extent", "To a large extent", "A lot", "Quite a bit", "Considerably"),
        "very great": ("To a very great extent", "To a very large extent", "A great deal"),
    },
    {
        4: (
            (
                _usual("not at all", "small", "moderate", "great"),
                ("Not at all", "To a small extent", "To a moderate extent", "To a great extent"),
            ),
        ),
        5: (
            (
                _usual("not at all", "small", "moderate", "great", "very great"),
                (
                    "Not at all",
                    "To a small extent",
                    "To a moderate extent",
                    "To a great extent",
                    "To a very great extent",
                ),
            ),
        ),
        6: (
            (
                _usual("not at all", "very small", "small", "moderate", "great", "very great"),
                (
                    "Not at all",
                    "To a very small extent",
                    "To a small extent",
                    "To a moderate extent",
                    "To a great extent",
                    "To a very great extent",
                ),
            ),
        ),
    },
)


def _bipolar(name: str, positive: str, negative: str, very: str, synonyms: dict[str, tuple[str, ...]]) -> Family:
    """A scale of one word and its opposite (satisfied / dissatisfied), in the shape of the agreement scale."""
    rungs = {
        f"{very} {negative}": -3,
        negative: -2,
        f"somewhat {negative}": -1,
        NEUTRAL: 0,
        f"somewhat {positive}": 1,
        positive: 2,
        f"{very} {positive}": 3,
    }
    words = {rung: (rung.capitalize(), *synonyms.get(rung, ())) for rung in rungs if rung != NEUTRAL}
    neutral = f"Neither {positive} nor {negative}"
    points = {
        size: {
            rung: AGREEMENT_POINTS[size][agree]
            for rung, agree in zip(rungs, AGREEMENT_FAMILY.ranks, strict=True)
            if agree in AGREEMENT_POINTS[size]
        }
        for size in SIZES
    }
    shown = {size: tuple(_shown(rung, neutral) for rung in _ordered(points[size])) for size in SIZES}
    usual = {size: ((points[size], shown[size]),) for size in SIZES}
    return Family(name, rungs, words, usual, bipolar=True, middle=NEUTRAL)


def _ordered(points: dict[str, int]) -> list[str]:
    """The first rung of each point, in point order."""
    first: dict[int, str] = {}
    for rung, point in points.items():
        first.setdefault(point, rung)
    return [first[point] for point in sorted(first)]


def _shown(rung: str, neutral: str) -> str:
    return neutral if rung == NEUTRAL else rung.capitalize()


SATISFACTION_FAMILY = _bipolar(
    "satisfaction",
    "satisfied",
    "dissatisfied",
    "very",
    {
        "very dissatisfied": ("Extremely dissatisfied", "Completely dissatisfied", "Very unsatisfied"),
        "dissatisfied": ("Unsatisfied",),
        "somewhat dissatisfied": ("Slightly dissatisfied", "Somewhat unsatisfied"),
        "somewhat satisfied": ("Slightly satisfied",),
        "very satisfied": ("Extremely satisfied", "Completely satisfied"),
    },
)
LIKELIHOOD_FAMILY = _bipolar(
    "likelihood",
    "likely",
    "unlikely",
    "very",
    {
        "very unlikely": ("Extremely unlikely", "Highly unlikely"),
        "somewhat unlikely": ("Slightly unlikely",),
        "somewhat likely": ("Slightly likely",),
        "very likely": ("Extremely likely", "Highly likely"),
    },
)
FAMILIES = (AGREEMENT_FAMILY, FREQUENCY_FAMILY, QUALITY_FAMILY, EXTENT_FAMILY, SATISFACTION_FAMILY, LIKELIHOOD_FAMILY)
FAMILY = {family.name: family for family in FAMILIES}

# label key -> (family, rung); built once.
WORDS: dict[str, tuple[str, str]] = {}
for _family in FAMILIES:
    for _rung, _labels in _family.synonyms.items():
        for _label in _labels:
            WORDS.setdefault(label_key(_label), (_family.name, _rung))
NEUTRAL_KEYS = frozenset(label_key(label) for label in AGREEMENT[NEUTRAL]) | {"neither nor", "no opinion either way"}
_NEITHER = re.compile(r"^neither (\w+(?: \w+)?) (?:nor|or) (\w+(?: \w+)?)$")

# Words that grade another word: "Very effective", "Not impactful at all", "Slightly important".
_INTENSIFIERS = (
    ("not at all", "floor"),
    ("not so", "low"),
    ("not very", "low"),
    ("not too", "low"),
    ("a little", "slight"),
    ("a bit", "slight"),
    ("slightly", "slight"),
    ("mildly", "slight"),
    ("somewhat", "weak"),
    ("moderately", "weak"),
    ("fairly", "weak"),
    ("very", "strong"),
    ("highly", "strong"),
    ("strongly", "strong"),
    ("extremely", "top"),
    ("completely", "top"),
    ("totally", "top"),
    ("entirely", "top"),
)
_GRADE = re.compile(r"^(?:(" + "|".join(word for word, _ in _INTENSIFIERS) + r") )?(.*?)(?: (at all))?$")
_GRADE_OF = dict(_INTENSIFIERS)
# Rank of a graded word on a one-sided scale ("Not at all important" ... "Extremely important") ...
_ONE_SIDED = {"floor": 0.0, "low": 1.0, "slight": 1.5, "weak": 2.0, "": 2.5, "strong": 3.0, "top": 4.0}
# ... and the strength of each side of a two-sided one ("Very ineffective" ... "Very effective").
_TWO_SIDED = {"slight": 1.0, "weak": 1.0, "": 2.0, "strong": 3.0, "top": 4.0}
_OPPOSITES = ("un", "in", "im", "ir", "il", "dis", "non ", "non", "not ")

_NUMBERED_BEFORE = re.compile(r"^\(?\s*(-?\d+)\s*(?:\)|[-=:.\u2013\u2014])\s*(\S.*)$")
_NUMBERED_AFTER = re.compile(r"^(\S.*?)\s*(?:[-=:\u2013\u2014]\s*(-?\d+)|\(\s*(-?\d+)\s*\))$")


def numbered(text: str) -> tuple[int, str] | None:
    """ "5 - Strongly agree", "5 = Strongly agree", "(5) Strongly agree", "5. Strongly agree", "Strongly agree (5)":
    the number and the words; None for anything else ("1 to 10" is no numbered label)."""
    match = _NUMBERED_BEFORE.match(text.strip())
    if match and label_key(match.group(2)) and not as_number(match.group(2)):
        return int(match.group(1)), match.group(2).strip()
    match = _NUMBERED_AFTER.match(text.strip())
    if match and label_key(match.group(1)) and as_number(match.group(1)) is None:
        return int(match.group(2) or match.group(3)), match.group(1).strip()
    return None


@dataclass(frozen=True)
class Word:
    family: str
    rank: float
    rung: str  # the family's rung ("" for a word graded on another word)


def read_words(keys: list[str]) -> dict[str, Word] | None:
    """Each label key of one question as a point word, all of one family, or None when they are not. A neutral
    answer ("Neutral", "Neither satisfied nor dissatisfied") belongs to whichever two-sided family the others are."""
    neutral = [key for key in keys if key not in WORDS and _is_neutral(key)]
    rest = [key for key in keys if key not in neutral]
    if not rest:
        return None
    words: dict[str, Word] = {}
    families = {WORDS[key][0] for key in rest if key in WORDS}
    if all(key in WORDS for key in rest) and len(families) == 1:
        family = families.pop()
        middle = FAMILY[family].middle
        rank = FAMILY[family].ranks.get(middle, 0.0)
        for key in rest:
            name, rung = WORDS[key]
            words[key] = Word(name, FAMILY[name].ranks[rung], rung)
    else:
        graded = _graded(rest, neutral)
        if graded is None:
            return None
        words.update(graded)
        family = next(iter(graded.values())).family
        middle, rank = (NEUTRAL if family.startswith("two-sided") else ""), 0.0
    if neutral:
        if not middle:
            return None
        for key in neutral:
            words[key] = Word(family, rank, middle)
    return words


def _is_neutral(key: str) -> bool:
    return key in NEUTRAL_KEYS or bool(_NEITHER.match(key))


def _graded(keys: list[str], neutral: list[str]) -> dict[str, Word] | None:
    """Words graded on one word ("Not at all critical" ... "Extremely critical") or on a word and its opposite
    ("Extremely ineffective" ... "Extremely effective")."""
    parsed = {}
    for key in keys:
        if key in _GRADE_OF:  # a grade alone: "Not at all", "Slightly", ..., "Extremely"
            parsed[key] = (_GRADE_OF[key], "")
            continue
        match = _GRADE.match(key)
        grade = _GRADE_OF.get(match.group(1) or "", "")
        if match.group(3):  # "not impactful at all"
            if not match.group(2).startswith("not "):
                return None
            grade, core = "floor", match.group(2)[4:]
        else:
            core = match.group(2)
        if any(ch.isdigit() for ch in core):
            return None
        parsed[key] = (grade, core)
    cores = list(dict.fromkeys(core for _, core in parsed.values()))
    if len(cores) == 1 and not neutral:
        family = f"one-sided {cores[0]}".strip()
        return {key: Word(family, _ONE_SIDED[grade], "") for key, (grade, _) in parsed.items()}
    if len(cores) != 2:
        return None
    short, long = sorted(cores, key=len)
    if not any(long == prefix + short for prefix in _OPPOSITES):
        return None
    family = f"two-sided {short}"
    words = {}
    for key, (grade, core) in parsed.items():
        if grade not in _TWO_SIDED:
            return None
        sign = 1.0 if core == short else -1.0
        words[key] = Word(family, sign * _TWO_SIDED[grade], "")
    return words


@dataclass(frozen=True)
class ScaleRead:
    """How one question's answers read as a scale.

    - `kind`: "words" (labels), "numbered" ("1 - Poor"), or "numbers" (codes alone).
    - `family`: "agreement", "frequency", ..., "one-sided critical", "two-sided effective", or "numbers".
    - `sizes`: the numbers of points the answers fit, the most likely first.
    - `labels`: size -> the label of each point, most negative first, in the export's own wording where it has one.
    - `filled`: size -> the labels that nobody chose and the family's usual wording supplied.
    - `dont_know`: the don't-know answers seen; `ambiguous`: answers such as "Not sure" (a midpoint or don't know).
    - `numbers_only`: the order was taken from numbers alone; `reversed`: numbered from the most positive answer.
    """

    kind: str
    family: str
    sizes: tuple[int, ...]
    labels: dict[int, tuple[str, ...]]
    filled: dict[int, tuple[str, ...]] = field(default_factory=dict)
    dont_know: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    numbers_only: bool = False
    reversed: bool = False


@dataclass(frozen=True)
class Unreadable:
    """Answers that look like a rating scale but cannot be drafted as one: why, in a plain clause."""

    reason: str


def read_scale(answers: Counter, listed: bool = False) -> ScaleRead | Unreadable | None:
    """The scale of one question from its answers (each distinct answer with how often it was given) or, when
    `listed`, from the options the file lists (every point is there, chosen or not). None when the answers are no
    rating scale at all; Unreadable when they come close (a scale word with a stray answer, too few points)."""
    shown: dict[str, Counter] = {}
    numbers: set[int] = set()
    fractions = False
    numbered_: dict[int, set[str]] = {}
    dont_know: list[str] = []
    ambiguous: list[str] = []
    for raw, count in answers.items():
        number = as_number(raw)
        if number is not None:
            if not number.is_integer():
                fractions = True
            elif number < 0:
                dont_know.append(str(raw).strip())
            else:
                numbers.add(int(number))
            continue
        text = " ".join(str(raw).split())
        key = label_key(text)
        if not key:
            continue
        if key in DONT_KNOW_KEYS:
            dont_know.append(text)
            continue
        if key in AMBIGUOUS_KEYS:
            ambiguous.append(text)
            continue
        found = numbered(text)
        if found is not None:
            number_, words = found
            if label_key(words) in DONT_KNOW_KEYS:
                dont_know.append(text)
                continue
            numbered_.setdefault(number_, set()).add(text)
            continue
        shown.setdefault(key, Counter())[text] += count
    dont_know_, ambiguous_ = tuple(dict.fromkeys(dont_know)), tuple(dict.fromkeys(ambiguous))
    if fractions:
        return None
    if numbered_:
        if shown:
            return None
        return _numbered(numbered_, numbers, dont_know_, ambiguous_)
    if numbers and shown:
        return None
    if numbers:
        return _numbers(numbers, dont_know_, ambiguous_)
    if not shown:
        return None
    return _words(shown, listed, dont_know_, ambiguous_)


def _numbers(
    numbers: set[int], dont_know: tuple[str, ...], ambiguous: tuple[str, ...]
) -> ScaleRead | Unreadable | None:
    top = max(numbers)
    if top > 7:
        return None
    if min(numbers) < 1:
        return Unreadable("its answers are numbered from 0, and a draft's scale starts at 1") if top >= 3 else None
    if top < 4:
        return None
    sizes = tuple(range(top, 8))
    labels = {size: tuple(str(p) for p in range(1, size + 1)) for size in sizes}
    return ScaleRead("numbers", "numbers", sizes, labels, {}, dont_know, ambiguous, numbers_only=True)


def _words(shown: dict[str, Counter], listed: bool, dont_know, ambiguous) -> ScaleRead | Unreadable | None:
    keys = list(shown)
    words = read_words(keys)
    if words is None:
        recognised = [key for key in keys if key in WORDS or _is_neutral(key)]
        if len(recognised) >= 2 and 2 * len(recognised) >= len(keys):
            stray = [shown[key].most_common(1)[0][0] for key in keys if key not in recognised]
            if stray:
                return Unreadable(f"its answers include {_quoted(stray)}, which {_is(stray)} on no answer scale known")
            return Unreadable("its answers mix the wording of different answer scales")
        return None
    ranks = [words[key].rank for key in keys]
    if len(set(ranks)) < len(ranks):
        same = [shown[key].most_common(1)[0][0] for key in keys if ranks.count(words[key].rank) > 1]
        return Unreadable(f"its answers {_quoted(same)} name the same point")
    family_name = words[keys[0]].family
    order = sorted(keys, key=lambda key: words[key].rank)
    own = tuple(shown[key].most_common(1)[0][0] for key in order)
    k = len(order)
    labels: dict[int, tuple[str, ...]] = {}
    filled: dict[int, tuple[str, ...]] = {}
    family = FAMILY.get(family_name)
    sides = [words[key].rank for key in order]
    balanced = sum(rank < 0 for rank in sides) == sum(rank > 0 for rank in sides)
    # The answers given are the scale when the file lists every option, or when nothing says a point is missing
    # (a known two-sided family such as agreement has as many points below its middle as above it).
    if 4 <= k <= 7 and (listed or family is None or not family.bipolar or balanced):
        labels[k] = own
    if not listed:
        for size in SIZES:
            if size in labels or family is None:
                continue
            for points, usual in family.usual.get(size, ()):
                rungs = [words[key].rung for key in order]
                at = [points.get(rung) for rung in rungs]
                if None in at or len(set(at)) < len(at) or at != sorted(at):
                    continue
                given = dict(zip(at, own, strict=True))
                labels[size] = tuple(given.get(p, usual[p - 1]) for p in range(1, size + 1))
                filled[size] = tuple(usual[p - 1] for p in range(1, size + 1) if p not in given)
                break
    if not labels:
        if k >= 2:
            return Unreadable(f"its answers name only {k} points, and a draft's scale needs 4 to 7")
        return None
    sizes = tuple(sorted(labels, key=lambda size: (size != k, size)))
    return ScaleRead("words", family_name, sizes, labels, filled, dont_know, ambiguous)


def _numbered(numbered_: dict[int, set[str]], bare: set[int], dont_know, ambiguous) -> ScaleRead | Unreadable | None:
    if any(len(texts) > 1 for texts in numbered_.values()):
        return Unreadable("its numbered answers give one number two wordings")
    full = {number: next(iter(texts)) for number, texts in numbered_.items()}
    words_of = {number: numbered(text)[1] for number, text in full.items()}
    numbers = set(full) | bare
    top = max(numbers)
    if top > 7 or min(numbers) < 1:
        return None if top > 7 else Unreadable("its answers are numbered from 0, and a draft's scale starts at 1")
    keys = {number: label_key(words) for number, words in words_of.items()}
    if len(set(keys.values())) < len(keys):
        return Unreadable("its numbered answers give two numbers one wording")
    words = read_words(list(keys.values()))
    family_name, reversed_, numbers_only = "numbers", False, True
    if words is not None:
        ordered = sorted(keys)
        ranks = [words[keys[number]].rank for number in ordered]
        if ranks == sorted(ranks) and len(set(ranks)) == len(ranks):
            family_name, numbers_only = words[keys[ordered[0]]].family, False
        elif ranks == sorted(ranks, reverse=True) and len(set(ranks)) == len(ranks):
            family_name, numbers_only, reversed_ = words[keys[ordered[0]]].family, False, True
        else:
            return Unreadable("the numbers of its answers do not follow the order of their wording")
    if reversed_:
        if bare:
            return Unreadable("its answers are numbered from the most positive, and some are numbers alone")
        if top < 4:
            return Unreadable(f"its answers name only {top} points, and a draft's scale needs 4 to 7")
        labels = {top: tuple(full.get(top + 1 - p, str(top + 1 - p)) for p in range(1, top + 1))}
        return ScaleRead("numbered", family_name, (top,), labels, {}, dont_know, ambiguous, reversed=True)
    sizes = tuple(range(max(top, 4), 8))
    family = FAMILY.get(family_name)
    labels, filled = {}, {}
    for size in sizes:
        usual = None
        if family is not None:
            for points, shown in family.usual.get(size, ()):
                if all(points.get(words[keys[n]].rung) == n for n in keys):
                    usual = shown
                    break
        if family is not None and usual is None and len(keys) < size and size != top:
            continue
        labels[size] = tuple(words_of.get(p) or (usual[p - 1] if usual else str(p)) for p in range(1, size + 1))
        if usual and not set(range(1, size + 1)) <= numbers:
            filled[size] = tuple(usual[p - 1] for p in range(1, size + 1) if p not in numbers)
    if top < 4 and not filled:
        return Unreadable(f"its answers name only {top} points, and a draft's scale needs 4 to 7")
    sizes = tuple(size for size in sizes if size in labels)
    if not sizes:
        return None
    return ScaleRead("numbered", family_name, sizes, labels, filled, dont_know, ambiguous, numbers_only=numbers_only)


def _quoted(texts: list[str]) -> str:
    shown = [f"'{text}'" for text in texts[:3]]
    more = f" and {len(texts) - 3} more" if len(texts) > 3 else ""
    return (", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0]) + more


def _is(texts: list[str]) -> str:
    return "is" if len(texts) == 1 else "are"
