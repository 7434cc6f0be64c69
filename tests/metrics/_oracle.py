"""An independent oracle of the confidentiality rules (indicators §2, §3.0, §3.3-3.4, §4.1-4.2, §7).

Written from the contract text alone, without reading the suppression or scoring code, so that property tests
can compare the two. Plain, slow, obviously-correct Python: loops, sets and dicts; pandas only to read rows.

Readings of the contract taken here (each is also listed in the test module's docstring):

- A view's rows are compared by label: a missing attribute (null, or a string with nothing left after
  `str.strip()`) is the label "Not reported", every other value is `str(value)`, used exactly as it is (§2).
- §7.4 c, "some agency having rows under that unit name in the wave would have its view of that unit (with the
  same role filter) refused": the agencies are those with rows under the unit name in the wave *with any role*,
  and an agency whose (agency, unit, role) view is empty counts as refused, because `view_refusal` refuses an
  empty view ("empty"). `EMPTY_COUNTS_AS_REFUSED` switches that reading off. The "Not reported" agency (rows
  whose agency is missing) is an agency label like any other here.
- §7.4 a and b are checked on every wider view whatever that wider view's own refusal is.
- "too small" wins over "protects a small group" when a view has 1 to min_n - 1 rows.
"""

from __future__ import annotations

import math
from itertools import combinations

import pandas as pd

NOT_REPORTED = "Not reported"
EMPTY = "empty"
TOO_SMALL = "too small"
PROTECTS_SMALL_GROUP = "protects a small group"
LEADERS = ("executive", "manager")
FILTERS = ("agency", "unit", "role_level")

# §7.4 c: does an agency whose view of the unit (with the same role filter) is empty make the pooled view of
# that unit name refused? The literal text says yes (an empty view is a refused view); see the module docstring.
EMPTY_COUNTS_AS_REFUSED = True


# --------------------------------------------------------------------------------------------------- rows


def label(value) -> str:
    """§2: a missing attribute is "Not reported"; any other value is its text, exactly as it is."""
    if value is None:
        return NOT_REPORTED
    if isinstance(value, str):
        return NOT_REPORTED if value.strip() == "" else value
    try:
        if pd.isna(value):
            return NOT_REPORTED
    except (TypeError, ValueError):
        pass
    return str(value)


def is_missing_answer(value) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def records(responses) -> list[dict]:
    """The rows as plain dicts (a list of dicts is passed through, so callers may convert once)."""
    if isinstance(responses, list):
        return responses
    out = []
    for row in responses.to_dict("records"):
        out.append(row)
    return out


def view_rows(responses, wave, agency, unit, role_level) -> list[dict]:
    """The rows of a view: one wave (None: every row), and each of agency, unit, role_level as a label or None."""
    wanted = {"agency": agency, "unit": unit, "role_level": role_level}
    out = []
    for row in records(responses):
        if wave is not None and label(row.get("wave")) != str(wave):
            continue
        keep = True
        for column, value in wanted.items():
            if value is not None and label(row.get(column)) != value:
                keep = False
                break
        if keep:
            out.append(row)
    return out


# ------------------------------------------------------------------------------------------ §7.2 a and c


def step_a(sizes: list[int], min_n: int, prehidden: list[bool] | None = None) -> list[bool]:
    """§7.2 a for one parent's siblings, given in sort order: which are hidden whole.

    `prehidden` siblings (their own view refused, §7.4 last paragraph) are hidden before step a starts.
    """
    if prehidden is None:
        prehidden = [False] * len(sizes)
    hidden = []
    for size, pre in zip(sizes, prehidden, strict=True):
        hidden.append(bool(pre) or size < min_n)
    while True:
        hidden_idx = [i for i in range(len(sizes)) if hidden[i]]
        shown_idx = [i for i in range(len(sizes)) if not hidden[i]]
        if not hidden_idx or not shown_idx:
            break
        hidden_total = 0
        for i in hidden_idx:
            hidden_total += sizes[i]
        if not (len(hidden_idx) == 1 or hidden_total < min_n):
            break
        smallest = shown_idx[0]
        for i in shown_idx:
            if sizes[i] < sizes[smallest]:  # strict: ties keep the first in sort order
                smallest = i
        hidden[smallest] = True
    return hidden


def step_c(own_n: list[int], hidden: list[bool], min_n: int) -> list[bool]:
    """§7.2 c for one parent and one measure: `hidden` are the cells suppressed so far (for any reason)."""
    suppressed = list(hidden)
    while True:
        supp_idx = [i for i in range(len(own_n)) if suppressed[i]]
        shown_idx = [i for i in range(len(own_n)) if not suppressed[i]]
        if not supp_idx or not shown_idx:
            break
        total = 0
        someone = False
        for i in supp_idx:
            total += own_n[i]
            if own_n[i] >= 1:
                someone = True
        if not (len(supp_idx) == 1 or (someone and total < min_n)):
            break
        smallest = shown_idx[0]
        for i in shown_idx:
            if own_n[i] < own_n[smallest]:
                smallest = i
        suppressed[smallest] = True
    return suppressed


# --------------------------------------------------------------------------------------------- §7.4


def _count_by(rows: list[dict], column: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in rows:
        key = label(row.get(column))
        counts[key] = counts.get(key, 0) + 1
    return counts


def hidden_in_plain_breakdown(rows: list[dict], column: str, value: str, min_n: int) -> bool:
    """Is the group `value` hidden whole (§7.1 or step a, no pre-hiding) in the breakdown of `rows` by `column`?"""
    counts = _count_by(rows, column)
    groups = sorted(counts)
    hidden = step_a([counts[g] for g in groups], min_n, [False] * len(groups))
    return hidden[groups.index(value)]


def refusal(responses, wave, agency, unit, role_level, min_n: int = 5) -> str:
    """The empty string when the view may be shown, else why not (§7.4): "empty", "too small" or "protects a
    small group"."""
    data = records(responses)
    rows = view_rows(data, wave, agency, unit, role_level)
    if not rows:
        return EMPTY
    if len(rows) < min_n:
        return TOO_SMALL
    view = {"agency": agency, "unit": unit, "role_level": role_level}
    set_filters = [f for f in FILTERS if view[f] is not None]

    # a. the view leaves 1 to min_n - 1 respondents of a wider view (one or more filters removed) out
    for k in range(1, len(set_filters) + 1):
        for removed in combinations(set_filters, k):
            wider = dict(view)
            for f in removed:
                wider[f] = None
            wider_rows = view_rows(data, wave, wider["agency"], wider["unit"], wider["role_level"])
            left_out = len(wider_rows) - len(rows)
            if 1 <= left_out <= min_n - 1:
                return PROTECTS_SMALL_GROUP

    # b. its group is hidden whole in the breakdown, by the removed filter's column, of a wider view with one
    #    filter removed (across agencies, unit names are grouped as they are)
    for f in set_filters:
        wider = dict(view)
        wider[f] = None
        wider_rows = view_rows(data, wave, wider["agency"], wider["unit"], wider["role_level"])
        if hidden_in_plain_breakdown(wider_rows, f, view[f], min_n):
            return PROTECTS_SMALL_GROUP

    # c. a unit named with no agency: each agency having rows under that unit name in the wave (any role) must
    #    be able to show its own view of that unit with the same role filter
    if unit is not None and agency is None:
        agencies = set()
        for row in view_rows(data, wave, None, unit, None):
            agencies.add(label(row.get("agency")))
        for each in sorted(agencies):
            reason = refusal(data, wave, each, unit, role_level, min_n)
            if reason == EMPTY and not EMPTY_COUNTS_AS_REFUSED:
                continue
            if reason:
                return PROTECTS_SMALL_GROUP
    return ""


def _groups(rows: list[dict], by: tuple[str, ...]) -> list[tuple]:
    seen = set()
    for row in rows:
        seen.add(tuple(label(row.get(c)) for c in by))
    return sorted(seen)


def refused_groups(responses, wave, agency, unit, role_level, by, min_n: int = 5) -> set[tuple]:
    """The groups of the view's breakdown by `by` whose own view (the view's filters plus the group's values of
    the `by` columns that are agency, unit or role_level) is refused (§7.4, last paragraph)."""
    by = (by,) if isinstance(by, str) else tuple(by)
    data = records(responses)
    rows = view_rows(data, wave, agency, unit, role_level)
    out = set()
    for group in _groups(rows, by):
        own = {"agency": agency, "unit": unit, "role_level": role_level}
        for column, value in zip(by, group, strict=True):
            if column in FILTERS:
                own[column] = value
        if refusal(data, wave, own["agency"], own["unit"], own["role_level"], min_n):
            out.add(group)
    return out


# ------------------------------------------------------------------------------------- §3.3, §4.1, §4.2


def has_domain_score(row: dict, instrument, domain: str) -> bool:
    """§3.3: answered at least half the domain's items (rounded up) and at least 2; a one-item domain needs it."""
    codes = [item.code for item in instrument.items_of(domain)]
    answered = 0
    for code in codes:
        if not is_missing_answer(row.get(code)):
            answered += 1
    if len(codes) == 1:
        return answered == 1
    return answered >= math.ceil(len(codes) / 2) and answered >= 2


def is_leader(row: dict) -> bool:
    return label(row.get("role_level")) in LEADERS


# ------------------------------------------------------------------------------------------ §7.1 - §7.2


def _parents(groups: list[tuple]) -> dict[tuple, list[int]]:
    """Siblings share every `by` value but the last; indices into the sorted groups, in sort order."""
    parents: dict[tuple, list[int]] = {}
    for i, group in enumerate(groups):
        parents.setdefault(group[:-1], []).append(i)
    return parents


def hidden_whole(rows: list[dict], by, min_n: int, hide_groups=frozenset()) -> dict[tuple, bool]:
    """Groups hidden whole: §7.1 (fewer than min_n rows), `hide_groups` (before step a), then step a."""
    by = (by,) if isinstance(by, str) else tuple(by)
    groups = _groups(rows, by)
    sizes = {g: 0 for g in groups}
    for row in rows:
        sizes[tuple(label(row.get(c)) for c in by)] += 1
    hide = {tuple(g) for g in hide_groups}
    out = {}
    for _, members in _parents(groups).items():
        sibs = [groups[i] for i in members]
        hidden = step_a([sizes[g] for g in sibs], min_n, [g in hide for g in sibs])
        for g, h in zip(sibs, hidden, strict=True):
            out[g] = h
    return out


def _suppress(rows, by, min_n, hide_groups, measures, own_n_of, primary_of):
    """Shared frame of §7.1, step a and step c for one measure family.

    `measures` are the measure keys (domains); `own_n_of(group_rows, measure)` the cell's own n;
    `primary_of(group_rows, measure)` whether §7.1 suppresses the cell on its own counts.
    """
    by = (by,) if isinstance(by, str) else tuple(by)
    data = records(rows)
    groups = _groups(data, by)
    members_of = {g: [] for g in groups}
    for row in data:
        members_of[tuple(label(row.get(c)) for c in by)].append(row)
    whole = hidden_whole(data, by, min_n, hide_groups)
    out = {}
    for measure in measures:
        for _, idx in _parents(groups).items():
            sibs = [groups[i] for i in idx]
            own = [own_n_of(members_of[g], measure) for g in sibs]
            first = [whole[g] or primary_of(members_of[g], measure) for g in sibs]
            final = step_c(own, first, min_n)
            for g, s in zip(sibs, final, strict=True):
                out[(g, measure)] = s
    return out


def domain_counts(rows, instrument, by) -> dict[tuple, int]:
    """{(group, domain): n}, n = the group's respondents with a domain score (§3.4)."""
    by = (by,) if isinstance(by, str) else tuple(by)
    out = {}
    for row in records(rows):
        g = tuple(label(row.get(c)) for c in by)
        for d in instrument.domain_codes:
            out.setdefault((g, d), 0)
            if has_domain_score(row, instrument, d):
                out[(g, d)] += 1
    return out


def domain_hidden(responses, instrument, by=(), min_n: int = 5, hide_groups=frozenset()) -> dict[tuple, bool]:
    """{(group, domain): suppressed} for `domain_scores`."""

    def own_n(group_rows, d):
        return sum(1 for r in group_rows if has_domain_score(r, instrument, d))

    def primary(group_rows, d):
        return own_n(group_rows, d) < min_n

    return _suppress(responses, by, min_n, hide_groups, instrument.domain_codes, own_n, primary)


def gap_counts(group_rows, instrument, domain) -> tuple[int, int]:
    leaders = staff = 0
    for r in group_rows:
        if has_domain_score(r, instrument, domain):
            if is_leader(r):
                leaders += 1
            else:
                staff += 1
    return leaders, staff


def gap_hidden(responses, instrument, by=(), min_n: int = 5, hide_groups=frozenset()) -> dict[tuple, bool]:
    """{(group, domain): suppressed} for `perception_gap` (own n = min(leaders_n, staff_n))."""

    def own_n(group_rows, d):
        return min(gap_counts(group_rows, instrument, d))

    def primary(group_rows, d):
        leaders, staff = gap_counts(group_rows, instrument, d)
        return leaders < min_n or staff < min_n

    return _suppress(responses, by, min_n, hide_groups, instrument.domain_codes, own_n, primary)


def influence_n(group_rows, instrument, decisions: str = "SHD") -> int:
    return sum(1 for r in group_rows if not is_leader(r) and has_domain_score(r, instrument, decisions))


def influence_hidden(
    responses, instrument, by=(), min_n: int = 5, hide_groups=frozenset(), decisions: str = "SHD"
) -> dict[tuple, bool]:
    """{(group, None): suppressed} for `shared_influence` (own n = staff with a score on the decisions domain)."""

    def own_n(group_rows, _):
        return influence_n(group_rows, instrument, decisions)

    def primary(group_rows, _):
        return own_n(group_rows, None) < min_n

    return _suppress(responses, by, min_n, hide_groups, [None], own_n, primary)


# ---------------------------------------------------------------------------------------- the leak check


def views_of_wave(responses, wave) -> list[tuple]:
    """Every (agency, unit, role_level) view of the wave, None meaning all, with labels present in the wave
    (plus the four roles, so that empty views are asked about too)."""
    rows = view_rows(responses, wave, None, None, None)
    agencies = sorted({label(r.get("agency")) for r in rows})
    units = sorted({label(r.get("unit")) for r in rows})
    roles = sorted({label(r.get("role_level")) for r in rows} | {"executive", "manager", "staff", "support"})
    return [(a, u, r) for a in [None, *agencies] for u in [None, *units] for r in [None, *roles]]


def find_leaks(shown_sets, min_n: int, depth: int = 3):
    """Every way (S, [T1, ...]) in which a shown set S minus up to `depth` pairwise-disjoint shown sets inside it
    leaves 1 to min_n - 1 people. Sets are frozensets of response ids; the Ts come largest first."""
    shown = sorted({frozenset(s) for s in shown_sets if s}, key=lambda s: (-len(s), sorted(s)))
    for big in shown:
        inside = [t for t in shown if t < big]
        need = len(big) - (min_n - 1)  # the union must hold at least this many, and fewer than len(big)
        stack = [(0, frozenset(), [])]
        while stack:
            start, union, chosen = stack.pop()
            if chosen and need <= len(union) < len(big):
                yield big, chosen
                continue
            if len(chosen) == depth:
                continue
            for i in range(len(inside) - 1, start - 1, -1):
                t = inside[i]
                if not union & t:
                    stack.append((i + 1, union | t, chosen + [t]))


def find_leak(shown_sets, min_n: int, depth: int = 3):
    """The first leak of `find_leaks` as (S, [T1, ...], what remains), or None."""
    for big, taken in find_leaks(shown_sets, min_n, depth):
        return big, taken, big - frozenset().union(*taken)
    return None
