"""Answers to each item of one group: diverging stacked bars, disagreement left of zero, agreement right,
the neutral point centred on zero, and the don't-know count in a column of its own."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from charts import _cells, theme
from metrics import Instrument

ITEM_WRAP = 34  # characters per line of an item's text
ROW_STEP = 64  # pixels per item row (room for three lines of 16 px text)
MIN_LABELLED_PCT = 15.0  # a segment narrower than this carries no percentage text (it is in the table)
DONT_KNOW_OFFSET = 56  # pixels from the plot's right edge to the centre of the don't-know column


def _item_order(instrument: Instrument, codes: pd.Series) -> pd.Series:
    order = {code: i for i, code in enumerate(instrument.item_codes)}
    return codes.map(lambda c: order.get(c, len(order)))


def likert_segments(distribution: pd.DataFrame, instrument: Instrument) -> pd.DataFrame:
    """One row per shown item and scale point: where its segment starts and ends on a -100..100 axis.

    The points below the scale's midpoint lie left of zero, those above it right, and the midpoint of an odd
    scale straddles zero. Suppressed items give no segment at all.
    """
    scale = instrument.scale
    middle = (scale.lo + scale.hi) / 2
    shown_rows = distribution[~_cells.hidden(distribution)]
    colours = dict(zip(scale.points, theme.likert_colours(scale), strict=True))
    text_colours = dict(zip(scale.points, theme.likert_text_colours(scale), strict=True))
    pieces = []
    for item, rows in shown_rows.groupby("item", sort=False):
        rows = rows.sort_values("point")
        pct = rows["pct"].astype(float).fillna(0.0).to_numpy()
        points = rows["point"].astype(int).to_numpy()
        left = pct[points < middle].sum() + pct[points == middle].sum() / 2
        ends = np.cumsum(pct) - left
        starts = ends - pct
        pieces.append(
            pd.DataFrame(
                {
                    "item": item,
                    "point": points,
                    "answer": rows["label"].astype(str).to_numpy()
                    if "label" in rows
                    else [scale.label(p) for p in points],
                    "start": starts,
                    "end": ends,
                    "middle": (starts + ends) / 2,
                    "pct_text": [_cells.number(v) + "%" for v in pct],
                    "show_text": pct >= MIN_LABELLED_PCT,
                    "count": rows["count"].to_numpy(),
                    "colour": [colours[p] for p in points],
                    "text_colour": [text_colours[p] for p in points],
                }
            )
        )
    columns = ["item", "point", "answer", "start", "end", "middle", "pct_text", "show_text", "count"]
    if not pieces:
        return pd.DataFrame(columns=[*columns, "colour", "text_colour"])
    return pd.concat(pieces, ignore_index=True)


def legend_labels(segments: pd.DataFrame, instrument: Instrument) -> list[str]:
    """The legend's name for each scale point: the answer label every item shown gives it (a domain asked in its
    own words, "Very satisfied"), else the scale's label (items of several wordings share the points' colours)."""
    names = []
    for point in instrument.scale.points:
        used = set(segments.loc[segments["point"] == point, "answer"])
        names.append(used.pop() if len(used) == 1 else instrument.scale.label(point))
    return names if len(set(names)) == len(names) else [instrument.scale.label(p) for p in instrument.scale.points]


def likert_items(
    stats: pd.DataFrame, instrument: Instrument, min_n: int = 5, order: Sequence[str] | None = None
) -> pd.DataFrame:
    """One row per item of `item_stats` (one group), in instrument order (or in `order`, item codes): its
    wrapped text, its don't-know count (blank when suppressed) and, for a suppressed item, why."""
    _cells.single_group(stats, "item", "The Likert chart")
    hide = _cells.hidden(stats)
    ranks = (
        _item_order(instrument, stats["item"])
        if order is None
        else stats["item"].map({code: i for i, code in enumerate(order)}).fillna(len(order))
    )
    rows = pd.DataFrame(
        {
            "item": stats["item"].to_numpy(),
            "order": ranks.to_numpy(),
            "text": _cells.item_texts(instrument, stats["item"]).to_numpy(),
            "dont_know": ["–" if h else _cells.count(v) for v, h in zip(stats["n_missing"], hide, strict=True)],
            "reason": _cells.reasons(stats, min_n).to_numpy(),
        }
    )
    rows["item_label"] = [theme.wrap(t, ITEM_WRAP) for t in rows["text"]]
    return rows.sort_values("order", kind="stable").drop(columns="order").reset_index(drop=True)


def likert_chart(
    distribution: pd.DataFrame,
    stats: pd.DataFrame,
    instrument: Instrument,
    min_n: int = 5,
    title: str | None = None,
    width: int | str = 380,
    order: Sequence[str] | None = None,
) -> alt.LayerChart:
    """Diverging stacked bars of the items in `stats` (rows of `item_stats` for one group, any items) from
    their rows of `item_distribution`; percentages of valid answers; items labelled by their text, in
    instrument order or in `order`."""
    items = likert_items(stats, instrument, min_n, order)
    segments = likert_segments(distribution[distribution["item"].isin(items["item"])], instrument)
    segments = segments.merge(items[["item", "item_label"]], on="item", how="left").drop(columns="count")
    labels = items["item_label"].tolist()
    answers = legend_labels(segments, instrument)
    segments["legend"] = segments["point"].map(dict(zip(instrument.scale.points, answers, strict=True)))
    y = alt.Y(
        "item_label:N",
        sort=labels,
        scale=alt.Scale(domain=labels),
        title=None,
        axis=alt.Axis(labelExpr=theme.SPLIT_LINES, labelLimit=320, ticks=False, domain=False, labelPadding=10),
    )
    x = alt.X(
        "start:Q",
        scale=alt.Scale(domain=[-100, 100], nice=False),
        axis=alt.Axis(values=[-100, -50, 0, 50, 100], labelExpr="abs(datum.value) + '%'", grid=True),
        title=f"% of answers: “{instrument.scale.labels[0]}” side left of 0, “{instrument.scale.labels[-1]}” right",
    )
    tooltip = [
        alt.Tooltip("answer:N", title="Answer"),
        alt.Tooltip("pct_text:N", title="Share of answers"),
    ]
    seg = alt.Chart(segments)
    bars = seg.mark_bar(height={"band": 0.6}).encode(
        x=x,
        x2=alt.X2("end:Q"),
        y=y,
        color=alt.Color(
            "legend:N",
            scale=alt.Scale(domain=answers, range=theme.likert_colours(instrument.scale)),
            sort=answers,
            legend=alt.Legend(
                title=None, orient="top", direction="horizontal", columns=3, symbolType="square", offset=28
            ),
        ),
        tooltip=tooltip,
    )
    texts = (
        seg.transform_filter("datum.show_text")
        .mark_text(fontSize=14)
        .encode(
            x=alt.X("middle:Q"),
            y=y,
            text=alt.Text("pct_text:N"),
            color=alt.Color("text_colour:N", scale=None, legend=None),
            tooltip=tooltip,
        )
    )
    zero = alt.Chart(pd.DataFrame({"zero": [0]})).mark_rule(color="#4d4d4d", strokeWidth=1.5).encode(x=alt.X("zero:Q"))
    item_rows = alt.Chart(items)
    missing = (
        item_rows.transform_filter("datum.reason != ''")
        .mark_text(align="left", dx=6, fontSize=theme.MARK_TEXT_PX, fontStyle="italic", color=theme.MUTED)
        .encode(x=alt.XDatum(-100), y=y, text=alt.Text("reason:N"))
    )
    # The don't-know counts: a column of text just right of the plot, with its heading above the first row.
    dont_know = item_rows.mark_text(
        align="center", dx=DONT_KNOW_OFFSET, fontSize=theme.MARK_TEXT_PX, color=theme.INK
    ).encode(x=alt.XDatum(100), y=y, text=alt.Text("dont_know:N"))
    heading = (
        alt.Chart(pd.DataFrame({"heading": ["Don't know"]}))
        .mark_text(
            align="center", baseline="bottom", dx=DONT_KNOW_OFFSET, fontSize=theme.AXIS_LABEL_PX, color=theme.INK
        )
        .encode(x=alt.XDatum(100), y=alt.YValue(-6), text=alt.Text("heading:N"))
    )
    chart = alt.layer(zero, bars, texts, missing, dont_know, heading).properties(
        width=width,
        height=alt.Step(ROW_STEP),
        padding={"top": 10, "right": 10, "left": 5, "bottom": 5},  # the bounds already hold the don't-know column
    )
    return theme.projector(chart, title)
