"""The confidentiality rules (indicators §7) checked against an independent oracle (`tests/metrics/_oracle.py`).

The oracle is written from the contract text alone (not from metrics/suppression.py or the scoring code), in
plain loops; the tests here compare it with the project's `view_refusal`, `refused_groups`, `domain_scores`,
`perception_gap` and `shared_influence`:

a. the worked cases of issue 17 as hand-made tables, the arithmetic in comments, against both;
b. random multi-agency populations (repeated unit names, many tiny units, missing roles and answers): every
   view's refusal, every breakdown's refused groups and every suppressed flag agree;
c. the contract's aim (§7.4, last paragraph): no group of 1 to min_n - 1 people is what remains of a shown view
   or shown group after taking away up to three pairwise-disjoint shown views or groups inside it. As worded,
   the rules do not achieve it (oracle and project alike): the known shapes are pinned by hand-made tables
   marked xfail(strict=True); the property test checks the part the rules do promise (one breakdown column and
   the wider views) and that oracle and project agree on every shown view and every group hidden whole.

Readings of the contract the oracle takes where the text leaves room (see the oracle's docstring):
§7.4 c counts an agency whose view of the unit is empty as refused (`_oracle.EMPTY_COUNTS_AS_REFUSED`), and
treats the "Not reported" agency as an agency; §7.4 b breaks a wider view down plainly (§7.1 and step a, no
pre-hiding of refused groups); "too small" wins over "protects a small group".
"""

from __future__ import annotations

import random
from itertools import combinations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import metrics
from tests.metrics import _oracle as oracle
from tests.metrics.conftest import frame, tiny_instrument, uniform_rows

WAVE = "2025 Spring"
INST = tiny_instrument({"VIS": 2, "SHD": 2, "TRU": 1})
SHOWN = ""
PROTECTS = "protects a small group"


def people(agency, unit, count, role="staff", wave=WAVE, value=4):
    return uniform_rows(INST, count, value, wave=wave, agency=agency, unit=unit, role_level=role)


def project_refused_groups(responses, wave, agency, unit, role, by, min_n=5) -> set[tuple]:
    table = metrics.refused_groups(responses, wave, agency, unit, role, by, min_n=min_n)
    assert list(table.columns) == list(by)
    return {tuple(str(v) for v in row) for row in table.itertuples(index=False)}


def hide_frame(groups: set[tuple], by: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame(sorted(groups), columns=list(by), dtype=object)


def flags(table: pd.DataFrame, by: tuple[str, ...], measure: str | None = "domain") -> dict[tuple, bool]:
    out = {}
    for _, row in table.iterrows():
        group = tuple(str(row[c]) for c in by)
        out[(group, row[measure] if measure else None)] = bool(row["suppressed"])
    return out


def rows_of(responses: pd.DataFrame, wave, agency, unit, role) -> pd.DataFrame:
    ids = {r["response_id"] for r in oracle.view_rows(responses, wave, agency, unit, role)}
    return responses[responses["response_id"].isin(ids)].reset_index(drop=True)


# ------------------------------------------------------------------------------------ a. worked cases


def case_i(second_agency_with_mid: bool) -> pd.DataFrame:
    # Agency A: units Big 40, Mid 12, Tiny 3. Agency B: Ops 30, Desk 4. Optionally agency C: Mid 30.
    rows = people("A", "Big", 40) + people("A", "Mid", 12) + people("A", "Tiny", 3)
    rows += people("B", "Ops", 30) + people("B", "Desk", 4)
    if second_agency_with_mid:
        rows += people("C", "Mid", 30)
    return frame(rows)


@pytest.mark.parametrize("second", [False, True], ids=["name in A only", "name also in C (30)"])
@pytest.mark.parametrize("side", ["oracle", "project"])
def test_i_unit_hidden_to_protect_a_sibling_is_refused_alone_and_across_agencies(side, second):
    responses = case_i(second)
    refuse = oracle.refusal if side == "oracle" else metrics.view_refusal
    # "A · Mid" (12): (a) A has 55 rows, 55 - 12 = 43 left out; all agencies' Mid has 12 (or 42: 30 left out);
    # the wave has 89 (119), far more. (b) A by unit: Big 40, Mid 12, Tiny 3 -> Tiny < 5 is hidden; only one
    # is hidden, so the smallest shown sibling, Mid (12), is hidden too (else A - Big - Mid = Tiny's 3).
    # So "A · Mid" is refused by (b).
    assert refuse(responses, WAVE, "A", "Mid", None, 5) == PROTECTS
    # "All agencies · Mid": (a) the wave leaves 89 - 12 = 77 (119 - 42 = 77) out. (b) the wave by unit name:
    # Big 40, Desk 4, Mid 12 (42), Ops 30, Tiny 3 -> Desk and Tiny hidden, 4 + 3 = 7 >= 5, step a stops, Mid
    # is shown there. (c) agency A has rows under "Mid" and its view "A · Mid" is refused -> refused. With C's
    # 30: "All · Mid" (42) - "C · Mid" (30, shown) would give A's Mid (12), and then A - Big - Mid = Tiny (3).
    assert refuse(responses, WAVE, None, "Mid", None, 5) == PROTECTS
    assert refuse(responses, WAVE, "A", "Big", None, 5) == SHOWN
    if second:
        # "C · Mid": C is all Mid (0 left out); all agencies' Mid 42 - 30 = 12; the wave 119 - 30 = 89; C by
        # unit: Mid alone; all Mid by agency: A 12, C 30, none hidden -> shown.
        assert refuse(responses, WAVE, "C", "Mid", None, 5) == SHOWN
    refused = (
        oracle.refused_groups(responses, WAVE, None, None, None, ("unit",), 5)
        if side == "oracle"
        else project_refused_groups(responses, WAVE, None, None, None, ("unit",), 5)
    )
    assert ("Mid",) in refused and ("Big",) not in refused


def test_i_project_breakdown_hides_the_refused_unit_name():
    responses = case_i(True)
    by = ("unit",)
    refused = project_refused_groups(responses, WAVE, None, None, None, by, 5)
    expected = oracle.domain_hidden(responses, INST, by, 5, refused)
    got = flags(metrics.domain_scores(responses, INST, by=by, min_n=5, hide_groups=hide_frame(refused, by)), by)
    assert got == expected
    assert all(expected[(("Mid",), d)] for d in INST.domain_codes)


STEP_A_CASES = [
    # 20, 12, 2, 1: 2 and 1 are < 5; together 3 < 5, so the smallest shown (12) is hidden too; then the hidden
    # hold 2 + 1 + 12 = 15 >= 5 and there are three of them: stop. Only 20 is shown.
    ({"W": 20, "X": 12, "Y": 2, "Z": 1}, {"W": False, "X": True, "Y": True, "Z": True}),
    # 20, 12, 3, 2: 3 and 2 are hidden; two of them, together 5 >= 5: stop. 20 and 12 are shown.
    ({"W": 20, "X": 12, "Y": 3, "Z": 2}, {"W": False, "X": False, "Y": True, "Z": True}),
]


@pytest.mark.parametrize("sizes, hidden", STEP_A_CASES, ids=["2+1<5 hides 12", "3+2=5 stops"])
def test_ii_step_a(sizes, hidden):
    names = sorted(sizes)
    assert oracle.step_a([sizes[u] for u in names], 5, [False] * 4) == [hidden[u] for u in names]
    responses = frame([r for u in names for r in people("A", u, sizes[u])])
    by = ("unit",)
    expected = {((u,), d): hidden[u] for u in names for d in INST.domain_codes}
    assert oracle.domain_hidden(responses, INST, by, 5) == expected
    assert flags(metrics.domain_scores(responses, INST, by=by, min_n=5), by) == expected
    for u in names:  # a unit hidden in its agency's breakdown is not a view of its own either (§7.4 b)
        assert (oracle.refusal(responses, WAVE, "A", u, None, 5) != SHOWN) == hidden[u]
        assert (metrics.view_refusal(responses, WAVE, "A", u, None, 5) != SHOWN) == hidden[u]


@pytest.mark.parametrize("side", ["oracle", "project"])
def test_iii_an_agencys_only_unit_when_the_wave_holds_few_others(side):
    # Agency A: its only unit U holds 15; agency B: unit V holds 3. The wave holds 18.
    responses = frame(people("A", "U", 15) + people("B", "V", 3))
    refuse = oracle.refusal if side == "oracle" else metrics.view_refusal
    # "A": the wave leaves 18 - 15 = 3 out (1..4) -> refused (a) (and (b): the wave by agency, B 3 hidden alone
    # so A 15 is hidden too).
    assert refuse(responses, WAVE, "A", None, None, 5) == PROTECTS
    # "A · U": with one filter removed, A leaves 15 - 15 = 0 out and all agencies' U 15 - 15 = 0; A by unit
    # and all U by agency have a single group, shown; but with both removed the wave leaves 18 - 15 = 3 out
    # -> refused by (a) through "one or more" filters removed.
    assert refuse(responses, WAVE, "A", "U", None, 5) == PROTECTS
    assert refuse(responses, WAVE, None, None, None, 5) == SHOWN


def case_iv() -> pd.DataFrame:
    # Agency A: executive 5, manager 6, staff 20 (31). Agency B: executive 1, staff 20 (21). The state: 6 executives.
    rows = people("A", "X", 5, "executive") + people("A", "X", 6, "manager") + people("A", "X", 20)
    rows += people("B", "Y", 1, "executive") + people("B", "Y", 20)
    return frame(rows)


@pytest.mark.parametrize("side", ["oracle", "project"])
def test_iv_agency_executives_against_the_states(side):
    responses = case_iv()
    refuse = oracle.refusal if side == "oracle" else metrics.view_refusal
    # "A · executive" (5): all agencies' executives 6 - 5 = 1 left out -> refused (a): the state's executive
    # score minus A's would be B's one executive.
    assert refuse(responses, WAVE, "A", None, "executive", 5) == PROTECTS
    # "All · executive" (6): the wave leaves 52 - 6 = 46; the wave by role: 6, 6, 40, none hidden -> shown.
    assert refuse(responses, WAVE, None, None, "executive", 5) == SHOWN
    by = ("role_level",)
    refused = (
        oracle.refused_groups(responses, WAVE, "A", None, None, by, 5)
        if side == "oracle"
        else project_refused_groups(responses, WAVE, "A", None, None, by, 5)
    )
    assert refused == {("executive",)}
    # A's breakdown by role: executive hidden whole before step a; only one is hidden, so the smallest shown
    # role, manager (6), is hidden too (else A - staff - manager = the 5 executives); staff (20) is shown.
    a_rows = rows_of(responses, WAVE, "A", None, None)
    expected = {((r,), d): r != "staff" for r in ("executive", "manager", "staff") for d in INST.domain_codes}
    if side == "oracle":
        got = oracle.domain_hidden(a_rows, INST, by, 5, refused)
    else:
        got = flags(metrics.domain_scores(a_rows, INST, by=by, min_n=5, hide_groups=hide_frame(refused, by)), by)
    assert got == expected


def test_iv_residual_second_order_difference_is_outside_the_aim():
    # Not a failure of the aim as worded, recorded because it is the §7.6 residual risk in a concrete shape:
    # "A · manager" (6) is a shown view by §7.4 ((a): 6 - 6 = 0 and 31 - 6 = 25 left out; (b): A by role
    # 5, 6, 20 has nothing < 5 when broken down plainly), although A's page hides that group (test above). Then
    # "All · executive" (6) - ["A" (31) - "A · staff" (20) - "A · manager" (6)] = B's one executive: every view
    # used is shown, but A · executive is not a shown set inside "All · executive", so the aim's "taking away
    # up to three disjoint shown views inside it" does not reach it.
    responses = case_iv()
    for view in [(None, None, "executive"), ("A", None, None), ("A", None, "staff"), ("A", None, "manager")]:
        assert oracle.refusal(responses, WAVE, *view, 5) == SHOWN
        assert metrics.view_refusal(responses, WAVE, *view, 5) == SHOWN


@pytest.mark.parametrize("side", ["oracle", "project"])
def test_c_an_agency_whose_view_of_the_unit_is_empty_counts_as_refused(side):
    # §7.4 c: "some agency having rows under that unit name in the wave would have its view of that unit (with
    # the same role filter) refused". A's Finance has 10 staff and no executive; B's Finance 6 executives and 10
    # staff. "A · Finance · executive" is empty, and an empty view is refused ("empty"), so "All · Finance ·
    # executive" (6, all of them B's, whose own view is shown) is refused too. Nobody is exposed either way:
    # this pins the literal reading (`_oracle.EMPTY_COUNTS_AS_REFUSED`), which costs views and protects no one.
    responses = frame(
        people("A", "Finance", 10)
        + people("B", "Finance", 6, "executive")
        + people("B", "Finance", 10)
        + people("C", "Ops", 20)
    )
    refuse = oracle.refusal if side == "oracle" else metrics.view_refusal
    assert refuse(responses, WAVE, "A", "Finance", "executive", 5) == "empty"
    assert refuse(responses, WAVE, "B", "Finance", "executive", 5) == SHOWN
    assert refuse(responses, WAVE, None, "Finance", "executive", 5) == (
        PROTECTS if oracle.EMPTY_COUNTS_AS_REFUSED else SHOWN
    )


# ------------------------------------------------------------------------------ b. random populations

UNIT_NAMES = ("Finance", "Ops", "Policy", "Data", "Grants")
ROLES = ("executive", "manager", "staff", "staff", "staff", "support", None, " ")
DOMAIN_CODES = ("VIS", "SHD", "TRU")


@st.composite
def populations(draw):
    """A wave of 2-4 agencies, 1-5 units each (names repeat across agencies), tiny units common; a few rows of
    another wave that every view must ignore."""
    min_n = draw(st.sampled_from([3, 4, 5]))
    k = draw(st.integers(2, 3))
    inst = tiny_instrument({code: draw(st.integers(1, 3)) for code in DOMAIN_CODES[:k]})
    size = st.one_of(st.integers(1, 4), st.integers(1, 4), st.integers(3, 9), st.integers(5, 20))
    role = st.sampled_from(ROLES)
    agencies = [f"Agency {c}" for c in "ABCD"[: draw(st.integers(2, 4))]]
    if draw(st.integers(0, 5)) == 0:
        agencies.append(None)  # some rows without an agency
    units = []
    for agency in agencies:
        names = draw(st.lists(st.sampled_from(UNIT_NAMES), min_size=1, max_size=5, unique=True))
        if draw(st.integers(0, 5)) == 0:
            names.append(draw(st.sampled_from([None, "  "])))  # some rows without a unit
        for name in names:
            count = draw(size)
            units.append((agency, name, draw(st.lists(role, min_size=count, max_size=count))))
    seed = draw(st.integers(0, 2**16))
    missing = draw(st.sampled_from([0.0, 0.15, 0.35]))
    rng = random.Random(seed)
    rows = []
    for agency, name, roles in units:
        # now and then a unit skips a whole domain, so that cells with an own n of 0 occur (§7.2 c)
        skipped = rng.choice(inst.domain_codes) if rng.random() < 0.2 else None
        for r in roles:
            row = {"wave": WAVE, "agency": agency, "unit": name, "role_level": r}
            for item in inst.items:
                skip = item.domain == skipped or rng.random() < missing
                row[item.code] = np.nan if skip else float(rng.randint(1, 5))
            rows.append(row)
    for _ in range(draw(st.integers(0, 4))):  # another wave
        agency, name, _roles = units[rng.randrange(len(units))]
        rows.append(
            {
                "wave": "2024 Autumn",
                "agency": agency,
                "unit": name,
                "role_level": "staff",
                **{code: 3.0 for code in inst.item_codes},
            }
        )
    return frame(rows), inst, min_n


SETTINGS = dict(
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


@settings(max_examples=25, **SETTINGS)
@given(populations())
def test_view_refusal_agrees_with_the_oracle(population):
    responses, _, min_n = population
    data = oracle.records(responses)
    for agency, unit, role in oracle.views_of_wave(data, WAVE):
        expected = oracle.refusal(data, WAVE, agency, unit, role, min_n)
        got = metrics.view_refusal(responses, WAVE, agency, unit, role, min_n)
        assert got == expected, (agency, unit, role)


BREAKDOWNS = (("unit",), ("role_level",), ("agency", "unit"), ("unit", "role_level"))


@settings(max_examples=20, **SETTINGS)
@given(populations(), st.data())
def test_refused_groups_agree_with_the_oracle(population, data):
    responses, _, min_n = population
    records = oracle.records(responses)
    views = oracle.views_of_wave(records, WAVE)
    # the wave, every agency, and a few other views drawn at random
    chosen = [v for v in views if v[1] is None and v[2] is None]
    chosen += data.draw(st.lists(st.sampled_from(views), max_size=6))
    for agency, unit, role in chosen:
        for by in (("agency",), *BREAKDOWNS):
            expected = oracle.refused_groups(records, WAVE, agency, unit, role, by, min_n)
            got = project_refused_groups(responses, WAVE, agency, unit, role, by, min_n)
            assert got == expected, (agency, unit, role, by)


def _project_and_oracle_flags(rows: pd.DataFrame, inst, by, min_n, refused):
    hide = hide_frame(refused, by)
    records = oracle.records(rows)
    yield (
        "domain_scores",
        flags(metrics.domain_scores(rows, inst, by=by, min_n=min_n, hide_groups=hide), by),
        oracle.domain_hidden(records, inst, by, min_n, refused),
    )
    yield (
        "perception_gap",
        flags(metrics.perception_gap(rows, inst, by=by, min_n=min_n, hide_groups=hide), by),
        oracle.gap_hidden(records, inst, by, min_n, refused),
    )
    yield (
        "shared_influence",
        flags(metrics.shared_influence(rows, inst, by=by, min_n=min_n, hide_groups=hide), by, measure=None),
        oracle.influence_hidden(records, inst, by, min_n, refused),
    )


@settings(max_examples=50, **SETTINGS)
@given(populations(), st.data())
def test_suppressed_flags_agree_with_the_oracle(population, data):
    responses, inst, min_n = population
    records = oracle.records(responses)
    agencies = sorted({oracle.label(r["agency"]) for r in oracle.view_rows(records, WAVE, None, None, None)})
    agency = data.draw(st.sampled_from([None, *agencies]))
    rows = rows_of(responses, WAVE, agency, None, None)
    for by in BREAKDOWNS:
        refused = oracle.refused_groups(records, WAVE, agency, None, None, by, min_n)
        for name, got, expected in _project_and_oracle_flags(rows, inst, by, min_n, refused):
            assert got == expected, (name, agency, by, {k: v for k, v in expected.items() if got.get(k) != v})


@settings(max_examples=25, **SETTINGS)
@given(populations())
def test_counts_behind_the_flags_agree_with_the_oracle(population):
    # a disagreement on a flag is easier to read when the counts it rests on are known to agree
    responses, inst, min_n = population
    rows = rows_of(responses, WAVE, None, None, None)
    for by in BREAKDOWNS:
        counts = oracle.domain_counts(oracle.records(rows), inst, by)
        table = metrics.domain_scores(rows, inst, by=by, min_n=min_n)
        got = {(tuple(str(r[c]) for c in by), r["domain"]): int(r["n"]) for _, r in table.iterrows()}
        assert got == counts, by


# ------------------------------------------------------------------------------------------- c. the aim
#
# The aim (§7.4, last paragraph): "no group of 1 to min_n - 1 respondents is what remains of a shown view or
# shown group after taking away up to three disjoint shown views or groups inside it". A shown group of a
# breakdown of a shown view is itself a shown view (its own view, not refused, or it would have been hidden
# whole), so the shown sets are the shown views' rows.
#
# As worded, the rules of §7 do not achieve it: random populations find leaks in two shapes, each pinned by a
# hand-made table below and marked xfail(strict=True) because the contract itself (oracle and project agree
# on every view and group they use) leaks:
#   H1. the rows of a refused view come back: a view refused to protect a small sibling is shown again with a
#       filter that removes nobody, or as the sum of its own sub-views, or as what a shown view leaves of a
#       shown wider view;
#   H2. two breakdown columns: a view's sub-views along one column and along another are disjoint by chance
#       (§7.6 calls this "subtraction along another breakdown column", a residual risk, but the aim's
#       wording does not except it).
# What the rules do promise, and what the property test checks, is the aim along one breakdown and its wider
# views: a shown view minus up to three shown views that each add one filter on the same column (step a and
# §7.4 b), or minus one shown view that adds filters (§7.4 a), never leaves 1 to min_n - 1 people.


def shown_views(responses: pd.DataFrame, inst, min_n: int, check_project: bool) -> dict[tuple, frozenset]:
    """{view: its response ids} for every shown view of the wave. With `check_project`, also checks that every
    shown group of each shown view's breakdowns by agency, unit, role and (agency, unit) is a shown view with the
    same rows, and that the project's `domain_scores` hides whole every group the oracle hides whole."""
    records = oracle.records(responses)
    views = {}
    for view in oracle.views_of_wave(records, WAVE):
        if not oracle.refusal(records, WAVE, *view, min_n):
            views[view] = frozenset(r["response_id"] for r in oracle.view_rows(records, WAVE, *view))
    for view in views:
        members = oracle.view_rows(records, WAVE, *view)
        for by in (("agency",), ("unit",), ("role_level",), ("agency", "unit")):
            refused = oracle.refused_groups(records, WAVE, *view, by, min_n)
            whole = oracle.hidden_whole(members, by, min_n, refused)
            for group, hidden in whole.items():
                own = dict(zip(oracle.FILTERS, view, strict=True)) | dict(zip(by, group, strict=True))
                own = (own["agency"], own["unit"], own["role_level"])
                if not hidden:
                    ids = frozenset(r["response_id"] for r in members if tuple(oracle.label(r[c]) for c in by) == group)
                    assert views.get(own) == ids, (view, by, group)
            if check_project:
                rows = rows_of(responses, WAVE, *view)
                got = flags(
                    metrics.domain_scores(rows, inst, by=by, min_n=min_n, hide_groups=hide_frame(refused, by)), by
                )
                for group, hidden in whole.items():
                    if hidden:  # hidden whole: every cell suppressed
                        assert all(got[(group, d)] for d in inst.domain_codes), (view, by, group)
    return views


def promised_leaks(views: dict[tuple, frozenset], min_n: int):
    """Leaks the rules promise to close: (S, [T...]) with S a shown view and the Ts shown views that add one
    filter on one same column (up to three), or one shown view that adds one or more filters."""
    small = range(1, min_n)
    for s, rows in views.items():
        for column in range(3):
            if s[column] is not None:
                continue
            children = [
                v for v in views if v[column] is not None and all(v[k] == s[k] for k in range(3) if k != column)
            ]
            for k in (1, 2, 3):
                for chosen in combinations(children, k):
                    if len(rows) - sum(len(views[c]) for c in chosen) in small:
                        yield s, list(chosen)
        for v in views:
            if v != s and all(s[k] is None or v[k] == s[k] for k in range(3)) and len(rows) - len(views[v]) in small:
                yield s, [v]


def leak_shape(big, taken, refused_rows: set[frozenset]) -> str:
    """H1 when the leak passes through a refused view's rows, else H2 (see above)."""
    for k in range(1, len(taken) + 1):
        for part in combinations(taken, k):
            union = frozenset().union(*part)
            if union in refused_rows or big - union in refused_rows:
                return "H1"
    return "H2"


@settings(max_examples=20, **SETTINGS)
@given(populations())
def test_the_aim_holds_along_one_breakdown_and_its_wider_views(population):
    responses, inst, min_n = population
    views = shown_views(responses, inst, min_n, check_project=True)
    for view in views:  # the shown views are the project's too
        assert metrics.view_refusal(responses, WAVE, *view, min_n) == SHOWN, view
    promised = next(promised_leaks(views, min_n), None)
    assert promised is None, (promised[0], promised[1], [len(views[v]) for v in (promised[0], *promised[1])])
    # the leaks the aim's wording counts but the rules do not close: only the known shapes H1 and H2
    records = oracle.records(responses)
    refused_rows = set()
    for view in oracle.views_of_wave(records, WAVE):
        rows = oracle.view_rows(records, WAVE, *view)
        if rows and oracle.refusal(records, WAVE, *view, min_n):
            refused_rows.add(frozenset(r["response_id"] for r in rows))
    shapes = set()
    for count, (big, taken) in enumerate(oracle.find_leaks(views.values(), min_n)):
        shapes.add(leak_shape(big, taken, refused_rows))
        if count == 200:
            break
    event(f"contract leak shapes found: {sorted(shapes) or 'none'}")


def aim_leak(responses: pd.DataFrame, min_n: int, side: str):
    """The first leak of the aim's wording among the shown views decided by the oracle or by the project."""
    records = oracle.records(responses)
    shown = []
    for view in oracle.views_of_wave(records, WAVE):
        reason = (
            oracle.refusal(records, WAVE, *view, min_n)
            if side == "oracle"
            else metrics.view_refusal(responses, WAVE, *view, min_n)
        )
        if not reason:
            shown.append(frozenset(r["response_id"] for r in oracle.view_rows(records, WAVE, *view)))
    return oracle.find_leak(shown, min_n)


def h1_same_rows_as_a_refused_view() -> pd.DataFrame:
    # Agency A: 6 people, all executives; agency B: 6 staff; agency C: 2 staff. The wave holds 14.
    return frame(people("A", "Lead", 6, "executive") + people("B", "Ops", 6) + people("C", "Data", 2))


def h1_refused_view_as_the_sum_of_its_units() -> pd.DataFrame:
    # Agency A: Finance 6 and Policy 6; agency B: Ops 12; agency C: Data 2. The wave holds 26.
    return frame(people("A", "Finance", 6) + people("A", "Policy", 6) + people("B", "Ops", 12) + people("C", "Data", 2))


def h2_two_breakdown_columns() -> pd.DataFrame:
    # Agency A: Data 6 staff; Ops 5 without a role and 2 staff (13). Agency B: Policy 20 staff.
    return frame(
        people("A", "Data", 6) + people("A", "Ops", 5, None) + people("A", "Ops", 2) + people("B", "Policy", 20)
    )


KNOWN_HOLES = [
    pytest.param(
        h1_same_rows_as_a_refused_view,
        # The wave by agency: A 6, B 6, C 2 -> C hidden alone, so the smallest shown, A (tie with B, first in
        # sort order), is hidden too, and "A" is refused (§7.4 b). But "A · executive" is the same 6 people and
        # is shown: (a) A leaves 6 - 6 = 0 out, all executives 6 - 6 = 0, the wave 14 - 6 = 8; (b) A by role and
        # all executives by agency each have one group. "B" is shown (the wave leaves 8 out; not hidden by agency).
        # The wave 14 - "A · executive" 6 - "B" 6 = C's 2 people. §7.4 b checks a view against the breakdowns of
        # its wider views with one filter removed only; the wave with two removed is where A was hidden.
        id="H1 same rows as a refused view",
    ),
    pytest.param(
        h1_refused_view_as_the_sum_of_its_units,
        # The wave by agency: A 12, B 12, C 2 -> C hidden, then A (tie with B, first) -> "A" is refused. But
        # "A · Finance" (6) and "A · Policy" (6) are shown: (a) A leaves 6 out, all Finance 0, the wave 20; (b) A
        # by unit is 6 and 6, all Finance by agency has one group. The wave 26 - "A · Finance" 6 - "A · Policy" 6
        # - "B" 12 = C's 2 people: a hidden group rebuilt from its own sub-views.
        id="H1 refused view as the sum of its units",
    ),
    pytest.param(
        h2_two_breakdown_columns,
        # "A" 13 - "A · Not reported (role)" 5 - "A · Data" 6 = the 2 staff of Ops. Each view is shown: A · role
        # not reported leaves 13 - 5 = 8 of A and 0 of all role-not-reported; A by role is 5 and 8; A · Data leaves
        # 7 of A and 0 of all Data; A by unit is 6 and 7. The two sub-views come from different breakdown columns
        # and happen to be disjoint. §7.6 lists this as a residual risk ("subtraction along another breakdown
        # column"), but the aim in §7.4 does not except it.
        id="H2 two breakdown columns",
    ),
]


@pytest.mark.xfail(strict=True, reason="the contract's rules leak here (see the case's comment): a hole in §7.4")
@pytest.mark.parametrize("case", KNOWN_HOLES)
@pytest.mark.parametrize("side", ["oracle", "project"])
def test_known_contract_holes_in_the_aim(case, side):
    leak = aim_leak(case(), 5, side)
    assert leak is None, f"{len(leak[0])} - {[len(t) for t in leak[1]]} leaves {sorted(leak[2])}"
