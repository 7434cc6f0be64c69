"""Candidate focus areas for an action plan, read from one group's indicator tables (never from raw rows).

A focus is a domain, an item, or a (unit, domain) pair. It becomes a candidate when it meets a rule:

- `priority_tier` / `emerging_tier`: the domain's shown tier is the lowest / second-lowest tier (§3.6);
- `decline`: its change since the earlier wave is meaningful (§5) and negative;
- `gap`: its leader-staff gap is labelled "large" or "notable" (§4.1), either sign;
- `low_influence`: the shared-influence share is below `influence_below` (unrounded, §3.0) -> focus the domain
  that plays the decisions role (SHD by default, `Instrument.role_domain`);
- `weak_item`: one of the `weakest_items` shown items with the lowest % favourable below `items_below`
  (ranked by the share as shown, ties in instrument order);
- `low_agreement`: a unit's r_wg on a domain is below consensus (§4.3); the "Not reported" group is no unit
  (as in §4.4) and is left out.

A suppressed row of any table takes no part: it makes no candidate and lends no number, no n and no text.

Ranking (one row per focus, the rules it meets merged):
1. its first rule in this order: priority_tier, decline, gap labelled large, emerging_tier, gap labelled
   notable, low_influence, weak_item, low_agreement;
2. more rules met first;
3. the severity of that first rule, on the value as displayed (one decimal; r_wg two decimals), so that two
   foci that read the same are tied: lowest score, most negative change, largest |gap|, lowest share,
   lowest % favourable, lowest r_wg;
4. instrument order of the focus, then the unit as text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from metrics.instrument import TIER_NAMES, Instrument
from metrics.leadership import CONSENSUS
from metrics.policy import LOW_INFLUENCE, WEAK_ITEM
from metrics.responses import NOT_REPORTED
from metrics.rounding import below, shown

PRIORITY_RULES = ("priority_tier", "emerging_tier", "decline", "gap", "low_agreement", "low_influence", "weak_item")
PRIORITY_COLUMNS = ("rank", "focus", "focus_kind", "domain", "unit", "rules", "value", "n", "evidence", "why")
# Ranking precedence of a focus's first rule; a gap ranks by its label.
_PRECEDENCE = (
    "priority_tier",
    "decline",
    "gap:large",
    "emerging_tier",
    "gap:notable",
    "low_influence",
    "weak_item",
    "low_agreement",
)
_NEEDS = {
    "scores": ("domain", "n", "score", "tier", "suppressed"),
    "items": ("item", "domain", "n", "pct_favorable", "suppressed"),
    "gaps": (
        "domain",
        "leaders_n",
        "staff_n",
        "leaders_score",
        "staff_score",
        "gap",
        "gap_low",
        "gap_high",
        "label",
        "suppressed",
    ),
    "influence": ("n", "share", "suppressed"),
    "agreement": ("unit", "domain", "n", "r_wg", "consensus", "suppressed"),
    "change": ("domain", "change", "ci_low", "ci_high", "meaningful", "suppressed"),
}


def priorities(
    scores: pd.DataFrame,
    items: pd.DataFrame,
    gaps: pd.DataFrame,
    influence: pd.DataFrame,
    agreement: pd.DataFrame | None,
    change: pd.DataFrame | None,
    instrument: Instrument,
    *,
    weakest_items: int = 3,
    influence_below: float = LOW_INFLUENCE,
    items_below: float = WEAK_ITEM,
    since: str | None = None,
) -> pd.DataFrame:
    """One row per candidate focus, ranked (see the module docstring): `rank`, `focus`, `focus_kind`, `domain`,
    `unit`, `rules`, `value` and `n` of the first rule, `evidence` (numbers as shown) and `why` (one sentence).

    Inputs are one group's `domain_scores`, `item_stats`, `perception_gap`, `shared_influence`, the unit
    breakdown of `agreement` (or None: no unit breakdown, e.g. across agencies), and `domain_change` (or None
    without an earlier wave; `since` names that wave).
    Scores, shares and changes are on 0-100; suppressed rows are ignored whole."""
    tables = {"scores": scores, "items": items, "gaps": gaps, "influence": influence}
    tables |= {name: table for name, table in (("agreement", agreement), ("change", change)) if table is not None}
    for name, table in tables.items():
        _check(name, table)
    domains = {code: _Focus(code, "domain", code, None) for code in instrument.domain_codes}
    _tier_rules(scores, domains)
    if change is not None:
        _decline_rule(change, scores, domains, since)
    _gap_rule(gaps, domains)
    decisions = instrument.role_domain("decisions")
    if decisions is not None:
        _influence_rule(influence, domains[decisions], influence_below)
    found = [focus for focus in domains.values() if focus.rules]
    found += _weak_items(items, instrument, weakest_items, items_below)
    if agreement is not None:
        found += _low_agreement(agreement, instrument)
    if not found:
        return _empty()
    found.sort(key=lambda focus: focus.sort_key(instrument))
    context = _Context(instrument, since)
    return pd.DataFrame(
        {
            "rank": np.arange(1, len(found) + 1, dtype=np.int64),
            "focus": pd.Series([f.focus for f in found], dtype=object),
            "focus_kind": pd.Series([f.kind for f in found], dtype=object),
            "domain": pd.Series([f.domain for f in found], dtype=object),
            "unit": pd.Series([f.unit for f in found], dtype=object),
            "rules": pd.Series([f.rule_codes() for f in found], dtype=object),
            "value": np.array([f.first().value for f in found], dtype=float),
            "n": pd.array([f.first().n for f in found], dtype="Int64"),
            "evidence": pd.Series([f.evidence() for f in found], dtype=object),
            "why": pd.Series([context.sentence(f) for f in found], dtype=object),
        }
    )


def _tier_rules(scores: pd.DataFrame, domains: dict) -> None:
    for row in _shown(scores).itertuples(index=False):
        if row.domain not in domains or _missing(row.score):
            continue
        for code, name in (("priority_tier", TIER_NAMES[-1]), ("emerging_tier", TIER_NAMES[-2])):
            if row.tier == name:
                domains[row.domain].add(code, code, row.score, row.n, f"score {_num(row.score)} ({name})")


def _decline_rule(change: pd.DataFrame, scores: pd.DataFrame, domains: dict, since: str | None) -> None:
    """A meaningful fall (§5). Its n: min(n_from, n_to) if the table has them, else the shown current n."""
    current_n = {row.domain: row.n for row in _shown(scores).itertuples(index=False)}
    for row in _shown(change).itertuples(index=False):
        if row.domain not in domains or not bool(row.meaningful) or not row.change < 0:
            continue
        n_from, n_to = getattr(row, "n_from", None), getattr(row, "n_to", None)
        n = current_n.get(row.domain) if _missing(n_from) or _missing(n_to) else min(n_from, n_to)
        text = (
            f"change {_num(row.change)} since {since or 'the previous survey'} "
            f"(95 % interval {_num(row.ci_low)} to {_num(row.ci_high)})"
        )
        domains[row.domain].add("decline", "decline", row.change, n, text)


def _gap_rule(gaps: pd.DataFrame, domains: dict) -> None:
    for row in _shown(gaps).itertuples(index=False):
        if row.domain not in domains or row.label not in ("large", "notable") or _missing(row.gap):
            continue
        text = (
            f"leaders {_num(row.leaders_score)}, staff {_num(row.staff_score)}: gap {_signed(row.gap)} "
            f"(95 % interval {_num(row.gap_low)} to {_num(row.gap_high)}, {row.label})"
        )
        n = min(int(row.leaders_n), int(row.staff_n))
        said = f"{int(row.leaders_n):,} leaders and {int(row.staff_n):,} staff responding"
        domains[row.domain].add("gap", f"gap:{row.label}", row.gap, n, text, said)


def _influence_rule(influence: pd.DataFrame, focus: _Focus, influence_below: float) -> None:
    """Shared influence below the bar, unrounded with the §3.0 tolerance."""
    for row in _shown(influence).itertuples(index=False):
        if below(row.share, influence_below):
            text = f"shared influence {_num(row.share)}% of staff"
            focus.add("low_influence", "low_influence", row.share, row.n, text)


@dataclass(frozen=True)
class _Rule:
    code: str
    key: str  # its place in _PRECEDENCE (a gap by its label)
    value: float
    n: int | None
    text: str
    n_text: str


class _Focus:
    """One candidate focus and the rules it meets."""

    def __init__(self, focus: str, kind: str, domain: str, unit: str | None):
        self.focus, self.kind, self.domain, self.unit = focus, kind, domain, unit
        self.rules: list[_Rule] = []

    def add(self, code: str, key: str, value, n, text: str, n_text: str | None = None) -> None:
        n = None if _missing(n) else int(n)
        if n_text is None:
            n_text = "" if n is None else f"{n:,} responses"
        self.rules.append(_Rule(code, key, float(value), n, text, n_text))

    def ordered(self) -> list[_Rule]:
        return sorted(self.rules, key=lambda rule: _PRECEDENCE.index(rule.key))

    def first(self) -> _Rule:
        return self.ordered()[0]

    def rule_codes(self) -> tuple[str, ...]:
        return tuple(rule.code for rule in self.ordered())

    def evidence(self) -> str:
        """Each rule's numbers as shown, with its n; a decline's n (the current n) is said once only."""
        codes = self.rule_codes()
        parts = []
        for rule in self.ordered():
            quiet = rule.code == "decline" and ("priority_tier" in codes or "emerging_tier" in codes)
            parts.append(rule.text if quiet or not rule.n_text else f"{rule.text}, {rule.n_text}")
        return "; ".join(parts)

    def sort_key(self, instrument: Instrument) -> tuple:
        first = self.first()
        if first.code == "low_agreement":
            severity = _two_decimals(first.value)
        elif first.code == "gap":
            severity = -abs(shown(first.value))
        else:
            severity = shown(first.value)
        codes = instrument.domain_codes if self.kind == "domain" else instrument.item_codes
        return (_PRECEDENCE.index(first.key), -len(self.rules), severity, codes.index(self.focus), self.unit or "")


class _Context:
    """What the plain-English sentences need: the instrument's names and the earlier wave's label."""

    def __init__(self, instrument: Instrument, since: str | None):
        self.instrument, self.since = instrument, since

    def sentence(self, focus: _Focus) -> str:
        name = self.instrument.domain_name(focus.domain)
        first = focus.first()
        if first.code == "weak_item":
            item = self.instrument.items[self.instrument.item_codes.index(focus.focus)]
            text = f"“{item.text}” ({name})" if item.text else f"{item.code} ({name})"  # a code only when no text
            return f"Only {_num(first.value)}% of answers to {text} are favourable."
        if first.code == "low_agreement":
            return (
                f"In {focus.unit}, people see {name} very differently from one another "
                f"(agreement {_two_decimals_text(first.value)}, below {CONSENSUS:.2f})."
            )
        clauses = [self.clause(rule) for rule in focus.ordered()]
        listed = clauses[0] if len(clauses) == 1 else ", ".join(clauses[:-1]) + " and " + clauses[-1]
        return f"{name} {listed}."

    def clause(self, rule: _Rule) -> str:
        if rule.code in ("priority_tier", "emerging_tier"):
            return f"is in the {TIER_NAMES[-1] if rule.code == 'priority_tier' else TIER_NAMES[-2]} tier"
        if rule.code == "decline":
            return f"fell by {_num(abs(rule.value))} points since {self.since or 'the last survey'}"
        if rule.code == "gap":
            more, less = ("leaders", "staff") if rule.value > 0 else ("staff", "leaders")
            return f"is seen more favourably by {more} than by {less} (a gap of {_num(abs(rule.value))} points)"
        return f"has only {_num(rule.value)}% of staff reporting real influence over decisions"


def _weak_items(items: pd.DataFrame, instrument: Instrument, k: int, items_below: float) -> list[_Focus]:
    """The k shown items with the lowest % favourable (as shown; ties in instrument order) below the bar."""
    visible = _shown(items)
    visible = visible[visible["item"].isin(instrument.item_codes) & visible["pct_favorable"].notna()]
    visible = visible[below(visible["pct_favorable"].to_numpy(dtype=float), items_below)]
    if visible["item"].duplicated().any():
        raise ValueError("priorities expects the item statistics of one group (each item once).")
    order = visible["item"].map(instrument.item_codes.index)
    ranked = visible.assign(_shown=shown(visible["pct_favorable"].to_numpy(dtype=float)), _order=order)
    ranked = ranked.sort_values(["_shown", "_order"], kind="stable").head(max(int(k), 0))
    found = []
    for row in ranked.itertuples(index=False):
        focus = _Focus(row.item, "item", instrument.items[instrument.item_codes.index(row.item)].domain, None)
        text = f"{_num(row.pct_favorable)}% favourable"
        focus.add("weak_item", "weak_item", row.pct_favorable, row.n, text)
        found.append(focus)
    return found


def _low_agreement(agreement: pd.DataFrame, instrument: Instrument) -> list[_Focus]:
    """Shown (unit, domain) cells without consensus; the "Not reported" group is no unit (§4.4)."""
    found = []
    for row in _shown(agreement).itertuples(index=False):
        if row.domain not in instrument.domain_codes or str(row.unit) == NOT_REPORTED or _missing(row.r_wg):
            continue
        if not bool(row.consensus):
            focus = _Focus(row.domain, "domain", row.domain, str(row.unit))
            text = f"agreement within {row.unit}: {_two_decimals_text(row.r_wg)} (below {CONSENSUS:.2f})"
            focus.add("low_agreement", "low_agreement", row.r_wg, row.n, text)
            found.append(focus)
    return found


def _check(name: str, table: pd.DataFrame) -> None:
    """Light validation: the columns the rules read, and one group per domain-keyed table."""
    for column in _NEEDS[name]:
        if column not in table.columns:
            raise ValueError(f"The {name} table has no column '{column}'.")
    if name in ("scores", "gaps", "change") and table["domain"].duplicated().any():
        raise ValueError(f"priorities expects the {name} of one group (each domain once).")
    if name == "influence" and len(table) > 1:
        raise ValueError("priorities expects the shared influence of one group (one row).")


def _shown(table: pd.DataFrame) -> pd.DataFrame:
    """The rows that are not suppressed: nothing of a suppressed row is ever read."""
    return table[~table["suppressed"].astype(bool).to_numpy()]


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, (float, np.floating)) and math.isnan(value))


def _num(value: float) -> str:
    """One decimal as shown (§3.0), with a true minus sign; -0.0 reads 0.0."""
    rounded = shown(float(value))
    return f"−{-rounded:.1f}" if rounded < 0 else f"{abs(rounded):.1f}"


def _signed(value: float) -> str:
    rounded = shown(float(value))
    return f"+{rounded:.1f}" if rounded > 0 else _num(value)


def _two_decimals(value: float) -> float:
    """r_wg as the agreement table displays it: two decimals, half away from zero."""
    return shown(float(value) * 10) / 10


def _two_decimals_text(value: float) -> str:
    return f"{_two_decimals(value):.2f}"


def _empty() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "rank": pd.Series(dtype=np.int64),
            "focus": pd.Series(dtype=object),
            "focus_kind": pd.Series(dtype=object),
            "domain": pd.Series(dtype=object),
            "unit": pd.Series(dtype=object),
            "rules": pd.Series(dtype=object),
            "value": pd.Series(dtype=float),
            "n": pd.Series(dtype="Int64"),
            "evidence": pd.Series(dtype=object),
            "why": pd.Series(dtype=object),
        }
    )
