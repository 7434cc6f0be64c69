"""The instrument model: items, domains, answer scale and tier cut points.

An instrument is configuration, not code: the default ships as `instruments/default.toml` and an agency
loads its own file of the same shape with `load_instrument(path)` (or its text with `parse_instrument`, as the
store keeps it); `instrument_toml` writes any valid instrument back as such a file.
"""

from __future__ import annotations

import math
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DEFAULT_INSTRUMENT = Path(__file__).parent / "instruments" / "default.toml"
TIER_NAMES = ("Strength", "Developing", "Emerging", "Priority")
# The columns of the canonical responses table besides the items (indicators §2): no item may take their names.
CANONICAL_COLUMNS = (
    "response_id",
    "wave",
    "agency",
    "agency_type",
    "unit",
    "role_level",
    "tenure_band",
    "program_area",
)
COLLECTIVE_ROLES = ("vision", "decisions", "trust", "communication", "partnership")
DEFAULT_ROLE_CODES = {"vision": "VIS", "decisions": "SHD", "trust": "TRU", "communication": "COM", "partnership": "PAR"}


@dataclass(frozen=True)
class Item:
    code: str
    domain: str
    text: str
    reverse_coded: bool = False


@dataclass(frozen=True)
class Domain:
    """A group of items. `labels`, when given, are the domain's own wording of the scale points (a few
    questions of a survey may ask "satisfied" where most ask "agree" on the same points)."""

    code: str
    name: str
    description: str = ""
    labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scale:
    """An answer scale of 4 to 7 whole points, `lo` to `hi`, with the points that count as favourable."""

    lo: int
    hi: int
    labels: tuple[str, ...]
    favorable: tuple[int, ...]

    @property
    def points(self) -> tuple[int, ...]:
        return tuple(range(self.lo, self.hi + 1))

    @property
    def size(self) -> int:
        return self.hi - self.lo + 1

    @property
    def neutral(self) -> int | None:
        """The midpoint of an odd scale; an even scale has none."""
        return (self.lo + self.hi) // 2 if self.size % 2 == 1 else None

    def label(self, point: int) -> str:
        return self.labels[point - self.lo]


@dataclass(frozen=True)
class Tiers:
    """Lower bounds (0-100, compared with the score as shown) of the three upper tiers."""

    strength: float = 75.0
    developing: float = 62.5
    emerging: float = 50.0


@dataclass(frozen=True)
class Instrument:
    name: str
    scale: Scale
    domains: tuple[Domain, ...]
    items: tuple[Item, ...]
    tiers: Tiers = Tiers()
    collective: tuple[tuple[str, str], ...] = ()

    def role_domain(self, role: str) -> str | None:
        """The domain code that plays a collective-leadership role (§4): the file's `[collective]` entry,
        else the domain with the role's default code (VIS, SHD, TRU, COM, PAR), else None."""
        named = dict(self.collective)
        if role in named:
            return named[role]
        code = DEFAULT_ROLE_CODES[role]
        return code if code in self.domain_codes else None

    @property
    def item_codes(self) -> list[str]:
        return [item.code for item in self.items]

    @property
    def domain_codes(self) -> list[str]:
        return [domain.code for domain in self.domains]

    def items_of(self, domain: str) -> list[Item]:
        return [item for item in self.items if item.domain == domain]

    def domain_name(self, code: str) -> str:
        return next(d.name for d in self.domains if d.code == code)


def default_favorable(lo: int, hi: int) -> tuple[int, ...]:
    """The top two points of a 4- or 5-point scale, the top three of a 6- or 7-point scale."""
    top = 2 if hi - lo + 1 <= 5 else 3
    return tuple(range(hi - top + 1, hi + 1))


def load_instrument(path: str | Path | None = None) -> Instrument:
    """The default CEELO-aligned instrument, or an agency's own TOML instrument file (UTF-8).

    Refuses (ValueError, saying what is wrong) everything `parse_instrument` refuses, and a file that is not
    UTF-8 text.
    """
    source = Path(path) if path is not None else DEFAULT_INSTRUMENT
    data = source.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"The instrument file {source.name} is not UTF-8 text: {error}") from error
    return parse_instrument(text, source.name)


def parse_instrument(text: str, source: str = "instrument") -> Instrument:
    """An instrument from the text of a TOML instrument file; `source` names it in a refusal.

    Refuses (ValueError, saying what is wrong) text that is not TOML, a scale outside 4-7 points, labels (of the
    scale or of a domain) that do not match the points, favourable points off the scale, tier cut points not
    finite or out of order, items of an undeclared domain, duplicate codes, empty domains, and a `[collective]`
    table naming an unknown role or an undeclared domain.
    """
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"The instrument file {source} is not valid TOML: {error}") from error
    return _instrument_from_dict(raw, source)


def instrument_from_dict(raw: dict, source: str = "instrument") -> Instrument:
    """An instrument from the entries of its file as a dict (what the Instrument page edits), with every check of
    `parse_instrument`."""
    return _instrument_from_dict(raw, source)


def _instrument_from_dict(raw: dict, source: str) -> Instrument:
    try:
        scale_raw = raw["scale"]
        lo, hi = int(scale_raw["lo"]), int(scale_raw["hi"])
        domains_raw = list(raw["domains"])
        domains = tuple(Domain(str(d["code"]), str(d["name"]), str(d.get("description", ""))) for d in domains_raw)
        items_raw = list(raw["items"])
        items = tuple(
            Item(str(i["code"]), str(i["domain"]), str(i.get("text", "")), i.get("reverse_coded", False))
            for i in items_raw
        )
    except (KeyError, TypeError, AttributeError) as error:
        raise ValueError(f"The instrument file {source} lacks a required entry: {error}") from error
    flags = [item.code for item in items if not isinstance(item.reverse_coded, bool)]
    if flags:
        raise ValueError(f"The instrument file {source}: reverse_coded of item {flags[0]} is not true or false.")
    size = hi - lo + 1
    if not 4 <= size <= 7:
        raise ValueError(f"The instrument file {source} has a {size}-point scale; 4 to 7 points are supported.")
    labels = tuple(str(label) for label in scale_raw.get("labels", [str(p) for p in range(lo, hi + 1)]))
    if len(labels) != size:
        raise ValueError(f"The instrument file {source} has {len(labels)} labels for {size} scale points.")
    favorable = tuple(sorted(int(p) for p in scale_raw.get("favorable", default_favorable(lo, hi))))
    if not favorable or any(not lo <= p <= hi for p in favorable):
        raise ValueError(f"The instrument file {source} names favourable points outside {lo}-{hi}.")
    tiers_raw = raw.get("tiers", {})
    tiers = Tiers(
        float(tiers_raw.get("strength", 75.0)),
        float(tiers_raw.get("developing", 62.5)),
        float(tiers_raw.get("emerging", 50.0)),
    )
    if not all(map(math.isfinite, (tiers.strength, tiers.developing, tiers.emerging))) or not (
        tiers.strength >= tiers.developing >= tiers.emerging
    ):
        raise ValueError(f"The instrument file {source} has tier cut points out of order.")
    domains = tuple(_with_labels(domain, d, size, source) for domain, d in zip(domains, domains_raw, strict=True))
    _check_codes(domains, items, source)
    collective = _collective(raw.get("collective", {}), [d.code for d in domains], source)
    return Instrument(str(raw.get("name", source)), Scale(lo, hi, labels, favorable), domains, items, tiers, collective)


def _with_labels(domain: Domain, raw: dict, size: int, source: str) -> Domain:
    """The domain with its own point labels, if its table has `labels` (exactly one per scale point)."""
    if "labels" not in raw:
        return domain
    given = raw["labels"]
    if not isinstance(given, list):
        raise ValueError(f"The instrument file {source}: the labels of domain {domain.code} are not a list.")
    if len(given) != size:
        raise ValueError(
            f"The instrument file {source}: domain {domain.code} has {len(given)} labels for {size} scale points."
        )
    return Domain(domain.code, domain.name, domain.description, tuple(str(label) for label in given))


def _collective(raw: object, domain_codes: list[str], source: str) -> tuple[tuple[str, str], ...]:
    """The `[collective]` table as (role, domain code) pairs in the file's order."""
    if not isinstance(raw, dict):
        raise ValueError(f"The instrument file {source}: [collective] must be a table of role = domain code.")
    roles = ", ".join(COLLECTIVE_ROLES[:-1]) + " and " + COLLECTIVE_ROLES[-1]
    pairs = []
    for role, code in raw.items():
        if role not in COLLECTIVE_ROLES:
            raise ValueError(
                f"The instrument file {source}: [collective] names an unknown role {role!r}; the roles are {roles}."
            )
        if isinstance(code, dict | list) or str(code) not in domain_codes:
            raise ValueError(
                f"The instrument file {source}: [collective] gives the {role} role to {code!r}, "
                "which is not a declared domain code."
            )
        pairs.append((role, str(code)))
    return tuple(pairs)


def _check_codes(domains: tuple[Domain, ...], items: tuple[Item, ...], source: str) -> None:
    domain_codes = [d.code for d in domains]
    item_codes = [i.code for i in items]
    for kind, codes in (("a domain", domain_codes), ("an item", item_codes)):
        if any(not code.strip() for code in codes):
            raise ValueError(f"The instrument file {source} has {kind} without a code.")
    names = [d.name for d in domains]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise ValueError(
            f"The instrument file {source} names two domains {twice[0]!r}; every chart would show them alike, so "
            "give each its own name."
        )
    taken = [code for code in item_codes if code in CANONICAL_COLUMNS]
    if taken:
        raise ValueError(
            f"The instrument file {source} names an item {taken[0]!r}, which is the name of a respondent column; "
            "give it another code."
        )
    for kind, codes in (("domain", domain_codes), ("item", item_codes)):
        duplicates = sorted({c for c in codes if codes.count(c) > 1})
        if duplicates:
            raise ValueError(f"The instrument file {source} repeats the {kind} code {duplicates[0]}.")
    unknown = [i.code for i in items if i.domain not in domain_codes]
    if unknown:
        raise ValueError(f"The instrument file {source}: item {unknown[0]} belongs to an undeclared domain.")
    empty = [d for d in domain_codes if d not in {i.domain for i in items}]
    if empty:
        raise ValueError(f"The instrument file {source}: domain {empty[0]} has no items.")


TOML_HEADER = (
    "# An Effective Offices survey instrument: its answer scale, tiers, domains and items (docs/instruments.md).\n"
    "# Written by metrics.instrument_toml; metrics.load_instrument and metrics.parse_instrument read it back.\n"
)
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
_BARE_KEY = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


def instrument_toml(instrument: Instrument) -> str:
    """The instrument as the text of an instrument file, which `parse_instrument` (and `load_instrument`, once
    saved as UTF-8) reads back to an equal instrument: how an agency's own instrument is kept, shared and edited.

    Refuses (ValueError, saying why) an instrument that the loader would refuse or would not read back equal
    (such as unsorted favourable points), and text that cannot be written as UTF-8 (a lone surrogate)."""
    scale, tiers = instrument.scale, instrument.tiers
    lines = [TOML_HEADER.rstrip("\n"), f"name = {_string(instrument.name)}", "", "[scale]"]
    lines += [f"lo = {_integer(scale.lo)}", f"hi = {_integer(scale.hi)}"]
    lines += [f"labels = {_strings(scale.labels)}", f"favorable = [{', '.join(_integer(p) for p in scale.favorable)}]"]
    lines += ["", "[tiers]", "# Lower bounds on the 0-100 score as shown (one decimal); below emerging is Priority."]
    lines += [f"{key} = {_float(getattr(tiers, key))}" for key in ("strength", "developing", "emerging")]
    if instrument.collective:
        lines += ["", "[collective]", "# The domains that play the collective-leadership roles."]
        lines += [f"{_key(role)} = {_string(code)}" for role, code in instrument.collective]
    for domain in instrument.domains:
        lines += ["", "[[domains]]", f"code = {_string(domain.code)}", f"name = {_string(domain.name)}"]
        if domain.description:
            lines.append(f"description = {_string(domain.description)}")
        if domain.labels:
            lines.append(f"labels = {_strings(domain.labels)}")
    for item in instrument.items:
        lines += ["", "[[items]]", f"code = {_string(item.code)}", f"domain = {_string(item.domain)}"]
        lines += [
            f"text = {_string(item.text)}",
            f"reverse_coded = {'true' if item.reverse_coded is True else 'false'}",
        ]
    text = "\n".join(lines) + "\n"
    _check_round_trip(instrument, text)
    return text


def _check_round_trip(instrument: Instrument, text: str) -> None:
    try:
        again = parse_instrument(text, repr(instrument.name))
    except ValueError as error:
        raise ValueError(f"The instrument {instrument.name!r} cannot be written as a valid file: {error}") from error
    if again != instrument:
        part = next(
            (
                name
                for name in ("name", "scale", "tiers", "collective", "domains", "items")
                if getattr(again, name) != getattr(instrument, name)
            ),
            "instrument",
        )
        raise ValueError(
            f"The instrument {instrument.name!r} would not read back the same from a file (its {part} would change): "
            "codes, names and texts must be text and the favourable points sorted."
        )


def _string(value: object) -> str:
    """A TOML basic string: backslash, quote and control characters escaped, other Unicode kept as it is."""
    text = str(value)
    out = []
    for char in text:
        category = unicodedata.category(char)
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif category in ("Cc", "Zl", "Zp"):
            out.append(f"\\u{ord(char):04X}")
        elif category == "Cs":
            raise ValueError(f"The text {text!r} holds a lone surrogate, which no UTF-8 file can hold.")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _strings(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(_string(value) for value in values) + "]"


def _key(name: str) -> str:
    return name if name and set(name) <= _BARE_KEY else _string(name)


def _integer(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"The scale point {value!r} is not a whole number.")
    return str(value)


def _float(value: float) -> str:
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"The tier cut point {value!r} is not a finite number.")
    return repr(number)
