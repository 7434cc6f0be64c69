"""Key findings: each rule on small hand-made indicator tables, the sample's findings worked out by hand with pandas
(the whole state, the State Office, its Grants & Finance unit), and never a word about a hidden group."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats as scipy_stats

from ingest import read_canonical_responses, read_roster
from metrics import load_instrument
from reports.findings import key_findings, story, view_findings
from views import Filters, Survey

INSTRUMENT = load_instrument()
CODES = INSTRUMENT.domain_codes  # VIS LEAD ALN CAP RES COM ACC SHD TRU PAR


def domains(scores: dict[str, float], hidden: set[str] = frozenset()) -> pd.DataFrame:
    def tier(score: float) -> str:
        return (
            "Strength" if score >= 75 else "Developing" if score >= 62.5 else "Emerging" if score >= 50 else "Priority"
        )

    return pd.DataFrame(
        {
            "domain": list(scores),
            "n": 30,
            "score": [np.nan if c in hidden else s for c, s in scores.items()],
            "pct_favorable": 50.0,
            "tier": [None if c in hidden else tier(s) for c, s in scores.items()],
            "suppressed": [c in hidden for c in scores],
        }
    )


INDEX = pd.DataFrame({"n": [40], "domains": [4], "index": [61.25], "tier": ["Emerging"], "suppressed": [False]})
EMPTY_GAPS = pd.DataFrame(columns=["domain", "gap", "label", "suppressed"])


def findings(**tables) -> list[str]:
    base = {
        "index": INDEX,
        "domains": domains({"VIS": 80.0, "LEAD": 45.0, "ALN": 60.0, "CAP": 60.0}),
        "stats": pd.DataFrame(),
        "gaps": EMPTY_GAPS,
        "change": None,
        "rates": None,
    }
    return [f.text for f in key_findings(**(base | tables), instrument=INSTRUMENT)]


def test_index_strongest_weakest_and_priority_domains():
    # four shown domains, k = 2: strongest VIS 80.0, weakest LEAD 45.0; ALN and CAP both read 60.0 where the two
    # lists meet, so neither is called strong or weak; LEAD is below 50: the Priority tier
    # LEAD, the weakest, is named once: in the Priority tier, not again as a domain to work on
    assert findings() == [
        "The effectiveness index is 61.3 out of 100, in the Emerging tier.",  # 61.25 half away
        "In the Priority tier (below 50): Effective Leadership.",
        "Strongest domains: Shared Vision & Common Purpose (80.0).",
    ]


def test_a_hidden_index_and_hidden_domains_say_nothing():
    hidden_index = INDEX.assign(index=np.nan, tier=None, suppressed=True)
    table = domains({"VIS": 80.0, "LEAD": 45.0, "ALN": 60.0, "CAP": 60.0}, hidden={"LEAD"})
    texts = findings(index=hidden_index, domains=table)
    assert not any("effectiveness index" in t for t in texts)
    assert not any("Effective Leadership" in t for t in texts)  # the hidden domain, low as it was


def test_real_changes_only():
    change = pd.DataFrame(
        {
            "domain": ["VIS", "COM", "RES", "TRU"],
            "score_from": [70.0, 60.2, 50.0, 70.0],
            "score_to": [70.3, 68.2, 43.9, 79.0],
            "change": [0.3, 8.0, -6.1, 9.0],
            "ci_low": [-1.0, 6.9, -8.0, np.nan],
            "ci_high": [1.6, 9.2, -4.2, np.nan],
            "meaningful": [False, True, True, False],
            "suppressed": [False, False, False, True],  # TRU hidden: its +9 is never mentioned
        }
    )
    texts = findings(change=change)
    assert "Communication & Information Flow rose 8.0 points, from 60.2 to 68.2: a real change." in texts
    assert "Resources & Work Structures fell 6.1 points, from 50.0 to 43.9: a real change." in texts
    assert not any("Shared Vision" in t and "points" in t for t in texts)
    assert not any("Trust" in t for t in texts)


def test_largest_labelled_gap_and_rate_cautions():
    gaps = pd.DataFrame(
        {
            "domain": ["SHD", "COM", "TRU"],
            "gap": [-24.0, 12.0, 40.0],
            "label": ["large", "notable", ""],
            "suppressed": [False, False, True],  # the biggest gap is hidden: not a finding
        }
    )
    rates = pd.DataFrame(
        {
            "wave": "2025 Spring",
            "agency": ["A", "B", "C"],
            "rate": [31.44, 80.0, np.nan],
            "caution": [True, False, False],
            "suppressed": [False, False, True],
        }
    )
    texts = findings(gaps=gaps, rates=rates)
    assert "Leaders rate Shared Decision-Making & Influence 24.0 points lower than staff do (a large gap)." in texts
    assert "Fewer than half of those invited answered in A (31.4 %): interpret with caution." in texts
    assert not any("Trust" in t or " C:" in t for t in texts)


@pytest.mark.parametrize("hidden", [set(CODES)])
def test_nothing_shown_means_no_domain_findings(hidden):
    table = domains(dict.fromkeys(CODES, 70.0), hidden=hidden)
    assert findings(domains=table, index=INDEX.assign(suppressed=True)) == []


def test_units_needing_attention_count_shown_priority_domains_only():
    # unit A: 3 shown Priority domains -> named; unit B: 2 shown + 1 hidden (its tier is missing) -> not named;
    # unit C: 4 -> named first
    rows = []
    for unit, tiers in {
        "A": ["Priority", "Priority", "Priority", "Emerging"],
        "B": ["Priority", "Priority", None, "Developing"],
        "C": ["Priority"] * 4,
    }.items():
        for code, tier in zip(CODES, tiers, strict=False):
            rows.append({"unit": unit, "domain": code, "tier": tier, "suppressed": tier is None})
    texts = findings(groups=pd.DataFrame(rows))
    attention = [t for t in texts if "needs attention" in t]
    assert attention == [
        "C needs attention: Shared Vision & Common Purpose, Effective Leadership, Aligned Structure & Functions and "
        "Staff Capacity & Growth are in the Priority tier there.",
        "A needs attention: Shared Vision & Common Purpose, Effective Leadership and Aligned Structure & Functions "
        "are in the Priority tier there.",
    ]


def test_findings_read_by_importance_with_one_rate_line_and_cautions_attached():
    # every kind of finding at once, given in no particular order; RES's questions do not hang together (alpha
    # 0.16), VIS's do (0.85)
    table = domains({"VIS": 80.0, "RES": 45.0, "ALN": 60.0, "CAP": 55.0, "COM": 70.0})
    index_change = pd.DataFrame({"change": [-5.96], "meaningful": [True], "suppressed": [False]})
    change = pd.DataFrame(
        {
            "domain": ["VIS", "COM", "CAP"],
            "score_from": [73.0, 60.0, 65.0],
            "score_to": [80.0, 70.0, 55.0],
            "change": [7.0, 10.0, -10.0],
            "meaningful": [True, True, True],
            "suppressed": [False, False, False],
        }
    )
    gaps = pd.DataFrame({"domain": ["COM"], "gap": [12.0], "label": ["notable"], "suppressed": [False]})
    group_gaps = pd.DataFrame(
        {
            "unit": ["Grants", "Grants", "Hidden"],
            "domain": ["RES", "VIS", "VIS"],
            "gap": [32.94, 5.0, 45.0],
            "label": ["large", "", "large"],
            "suppressed": [False, False, True],  # the largest is hidden: never said
        }
    )
    groups = pd.DataFrame(
        {
            "unit": ["Grants"] * 3 + ["Hidden"] * 3,
            "domain": ["RES", "CAP", "VIS"] * 2,
            "tier": ["Priority"] * 3 + [None] * 3,
            "suppressed": [False] * 3 + [True] * 3,
        }
    )
    rates = pd.DataFrame(
        {
            "agency": ["A", "A", "A", "A"],
            "unit": ["Harbor", "Bay", "Hidden", "Dock"],
            "rate": [44.0, 31.44, np.nan, 80.0],
            "caution": [True, True, False, False],
            "suppressed": [False, False, True, False],
        }
    )
    alpha = pd.DataFrame({"domain": ["VIS", "RES"], "n": [90, 90], "alpha": [0.85, 0.16]})
    care = "read with care: its questions do not hang together"
    found = key_findings(
        index=INDEX,
        domains=table,
        stats=pd.DataFrame(),
        gaps=gaps,
        change=change,
        rates=rates,
        instrument=INSTRUMENT,
        groups=groups,
        index_change=index_change,
        since="2024 Spring",
        group_gaps=group_gaps,
        alpha=alpha,
        caution=50.0,
    )
    assert [f.text for f in found] == [
        "The effectiveness index is 61.3 out of 100, in the Emerging tier: down 6.0 points since 2024 Spring, "
        "a real change.",
        # real changes, largest first (COM +10.0 before CAP -10.0 on a tie: gains first), at most three
        "Communication & Information Flow rose 10.0 points, from 60.0 to 70.0: a real change.",
        "Staff Capacity & Growth fell 10.0 points, from 65.0 to 55.0: a real change.",
        "Shared Vision & Common Purpose rose 7.0 points, from 73.0 to 80.0: a real change.",
        # the largest labelled gaps of the scope and of its units, largest first
        f"In Grants, leaders rate Resources & Work Structures ({care}) 32.9 points higher than staff do (a large gap).",
        "Leaders rate Communication & Information Flow 12.0 points higher than staff do (a notable gap).",
        f"In the Priority tier (below 50): Resources & Work Structures ({care}).",
        f"Grants needs attention: Resources & Work Structures ({care}), Staff Capacity & Growth and Shared Vision & "
        "Common Purpose are in the Priority tier there.",
        # one line for every low rate, lowest first; the hidden unit's missing rate says nothing
        "Fewer than half of those invited answered in Bay, A (31.4 %) and Harbor, A (44.0 %): interpret with caution.",
        "Strongest domains: Shared Vision & Common Purpose (80.0) and Communication & Information Flow (70.0).",
        "Domains to work on: Staff Capacity & Growth (55.0).",  # RES, the weakest, is named above as a priority
    ]
    assert [f.rank for f in found] == sorted(f.rank for f in found)
    assert [f.kind for f in found][:2] == ["index", "change"]


def test_an_index_change_that_is_not_real_says_so():
    index_change = pd.DataFrame({"change": [0.694905], "meaningful": [False], "suppressed": [False]})
    texts = findings(index_change=index_change, since="2024 Spring")
    assert texts[0] == (
        "The effectiveness index is 61.3 out of 100, in the Emerging tier: up 0.7 points since 2024 Spring, "
        "no clear change."
    )
    hidden = findings(index_change=index_change.assign(suppressed=True), since="2024 Spring")
    assert hidden[0] == "The effectiveness index is 61.3 out of 100, in the Emerging tier."


def test_another_caution_line_is_named_in_percent():
    rates = pd.DataFrame({"agency": ["A"], "rate": [55.0], "caution": [True], "suppressed": [False]})
    assert "Fewer than 60 % of those invited answered in A (55.0 %): interpret with caution." in findings(
        rates=rates, caution=60.0
    )


# -- the sample, by hand -------------------------------------------------------------------------------------------

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
SEA, GF = "State Office of Early Learning", "Grants & Finance"
CARE = "read with care: its questions do not hang together"
LEADERS = ("executive", "manager")  # §4.1: everyone else (no role included) is staff


@pytest.fixture(scope="module")
def responses() -> pd.DataFrame:
    return read_canonical_responses(SAMPLE / "responses.xlsx")


@pytest.fixture(scope="module")
def survey(responses) -> Survey:
    return Survey(responses, INSTRUMENT, roster=read_roster(SAMPLE / "roster.xlsx"))


def half_away(x: float) -> float:
    return math.copysign(math.floor(10 * abs(x) + 0.5 + 1e-9) / 10, x)


def shown(x: float) -> str:
    return f"{half_away(x):.1f}"


def tier(score: float) -> str:
    return "Strength" if score >= 75 else "Developing" if score >= 62.5 else "Emerging" if score >= 50 else "Priority"


def respondent_scores(rows: pd.DataFrame) -> pd.DataFrame:
    """§3.3: a respondent's domain score is the mean of their answered items when at least half (and at least 2)
    were answered, rescaled to 0-100."""
    lo, hi = INSTRUMENT.scale.lo, INSTRUMENT.scale.hi
    per_domain = {}
    for domain in CODES:
        items = rows[[item.code for item in INSTRUMENT.items_of(domain)]].astype(float)
        enough = items.notna().sum(axis=1) >= max(2, math.ceil(items.shape[1] / 2))
        per_domain[domain] = ((items.mean(axis=1) - lo) / (hi - lo) * 100).where(enough)
    return pd.DataFrame(per_domain)


def welch(now: pd.Series, then: pd.Series) -> tuple[float, float, float]:
    """Difference of means and its 95 % interval (§5)."""
    now, then = now.dropna(), then.dropna()
    a, b = now.var(ddof=1) / len(now), then.var(ddof=1) / len(then)
    df = (a + b) ** 2 / (a**2 / (len(now) - 1) + b**2 / (len(then) - 1))
    half = scipy_stats.t.ppf(0.975, df) * math.sqrt(a + b)
    diff = now.mean() - then.mean()
    return diff, diff - half, diff + half


def real(diff: float, low: float, high: float) -> bool:
    return abs(half_away(diff)) >= 5 - 1e-9 and (low > 0 or high < 0)


def scope(responses: pd.DataFrame, agency=None, unit=None) -> pd.DataFrame:
    keep = pd.Series(True, index=responses.index)
    for column, value in (("agency", agency), ("unit", unit)):
        if value is not None:
            keep &= responses[column] == value
    return responses[keep]


def hand_story(responses: pd.DataFrame, agency=None, unit=None) -> dict[str, list[str]]:
    """The sample's findings of one scope, by kind, worked out by hand (every domain of these scopes has at least
    5 scores in both waves, so nothing of the scope itself is hidden)."""
    rows = scope(responses, agency, unit)
    now, then = rows[rows["wave"] == "2025 Spring"], rows[rows["wave"] == "2024 Spring"]
    s_now, s_then = respondent_scores(now), respondent_scores(then)
    assert (s_now.notna().sum() >= 5).all() and (s_then.notna().sum() >= 5).all()
    domain = s_now.mean()
    index = domain.mean()
    # the index's change is that of the mean of domain scores; its interval Welch's on respondents' own means
    people, low, _ = welch(s_now.mean(axis=1), s_then.mean(axis=1))
    diff = index - s_then.mean().mean()
    low, high = diff - (people - low), diff + (people - low)
    way = "up" if diff > 0 else "down"
    verdict = "a real change" if real(diff, low, high) else "no clear change"
    found = {
        "index": [
            f"The effectiveness index is {shown(index)} out of 100, in the {tier(index)} tier: {way} "
            f"{shown(abs(diff))} points since 2024 Spring, {verdict}."
        ]
    }
    # §3.7 on the whole wave: complete answers to the domain's items
    wave = responses[responses["wave"] == "2025 Spring"]
    alpha = {}
    for code in CODES:
        block = wave[[item.code for item in INSTRUMENT.items_of(code)]].astype(float).dropna()
        k = block.shape[1]
        alpha[code] = k / (k - 1) * (1 - block.var(ddof=1).sum() / block.sum(axis=1).var(ddof=1))

    def name(code: str, score: float | None = None) -> str:
        notes = ([shown(score)] if score is not None else []) + ([CARE] if alpha[code] < 0.70 else [])
        return INSTRUMENT.domain_name(code) + (f" ({'; '.join(notes)})" if notes else "")

    changes = []
    for code in CODES:
        d, lo_, hi_ = welch(s_now[code], s_then[code])
        if real(d, lo_, hi_):
            verb = "rose" if d > 0 else "fell"
            changes.append(
                (
                    -abs(half_away(d)),
                    f"{name(code)} {verb} {shown(abs(d))} points, from {shown(s_then[code].mean())} to "
                    f"{shown(s_now[code].mean())}: a real change.",
                )
            )
    found["change"] = [text for _, text in sorted(changes, key=lambda c: c[0])][:3]
    priority = [c for c in CODES if domain[c] < 50]
    found["priority"] = (
        [f"In the Priority tier (below 50): {', '.join(name(c) for c in priority)}."] if priority else []
    )
    ranked = domain.sort_values(ascending=False)
    found["strongest"] = [f"Strongest domains: {' and '.join(name(c, domain[c]) for c in ranked.index[:2])}."]
    weakest = [c for c in ranked.index[::-1][:2] if c not in priority]
    found["weakest"] = [f"Domains to work on: {' and '.join(name(c, domain[c]) for c in weakest)}."] if weakest else []
    return found


def test_the_whole_states_findings_by_hand(responses, survey):
    hand = hand_story(responses)
    # §6 by hand: each agency's responses over the people its roster invited in 2025
    roster = read_roster(SAMPLE / "roster.xlsx")
    invited = roster[roster["wave"] == "2025 Spring"].groupby("agency")["invited"].sum()
    answered = responses[responses["wave"] == "2025 Spring"].groupby("agency").size()
    rate = (100 * answered / invited).sort_values()
    low = [f"{agency} ({shown(r)} %)" for agency, r in rate.items() if r < 50]
    assert low == ["Harbor City Public Schools (31.4 %)"]
    assert hand["change"] == ["Communication & Information Flow rose 7.9 points, from 60.3 to 68.2: a real change."]
    assert hand["index"][0].endswith("up 0.8 points since 2024 Spring, no clear change.")
    assert CARE in hand["priority"][0]  # RES, alpha 0.07, is the state's one Priority domain
    expected = [
        *hand["index"],
        *hand["change"],
        # the one labelled unit gap (see the State Office's test below); no agency has 3 Priority domains
        f"In {GF}, {SEA}, {grants_gap(responses)}",
        *hand["priority"],
        f"Fewer than half of those invited answered in {low[0]}: interpret with caution.",
        *hand["strongest"],
        *hand["weakest"],
    ]
    view = survey.view(Filters("2025 Spring"))
    assert [f.text for f in view_findings(view, "2024 Spring")] == expected
    assert [f.text for f in story(view)] == expected[1:]  # Overview's story: the index has its own figure


def grants_gap(responses: pd.DataFrame) -> str:
    """Grants & Finance's SHD gap in 2025 Spring as a finding says it, by hand: its 9 leaders against its 57 staff."""
    rows = scope(responses, SEA, GF)
    rows = rows[rows["wave"] == "2025 Spring"]
    shd = respondent_scores(rows)["SHD"]
    leaders = rows["role_level"].isin(LEADERS)
    gap, low, _ = welch(shd[leaders], shd[~leaders])
    assert (shd[leaders].notna().sum(), shd[~leaders].notna().sum()) == (9, 57)
    assert abs(gap) >= 20 and low > 0  # large (§4.1)
    return f"leaders rate Shared Decision-Making & Influence {shown(gap)} points higher than staff do (a large gap)."


def test_the_state_offices_findings_by_hand_and_its_units_gap_where_it_is_shown(responses, survey):
    hand = hand_story(responses, SEA)
    sentence = grants_gap(responses)
    assert sentence == "leaders rate Shared Decision-Making & Influence 34.1 points higher than staff do (a large gap)."
    # §7.2 step c leaves it shown in the State Office's breakdown by unit: two units' SHD gaps are hidden (Policy &
    # Legislative Affairs has no leader; Data & Assessment, hidden beside it, has 6) and their own n (the smaller
    # side) add up to 6 >= 5, so no further cell is hidden: the State Office's findings state it after its real
    # change (issue 22: with 3 leaders in Data & Assessment, Grants & Finance's cell was hidden too)
    office = responses[(responses["wave"] == "2025 Spring") & (responses["agency"] == SEA)]
    own_n = office.assign(scored=respondent_scores(office)["SHD"].notna(), leader=office["role_level"].isin(LEADERS))
    own_n = own_n[own_n["scored"]].groupby("unit")["leader"].agg(lambda s: min(s.sum(), (~s).sum())).sort_values()
    assert own_n.head(3).to_dict() == {"Policy & Legislative Affairs": 0, "Data & Assessment": 6, GF: 9}
    view = survey.view(Filters("2025 Spring", SEA))
    assert [f.text for f in view_findings(view, "2024 Spring")] == [
        *hand["index"],
        *hand["change"],
        f"In {GF}, {sentence}",
        *hand["priority"],
        *hand["strongest"],
        *hand["weakest"],
    ]
    # the unit's own findings state it right after its real change
    unit = [f.text for f in story(survey.view(Filters("2025 Spring", SEA, GF)))]
    assert unit[0].startswith("Communication & Information Flow rose")
    assert unit[1] == sentence[0].upper() + sentence[1:]


def test_no_finding_names_a_hidden_group_in_any_agency_scope(responses, survey):
    """For the state and every agency: no finding names a unit (or agency) whose every domain score its breakdown
    hides, nor one of fewer than 5 respondents (counted here by hand)."""
    wave = responses[responses["wave"] == "2025 Spring"]
    named = 0
    for agency in [None, *sorted(wave["agency"].unique())]:
        view = survey.view(Filters("2025 Spring", agency))
        assert not view.refusal
        by = ("unit",) if agency else ("agency",)
        grid = view.breakdown("domain_scores", by)
        hidden = set(grid.groupby(by[0])["suppressed"].all().loc[lambda s: s].index)
        mine = wave if agency is None else wave[wave["agency"] == agency]
        counts = mine.groupby(list(view.unit_by)).size()
        small = {", ".join(reversed(key)) if isinstance(key, tuple) else key for key in counts[counts < 5].index}
        if agency:
            small |= {key for key, n in mine.groupby("unit").size().items() if n < 5}
            assert small <= hidden
        texts = [f.text for f in view_findings(view, "2024 Spring")]
        for name in hidden | small:
            assert not any(f"{name} " in t or f"{name}," in t or f"{name}:" in t for t in texts), (agency, name)
            named += 1
    assert named >= 3  # the rule is tried on real hidden groups (the State Office has two)
