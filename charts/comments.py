"""What staff said, as numbers: the share of commenters whose comments touch each domain, and the comment
counts of each question. Built from `metrics.comment_themes` and `metrics.comment_counts`, never from texts.

A suppressed cell reads as its reason, never as a number or a count (indicators §7.1, docs/comments.md).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts import _cells, theme
from metrics import Instrument

ROW_STEP = 46  # pixels per domain row, as the domain chart
TOO_FEW = "too few comments to report"
PROTECTS = "hidden to protect a small group"
_THEME_KNOWN = ("domain", "commenters", "mentions", "share", "suppressed")
_COUNT_KNOWN = ("question", "n", "commenters", "suppressed")


def comment_reasons(table: pd.DataFrame, comment_min_n: int) -> list[str]:
    """Why each row is hidden ('' when shown): too few commenters of its own (which covers too few respondents,
    as comment_min_n >= min_n), or complementary suppression."""
    return [
        "" if not hide else TOO_FEW if commenters < comment_min_n else PROTECTS
        for hide, commenters in zip(_cells.hidden(table), table["commenters"], strict=True)
    ]


def theme_rows(themes: pd.DataFrame, instrument: Instrument) -> pd.DataFrame:
    """The chart's data for one group: one row per domain in instrument order with its share and label; an
    empty table when the group's comments are hidden (the page says why)."""
    _cells.single_group(themes, "domain", "The theme chart")
    shown = themes[~_cells.hidden(themes)]
    order = {code: i for i, code in enumerate(instrument.domain_codes)}
    rows = pd.DataFrame(
        {
            "domain": _cells.domain_names(instrument, shown["domain"]).to_numpy(),
            "order": shown["domain"].map(lambda c: order.get(c, len(order))).to_numpy(),
            "share": shown["share"].astype(float).to_numpy(),
            "mentions": shown["mentions"].astype(int).to_numpy(),
            "commenters": shown["commenters"].astype(int).to_numpy(),
        }
    )
    rows["label"] = [f"{_cells.number(s)} %  ({m})" for s, m in zip(rows["share"], rows["mentions"], strict=True)]
    return rows.sort_values("order", kind="stable").drop(columns="order").reset_index(drop=True)


def theme_chart(
    themes: pd.DataFrame, instrument: Instrument, title: str | None = None, width: int | str = 560
) -> alt.LayerChart:
    """Horizontal bars: the % of commenters whose comments mention each domain (one group), each labelled with
    its share and number of people. One dark colour and direct labels, so it reads in greyscale."""
    rows = theme_rows(themes, instrument)
    names = [d.name for d in instrument.domains if d.name in set(rows["domain"])]
    base = alt.Chart(rows)
    x = alt.X(
        "share:Q",
        scale=alt.Scale(domain=[0, 100], nice=False),
        axis=alt.Axis(values=[0, 25, 50, 75, 100], grid=True),
        title="% of people who commented",
    )
    tooltip = [
        alt.Tooltip("domain:N", title="Domain"),
        alt.Tooltip("label:N", title="Share (people)"),
        alt.Tooltip("commenters:Q", title="People who commented"),
    ]
    bars = base.mark_bar(color=theme.LEADERS_COLOUR, height={"band": 0.62}).encode(
        x=x, y=theme.domain_axis(names), tooltip=tooltip
    )
    labels = base.mark_text(align="left", dx=6, fontSize=theme.MARK_TEXT_PX, color=theme.INK).encode(
        x=alt.X("share:Q"), y=theme.domain_axis(names), text=alt.Text("label:N"), tooltip=tooltip
    )
    chart = alt.layer(bars, labels).properties(width=width, height=alt.Step(ROW_STEP))
    return theme.projector(chart.properties(padding={"top": 10, "right": 10, "left": 5, "bottom": 5}), title)


def theme_table(themes: pd.DataFrame, instrument: Instrument, comment_min_n: int) -> pd.DataFrame:
    """`comment_themes` (any `by`) as shown: group columns, Domain, People mentioning it, Share (%); a hidden
    group's rows give the reason and no counts."""
    by = _cells.by_columns(themes, _THEME_KNOWN) if not themes.empty else []
    reason = comment_reasons(themes, comment_min_n)
    columns = _cells.attribute_columns(themes, by) | {
        "Domain": _cells.domain_names(instrument, themes["domain"]),
        "People mentioning it": [
            "" if why else _cells.count(m) for m, why in zip(themes["mentions"], reason, strict=True)
        ],
        "Share of people who commented (%)": [
            why or _cells.number(s) for s, why in zip(themes["share"], reason, strict=True)
        ],
    }
    return pd.DataFrame({k: list(v) for k, v in columns.items()})


def count_table(counts: pd.DataFrame, comment_min_n: int) -> pd.DataFrame:
    """`comment_counts` (any `by`) as shown: group columns, Question, People who commented; a hidden cell gives
    its reason, never its count."""
    by = _cells.by_columns(counts, _COUNT_KNOWN) if not counts.empty else []
    reason = comment_reasons(counts, comment_min_n)
    columns = _cells.attribute_columns(counts, by) | {
        "Question": counts["question"],
        "People who commented": [why or _cells.count(c) for c, why in zip(counts["commenters"], reason, strict=True)],
    }
    return pd.DataFrame({k: list(v) for k, v in columns.items()})


MOST_MENTIONED = "Most mentioned (share of people who commented)"


def top_themes_table(themes: pd.DataFrame, instrument: Instrument, comment_min_n: int, k: int = 3) -> pd.DataFrame:
    """`comment_themes` with one `by` column, one row per group, narrow enough for any screen: the group, its people
    who commented, and its `k` most mentioned domains with their shares (ties in instrument order); a hidden group
    gives its reason and no count. The full grid is `theme_table`'s."""
    by = _cells.by_columns(themes, _THEME_KNOWN)
    title = _cells.ATTRIBUTE_TITLES.get(by[0], by[0])
    order = {code: i for i, code in enumerate(instrument.domain_codes)}
    rows = themes.assign(
        _group=_cells.group_label(themes, by),
        _name=_cells.domain_names(instrument, themes["domain"]),
        _reason=comment_reasons(themes, comment_min_n),
        _order=themes["domain"].map(lambda code: order.get(code, len(order))),
    )
    found = []
    for group, own in rows.groupby("_group", sort=False):
        shown = own[own["_reason"] == ""].sort_values(["share", "_order"], ascending=[False, True], kind="stable")
        top = [
            f"{name} {_cells.number(share)}\u00a0%" for name, share in zip(shown["_name"], shown["share"], strict=True)
        ]
        found.append(
            {
                title: group,
                "People who commented": _cells.count(shown["commenters"].iloc[0]) if len(shown) else "",
                MOST_MENTIONED: "; ".join(top[:k]) or own["_reason"].iloc[0],
            }
        )
    return pd.DataFrame(found, columns=[title, "People who commented", MOST_MENTIONED])
