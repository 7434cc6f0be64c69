"""An agency's own instrument as an Excel workbook an analyst fills in, and that workbook read back.

Why: analysts build their survey's instrument in Excel, not in a TOML file. `instrument_workbook` writes any valid
instrument as a workbook (Read me, Items, Domains and Scale sheets) that a person can edit, and
`read_instrument_template` reads such a workbook, or a CSV of the Items sheet alone, back into an `Instrument`.

Reading is lenient where a person would be: header names in any case and spacing ("Reverse coded",
"reverse-coded"), yes/no/true/false/1/0/x/blank for reverse-coded, blank rows skipped, spaces around a value dropped,
a domain used on Items but with no Domains sheet named by its code. It is strict where it matters: every problem is
an `ExportError` whose sentence names the sheet, the row as the spreadsheet numbers it and the column, and the
instrument then passes `metrics.instrument_toml`'s checks, so whatever metrics refuses is refused here too. The file
passes the same guards as a survey export before any cell is read (size limit, zip and XML bombs, passwords:
`ingest._files`, `ingest._zip`, `ingest._workbook`, `ingest._sandbox`); nothing but `ExportError` escapes.

Writing: every text is a text cell (a statement starting with =, +, -, @, a tab or a carriage return is stored as
a string with Excel's quote prefix, never a formula), and the workbook reads back to an equal instrument, except
that spaces around a text or code are dropped on reading.
"""

from __future__ import annotations

import functools
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ingest._files import DEFAULT_MAX_BYTES, OTHER_MAGIC, file_kind, source_bytes
from ingest._text import decoded, delimiter, text_rows
from ingest._workbook import Sheet, cell_text, legacy_sheets, opendocument_sheets, workbook_sheets
from ingest._zip import workbook_package
from ingest.export import ExportError
from metrics.instrument import (
    CANONICAL_COLUMNS,
    COLLECTIVE_ROLES,
    DEFAULT_ROLE_CODES,
    Domain,
    Instrument,
    Item,
    Scale,
    Tiers,
    default_favorable,
    instrument_toml,
    load_instrument,
)
from metrics.spreadsheet import put_text

__all__ = ["TemplateReading", "instrument_workbook", "read_instrument_template", "read_template"]

READ_ME, ITEMS, DOMAINS, SCALE = "Read me", "Items", "Domains", "Scale"
ITEM_HEADER = ("code", "domain", "text", "reverse_coded")
DOMAIN_HEADER = ("code", "name", "description", "labels")
SCALE_HEADER = ("setting", "value", "what it means")
LABEL_SEPARATOR = " | "
DEFAULT_NAME = "Own instrument"
MAX_ROWS = 10_000  # rows a template sheet may span: an instrument has tens or hundreds of items, never thousands
HEAD_ROWS = 50  # rows searched for a sheet's header
MAX_CELL = 32_767  # characters Excel keeps in a cell
MIN_WIDTH, MAX_WIDTH = 8, 60
# Characters an XML 1.0 document (and so an .xlsx) cannot hold.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Excel writes a character it cannot put in XML as _xHHHH_ (and reading undoes it), so a text that holds such a
# sequence itself has its underscore written as _x005F_.
ESCAPE_LIKE = re.compile("_(?=x[0-9A-Fa-f]{4}_)")

# Header names as a person may write them, compared without case, spaces, hyphens or underscores.
ITEM_COLUMNS = {
    "code": ("code", "itemcode", "item"),
    "domain": ("domain", "domaincode"),
    "text": ("text", "itemtext", "statement", "question", "wording"),
    "reverse_coded": ("reversecoded", "reverse", "reversed", "reversescored"),
}
DOMAIN_COLUMNS = {
    "code": ("code", "domaincode", "domain"),
    "name": ("name", "domainname"),
    "description": ("description",),
    "labels": ("labels", "pointlabels", "ownlabels"),
}
YES = frozenset({"yes", "y", "true", "1", "x", "reverse", "reversed"})
NO = frozenset({"", "no", "n", "false", "0"})
SETTINGS = {
    "name": ("name", "instrument", "instrumentname"),
    "lo": ("lo", "low", "lowest"),
    "hi": ("hi", "high", "highest"),
    "favorable": ("favourable", "favorable", "favourablepoints", "favorablepoints"),
    "strength": ("strength",),
    "developing": ("developing",),
    "emerging": ("emerging",),
    **{role: (role,) for role in COLLECTIVE_ROLES},
}
LABEL_KEY = re.compile(r"label\s*(-?\d+)?", re.IGNORECASE)
TIER_KEYS = ("strength", "developing", "emerging")
SETTING_LIST = (
    "name, lo, hi, label 1, label 2 ..., favourable, strength, developing, emerging and the roles "
    + ", ".join(COLLECTIVE_ROLES[:-1])
    + " and "
    + COLLECTIVE_ROLES[-1]
)

NO_ITEMS_SHEET = (
    "The workbook has no Items sheet. An instrument workbook has a sheet named Items with the columns code, "
    "domain, text and reverse_coded (and may have Domains and Scale sheets); download the template and fill it in."
)
EMPTY_FILE = "The file is empty. Fill in the instrument template (or a CSV of its Items sheet) and upload it."


@dataclass(frozen=True)
class TemplateReading:
    """An instrument read from a template, and a plain sentence for each thing assumed (a default scale, domains
    named by their codes, the name taken from the file's name)."""

    instrument: Instrument
    notes: tuple[str, ...] = ()


# Writing ---------------------------------------------------------------------------------------------------------


def instrument_workbook(instrument: Instrument) -> bytes:
    """The instrument as an .xlsx an analyst can fill in and `read_instrument_template` reads back equal.

    Sheets: "Read me" (how to fill it in), "Items" (code, domain, text, reverse_coded as yes/no), "Domains" (code,
    name, description, labels: the domain's own point labels joined by " | ") and "Scale" (one setting a row: name,
    lo, hi, label per point, favourable points, tier cut points, collective roles). Refuses (ValueError, saying why)
    an instrument metrics would refuse (`instrument_toml`), and one a workbook cannot carry: an empty code or label,
    a domain label holding "|", a character no spreadsheet holds, a text over 32,767 characters.
    """
    try:
        instrument_toml(instrument)
    except ValueError as error:
        raise ValueError(f"The instrument cannot be written as a workbook: {error}") from error
    _check_writable(instrument)
    book = Workbook()
    book.properties.title = f"{instrument.name}: instrument"
    _read_me(book.active, instrument)
    items = book.create_sheet(ITEMS)
    _table(
        items,
        ITEM_HEADER,
        [(i.code, i.domain, i.text, "yes" if i.reverse_coded else "no") for i in instrument.items],
        wrap=(2,),
    )
    choice = DataValidation(type="list", formula1='"yes,no"', allow_blank=True, showErrorMessage=False)
    choice.prompt, choice.promptTitle, choice.showInputMessage = "yes when agreeing is bad; else no", "Reverse", True
    items.add_data_validation(choice)
    choice.add("D2:D1048576")
    domains = [
        (d.code, d.name, d.description, LABEL_SEPARATOR.join(d.labels) if d.labels else "") for d in instrument.domains
    ]
    _table(book.create_sheet(DOMAINS), DOMAIN_HEADER, domains, wrap=(2, 3))
    _table(book.create_sheet(SCALE), SCALE_HEADER, _scale_rows(instrument), wrap=(2,))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _check_writable(instrument: Instrument) -> None:
    def refuse(why: str) -> ValueError:
        return ValueError(f"The instrument {instrument.name!r} cannot be written as a workbook: {why}")

    scale = instrument.scale
    texts = [("its name", instrument.name)]
    texts += [(f"label {p}", label) for p, label in zip(scale.points, scale.labels, strict=True)]
    for domain in instrument.domains:
        what = f"domain {domain.code}"
        texts += [(f"the code of {what}", domain.code), (f"the name of {what}", domain.name)]
        texts += [(f"the description of {what}", domain.description)]
        texts += [(f"a label of {what}", label) for label in domain.labels]
        if not domain.code.strip():
            raise refuse("a domain's code is empty.")
        for label in domain.labels:
            if "|" in label or not label.strip():
                raise refuse(f"a label of {what} is empty or holds '|', which separates a domain's labels.")
    for item in instrument.items:
        texts += [(f"the code of item {item.code}", item.code), (f"the text of item {item.code}", item.text)]
        if not item.code.strip():
            raise refuse("an item's code is empty.")
    for point, label in zip(scale.points, scale.labels, strict=True):
        if not label.strip():
            raise refuse(f"the label of point {point} is empty.")
    for what, text in texts:
        bad = NOT_XML.search(text)
        if bad:
            raise refuse(f"{what} holds the character {bad.group()!r}, which no spreadsheet can hold.")
        if len(_escaped(text)) > MAX_CELL:
            raise refuse(f"{what} is longer than a spreadsheet cell holds ({MAX_CELL:,} characters).")


def _scale_rows(instrument: Instrument) -> list[tuple[str, object, str]]:
    scale, tiers = instrument.scale, instrument.tiers
    rows: list[tuple[str, object, str]] = [
        ("name", instrument.name, "The instrument's name, kept with every wave it scores."),
        ("lo", scale.lo, "The lowest answer, a whole number."),
        ("hi", scale.hi, "The highest answer, a whole number: 4 to 7 points from lo to hi."),
    ]
    rows += [
        (f"label {point}", label, f"The words of answer {point} (one row per point, lowest first).")
        for point, label in zip(scale.points, scale.labels, strict=True)
    ]
    rows.append(
        (
            "favourable",
            ", ".join(str(p) for p in scale.favorable),
            "The answers that count as favourable, separated by commas.",
        )
    )
    rows += [
        ("strength", _tier(tiers.strength), "Lowest score (0-100) in the Strength tier."),
        ("developing", _tier(tiers.developing), "Lowest score (0-100) in the Developing tier."),
        ("emerging", _tier(tiers.emerging), "Lowest score (0-100) in the Emerging tier; below it is Priority."),
    ]
    named = dict(instrument.collective)
    order = [role for role, _ in instrument.collective] + [r for r in COLLECTIVE_ROLES if r not in named]
    rows += [
        (
            role,
            named.get(role, ""),
            f"The code of the domain that plays the {role} role in collective leadership; blank: the domain coded "
            f"{DEFAULT_ROLE_CODES[role]}, if there is one.",
        )
        for role in order
    ]
    return rows


def _tier(value: float) -> float | str:
    """A cut point as a number when a spreadsheet keeps it exactly, else as its exact text."""
    return value if float(f"{value:.10g}") == value else repr(float(value))


def _read_me(sheet: Worksheet, instrument: Instrument) -> None:
    sheet.title = READ_ME
    lines = [
        f"{instrument.name}: a survey instrument to fill in",
        "This workbook is an instrument: the statements people rate (the Items sheet), the groups they belong to "
        "(Domains) and the answer scale with the settings that score it (Scale). Change it, save it as an Excel "
        "workbook (.xlsx) and upload it; the dashboard reads it back and says, by sheet, row and column, anything "
        "it cannot use.",
        "Items: one row per statement, in the order pages show them. code: a short code no other item has (such "
        "as VIS1); answers are matched to items by it. domain: the code of the domain the statement belongs to. "
        "text: the statement as people read it. reverse_coded: yes when agreeing is bad (such as 'Our priorities "
        "change with every new request'), no or blank otherwise.",
        "Domains: one row per domain, in the order pages show them. code: short, no other domain has it. name: "
        "as pages show it. description: may be left blank. labels: leave blank unless this domain's questions word "
        "the answers differently from the scale (such as 'how satisfied' in an agreement survey); then the words "
        "of every point, lowest first, separated by | . Every domain needs at least one item.",
        "Scale: one setting a row, its value in column B. lo and hi: the lowest and highest answer, 4 to 7 points. "
        "label 1, label 2 ...: the words of each answer, lowest first. favourable: the answers that count as "
        "favourable, separated by commas. strength, developing, emerging: the lowest score (0-100) of each tier, "
        "going down; below emerging is Priority. vision, decisions, trust, communication, partnership: the code "
        "of the domain that plays each collective-leadership role (blank: the domain with the usual code, if any).",
        "Blank rows are skipped, spaces around a value are dropped, and header names may be written in any case. "
        "Keep a question's code from wave to wave while its wording stays the same, and give a changed question a "
        "new code: codes are how waves are compared.",
        "A CSV of the Items sheet alone (code, domain, text, reverse_coded) can be uploaded too: the scale is then "
        "the default five-point agreement scale and each domain is named by its code.",
    ]
    for row, line in enumerate(lines, start=1):
        cell = sheet.cell(row, 1)
        _put(cell, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.column_dimensions["A"].width = 100


def _table(sheet: Worksheet, header: tuple[str, ...], rows: list[tuple], wrap: tuple[int, ...] = ()) -> None:
    """A header row (bold, frozen) and the rows under it, every text a text cell, columns sized to read."""
    widths = [len(name) for name in header]
    for j, name in enumerate(header, start=1):
        cell = sheet.cell(1, j)
        _put(cell, name)
        cell.font = Font(bold=True)
    for i, row in enumerate(rows, start=2):
        for j, value in enumerate(row):
            cell = sheet.cell(i, j + 1)
            _put(cell, value)
            longest = max((len(line) for line in str(value).splitlines()), default=0)
            widths[j] = max(widths[j], longest)
            if j in wrap:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for j, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(j)].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)
    sheet.freeze_panes = "A2"


def _put(cell: Cell, value: object) -> None:
    """A text as a plain string cell (never a formula: a quote prefix on one that Excel would run), else a number."""
    if value == "":
        return  # a blank cell, not an empty string
    if isinstance(value, str):
        put_text(cell, _escaped(value))
    else:
        cell.value = value


def _escaped(text: str) -> str:
    return ESCAPE_LIKE.sub("_x005F_", text)


# Reading ---------------------------------------------------------------------------------------------------------


def read_instrument_template(
    source: object, filename: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Instrument:
    """The instrument in a filled-in template (see `instrument_workbook`) or a CSV of its Items sheet alone.

    `source` is a path, bytes or a binary file-like object; `filename` (else the source's own name) names the
    instrument when the file does not. A CSV (or a workbook with no Scale sheet) is read on the default
    instrument's five-point agreement scale and tiers, and a workbook with no Domains sheet names each domain by
    its code; `read_template` gives the notes that say so. Raises `ExportError`, and only ExportError, naming the
    sheet, row and column of any problem, for a file that is not such a spreadsheet, and for an instrument
    metrics would refuse.
    """
    return read_template(source, filename, max_bytes).instrument


def read_template(source: object, filename: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> TemplateReading:
    """As `read_instrument_template`, with a plain sentence for each thing assumed."""
    try:
        return _read(source, filename, max_bytes)
    except ExportError:
        raise
    except MemoryError:
        raise ExportError(
            "The file is too large to read in the memory available. An instrument is small: upload the template "
            "with only its Items, Domains and Scale sheets."
        ) from None
    except Exception as exc:  # a reader's own failure on a damaged file must reach the page as a plain message
        raise ExportError(
            f"The file could not be read as an instrument ({type(exc).__name__}): it may be damaged. Save the "
            "template again as an Excel workbook (.xlsx) and upload that."
        ) from None


@dataclass
class _Table:
    """One sheet, or a CSV, as text cells: a workbook sheet's `columns` (column j is the spreadsheet column
    `first_column + j`, 0-based) or a CSV's `records`; position i down a column is the spreadsheet's row i + 1."""

    where: str  # "Items sheet", "CSV file": how a message names it
    columns: list[pa.Array] | None = None
    records: list[list[str]] | None = None
    first_column: int = 0

    def __post_init__(self) -> None:
        if self.records is not None:
            self.height, self.width = len(self.records), max((len(record) for record in self.records), default=0)
        else:
            columns = self.columns or []
            self.height, self.width = max((len(column) for column in columns), default=0), len(columns)
        self._text: dict[int, list[str]] = {}
        if self.height > MAX_ROWS:
            raise ExportError(
                f"The {self.where} has {self.height:,} rows, far more than an instrument has (at most {MAX_ROWS:,} are "
                "read). Delete the stray cells far below the table and upload it again."
            )

    def _cells(self, j: int, stop: int | None = None) -> list[str]:
        """The first `stop` cells (all when None) of column j as stripped text, '' for a blank one."""
        if self.records is not None:
            values = [record[j] if j < len(record) else None for record in self.records[:stop]]
        else:
            column = self.columns[j]
            values = (column if stop is None else column.slice(0, stop)).to_pylist()
        return [_clean(value) for value in values]

    def column(self, j: int) -> list[str]:
        """Column j as stripped text, '' for a blank cell, `height` long (read once, when a field needs it)."""
        if j not in self._text:
            texts = self._cells(j)
            self._text[j] = texts + [""] * (self.height - len(texts))
        return self._text[j]

    def head(self, j: int) -> list[str]:
        """The first HEAD_ROWS cells of column j as stripped text."""
        return self._cells(j, HEAD_ROWS)

    def letter(self, j: int) -> str:
        return get_column_letter(self.first_column + j + 1)

    def at(self, i: int, j: int | None = None) -> str:
        """How a message names a cell: 'Items sheet, row 7, column A'."""
        column = f", column {self.letter(j)}" if j is not None else ""
        return f"{self.where}, row {i + 1}{column}"


def _clean(value: object) -> str:
    return cell_text(value).strip() if value is not None else ""


def _key(text: str) -> str:
    return re.sub(r"[\s_\-]+", "", text.casefold())


def _shown(text: str, limit: int = 40) -> str:
    return f"'{text}'" if len(text) <= limit else f"'{text[: limit - 3]}...'"


def _read(source: object, filename: str | None, max_bytes: int) -> TemplateReading:
    data, own_name = source_bytes(source, max_bytes)
    name = filename or own_name
    if not data.strip():
        raise ExportError(EMPTY_FILE)
    for magic, what in OTHER_MAGIC:
        if data.startswith(magic):
            raise ExportError(
                f"This is {what}, not an instrument. Upload the instrument template as an Excel workbook (.xlsx), "
                "or a CSV of its Items sheet."
            )
    kind = file_kind(data)
    notes: list[str] = []
    if kind == "text":
        text, _ = decoded(data)
        if not text.strip():
            raise ExportError(EMPTY_FILE)
        items, domains, scale = _Table("CSV file", records=text_rows(text, delimiter(text))), None, None
    else:
        package = workbook_package(data) if kind == "zip" else "xls"
        readers = {"ods": opendocument_sheets, "xls": legacy_sheets, "xlsx": workbook_sheets}
        items, domains, scale = _template_sheets(readers[package](data), notes)
    return _instrument(items, domains, scale, name, notes, csv=kind == "text")


def _template_sheets(sheets: list[Sheet], notes: list[str]) -> tuple[_Table, _Table | None, _Table | None]:
    """The Items, Domains and Scale sheets (names compared without case or spaces); a workbook of one other sheet
    is read as its Items sheet."""
    found: dict[str, Sheet] = {}
    others = []
    for sheet in sheets:
        key = _key(sheet.name)
        if key in ("items", "domains", "scale"):
            found.setdefault(key, sheet)
        elif key != "readme":
            others.append(sheet)
    if "items" not in found:
        if len(others) != 1:
            raise ExportError(NO_ITEMS_SHEET)
        found["items"] = others[0]
        notes.append(f"Read the sheet '{others[0].name}' as the Items sheet: the workbook has no sheet named Items.")

    def table(key: str) -> _Table | None:
        sheet = found.get(key)
        return None if sheet is None else _Table(f"{sheet.name} sheet", sheet.body(0), first_column=sheet.first_column)

    return table("items"), table("domains"), table("scale")


def _header(table: _Table, spec: dict[str, tuple[str, ...]], required: tuple[str, ...]) -> tuple[int, dict[str, int]]:
    """(0-based header row, field -> column index): the first of the sheet's first rows that names every required
    column (a title above it is passed over), else its first row with a value, refused for what it lacks."""
    heads = [table.head(j) for j in range(table.width)]
    filled = sorted({i for head in heads for i, text in enumerate(head) if text})
    if not filled:
        raise ExportError(f"The {table.where} is empty: it needs a header row naming {_listed(tuple(spec))}.")
    aliases = {alias: field for field, names in spec.items() for alias in names}

    def fields(row: int) -> list[str | None]:
        return [aliases.get(_key(head[row])) if row < len(head) else None for head in heads]

    row = next((i for i in filled if set(required) <= set(fields(i))), filled[0])
    positions: dict[str, int] = {}
    for j, field in enumerate(fields(row)):
        if field is None:
            continue
        if field in positions:
            raise ExportError(
                f"{table.at(row, j)}: a second {field} column (the first is column {table.letter(positions[field])}); "
                "keep one."
            )
        positions[field] = j
    missing = [field for field in required if field not in positions]
    if missing:
        raise ExportError(
            f"{table.at(row)}: the header has no {missing[0]} column; the header row names the columns "
            f"{_listed(tuple(spec))}."
        )
    return row, positions


def _listed(names: tuple[str, ...] | list[str]) -> str:
    """'a, b and c'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _rows(table: _Table, header: int, positions: dict[str, int]) -> list[tuple[int, dict[str, str]]]:
    """(0-based row, field -> text) of every row under the header with a value in a known column."""
    columns = {field: table.column(j) for field, j in positions.items()}
    rows = []
    for i in range(header + 1, table.height):
        values = {field: column[i] for field, column in columns.items()}
        if any(values.values()):
            rows.append((i, values))
    return rows


# The instrument --------------------------------------------------------------------------------------------------


@functools.cache
def _default() -> Instrument:
    return load_instrument()


def _instrument(
    items_table: _Table,
    domains_table: _Table | None,
    scale_table: _Table | None,
    filename: str | None,
    notes: list[str],
    csv: bool,
) -> TemplateReading:
    if scale_table is not None:
        name, scale, tiers, roles = _scale(scale_table, notes)
    else:
        default = _default()
        name, scale, tiers, roles = None, default.scale, default.tiers, []
    domains, domain_rows = _domains(domains_table, scale, notes) if domains_table is not None else ([], {})
    domains_why = None
    if domains_table is None:
        domains_why = "there is no Domains sheet"
    elif not domains:
        domains_why, domains_table = f"the {domains_table.where} lists no domains", None
    items = _items(items_table, domains_table, domains)
    if domains_table is None:
        domains = [Domain(code, code) for code in dict.fromkeys(item.domain for item in items)]
    assumed = _assumed(scale_table is None, domains_why, domains, csv)
    if assumed:
        notes.insert(0, assumed)

    used = {item.domain for item in items}
    for domain in domains:
        if domain.code not in used:
            row, column = domain_rows[domain.code]
            raise ExportError(
                f"{domains_table.at(row, column)}: the domain {domain.code} has no items on the "
                f"{items_table.where}; give it items or delete its row."
            )
    codes = {domain.code for domain in domains}
    for role, code, row in roles:
        if code not in codes:
            raise ExportError(f"{scale_table.at(row, 1)}: the {role} role goes to {code}, which is not a domain code.")
    if name is None:
        stem = Path(filename).stem.strip() if filename else ""
        name = stem or DEFAULT_NAME
        called = "after the file" if stem else "by default"
        notes.append(f"The file does not name the instrument, so it is called '{name}' ({called}).")
    collective = tuple((role, code) for role, code, _ in roles)
    instrument = Instrument(name, scale, tuple(domains), tuple(items), tiers, collective)
    try:
        instrument_toml(instrument)  # whatever metrics refuses in an instrument file is refused here too
    except ValueError as error:
        raise ExportError(f"The instrument cannot be used: {error}") from None
    return TemplateReading(instrument, tuple(notes))


def _assumed(no_scale: bool, domains_why: str | None, domains: list[Domain], csv: bool) -> str:
    """The sentence saying what was taken as default: the scale, the domains' names, or both."""
    default = _default().scale
    scale = (
        f"the scale is the default instrument's {default.size}-point scale ({default.labels[0]} to "
        f"{default.labels[-1]}; favourable {_listed([str(p) for p in default.favorable])}) with its tier cut points"
    )
    shown = ", ".join(d.code for d in domains[:8]) + (" ..." if len(domains) > 8 else "")
    named = f"each domain is named by its code ({shown})"
    if csv:
        return f"A CSV holds the items only, so {scale}, and {named}."
    if no_scale and domains_why == "there is no Domains sheet":
        return f"There are no Scale and Domains sheets, so {scale}, and {named}."
    if no_scale and domains_why:
        return f"There is no Scale sheet and {domains_why}, so {scale}, and {named}."
    if no_scale:
        return f"There is no Scale sheet, so {scale}."
    if domains_why:
        return f"{domains_why[0].upper()}{domains_why[1:]}, so {named}."
    return ""


def _scale(table: _Table, notes: list[str]) -> tuple[str | None, Scale, Tiers, list[tuple[str, str, int]]]:
    """(name or None, scale, tiers, [(role, domain code, 0-based row)]) from the Scale sheet: one setting a row,
    its name in the sheet's first column and its value in the next."""
    keys = table.column(0)
    values = table.column(1) if table.width > 1 else [""] * table.height
    aliases = {alias: setting for setting, names in SETTINGS.items() for alias in names}
    given: dict[str, tuple[int, str]] = {}
    labels: list[tuple[int, int | None, str]] = []
    for i in range(table.height):
        key, value = keys[i], values[i]
        if not key and not value:
            continue
        if _key(key) == "setting" and not given and not labels:  # the header row
            continue
        if not key:
            raise ExportError(
                f"{table.at(i, 0)}: the setting has no name (its value is {_shown(value)}); name it, such as lo or "
                "strength."
            )
        label = LABEL_KEY.fullmatch(key)
        if label:
            labels.append((i, int(label.group(1)) if label.group(1) else None, value))
            continue
        setting = aliases.get(_key(key))
        if setting is None:
            raise ExportError(f"{table.at(i, 0)}: {_shown(key)} is not a setting; the settings are {SETTING_LIST}.")
        if setting in given:
            raise ExportError(f"{table.at(i, 0)}: {key} is given twice (first on row {given[setting][0] + 1}).")
        given[setting] = (i, value)

    lo = _whole_setting(table, given, "lo", "the lowest answer")
    hi = _whole_setting(table, given, "hi", "the highest answer")
    size = hi - lo + 1
    if hi < lo:
        raise ExportError(f"{table.at(given['hi'][0], 1)}: hi ({hi}) is below lo ({lo}).")
    if not 4 <= size <= 7:
        raise ExportError(
            f"{table.at(given['hi'][0], 1)}: lo {lo} to hi {hi} is a {size}-point scale; 4 to 7 points are supported."
        )
    scale = Scale(lo, hi, _labels(table, labels, lo, hi, notes), _favourable(table, given, lo, hi, notes))
    name = given["name"][1] if "name" in given and given["name"][1] else None
    roles = [(role, given[role][1], given[role][0]) for role in COLLECTIVE_ROLES if role in given and given[role][1]]
    roles.sort(key=lambda role: role[2])  # the sheet's order
    return name, scale, _tiers(table, given), roles


def _whole(text: str) -> int | None:
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if math.isfinite(number) and number.is_integer() else None


def _whole_setting(table: _Table, given: dict[str, tuple[int, str]], key: str, what: str) -> int:
    if key not in given:
        raise ExportError(f"The {table.where} has no {key} row ({what}, a whole number).")
    row, value = given[key]
    if not value:
        raise ExportError(f"{table.at(row, 1)}: {key} is empty; give {what}, a whole number.")
    number = _whole(value)
    if number is None:
        raise ExportError(f"{table.at(row, 1)}: {key} is {_shown(value)}, not a whole number.")
    return number


def _labels(table: _Table, labels: list[tuple[int, int | None, str]], lo: int, hi: int, notes: list[str]) -> tuple:
    size = hi - lo + 1
    if not labels:
        notes.append(f"The {table.where} gives no labels, so the answers are labelled by their numbers.")
        return tuple(str(point) for point in range(lo, hi + 1))
    if len(labels) != size:
        first, last = labels[0][0] + 1, labels[-1][0] + 1
        rows = f"row {first}" if first == last else f"rows {first} to {last}"
        count = "is 1 label" if len(labels) == 1 else f"are {len(labels)} labels"
        raise ExportError(
            f"{table.where}, {rows}: there {count} for a {size}-point scale ({lo} to {hi}); give one label row per "
            "point, lowest first."
        )
    numbers = [number for _, number, _ in labels]

    def numbered_from(start: int) -> bool:
        return all(number is None or number == start + k for k, number in enumerate(numbers))

    if not (numbered_from(lo) or numbered_from(1)):
        k, (row, number, _) = next((k, label) for k, label in enumerate(labels) if label[1] not in (None, lo + k))
        raise ExportError(
            f"{table.at(row, 0)}: label {number} stands where the label of point {lo + k} belongs; list the labels "
            "lowest first, one per point."
        )
    for k, (row, number, text) in enumerate(labels):
        if not text:
            raise ExportError(f"{table.at(row, 1)}: label {number if number is not None else lo + k} is empty.")
    return tuple(text for _, _, text in labels)


def _favourable(table: _Table, given: dict[str, tuple[int, str]], lo: int, hi: int, notes: list[str]) -> tuple:
    if "favorable" not in given or not given["favorable"][1]:
        points = default_favorable(lo, hi)
        notes.append(
            f"The {table.where} names no favourable points, so they are the top {len(points)}: "
            f"{_listed([str(p) for p in points])}."
        )
        return points
    row, value = given["favorable"]
    points: list[int] = []
    for part in re.split(r"[\s,;]+", value):
        if not part or part.casefold() == "and":
            continue
        point = _whole(part)
        if point is None:
            raise ExportError(
                f"{table.at(row, 1)}: the favourable points {_shown(value)} are not whole numbers separated by commas."
            )
        if not lo <= point <= hi:
            raise ExportError(f"{table.at(row, 1)}: favourable point {point} is not on the scale ({lo} to {hi}).")
        if point in points:
            raise ExportError(f"{table.at(row, 1)}: favourable point {point} is given twice.")
        points.append(point)
    return tuple(sorted(points))


def _tiers(table: _Table, given: dict[str, tuple[int, str]]) -> Tiers:
    cuts = {}
    for key in TIER_KEYS:
        if key in given and given[key][1]:
            row, value = given[key]
            try:
                number = float(value)
            except ValueError:
                number = math.nan
            if not math.isfinite(number):
                raise ExportError(f"{table.at(row, 1)}: {key} is {_shown(value)}, not a number.")
            cuts[key] = number
    tiers = Tiers(**cuts)
    for upper, lower in zip(TIER_KEYS, TIER_KEYS[1:], strict=False):
        high, low = getattr(tiers, upper), getattr(tiers, lower)
        if low > high:
            row = given[lower][0] if lower in cuts else given[upper][0]
            raise ExportError(
                f"{table.at(row, 1)}: {lower} ({low:g}) is above {upper} ({high:g}); the cut points go down from "
                "strength to developing to emerging."
            )
    return tiers


def _domains(table: _Table, scale: Scale, notes: list[str]) -> tuple[list[Domain], dict[str, tuple[int, int]]]:
    """The domains of the Domains sheet, and each one's (0-based row, code column)."""
    header, positions = _header(table, DOMAIN_COLUMNS, ("code",))
    domains: list[Domain] = []
    rows: dict[str, tuple[int, int]] = {}
    code_column = positions["code"]
    for i, values in _rows(table, header, positions):
        code = values["code"]
        if not code:
            raise ExportError(f"{table.at(i, code_column)}: the code is empty.")
        if code in rows:
            raise ExportError(
                f"{table.at(i, code_column)}: the code {code} is already used on row {rows[code][0] + 1}."
            )
        labels: tuple[str, ...] = ()
        if values.get("labels"):
            column = positions["labels"]
            parts = [part.strip() for part in values["labels"].split("|")]
            if len(parts) != scale.size:
                count = "1 label" if len(parts) == 1 else f"{len(parts)} labels"
                raise ExportError(
                    f"{table.at(i, column)}: the domain {code} has {count} for a {scale.size}-point scale; give one "
                    "per point, lowest first, separated by |."
                )
            empty = next((k for k, part in enumerate(parts) if not part), None)
            if empty is not None:
                raise ExportError(f"{table.at(i, column)}: label {empty + 1} of the domain {code} is empty.")
            labels = tuple(parts)
        name = values.get("name", "")
        if not name:
            name = code
            notes.append(f"{table.at(i)}: the domain {code} has no name, so it is named by its code.")
        domains.append(Domain(code, name, values.get("description", ""), labels))
        rows[code] = (i, code_column)
    return domains, rows


def _items(table: _Table, domains_table: _Table | None, domains: list[Domain]) -> list[Item]:
    header, positions = _header(table, ITEM_COLUMNS, ("code", "domain"))
    declared = {domain.code for domain in domains}
    items: list[Item] = []
    rows: dict[str, int] = {}
    code_column, domain_column = positions["code"], positions["domain"]
    for i, values in _rows(table, header, positions):
        code, domain = values["code"], values["domain"]
        if not code:
            raise ExportError(f"{table.at(i, code_column)}: the code is empty.")
        if code in rows:
            raise ExportError(f"{table.at(i, code_column)}: the code {code} is already used on row {rows[code] + 1}.")
        if code in CANONICAL_COLUMNS:
            raise ExportError(
                f"{table.at(i, code_column)}: the code {code} is the name of a respondent column "
                f"({_listed(CANONICAL_COLUMNS)}); give the item another code."
            )
        if not domain:
            raise ExportError(f"{table.at(i, domain_column)}: the domain is empty.")
        if domains_table is not None and domain not in declared:
            raise ExportError(f"{table.at(i, domain_column)}: the domain {domain} is not on the {domains_table.where}.")
        flag = values.get("reverse_coded", "")
        if flag.casefold() not in YES | NO:
            raise ExportError(
                f"{table.at(i, positions['reverse_coded'])}: reverse_coded is {_shown(flag)}; write yes or no (or "
                "leave it blank for no)."
            )
        items.append(Item(code, domain, values.get("text", ""), flag.casefold() in YES))
        rows[code] = i
    if not items:
        raise ExportError(f"The {table.where} has no items under its header (row {header + 1}).")
    return items
