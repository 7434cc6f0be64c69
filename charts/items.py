"""The share of favourable answers to a few chosen items, each beside the same item in a wider benchmark group.

Why: a leader reading the strongest and weakest items of a unit wants to know whether they are the unit's own or
the whole agency's; a black tick at the benchmark's share answers that without a second chart.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from charts import _cells, theme
from metrics import Instrument

ITEM_WRAP = 40  # characters per line of an item's text
ROW_STEP = 64  # pixels per item row
BAR_COLOUR = "#2f6fae"  # the "Developing" blue: L* 46, a mid grey in greyscale, under the black tick
INSIDE_FROM = 22.0  # a bar at least this long carries its value inside


def favourable_rows(
    stats: pd.DataFrame, items: Sequence[str], instrument: Instrument, benchmark: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per chosen item (in the given order): its text, % favourable and n, and the benchmark's % favourable
    (NaN when there is no benchmark or the benchmark hides that item)."""
    _cells.single_group(stats, "item", "The favourable-share chart")
    mine = stats.set_index("item")
    theirs = None if benchmark is None else benchmark.set_index("item")
    texts = {item.code: item.text for item in instrument.items}
    rows = []
    for item in items:
        pct = float(mine.at[item, "pct_favorable"])
        bench = float("nan")
        if theirs is not None and item in theirs.index and not bool(theirs.at[item, "suppressed"]):
            bench = float(theirs.at[item, "pct_favorable"])
        rows.append(
            {
                "item": item,
                "item_label": theme.wrap(texts[item], ITEM_WRAP),
                "pct": pct,
                "pct_text": f"{_cells.number(pct)} %",
                "n": int(mine.at[item, "n"]),
                "benchmark": bench,
                "benchmark_text": "" if bench != bench else f"{_cells.number(bench)} %",
            }
        )
    return pd.DataFrame(rows, columns=["item", "item_label", "pct", "pct_text", "n", "benchmark", "benchmark_text"])


def favourable_chart(
    stats: pd.DataFrame,
    items: Sequence[str],
    instrument: Instrument,
    benchmark: pd.DataFrame | None = None,
    benchmark_name: str = "",
    title: str | None = None,
    width: int | str = 460,
) -> alt.LayerChart:
    """Bars of the chosen items' % favourable (0-100), each labelled with its value, and, for each item the
    benchmark shows, a black tick at the benchmark's share (named in the x-axis title)."""
    rows = favourable_rows(stats, items, instrument, benchmark)
    labels = rows["item_label"].tolist()
    y = alt.Y(
        "item_label:N",
        sort=labels,
        scale=alt.Scale(domain=labels),
        title=None,
        axis=alt.Axis(labelExpr=theme.SPLIT_LINES, labelLimit=360, ticks=False, domain=False, labelPadding=10),
    )
    axis_title = "% favourable answers"
    if benchmark_name:
        axis_title += f" (black tick: {benchmark_name})"
    x = alt.X(
        "pct:Q",
        scale=alt.Scale(domain=[0, 100], nice=False),
        axis=alt.Axis(values=[0, 25, 50, 75, 100], grid=True),
        title=axis_title,
    )
    tooltip = [
        alt.Tooltip("item_label:N", title="Item"),
        alt.Tooltip("pct_text:N", title="% favourable"),
        alt.Tooltip("n:Q", title="Responses"),
        alt.Tooltip("benchmark_text:N", title=benchmark_name or "Benchmark"),
    ]
    base = alt.Chart(rows)
    bars = base.mark_bar(height={"band": 0.6}, color=BAR_COLOUR).encode(x=x, y=y, tooltip=tooltip)
    ticks = (
        base.transform_filter("isValid(datum.benchmark)")
        .mark_tick(color=theme.INK, thickness=4, size=ROW_STEP * 0.75, aria=False)  # its bar names it
        .encode(x=alt.X("benchmark:Q"), y=y, tooltip=tooltip)
    )
    # The value at the start of a bar long enough to hold it, away from the benchmark tick near the bar's end;
    # otherwise beyond the bar's end on a white halo, so a tick there never strikes it through.
    inside = (
        base.transform_filter(f"datum.pct >= {INSIDE_FROM}")
        .mark_text(align="left", dx=8, fontSize=theme.MARK_TEXT_PX, color="#ffffff")
        .encode(x=alt.XDatum(0), y=y, text=alt.Text("pct_text:N"), tooltip=tooltip)
    )
    outside = theme.halo_text(
        base.transform_filter(f"datum.pct < {INSIDE_FROM}"),
        {"x": alt.X("pct:Q"), "y": y, "text": alt.Text("pct_text:N"), "tooltip": tooltip},
        align="left",
        dx=6,
        fontWeight="normal",
    )
    chart = alt.layer(bars, ticks, inside, *outside).properties(width=width, height=alt.Step(ROW_STEP))
    return theme.projector(chart, title)
