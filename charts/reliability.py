"""Cronbach's alpha per domain (indicators §3.7): bars against the 0.70 line, and the numbers behind them.

A domain below 0.70 is drawn pale with a dark outline and says "below 0.70" beside its bar, so the flag does
not rest on colour. Alpha is shown to two decimals, as it is usually reported (one decimal would make 0.65 and
0.74 look alike).
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from charts import _cells, theme
from charts.rates import CAUTION_FILL, CAUTION_OUTLINE, REFERENCE, SHOWN_FILL, SHOWN_OUTLINE
from metrics import RELIABLE_ALPHA, Instrument
from metrics.rounding import below

ROW_STEP = 44
UNRELIABLE = "the items of this domain do not hang together well, so its score may mix different things"
NOT_COMPUTED = "not computed: too few people answered every item"


def alpha_text(value) -> str:
    """Alpha to two decimals ('' when missing); never '-0.00'."""
    if value is None or pd.isna(value):
        return ""
    return f"{round(float(value), 2) + 0.0:.2f}"


def alpha_rows(alphas: pd.DataFrame, instrument: Instrument) -> pd.DataFrame:
    """The chart's data: one row per domain in instrument order with alpha, its text, whether it is below 0.70
    (unrounded, §3.0), the label beside its bar, and a note for a domain without an alpha."""
    order = {code: i for i, code in enumerate(instrument.domain_codes)}
    alpha = alphas["alpha"].astype(float)
    low = below(alpha, RELIABLE_ALPHA)
    texts = [alpha_text(v) for v in alpha]
    rows = pd.DataFrame(
        {
            "domain": _cells.domain_names(instrument, alphas["domain"]).to_numpy(),
            "order": alphas["domain"].map(lambda c: order.get(c, len(order))).to_numpy(),
            "alpha": alpha.to_numpy(),
            "alpha_text": texts,
            "low": low,
            "label": [f"{t} · below {RELIABLE_ALPHA:.2f}" if flag else t for t, flag in zip(texts, low, strict=True)],
            "note": np.where(alpha.isna(), NOT_COMPUTED, ""),
        }
    )
    return rows.sort_values("order", kind="stable").drop(columns="order").reset_index(drop=True)


def alpha_chart(alphas: pd.DataFrame, instrument: Instrument, title: str | None = None, width: int = 520):
    """Horizontal bars of `cronbach_alpha` per domain from 0 to 1 (further left if an alpha is negative), a
    dashed line at 0.70; a domain below it is pale, outlined and labelled "below 0.70"."""
    rows = alpha_rows(alphas, instrument)
    names = rows["domain"].tolist()
    lowest = min(0.0, float(np.floor(rows["alpha"].min() * 4) / 4)) if rows["alpha"].notna().any() else 0.0
    y = theme.domain_axis(names)
    x = alt.X(
        "alpha:Q",
        scale=alt.Scale(domain=[lowest, 1], nice=False),
        axis=alt.Axis(values=[v for v in (-1, -0.5, 0, 0.25, 0.5, 0.7, 1) if v >= lowest], grid=False),
        title="Cronbach's alpha",
    )
    colour = alt.Color("low:N", scale=alt.Scale(domain=[False, True], range=[SHOWN_FILL, CAUTION_FILL]), legend=None)
    stroke = alt.Stroke(
        "low:N", scale=alt.Scale(domain=[False, True], range=[SHOWN_OUTLINE, CAUTION_OUTLINE]), legend=None
    )
    tooltip = [alt.Tooltip("domain:N", title="Domain"), alt.Tooltip("alpha_text:N", title="Alpha")]
    base = alt.Chart(rows)
    with_alpha = base.transform_filter("isValid(datum.alpha)")
    bars = with_alpha.mark_bar(height={"band": 0.62}, strokeWidth=2).encode(
        x=x, x2=alt.X2Datum(0), y=y, color=colour, stroke=stroke, tooltip=tooltip
    )
    inside = (
        with_alpha.transform_filter("!datum.low && datum.alpha >= 0.2")
        .mark_text(align="right", dx=-8, fontSize=theme.MARK_TEXT_PX, color="#ffffff", fontWeight="bold")
        .encode(x=alt.X("alpha:Q"), y=y, text=alt.Text("alpha_text:N"), tooltip=tooltip)
    )
    outside = theme.halo_text(
        with_alpha.transform_filter("datum.low || datum.alpha < 0.2").transform_calculate(end="max(datum.alpha, 0)"),
        {"x": "end:Q", "y": y, "text": "label:N", "tooltip": tooltip},
        align="left",
        dx=8,
    )
    missing = (
        base.transform_filter("datum.note != ''")
        .mark_text(align="left", dx=6, fontSize=theme.MARK_TEXT_PX, fontStyle="italic", color=theme.MUTED)
        .encode(x=alt.XDatum(0), y=y, text=alt.Text("note:N"))
    )
    line = pd.DataFrame({"x": [RELIABLE_ALPHA], "text": [f"{RELIABLE_ALPHA:.2f}"]})
    rule = alt.Chart(line).mark_rule(color=REFERENCE, strokeDash=[6, 4], strokeWidth=2).encode(x=alt.X("x:Q"))
    rule_name = (
        alt.Chart(line)
        .mark_text(baseline="bottom", fontSize=14, color=REFERENCE, fontStyle="italic")
        .encode(x=alt.X("x:Q"), y=alt.YValue(-6), text=alt.Text("text:N"))
    )
    chart = alt.layer(rule, rule_name, bars, inside, *outside, missing).properties(  # the rule under the bars
        width=width, height=alt.Step(ROW_STEP)
    )
    return theme.projector(chart.properties(padding={"top": 26, "right": 10, "left": 5, "bottom": 5}), title)


def alpha_table(alphas: pd.DataFrame, instrument: Instrument) -> pd.DataFrame:
    """`cronbach_alpha` as shown, every value text: Domain, Cronbach's alpha, People who answered every item,
    Reading (why a domain below 0.70 is flagged)."""
    rows = alpha_rows(alphas, instrument)
    order = {code: i for i, code in enumerate(instrument.domain_codes)}
    counts = alphas.assign(order=alphas["domain"].map(lambda c: order.get(c, len(order))))
    counts = counts.sort_values("order", kind="stable")["n"]
    return pd.DataFrame(
        {
            "Domain": rows["domain"].tolist(),
            "Cronbach's alpha": rows["alpha_text"].tolist(),
            "People who answered every item": [_cells.count(v) for v in counts],
            "Reading": [
                note or (f"below {RELIABLE_ALPHA:.2f}: {UNRELIABLE}" if low else "")
                for note, low in zip(rows["note"], rows["low"], strict=True)
            ],
        }
    )
