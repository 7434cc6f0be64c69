"""Colours, fonts and the tier scale shared by every chart.

Built for a projector and for readers who do not see colour:

- the four tier colours step down in lightness (CIE L* about 19, 46, 72 and 91, navy to pale orange),
  so they stay distinguishable in greyscale, and every tier mark also carries its tier name or value as text;
- the Likert palette is ColorBrewer PuOr (diverging, colour-blind safe) with a neutral grey centre;
- axis labels are 16 px, axis and legend titles 16 px, chart titles 20 px.
"""

from __future__ import annotations

import altair as alt

from metrics import Scale, Tiers

TIER_ORDER = ("Strength", "Developing", "Emerging", "Priority")
TIER_COLOURS = {
    "Strength": "#10304f",  # navy, L* 19
    "Developing": "#2f6fae",  # mid blue, L* 46
    "Emerging": "#f29f4c",  # light orange, L* 72
    "Priority": "#fde0c5",  # pale orange, L* 91, drawn with a dark orange outline
}
# Text drawn on a tier fill: white on the two dark fills, near-black on the two light ones.
TIER_TEXT = {"Strength": "#ffffff", "Developing": "#ffffff", "Emerging": "#1a1a1a", "Priority": "#1a1a1a"}
TIER_OUTLINE = {"Strength": "#10304f", "Developing": "#1f4e79", "Emerging": "#b45f06", "Priority": "#b45f06"}
TIER_BANDS = {  # background bands behind a 0-100 axis: very light tints of the tier colours
    "Strength": "#dbe6f1",
    "Developing": "#e9f0f8",
    "Emerging": "#fdf0e2",
    "Priority": "#fdf6ee",
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
    """Domains down the side, in the order given (instrument order), labelled with their full names."""
    return alt.Y(
        "domain:N",
        sort=names,
        scale=alt.Scale(domain=names),
        title=None,
        axis=alt.Axis(labelLimit=420, ticks=False, domain=False, labelPadding=10),
    )


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
        labelLimit=400,
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
