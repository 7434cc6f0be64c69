"""The Instrument page's working copy: an instrument as the tables an analyst edits, and back again.

An instrument is checked only by `metrics` (`instrument_from_dict`, the loader's own checks), so what the page
lets an analyst save is exactly what every other page can load. This module only moves entries between tables and
the file's shape, and lists what an analyst should look at before saving.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

import metrics
from metrics.instrument import COLLECTIVE_ROLES, instrument_from_dict

ITEM_COLUMNS = ("code", "domain", "text", "reverse_coded")
DOMAIN_COLUMNS = ("code", "name", "description")
ROLE_WORDS = {
    "vision": "Shared vision",
    "decisions": "Shared decisions (influence)",
    "trust": "Trust",
    "communication": "Communication",
    "partnership": "Partnership",
}


@dataclass
class Working:
    """An instrument being edited. `columns` (export column -> item code) comes with a draft, so that the export it
    was drafted from maps to it exactly; `source` says where it started."""

    name: str
    lo: int
    labels: list[str]
    favorable: list[int]
    tiers: metrics.Tiers
    domains: pd.DataFrame
    items: pd.DataFrame
    roles: dict[str, str]
    domain_labels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)
    source: str = ""
    signature: str = ""  # the column signature of the export a draft came from (`store.mapping_signature`)
    notes: list[str] = field(default_factory=list)  # what the draft or the template reader assumed

    @property
    def hi(self) -> int:
        return self.lo + len(self.labels) - 1


def from_instrument(
    instrument: metrics.Instrument,
    source: str,
    columns: dict[str, str] | None = None,
    signature: str = "",
    notes: list[str] | tuple[str, ...] = (),
) -> Working:
    """The tables of an instrument, for editing."""
    return Working(
        name=instrument.name,
        lo=instrument.scale.lo,
        labels=list(instrument.scale.labels),
        favorable=list(instrument.scale.favorable),
        tiers=instrument.tiers,
        domains=pd.DataFrame(
            [(d.code, d.name, d.description) for d in instrument.domains], columns=list(DOMAIN_COLUMNS), dtype=object
        ),
        items=pd.DataFrame(
            [(i.code, i.domain, i.text, i.reverse_coded) for i in instrument.items], columns=list(ITEM_COLUMNS)
        ).astype({"code": object, "domain": object, "text": object, "reverse_coded": bool}),
        roles={role: instrument.role_domain(role) or "" for role in COLLECTIVE_ROLES},
        domain_labels={d.code: d.labels for d in instrument.domains if d.labels},
        columns=dict(columns or {}),
        source=source,
        signature=signature,
        notes=list(notes),
    )


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()


def _ticked(value: object) -> bool:
    """A checkbox cell: a new row's empty cell is not ticked."""
    return bool(value) and not (isinstance(value, float) and pd.isna(value))


def entries(working: Working) -> dict:
    """The instrument file's entries (the dict `metrics.instrument_from_dict` reads). Blank rows are left out; a
    domain's own labels are kept only while it still has one per point."""
    domains = []
    for row in working.domains.itertuples(index=False):
        code = _text(row.code)
        if not code and not _text(row.name):
            continue
        domain = {"code": code, "name": _text(row.name) or code, "description": _text(row.description)}
        own = working.domain_labels.get(code, ())
        if len(own) == len(working.labels):
            domain["labels"] = list(own)
        domains.append(domain)
    items = [
        {
            "code": _text(row.code),
            "domain": _text(row.domain),
            "text": _text(row.text),
            "reverse_coded": _ticked(row.reverse_coded),
        }
        for row in working.items.itertuples(index=False)
        if _text(row.code) or _text(row.text)
    ]
    used = {item["domain"] for item in items}
    domains = [domain for domain in domains if domain["code"] in used]  # an empty domain is left out (cautions)
    declared = {domain["code"] for domain in domains}
    return {
        "name": working.name.strip(),
        "scale": {
            "lo": working.lo,
            "hi": working.hi,
            "labels": [label.strip() for label in working.labels],
            "favorable": sorted(working.favorable),
        },
        "tiers": {
            "strength": working.tiers.strength,
            "developing": working.tiers.developing,
            "emerging": working.tiers.emerging,
        },
        "collective": {role: code for role, code in working.roles.items() if code and code in declared},
        "domains": domains,
        "items": items,
    }


def build(working: Working) -> metrics.Instrument:
    """The instrument the tables describe; ValueError (a sentence) when `metrics` would refuse it."""
    if not working.name.strip():
        raise ValueError("The instrument needs a name.")
    return instrument_from_dict(entries(working), working.name.strip() or "instrument")


def cautions(instrument: metrics.Instrument, working: Working | None = None) -> list[str]:
    """What a valid instrument may still get wrong, in plain words, for the analyst to look at before saving
    (with the working copy: the domains left out for having no question)."""
    found = []
    if working is not None:
        empty = [str(code) for code in working.domains["code"] if str(code) not in instrument.domain_codes]
        if empty:
            found.append(
                f"{', '.join(empty)} {'has' if len(empty) == 1 else 'have'} no question, so "
                f"{'it is' if len(empty) == 1 else 'they are'} left out. Give questions its code to keep it."
            )
    one_item = [d.name for d in instrument.domains if len(instrument.items_of(d.code)) == 1]
    if one_item:
        found.append(
            f"{len(one_item)} domain(s) hold a single question ({', '.join(one_item[:5])}"
            f"{' …' if len(one_item) > 5 else ''}): a one-question domain has no reliability, and a score from one "
            "question is fragile. Merge related questions into one domain where they belong together."
        )
    untitled = [i.code for i in instrument.items if not i.text.strip()]
    if untitled:
        found.append(f"{len(untitled)} question(s) have no text ({', '.join(untitled[:5])}): pages show their codes.")
    missing = metrics.missing_roles(instrument, COLLECTIVE_ROLES)
    if missing:
        found.append(
            "No domain plays " + ", ".join(ROLE_WORDS[r].lower() for r in missing) + ": shared influence and the "
            "collective leadership score need those roles and will say they are not reported."
        )
    return found


def wording(working: Working, code: str) -> tuple[str, ...]:
    """The words a domain's answers were given in: its own labels, else the scale's."""
    own = working.domain_labels.get(code, ())
    return tuple(own) if len(own) == len(working.labels) else tuple(working.labels)


def merge(working: Working, merged: list[str], into: str) -> Working:
    """The domains in `merged` folded into `into`: their questions move to it and they are removed. ValueError when
    their answers were worded differently ("Never … Always" and "Very dissatisfied … Very satisfied"): the merged
    questions' answers could no longer be read."""
    gone = [code for code in merged if code != into]
    other = [code for code in gone if wording(working, code) != wording(working, into)]
    if other:
        theirs, ours = wording(working, other[0]), wording(working, into)
        raise ValueError(
            f"{other[0]} was answered “{theirs[0]} … {theirs[-1]}” and {into} “{ours[0]} … {ours[-1]}”: merged, "
            f"the answers of {other[0]} could not be read. Keep domains of different answer words apart."
        )
    items = working.items.copy()
    items.loc[items["domain"].isin(gone), "domain"] = into
    domains = working.domains[~working.domains["code"].isin(gone)].reset_index(drop=True)
    roles = {role: (into if code in gone else code) for role, code in working.roles.items()}
    return replace(working, items=items, domains=domains, roles=roles)


def add_domain(working: Working, code: str, name: str) -> Working:
    """A new, empty domain (questions are given its code afterwards); ValueError for a blank or taken code."""
    code, name = code.strip(), name.strip()
    if not code:
        raise ValueError("Give the new domain a code.")
    if code in set(working.domains["code"].astype(str)):
        raise ValueError(f"A domain with the code {code} already exists.")
    row = pd.DataFrame([(code, name or code, "")], columns=list(DOMAIN_COLUMNS), dtype=object)
    return replace(working, domains=pd.concat([working.domains, row], ignore_index=True))


def rescale(working: Working, points: int) -> Working:
    """The scale with `points` points (4 to 7) from `lo`: labels kept where they exist, numbers for new points;
    favourable points off the new scale dropped (and the top two used when none is left)."""
    labels = [*working.labels[:points], *[str(working.lo + p) for p in range(len(working.labels), points)]]
    hi = working.lo + points - 1
    favorable = [p for p in working.favorable if p <= hi] or [hi - 1, hi]
    return replace(working, labels=labels, favorable=favorable)
