"""Domain scores of many groups (units, or agency and unit): a grid of groups by domains, each cell filled
with its tier colour and carrying its score; a suppressed cell is left white with a dashed outline and a dash,
its reason in the tooltip."""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts import _cells, theme
from metrics import Instrument

CELL_WIDTH = 64  # at most; narrower when many domains must share the column (`cell_width`)
MIN_CELL_WIDTH = 34  # room for a score such as "73.9"
GROUP_LABEL_LIMIT = 310  # pixels: the widest a row's label may be
HEADER_ROOM = 10  # pixels the slanted domain names reach right of the last column (they lean over the row labels)
CELL_HEIGHT = 40
CELL_TEXT_PX = 14
LINE_HEIGHT = 16  # extra row height for each further line of a row label
HEADER_ANGLE = 45  # degrees: domain names slant down to the right, ending at the top of their column
HEADER_LIMIT = 300  # pixels: room for the longest domain name

_KNOWN = ("domain", "n", "score", "pct_favorable", "tier", "suppressed")


def heatmap_cells(scores: pd.DataFrame, instrument: Instrument, min_n: int = 5) -> pd.DataFrame:
    """The chart's data: one row per group and domain. A suppressed cell keeps its group, its domain and its
    reason; its score, tier and count are blank."""
    by = _cells.by_columns(scores, _KNOWN)
    hide = _cells.hidden(scores)
    score = scores["score"].astype(float).where(~hide)
    order = {code: i for i, code in enumerate(instrument.domain_codes)}
    cells = pd.DataFrame(
        {
            "group": _cells.group_label(scores, by, "\n").to_numpy(),
            "group_text": _cells.group_label(scores, by).to_numpy(),
            "domain_name": _cells.domain_names(instrument, scores["domain"]).to_numpy(),
            "order": scores["domain"].map(lambda c: order.get(c, len(order))).to_numpy(),
            "score": score.to_numpy(),
            "score_text": [_cells.number(v) if not h else "–" for v, h in zip(score, hide, strict=True)],
            "tier": scores["tier"].astype(object).where(~hide, None).to_numpy(),
            "text_colour": [theme.TIER_TEXT.get(t, theme.MUTED) for t in scores["tier"].astype(object).where(~hide)],
            "responses": [None if h else _cells.count(v) for v, h in zip(scores["n"], hide, strict=True)],
            "reason": _cells.reasons(scores, min_n).to_numpy(),
        }
    )
    return cells.sort_values("order", kind="stable").drop(columns="order").reset_index(drop=True)


def _tier_legend_labels(instrument: Instrument) -> str:
    t = instrument.tiers
    ranges = {
        "Strength": f"Strength ({t.strength:g} or more)",
        "Developing": f"Developing ({t.developing:g} to below {t.strength:g})",
        "Emerging": f"Emerging ({t.emerging:g} to below {t.developing:g})",
        "Priority": f"Priority (below {t.emerging:g})",
    }
    expression = "datum.label"
    for name, text in reversed(ranges.items()):
        expression = f"datum.label == '{name}' ? '{text}' : ({expression})"
    return expression


def cell_width(domains: int, widest: int = CELL_WIDTH, label_limit: int = GROUP_LABEL_LIMIT) -> int:
    """A grid column's width: as wide as `widest`, narrower so that the row labels and every domain's column fit
    the page's column at 1280 px, never below MIN_CELL_WIDTH."""
    room = theme.CHART_ROOM - label_limit - HEADER_ROOM
    return max(MIN_CELL_WIDTH, min(widest, room // max(domains, 1)))


def grid_axes(groups: list[str], domains: list[str], label_limit: int = GROUP_LABEL_LIMIT) -> tuple[alt.X, alt.Y]:
    """The axes of a groups-by-domains grid: domain names slanted along the top, each ending over its column and
    leaning left over the row labels (so that no name reaches past the grid's right edge, however many domains),
    group labels (one or more lines) down the left, both in the order given."""
    x = alt.X(
        "domain_name:N",
        sort=domains,
        scale=alt.Scale(domain=domains, paddingInner=0.08),
        title=None,
        axis=alt.Axis(
            orient="top",
            labelAngle=HEADER_ANGLE,
            labelAlign="right",
            labelBaseline="middle",
            labelLimit=HEADER_LIMIT,
            labelPadding=6,
            ticks=False,
            domain=False,
        ),
    )
    y = alt.Y(
        "group:N",
        sort=groups,
        scale=alt.Scale(domain=groups, paddingInner=0.1),
        title=None,
        axis=alt.Axis(labelExpr=theme.SPLIT_LINES, labelLimit=label_limit, ticks=False, domain=False, labelPadding=8),
    )
    return x, y


def heatmap_chart(
    scores: pd.DataFrame, instrument: Instrument, min_n: int = 5, title: str | None = None
) -> alt.LayerChart:
    """Groups (rows, sorted as in the table) by domains (columns, instrument order) from `domain_scores`
    with one or more `by` columns. With two `by` columns a row is labelled on two lines (agency, then unit)."""
    cells = heatmap_cells(scores, instrument, min_n)
    groups = list(dict.fromkeys(cells["group"]))
    domains = list(dict.fromkeys(cells["domain_name"]))
    lines = max((g.count("\n") + 1 for g in groups), default=1)
    x, y = grid_axes(groups, domains)
    tooltip = [
        alt.Tooltip("group_text:N", title="Group"),
        alt.Tooltip("domain_name:N", title="Domain"),
        alt.Tooltip("score_text:N", title="Score"),
        alt.Tooltip("tier:N", title="Tier"),
        alt.Tooltip("responses:N", title="Responses"),
    ]
    hidden_tooltip = [
        alt.Tooltip("group_text:N", title="Group"),
        alt.Tooltip("domain_name:N", title="Domain"),
        alt.Tooltip("reason:N", title="Not shown"),
    ]
    base = alt.Chart(cells)
    shown_cells = base.transform_filter("datum.reason == ''")
    hidden_cells = base.transform_filter("datum.reason != ''")
    fill = shown_cells.mark_rect(strokeWidth=1.5).encode(
        x=x,
        y=y,
        color=alt.Color(
            "tier:N",
            scale=theme.tier_scale(),
            legend=alt.Legend(
                title=None,
                orient="top",  # read before the rows, however many there are
                direction="horizontal",
                columns=2,  # four long labels side by side would not fit the column
                labelLimit=theme.LEGEND_LABEL_LIMIT,
                offset=12,
                labelExpr=_tier_legend_labels(instrument),
                symbolType="square",
                symbolSize=300,
                symbolStrokeWidth=1,
                symbolStrokeColor=theme.MUTED,
            ),
        ),
        stroke=alt.Stroke("tier:N", scale=theme.tier_outline_scale(), legend=None),
        tooltip=tooltip,
    )
    blank = hidden_cells.mark_rect(  # the dash on it speaks for a hidden cell; aria off, as it is often empty
        fill="#ffffff", stroke=theme.SUPPRESSED_OUTLINE, strokeDash=[4, 3], strokeWidth=1.2, aria=False
    ).encode(x=x, y=y, tooltip=hidden_tooltip)
    values = shown_cells.mark_text(fontSize=CELL_TEXT_PX).encode(
        x=x,
        y=y,
        text=alt.Text("score_text:N"),
        color=alt.Color("text_colour:N", scale=None, legend=None),
        tooltip=tooltip,
    )
    dashes = hidden_cells.mark_text(fontSize=CELL_TEXT_PX, color=theme.MUTED).encode(
        x=x, y=y, text=alt.Text("score_text:N"), tooltip=hidden_tooltip
    )
    chart = alt.layer(fill, blank, values, dashes).properties(
        width=alt.Step(cell_width(len(domains))), height=alt.Step(CELL_HEIGHT + LINE_HEIGHT * (lines - 1))
    )
    return theme.projector(chart, title)
