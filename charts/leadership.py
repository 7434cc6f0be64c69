"""Collective leadership (indicators §4): the leader-staff gap of every unit, within-unit agreement r_wg, shared
influence breadth and cross-unit coherence, as charts and as the display tables behind them.

Built for a projector and for readers who do not see colour: a grid cell that needs attention (a notable or
large gap, agreement below 0.70) is darker *and* carries a word under its value; a hidden cell is white with a
dashed outline and a dash, its reason in the tooltip and in the table, never a number.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts import _cells, theme
from charts.gaps import gap_text
from charts.heatmap import LINE_HEIGHT, cell_width, grid_axes
from metrics import Instrument
from metrics.policy import CONSENSUS, LARGE_GAP, NOTABLE_GAP

GRID_CELL_WIDTH = 76  # at most: narrower when many domains share the column
GRID_LABEL_LIMIT = 330
GRID_CELL_HEIGHT = 50  # two lines: the value and, when it needs attention, a word under it
GRID_VALUE_PX = 16
GRID_WORD_PX = 13
BAR_STEP = 40
BAR_WIDTH = 400  # with the labels beside it and the values beyond it, the whole chart fits theme.CHART_ROOM

# Cell categories: fill, text colour and outline, lightness stepping down as attention is needed.
LARGE = f"Large gap: {LARGE_GAP:g} points or more, beyond chance"
NOTABLE = f"Notable gap: {NOTABLE_GAP:g} points or more, beyond chance"
SMALL = "Small gap, or within chance"
LOW, CONSENSUS_MET = f"Below {CONSENSUS:.2f}: little agreement", f"Consensus ({CONSENSUS:.2f} or more)"
_CATEGORY_STYLE = {
    LARGE: ("#8a4704", "#ffffff", "#8a4704"),  # dark orange, L* about 37
    NOTABLE: ("#f6c28b", theme.INK, "#b45f06"),  # light orange, L* about 83
    SMALL: ("#ffffff", theme.INK, "#bfbfbf"),
    LOW: ("#8a4704", "#ffffff", "#8a4704"),
    CONSENSUS_MET: ("#e9f0f8", theme.INK, "#9fb6cf"),  # very light blue, L* about 95
}
BAR_COLOUR = theme.LEADERS_COLOUR
NOT_ENOUGH_UNITS = "needs two or more units with a shown score"

_GAP_KNOWN = ("domain", "leaders_n")
_AGREEMENT_KNOWN = ("domain", "n", "r_wg")
_INFLUENCE_KNOWN = ("n", "share")


def _domain_order(instrument: Instrument, codes: pd.Series) -> pd.Series:
    order = {code: i for i, code in enumerate(instrument.domain_codes)}
    return codes.map(lambda c: order.get(c, len(order)))


def _grid_frame(table: pd.DataFrame, by: list[str], instrument: Instrument, min_n: int) -> pd.DataFrame:
    """The columns every grid cell shares: its group (one line per `by` value for the axis, and as one line
    for the tooltip), its domain name, and why it is hidden ('' when shown)."""
    hide = _cells.hidden(table)
    return pd.DataFrame(
        {
            "group": _cells.group_label(table, by, "\n").to_numpy(),
            "group_text": _cells.group_label(table, by).to_numpy(),
            "domain_name": _cells.domain_names(instrument, table["domain"]).to_numpy(),
            "order": _domain_order(instrument, table["domain"]).to_numpy(),
            "reason": _cells.reasons(table, min_n).to_numpy(),
            "hidden": hide,
        }
    )


def _finish(cells: pd.DataFrame) -> pd.DataFrame:
    """Instrument order of domains within each group, hidden cells stripped of everything but their reason,
    and each cell's text colour as a literal (a layer's colour scale would be merged with the fill's)."""
    cells.loc[cells["hidden"], ["value_text", "word", "category"]] = ["–", "", ""]
    cells["text_colour"] = [_CATEGORY_STYLE.get(c, ("", theme.MUTED))[1] for c in cells["category"]]
    return cells.sort_values("order", kind="stable").drop(columns=["order", "hidden"]).reset_index(drop=True)


def wholly_hidden(cells: pd.DataFrame) -> dict[str, list[str]]:
    """Groups of a grid (from `gap_grid_cells` or `agreement_cells`) hidden in every domain, by reason: the
    grid leaves them out, so a page names them instead of drawing rows of dashes."""
    notes: dict[str, list[str]] = {}
    for group, reasons in cells.groupby("group_text", sort=False)["reason"]:
        if (reasons != "").all():
            why = (
                reasons.iloc[0]
                if reasons.nunique() == 1
                else "not enough responses, or hidden to protect a small group"
            )
            notes.setdefault(why, []).append(group)
    return notes


def _shown_groups(cells: pd.DataFrame) -> pd.DataFrame:
    """The cells of groups with at least one shown domain."""
    shown_any = (cells["reason"] == "").groupby(cells["group_text"], sort=False).transform("any")
    return cells[shown_any.to_numpy(dtype=bool)].reset_index(drop=True)


def gap_grid_cells(gaps: pd.DataFrame, instrument: Instrument, min_n: int = 5) -> pd.DataFrame:
    """One cell per group and domain of `perception_gap` with `by` columns: the gap as shown ('+32.9'), the
    word under it ('large', 'notable' or ''), and its category for the fill."""
    by = _cells.by_columns(gaps, _GAP_KNOWN)
    cells = _grid_frame(gaps, by, instrument, min_n)
    labels = gaps["label"].fillna("").astype(str).to_numpy()
    cells["value_text"] = [gap_text(g, "") for g in gaps["gap"]]
    cells["word"] = labels
    cells["category"] = [{"large": LARGE, "notable": NOTABLE}.get(label, SMALL) for label in labels]
    return _finish(cells)


def agreement_text(r_wg) -> str:
    """r_wg (0-1) to two decimals; '' when missing."""
    return "" if r_wg is None or pd.isna(r_wg) else f"{float(r_wg):.2f}"


def agreement_cells(agreement: pd.DataFrame, instrument: Instrument, min_n: int = 5) -> pd.DataFrame:
    """One cell per group and domain of `agreement`: r_wg to two decimals, 'low' under it when below the
    consensus threshold (the metric's own `consensus` flag, decided on the unrounded value)."""
    by = _cells.by_columns(agreement, _AGREEMENT_KNOWN)
    cells = _grid_frame(agreement, by, instrument, min_n)
    consensus = agreement["consensus"].fillna(False).astype(bool).to_numpy()
    has_value = agreement["r_wg"].notna().to_numpy()
    cells["value_text"] = [agreement_text(v) for v in agreement["r_wg"]]
    cells["word"] = ["" if ok or not value else "low" for ok, value in zip(consensus, has_value, strict=True)]
    cells["category"] = [CONSENSUS_MET if ok else LOW for ok in consensus]
    cells.loc[~has_value & ~cells["hidden"], "category"] = ""
    return _finish(cells)


def _grid_chart(cells: pd.DataFrame, categories: list[str], value_title: str, title: str | None) -> alt.LayerChart:
    """Groups (rows) by domains (columns) with a value in each cell, filled by category; a hidden cell dashed
    with a dash, and a group hidden in every domain left out (see `wholly_hidden`)."""
    cells = _shown_groups(cells)
    groups = list(dict.fromkeys(cells["group"]))
    domains = list(dict.fromkeys(cells["domain_name"]))
    lines = max((g.count("\n") + 1 for g in groups), default=1)
    x, y = grid_axes(groups, domains, label_limit=GRID_LABEL_LIMIT)
    tooltip = [
        alt.Tooltip("group_text:N", title="Group"),
        alt.Tooltip("domain_name:N", title="Domain"),
        alt.Tooltip("value_text:N", title=value_title),
        alt.Tooltip("word:N", title="Reading"),
    ]
    hidden_tooltip = [
        alt.Tooltip("group_text:N", title="Group"),
        alt.Tooltip("domain_name:N", title="Domain"),
        alt.Tooltip("reason:N", title="Not shown"),
    ]
    styles = [_CATEGORY_STYLE[c] for c in categories]
    base = alt.Chart(cells)
    shown_cells = base.transform_filter("datum.reason == '' && datum.category != ''")
    hidden_cells = base.transform_filter("datum.reason != ''")
    fill = shown_cells.mark_rect(strokeWidth=1.5).encode(
        x=x,
        y=y,
        color=alt.Color(
            "category:N",
            scale=alt.Scale(domain=categories, range=[s[0] for s in styles]),
            legend=alt.Legend(
                title=None,
                orient="top",  # read before the rows, however many there are
                direction="vertical",
                labelLimit=theme.LEGEND_LABEL_LIMIT,
                offset=12,
                symbolType="square",
                symbolSize=300,
                symbolStrokeWidth=1.5,
                symbolStrokeColor=theme.MUTED,
            ),
        ),
        stroke=alt.Stroke("category:N", scale=alt.Scale(domain=categories, range=[s[2] for s in styles]), legend=None),
        tooltip=tooltip,
    )
    text_colour = alt.Color("text_colour:N", scale=None, legend=None)
    plain_value = (
        base.transform_filter("datum.reason == '' && datum.word == ''")
        .mark_text(fontSize=GRID_VALUE_PX)
        .encode(x=x, y=y, text=alt.Text("value_text:N"), color=text_colour, tooltip=tooltip)
    )
    marked = base.transform_filter("datum.reason == '' && datum.word != ''")
    marked_value = marked.mark_text(fontSize=GRID_VALUE_PX, fontWeight="bold", dy=-8).encode(
        x=x, y=y, text=alt.Text("value_text:N"), color=text_colour, tooltip=tooltip
    )
    marked_word = marked.mark_text(fontSize=GRID_WORD_PX, fontWeight="bold", dy=10).encode(
        x=x, y=y, text=alt.Text("word:N"), color=text_colour, tooltip=tooltip
    )
    blank = hidden_cells.mark_rect(  # the dash on it speaks for a hidden cell; aria off, as it is often empty
        fill="#ffffff", stroke=theme.SUPPRESSED_OUTLINE, strokeDash=[4, 3], strokeWidth=1.2, aria=False
    ).encode(x=x, y=y, tooltip=hidden_tooltip)
    dashes = hidden_cells.mark_text(fontSize=GRID_VALUE_PX, color=theme.MUTED).encode(
        x=x, y=y, text=alt.Text("value_text:N"), tooltip=hidden_tooltip
    )
    chart = alt.layer(fill, blank, plain_value, marked_value, marked_word, dashes).properties(
        width=alt.Step(cell_width(len(domains), GRID_CELL_WIDTH, GRID_LABEL_LIMIT)),
        height=alt.Step(GRID_CELL_HEIGHT + LINE_HEIGHT * (lines - 1)),
    )
    return theme.projector(chart, title)


def gap_grid_chart(
    gaps: pd.DataFrame, instrument: Instrument, min_n: int = 5, title: str | None = None
) -> alt.LayerChart:
    """Units by domains from `perception_gap` with `by` columns: each cell the gap (leaders minus staff), a
    large gap dark with 'large' under it, a notable one lighter with 'notable', a small one white."""
    cells = gap_grid_cells(gaps, instrument, min_n)
    return _grid_chart(cells, [LARGE, NOTABLE, SMALL], "Gap (leaders minus staff)", title)


def agreement_chart(
    agreement: pd.DataFrame, instrument: Instrument, min_n: int = 5, title: str | None = None
) -> alt.LayerChart:
    """Units by domains from `agreement`: each cell r_wg, a cell below the consensus threshold dark with
    'low' under it, so the few places where people disagree among themselves stand out."""
    cells = agreement_cells(agreement, instrument, min_n)
    return _grid_chart(cells, [LOW, CONSENSUS_MET], "Agreement within the unit", title)


def influence_rows(influence: pd.DataFrame, min_n: int = 5) -> pd.DataFrame:
    """The chart's data from `shared_influence` (any `by`): one row per group with the share as shown
    ('17.0 %'), or, for a hidden group, only its label and reason."""
    by = _cells.by_columns(influence, _INFLUENCE_KNOWN)
    hide = _cells.hidden(influence)
    share = influence["share"].astype(float).where(~hide)
    if by:
        label, text = _cells.group_label(influence, by, "\n"), _cells.group_label(influence, by)
    else:
        label = text = pd.Series("This selection", index=influence.index)
    return pd.DataFrame(
        {
            "group": label.to_numpy(),
            "group_text": text.to_numpy(),
            "share": share.to_numpy(),
            "share_text": [f"{_cells.number(v)} %" if pd.notna(v) else "" for v in share],
            "reason": _cells.reasons(influence, min_n).to_numpy(),
        }
    )


def _bar_chart(
    rows: pd.DataFrame,
    y_field: str,
    value_field: str,
    text_field: str,
    x_title: str,
    tooltip: list[alt.Tooltip],
    reference: tuple[float, str] | None,
    title: str | None,
) -> alt.LayerChart:
    """Horizontal bars on a fixed 0-100 axis, the value as text beyond each bar, a hidden row's reason in
    italics where its bar would be, and an optional dashed reference line with its label above the plot."""
    names = list(dict.fromkeys(rows[y_field]))
    lines = max((len(theme.two_lines(str(n), theme.DOMAIN_WRAP)) for n in names), default=1)
    y = alt.Y(
        f"{y_field}:N",
        sort=names,
        scale=alt.Scale(domain=names),
        title=None,
        axis=alt.Axis(
            labelExpr=theme.wrapped_labels(names), labelLimit=420, ticks=False, domain=False, labelPadding=10
        ),
    )
    x = alt.X(
        f"{value_field}:Q",
        scale=alt.Scale(domain=[0, 100], nice=False),
        axis=alt.Axis(values=[0, 25, 50, 75, 100], grid=True),
        title=x_title,
    )
    base = alt.Chart(rows)
    shown_rows = base.transform_filter("datum.reason == ''")
    bars = shown_rows.mark_bar(height={"band": 0.62}, color=BAR_COLOUR).encode(x=x, y=y, tooltip=tooltip)
    values = theme.halo_text(  # on a white halo, so the reference line never strikes a value through
        shown_rows,
        {"x": alt.X(f"{value_field}:Q"), "y": y, "text": alt.Text(f"{text_field}:N"), "tooltip": tooltip},
        align="left",
        dx=6,
        fontWeight="normal",
    )
    missing = theme.halo_text(
        base.transform_filter("datum.reason != ''"),
        {
            "x": alt.XValue(0),
            "y": y,
            "text": alt.Text("reason:N"),
            "tooltip": [alt.Tooltip("reason:N", title="Not shown")],
        },
        align="left",
        dx=6,
        fontWeight="normal",
        fontStyle="italic",
        color=theme.MUTED,
    )
    layers = [bars, *values, *missing]
    if reference is not None:  # drawn first, under the bars; values and reasons sit on a white halo over it
        value, label = reference
        line = pd.DataFrame({"value": [value], "label": [label]})
        layers.insert(
            0, alt.Chart(line).mark_rule(strokeDash=[6, 4], strokeWidth=2, color="#8c8c8c").encode(x=alt.X("value:Q"))
        )
        layers.append(
            alt.Chart(line)
            .mark_text(align="left", baseline="bottom", dx=4, fontSize=theme.MARK_TEXT_PX, color=theme.INK)
            .encode(x=alt.X("value:Q"), y=alt.YValue(-6), text=alt.Text("label:N"))
        )
    chart = alt.layer(*layers).properties(width=BAR_WIDTH, height=alt.Step(BAR_STEP + LINE_HEIGHT * (lines - 1)))
    return theme.projector(chart.properties(padding={"top": 26, "right": 60, "left": 5, "bottom": 5}), title)


def influence_chart(
    influence: pd.DataFrame, overall: pd.DataFrame | None = None, min_n: int = 5, title: str | None = None
) -> alt.LayerChart:
    """Bars of the share of staff who feel they have real influence, one per group of `shared_influence`,
    with the whole selection's share (`overall`, one row without `by`) as a dashed line when it is shown."""
    rows = influence_rows(influence, min_n)
    reference = None
    if overall is not None and len(overall) == 1 and not _cells.hidden(overall)[0]:
        share = float(overall["share"].iloc[0])
        reference = (share, f"Whole selection {_cells.number(share)} %")
    tooltip = [alt.Tooltip("group_text:N", title="Group"), alt.Tooltip("share_text:N", title="Staff with influence")]
    return _bar_chart(
        rows, "group", "share", "share_text", "Staff who feel they have influence (%)", tooltip, reference, title
    )


def coherence_rows(coherence: pd.DataFrame, instrument: Instrument) -> pd.DataFrame:
    """The chart's data from `coherence`: one row per domain in instrument order, the coherence as shown, or
    for a domain with fewer than two units to compare only its name and why."""
    hide = _cells.hidden(coherence)
    value = coherence["coherence"].astype(float).where(~hide)
    rows = pd.DataFrame(
        {
            "domain": _cells.domain_names(instrument, coherence["domain"]).to_numpy(),
            "order": _domain_order(instrument, coherence["domain"]).to_numpy(),
            "coherence": value.to_numpy(),
            "coherence_text": [_cells.number(v) for v in value],
            "units_text": ["" if h else _cells.count(u) for u, h in zip(coherence["units"], hide, strict=True)],
            "reason": ["" if not h else NOT_ENOUGH_UNITS for h in hide],
        }
    )
    return rows.sort_values("order", kind="stable").drop(columns="order").reset_index(drop=True)


def coherence_chart(coherence: pd.DataFrame, instrument: Instrument, title: str | None = None) -> alt.LayerChart:
    """Bars of cross-unit coherence per domain (100 = every unit scores the same; each point lower is one
    point between the highest and the lowest unit)."""
    rows = coherence_rows(coherence, instrument)
    tooltip = [alt.Tooltip("domain:N", title="Domain"), alt.Tooltip("coherence_text:N", title="Coherence")]
    return _bar_chart(rows, "domain", "coherence", "coherence_text", "Coherence (0–100)", tooltip, None, title)


# Display tables: every value is text, a hidden row reads as its reason and its counts are blank.


def _group_columns(table: pd.DataFrame, by: list[str]) -> dict[str, list[str]]:
    return {
        _cells.ATTRIBUTE_TITLES.get(col, col): table[col]
        .astype(object)
        .where(table[col].notna(), "Not reported")
        .astype(str)
        .tolist()
        for col in by
    }


def agreement_table(agreement: pd.DataFrame, instrument: Instrument, min_n: int = 5) -> pd.DataFrame:
    """`agreement` as shown: group columns, Domain, Agreement within the unit (r_wg), Consensus, Respondents."""
    by = _cells.by_columns(agreement, _AGREEMENT_KNOWN)
    reason = _cells.reasons(agreement, min_n)
    columns = _group_columns(agreement, by) | {
        "Domain": _cells.domain_names(instrument, agreement["domain"]).tolist(),
        "Agreement within the unit (0–1)": [
            why or agreement_text(v) for v, why in zip(agreement["r_wg"], reason, strict=True)
        ],
        f"Consensus ({CONSENSUS:.2f} or more)": [
            "" if why or pd.isna(v) else ("yes" if ok else "no")
            for v, ok, why in zip(agreement["r_wg"], agreement["consensus"], reason, strict=True)
        ],
        "Respondents": ["" if why else _cells.count(n) for n, why in zip(agreement["n"], reason, strict=True)],
    }
    return pd.DataFrame(columns)


def influence_table(influence: pd.DataFrame, overall: pd.DataFrame | None = None, min_n: int = 5) -> pd.DataFrame:
    """`shared_influence` as shown, the whole selection (`overall`, no `by`) first when given: Group, the share,
    Staff responding (blank when hidden)."""
    tables = [overall, influence] if overall is not None else [influence]
    parts = []
    for table in tables:
        by = _cells.by_columns(table, _INFLUENCE_KNOWN)
        reason = _cells.reasons(table, min_n)
        label = _cells.group_label(table, by) if by else pd.Series("Whole selection", index=table.index)
        parts.append(
            pd.DataFrame(
                {
                    "Group": label.tolist(),
                    "Staff who feel they have influence (%)": [
                        why or _cells.number(v) for v, why in zip(table["share"], reason, strict=True)
                    ],
                    "Staff responding": [
                        "" if why else _cells.count(n) for n, why in zip(table["n"], reason, strict=True)
                    ],
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def unit_gap_sentences(gaps: pd.DataFrame, instrument: Instrument) -> list[str]:
    """One plain sentence for each shown group x domain of `perception_gap` (with `by`) whose gap is labelled
    notable or large, large ones first, then in table order."""
    by = _cells.by_columns(gaps, _GAP_KNOWN)
    labels = gaps["label"].fillna("").astype(str)
    keep = ~_cells.hidden(gaps) & labels.ne("").to_numpy()
    rows = gaps[keep].assign(where_=_cells.group_label(gaps[keep], by), minor=labels[keep].ne("large"))
    sentences = []
    for row in rows.sort_values("minor", kind="stable").itertuples(index=False):
        size = _cells.number(abs(row.gap))
        name = instrument.domain_name(row.domain)
        higher, lower = ("leaders", "staff") if row.gap > 0 else ("staff", "leaders")
        sentences.append(
            f"In {row.where_}, {higher} rate {name} {size} points higher than {lower} do (a {row.label} gap)."
        )
    return sentences


def coherence_table(coherence: pd.DataFrame, instrument: Instrument) -> pd.DataFrame:
    """`coherence` as shown: Domain, Coherence (0–100), Units compared (blank when not reported)."""
    rows = coherence_rows(coherence, instrument)
    return pd.DataFrame(
        {
            "Domain": rows["domain"].tolist(),
            "Coherence (0–100)": [
                why or text for text, why in zip(rows["coherence_text"], rows["reason"], strict=True)
            ],
            "Units compared": rows["units_text"].tolist(),
        }
    )
