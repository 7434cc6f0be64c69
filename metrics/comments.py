"""Comments: who commented, which themes they raised, and which comments a view may show (proposed §7.7).

A comment is a sentence a reader can recognise, so a comment list is protected like a number, with its own,
higher minimum. The rules, as proposed for §7.7 of the indicators contract:

- `comment_min_n` (default 10) is a whole number >= min_n; anything else is refused (and min_n as in §7.3).
- A comment belongs to the response with the same (wave, response_id); comments with no such response among
  the rows given are ignored (they are outside the scope the caller chose), and so are blank ones (null, or
  nothing left after `str.strip()`). A missing question is the question "Not reported".
- A comment **cell** is one group x one question, or one group x ALL_QUESTIONS ("(all questions)"). Its own n
  is `commenters`: the number of distinct responses of the group with at least one comment in that cell (a
  response with two comments to one question is one commenter). The group's `n` is its number of responses
  (rows).
- Suppression of cells, in this order, once (§7.1 and §7.2 a and c, with commenters as a cell's own n):
  1. primary: every cell of a group with n < min_n, or whose own view is refused (`hide_groups`, §7.4's last
     paragraph); a cell with commenters < comment_min_n.
  2. step a on groups (siblings as in §7.2: groups sharing every `by` value but the last; with one `by` column
     all groups are siblings): while a sibling is hidden and either only one is or the hidden ones together have
     fewer than min_n respondents, and shown siblings remain, the shown one with the fewest respondents (ties:
     first in §3.0 sort order) is suppressed whole (every cell).
  3. step c on cells, for each question (and for ALL_QUESTIONS) separately: while a question's hidden cells
     (for any reason) are exactly one, or rest on 1 to comment_min_n - 1 commenters together, and shown cells
     of that question remain, the shown cell with the fewest commenters (ties: first in sort order) is
     suppressed too. Hidden cells that all rest on nobody (0 commenters) need no company.
- Groups are the combinations of `by` values present in the rows (a missing value is the group "Not
  reported"), sorted as text by code point (§3.0). Within a group: ALL_QUESTIONS first, then the questions
  sorted as text by code point. Every group has its ALL_QUESTIONS row (commenters 0 when nobody commented, so
  suppressed) and one row per question that occurs in the comments of the rows given, commenters possibly 0.
- Suppressed cells keep `n` and `commenters` in the data (the rules need them; pages never show them), as
  §3.0 says for counts.
- Themes: a group's row for a domain is suppressed exactly when the group's ALL_QUESTIONS cell is suppressed
  (same rows, `by`, min_n and comment_min_n); its `mentions` and `share` are then NaN, `commenters` is kept.
- A filtered view (wave, agency, unit, role level) shows no comment, and says why, when `view_refusal` refuses
  it (its reason); when its commenters (ALL_QUESTIONS) are fewer than comment_min_n (TOO_FEW_COMMENTS); or
  (PROTECTS_SMALL_GROUP) when the commenters it leaves out of a wider view (the same view with one or more
  filters removed) number 1 to comment_min_n - 1, when the breakdown of a wider view with one filter removed, by
  that filter's column, suppresses the view's ALL_QUESTIONS cell, or when it names a unit but no agency and some
  agency's own view of that unit may show no comment.
- A view that may show comments leaves out every question whose commenters in the view are fewer than
  comment_min_n, or whose commenters the view leaves out of a wider view (as above) number 1 to
  comment_min_n - 1, or whose cell that breakdown suppresses, or (a unit named across agencies) that some
  agency's own view of the unit leaves out: otherwise the wider view's comments on the question, minus those the
  sibling views show, could give away a small group's comments word for word.

Theme coding: a text mentions a domain when any of the domain's keywords occurs in it, case-insensitively (as
Python's `re` with IGNORECASE compares characters), as a whole word: not preceded or followed by a word
character (`\\w`, Unicode). A keyword ending in `*` matches any word that starts with it ("communicat*" matches
"communication"); a keyword of several words matches them separated by any whitespace; hyphens and apostrophes
match literally. Each domain is judged on its own, so one word may count for two domains. This is exactly
`texts.str.contains(r"(?<!\\w)(?:k1|k2|...)(?!\\w)", case=False, regex=True)` per domain, each keyword written as
its escaped words joined by `\\s+`, a trailing `*` as `\\w*`; `code_themes` computes it faster by reading
every text's words once.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import combinations
from pathlib import Path

# The character equivalences that `re` adds, under IGNORECASE, to simple lowercasing ('s' ~ 'ſ', 'ι' ~ U+0345,
# ...). Theme coding must compare characters exactly as `re` does, and this table is the one `re` itself uses.
from re._casefix import _EXTRA_CASES

import numpy as np
import pandas as pd

from metrics.instrument import Instrument
from metrics.policy import DEFAULT_COMMENT_MIN_N
from metrics.responses import (
    NOT_REPORTED,
    Groups,
    attribute_is_missing,
    attribute_labels,
    group_rows,
    leader_mask,
    normalise_by,
)
from metrics.scope import scope_mask, scope_rows
from metrics.scoring import long_frame
from metrics.suppression import (
    DEFAULT_MIN_N,
    PROTECTS_SMALL_GROUP,
    Census,
    census,
    check_min_n,
    suppressed_cells,
    suppressed_groups,
)

ALL_QUESTIONS = "(all questions)"
TOO_FEW_COMMENTS = "too few comments"
DEFAULT_LEXICON = Path(__file__).parent / "instruments" / "default_lexicon.csv"
COMMENT_COLUMNS = ("wave", "response_id", "question", "text")
KEY_COLUMNS = ("wave", "response_id")  # how a comment finds its response
FILTER_COLUMNS = ("agency", "unit", "role_level")  # the view filters the rules remove one by one
SHOWN_COLUMNS = ("question", "text", "person")  # person: tells one writer's comments apart, never shown
LEXICON_COLUMNS = ("domain", "keyword")
APOSTROPHES = "'\u2019"

_WORD = re.compile(r"\w+")
_WORD_OR_NUL = re.compile(r"\w+|\x00")


# -- the comment minimum ---------------------------------------------------------------------------------------


def check_comment_min_n(comment_min_n: int, min_n: int) -> None:
    """A comment minimum must be a whole number of commenters and at least min_n (itself checked by §7.3)."""
    check_min_n(min_n)
    if isinstance(comment_min_n, bool) or not isinstance(comment_min_n, (int, np.integer)):
        raise ValueError(f"comment_min_n must be a whole number of commenters, not {comment_min_n!r}.")
    if comment_min_n < min_n:
        raise ValueError(
            f"comment_min_n = {comment_min_n} is below min_n = {min_n}; a list of comments must rest on at least "
            "as many people as a number does."
        )


# -- comments matched to responses -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Comments:
    """The non-blank comments of the rows given, in the comments' order: each one's row position among the rows,
    question label, text and position in the comments table."""

    row: np.ndarray
    question: np.ndarray
    text: np.ndarray
    order: np.ndarray


def _matched(responses: pd.DataFrame, comments: pd.DataFrame) -> _Comments:
    """Each comment joined to its response by (wave, response_id); unmatched and blank comments dropped."""
    for column in ("wave", "response_id"):
        if column not in responses.columns:
            raise ValueError(f"The responses have no column '{column}', which links them to their comments.")
    for column in COMMENT_COLUMNS:
        if column not in comments.columns:
            raise ValueError(f"The comments have no column '{column}'.")
    position: dict = {}
    waves, ids = responses["wave"].to_numpy(dtype=object), responses["response_id"].to_numpy(dtype=object)
    for row, key in enumerate(zip(waves, ids, strict=True)):
        if attribute_is_missing(key[0]) or attribute_is_missing(key[1]):
            continue  # a response without a wave or an id has no comments
        if key in position:
            raise ValueError(
                f"Two responses of wave {key[0]!r} have the response_id {key[1]!r}; each response needs its own id "
                "so that its comments can be linked to it."
            )
        position[key] = row
    rows, questions, texts, order = [], [], [], []
    columns = (comments[column].to_numpy(dtype=object) for column in COMMENT_COLUMNS)
    for index, (wave, response_id, question, text) in enumerate(zip(*columns, strict=True)):
        try:
            row = position.get((wave, response_id))
        except TypeError:  # an unhashable key matches no response
            row = None
        if row is None or attribute_is_missing(text):
            continue
        if not isinstance(text, str):
            raise ValueError(f"Comment column 'text' holds {text!r}, which is not text.")
        label = NOT_REPORTED if attribute_is_missing(question) else str(question)
        if label == ALL_QUESTIONS:
            raise ValueError(f"A comment's question is named {ALL_QUESTIONS!r}, a name kept for all questions.")
        rows.append(row)
        questions.append(label)
        texts.append(text)
        order.append(index)
    return _Comments(
        np.array(rows, dtype=np.int64),
        np.array(questions, dtype=object),
        np.array(texts, dtype=object),
        np.array(order, dtype=np.int64),
    )


def _checked_by(responses: pd.DataFrame, by: str | Sequence[str], taken: tuple[str, ...]) -> tuple[str, ...]:
    by = normalise_by(by)
    for column in by:
        if column not in responses.columns:
            raise ValueError(f"The responses have no column '{column}' to break down by.")
        if column in taken:
            raise ValueError(f"Comments cannot be broken down by a column named '{column}': the result has its own.")
    leader_mask(responses, required=False)  # every metrics function refuses a bad role_level (§2)
    return by


# -- comment cells and their suppression -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Cells:
    """Groups x questions (ALL_QUESTIONS first) of commenters, and which cells the rules hide."""

    groups: Groups
    questions: list[str]
    commenters: np.ndarray
    hidden: np.ndarray


def _cells(
    responses: pd.DataFrame,
    found: _Comments,
    by: tuple[str, ...],
    min_n: int,
    comment_min_n: int,
    hide_groups: pd.DataFrame | None = None,
) -> _Cells:
    groups = group_rows(responses, by, hide_groups)
    questions = sorted(set(found.question.tolist()))  # Python compares str by code point, as §3.0 asks
    width = len(questions) + 1
    column_of = {question: position + 1 for position, question in enumerate(questions)}
    column = np.array([column_of[q] for q in found.question], dtype=np.int64)
    pairs = np.unique(found.row * width + column)  # one per response x question, however many comments
    cell = groups.codes[pairs // width] * width + pairs % width
    commenters = np.bincount(cell, minlength=groups.count * width).reshape(groups.count, width)
    commenters[:, 0] = np.bincount(groups.codes[np.unique(found.row)], minlength=groups.count)
    primary = suppressed_groups(groups, min_n)[:, None] | (commenters < comment_min_n)  # 1 and step a
    hidden = suppressed_cells(groups, primary, commenters, comment_min_n)  # step c, per question
    return _Cells(groups, [ALL_QUESTIONS, *questions], commenters, hidden)


def comment_counts(
    responses: pd.DataFrame,
    comments: pd.DataFrame,
    by: str | Sequence[str] = (),
    min_n: int = DEFAULT_MIN_N,
    comment_min_n: int = DEFAULT_COMMENT_MIN_N,
    *,
    hide_groups: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per group x question (ALL_QUESTIONS first, then the questions as text): `*by, question, n,
    commenters, suppressed`. `n` = the group's responses (rows); `commenters` = its responses with at least one
    non-blank comment in the cell. A cell is suppressed by the rules of this module's docstring (min_n for the
    group, comment_min_n for the cell, steps a and c); suppressed cells keep `n` and `commenters`, which pages
    never show."""
    check_comment_min_n(comment_min_n, min_n)
    by = _checked_by(responses, by, ("question", "n", "commenters", "suppressed"))
    cells = _cells(responses, _matched(responses, comments), by, min_n, comment_min_n, hide_groups)
    width = len(cells.questions)
    columns = {"n": np.repeat(cells.groups.rows, width), "commenters": cells.commenters, "suppressed": cells.hidden}
    return long_frame(cells.groups, "question", cells.questions, columns)


# -- the lexicon -----------------------------------------------------------------------------------------------


def load_lexicon(path: str | Path | None = None) -> pd.DataFrame:
    """The keyword lexicon (`domain, keyword`, as written in the file): the default one when `path` is None,
    otherwise an agency's own CSV file with the same two columns. Check it with `check_lexicon` before use."""
    source = Path(path) if path is not None else DEFAULT_LEXICON
    try:
        table = pd.read_csv(source, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise ValueError(f"The lexicon file {source.name} is not a readable CSV file (UTF-8): {error}") from error
    table.columns = [str(column).strip().lower() for column in table.columns]
    for column in LEXICON_COLUMNS:
        if column not in table.columns:
            raise ValueError(f"The lexicon file {source.name} has no '{column}' column.")
    return table[list(LEXICON_COLUMNS)].reset_index(drop=True)


def check_lexicon(table: pd.DataFrame, instrument: Instrument) -> pd.DataFrame:
    """The lexicon cleaned for use: values stripped, rows without a keyword dropped, repeated keywords (the same
    domain and words, compared as the theme coding compares them: case-insensitively, any whitespace) kept once
    as first written, rows in the instrument's domain order. Refuses (ValueError) a keyword without a domain, a
    domain the instrument lacks, and a keyword holding anything but letters, digits, spaces, hyphens and
    apostrophes, with at most one `*` at its end directly after a letter or digit."""
    clean = _clean_lexicon(table)
    codes = instrument.domain_codes
    unknown = [domain for domain in clean["domain"] if domain not in codes]
    if unknown:
        raise ValueError(
            f"The lexicon names the domain '{unknown[0]}', which the instrument does not have "
            f"(its domains are {', '.join(codes)})."
        )
    rank = np.array([codes.index(domain) for domain in clean["domain"]], dtype=np.int64)
    return clean.iloc[np.argsort(rank, kind="stable")].reset_index(drop=True)


def _clean_lexicon(table: pd.DataFrame) -> pd.DataFrame:
    """`check_lexicon` without the instrument: stripped, blanks and repeats dropped, keywords checked, order kept."""
    for column in LEXICON_COLUMNS:
        if column not in table.columns:
            raise ValueError(f"The lexicon has no '{column}' column.")
    kept, seen = [], set()
    pairs = zip(table["domain"].to_numpy(dtype=object), table["keyword"].to_numpy(dtype=object), strict=True)
    for raw_domain, raw_keyword in pairs:
        domain, keyword = _stripped(raw_domain), _stripped(raw_keyword)
        if not keyword:
            continue
        if not domain:
            raise ValueError(f"The lexicon keyword '{keyword}' has no domain.")
        _check_keyword(keyword, domain)
        key = (domain, _fold(" ".join(keyword.split())))
        if key not in seen:
            seen.add(key)
            kept.append((domain, keyword))
    return pd.DataFrame(kept, columns=list(LEXICON_COLUMNS), dtype=object)


def _stripped(value) -> str:
    return "" if attribute_is_missing(value) else str(value).strip()


def _check_keyword(keyword: str, domain: str) -> None:
    body = keyword[:-1] if keyword.endswith("*") else keyword
    allowed = all(ch.isalpha() or ch.isdigit() or ch.isspace() or ch in "-" + APOSTROPHES for ch in body)
    if not allowed:
        raise ValueError(
            f"The lexicon keyword '{keyword}' ({domain}) may hold only letters, digits, spaces, hyphens and "
            "apostrophes, with at most one * at its end."
        )
    if not any(ch.isalpha() or ch.isdigit() for ch in body):
        raise ValueError(f"The lexicon keyword '{keyword}' ({domain}) has no letter or digit.")
    if body is not keyword and not (body[-1].isalpha() or body[-1].isdigit()):
        raise ValueError(
            f"The * of the lexicon keyword '{keyword}' ({domain}) must follow a letter or digit directly: it stands "
            "for the rest of a word."
        )


# -- theme coding ----------------------------------------------------------------------------------------------


class _Folding(dict):
    """Code point -> the one code point standing for every character that `re` with IGNORECASE treats as equal
    to it: its simple lowercase, joined with `re`'s extra equivalences, the smallest of them (so ASCII folds to
    ASCII lowercase). Filled as characters are met."""

    def __missing__(self, code: int) -> int:
        lower = ord(chr(code).lower()[0])  # only U+0130 lowercases to two characters; its simple lowercase is 'i'
        folded = min((lower, *_EXTRA_CASES.get(lower, ())))
        self[code] = folded
        return folded


_FOLDING = _Folding()


def _fold(text: str) -> str:
    """Two strings of one length match under `re.IGNORECASE` exactly when their folds are equal."""
    return text.lower() if text.isascii() else text.translate(_FOLDING)


# COMBINING GREEK YPOGEGRAMMENI (U+0345) is not a word character, yet `re` with IGNORECASE takes it for an iota.
# It is the only such character (tests check this against every code point); a keyword holding a character of
# its class is matched by its regular expression alone, since its word need not be one of the text's words.
_NOT_WORD_FOLDS = frozenset(_fold("\u0345"))


def _keyword_regex(keyword: str) -> str:
    """A keyword as a regular expression: its escaped words joined by whitespace, a trailing * as any word rest."""
    prefix = keyword.endswith("*")
    body = keyword[:-1] if prefix else keyword
    return r"\s+".join(re.escape(part) for part in body.split()) + (r"\w*" if prefix else "")


@dataclass(frozen=True)
class _Phrase:
    """A keyword that is not one plain word, looked for with its regular expression in the texts that hold its
    anchor: a word of the keyword that every match has as one of the text's words. Without an anchor (a keyword
    with a character of U+0345's class), it is looked for in every text."""

    domain: int
    anchor: int | None
    pattern: re.Pattern


@dataclass(frozen=True)
class _Coder:
    """Words (folded) to bit masks: bits 0 .. domains-1 are the domains, later bits the phrases' anchors."""

    exact: dict[str, int]
    prefixes: dict[int, dict[str, int]]
    phrases: list[_Phrase]
    bits: int

    @classmethod
    def of(cls, table: pd.DataFrame, domains: list[str]) -> _Coder:
        exact: dict[str, int] = {}
        prefixes: dict[int, dict[str, int]] = {}
        phrases: list[_Phrase] = []
        anchors: dict[tuple[bool, str], int] = {}

        def mark(word: str, prefix: bool, bit: int) -> None:
            target = prefixes.setdefault(len(word), {}) if prefix else exact
            target[word] = target.get(word, 0) | (1 << bit)

        for domain, keyword in zip(table["domain"], table["keyword"], strict=True):
            d = domains.index(domain)
            prefix = keyword.endswith("*")
            body = keyword[:-1] if prefix else keyword
            folded = _fold(body)
            safe = not _NOT_WORD_FOLDS.intersection(folded)
            if safe and all(ch.isalpha() or ch.isdigit() for ch in body):
                mark(folded, prefix, d)
                continue
            anchor = None
            if safe:
                words = _WORD.findall(body)
                whole = words[:-1] if prefix else words
                key = (False, _fold(max(whole, key=len))) if whole else (True, _fold(words[-1]))
                if key not in anchors:
                    anchors[key] = len(domains) + len(anchors)
                    mark(key[1], key[0], anchors[key])
                anchor = anchors[key]
            pattern = re.compile(rf"(?<!\w){_keyword_regex(keyword)}(?!\w)", re.IGNORECASE)
            phrases.append(_Phrase(d, anchor, pattern))
        return cls(exact, prefixes, phrases, len(domains) + len(anchors))

    def mask(self, word: str) -> int:
        folded = _fold(word)
        mask = self.exact.get(folded, 0)
        for length, table in self.prefixes.items():
            if len(folded) >= length:
                mask |= table.get(folded[:length], 0)
        return mask

    def text_bits(self, texts: list[str]) -> np.ndarray:
        """Texts x 64-bit words: the OR of the masks of every word of each text.

        All texts are read in one pass, joined by NUL: a NUL is no word character, so it ends a word like any
        other separator, and is found as a token of its own that marks where the next text begins (a NUL inside
        a text is first read as a space, which leaves the text's words as they are)."""
        width = max(1, -(-self.bits // 64))
        bits = np.zeros((len(texts), width), dtype=np.uint64)
        if not texts:
            return bits
        joined = "\x00".join(texts)
        if joined.count("\x00") != len(texts) - 1:
            joined = "\x00".join(text.replace("\x00", " ") for text in texts)
        codes, distinct = pd.factorize(np.array(_WORD_OR_NUL.findall(joined), dtype=object))
        if not len(codes):
            return bits
        masks = np.zeros((len(distinct), width), dtype=np.uint64)
        nul = -1  # (numpy would read the string "\x00" as "", so the NUL token is found here, in Python)
        for position, word in enumerate(distinct):
            if word == "\x00":
                nul = position
                continue  # its mask stays 0
            mask = self.mask(word)
            for w in range(width) if mask else ():
                masks[position, w] = (mask >> (64 * w)) & 0xFFFFFFFFFFFFFFFF
        # Text i is the run of tokens from the i-th NUL (the start, for the first text) up to the next NUL.
        starts = np.concatenate([np.zeros(1, dtype=np.int64), np.flatnonzero(codes == nul)])
        return np.bitwise_or.reduceat(masks[codes], starts, axis=0)


def _bit(bits: np.ndarray, bit: int) -> np.ndarray:
    return ((bits[:, bit // 64] >> np.uint64(bit % 64)) & np.uint64(1)).astype(bool)


def _text_values(texts: pd.Series) -> list[str]:
    """The texts as str, a missing one as "" (it mentions nothing); anything else is refused."""
    values = []
    for value in texts.to_numpy(dtype=object):
        if isinstance(value, str):
            values.append(value)
        elif attribute_is_missing(value):
            values.append("")
        else:
            raise ValueError(f"A comment text holds {value!r}, which is not text.")
    return values


def code_themes(texts: pd.Series, lexicon: pd.DataFrame) -> pd.DataFrame:
    """Which domains each text mentions: a bool table with the texts' index and one column per lexicon domain
    (in the lexicon's order of first appearance; after `check_lexicon`, the instrument's). A missing text
    mentions nothing. The lexicon is cleaned and checked as `check_lexicon` does (without the instrument).
    The definition is in this module's docstring; the result equals, domain by domain, `str.contains` with the
    domain's alternation of keyword patterns, case=False."""
    table = _clean_lexicon(lexicon)
    domains = list(dict.fromkeys(table["domain"]))
    values = _text_values(texts)
    coder = _Coder.of(table, domains)
    bits = coder.text_bits(values)
    found = np.zeros((len(values), len(domains)), dtype=bool)
    for d in range(len(domains)):
        found[:, d] = _bit(bits, d)
    for phrase in coder.phrases:
        candidates = ~found[:, phrase.domain]  # a text already mentioning the domain needs no second look
        if phrase.anchor is not None:
            candidates &= _bit(bits, phrase.anchor)
        for position in np.flatnonzero(candidates):
            if phrase.pattern.search(values[position]):
                found[position, phrase.domain] = True
    return pd.DataFrame(found, index=texts.index, columns=domains)


def comment_themes(
    responses: pd.DataFrame,
    comments: pd.DataFrame,
    lexicon: pd.DataFrame,
    by: str | Sequence[str] = (),
    min_n: int = DEFAULT_MIN_N,
    comment_min_n: int = DEFAULT_COMMENT_MIN_N,
    *,
    hide_groups: pd.DataFrame | None = None,
    coded: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per group x lexicon domain: `*by, domain, commenters, mentions, share, suppressed`. `commenters` =
    the group's responses with a non-blank comment (its ALL_QUESTIONS commenters); `mentions` = how many of them
    have at least one comment mentioning the domain (`code_themes`); `share` = 100 x mentions / commenters
    (0-100). Suppressed exactly when `comment_counts` (same arguments) suppresses the group's ALL_QUESTIONS
    cell; `mentions` and `share` are then NaN. `coded`, when the caller keeps it, is `code_themes` of the
    comments' text with this lexicon (row for row), so that several breakdowns code the comments once."""
    check_comment_min_n(comment_min_n, min_n)
    by = _checked_by(responses, by, ("domain", "commenters", "mentions", "share", "suppressed"))
    found = _matched(responses, comments)
    cells = _cells(responses, found, by, min_n, comment_min_n, hide_groups)
    groups = cells.groups
    table = _clean_lexicon(lexicon)
    domains = list(dict.fromkeys(table["domain"]))
    if coded is None:
        coded = code_themes(pd.Series(found.text, dtype=object), table).to_numpy(dtype=bool)
    else:
        if len(coded) != len(comments) or list(coded.columns) != domains:
            raise ValueError("The theme coding given does not belong to these comments and this lexicon.")
        coded = coded.to_numpy(dtype=bool)[found.order]
    mentions = np.zeros((groups.count, len(domains)))
    for d in range(len(domains)):
        per_response = np.bincount(found.row, weights=coded[:, d].astype(float), minlength=len(responses)) > 0
        mentions[:, d] = np.bincount(groups.codes, weights=per_response.astype(float), minlength=groups.count)
    commenters = np.repeat(cells.commenters[:, :1], len(domains), axis=1)
    hidden = np.repeat(cells.hidden[:, :1], len(domains), axis=1)
    share = np.full(mentions.shape, np.nan)
    np.divide(mentions * 100.0, commenters, out=share, where=(commenters > 0) & ~hidden)
    columns = {
        "commenters": commenters,
        "mentions": np.where(hidden, np.nan, mentions),
        "share": share,
        "suppressed": hidden,
    }
    return long_frame(groups, "domain", domains, columns)


# -- what a filtered view may show -----------------------------------------------------------------------------


def _commenters(found: _Comments) -> Counter:
    """Commenters per question label, ALL_QUESTIONS included."""
    people = Counter(question for _, question in set(zip(found.row.tolist(), found.question.tolist(), strict=True)))
    people[ALL_QUESTIONS] = len(set(found.row.tolist()))
    return people


@dataclass(frozen=True)
class _Verdict:
    reason: str
    view: pd.DataFrame | None = None
    found: _Comments | None = None
    hidden_questions: frozenset[str] = frozenset()


class _WaveComments:
    """One wave's rows with their comments joined once: every view of the wave, and every wider view the rules
    look at, takes its share by a row mask instead of joining the comments again."""

    def __init__(self, responses: pd.DataFrame, comments: pd.DataFrame, wave: str | None):
        attributes = [column for column in responses.columns if column in (*KEY_COLUMNS, *FILTER_COLUMNS)]
        self.rows = scope_rows(responses[attributes], wave)  # the item columns play no part here
        # Only a comment of this wave can join a row of it (a wider net than equality: labels as the filters read)
        same_wave = wave is not None and "wave" in comments.columns  # (a table without it is refused when joined)
        self.comments = comments[attribute_labels(comments["wave"]) == str(wave)] if same_wave else comments

    @cached_property
    def every(self) -> _Comments:
        return _matched(self.rows, self.comments)

    def of(self, filters: dict[str, str | None]) -> tuple[pd.DataFrame, _Comments]:
        """A view's rows and their comments, as `_matched(view, comments)` gives them."""
        keep = scope_mask(self.rows, None, **filters)
        found = self.every
        inside = keep[found.row]
        position = np.cumsum(keep) - 1  # each kept row's position among the view's rows
        shared = _Comments(position[found.row[inside]], found.question[inside], found.text[inside], found.order[inside])
        return self.rows[keep], shared


def _verdict(
    responses: pd.DataFrame,
    comments: pd.DataFrame,
    wave: str | None,
    filters: dict[str, str | None],
    min_n: int,
    comment_min_n: int,
    wave_census: Census | None = None,
) -> _Verdict:
    """Whether a filtered view may show comments, and which questions it must leave out (module docstring)."""
    check_comment_min_n(comment_min_n, min_n)
    check_min_n(min_n)
    leader_mask(responses, required=False)
    counted = census(responses, wave) if wave_census is None else wave_census
    return _judged(counted, _WaveComments(responses, comments, wave), filters, min_n, comment_min_n)


def _judged(
    counted: Census,
    joined: _WaveComments,
    filters: dict[str, str | None],
    min_n: int,
    comment_min_n: int,
) -> _Verdict:
    reason = counted.refusal(filters["agency"], filters["unit"], filters["role_level"], min_n)
    if reason:
        return _Verdict(reason)
    view, found = joined.of(filters)
    people = _commenters(found)
    if people[ALL_QUESTIONS] < comment_min_n:
        return _Verdict(TOO_FEW_COMMENTS)
    hidden = {question for question, count in people.items() if count < comment_min_n}
    chosen = [column for column, value in filters.items() if value is not None]
    for count in range(1, len(chosen) + 1):  # rule 4 a on commenters, per question: every wider view
        for removed in combinations(chosen, count):
            wider_people = _commenters(joined.of({**filters, **dict.fromkeys(removed)})[1])
            hidden |= {q for q, n in people.items() if 1 <= wider_people[q] - n <= comment_min_n - 1}
    for column in chosen:  # rule 4 b: the cell the breakdown of a wider view (one filter removed) hides
        parent, parent_found = joined.of({**filters, column: None})
        breakdown = _cells(parent, parent_found, (column,), min_n, comment_min_n)
        group = int(np.flatnonzero((breakdown.groups.keys[column] == str(filters[column])).to_numpy())[0])
        hidden |= {q for q in people if breakdown.hidden[group, breakdown.questions.index(q)]}
    if filters["unit"] is not None and filters["agency"] is None:  # rule 4 c: each agency's unit of that name
        pooled = view["agency"] if "agency" in view.columns else pd.Series([None] * len(view), dtype=object)
        for agency in sorted(set(attribute_labels(pooled))):
            own = _judged(counted, joined, {**filters, "agency": agency}, min_n, comment_min_n)
            if own.reason:
                return _Verdict(PROTECTS_SMALL_GROUP)
            hidden |= own.hidden_questions
    if ALL_QUESTIONS in hidden:
        return _Verdict(PROTECTS_SMALL_GROUP)
    return _Verdict("", view, found, frozenset(hidden))


def comment_view_refusal(
    responses: pd.DataFrame,
    comments: pd.DataFrame,
    wave: str | None,
    agency: str | None,
    unit: str | None,
    role_level: str | None,
    min_n: int = DEFAULT_MIN_N,
    comment_min_n: int = DEFAULT_COMMENT_MIN_N,
) -> str:
    """Why a filtered view may not show comments ("" when it may): `view_refusal`'s reason; TOO_FEW_COMMENTS when
    fewer than comment_min_n of its responses commented; PROTECTS_SMALL_GROUP when, with one filter removed, the
    wider view has 1 to comment_min_n - 1 more commenters, or its breakdown by that filter's column hides this
    group's comments."""
    filters = {"agency": agency, "unit": unit, "role_level": role_level}
    return _verdict(responses, comments, wave, filters, min_n, comment_min_n).reason


def _no_comments() -> pd.DataFrame:
    return pd.DataFrame({"question": pd.Series([], dtype=object), "text": pd.Series([], dtype=object), "person": []})


def shown_comments(
    responses: pd.DataFrame,
    comments: pd.DataFrame,
    wave: str | None,
    agency: str | None,
    unit: str | None,
    role_level: str | None,
    min_n: int = DEFAULT_MIN_N,
    comment_min_n: int = DEFAULT_COMMENT_MIN_N,
) -> pd.DataFrame:
    """The comments a filtered view may show, as `question, text` and `person` (0, 1, ... in the table's order: which
    comments one person wrote, so a sample quotes a person once; nothing that points to a response): none
    when `comment_view_refusal` refuses the view; otherwise the non-blank comments of its rows, leaving out every
    question with fewer than comment_min_n commenters in the view, or whose commenters the view leaves out of a
    wider view (one filter removed) number 1 to comment_min_n - 1, or whose cell that wider view's breakdown hides.
    Sorted by question (as text), then in the responses' order, then in the comments' order."""
    return comment_view(responses, comments, wave, agency, unit, role_level, min_n, comment_min_n)[1]


def comment_view(
    responses: pd.DataFrame,
    comments: pd.DataFrame,
    wave: str | None,
    agency: str | None,
    unit: str | None,
    role_level: str | None,
    min_n: int = DEFAULT_MIN_N,
    comment_min_n: int = DEFAULT_COMMENT_MIN_N,
    *,
    wave_census: Census | None = None,
) -> tuple[str, pd.DataFrame]:
    """`comment_view_refusal` and `shown_comments` of one view at once (the rules are worked out once).
    `wave_census`, the wave's `census` when the caller keeps one, saves counting the wave again."""
    filters = {"agency": agency, "unit": unit, "role_level": role_level}
    verdict = _verdict(responses, comments, wave, filters, min_n, comment_min_n, wave_census)
    if verdict.reason:
        return verdict.reason, _no_comments()
    found = verdict.found
    keep = np.array([question not in verdict.hidden_questions for question in found.question], dtype=bool)
    questions = found.question[keep]
    rank = {question: position for position, question in enumerate(sorted(set(questions.tolist())))}
    question_rank = np.array([rank[question] for question in questions], dtype=np.int64)
    order = np.lexsort((found.order[keep], found.row[keep], question_rank))
    writers = found.row[keep][order]
    shown = pd.DataFrame(
        {
            "question": pd.Series(questions[order], dtype=object),
            "text": pd.Series(found.text[keep][order], dtype=object),
            "person": pd.Series(pd.factorize(writers)[0], dtype="int64"),
        }
    )
    return "", shown


def comment_sample(shown: pd.DataFrame, k: int, seed: int) -> pd.DataFrame:
    """A reproducible random sample of up to k rows of `shown` (the same seed gives the same rows), with a fresh
    index, `question` and `text` only. With a `person` column, at most one comment per person: a board reading
    two comments of one person side by side learns more about that person than either says."""
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 0:
        raise ValueError(f"The sample size must be a whole number of comments, 0 or more, not {k!r}.")
    shuffled = shown.sample(frac=1, random_state=seed)
    if "person" in shuffled.columns:
        shuffled = shuffled.drop_duplicates("person")
    return shuffled.head(int(k))[["question", "text"]].reset_index(drop=True)
