"""Leaders and staff side by side: per domain, the two groups' scores as a filled circle (leaders) and an open
square (staff) joined by a line, and beside each row the gap, marked when it is notable or large."""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts import _cells, theme
from charts.domains import band_layers
from metrics import Instrument

ROW_STEP = 46
GAP_OFFSET = 18  # pixels from the plot's right edge to the gap column
GAP_COLUMN = 10  # pixels right of the gap column (the chart's bounds already hold its text)
SIDES = ("Leaders", "Staff")


def gap_text(gap, label: str) -> str:
    """The gap as it reads beside its row: '+12.3 (notable)', '-4.1', '0.0'."""
    text = _cells.number(gap, signed=True)
    return f"{text} ({label})" if text and label else text


def gap_rows(gaps: pd.DataFrame, instrument: Instrument, min_n: int = 5) -> pd.DataFrame:
    """The chart's data: one row per domain (instrument order) with both sides' scores, the gap as text and,
    for a suppressed row, only its domain name and reason."""
    _cells.single_group(gaps, "domain", "The gap chart")
    hide = _cells.hidden(gaps)
    order = {code: i for i, code in enumerate(instrument.domain_codes)}
    leaders = gaps["leaders_score"].astype(float).where(~hide)
    staff = gaps["staff_score"].astype(float).where(~hide)
    labels = gaps["label"].fillna("").astype(str).where(~hide, "")
    rows = pd.DataFrame(
        {
            "domain": _cells.domain_names(instrument, gaps["domain"]).to_numpy(),
            "order": gaps["domain"].map(lambda c: order.get(c, len(order))).to_numpy(),
            "leaders_score": leaders.to_numpy(),
            "staff_score": staff.to_numpy(),
            "leaders_text": [_cells.number(v) for v in leaders],
            "staff_text": [_cells.number(v) for v in staff],
            "gap_text": [gap_text(g, lab) for g, lab in zip(gaps["gap"].where(~hide), labels, strict=True)],
            "label": labels.to_numpy(),
            "reason": _cells.reasons(gaps, min_n).to_numpy(),
        }
    )
    return rows.sort_values("order", kind="stable").drop(columns="order").reset_index(drop=True)


def gap_chart(
    gaps: pd.DataFrame, instrument: Instrument, min_n: int = 5, title: str | None = None, width: int | str = 440
) -> alt.LayerChart:
    """Dot plot of `perception_gap` rows of one group on a fixed 0-100 axis over the tier bands."""
    rows = gap_rows(gaps, instrument, min_n)
    names = rows["domain"].tolist()
    y = theme.domain_axis(names)
    x_scale = alt.Scale(domain=[0, 100], nice=False)
    shown_rows = alt.Chart(rows).transform_filter("datum.reason == ''")
    tooltip = [
        alt.Tooltip("domain:N", title="Domain"),
        alt.Tooltip("leaders_text:N", title="Leaders"),
        alt.Tooltip("staff_text:N", title="Staff"),
        alt.Tooltip("gap_text:N", title="Gap (leaders minus staff)"),
    ]
    rule = shown_rows.mark_rule(strokeWidth=3, color="#7f7f7f").encode(
        x=alt.X(
            "leaders_score:Q",
            scale=x_scale,
            axis=alt.Axis(values=[0, 25, 50, 75, 100], grid=False),
            title="Score (0–100)",
        ),
        x2=alt.X2("staff_score:Q"),
        y=y,
        tooltip=tooltip,
    )
    legend = alt.Legend(
        title=None, orient="top", direction="horizontal", symbolSize=220, symbolStrokeWidth=2.5, offset=14
    )
    points = (
        shown_rows.transform_fold(["leaders_score", "staff_score"], as_=["which", "score"])
        .transform_calculate(side="datum.which == 'leaders_score' ? 'Leaders' : 'Staff'")
        .mark_point(strokeWidth=2.5, opacity=1)
        .encode(
            x=alt.X("score:Q", scale=x_scale),
            y=y,
            shape=alt.Shape("side:N", scale=alt.Scale(domain=list(SIDES), range=["circle", "square"]), legend=legend),
            stroke=alt.Stroke(
                "side:N",
                scale=alt.Scale(domain=list(SIDES), range=[theme.LEADERS_COLOUR, theme.STAFF_COLOUR]),
                legend=legend,
            ),
            # Staff's square is open (transparent) and larger, so a leaders' circle at the same score shows inside it.
            fill=alt.Fill(
                "side:N",
                scale=alt.Scale(domain=list(SIDES), range=[theme.LEADERS_COLOUR, "transparent"]),
                legend=legend,
            ),
            size=alt.Size("side:N", scale=alt.Scale(domain=list(SIDES), range=[170, 380]), legend=legend),
            tooltip=tooltip,
        )
    )
    missing = (
        alt.Chart(rows)
        .transform_filter("datum.reason != ''")
        .mark_text(align="left", dx=6, fontSize=theme.MARK_TEXT_PX, fontStyle="italic", color=theme.MUTED)
        .encode(x=alt.XValue(0), y=y, text=alt.Text("reason:N"))
    )
    # The gaps: a column of text just right of the plot, with its heading above the first row.
    gap_base = alt.Chart(rows).encode(y=y, x=alt.XDatum(100), text=alt.Text("gap_text:N"))
    plain = gap_base.transform_filter("datum.label == ''").mark_text(
        align="left", dx=GAP_OFFSET, fontSize=theme.MARK_TEXT_PX, color=theme.INK
    )
    marked = gap_base.transform_filter("datum.label != ''").mark_text(
        align="left", dx=GAP_OFFSET, fontSize=theme.MARK_TEXT_PX, color=theme.INK, fontWeight="bold"
    )
    heading = (
        alt.Chart(pd.DataFrame({"heading": ["Gap"]}))
        .mark_text(align="left", baseline="bottom", dx=GAP_OFFSET, fontSize=theme.AXIS_LABEL_PX, color=theme.INK)
        .encode(x=alt.XDatum(100), y=alt.YValue(-6), text=alt.Text("heading:N"))
    )
    chart = alt.layer(
        band_layers(instrument, with_names=False), rule, points, missing, plain, marked, heading
    ).properties(width=width, height=alt.Step(ROW_STEP))
    return theme.projector(chart.properties(padding={"top": 24, "right": GAP_COLUMN, "left": 5, "bottom": 5}), title)
