"""Every chart fits the page's main column at 1280 x 720 whole, with its legend on top and never cut short, and
no reference line runs through a label.

A chart is measured as drawn (vl-convert renders it to SVG, labels, legends and text columns included), fed with
tables as wide as a real state's: the longest agency, unit, domain and item names, 36 units by every domain.
Streamlit then widens a chart to its column, never narrows it, so nothing is squeezed or clipped at 1280 or 1440.
"""

from __future__ import annotations

import itertools
import re

import altair as alt
import numpy as np
import pandas as pd
import pytest
import vl_convert

import charts
from charts import comments, items, leadership, rates, reliability, trends
from metrics import load_instrument

INSTRUMENT = load_instrument()
DOMAINS = list(INSTRUMENT.domain_codes)
AGENCIES = [
    "Pine Ridge Independent School District",
    "Lakeshore County School District",
    "Eastbrook Consolidated Schools",
    "State Office of Early Learning",
    "Riverside Unified School District",
    "Cedar Falls Community Schools",
]
UNITS = [
    "Early Childhood Special Education",
    "Family & Community Engagement",
    "Special Education Preschool",
    "Policy & Legislative Affairs",
    "Professional Learning",
    "Grants & Finance",
]
PAIRS = list(itertools.product(AGENCIES, UNITS))  # 36 units
TIERS = ["Strength", "Developing", "Emerging", "Priority"]
WAVES = ["2023 Spring", "2024 Spring", "2025 Spring"]
COLUMN_AT_1280 = 790  # pixels of the page's main column at 1280 x 720, as measured in Chromium (951 at 1440 x 900)


def drawn_width(chart: alt.TopLevelMixin) -> float:
    svg = vl_convert.vegalite_to_svg(chart.to_json())
    return float(re.search(r'<svg[^>]*\swidth="([\d.]+)"', svg)[1])


def unit_scores() -> pd.DataFrame:
    rows = [
        {"agency": a, "unit": u, "domain": d, "n": 20, "score": 40.0 + (i * 7) % 45, "pct_favorable": 50.0}
        for i, ((a, u), d) in enumerate(itertools.product(PAIRS, DOMAINS))
    ]
    table = pd.DataFrame(rows)
    table["tier"] = [TIERS[min(3, int((85 - s) // 12))] for s in table["score"]]
    table["suppressed"] = False
    return table


def one_group_scores() -> pd.DataFrame:
    return unit_scores().query("agency == @AGENCIES[0] and unit == @UNITS[0]").drop(columns=["agency", "unit"])


def gaps(by: bool) -> pd.DataFrame:
    keys = list(itertools.product(PAIRS, DOMAINS)) if by else [(None, d) for d in DOMAINS]
    rows = []
    for i, (pair, d) in enumerate(keys):
        gap = -25.0 + (i * 9) % 50
        row = {"domain": d, "leaders_n": 8, "staff_n": 30, "leaders_score": 50.0 + gap / 2}
        row |= {"staff_score": 50.0 - gap / 2, "gap": gap, "gap_low": gap - 8, "gap_high": gap + 8}
        row |= {"label": "large" if abs(gap) >= 20 else "notable" if abs(gap) >= 10 else "", "suppressed": False}
        if by:
            row |= {"agency": pair[0], "unit": pair[1]}
        rows.append(row)
    return pd.DataFrame(rows)


def agreement() -> pd.DataFrame:
    rows = [
        {"agency": a, "unit": u, "domain": d, "n": 20, "r_wg": 0.5 + (i % 5) / 10, "suppressed": False}
        for i, ((a, u), d) in enumerate(itertools.product(PAIRS, DOMAINS))
    ]
    table = pd.DataFrame(rows)
    table["consensus"] = table["r_wg"] >= 0.7
    return table


def influence() -> tuple[pd.DataFrame, pd.DataFrame]:
    per_unit = pd.DataFrame(
        {
            "agency": [a for a, _ in PAIRS],
            "unit": [u for _, u in PAIRS],
            "n": 20,
            "share": [5.0 + (i * 13) % 90 for i in range(len(PAIRS))],
            "suppressed": False,
        }
    )
    return per_unit, pd.DataFrame({"n": [720], "share": [44.0], "suppressed": [False]})


def agency_rates() -> pd.DataFrame:
    rate = [31.4, 49.0, 62.4, 79.3, 99.0, 12.0]
    return pd.DataFrame(
        {
            "wave": "2025 Spring",
            "agency": AGENCIES,
            "responses": [r * 2 for r in rate],
            "invited": 200.0,
            "rate": rate,
            "caution": [r < 50 for r in rate],
            "error": "",
            "suppressed": False,
        }
    )


def trend() -> pd.DataFrame:
    rows = [
        {"wave": w, "domain": d, "n": 300, "score": 45.0 + 3 * j + i, "ci_low": 42.0 + 3 * j + i}
        for (j, d), (i, w) in itertools.product(enumerate(DOMAINS), enumerate(WAVES))
    ]
    table = pd.DataFrame(rows)
    table["ci_high"] = table["score"] + 3
    table["tier"] = "Emerging"
    table["suppressed"] = False
    return table


def change() -> pd.DataFrame:
    values = [-9.5, 8.0, 0.2, -0.3, 5.5, -6.0, 1.0, 0.0, 2.0, -1.0]
    return pd.DataFrame(
        {
            "domain": DOMAINS,
            "score_from": 60.0,
            "score_to": [60.0 + v for v in values],
            "change": values,
            "ci_low": [v - 3 for v in values],
            "ci_high": [v + 3 for v in values],
            "meaningful": [abs(v) >= 5 for v in values],
            "suppressed": False,
        }
    )


def longest_items() -> list[str]:
    return [i.code for i in sorted(INSTRUMENT.items, key=lambda item: -len(item.text))[:5]]


def item_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    codes = longest_items()
    stats = pd.DataFrame(
        {
            "item": codes,
            "n": 200,
            "n_missing": 60,
            "mean": 3.0,
            "pct_favorable": [12.0, 27.0, 45.0, 70.0, 95.0],
            "pct_neutral": 10.0,
            "pct_unfavorable": 10.0,
            "suppressed": False,
        }
    )
    counts = [10, 30, 60, 60, 40]
    distribution = pd.DataFrame(
        [
            {"item": code, "point": p, "label": INSTRUMENT.scale.label(p), "count": float(c)}
            | {"pct": 100 * c / sum(counts), "suppressed": False}
            for code in codes
            for p, c in zip(INSTRUMENT.scale.points, counts, strict=True)
        ]
    )
    return stats, distribution


def themes() -> pd.DataFrame:
    return pd.DataFrame(
        {"domain": DOMAINS, "commenters": 400, "mentions": 99, "share": [24.75] * len(DOMAINS), "suppressed": False}
    )


def build(name: str) -> alt.TopLevelMixin:
    stats, distribution = item_tables()
    per_unit, overall = influence()
    alphas = pd.DataFrame({"domain": DOMAINS, "n": 500, "alpha": np.linspace(0.16, 0.92, len(DOMAINS))})
    coherence = pd.DataFrame({"domain": DOMAINS, "units": 6, "coherence": 80.0, "suppressed": False})
    pair = trend().query("wave in @WAVES[-2:]")
    return {
        "domain scores (Overview)": lambda: charts.domain_chart(one_group_scores(), INSTRUMENT),
        "units grid (Units)": lambda: charts.heatmap_chart(unit_scores(), INSTRUMENT),
        "leaders and staff (Leaders and staff)": lambda: charts.gap_chart(gaps(by=False), INSTRUMENT),
        "favourable share (Items)": lambda: items.favourable_chart(
            stats, longest_items(), INSTRUMENT, stats.assign(pct_favorable=50.0), "State Office of Early Learning"
        ),
        "answers (Items, Domains)": lambda: charts.likert_chart(distribution, stats, INSTRUMENT),
        "unit gaps (Collective leadership)": lambda: leadership.gap_grid_chart(gaps(by=True), INSTRUMENT),
        "agreement (Collective leadership)": lambda: leadership.agreement_chart(agreement(), INSTRUMENT),
        "influence (Collective leadership)": lambda: leadership.influence_chart(per_unit, overall),
        "coherence (Collective leadership)": lambda: leadership.coherence_chart(coherence, INSTRUMENT),
        "panels (Trends)": lambda: trends.trend_chart(trend(), INSTRUMENT),
        "change (Trends)": lambda: trends.change_chart(change(), pair, INSTRUMENT, WAVES[-2], WAVES[-1]),
        "rates (Response rates)": lambda: rates.rate_chart(agency_rates()),
        "themes (Comments)": lambda: comments.theme_chart(themes(), INSTRUMENT),
        "reliability (Methods)": lambda: reliability.alpha_chart(alphas, INSTRUMENT),
    }[name]()


CHARTS = [
    "domain scores (Overview)",
    "units grid (Units)",
    "leaders and staff (Leaders and staff)",
    "favourable share (Items)",
    "answers (Items, Domains)",
    "unit gaps (Collective leadership)",
    "agreement (Collective leadership)",
    "influence (Collective leadership)",
    "coherence (Collective leadership)",
    "panels (Trends)",
    "change (Trends)",
    "rates (Response rates)",
    "themes (Comments)",
    "reliability (Methods)",
]


@pytest.mark.parametrize("name", CHARTS)
def test_chart_fits_the_column_at_1280(name):
    assert drawn_width(build(name)) <= COLUMN_AT_1280, name


def legends(spec) -> list[dict]:
    """Every legend a spec asks for, wherever it sits in the layers."""
    found = []
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == "legend" and isinstance(value, dict):
                found.append(value)
            else:
                found += legends(value)
    elif isinstance(spec, list):
        for value in spec:
            found += legends(value)
    return found


@pytest.mark.parametrize(
    "name",
    [
        "units grid (Units)",
        "unit gaps (Collective leadership)",
        "agreement (Collective leadership)",
        "answers (Items, Domains)",
        "leaders and staff (Leaders and staff)",
        "change (Trends)",
    ],
)
def test_legends_sit_on_top_and_are_never_cut(name):
    spec = build(name).to_dict()
    config = spec["config"]["legend"]
    shown = legends(spec)
    assert shown, "the chart should have a legend"
    for legend in shown:
        assert legend.get("orient", config["orient"]) == "top"
        assert legend.get("labelLimit", config["labelLimit"]) >= 400  # wider than any label it holds


def test_the_units_legend_holds_every_tier_whole():
    svg = vl_convert.vegalite_to_svg(build("units grid (Units)").to_json())
    for label in ("Strength (75 or more)", "Developing (62.5 to below 75)", "Emerging (50 to below 62.5)"):
        assert f">{label}<" in svg
    assert ">Priority (below 50)<" in svg  # not "Priori…"
    assert "…" not in svg


def layer_marks(chart: alt.TopLevelMixin) -> list[dict]:
    """The mark of each layer, in drawing order."""
    spec = chart.to_dict()
    return [layer["mark"] if isinstance(layer["mark"], dict) else {"type": layer["mark"]} for layer in spec["layer"]]


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("rates (Response rates)", "rule"),
        ("reliability (Methods)", "rule"),
        ("influence (Collective leadership)", "rule"),
        ("favourable share (Items)", "tick"),
    ],
)
def test_no_reference_line_runs_over_a_label(name, line):
    # The reference line is drawn before any text, and a text beyond a bar's end (where the line may cross it)
    # has a white halo drawn under it; a text inside a bar is covered from the line by the bar itself.
    marks = layer_marks(build(name))
    lines = [i for i, m in enumerate(marks) if m["type"] == line]
    texts = [i for i, m in enumerate(marks) if m["type"] == "text"]
    assert lines and texts
    if line == "rule":
        bars = [i for i, m in enumerate(marks) if m["type"] == "bar"]
        assert max(lines) < min(bars), "the line is under the bars"
    assert max(lines) < min(texts)
    assert any(m.get("stroke") == "#ffffff" and m.get("strokeWidth", 0) >= 4 for m in marks), "a halo"
