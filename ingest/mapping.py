"""Map an export to the instrument: which column is which item or attribute, and what each answer means.

Why: an analyst uploads whatever their survey tool gives them. Columns are matched by item code, by question
text, then by similarity; a weak or tied match is shown for review and never applied silently. Answers are read
once per distinct value (so 100,000 rows map as fast as a hundred), and every value that cannot be read is listed
with its file row and column instead of being guessed. Columns left over that hold open-ended answers become
comments, redacted before they leave (ingest/comments.py). Nothing here does I/O or mutates the Export.
"""

from __future__ import annotations

import difflib
import re
import threading
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ingest import attributes as attrs
from ingest import comments as cmt
from ingest.export import Export
from ingest.labels import AnswerTable, Codes, Reading, answer_table, read_answer, rung_collisions, value_text
from metrics.instrument import Instrument
from metrics.spreadsheet import csv_bytes

APPLY_AT = 0.85  # a similarity match is applied at or above this ratio ...
TIE_MARGIN = 0.03  # ... and only when the runner-up (another item) is more than this far behind
REVIEW_FLOOR = 0.6  # below this a column is simply not an item: no candidate is offered
VALUES_SHARE = 0.8  # a column is read as roles or tenure by its values when this share of its cells fit

EVERY_ITEM = "(every item column)"
COMMENT = "comment"  # the target (and kind) of a column of open-ended answers; any number of columns may have it
COMMENT_COLUMNS = ("response_id", "question", "text")
MAPPING_COLUMNS = ("column", "question", "target", "kind", "method", "confidence", "needs_review", "candidate")
PROBLEM_COLUMNS = ("row", "column", "value", "problem")


def empty_comments() -> pd.DataFrame:
    """A comments table with no rows."""
    return pd.DataFrame({column: pd.Series([], dtype="str") for column in COMMENT_COLUMNS})


@dataclass(frozen=True)
class MappedWave:
    """An export mapped to the instrument.

    - `responses`: the canonical table (indicators §2): response_id, wave, the attributes found, then every item
      by code in instrument order as float (NaN = missing); RangeIndex.
    - `mapping`: one row per export column (MAPPING_COLUMNS); `target` is an item code, an attribute name
      (or "response_id"), COMMENT, or "" when ignored; `candidate` is the best target of a match left for review.
    - `problems`: every value that could not be used (PROBLEM_COLUMNS); `row` is the file row number (missing
      for a problem of the whole wave), `column` the export column id.
    - `notes`: plain sentences about what was assumed, counted or dropped.
    - `proposed_value_codes`: {column or "*": {code: value or None}} recodes an analyst may confirm by passing
      them back as `value_codes`; never applied until then.
    - `comments`: one row per kept response and comment column with an answer that is not blank or "n/a", by
      file row then column order (COMMENT_COLUMNS, all text; RangeIndex): the response's id, the column's
      question, and the answer with personal details replaced by markers. The answer as written is kept nowhere.
    - `redactions`: how many personal details of each kind (ingest.comments.KINDS) were removed from comments.
    """

    responses: pd.DataFrame
    mapping: pd.DataFrame
    problems: pd.DataFrame
    notes: list[str] = field(default_factory=list)
    proposed_value_codes: dict[str, dict] = field(default_factory=dict)
    comments: pd.DataFrame = field(default_factory=empty_comments)
    redactions: dict[str, int] = field(default_factory=dict)

    def recode_table(self) -> pd.DataFrame:
        """The proposed recodes as rows an analyst confirms one by one: the column they apply to (EVERY_ITEM for
        all item columns), the number or label in the file, the scale value it would be read as (blank: missing),
        and `confirm`, False until the analyst ticks it."""
        rows = [
            {
                "column": EVERY_ITEM if column == "*" else column,
                "code": value_text(code),
                "read_as": value,
                "confirm": False,
            }
            for column, codes in self.proposed_value_codes.items()
            for code, value in codes.items()
        ]
        return pd.DataFrame(rows, columns=["column", "code", "read_as", "confirm"]).astype(
            {"column": "str", "code": "str", "read_as": "float64", "confirm": "bool"}
        )

    def problems_csv(self) -> bytes:
        """The problems as a UTF-8 CSV (with a byte-order mark, so Excel shows accents and curly quotes);
        text that a spreadsheet would run as a formula is prefixed with an apostrophe."""
        return csv_bytes(self.problems)


def confirmed_codes(table: pd.DataFrame) -> dict[str, dict[str, float | None]]:
    """The `value_codes` of the rows of a recode table (see `MappedWave.recode_table`) an analyst confirmed; a
    blank `read_as` reads the code as missing."""
    codes: dict[str, dict[str, float | None]] = {}
    for row in table[table["confirm"].fillna(False).astype(bool)].itertuples():
        column = "*" if row.column == EVERY_ITEM else str(row.column)
        value = None if pd.isna(row.read_as) else float(row.read_as)
        codes.setdefault(column, {})[str(row.code)] = value
    return codes


def map_export(
    export: Export,
    instrument: Instrument,
    mapping: Mapping[str, str] | None = None,
    *,
    wave: str | None = None,
    role_vocabulary: Mapping[str, str | None] | None = None,
    value_codes: Mapping[str, Mapping] | None = None,
    required: Sequence[str] = (),
    redact_terms: Sequence[str] = (),
) -> MappedWave:
    """The export as the canonical responses table, with how each column was matched and every problem.

    - `mapping`: export column -> target (item code, attribute, "response_id", COMMENT, or "" to ignore); it
      replaces the automatic match for the columns it names (method "analyst"). Any number of columns may be
      mapped to COMMENT. Several columns may go to one item only when they are the answer columns of one question
      that the export spreads over a column per answer (SurveyMonkey's expanded columns, `Export.headers`): a row's
      answer is then the answer label of the one column it filled, and a row that filled two is a problem.
      `ingest.draft_instrument` gives such a mapping as `InstrumentDraft.mapping`.
    - `wave`: the wave label written on every row (missing when None).
    - `role_vocabulary`: role label -> executive/manager/staff/support (or None to drop a label), over
      DEFAULT_ROLE_VOCABULARY.
    - `value_codes`: {column or "*": {code or label: value or None}} answers an analyst confirmed; "*" applies to
      every item column, a column's own entry overrides it. For a role, tenure or text attribute column the
      values are the canonical text (a role level, a tenure band, or the text to keep).
    - `required`: attributes every row must have; a blank one is a problem. None is required by default: the
      metrics score rows without attributes (a missing role counts as staff, indicators §2).
    - `redact_terms`: names and other words (an agency's list) removed from comments, besides e-mail addresses,
      web addresses and phone numbers.

    An item of a domain with its own labels (`Domain.labels`) reads those words first, then the scale's.
    Columns that match no item or attribute are proposed as comment columns by their header or their values
    (ingest.comments.comment_claim, methods "open-ended" and "values") and applied; an analyst maps them to ""
    to ignore them. Their answers never enter `responses` or `problems`.
    Duplicate response ids: the first row is kept; each later row is dropped and listed as a problem.
    Raises ValueError (plain language) for a mapping, vocabulary or value code that names something impossible.
    """
    frame = export.responses
    notes: list[str] = []
    unknown_required = [a for a in required if a not in attrs.ATTRIBUTES]
    if unknown_required:
        raise ValueError(f"'{unknown_required[0]}' is not an attribute; use one of {', '.join(attrs.ATTRIBUTES)}.")
    vocabulary = attrs.role_vocabulary(role_vocabulary)
    value_codes = dict(value_codes or {})
    matches = _match_columns(export, instrument, dict(mapping or {}), vocabulary, notes)
    target_of = {m["column"]: m["target"] for m in matches if m["kind"] not in ("ignored", COMMENT)}
    columns_of: dict[str, list] = {}
    for column, target in target_of.items():
        columns_of.setdefault(target, []).append(column)
    column_of = {target: columns[0] for target, columns in columns_of.items()}

    problems: list[pd.DataFrame] = []
    ids, keep = _response_ids(frame, column_of.get("response_id"), problems, notes)
    kept = frame.loc[keep] if not keep.all() else frame

    table = answer_table(instrument.scale)
    tables = {d.code: answer_table(instrument.scale, d.labels) if d.labels else table for d in instrument.domains}
    domain_of = {item.code: item.domain for item in instrument.items}
    data: dict[str, object] = {"response_id": pd.Series(ids[keep], dtype="str"), "wave": _constant(wave, len(kept))}
    for attribute in attrs.ATTRIBUTES:
        if attribute in column_of:
            column = column_of[attribute]
            reader = _attribute_reader(attribute, column, vocabulary, value_codes.get(column))
            values, blank = _read_attribute(kept[column], column, reader, problems)
            data[attribute] = pd.Series(values, dtype="str")
            if attribute in required:
                _report_blank(kept.index[blank], column, attribute, problems)
        elif attribute in required:
            notes.append(f"The export has no column for '{attribute}', which this wave requires.")
            problems.append(_problem_frame([pd.NA], "", [""], f"The export has no column for '{attribute}'."))
    if "role_level" not in column_of:
        notes.append("No role column was found, so leaders and staff cannot be compared for this wave.")

    counts = {"dont_know": 0, "vendor_code": 0, "confirmed": 0}
    proposals: dict[str, dict] = {}
    observed: dict[str, set[int]] = {}
    out_of_range: dict[str, set[int]] = {}
    missing_items = []
    for code in instrument.item_codes:
        if code not in column_of:
            missing_items.append(code)
            data[code] = np.full(len(kept), np.nan)
            continue
        column, item_table = column_of[code], tables.get(domain_of[code], table)
        if len(columns_of[code]) > 1:
            options = _option_labels(export, columns_of[code])
            option_codes = {}
            for option_column in options:
                option_codes[option_column] = Codes.from_mapping(value_codes.get("*"), value_codes.get(option_column))
                _check_item_codes(option_codes[option_column], option_column, item_table)
            item = _read_options(kept, options, item_table, option_codes, problems)
        else:
            codes = Codes.from_mapping(value_codes.get("*"), value_codes.get(column))
            _check_item_codes(codes, column, item_table)
            item = _read_item(kept[column], column, item_table, codes, problems)
        data[code] = item.values
        for status in counts:
            counts[status] += item.counts.get(status, 0)
        observed[column], out_of_range[column] = item.numbers, item.out_of_range
        if item.proposals:
            proposals[str(column)] = item.proposals
    if missing_items:
        notes.append(
            f"The export has no column for {_plural(len(missing_items), 'item')} ({', '.join(missing_items)}); "
            "those answers are left empty in this wave."
        )
    _propose_recodes(observed, out_of_range, table, proposals, notes)
    _count_notes(counts, notes)
    _match_notes(matches, notes)
    comment_columns = [m["column"] for m in matches if m["kind"] == COMMENT]
    comments, redactions = _read_comments(export, kept, ids[keep], comment_columns, redact_terms, notes)

    responses = pd.DataFrame(data)
    return MappedWave(
        responses=responses,
        mapping=pd.DataFrame(matches, columns=list(MAPPING_COLUMNS)),
        problems=_sorted_problems(problems, list(frame.columns)),
        notes=notes,
        proposed_value_codes=proposals,
        comments=comments,
        redactions=redactions,
    )


# --- matching columns ------------------------------------------------------------------------------------------


def text_key(text: object) -> str:
    """Question text as compared: case, spacing, curly quotes, dashes and trailing punctuation ignored."""
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    text = re.sub(r"[\u2018\u2019\u02bc`\u00b4]", "'", text)
    text = re.sub(r"[\u201c\u201d]", '"', text)
    text = re.sub(r"[\u2010-\u2015]", "-", text)
    return " ".join(text.split()).strip(" .?!:;*\u2026")


def _variants(text: str) -> list[tuple[str, bool]]:
    """The texts a header may match on, each with whether it was cut short ("..."): the whole text, the
    statement of a grid column (after each " - ", or inside the last "[...]")."""
    raw = [text]
    bracket = re.search(r"\[([^\[\]]+)\]\s*$", text)
    if bracket:
        raw.append(bracket.group(1))
    parts = text.split(" - ")
    raw += [" - ".join(parts[i:]) for i in range(1, len(parts))]
    out = []
    for variant in raw:
        key = text_key(variant)
        if key:
            out.append((key, variant.rstrip().endswith(("...", "\u2026"))))
    return out


def _match_columns(
    export: Export, instrument: Instrument, analyst: dict, vocabulary: Mapping, notes: list[str]
) -> list[dict]:
    frame = export.responses
    targets = _analyst_targets(analyst, instrument, export)
    absent = [str(c) for c in analyst if c not in frame.columns]
    if absent:
        notes.append(f"The mapping names {_plural(len(absent), 'column')} this export lacks: {', '.join(absent)}.")
    item_keys = [(item.code, text_key(item.text)) for item in instrument.items]
    # Similarity only weighs items the analyst left open: an item the mapping placed is settled, and weighing
    # every other column against it costs minutes on a wide export (an exact code or text still shows for review).
    placed = {target for column, target in targets.items() if column in frame.columns}
    open_keys = [(code, key) for code, key in item_keys if code not in placed]
    matches = []
    for column in frame.columns:
        question = str(export.questions.get(column, "") or "")
        match = {"column": column, "question": question, "needs_review": False, "candidate": ""}
        if column in targets:
            target = targets[column]
            match.update(target=target, kind=_kind(target, instrument), method="analyst", confidence=1.0)
        else:
            match.update(_automatic(str(column), question, instrument, item_keys, open_keys))
        matches.append(match)
    _resolve_conflicts(matches)
    _match_by_values(matches, frame, vocabulary)
    _match_comments(matches, frame)
    return matches


def _kind(target: str, instrument: Instrument) -> str:
    if not target:
        return "ignored"
    if target == COMMENT:
        return COMMENT
    return "item" if target in instrument.item_codes else "attribute"


def _analyst_targets(analyst: dict, instrument: Instrument, export: Export) -> dict:
    """The analyst's column -> target, checked. Several columns may go to one item only when they are the option
    columns of one question (a SurveyMonkey question expanded into a column per answer, `Export.headers`)."""
    allowed = {code.casefold(): code for code in instrument.item_codes}
    allowed.update({a.casefold(): a for a in (*attrs.ATTRIBUTES, "response_id", COMMENT)})
    items = set(instrument.item_codes)
    targets, seen = {}, {}
    for column, target in analyst.items():
        target = "" if target is None else str(target).strip()
        if target and target.casefold() not in allowed:
            raise ValueError(f"The mapping sends column '{column}' to '{target}', which is no item or attribute.")
        target = allowed.get(target.casefold(), "")
        if target and target != COMMENT and target in seen:
            first = seen[target]
            if not (target in items and _one_question(export, first, column)):
                raise ValueError(f"The mapping sends both '{first}' and '{column}' to '{target}'; choose one.")
        seen.setdefault(target, column)
        targets[column] = target
    return targets


def _one_question(export: Export, *columns) -> bool:
    """Whether the columns are answer options of one question under a two-row header."""
    headers = [export.headers.get(column) for column in columns]
    return all(h is not None and h.label for h in headers) and len({h.first for h in headers}) == 1


def _automatic(
    column: str,
    question: str,
    instrument: Instrument,
    item_keys: list[tuple[str, str]],
    open_keys: list[tuple[str, str]] | None = None,
) -> dict:
    """The best automatic match of one column, in order of trust: code, attribute name, exact text, attribute
    question, similarity (to `open_keys`, the items no analyst mapping placed; all items when None)."""
    codes = {code.casefold(): code for code in instrument.item_codes}
    for header in (column, question):
        if header.strip().casefold() in codes:
            return _claim(codes[header.strip().casefold()], "item", "code", 1.0)
    attribute = max(
        (found for found in (attrs.header_attribute(column), attrs.header_attribute(question)) if found),
        key=lambda found: found[1],
        default=None,
    )
    if attribute and attribute[1] == 1.0:
        return _claim(attribute[0], "attribute", "synonym", 1.0)
    variants = _variants(question) + _variants(column)
    keys = {key for key, _ in variants}
    exact = [code for code, item_key in item_keys if item_key in keys]
    if len(exact) == 1:
        return _claim(exact[0], "item", "text", 1.0)
    if len(exact) > 1:
        return _review(exact[0], "text", 1.0)
    if attribute:
        return _claim(attribute[0], "attribute", "synonym", attribute[1])
    return _by_similarity(variants, item_keys if open_keys is None else open_keys)


_MATCHERS = threading.local()  # each thread's own matchers: a matcher is changed (set_seq1) as it is used


def _matcher(item_key: str) -> difflib.SequenceMatcher:
    """A matcher with an item's text as its second sequence, made once per thread: SequenceMatcher indexes its
    second sequence when it is set, and doing that again for every column of a wide export cost most of mapping
    it."""
    made = _MATCHERS.__dict__.setdefault("by_key", {})
    if item_key not in made:
        if len(made) > 4096:
            made.clear()
        made[item_key] = difflib.SequenceMatcher(None, "", item_key, autojunk=False)
    return made[item_key]


def _by_similarity(variants: list[tuple[str, bool]], item_keys: list[tuple[str, str]]) -> dict:
    scores = []
    for code, item_key in item_keys:
        best = 0.0
        for key, truncated in variants:
            if truncated and len(key) >= 20 and item_key.startswith(key):
                best = max(best, 0.95)  # Qualtrics cuts long text with "..."; a long enough prefix is strong
                continue
            if 2 * min(len(key), len(item_key)) < REVIEW_FLOOR * (len(key) + len(item_key)):
                continue  # real_quick_ratio, from the lengths alone: too far apart to reach the floor
            matcher = _matcher(item_key)
            matcher.set_seq1(key)
            if matcher.quick_ratio() >= REVIEW_FLOOR:
                best = max(best, matcher.ratio())
        scores.append((best, code))
    scores.sort(key=lambda pair: -pair[0])
    if not scores or scores[0][0] < REVIEW_FLOOR:
        return _claim("", "ignored", "none", 0.0)
    (best, code), runner_up = scores[0], scores[1][0] if len(scores) > 1 else 0.0
    confidence = round(best, 3)
    if best >= APPLY_AT and best - runner_up > TIE_MARGIN + 1e-9:
        return _claim(code, "item", "similarity", confidence)
    return _review(code, "similarity", confidence)


def _claim(target: str, kind: str, method: str, confidence: float) -> dict:
    return {"target": target, "kind": kind, "method": method, "confidence": confidence}


def _review(candidate: str, method: str, confidence: float) -> dict:
    return {**_claim("", "ignored", method, confidence), "needs_review": True, "candidate": candidate}


def _resolve_conflicts(matches: list[dict]) -> None:
    """Two columns claiming one target: an analyst's choice wins; otherwise neither is applied. (Any number of
    columns may hold comments.)"""
    claims: dict[str, list[dict]] = {}
    for match in matches:
        if match["kind"] not in ("ignored", COMMENT):
            claims.setdefault(match["target"], []).append(match)
    for target, claimants in claims.items():
        if len(claimants) > 1:
            for match in claimants:
                if match["method"] != "analyst":
                    match.update(_review(target, match["method"], match["confidence"]))


def _match_by_values(matches: list[dict], frame: pd.DataFrame, vocabulary: Mapping) -> None:
    """Unmatched text columns whose values are mostly role words or tenure bands become those attributes."""
    taken = {m["target"] for m in matches} | {m["candidate"] for m in matches}
    found: dict[str, list[dict]] = {}
    for match in matches:
        if match["kind"] != "ignored" or match["needs_review"] or match["method"] != "none":
            continue
        share = _value_shares(frame[match["column"]], vocabulary)
        for attribute, value in share.items():
            if attribute not in taken and value >= VALUES_SHARE:
                found.setdefault(attribute, []).append(match)
                match.update(_claim(attribute, "attribute", "values", round(value, 3)))
                break
    for attribute, claimants in found.items():
        if len(claimants) > 1:
            for match in claimants:
                match.update(_review(attribute, "values", match["confidence"]))


def _match_comments(matches: list[dict], frame: pd.DataFrame) -> None:
    """Columns still unmatched (no item, attribute or candidate) whose header or values say they hold open-ended
    answers become comment columns."""
    for match in matches:
        if match["kind"] != "ignored" or match["needs_review"] or match["method"] != "none":
            continue
        claim = cmt.comment_claim(str(match["column"]), match["question"], frame[match["column"]])
        if claim:
            match.update(_claim(COMMENT, COMMENT, *claim))


def _value_shares(column: pd.Series, vocabulary: Mapping) -> dict[str, float]:
    """Share of a column's non-blank text cells that are role words, and that are tenure labels (each needs at
    least two different values, so that a constant column is not taken for either)."""
    counts = column.value_counts(dropna=True)
    texts = [(value, int(n)) for value, n in counts.items() if not attrs.is_blank(value)]
    total = sum(n for _, n in texts)
    if not texts or any(not isinstance(value, str) for value, _ in texts):
        return {}
    roles = [(vocabulary.get(attrs.label_key(v)), n) for v, n in texts]
    bands = [(attrs.tenure_band(v) if attrs.as_number(v) is None else None, n) for v, n in texts]
    shares = {}
    for attribute, read in (("role_level", roles), ("tenure_band", bands)):
        known = [(value, n) for value, n in read if value]
        if len({value for value, _ in known}) >= 2:
            shares[attribute] = sum(n for _, n in known) / total
    return shares


# --- reading values --------------------------------------------------------------------------------------------


@dataclass
class _Item:
    values: np.ndarray
    counts: dict[str, int]
    numbers: set[int]
    out_of_range: set[int]
    proposals: dict


def _by_unique(column: pd.Series, read: Callable[[object], Reading]) -> tuple[np.ndarray, list, list[Reading]]:
    """Each distinct value read once; codes (-1 for blank) say which reading each row takes."""
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    uniques = list(uniques)
    return codes, uniques, [read(value) for value in uniques]


def _collect_problems(
    column: pd.Series, name, codes: np.ndarray, uniques: list, readings: list[Reading], problems: list
) -> None:
    bad = [k for k, reading in enumerate(readings) if reading.status == "problem"]
    if not bad:
        return
    positions = np.flatnonzero(np.isin(codes, bad))
    texts = np.array([value_text(v) for v in uniques], dtype=object)
    messages = np.array([r.problem for r in readings], dtype=object)
    chosen = codes[positions]
    problems.append(_problem_frame(column.index[positions], name, texts[chosen], messages[chosen]))


def _read_item(column: pd.Series, name, table: AnswerTable, confirmed: Codes, problems: list) -> _Item:
    codes, uniques, readings = _by_unique(column, lambda raw: read_answer(raw, table, confirmed))
    for position, reading in rung_collisions(uniques, readings, table).items():
        readings[position] = reading
    _collect_problems(column, name, codes, uniques, readings, problems)
    lookup = np.array(
        [float(r.value) if r.status in ("value", "confirmed") and r.value is not None else np.nan for r in readings]
        + [np.nan]
    )
    cells = np.bincount(codes[codes >= 0], minlength=len(readings))
    counts: dict[str, int] = {}
    for reading, n in zip(readings, cells, strict=True):
        counts[reading.status] = counts.get(reading.status, 0) + int(n)
    numbers = {int(r.value) for r in readings if r.status == "value" and r.rung == "" and r.value is not None}
    out = {int(r.number) for r in readings if r.status == "problem" and r.number is not None}
    proposals = {str(u).strip(): r.proposal for u, r in zip(uniques, readings, strict=True) if r.proposes}
    return _Item(lookup[codes], counts, numbers, out, proposals)


def filled_cells(column: pd.Series) -> np.ndarray:
    """Which cells hold an answer (not null, and not text that is only spaces), in one pass over the column."""
    present = column.notna().to_numpy(dtype=bool, copy=True)
    if pd.api.types.is_numeric_dtype(column.dtype) or not present.any():
        return present
    text = column[present].astype("str").str.strip().str.len().to_numpy() > 0
    present[np.flatnonzero(present)] = text
    return present


def _option_labels(export: Export, columns: list) -> dict:
    """Each option column of one item with the answer it stands for: its answer label, less the grid row that all
    the item's labels share ("Leaders listen - Agree" -> "Agree"; a question's own options stay whole)."""
    labels = {column: export.headers[column].label for column in columns}
    shared = _common_prefix(list(labels.values()))
    cut = shared.rfind(" - ")
    row = shared[: cut + 3] if cut >= 0 else ""
    return {column: label[len(row) :].strip() or label for column, label in labels.items()}


def _common_prefix(texts: list[str]) -> str:
    first, last = min(texts), max(texts)
    size = 0
    while size < min(len(first), len(last)) and first[size] == last[size]:
        size += 1
    return first[:size]


def _read_options(
    frame: pd.DataFrame, options: dict, table: AnswerTable, codes: dict[object, Codes], problems: list
) -> _Item:
    """One item answered in one column per option: a row's answer is the option of the one column it filled (the
    cell holds the option's text or its number, which the header tells apart); a row that filled two or more is a
    problem, left blank."""
    columns = list(options)
    filled = np.column_stack([filled_cells(frame[column]) for column in columns])
    chosen = filled.sum(axis=1)
    readings = [read_answer(options[column], table, codes[column]) for column in columns]
    for position, reading in rung_collisions([options[c] for c in columns], readings, table).items():
        readings[position] = reading
    values = np.full(len(frame), np.nan)
    counts: dict[str, int] = {}
    for k, (column, reading) in enumerate(zip(columns, readings, strict=True)):
        rows = filled[:, k] & (chosen == 1)
        n = int(rows.sum())
        if not n:
            continue
        counts[reading.status] = counts.get(reading.status, 0) + n
        if reading.status in ("value", "confirmed") and reading.value is not None:
            values[rows] = float(reading.value)
        elif reading.status == "problem":
            problems.append(_problem_frame(frame.index[rows], column, [options[column]] * n, reading.problem))
    several = np.flatnonzero(chosen > 1)
    if len(several):
        first = [columns[int(np.argmax(filled[r]))] for r in several]
        picked = [" / ".join(options[c] for c, f in zip(columns, filled[r], strict=True) if f) for r in several]
        messages = [f"This row chose more than one answer ({p}) to one question, so it was left blank." for p in picked]
        for column in dict.fromkeys(first):
            rows = [i for i, c in enumerate(first) if c == column]
            problems.append(
                _problem_frame(
                    frame.index[several[rows]], column, [picked[i] for i in rows], [messages[i] for i in rows]
                )
            )
    return _Item(values, counts, set(), set(), {})


def _check_item_codes(codes: Codes, column, table: AnswerTable) -> None:
    for value in codes.values():
        if value is not None and not (
            attrs.as_number(value) is not None and float(value).is_integer() and table.lo <= float(value) <= table.hi
        ):
            raise ValueError(
                f"The value codes for column '{column}' give {value!r}, which is not a point of the "
                f"{table.span} scale; use a whole number from {table.lo} to {table.hi}, or nothing for missing."
            )


def _attribute_reader(attribute: str, column, vocabulary: Mapping, value_codes: Mapping | None) -> Callable:
    codes = {attrs.codes_key(k): (None if attrs.is_blank(v) else str(v)) for k, v in (value_codes or {}).items()}
    allowed = {"role_level": attrs.ROLE_LEVELS, "tenure_band": attrs.TENURE_BANDS}.get(attribute)
    for value in codes.values():
        if allowed and value is not None and value not in allowed:
            raise ValueError(
                f"The value codes for column '{column}' give '{value}'; {attribute} must be one of "
                f"{', '.join(allowed)}, or nothing for missing."
            )
    if attribute == "role_level":
        return lambda raw: attrs.read_role(raw, vocabulary, codes)
    if attribute == "tenure_band":
        return lambda raw: attrs.read_tenure(raw, codes)
    return lambda raw: attrs.read_text(raw, codes)


def _read_attribute(column: pd.Series, name, read: Callable, problems: list) -> tuple[np.ndarray, np.ndarray]:
    """An attribute column as text (None = missing) and which rows were blank in the file."""
    codes, uniques, readings = _by_unique(column, read)
    _collect_problems(column, name, codes, uniques, readings, problems)
    lookup = np.array(
        [r.value if r.status in ("value", "confirmed") else None for r in readings] + [None], dtype=object
    )
    blank = np.array([r.status == "blank" for r in readings] + [True])
    return lookup[codes], blank[codes]


def _response_ids(frame: pd.DataFrame, column, problems: list, notes: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Each row's id (the id column's text, or "row-<file row>"), and which rows to keep (the first of each id)."""

    def generated() -> np.ndarray:
        return np.array([f"row-{row}" for row in frame.index], dtype=object)

    if column is None:
        ids = generated()
        if len(frame):
            notes.append('The export has no response id column, so each row was given the id "row-<file row>".')
    else:
        ids = attrs.text_values(frame[column])
        blank = pd.isna(ids)
        if blank.any():
            ids[blank] = generated()[blank]
            notes.append(
                f"{_plural(int(blank.sum()), 'row')} had no response id, so {_verb(int(blank.sum()))} given "
                'the id "row-<file row>".'
            )
    duplicated = pd.Series(ids).duplicated(keep="first").to_numpy()
    if duplicated.any():
        first = pd.Series(frame.index, index=ids).groupby(level=0).first()
        dup_ids = ids[duplicated]
        messages = [
            f"The response id '{i}' already appears on row {first[i]}, so this row was dropped." for i in dup_ids
        ]
        problems.append(_problem_frame(frame.index[duplicated], column or "", dup_ids, messages))
        notes.append(
            f"{_plural(int(duplicated.sum()), 'row')} repeated an earlier response id and "
            f"{'was' if duplicated.sum() == 1 else 'were'} dropped (the first row of each id is kept)."
        )
    return ids, ~duplicated


def _read_comments(
    export: Export, kept: pd.DataFrame, ids: np.ndarray, columns: list, terms: Sequence[str], notes: list[str]
) -> tuple[pd.DataFrame, dict[str, int]]:
    """The comments of the kept rows, redacted, by file row then column order; notes count them (never quote)."""
    if not columns:
        return empty_comments(), {}
    questions = {column: str(export.questions.get(column, "") or "").strip() or str(column) for column in columns}
    shared = pd.Series(questions).duplicated(keep=False)
    questions = {c: f"{q} ({c})" if shared[c] else q for c, q in questions.items()}
    parts, skipped = [], 0
    for order, column in enumerate(columns):
        values = kept[column]
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        texts = np.array([cmt.comment_text(value) for value in uniques] + [None], dtype=object)
        cells = texts[codes]
        present = codes >= 0
        answered = np.array([text is not None for text in cells], dtype=bool)
        skipped += int((present & ~answered).sum())
        rows = np.flatnonzero(answered)
        parts.append(
            pd.DataFrame({"position": rows, "order": order, "response_id": ids[rows], "text": cells[rows]}).assign(
                question=questions[column]
            )
        )
    table = pd.concat(parts, ignore_index=True).sort_values(["position", "order"], kind="stable")
    redacted, counts = cmt.Redactor(terms).redact_all(table["text"])
    comments = pd.DataFrame(
        {
            "response_id": pd.Series(table["response_id"].to_numpy(), dtype="str"),
            "question": pd.Series(table["question"].to_numpy(), dtype="str"),
            "text": pd.Series(redacted.to_numpy(), dtype="str"),
        }
    )
    notes.append(
        f"{_plural(len(comments), 'comment')} {'was' if len(comments) == 1 else 'were'} kept from "
        f"{_plural(len(columns), 'comment column')}."
    )
    if skipped:
        answers = _plural(skipped, "blank or 'n/a' answer")
        verb, what = ("was", "a comment") if skipped == 1 else ("were", "comments")
        notes.append(f"{answers} {verb} not kept as {what}.")
    note = cmt.redaction_note(counts)
    if note:
        notes.append(note)
    return comments, counts


def _report_blank(rows: pd.Index, column, attribute: str, problems: list) -> None:
    if len(rows):
        problems.append(
            _problem_frame(rows, column, [""] * len(rows), f"The required attribute '{attribute}' is blank.")
        )


# --- notes and tables ------------------------------------------------------------------------------------------


def _propose_recodes(observed: dict, out_of_range: dict, table: AnswerTable, proposals: dict, notes: list[str]) -> None:
    """Numbers outside the scale are never guessed. When every item column's numbers fit one block as long as
    the scale that starts outside it (10-13 for 1-4, 0-4 for 1-5), propose reading that block as the scale;
    otherwise (1-5 and a 6) propose the outside numbers as missing. Either way an analyst confirms it through
    `value_codes`."""
    if not any(out_of_range.values()):
        return
    seen = set().union(*observed.values(), *out_of_range.values())
    low, high = min(seen), max(seen)
    if high - low + 1 <= table.size and (low < table.lo or low > table.hi):
        proposals["*"] = {low + k: table.lo + k for k in range(table.size)}
        notes.append(
            f"Answers are numbered {low}-{high}, outside the {table.span} scale: they look like codes "
            f"{low}-{low + table.size - 1} for {table.span}. Confirm the proposed recode to use them."
        )
        return
    for column, numbers in out_of_range.items():
        if numbers:
            proposals.setdefault(str(column), {}).update({n: None for n in sorted(numbers)})
    notes.append(
        f"Some answers are numbers outside the {table.span} scale; they were left blank. The proposal reads them "
        "as missing: confirm it, or give their values."
    )


def _count_notes(counts: dict[str, int], notes: list[str]) -> None:
    if counts["dont_know"]:
        notes.append(
            f'{_plural(counts["dont_know"], "answer")} of "don\'t know", "not applicable" or "prefer not to '
            'answer" counted as missing.'
        )
    if counts["vendor_code"]:
        notes.append(
            f"{_plural(counts['vendor_code'], 'answer')} with a negative code (such as -1 or -99, a survey tool's "
            "code for a non-answer) counted as missing."
        )
    if counts["confirmed"]:
        notes.append(f"{_plural(counts['confirmed'], 'answer')} read with the confirmed value codes.")


def _match_notes(matches: list[dict], notes: list[str]) -> None:
    review = [m for m in matches if m["needs_review"]]
    if review:
        shown = "; ".join(f"'{m['column']}' (closest: {m['candidate']}, {m['confidence']:.2f})" for m in review[:5])
        more = f" and {len(review) - 5} more" if len(review) > 5 else ""
        verb = "needs" if len(review) == 1 else "need"
        notes.append(f"{_plural(len(review), 'column')} {verb} review before use: {shown}{more}.")
    unused = [str(m["column"]) for m in matches if m["kind"] == "ignored" and not m["needs_review"]]
    if unused:
        more = ", ..." if len(unused) > 5 else ""
        notes.append(f"{_plural(len(unused), 'column')} not used ({', '.join(unused[:5])}{more}).")


def _problem_frame(rows, column, values, problem) -> pd.DataFrame:
    rows = pd.array(list(rows), dtype="Int64")
    return pd.DataFrame(
        {
            "row": rows,
            "column": pd.Series([str(column)] * len(rows), dtype=object),
            "value": pd.Series([str(v) for v in values], dtype=object),
            "problem": pd.Series(
                problem if isinstance(problem, list | np.ndarray) else [problem] * len(rows), dtype=object
            ),
        }
    )


def _sorted_problems(problems: list[pd.DataFrame], columns: list) -> pd.DataFrame:
    """By file row (problems of the whole wave first), then in the export's column order."""
    if not problems:
        return _problem_frame([], "", [], [])
    table = pd.concat(problems, ignore_index=True)
    position = {str(c): i for i, c in enumerate(columns)}
    order = table["column"].map(lambda c: position.get(c, -1))
    keys = pd.DataFrame({"row": table["row"].fillna(-1).astype("int64"), "order": order})
    return table.loc[keys.sort_values(["row", "order"], kind="stable").index].reset_index(drop=True)


def _constant(value: str | None, length: int) -> pd.Series:
    return pd.Series([value] * length, dtype="str")


def _verb(n: int) -> str:
    return "it was" if n == 1 else "they were"


def _plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")
