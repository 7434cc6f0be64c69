"""Key findings: each rule on small hand-made indicator tables, and never a word about a hidden group."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from metrics import load_instrument
from reports.findings import key_findings

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
    texts = findings()
    assert texts[0] == "The effectiveness index is 61.3 out of 100, in the Emerging tier."  # 61.25 half away
    assert texts[1] == "Strongest domains: Shared Vision & Common Purpose (80.0)."
    assert texts[2].startswith("Domains to work on: Effective Leadership (45.0)")
    assert "In the Priority tier (below 50): Effective Leadership." in texts


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
    assert "Only 31.4 % of those invited answered in A: interpret with caution." in texts
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
        "C needs attention: 4 domains are in the Priority tier there.",
        "A needs attention: 3 domains are in the Priority tier there.",
    ]
