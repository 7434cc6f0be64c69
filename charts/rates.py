"""Response rates (indicators §6): bars of each group's rate with the caution line, a small trend by wave, and
the numbers behind them.

A rate below the caution threshold is drawn in a pale fill with a dark outline (apart from the mid-blue bars in
greyscale too) and carries the words "interpret with caution" beside it, so colour is never the only sign. A
hidden group draws no bar and carries no number, only its reason.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from charts import _cells, theme
from metrics import PRIMARY

CAUTION_WORDS = "interpret with caution"
ROSTER_ERROR = "roster error"
SHOWN_FILL = "#2f6fae"  # mid blue, L* 46, white text on it at 5.2:1
SHOWN_OUTLINE = "#1f4e79"
CAUTION_FILL = "#fde0c5"  # pale orange, L* 91: a faded bar for a result to trust less, dark text beside it
CAUTION_OUTLINE = "#b45f06"
REFERENCE = "#404040"
ROW_STEP = 44
INSIDE_FROM = 20  # a bar at least this long (0-100) holds its rate inside
_KNOWN = ("responses", "invited", "rate")


def _by(rates: pd.DataFrame) -> list[str]:
    return [c for c in _cells.by_columns(rates, _KNOWN) if c != "wave"]


def percent(value) -> str:
    """A rate as shown: '34.2 %' ('' when missing)."""
    text = _cells.number(value)
    return f"{text} %" if text else ""


NO_ROSTER = "No roster of the people invited is stored for this wave."


def rate_words(row: pd.Series | None) -> tuple[str, str]:
    """One group's response rate as (figure, sentence): '68.4 %' and '1,901 of the 2,780 people invited answered.',
    or a dash / 'not shown' and why, from its row of `metrics.response_rates` (None: no roster row)."""
    if row is None:
        return "–", NO_ROSTER
    if row["suppressed"]:
        return "not shown", "Hidden to protect a small group."
    if row["error"]:
        return "–", str(row["error"]).capitalize() + "."
    return percent(row["rate"]), f"{int(row['responses']):,} of the {int(row['invited']):,} people invited answered."


def _labels(rates: pd.DataFrame, by: Sequence[str]) -> pd.Series:
    """Each row's group as a reader names it: only the `by` values that differ between rows (the unit within
    one agency), all of them joined when several differ, 'Everyone' without a breakdown."""
    varying = [c for c in by if rates[c].astype(str).nunique() > 1] or list(by[-1:])
    return _cells.group_label(rates, varying)


def _notes(rates: pd.DataFrame) -> pd.Series:
    """What a row without a bar says: the suppression reason, else 'roster error: ...', else ''."""
    if "reason" in rates.columns:
        reason = rates["reason"].fillna("").astype(str)
    else:  # a table without reasons: every hidden row reads as the primary reason
        reason = pd.Series(np.where(_cells.hidden(rates), PRIMARY, ""), index=rates.index)
    error = rates["error"].fillna("").astype(str)
    return pd.Series(
        [why or (f"{ROSTER_ERROR}: {err}" if err else "") for why, err in zip(reason, error, strict=True)],
        index=rates.index,
        dtype=object,
    )


def rate_rows(rates: pd.DataFrame) -> pd.DataFrame:
    """The chart's data: one row per group of one wave, in the table's order. A row without a rate (hidden, or a
    roster error) keeps only its group name, its invited count as text and its note; never a number."""
    if "wave" in rates.columns and rates["wave"].nunique() > 1:
        raise ValueError("The response-rate chart expects the rows of one wave; filter the table first.")
    hide = _cells.hidden(rates)
    note = _notes(rates)
    rate = rates["rate"].astype(float).where(~hide & note.eq(""))
    caution = rates["caution"].fillna(False).astype(bool) & rate.notna()
    rate_text = [percent(v) for v in rate]
    rows = pd.DataFrame(
        {
            "group": _labels(rates, _by(rates)).to_numpy(),
            "rate": rate.to_numpy(),
            "rate_text": rate_text,
            "caution": caution.to_numpy(),
            "label": [f"{t} · {CAUTION_WORDS}" if c else t for t, c in zip(rate_text, caution, strict=True)],
            "responses_text": ["" if h else _cells.count(v) for v, h in zip(rates["responses"], hide, strict=True)],
            "invited_text": [_cells.count(v) for v in rates["invited"]],
            "note": note.to_numpy(),
        }
    )
    return rows.reset_index(drop=True)


def _reference(threshold: float, x: alt.X) -> list[alt.Chart]:
    """A dashed line at the caution threshold, named at its top. Drawn under the bars, so it shows between them and
    never through a rate written on a bar; a rate written beyond a bar sits on a white halo."""
    line = pd.DataFrame({"x": [threshold], "text": [f"{threshold:g} %"]})
    rule = alt.Chart(line).mark_rule(color=REFERENCE, strokeDash=[6, 4], strokeWidth=2).encode(x=x)
    name = (
        alt.Chart(line)
        .mark_text(baseline="bottom", fontSize=14, color=REFERENCE, fontStyle="italic")
        .encode(x=alt.X("x:Q"), y=alt.YValue(-6), text=alt.Text("text:N"))
    )
    return [rule, name]


def _fill(field: str = "caution") -> dict:
    return {
        "color": alt.Color(
            f"{field}:N", scale=alt.Scale(domain=[False, True], range=[SHOWN_FILL, CAUTION_FILL]), legend=None
        ),
        "stroke": alt.Stroke(
            f"{field}:N", scale=alt.Scale(domain=[False, True], range=[SHOWN_OUTLINE, CAUTION_OUTLINE]), legend=None
        ),
    }


def rate_chart(
    rates: pd.DataFrame, caution: float = 50.0, title: str | None = None, width: int = 470
) -> alt.LayerChart:
    """Horizontal bars of `response_rates` rows of one wave on a fixed 0-100 axis, a dashed line at the caution
    threshold; a low rate is pale, outlined and labelled "interpret with caution"; a row without a rate says
    why in place of its bar."""
    rows = rate_rows(rates)
    names = rows["group"].tolist()
    y = alt.Y(
        "group:N",
        sort=names,
        scale=alt.Scale(domain=names),
        title=None,
        axis=alt.Axis(labelLimit=420, ticks=False, domain=False, labelPadding=10),
    )
    x = alt.X(
        "rate:Q",
        scale=alt.Scale(domain=[0, 100], nice=False),
        axis=alt.Axis(values=[0, 25, 50, 75, 100], grid=False),
        title="Response rate (%)",
    )
    tooltip = [
        alt.Tooltip("group:N", title="Group"),
        alt.Tooltip("rate_text:N", title="Response rate"),
        alt.Tooltip("responses_text:N", title="Responses"),
        alt.Tooltip("invited_text:N", title="Invited"),
    ]
    base = alt.Chart(rows)
    with_rate = base.transform_filter("isValid(datum.rate)")
    bars = with_rate.mark_bar(height={"band": 0.62}, strokeWidth=2).encode(x=x, y=y, tooltip=tooltip, **_fill())
    inside = (
        with_rate.transform_filter(f"!datum.caution && datum.rate >= {INSIDE_FROM}")
        .mark_text(align="right", dx=-8, fontSize=theme.MARK_TEXT_PX, color="#ffffff", fontWeight="bold")
        .encode(x=alt.X("rate:Q"), y=y, text=alt.Text("rate_text:N"), tooltip=tooltip)
    )
    outside = theme.halo_text(
        with_rate.transform_filter(f"datum.caution || datum.rate < {INSIDE_FROM}"),
        {"x": "rate:Q", "y": y, "text": "label:N", "tooltip": tooltip},
        align="left",
        dx=8,
    )
    missing = (
        base.transform_filter("datum.note != ''")
        .mark_text(align="left", dx=6, fontSize=theme.MARK_TEXT_PX, fontStyle="italic", color=theme.MUTED)
        .encode(
            x=alt.XValue(0),
            y=y,
            text=alt.Text("note:N"),
            tooltip=[alt.Tooltip("group:N", title="Group"), alt.Tooltip("note:N", title="Not shown")],
        )
    )
    chart = alt.layer(*_reference(caution, alt.X("x:Q")), bars, inside, *outside, missing).properties(
        width=width, height=alt.Step(ROW_STEP)
    )
    return theme.projector(chart.properties(padding={"top": 26, "right": 10, "left": 5, "bottom": 5}), title)


def trend_rows(rates: pd.DataFrame) -> pd.DataFrame:
    """One row per wave of one group's `response_rates`, waves in the table's order (sorted as text)."""
    if "wave" not in rates.columns or rates["wave"].duplicated().any():
        raise ValueError("The trend expects one row per wave for one group; filter the table first.")
    hide = _cells.hidden(rates)
    note = _notes(rates)
    rate = rates["rate"].astype(float).where(~hide & note.eq(""))
    return pd.DataFrame(
        {
            "wave": rates["wave"].astype(str).to_numpy(),
            "rate": rate.to_numpy(),
            "rate_text": [percent(v) for v in rate],
            "caution": (rates["caution"].fillna(False).astype(bool) & rate.notna()).to_numpy(),
            "note": note.to_numpy(),
        }
    )


def rate_trend_chart(rates: pd.DataFrame, caution: float = 50.0, title: str | None = None) -> alt.LayerChart:
    """The overall rate by wave: a line through the shown waves, a filled circle for a rate at or above the
    threshold and a pale outlined triangle below it, each point labelled; a wave without a rate says why."""
    rows = trend_rows(rates)
    waves = rows["wave"].tolist()
    x = alt.X("wave:N", sort=waves, scale=alt.Scale(domain=waves), title=None, axis=alt.Axis(labelAngle=0))
    y = alt.Y(
        "rate:Q",
        scale=alt.Scale(domain=[0, 100], nice=False),
        axis=alt.Axis(values=[0, 25, 50, 75, 100], grid=True),
        title="Response rate (%)",
    )
    base = alt.Chart(rows)
    with_rate = base.transform_filter("isValid(datum.rate)")
    tooltip = [alt.Tooltip("wave:N", title="Wave"), alt.Tooltip("rate_text:N", title="Response rate")]
    line = with_rate.mark_line(color=theme.MUTED, strokeWidth=2).encode(x=x, y=y)
    points = with_rate.mark_point(size=260, filled=True, strokeWidth=2, opacity=1).encode(
        x=x,
        y=y,
        shape=alt.Shape(
            "caution:N", scale=alt.Scale(domain=[False, True], range=["circle", "triangle-down"]), legend=None
        ),
        tooltip=tooltip,
        **_fill(),
    )
    labels = theme.halo_text(with_rate, {"x": x, "y": y, "text": alt.Text("rate_text:N")}, dy=-20)
    missing = (
        base.transform_filter("datum.note != ''")
        .mark_text(fontSize=13, fontStyle="italic", color=theme.MUTED, baseline="bottom", lineBreak="\n")
        .encode(x=x, y=alt.YDatum(4), text=alt.Text("note:N"))
    )
    threshold = pd.DataFrame({"y": [caution]})
    rule = alt.Chart(threshold).mark_rule(color=REFERENCE, strokeDash=[6, 4], strokeWidth=2).encode(y=alt.Y("y:Q"))
    chart = alt.layer(rule, line, points, *labels, missing).properties(width=max(180, 150 * len(waves)), height=240)
    return theme.projector(chart, title)


def rate_table(rates: pd.DataFrame) -> pd.DataFrame:
    """`response_rates` as shown, every value text: the group columns, Responses, Invited, Response rate (%),
    Reading ("interpret with caution", a roster error, or why the row is hidden)."""
    by = _by(rates)
    by = [c for c in by if rates[c].astype(str).nunique() > 1] or by[-1:]  # as the chart names the groups
    if "wave" in rates.columns and rates["wave"].nunique() > 1:
        by = ["wave", *by]
    hide = _cells.hidden(rates)
    note = _notes(rates)
    rate = rates["rate"].astype(float).where(~hide & note.eq(""))
    caution = rates["caution"].fillna(False).astype(bool) & rate.notna()
    groups = {
        _cells.ATTRIBUTE_TITLES.get(c, c): rates[c].astype(object).where(rates[c].notna(), "Not reported").astype(str)
        for c in by
    } or {"Group": pd.Series("Everyone", index=rates.index)}
    columns = groups | {
        "Responses": ["" if h else _cells.count(v) for v, h in zip(rates["responses"], hide, strict=True)],
        "Invited": [_cells.count(v) for v in rates["invited"]],
        "Response rate (%)": [
            ("" if n.startswith(ROSTER_ERROR) else n) if n else _cells.number(v)
            for v, n in zip(rate, note, strict=True)
        ],
        "Reading": [n or (CAUTION_WORDS if c else "") for n, c in zip(note, caution, strict=True)],
    }
    return pd.DataFrame({k: list(v) for k, v in columns.items()})


def roster_errors(rates: pd.DataFrame) -> list[str]:
    """One sentence per group whose roster cannot be right, naming the group ('Agency · Unit: ...'), and its
    wave when the table holds several."""
    flagged = rates[rates["error"].fillna("").astype(str) != ""]
    if flagged.empty:
        return []
    by = _by(rates)
    if "wave" in rates.columns and rates["wave"].nunique() > 1:
        by = ["wave", *by]
    labels = _cells.group_label(flagged, by)
    return [f"{label}: {error}." for label, error in zip(labels, flagged["error"], strict=True)]
