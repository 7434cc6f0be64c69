"""Colours, fonts and the tier scale shared by every chart.

Built for a projector and for readers who do not see colour:

- the four tier colours darken as the need for attention grows (CIE L* about 94, 74, 56 and 33: pale blue,
  light blue, orange, dark red), so Priority is the most salient fill and Strength the quietest; they stay apart
  in greyscale and under the three kinds of colour blindness (tests/charts/test_theme.py simulates them), every
  fill takes black or white text at 4.5:1 or more, and every tier mark also carries its tier name or value as text;
- the Likert palette is ColorBrewer PuOr (diverging, colour-blind safe) with a neutral grey centre;
- axis labels are 16 px, axis and legend titles 16 px, chart titles 20 px.
"""

from __future__ import annotations

import json

import altair as alt

from metrics import Scale, Tiers

TIER_ORDER = ("Strength", "Developing", "Emerging", "Priority")
TIER_COLOURS = {
    "Strength": "#e4eef7",  # pale blue, L* 94, drawn with a mid-blue outline so it stands apart from white
    "Developing": "#98bbdc",  # light blue, L* 74
    "Emerging": "#d4692a",  # orange, L* 56
    "Priority": "#9a1b10",  # dark red, L* 33: the darkest and most saturated, where the eye goes first
}
# Text drawn on a tier fill: near-black on the three lighter fills, white on dark red (each 4.8:1 or more).
TIER_TEXT = {"Strength": "#1a1a1a", "Developing": "#1a1a1a", "Emerging": "#1a1a1a", "Priority": "#ffffff"}
TIER_OUTLINE = {"Strength": "#4a77a8", "Developing": "#3d6a9c", "Emerging": "#a34d12", "Priority": "#5c0f08"}
TIER_BANDS = {  # background bands behind a 0-100 axis: faint tints, warmest under Priority
    "Strength": "#f3f7fb",
    "Developing": "#f7f9fc",
    "Emerging": "#fdf3ec",
    "Priority": "#fbebe9",
}

INK = "#1a1a1a"
MUTED = "#595959"  # suppressed-cell text: still 7:1 on white
SUPPRESSED_OUTLINE = "#8c8c8c"
LEADERS_COLOUR = "#1f4e79"
STAFF_COLOUR = "#b45f06"

# ColorBrewer PuOr, disagree (orange) to agree (purple), with the neutral centre replaced by a mid grey.
NEUTRAL_GREY = "#c8c8c8"
_PUOR = {
    4: ("#e66101", "#fdb863", "#b2abd2", "#5e3c99"),
    5: ("#e66101", "#fdb863", NEUTRAL_GREY, "#b2abd2", "#5e3c99"),
    6: ("#b35806", "#f1a340", "#fee0b6", "#d8daeb", "#998ec3", "#542788"),
    7: ("#b35806", "#f1a340", "#fee0b6", NEUTRAL_GREY, "#d8daeb", "#998ec3", "#542788"),
}
_DARK_LIKERT = {"#e66101", "#5e3c99", "#b35806", "#542788", "#998ec3"}

# Pixels of the page's main column at 1280 x 720 (wide layout, sidebar open), as measured; 950 at 1440 x 900.
# Every chart is built to fit it whole (tests/charts/test_fit.py), so the screen never squeezes or clips one.
CHART_ROOM = 790
LEGEND_LABEL_LIMIT = 400  # pixels: a legend label is never cut short
DOMAIN_WRAP = 22  # characters per line of a domain name beside or above a chart

FONT = "Source Sans Pro, Helvetica Neue, Arial, sans-serif"
AXIS_LABEL_PX = 16
AXIS_TITLE_PX = 16
TITLE_PX = 20
MARK_TEXT_PX = 15


def likert_colours(scale: Scale) -> list[str]:
    """One colour per scale point, lowest point first."""
    return list(_PUOR[scale.size])


def likert_text_colours(scale: Scale) -> list[str]:
    """A readable text colour for a label drawn on each scale point's colour."""
    return ["#ffffff" if colour in _DARK_LIKERT else INK for colour in _PUOR[scale.size]]


def tier_scale() -> alt.Scale:
    """The tier name to fill colour scale, in tier order."""
    return alt.Scale(domain=list(TIER_ORDER), range=[TIER_COLOURS[t] for t in TIER_ORDER])


def tier_text_scale() -> alt.Scale:
    return alt.Scale(domain=list(TIER_ORDER), range=[TIER_TEXT[t] for t in TIER_ORDER])


def tier_outline_scale() -> alt.Scale:
    return alt.Scale(domain=list(TIER_ORDER), range=[TIER_OUTLINE[t] for t in TIER_ORDER])


def domain_axis(names: list[str]) -> alt.Y:
    """Domains down the side, in the order given (instrument order), labelled with their full names on up to two
    lines, so that the plot keeps its room in the column."""
    return alt.Y(
        "domain:N",
        sort=names,
        scale=alt.Scale(domain=names),
        title=None,
        axis=alt.Axis(labelExpr=wrapped_labels(names), labelLimit=420, ticks=False, domain=False, labelPadding=10),
    )


def wrapped_labels(names: list[str], width: int = DOMAIN_WRAP) -> str:
    """An axis labelExpr that draws each of `names` broken at spaces into lines of about `width` characters (the
    data keep the whole name, for tooltips)."""
    return f"({json.dumps({name: two_lines(name, width) for name in names})})[datum.value] || datum.value"


def two_lines(text: str, width: int) -> list[str]:
    """`text` whole when it has at most `width` characters, else split at the space that best balances two lines
    (a text already broken with '\n' keeps its own lines)."""
    if "\n" in text:
        return text.split("\n")
    spaces = [i for i, c in enumerate(text) if c == " "]
    if len(text) <= width or not spaces:
        return [text]
    cut = min(spaces, key=lambda i: max(i, len(text) - i - 1))
    return [text[:cut], text[cut + 1 :]]


def halo_text(base: alt.Chart, encoding: dict, **mark) -> list[alt.Chart]:
    """Bold text over a thick white copy of itself, so that a reference line or tick crossing it never strikes it
    through (two layers: the halo, then the text)."""
    style = {"fontSize": MARK_TEXT_PX, "fontWeight": "bold", **mark}
    colour = style.pop("color", INK)
    under = base.mark_text(stroke="#ffffff", strokeWidth=6, strokeJoin="round", color="#ffffff", **style)
    over = base.mark_text(color=colour, **style)
    return [under.encode(**encoding), over.encode(**encoding)]


def tier_bands(tiers: Tiers) -> list[dict]:
    """The four tier ranges of a 0-100 axis, lowest first, as rows for a background layer."""
    edges = [0.0, tiers.emerging, tiers.developing, tiers.strength, 100.0]
    names = ("Priority", "Emerging", "Developing", "Strength")
    return [
        {"band": name, "start": lo, "end": hi, "middle": (lo + hi) / 2, "colour": TIER_BANDS[name]}
        for name, lo, hi in zip(names, edges[:-1], edges[1:], strict=True)
        if hi > lo
    ]


PROJECTOR_CONFIG = alt.Config(
    font=FONT,
    axis=alt.AxisConfig(
        labelFontSize=AXIS_LABEL_PX,
        titleFontSize=AXIS_TITLE_PX,
        labelColor=INK,
        titleColor=INK,
        titleFontWeight="normal",
        gridColor="#e6e6e6",
    ),
    legend=alt.LegendConfig(
        labelFontSize=AXIS_LABEL_PX,
        titleFontSize=AXIS_TITLE_PX,
        labelColor=INK,
        titleColor=INK,
        orient="top",
        labelLimit=LEGEND_LABEL_LIMIT,
    ),
    title=alt.TitleConfig(fontSize=TITLE_PX, color=INK, anchor="start"),
    header=alt.HeaderConfig(labelFontSize=AXIS_LABEL_PX, titleFontSize=AXIS_TITLE_PX),
    view=alt.ViewConfig(stroke=None),
)


def projector(chart: alt.TopLevelMixin, title: str | None = None) -> alt.TopLevelMixin:
    """Large, plain type for a projector; no chart border. Apply once, to the finished (layered) chart: it sets
    the chart's config in place, since Altair's `configure_*` copy the whole chart (data included) each time."""
    if title is not None:
        chart.title = alt.TitleParams(title, anchor="start")
    chart.config = PROJECTOR_CONFIG
    return chart


def wrap(text: str, width: int) -> str:
    """Break text into lines of at most `width` characters at spaces, joined by '\\n' (axes split on it)."""
    lines: list[str] = []
    current = ""
    for word in str(text).split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    return "\n".join(lines)


SPLIT_LINES = "split(datum.value, '\\n')"  # labelExpr: draw a '\n'-joined label on several lines
