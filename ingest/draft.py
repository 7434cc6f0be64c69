"""`draft_instrument`: the instrument an agency's own survey implies, proposed from its export.

Why: an agency that ran its own survey has no instrument file, and writing one by hand (codes, domains, the scale,
the wording of every point) is where mistakes creep in. The export already says most of it: which questions are
ratings (their answers read as an ordered scale of 4 to 7 points), how the survey grouped them (a matrix, a grid, a
Qualtrics question), and the words of each point. The draft takes that, keeps the export's own ids and wording where
it can, and says in plain sentences everything it assumed, so that an analyst checks a proposal instead of typing
a file. Attribute, metadata, comment, multi-select and personal-data columns never become items (the same
detection `map_export` uses). The draft maps back exactly: `map_export(export, draft.instrument,
mapping=draft.mapping)` reads every drafted column to its item. Nothing here does I/O or mutates the Export.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ingest import attributes as attrs
from ingest import comments as cmt
from ingest._layouts import GRID_COLUMN
from ingest._personal import is_personal
from ingest._scales import ScaleRead, Unreadable, read_scale
from ingest.export import Export, ExportError
from ingest.labels import is_blank, label_key
from ingest.mapping import COMMENT, filled_cells
from metrics.instrument import Domain, Instrument, Item, Scale, default_favorable

DEFAULT_NAME = "Draft instrument"
RESERVED = frozenset(code.casefold() for code in ("response_id", "wave", *attrs.ATTRIBUTES, COMMENT))
SAFE_CODE = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,31}")
# A plain workbook's ids grouped by their letters (VIS1, VIS2 -> VIS), unless the letters only say "question".
PREFIXED = re.compile(r"(?P<group>[A-Za-z][A-Za-z0-9]*?)[_.]?(?P<number>\d+)")
GENERIC_PREFIXES = frozenset({"q", "qn", "question", "item", "i", "v", "var", "x", "col", "column", "s"})
QUALTRICS_ROW = re.compile(r"(?P<group>.+)_(?P<number>\d+)")
INSTRUCTION = re.compile(r"\s*\((?:select|choose|check|mark|tick|please|one|pick)[^()]*\)\s*$", re.IGNORECASE)
NAME_LENGTH = 80
QUIZ_SCORES = frozenset({"score", "totalscore", "totalpoints", "points", "sc0"})
SINGLE_LABELS = ("", "response")


@dataclass(frozen=True)
class InstrumentDraft:
    """An instrument proposed from an export.

    - `instrument`: items are the export's rating questions, domains its question groups, one scale of 4 to 7
      points (most negative first), favourable = the top two points (the top one on a 4-point scale).
    - `columns`: export column id -> item code, for every column that became (part of) an item; the option columns
      of a question that the file spreads over one column per answer all go to their item's code.
    - `notes`: plain sentences saying what was assumed or left out, for the analyst to check.
    """

    instrument: Instrument
    columns: dict[str, str]
    notes: list[str] = field(default_factory=list)

    @property
    def mapping(self) -> dict[str, str]:
        """The draft's columns as `map_export`'s `mapping` argument (column -> item code)."""
        return dict(self.columns)


@dataclass
class _Unit:
    """One item to be: one column, or the option columns of one question (or grid row) spread over a column per
    answer (`options`: column -> the answer it stands for)."""

    columns: list[str]
    text: str
    options: dict[str, str] = field(default_factory=dict)
    own: str = ""  # the export's own id for the item, when it has one
    row: int = 0  # 1-based row within its grid
    answers: Counter = field(default_factory=Counter)
    several: bool = False  # some row chose more than one option


@dataclass
class _Group:
    """A question as the export groups it: a grid (a matrix, a Qualtrics question) or a single question."""

    text: str
    units: list[_Unit]
    grid: bool
    own: str = ""  # the export's own id for the group (Qualtrics Q5, a workbook prefix VIS)
    number: int = 0
    code: str = ""
    read: ScaleRead | None = None
    size: int = 0


def draft_instrument(export: Export, name: str | None = None) -> InstrumentDraft:
    """The instrument an export implies (see the module docstring and docs/instruments.md, "Drafting an instrument
    from an export").

    Raises ExportError, with a plain sentence, when the export holds no rating question: an instrument needs at
    least one item.
    """
    groups = _groups(export)
    left: list[str] = []
    for group in groups:
        _read_group(export, group, left)
    groups = [group for group in groups if group.read is not None]
    if export.format == "plain":
        groups = _prefix_groups(groups)
    runs: set[str] = set()
    later: list[str] = []
    if export.format == "ms-forms":
        groups = _likert_runs(export, groups, runs, later)
    if not groups:
        raise ExportError(_no_ratings(export, left))
    _number(export, groups, runs)
    size = _common_size(groups)
    kept = [group for group in groups if group.size == size]
    off = [group for group in groups if group.size != size]
    made = _codes(kept)
    scale_labels = _scale_wording(kept, size)
    favorable = (size,) if size == 4 else (size - 1, size)
    scale = Scale(1, size, scale_labels, favorable)
    domains, items, columns = [], [], {}
    scale_keys = tuple(label_key(label) for label in scale_labels)
    names = _unique_names(kept)
    for group in kept:
        own = group.read.labels[size]
        labels = own if tuple(label_key(label) for label in own) != scale_keys else ()
        domains.append(Domain(group.code, names[group.code], _domain_name(group)[1], labels))
        for unit in group.units:
            items.append(Item(unit.own, group.code, _row_text(unit.text, group) if group.grid else unit.text))
            for column in unit.columns:
                columns[column] = unit.own
    title = name or export.title or _file_stem(export.filename) or DEFAULT_NAME
    instrument = Instrument(title, scale, tuple(domains), tuple(items))
    notes = _notes(export, instrument, kept, off, left, name, made) + later
    return InstrumentDraft(instrument, columns, notes)


# --- which columns are questions, and how the export groups them ------------------------------------------------


def _skipped(export: Export, column: str) -> bool:
    """A column that is never an item whatever its values: metadata (ids, dates, status, duration, language,
    display order), personal data, an "other, please specify" text, an open-ended comment box, or an attribute
    its header names (agency, unit, role, tenure ...; for a question spread over a column per answer, the question
    over it names it)."""
    question = str(export.questions.get(column, "") or "")
    if _metadata(export, column) or cmt.header_evidence(str(column), question) == "open-ended":
        return True
    texts = [str(column), question]
    header = export.headers.get(column)
    if header is not None:
        texts.append(header.question)
    return any(attrs.header_attribute(text) for text in texts if text)


def _groups(export: Export) -> list[_Group]:
    if export.headers:
        return _two_row_groups(export)
    if export.format in ("qualtrics", "qualtrics-legacy"):
        return _tagged_groups(export)
    return _one_row_groups(export)


def _two_row_groups(export: Export) -> list[_Group]:
    """SurveyMonkey: a question over its columns. One "Response" column is a question on its own; a question whose
    columns each hold one answer's text (or its number) is spread over a column per answer (expanded), a grid's
    rows as "Row - Answer"; otherwise each column is a grid row holding the answer chosen."""
    frame, groups = export.responses, []
    by_first: dict[str, list[str]] = {}
    for column in frame.columns:
        by_first.setdefault(export.headers[column].first, []).append(column)
    for columns in by_first.values():
        head = export.headers[columns[0]]
        if not head.label and len(columns) == 1:
            continue  # metadata over no answer label: Respondent ID, Start Date ...
        group = _Group(head.question, [], grid=False)
        groups.append(group)
        columns = [c for c in columns if not _skipped(export, c)]
        if not columns:
            continue
        labels = [export.headers[c].label for c in columns]
        if len(columns) == 1 and labels[0].casefold() in SINGLE_LABELS:
            group.units.append(_Unit(columns, head.question))
            continue
        blocks = _option_blocks(frame, columns, labels)
        if blocks is None:
            group.grid = True
            group.units = [_Unit([c], export.questions.get(c, c), row=r) for r, c in enumerate(columns, start=1)]
        elif len(blocks) == 1 and not blocks[0][0]:
            group.units.append(_Unit(list(blocks[0][1]), head.question, options=blocks[0][1]))
        else:
            group.grid = True
            for r, (row, options) in enumerate(blocks, start=1):
                group.units.append(_Unit(list(options), f"{head.question} - {row}", options=options, row=r))
    return groups


def _option_blocks(frame: pd.DataFrame, columns: list[str], labels: list[str]) -> list[tuple[str, dict]] | None:
    """A question spread over one column per answer, as (grid row, {column: answer}) blocks: a grid expanded as
    "Row - Answer" repeats the same answers for every row; a single question's columns are its answers. None when
    the columns hold answers chosen instead (a grid's rows, condensed)."""
    n = len(columns)
    for width in range(2, n + 1):
        if n % width:
            continue
        blocks, answers = [], None
        for start in range(0, n, width):
            part = labels[start : start + width]
            shared = _common_prefix(part)
            cut = shared.rfind(" - ")
            if cut < 0:
                break
            options = [label[cut + 3 :].strip() for label in part]
            keys = [label_key(option) for option in options]
            if answers is None:
                answers = keys
            if keys != answers or not all(keys):
                break
            blocks.append((shared[:cut].strip(), dict(zip(columns[start : start + width], options, strict=True))))
        else:
            if all(_option_like(frame[c], option) for _, block in blocks for c, option in block.items()):
                return blocks
    if n >= 2 and all(_option_like(frame[c], label) for c, label in zip(columns, labels, strict=True)):
        return [("", dict(zip(columns, labels, strict=True)))]
    return None


def _option_like(values: pd.Series, option: str) -> bool:
    """Every answer in the column is its option's own text, or a number (the option's code)."""
    key = label_key(option)
    for value in values.dropna().unique():
        if is_blank(value):
            continue
        if attrs.as_number(value) is None and label_key(value) != key:
            return False
    return True


def _tagged_groups(export: Export) -> list[_Group]:
    """Qualtrics: export tags; a matrix's rows are tagged Q5_1, Q5_2 ... under the question Q5."""
    groups: dict[str, _Group] = {}
    for column in export.responses.columns:
        if _skipped(export, column):
            continue
        text = str(export.questions.get(column, "") or column)
        match = QUALTRICS_ROW.fullmatch(str(column))
        key = match["group"] if match else str(column)
        group = groups.setdefault(key, _Group("", [], grid=bool(match), own=key))
        group.units.append(_Unit([column], text, own=str(column), row=len(group.units) + 1))
    for group in groups.values():
        group.text = _shared_text([unit.text for unit in group.units]) if group.grid else group.units[0].text
    return list(groups.values())


def _one_row_groups(export: Export) -> list[_Group]:
    """Google Forms, Microsoft Forms, a plain workbook: one header cell a column. A grid's rows read
    "Question [Row]"; a workbook's code-like ids group by their letters (VIS1, VIS2 -> VIS)."""
    groups: list[_Group] = []
    previous = None
    for column in export.responses.columns:
        header = str(column)
        if _metadata(export, column):
            previous = None
            continue
        grid = GRID_COLUMN.match(header)
        question = " ".join(grid["question"].split()) if grid else None
        if grid and previous is not None and previous.grid and previous.text == question:
            group = previous
        else:
            group = _Group(question or str(export.questions.get(column, "") or header), [], grid=bool(grid))
            groups.append(group)
        previous = group
        if _skipped(export, column):
            continue
        text = str(export.questions.get(column, "") or header)
        own = header if SAFE_CODE.fullmatch(header) else ""
        group.units.append(_Unit([column], text, own=own, row=len(group.units) + 1))
    return groups


def _metadata(export: Export, column: str) -> bool:
    """A column that is no question at all (not counted when questions are numbered): a survey tool's metadata
    (ingest.comments.never_comment: dates, status, duration, language ..., an "other, please specify" text, Text
    iQ, a quiz's points), the response id, personal data, a display order, a quiz score."""
    question = str(export.questions.get(column, "") or "")
    if cmt.never_comment(str(column), question) or is_personal(str(column), question):
        return True
    if re.sub(r"[^0-9a-z]", "", str(column).casefold()) in QUIZ_SCORES:
        return True
    found = attrs.header_attribute(str(column)) or attrs.header_attribute(question)
    return bool(found and found[0] == "response_id") or str(column).upper().endswith("_DO")


def _prefix_groups(groups: list[_Group]) -> list[_Group]:
    """A plain workbook's single questions whose ids share letters (VIS1, VIS2) become one group each."""
    by_prefix: dict[str, list[_Group]] = {}
    for group in groups:
        if group.grid or len(group.units) != 1 or not group.units[0].own:
            continue
        match = PREFIXED.fullmatch(group.units[0].own)
        if match and match["group"].casefold() not in GENERIC_PREFIXES:
            by_prefix.setdefault(match["group"], []).append(group)
    merged: dict[int, _Group] = {}
    for prefix, members in by_prefix.items():
        if len(members) < 2:
            continue
        units = [unit for member in members for unit in member.units]
        read = read_scale(sum((unit.answers for unit in units), Counter()))
        if not isinstance(read, ScaleRead):
            continue
        for r, unit in enumerate(units, start=1):
            unit.row = r
        whole = _Group(prefix, units, grid=True, own=prefix, read=read)
        for member in members:
            merged[id(member)] = whole
    out, seen = [], set()
    for group in groups:
        group = merged.get(id(group), group)
        if id(group) not in seen:
            seen.add(id(group))
            out.append(group)
    return out


# --- reading each group's scale ---------------------------------------------------------------------------------


def _read_group(export: Export, group: _Group, left: list[str]) -> None:
    """The group's scale from its units' answers (or listed options); units whose answers read on no scale of the
    group's are left out with a note, and a group of no rating question is dropped (its `read` stays None)."""
    frame = export.responses
    for unit in group.units:
        if unit.options:
            filled = np.column_stack([filled_cells(frame[c]) for c in unit.columns])
            unit.several = bool(len(frame)) and bool((filled.sum(axis=1) > 1).any())
            unit.answers = Counter({option: 1 for option in unit.options.values()})
        else:
            values = frame[unit.columns[0]].dropna()
            unit.answers = Counter({value: int(n) for value, n in values.value_counts().items() if not is_blank(value)})
    if not group.units:
        return
    listed = all(unit.options for unit in group.units)
    read = read_scale(sum((unit.answers for unit in group.units), Counter()), listed=listed)
    if isinstance(read, Unreadable) and group.grid and not listed:
        fits = [unit for unit in group.units if isinstance(read_scale(unit.answers), ScaleRead) or not unit.answers]
        if fits and any(unit.answers for unit in fits):
            again = read_scale(sum((unit.answers for unit in fits), Counter()))
            if isinstance(again, ScaleRead):
                for unit in group.units:
                    if unit not in fits:
                        reason = read_scale(unit.answers)
                        why = reason.reason if isinstance(reason, Unreadable) else "its answers read on no scale"
                        left.append(f"'{_short(unit.text)}' was not drafted: {why}.")
                group.units, read = fits, again
    if isinstance(read, Unreadable):
        left.append(f"'{_short(group.text)}' was not drafted: {read.reason}.")
        return
    if read is None:
        return
    if any(unit.several for unit in group.units):
        left.append(f"'{_short(group.text)}' was not drafted: some rows chose more than one of its answers.")
        return
    group.read = read


def _likert_runs(export: Export, groups: list[_Group], runs: set[str], notes: list[str]) -> list[_Group]:
    """Microsoft Forms keeps no Likert question's title, only its statements, one column each: neighbouring rating
    statements of one answer family are taken for one Likert question. `runs` gets the columns that continue a run
    (so that question numbers count a run once)."""
    position = {column: j for j, column in enumerate(export.responses.columns)}
    out: list[_Group] = []
    merged = 0
    for group in groups:
        last = out[-1] if out else None
        if (
            last is not None
            and position[group.units[0].columns[0]] == position[last.units[-1].columns[-1]] + 1
            and last.read.family == group.read.family
        ):
            union = read_scale(sum((unit.answers for unit in [*last.units, *group.units]), Counter()))
            if isinstance(union, ScaleRead):
                if not last.grid:
                    last.grid = True
                    merged += 1
                last.units += group.units
                last.text = "; ".join(unit.text for unit in last.units)
                last.read = union
                runs.update(group.units[0].columns)
                continue
        out.append(group)
    for group in out:
        for r, unit in enumerate(group.units, start=1):
            unit.row = r
    if merged:
        notes.append(
            "Microsoft Forms exports keep no Likert question's title: neighbouring statements rated on the same kind "
            "of answers were taken for one Likert question (one domain, named by its statements); rename those "
            "domains, and regroup them if that is wrong."
        )
    return out


def _number(export: Export, groups: list[_Group], runs: set[str]) -> None:
    """Question numbers in the export's order, counting every question (rated or not), for codes such as Q7_2."""
    if export.format in ("qualtrics", "qualtrics-legacy"):
        return
    order = _question_order(export, runs)
    for group in groups:
        group.number = order.get(group.units[0].columns[0], 0)


def _question_order(export: Export, runs: set[str]) -> dict[str, int]:
    """Each column's question number: SurveyMonkey counts its questions (metadata aside); one-row layouts count
    their columns, a grid's rows (and a Microsoft Forms Likert run, whose later columns are `runs`) once."""
    numbers: dict[str, int] = {}
    number = 0
    if export.headers:
        seen: dict[str, int] = {}
        for column in export.responses.columns:
            header = export.headers[column]
            if header.first not in seen:
                if not header.label and header.first == column:
                    numbers[column] = 0
                    continue
                number += 1
                seen[header.first] = number
            numbers[column] = seen[header.first]
        return numbers
    previous = None
    for column in export.responses.columns:
        if _metadata(export, column):
            previous = None
            continue
        grid = GRID_COLUMN.match(str(column))
        question = " ".join(grid["question"].split()) if grid else None
        if not (question and question == previous) and column not in runs:
            number += 1
        numbers[column] = number
        previous = question
    return numbers


def _common_size(groups: list[_Group]) -> int:
    """The number of points most rating questions have (by items; a tie goes to the question first in the file);
    each question then takes it when its answers fit it, else the number of points its answers say."""
    weight: Counter = Counter()
    first: dict[int, int] = {}
    for position, group in enumerate(groups):
        preferred = group.read.sizes[0]
        weight[preferred] += len(group.units)
        first.setdefault(preferred, position)
    size = max(weight, key=lambda s: (weight[s], -first[s]))
    for group in groups:
        group.size = size if size in group.read.sizes else group.read.sizes[0]
    return size


def _scale_wording(groups: list[_Group], size: int) -> tuple[str, ...]:
    """The labels most items are worded with (a tie goes to the question first in the file)."""
    weight: Counter = Counter()
    shown: dict[tuple, tuple[str, ...]] = {}
    first: dict[tuple, int] = {}
    for position, group in enumerate(groups):
        labels = group.read.labels[size]
        key = tuple(label_key(label) for label in labels)
        weight[key] += len(group.units)
        shown.setdefault(key, labels)
        first.setdefault(key, position)
    best = max(weight, key=lambda key: (weight[key], -first[key]))
    return shown[best]


# --- codes and names --------------------------------------------------------------------------------------------


def _codes(groups: list[_Group]) -> list[str]:
    """Item codes: the export's own id where it is already safe (Qualtrics Q5_1, a workbook's VIS1), otherwise
    from question numbers (Q7 for question 7, Q7_2 for its second grid row); unique ignoring case, never a column
    of the canonical table (response_id, wave, agency ...). Domain codes likewise: the group's own id (Q5, VIS) or
    its question number; a question of its own shares its item's code. Returns the item codes made from question
    numbers."""
    made: list[str] = []
    taken_items: set[str] = set()
    taken_domains: set[str] = set()
    for group in groups:
        for unit in group.units:
            safe = _safe(unit.own)
            if safe and safe.casefold() not in taken_items:
                unit.own = safe
                taken_items.add(safe.casefold())
            else:
                unit.own = ""
    for group in groups:
        for unit in group.units:
            if not unit.own:
                base = f"Q{group.number}_{unit.row}" if group.grid else f"Q{group.number}"
                unit.own = _unique(_sanitised(base), taken_items)
                made.append(unit.own)
        if group.grid:
            base = _safe(group.own) or f"Q{group.number}"
        else:
            base = group.units[0].own
        group.code = _unique(_sanitised(base), taken_domains)
    return made


def _safe(code: str) -> str:
    return code if code and SAFE_CODE.fullmatch(code) and code.casefold() not in RESERVED else ""


def _sanitised(text: str) -> str:
    code = re.sub(r"[^A-Za-z0-9_]+", "_", text).strip("_")[:32] or "Q"
    if not code[0].isalpha():
        code = f"Q{code}"[:32]
    return f"{code}_item" if code.casefold() in RESERVED else code


def _unique(code: str, taken: set[str]) -> str:
    candidate, k = code, 2
    while candidate.casefold() in taken:
        candidate, k = f"{code}_{k}", k + 1
    taken.add(candidate.casefold())
    return candidate


def _shared_text(texts: list[str]) -> str:
    """A grid's question from its rows' texts ("question - statement"): what they share, up to the last " - "
    (or "-", as the legacy Qualtrics exporter writes it)."""
    if len(texts) == 1:
        cut = texts[0].rfind(" - ")
        return texts[0][:cut].strip() if cut > 0 else texts[0]
    shared = _common_prefix(texts)
    for separator in (" - ", "-"):
        cut = shared.rfind(separator)
        if cut > 0:
            return shared[:cut].strip()
    return shared.strip() or texts[0]


def _common_prefix(texts: list[str]) -> str:
    first, last = min(texts), max(texts)
    size = 0
    while size < min(len(first), len(last)) and first[size] == last[size]:
        size += 1
    return first[:size]


def _domain_name(group: _Group) -> tuple[str, str]:
    """The group's question, shortened for a name (instructions such as "(select one)" dropped, at most
    NAME_LENGTH characters), and in full as the description."""
    text = group.text if group.grid else group.units[0].text
    full = " ".join(str(text).split())
    return _short(INSTRUCTION.sub("", full) or full), full


def _unique_names(groups: list[_Group]) -> dict[str, str]:
    """Each group's domain name; names that would repeat (questions cut to the same words) end with their code,
    since two domains of one name would read alike on every chart."""
    names = {group.code: _domain_name(group)[0] for group in groups}
    repeated = {name for name in names.values() if list(names.values()).count(name) > 1}
    return {code: f"{name} ({code})" if name in repeated else name for code, name in names.items()}


def _row_text(text: str, group: _Group) -> str:
    """A grid row's own statement: the row's text without the question over the grid ("How much do you agree? -
    Our goals are clear" -> "Our goals are clear"), which the domain keeps as its description."""
    question = " ".join(str(group.text).split())
    full = " ".join(str(text).split())
    if question and full.startswith(question):
        rest = full[len(question) :].strip(" -\u2013\u2014:[]")
        if rest:
            return rest
    return text


def _short(text: str, length: int = NAME_LENGTH) -> str:
    text = " ".join(str(text).split())
    if len(text) <= length:
        return text
    cut = text.rfind(" ", 0, length - 1)
    return text[: cut if cut > 0 else length - 1].rstrip(" ,;:-") + "\u2026"


def _file_stem(filename: str | None) -> str:
    if not filename:
        return ""
    stem = filename.rsplit("/", 1)[-1]
    return stem.rsplit(".", 1)[0] if "." in stem else stem


# --- notes ------------------------------------------------------------------------------------------------------


def _no_ratings(export: Export, left: list[str]) -> str:
    message = (
        "No rating questions were found: no column holds answers on an ordered scale of 4 to 7 points (such as "
        "'Strongly disagree' to 'Strongly agree', 'Never' to 'Always', or the numbers 1 to 5), so no instrument "
        "can be drafted from this export."
    )
    if not len(export.responses):
        message += " The export holds no responses to read the answers from."
    if left:
        message += " " + " ".join(left[:3])
    return message


def _listing(codes: list[str], limit: int = 8) -> str:
    shown = codes[:limit]
    more = f" and {len(codes) - limit} more" if len(codes) > limit else ""
    if len(shown) == 1:
        return shown[0] + more
    return (", ".join(shown[:-1]) + (" and " if not more else ", ") + shown[-1]) + more


def _notes(
    export: Export,
    instrument: Instrument,
    groups: list[_Group],
    off: list[_Group],
    left: list[str],
    name: str | None,
    made: list[str],
) -> list[str]:
    notes: list[str] = []
    scale = instrument.scale
    size = scale.size
    items, domains = len(instrument.items), len(instrument.domains)
    if name is None:
        if export.title:
            notes.append(f"The instrument is named after the title above the export's header: '{instrument.name}'.")
        elif export.filename:
            notes.append(f"The instrument is named after the file: '{instrument.name}'.")
    notes.append(
        f"Drafted {_count(items, 'item')} in {_count(domains, 'domain')} on a {size}-point scale, from "
        f"'{scale.labels[0]}' (1) to '{scale.labels[-1]}' ({size}), most negative first."
    )
    top = ", ".join(f"{p} '{scale.label(p)}'" for p in scale.favorable)
    sentence = f"Favourable answers are the top {'point' if size == 4 else 'two points'} ({top}), as drafts take them"
    default = default_favorable(1, size)
    if default != scale.favorable:
        sentence += (
            f"; a file that leaves `favorable` out would count points {default[0]} to {default[-1]} (metrics' default)"
        )
    notes.append(sentence + ".")
    numeric = [unit.own for g in groups if g.read.numbers_only for unit in g.units]
    if numeric:
        notes.append(
            f"{_listing(numeric)} {_verb(numeric, 'holds', 'hold')} numbers only: the draft assumes 1 is the most "
            f"negative answer and {size} the most positive, and labels points by their numbers; check the order "
            "and the wording against the survey."
        )
    filled: dict[tuple, list[str]] = {}
    for g in groups:
        labels = g.read.filled.get(g.size, ())
        if labels:
            how = "fewest" if g.size == g.read.sizes[0] else "common"
            filled.setdefault((labels, g.read.family, how), []).append(g.code)
    for (labels, family, how), codes in filled.items():
        quoted = " and ".join(f"'{label}'" for label in labels)
        why = "the fewest points that hold the answers given" if how == "fewest" else "as most questions have"
        notes.append(
            f"Nobody chose {quoted} in {_listing(codes)}: the draft adds {'it' if len(labels) == 1 else 'them'} from "
            f"the usual {size}-point {family} scale ({why}). Check the survey's own scale."
        )
    raised = [g.code for g in groups if g.read.numbers_only and g.size != g.read.sizes[0]]
    if raised:
        notes.append(
            f"{_listing(raised)}: no answer reached {size}; read on the 1-{size} scale of the other questions."
        )
    reversed_ = [g.code for g in groups if g.read.reversed]
    if reversed_:
        notes.append(
            f"{_listing(reversed_)} {_verb(reversed_, 'numbers its', 'number their')} answers from the most "
            "positive; the draft puts the most negative first and keeps the file's numbers in those labels, so each "
            "answer still reads to its point."
        )
    numbered = [g.code for g in groups if g.read.kind == "numbered" and not g.read.reversed]
    if numbered:
        notes.append(
            f"{_listing(numbered)} {_verb(numbered, 'numbers its', 'number their')} answers ('1 - ...'); the "
            "draft's labels leave the numbers out."
        )
    dont_know = list({label_key(label): label for g in groups for label in reversed(g.read.dont_know)}.values())
    dont_know.reverse()
    if dont_know:
        quoted = ", ".join(f"'{label}'" for label in dont_know[:3]) + (" and the like" if len(dont_know) > 3 else "")
        notes.append(f"Answers such as {quoted} are no point of the scale: they count as missing.")
    ambiguous = [g.code for g in groups if g.read.ambiguous]
    if ambiguous:
        notes.append(
            f"{_listing(ambiguous)} {_verb(ambiguous, 'has', 'have')} answers such as 'Not sure', which can mean "
            'the midpoint or "don\'t know"; they are no point of the draft, and mapping asks you to confirm what '
            "they mean."
        )
    own = [domain.code for domain in instrument.domains if domain.labels]
    if own:
        notes.append(
            f"Not every question words its points alike: the scale takes the wording of most items "
            f"('{scale.labels[0]}' to '{scale.labels[-1]}'), and {_listing(own)} "
            f"{_verb(own, 'keeps its', 'keep their')} own wording of the same {size} points as "
            + ("its domain's labels." if len(own) == 1 else "their domains' labels.")
        )
    if off:
        shown = [f"'{_short(g.text, 60)}' ({g.size} points)" for g in off]
        count = sum(len(g.units) for g in off)
        notes.append(
            f"Left out {_count(count, 'rating question')} on another number of points than the draft's {size}: "
            f"{'; '.join(shown[:5])}{' and more' if len(shown) > 5 else ''}. An instrument has one scale."
        )
    notes += left
    single = [g.code for g in groups if not g.grid]
    if single:
        notes.append(
            f"{_listing(single)} {_verb(single, 'belongs', 'belong')} to no grid or matrix, so "
            f"{_verb(single, 'it is', 'each is')} a domain of its own; merge domains that belong together."
        )
    if made:
        notes.append(
            f"{_count(len(made), 'item code')} ({_listing(made, 3)}) {_verb(made, 'was', 'were')} made from question "
            "numbers in the export's order (Q7_2 is the second row of question 7), as the export's own column id is "
            "question text, repeats another code or names a column of the responses table."
        )
    bare = [item.code for item in instrument.items if item.text == item.code]
    if bare:
        whose = "its" if len(bare) == 1 else "each item's"
        notes.append(
            f"{_listing(bare)} {_verb(bare, 'has', 'have')} no question text in the export, only a code: add "
            f"{whose} wording."
        )
    notes.append(
        "No item is marked reverse-coded and no domain plays a collective-leadership role (vision, decisions, trust, "
        "communication, partnership): mark the statements worded so that agreeing is bad, and name the roles."
    )
    return notes


def _verb(codes: list[str], one: str, many: str) -> str:
    return one if len(codes) == 1 else many


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
