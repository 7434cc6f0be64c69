"""Domain scores of one group: horizontal bars on a fixed 0-100 axis over the tier bands."""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts import _cells, theme
from metrics import Instrument

ROW_STEP = 46  # pixels per domain row
INSIDE_FROM = 35  # a bar this long (0-100) holds its label inside


def domain_rows(scores: pd.DataFrame, instrument: Instrument, min_n: int = 5) -> pd.DataFrame:
    """The chart's data: one row per domain, in instrument order. A suppressed row keeps only its domain name
    and its reason; its score, tier, percentage and count are blank."""
    _cells.single_group(scores, "domain", "The domain chart")
    reason = _cells.reasons(scores, min_n)
    hide = _cells.hidden(scores)
    order = {code: i for i, code in enumerate(instrument.domain_codes)}
    score = scores["score"].astype(float).where(~hide)
    rows = pd.DataFrame(
        {
            "domain": _cells.domain_names(instrument, scores["domain"]).to_numpy(),
            "order": scores["domain"].map(lambda c: order.get(c, len(order))).to_numpy(),
            "score": score.to_numpy(),
            "score_text": [_cells.number(v) for v in score],
            "tier": scores["tier"].astype(object).where(~hide, None).to_numpy(),
            "pct_favorable_text": [_cells.number(v) for v in scores["pct_favorable"].where(~hide)],
            "responses": [None if h else _cells.count(v) for v, h in zip(scores["n"], hide, strict=True)],
            "reason": reason.to_numpy(),
        }
    )
    rows["text_colour"] = [theme.TIER_TEXT.get(t, theme.INK) for t in rows["tier"]]
    rows["label"] = [
        f"{text}  {tier}" if text else "" for text, tier in zip(rows["score_text"], rows["tier"], strict=True)
    ]
    return rows.sort_values("order", kind="stable").drop(columns="order").reset_index(drop=True)


def band_layers(instrument: Instrument, with_names: bool = True) -> alt.LayerChart:
    """Light tier bands across a 0-100 x axis, dashed rules at the cut points, the band names above."""
    bands = pd.DataFrame(theme.tier_bands(instrument.tiers))
    base = alt.Chart(bands)
    fill = base.mark_rect(opacity=1).encode(
        x=alt.X("start:Q", scale=alt.Scale(domain=[0, 100], nice=False)),
        x2=alt.X2("end:Q"),
        color=alt.Color("colour:N", scale=None, legend=None),
    )
    cuts = (
        base.transform_filter("datum.start > 0")
        .mark_rule(strokeDash=[4, 4], color="#9a9a9a")
        .encode(x=alt.X("start:Q"))
    )
    layers = [fill, cuts]
    if with_names:
        # 12 px: "Emerging" and "Developing" fit their 12.5-point bands side by side in a 1280 px column
        names = base.mark_text(baseline="bottom", fontSize=12, color=theme.MUTED, fontStyle="italic").encode(
            x=alt.X("middle:Q"), y=alt.YValue(-6), text=alt.Text("band:N")
        )
        layers.append(names)
    return alt.layer(*layers)


def domain_chart(
    scores: pd.DataFrame, instrument: Instrument, min_n: int = 5, title: str | None = None, width: int | str = 560
) -> alt.LayerChart:
    """Bars of the domain scores (0-100) of one group from `domain_scores`, in instrument order, each bar
    coloured by tier and labelled with its score and tier name; a suppressed domain is an empty row that
    says why, never a bar."""
    rows = domain_rows(scores, instrument, min_n)
    names = rows["domain"].tolist()
    y = theme.domain_axis(names)
    x = alt.X(
        "score:Q",
        scale=alt.Scale(domain=[0, 100], nice=False),
        axis=alt.Axis(values=[0, 25, 50, 75, 100], grid=False),
        title="Score (0–100)",
    )
    base = alt.Chart(rows)
    tooltip = [
        alt.Tooltip("domain:N", title="Domain"),
        alt.Tooltip("score_text:N", title="Score"),
        alt.Tooltip("tier:N", title="Tier"),
        alt.Tooltip("pct_favorable_text:N", title="% favourable"),
        alt.Tooltip("responses:N", title="Responses"),
    ]
    shown_rows = base.transform_filter("datum.reason == ''")
    bars = shown_rows.mark_bar(height={"band": 0.62}, strokeWidth=1.5).encode(
        x=x,
        y=y,
        color=alt.Color("tier:N", scale=theme.tier_scale(), legend=None),
        stroke=alt.Stroke("tier:N", scale=theme.tier_outline_scale(), legend=None),
        tooltip=tooltip,
    )
    # The score and tier inside the end of a bar long enough to hold them, otherwise just beyond it.
    inside = (
        shown_rows.transform_filter(f"datum.score >= {INSIDE_FROM}")
        .mark_text(align="right", dx=-8, fontSize=theme.MARK_TEXT_PX)
        .encode(
            x=alt.X("score:Q"),
            y=y,
            text=alt.Text("label:N"),
            color=alt.Color("text_colour:N", scale=None),
            tooltip=tooltip,
        )
    )
    outside = theme.halo_text(  # on a white halo: the dashed tier cut it may cross never strikes it through
        shown_rows.transform_filter(f"datum.score < {INSIDE_FROM}"),
        {"x": alt.X("score:Q"), "y": y, "text": alt.Text("label:N"), "tooltip": tooltip},
        align="left",
        dx=6,
        fontWeight="normal",
    )
    missing = (
        base.transform_filter("datum.reason != ''")
        .mark_text(align="left", dx=6, fontSize=theme.MARK_TEXT_PX, fontStyle="italic", color=theme.MUTED)
        .encode(
            x=alt.XValue(0),
            y=y,
            text=alt.Text("reason:N"),
            tooltip=[alt.Tooltip("domain:N", title="Domain"), alt.Tooltip("reason:N", title="Not shown")],
        )
    )
    chart = alt.layer(band_layers(instrument), bars, inside, *outside, missing).properties(
        width=width, height=alt.Step(ROW_STEP)
    )
    return theme.projector(chart.properties(padding={"top": 24, "right": 10, "left": 5, "bottom": 5}), title)
