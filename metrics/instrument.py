"""The instrument model: items, domains, answer scale and tier cut points.

An instrument is configuration, not code: the default ships as `instruments/default.toml` and an agency
loads its own file of the same shape with `load_instrument(path)`.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from pathlib import Path

DEFAULT_INSTRUMENT = Path(__file__).parent / "instruments" / "default.toml"
TIER_NAMES = ("Strength", "Developing", "Emerging", "Priority")
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
    """The default CEELO-aligned instrument, or an agency's own TOML instrument file.

    Refuses (ValueError, saying what is wrong) a scale outside 4-7 points, labels that do not match the
    points, favourable points off the scale, items of an undeclared domain, duplicate codes and empty domains.
    """
    source = Path(path) if path is not None else DEFAULT_INSTRUMENT
    try:
        with open(source, "rb") as handle:
            raw = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"The instrument file {source.name} is not valid TOML: {error}") from error
    return _instrument_from_dict(raw, source.name)


def _instrument_from_dict(raw: dict, source: str) -> Instrument:
    try:
        scale_raw = raw["scale"]
        lo, hi = int(scale_raw["lo"]), int(scale_raw["hi"])
        domains = tuple(Domain(str(d["code"]), str(d["name"]), str(d.get("description", ""))) for d in raw["domains"])
        items = tuple(
            Item(str(i["code"]), str(i["domain"]), str(i.get("text", "")), bool(i.get("reverse_coded", False)))
            for i in raw["items"]
        )
    except (KeyError, TypeError) as error:
        raise ValueError(f"The instrument file {source} lacks a required entry: {error}") from error
    if not 4 <= hi - lo + 1 <= 7:
        raise ValueError(f"The instrument file {source} has a {hi - lo + 1}-point scale; 4 to 7 points are supported.")
    labels = tuple(str(label) for label in scale_raw.get("labels", [str(p) for p in range(lo, hi + 1)]))
    if len(labels) != hi - lo + 1:
        raise ValueError(f"The instrument file {source} has {len(labels)} labels for {hi - lo + 1} scale points.")
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
    _check_codes(domains, items, source)
    return Instrument(str(raw.get("name", source)), Scale(lo, hi, labels, favorable), domains, items, tiers)


def _check_codes(domains: tuple[Domain, ...], items: tuple[Item, ...], source: str) -> None:
    domain_codes = [d.code for d in domains]
    item_codes = [i.code for i in items]
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
