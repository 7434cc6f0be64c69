"""Change over time: each domain's score wave by wave (small multiples, one panel per domain, so that no reader
needs colour to tell domains apart) and the change between two waves (a dot per domain with its interval,
meaningful changes marked by shape, bold text and words as well as colour). Also the tables behind them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import altair as alt
import numpy as np
import pandas as pd

from charts import _cells, theme
from metrics import COMPLEMENTARY, PRIMARY, Instrument
from metrics.trends import biggest_changes

PANEL_COLUMNS = 5  # at most
PANEL_SPACING = 20  # pixels between panels side by side
LABELLED_WAVES = 8  # up to this many waves every wave is named under every panel
CHART_ROOM = theme.CHART_ROOM
Y_AXIS_ROOM = 145  # pixels of the score axis on the left and the chart's padding
PANEL_HEIGHT = 190
PANEL_MIN_WIDTH = 180
PANEL_WAVE_STEP = 50  # pixels per wave in a panel when there are many waves
TITLE_WRAP = 20  # characters per line of a panel's domain name
ROW_STEP = 46  # pixels per domain row of the change chart
READING_OFFSET = 18  # pixels from the change plot's right edge to its reading column
READING_COLUMN = 10  # pixels right of the reading column (the chart's bounds already hold its text)
SIGNED = "datum.value > 0 ? '+' + datum.value : datum.value == 0 ? '0' : '−' + abs(datum.value)"
THRESHOLD = 5.0  # the size a change needs to be meaningful (indicators §5), drawn as dashed rules

QUESTIONS_CHANGED = "questions changed"  # the two waves' instruments ask the domain differently (§5)
GAIN, DECLINE, NO_CLEAR = "meaningful gain", "meaningful decline", "no clear change"
READINGS = (GAIN, DECLINE, NO_CLEAR)
READING_SHAPES = ("triangle-up", "triangle-down", "circle")
READING_COLOURS = (theme.LEADERS_COLOUR, theme.STAFF_COLOUR, "#595959")
READING_FILLS = (theme.LEADERS_COLOUR, theme.STAFF_COLOUR, "transparent")


def _one_group_trend(trend: pd.DataFrame) -> None:
    """Refuse a trend of several groups: each wave x domain must appear once."""
    if trend.duplicated(["wave", "domain"]).any():
        raise ValueError("The trend chart expects the rows of one group; filter the table to one group first.")


def _interval(low, high, signed: bool = False) -> str:
    """An interval as shown, '60.1 to 62.3' ('' when missing)."""
    if pd.isna(low) or pd.isna(high):
        return ""
    return f"{_cells.number(low, signed)} to {_cells.number(high, signed)}"


def trend_points(trend: pd.DataFrame, instrument: Instrument, min_n: int = 5) -> pd.DataFrame:
    """The trend chart's data: one row per domain x wave (instrument order, then waves as given). A suppressed
    row keeps its wave, domain and reason; its score, interval, tier and count are blank."""
    _one_group_trend(trend)
    hide = _cells.hidden(trend)
    order = {code: i for i, code in enumerate(instrument.domain_codes)}
    wave_order = {wave: i for i, wave in enumerate(dict.fromkeys(trend["wave"].astype(str)))}
    score = trend["score"].astype(float).where(~hide)
    low = trend["ci_low"].astype(float).where(~hide)
    high = trend["ci_high"].astype(float).where(~hide)
    reason = _cells.reasons(trend, min_n)
    points = pd.DataFrame(
        {
            "wave": trend["wave"].astype(str).to_numpy(),
            "code": trend["domain"].to_numpy(dtype=object),
            "domain": _cells.domain_names(instrument, trend["domain"]).to_numpy(),
            "order": trend["domain"].map(lambda c: order.get(c, len(order))).to_numpy(),
            "wave_order": trend["wave"].astype(str).map(wave_order).to_numpy(),
            "score": score.to_numpy(),
            "ci_low": low.to_numpy(),
            "ci_high": high.to_numpy(),
            "score_text": [_cells.number(v) for v in score],
            "interval_text": [_interval(lo, hi) for lo, hi in zip(low, high, strict=True)],
            "tier": trend["tier"].astype(object).where(~hide, None).to_numpy(),
            "responses": [None if h else _cells.count(v) for v, h in zip(trend["n"], hide, strict=True)],
            "reason": reason.to_numpy(),
            "reason_lines": [theme.wrap(r, 20) for r in reason],
        }
    )
    points = points.sort_values(["order", "wave_order"], kind="stable")
    return points.drop(columns=["order", "wave_order"]).reset_index(drop=True)


def _panel_layers(waves: list[str], instrument: Instrument, width: int) -> alt.LayerChart:
    """The layers every panel draws from its own domain's rows: tier bands, the 95 % interval of each wave, the
    scores joined by a line and labelled, and a hidden wave's reason written upwards along its column."""
    x = alt.X(
        "wave:O",
        sort=waves,
        scale=alt.Scale(domain=waves, paddingOuter=0.25),
        title=None,
        axis=alt.Axis(
            labelExpr="split(datum.value, ' ')",
            labelAngle=0,
            labelOverlap=len(waves) > LABELLED_WAVES,  # many waves: every other label rather than a smudge
            ticks=False,
            domain=False,
            labelPadding=6,
        ),
    )
    y_scale = alt.Scale(domain=[0, 100], nice=False, clamp=True)
    y_axis = alt.Axis(values=[0, 25, 50, 75, 100], grid=False, domain=False, title="Score (0–100)")
    bands = alt.InlineData(values=theme.tier_bands(instrument.tiers))
    fill = (
        alt.Chart(bands)
        .mark_rect()
        .encode(
            y=alt.Y("start:Q", scale=y_scale, axis=y_axis), y2=alt.Y2("end:Q"), color=alt.Color("colour:N", scale=None)
        )
    )
    cuts = (
        alt.Chart(bands)
        .transform_filter("datum.start > 0")
        .mark_rule(strokeDash=[4, 4], color="#9a9a9a")
        .encode(y=alt.Y("start:Q", scale=y_scale, axis=y_axis))
    )
    shown_rows = alt.Chart().transform_filter("datum.reason == ''")
    y = alt.Y("score:Q", scale=y_scale, axis=y_axis)
    tooltip = [
        alt.Tooltip("domain:N", title="Domain"),
        alt.Tooltip("wave:N", title="Wave"),
        alt.Tooltip("score_text:N", title="Score"),
        alt.Tooltip("interval_text:N", title="95 % interval"),
        alt.Tooltip("tier:N", title="Tier"),
        alt.Tooltip("responses:N", title="Responses"),
    ]
    line = shown_rows.mark_line(color=theme.INK, strokeWidth=2.5).encode(x=x, y=y)
    bars = shown_rows.mark_errorbar(ticks={"size": 16}, thickness=2.5, color=theme.INK).encode(
        x=x, y=alt.Y("ci_low:Q", scale=y_scale, axis=y_axis), y2=alt.Y2("ci_high:Q")
    )
    dots = shown_rows.mark_point(filled=True, size=110, color=theme.INK, opacity=1).encode(x=x, y=y, tooltip=tooltip)
    # The score beside each dot: first a thick white copy as a halo, so the line never runs through the digits.
    text = {"align": "left", "dx": 9, "dy": -10, "fontSize": theme.MARK_TEXT_PX, "fontWeight": "bold"}
    halo = shown_rows.mark_text(**text, stroke="white", strokeWidth=4, color="white").encode(
        x=x, y=y, text=alt.Text("score_text:N")
    )
    labels = shown_rows.mark_text(**text, color=theme.INK).encode(
        x=x, y=y, text=alt.Text("score_text:N"), tooltip=tooltip
    )
    missing = (
        alt.Chart()
        .transform_filter("datum.reason != ''")
        .mark_text(fontSize=14, fontStyle="italic", color=theme.MUTED, lineBreak="\n", angle=270)
        .encode(
            x=x, y=alt.YDatum(50), text=alt.Text("reason_lines:N"), tooltip=[alt.Tooltip("reason:N", title="Not shown")]
        )
    )
    return alt.layer(fill, cuts, bars, line, dots, halo, labels, missing).properties(width=width, height=PANEL_HEIGHT)


def panel_width(waves: int) -> int:
    """A panel's width: room for each wave's two-line label, never wider than the chart's column."""
    return min(max(PANEL_MIN_WIDTH, PANEL_WAVE_STEP * waves), CHART_ROOM - Y_AXIS_ROOM - PANEL_SPACING)


def panel_columns(waves: int) -> int:
    """How many panels fit side by side in the page's chart column at 1280 x 720, 1 to 5."""
    return max(1, min(PANEL_COLUMNS, (CHART_ROOM - Y_AXIS_ROOM) // (panel_width(waves) + PANEL_SPACING)))


def trend_chart(
    trend: pd.DataFrame,
    instrument: Instrument,
    min_n: int = 5,
    title: str | None = None,
    columns: int | None = None,
    notes: Mapping[str, str] | None = None,
) -> alt.FacetChart:
    """One panel per domain (instrument order) of one group's `domain_trend`: the score of each wave as a dot
    with its 95 % interval, joined by a line and labelled with its value, over the tier bands of a fixed 0-100
    axis. A suppressed wave has no dot; its panel says why. `notes` (domain code -> text) adds a line under a
    panel's title, in words so that it reads without colour. One faceted chart, not a panel per domain, so that
    it is built in a tenth of the time and wraps to fit its column (`columns`: as many as fit at 1280 px)."""
    points = trend_points(trend, instrument, min_n)
    waves = list(dict.fromkeys(trend["wave"].astype(str)))
    notes = notes or {}
    titles = {
        code: theme.wrap(name, TITLE_WRAP) + (f"\n{notes[code]}" if notes.get(code) else "")
        for code, name in zip(points["code"], points["domain"], strict=True)
    }
    # Headers sit on their last line: give every title as many lines, so that the first lines align.
    lines = max(title.count("\n") for title in titles.values()) if titles else 0
    titles = {code: title + "\n" * (lines - title.count("\n")) for code, title in titles.items()}
    points["panel"] = points["code"].map(titles)
    width = panel_width(len(waves))
    header = alt.Header(
        title=None,
        labelExpr="split(datum.value, '\\n')",
        labelFontSize=theme.AXIS_LABEL_PX,
        labelFontWeight="bold",
        labelColor=theme.INK,
        labelAnchor="start",
        labelAlign="left",
        labelLimit=0,
    )
    chart = (
        _panel_layers(waves, instrument, width)
        .facet(
            facet=alt.Facet("panel:N", sort=list(dict.fromkeys(titles.values())), header=header),
            columns=columns or panel_columns(len(waves)),
            data=points,
            spacing={"row": 28, "column": PANEL_SPACING},
        )
        .resolve_axis(x="independent")
    )  # every panel names its waves, not only the bottom row
    return theme.projector(chart.properties(padding={"top": 10, "right": 40, "left": 5, "bottom": 5}), title)


def _change_reasons(change: pd.DataFrame, trend: pd.DataFrame, wave_from: str, wave_to: str, min_n: int) -> list[str]:
    """Why each hidden change row is hidden: QUESTIONS_CHANGED when a wave scores other domains of the group but
    not this one (its instrument asked the domain differently, §5); "not enough responses" when either wave's
    cell is hidden for too few answers (or the group is absent from a wave); otherwise "hidden to protect a small
    group"."""
    wanted = trend[trend["wave"].astype(str).isin([str(wave_from), str(wave_to)])]
    waves_of = wanted.groupby("domain")["wave"].agg(lambda waves: set(waves.astype(str)))
    waves_seen = set(wanted["wave"].astype(str))
    why = pd.DataFrame(
        {"domain": wanted["domain"].to_numpy(), "reason": _cells.reasons(wanted, min_n).to_numpy()}
    ).groupby("domain")["reason"]
    present = why.size()
    reasons = why.agg(lambda values: PRIMARY if PRIMARY in set(values) else COMPLEMENTARY)
    result = []
    for domain, hidden in zip(change["domain"], _cells.hidden(change), strict=True):
        if not hidden:
            result.append("")
        elif waves_of.get(domain, set()) < waves_seen:  # asked differently in a wave that asked the others
            result.append(QUESTIONS_CHANGED)
        elif present.get(domain, 0) < 2:  # the group did not answer in one of the waves
            result.append(PRIMARY)
        else:
            result.append(reasons.get(domain, COMPLEMENTARY))
    return result


def reading(change: pd.DataFrame) -> list[str]:
    """Each row's reading in words: a meaningful gain or decline (indicators §5), or no clear change."""
    return [
        (GAIN if value > 0 else DECLINE) if bool(real) and not bool(hidden) else NO_CLEAR
        for value, real, hidden in zip(change["change"], change["meaningful"], _cells.hidden(change), strict=True)
    ]


def change_rows(
    change: pd.DataFrame, trend: pd.DataFrame, instrument: Instrument, wave_from: str, wave_to: str, min_n: int = 5
) -> pd.DataFrame:
    """The change chart's data: one row per domain (instrument order) of one group's `domain_change`, with its
    reading; a suppressed row keeps only its domain name and reason."""
    _cells.single_group(change, "domain", "The change chart")
    hide = _cells.hidden(change)
    order = {code: i for i, code in enumerate(instrument.domain_codes)}
    reasons = _change_reasons(change, trend, wave_from, wave_to, min_n)
    value = change["change"].astype(float).where(~hide)
    low = change["ci_low"].astype(float).where(~hide)
    high = change["ci_high"].astype(float).where(~hide)
    readings = [why or r for r, why in zip(reading(change), reasons, strict=True)]
    rows = pd.DataFrame(
        {
            "domain": _cells.domain_names(instrument, change["domain"]).to_numpy(),
            "order": change["domain"].map(lambda c: order.get(c, len(order))).to_numpy(),
            "change": value.to_numpy(),
            "ci_low": low.to_numpy(),
            "ci_high": high.to_numpy(),
            "from_text": [_cells.number(v) for v in change["score_from"].where(~hide)],
            "to_text": [_cells.number(v) for v in change["score_to"].where(~hide)],
            "change_text": [_cells.number(v, signed=True) for v in value],
            "interval_text": [_interval(lo, hi, signed=True) for lo, hi in zip(low, high, strict=True)],
            "reading": readings,
            "reason": reasons,
        }
    )
    rows["reading_text"] = [
        f"{text}  {r}" if not why else "" for text, r, why in zip(rows["change_text"], readings, reasons, strict=True)
    ]
    return rows.sort_values("order", kind="stable").drop(columns="order").reset_index(drop=True)


def change_extent(rows: pd.DataFrame) -> float:
    """Half-width of the symmetric change axis: the widest interval, rounded up to 5 points, at least 10."""
    widest = np.nanmax(np.abs(rows[["ci_low", "ci_high", "change"]].to_numpy(dtype=float)), initial=0.0)
    return float(max(10.0, 5.0 * math.ceil(widest / 5.0 - 1e-9)))


def change_chart(
    change: pd.DataFrame,
    trend: pd.DataFrame,
    instrument: Instrument,
    wave_from: str,
    wave_to: str,
    min_n: int = 5,
    title: str | None = None,
    width: int = 400,
) -> alt.LayerChart:
    """Dot plot of one group's `domain_change`: each domain's change with its 95 % interval on a symmetric axis
    around 0, dashed rules at ±5 points; a meaningful gain is a filled triangle up, a decline a filled triangle
    down, no clear change an open circle, and each row's change and reading are written beside it."""
    rows = change_rows(change, trend, instrument, wave_from, wave_to, min_n)
    names = rows["domain"].tolist()
    y = theme.domain_axis(names)
    extent = change_extent(rows)
    step = 5 if extent <= 20 else 10
    x_scale = alt.Scale(domain=[-extent, extent], nice=False)
    x_axis = alt.Axis(values=list(np.arange(-extent, extent + 1e-9, step)), grid=False, labelExpr=SIGNED)
    x_title = f"Change in points, {wave_from} to {wave_to}"
    guides = pd.DataFrame({"at": [-THRESHOLD, 0.0, THRESHOLD], "zero": [False, True, False]})
    band = (
        alt.Chart(pd.DataFrame({"start": [-THRESHOLD], "end": [THRESHOLD]}))
        .mark_rect(color="#efefef")
        .encode(x=alt.X("start:Q", scale=x_scale, axis=x_axis, title=x_title), x2=alt.X2("end:Q"))
    )
    zero = (
        alt.Chart(guides)
        .transform_filter("datum.zero")
        .mark_rule(color=theme.INK, strokeWidth=1.5)
        .encode(x=alt.X("at:Q", scale=x_scale))
    )
    fives = (
        alt.Chart(guides)
        .transform_filter("!datum.zero")
        .mark_rule(color="#8c8c8c", strokeDash=[4, 4])
        .encode(x=alt.X("at:Q", scale=x_scale))
    )
    shown_rows = alt.Chart(rows).transform_filter("datum.reason == ''")
    tooltip = [
        alt.Tooltip("domain:N", title="Domain"),
        alt.Tooltip("from_text:N", title=str(wave_from)),
        alt.Tooltip("to_text:N", title=str(wave_to)),
        alt.Tooltip("change_text:N", title="Change"),
        alt.Tooltip("interval_text:N", title="95 % interval"),
        alt.Tooltip("reading:N", title="Reading"),
    ]
    whiskers = shown_rows.mark_rule(strokeWidth=2.5, color="#595959").encode(
        x=alt.X("ci_low:Q", scale=x_scale), x2=alt.X2("ci_high:Q"), y=y, tooltip=tooltip
    )
    legend = alt.Legend(title=None, orient="top", direction="horizontal", symbolSize=220, symbolStrokeWidth=2.5)
    points = shown_rows.mark_point(size=240, strokeWidth=2.5, opacity=1).encode(
        x=alt.X("change:Q", scale=x_scale),
        y=y,
        shape=alt.Shape("reading:N", scale=alt.Scale(domain=list(READINGS), range=list(READING_SHAPES)), legend=legend),
        stroke=alt.Stroke(
            "reading:N", scale=alt.Scale(domain=list(READINGS), range=list(READING_COLOURS)), legend=legend
        ),
        fill=alt.Fill("reading:N", scale=alt.Scale(domain=list(READINGS), range=list(READING_FILLS)), legend=legend),
        tooltip=tooltip,
    )
    missing = (
        alt.Chart(rows)
        .transform_filter("datum.reason != ''")
        .mark_text(align="left", dx=6, fontSize=theme.MARK_TEXT_PX, fontStyle="italic", color=theme.MUTED)
        .encode(x=alt.XValue(0), y=y, text=alt.Text("reason:N"))
    )
    # The change and its reading in a column just right of the plot; meaningful ones in bold.
    text_base = (
        alt.Chart(rows)
        .transform_filter("datum.reason == ''")
        .encode(y=y, x=alt.XDatum(extent), text=alt.Text("reading_text:N"))
    )
    plain = text_base.transform_filter(f"datum.reading == '{NO_CLEAR}'").mark_text(
        align="left", dx=READING_OFFSET, fontSize=theme.MARK_TEXT_PX, color=theme.INK
    )
    marked = text_base.transform_filter(f"datum.reading != '{NO_CLEAR}'").mark_text(
        align="left", dx=READING_OFFSET, fontSize=theme.MARK_TEXT_PX, color=theme.INK, fontWeight="bold"
    )
    chart = alt.layer(band, fives, zero, whiskers, points, missing, plain, marked).properties(
        width=width, height=alt.Step(ROW_STEP)
    )
    padding = {"top": 10, "right": READING_COLUMN, "left": 5, "bottom": 5}
    return theme.projector(chart.properties(padding=padding), title)


def trend_table(trend: pd.DataFrame, instrument: Instrument, min_n: int = 5) -> pd.DataFrame:
    """`domain_trend` of one group as shown, one row per domain x wave: Domain, Wave, Score (0–100),
    95 % interval, Tier, Responses; a suppressed row reads its reason and shows no count."""
    points = trend_points(trend, instrument, min_n)
    hidden = points["reason"] != ""
    return pd.DataFrame(
        {
            "Domain": points["domain"],
            "Wave": points["wave"],
            "Score (0–100)": points["score_text"].where(~hidden, points["reason"]),
            "95 % interval": points["interval_text"].where(~hidden, points["reason"]),
            "Tier": points["tier"].where(~hidden, "").fillna(""),
            "Responses": points["responses"].where(~hidden, "").fillna(""),
        }
    ).astype(str)


def change_table(
    change: pd.DataFrame, trend: pd.DataFrame, instrument: Instrument, wave_from: str, wave_to: str, min_n: int = 5
) -> pd.DataFrame:
    """`domain_change` of one group as shown: Domain, both waves' scores, Change, 95 % interval and Reading
    (meaningful gain, meaningful decline or no clear change); a suppressed row reads its reason throughout."""
    rows = change_rows(change, trend, instrument, wave_from, wave_to, min_n)
    hidden = rows["reason"] != ""
    reason = rows["reason"]
    return pd.DataFrame(
        {
            "Domain": rows["domain"],
            f"{wave_from} (0–100)": rows["from_text"].where(~hidden, reason),
            f"{wave_to} (0–100)": rows["to_text"].where(~hidden, reason),
            "Change (points)": rows["change_text"].where(~hidden, reason),
            "95 % interval": rows["interval_text"].where(~hidden, reason),
            "Reading": rows["reading"],
        }
    ).astype(str)


def biggest_table(change: pd.DataFrame, instrument: Instrument, k: int = 3) -> pd.DataFrame:
    """Up to `k` meaningful gains (largest first), then up to `k` meaningful declines, in plain words:
    Direction, Domain, What happened ("Rose 8.0 points, from 60.2 to 68.2"). Empty when nothing changed clearly."""
    gains, declines = biggest_changes(change, k)
    by_code = change.set_index("domain")
    rows = []
    for direction, verb, codes in (("Gain", "Rose", gains), ("Decline", "Fell", declines)):
        for code in codes:
            row = by_code.loc[code]
            size = _cells.number(abs(row["change"]))
            words = f"{verb} {size} points, from {_cells.number(row['score_from'])} to {_cells.number(row['score_to'])}"
            rows.append({"Direction": direction, "Domain": instrument.domain_name(code), "What happened": words})
    return pd.DataFrame(rows, columns=["Direction", "Domain", "What happened"])
