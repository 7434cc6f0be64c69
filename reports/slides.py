"""The board pack as a PowerPoint deck to project: an executive cover, the key findings, one message per slide,
the methods.

Why: a board meeting runs on a projector, so each slide states its message in its title (a real title
placeholder, which screen readers and the outline read), charts are native PowerPoint charts as wide as the slide
(a leader can restyle them; their text is 18 pt or more), tables are split over slides rather than shrunk (16 pt
or more, the header row repeated), and every slide carries the confidentiality footer. Text is fitted with real
font metrics: the deck is set in Arial and measured with Liberation Sans, its metric twin that LibreOffice uses in
its place. Every number comes from the `Pack` (already suppressed and turned into display text), so a hidden cell
has no bar and no number, only its reason.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

import pandas as pd
from PIL import ImageFont
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

import metrics
from charts import number
from charts.theme import LEADERS_COLOUR, SUPPRESSED_OUTLINE, TIER_COLOURS, TIER_ORDER, TIER_OUTLINE, TIER_TEXT
from metrics import policy
from reports.pack import CONFIDENTIAL, Pack, Section, tier_key

WIDTH, HEIGHT, MARGIN = 13.333, 7.5, 0.5  # inches, 16:9
INNER = WIDTH - 2 * MARGIN
TOP = 1.75  # where a slide's content starts, under its kicker and title
BOTTOM = HEIGHT - 0.55  # where it ends, above the footer
FONT = "Arial"  # on every board laptop; LibreOffice shows Liberation Sans, with the same widths
FONTS = Path(__file__).parent / "fonts"
TEXT, MUTED = RGBColor(0x1F, 0x29, 0x37), RGBColor(0x4B, 0x55, 0x63)
HEADER_FILL, BAND, WHITE = RGBColor(0xE5, 0xE7, 0xEB), RGBColor(0xF3, 0xF4, 0xF6), RGBColor(0xFF, 0xFF, 0xFF)
TITLE_SIZES = (36, 32, 28)
BODY_SIZES = (24, 22, 20)  # the cover and the findings: never below 20 pt
TABLE_SIZES = (20, 18, 16)  # table text: never below 16 pt
CHART_SIZE = 18  # every chart text, in points
FOOTER_SIZE = 12
LINE = 1.2  # line height in ems (Liberation Sans needs 1.15)
PAD, VPAD = 0.08, 0.04  # inches of inner margin across and down a text box or table cell
MAX_BARS = 12  # bars on one chart slide; more go on to a "(continued)" slide
PROPERTY_CHARS = 255  # the longest title or subject python-pptx writes into a deck's properties
CONTINUED = " (continued)"
TIER_KEY = "Each score's fill is its tier, Priority darkest:"
# the chart of a section: its value column, the number format of its labels, and whether its axis runs 0 to 100
CHARTS = {
    "domains": ("Score (0–100)", "0.0", True),
    "change": ("Change (points)", "+0.0;-0.0;0.0", False),
    "gaps": ("Gap (leaders minus staff)", "+0.0;-0.0;0.0", False),
    "rates": ("Response rate (%)", "0.0", True),
    "voices": ("Share of people who commented (%)", "0.0", True),
}
GREY, BLUE, ORANGE = "#8c8c8c", LEADERS_COLOUR, TIER_COLOURS["Emerging"]


def pack_slides(pack: Pack) -> bytes:
    """The deck's bytes."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(WIDTH), Inches(HEIGHT)
    deck.core_properties.title = _property(pack.title)
    deck.core_properties.subject = _property(pack.subtitle)
    _cover_slide(deck, pack)
    _findings_slides(deck, [f.text for f in pack.findings])
    cautions = _alpha_cautions(pack)
    for section in pack.sections:
        _section_slides(deck, pack, section, cautions)
    _table_slides(deck, "Methods and confidentiality", "", pack.definitions, _methods_notes(pack))
    for place, slide in enumerate(deck.slides, 1):
        _footer(slide, place, len(deck.slides))
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _property(text: str) -> str:
    """Text cut to the 255 characters a document property may hold (a scope can name a long unit); the slides
    print it whole."""
    return text if len(text) <= PROPERTY_CHARS else text[: PROPERTY_CHARS - 1] + "…"


# ---- measuring text ------------------------------------------------------------------------------------------


@lru_cache(maxsize=2)
def _font(bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / f"LiberationSans-{'Bold' if bold else 'Regular'}.ttf"), 100)


def _width(text: str, size: float, bold: bool = False) -> float:
    """Inches the text takes on one line at `size` points."""
    return _font(bold).getlength(text) * size / 100 / 72


def _lines(text: str, size: float, width: float, bold: bool = False) -> int:
    """Lines the text wraps to in `width` inches (word by word, as PowerPoint and Impress wrap)."""
    space, count = _width(" ", size, bold), 0
    for paragraph in str(text).split("\n"):
        count += 1
        used = None
        for word in paragraph.split():
            w = _width(word, size, bold)
            if used is not None and used + space + w > width:
                count, used = count + 1, w
            else:
                used = w if used is None else used + space + w
    return count


def _height(paragraphs: list[str], size: float, width: float, bold: bool = False, gap: float = 0) -> float:
    """Inches a text box needs for the paragraphs (with `gap` points after each) inside its margins."""
    lines = sum(_lines(text, size, width - 2 * PAD, bold) for text in paragraphs)
    return (lines * size * LINE + gap * len(paragraphs)) / 72 + 2 * VPAD


# ---- the parts of a slide ------------------------------------------------------------------------------------


def _slide(deck, title: str, kicker: str = ""):
    """A slide of the "Title Only" layout: the title in its placeholder (as large as fits two lines), the
    section's plain name above it in small type."""
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    shape = slide.shapes.title
    top, height = 0.55, TOP - 0.65
    shape.left, shape.top, shape.width, shape.height = map(Inches, (MARGIN, top, INNER, height))
    size = next((s for s in TITLE_SIZES if _height([title], s, INNER, bold=True) <= height), TITLE_SIZES[-1])
    frame = shape.text_frame
    frame.word_wrap, frame.auto_size, frame.vertical_anchor = True, MSO_AUTO_SIZE.NONE, MSO_ANCHOR.TOP
    _margins(frame)
    paragraph = frame.paragraphs[0]
    paragraph.alignment = 1  # left
    _run(paragraph, title.replace(" %", "\u00a0%"), size, bold=True)  # "31.4 %" never breaks before its sign
    if kicker:
        _text(slide, (MARGIN, 0.15, INNER, 0.42), [kicker], 16, colour=MUTED)
    return slide


def _margins(frame) -> None:
    frame.margin_left = frame.margin_right = Inches(PAD)
    frame.margin_top = frame.margin_bottom = Inches(VPAD)


def _run(paragraph, text: str, size: float, bold: bool = False, colour: RGBColor = TEXT):
    run = paragraph.add_run()
    run.text = text
    run.font.size, run.font.bold, run.font.name, run.font.color.rgb = Pt(size), bold, FONT, colour
    return run


def _text(slide, box, paragraphs, size: float, colour=TEXT, bullets: bool = False) -> None:
    """A wrapped text box; a paragraph given as (label, text) starts with its label in bold."""
    left, top, width, height = box
    frame = slide.shapes.add_textbox(*map(Inches, box)).text_frame
    frame.word_wrap, frame.auto_size = True, MSO_AUTO_SIZE.NONE
    _margins(frame)
    for i, text in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        if isinstance(text, tuple):
            _run(paragraph, f"{text[0]}: ", size, bold=True, colour=colour)
            text = text[1]
        _run(paragraph, text, size, colour=colour)
        if bullets:
            paragraph.space_after = Pt(size // 2)
            _bullet(paragraph, size)


def _bullet(paragraph, size: int) -> None:
    """A real bullet with a hanging indent, so wrapped lines align with the text (python-pptx has no API)."""
    properties = paragraph._p.get_or_add_pPr()
    properties.set("marL", str(Pt(size * 1.2)))
    properties.set("indent", str(-Pt(size * 1.2)))
    properties.insert(0, properties.makeelement(qn("a:buChar"), {"char": "•"}))


def _footer(slide, number: int, total: int) -> None:
    _text(slide, (MARGIN, HEIGHT - 0.5, INNER - 2.0, 0.35), [CONFIDENTIAL], FOOTER_SIZE, colour=MUTED)
    _text(slide, (WIDTH - MARGIN - 2.0, HEIGHT - 0.5, 2.0, 0.35), [f"{number} of {total}"], FOOTER_SIZE, MUTED)
    slide.shapes[-1].text_frame.paragraphs[0].alignment = 3  # right


def _notes(slide, points: list[str]) -> None:
    """The presenter's talking points, one a line (at most five)."""
    slide.notes_slide.notes_text_frame.text = "\n".join(p for p in points if p)


# ---- cover, findings, methods --------------------------------------------------------------------------------


def _cover_slide(deck, pack: Pack) -> None:
    slide = _slide(deck, pack.title)
    lines = pack.cover.lines() if pack.cover else [("Scope", pack.scope), ("Survey", pack.subtitle)]
    height = BOTTOM - TOP
    size = next((s for s in BODY_SIZES if _height([f"{a}: {b}" for a, b in lines], s, INNER, gap=s / 2) <= height), 20)
    _text(slide, (MARGIN, TOP, INNER, height), lines, size)
    for paragraph in slide.shapes[-1].text_frame.paragraphs:
        paragraph.space_after = Pt(size // 2)
    _notes(
        slide,
        [
            f"This pack covers {pack.subtitle}.",
            "Groups too small to protect are hidden throughout: a hidden group shows only why it is hidden.",
            "Every figure is on a 0 to 100 scale unless it says % or points.",
        ],
    )


def _findings_slides(deck, findings: list[str]) -> None:
    """Large bullets, as many slides as it takes to keep them at 20 pt or more."""
    findings = findings or ["No finding can be stated without numbers hidden to protect small groups."]
    height, width = BOTTOM - TOP, INNER

    def need(part, size):
        return _height(part, size, width - size * 1.2 / 72, gap=size / 2)

    size = next((s for s in (28, 26, *BODY_SIZES) if need(findings, s) <= height), BODY_SIZES[-1])
    pages, page = [], []
    for finding in findings:
        if page and need([*page, finding], size) > height:
            pages.append(page)
            page = []
        page.append(finding)
    pages.append(page)
    for i, part in enumerate(pages):
        slide = _slide(deck, "Key findings" + (CONTINUED if i else ""))
        _text(slide, (MARGIN, TOP, width, height), part, size, bullets=True)
        _notes(
            slide,
            [
                "Each finding is worked out from the tables that follow, most important first.",
                "A change counts only when it is real: at least "
                f"{policy.MEANINGFUL_CHANGE:g} points with a 95 % interval that leaves out 0.",
            ],
        )


def _methods_notes(pack: Pack) -> list[str]:
    return [
        "These are the rules behind every number in the pack.",
        f"No group of fewer than {pack.min_n or metrics.DEFAULT_MIN_N} people is shown; nor is any number from "
        "which one could be worked out.",
    ]


# ---- sections ------------------------------------------------------------------------------------------------


def _section_slides(deck, pack: Pack, section: Section, cautions: dict[str, str]) -> None:
    title = section.headline or section.title
    points = [f"{title}.", section.lead, *_caveats(section, cautions)]
    if section.key in CHARTS and not section.table.empty:
        _chart_slides(deck, section, title, points[:5])
    elif section.key == "units":
        _table_slides(deck, title, section.title, section.table, points[:5], tiers=pack.tiers)
    else:  # the presenter's lines of plans, themes and quotes are talking points; the items' repeat the table
        said = [*points, *(section.notes if section.key != "items" else [])]
        _table_slides(deck, title, section.title, section.table, said[:5])


def _alpha_cautions(pack: Pack) -> dict[str, str]:
    """Domain name -> its low alpha as the domain table shows it ("0.16 (low)")."""
    domains = next((s.table for s in pack.sections if s.key == "domains"), None)
    if domains is None or "Reliability (alpha)" not in domains:
        return {}
    low = domains[domains["Reliability (alpha)"].astype(str).str.contains("low")]
    return dict(zip(low["Domain"], low["Reliability (alpha)"], strict=True))


def _caveats(section: Section, cautions: dict[str, str]) -> list[str]:
    """What the presenter must say before anyone reads too much into the slide."""
    said, table = [], section.table
    names = set(table["Domain"]) if "Domain" in table else set(table.columns)
    for domain, alpha in cautions.items():
        if domain in names:
            said.append(
                f"Read {domain} with care: its questions do not hang together (reliability {alpha.split()[0]}, "
                f"below {policy.RELIABLE_ALPHA:.2f})."
            )
    hidden = _hidden_rows(table)
    if hidden:
        said.append(
            f"{_and(list(hidden))} {'is' if len(hidden) == 1 else 'are'} hidden to protect small groups: "
            "do not guess at what they said."
        )
    if section.key == "domains":
        said[:0] = section.notes[:1]  # the index, from how many domains
    if section.key == "items":
        said.append("% favourable counts Agree and Strongly agree; don't-know answers are left out of the share.")
    if section.key == "change":
        said.append(
            f"No clear change means less than {policy.MEANINGFUL_CHANGE:g} points or an interval that includes 0: "
            "treat it as steady, not as a small rise or fall."
        )
    if section.key == "gaps":
        said += section.notes[:2]
    if section.key == "rates":
        low = table[table["Reading"].astype(str).str.contains("caution")] if "Reading" in table else table[:0]
        if len(low):
            said.append(f"Few people answered in {_and(list(low.iloc[:, 0]))}: read their results with caution.")
    return said


def _hidden_rows(table: pd.DataFrame) -> dict[str, str]:
    """The first-column name -> reason of each row hidden to protect a small group (a cell reads the reason)."""
    reasons = (metrics.PRIMARY, metrics.COMPLEMENTARY)
    values = table.iloc[:, 1:].astype(str)
    return {
        str(table.iloc[i, 0]): next(v for v in values.iloc[i] if v in reasons)
        for i in range(len(table))
        if values.iloc[i].isin(reasons).any()
    }


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# ---- native charts -------------------------------------------------------------------------------------------


def _number(text) -> float | None:
    try:
        return float(str(text).replace("+", ""))
    except ValueError:
        return None


def _chart_slides(deck, section: Section, title: str, points: list[str]) -> None:
    """One horizontal bar a row, as wide as the slide; a hidden row has no bar and its reason under the chart."""
    column, fmt, percent_axis = CHARTS[section.key]
    table = section.table
    group = [c for c in table.columns[: list(table.columns).index(column)] if c != "Responses"][:1] or [column]
    names = table[group[0]].astype(str).tolist()
    values = [_number(v) for v in table[column]]
    colours = [_colour(section.key, table.iloc[i], values[i]) for i in range(len(table))]
    for n, rows in enumerate(_balanced(list(range(len(names))), lambda part: len(part) <= MAX_BARS)):
        part = slice(rows[0], rows[-1] + 1)
        slide = _slide(deck, title + (CONTINUED if n else ""), section.title)
        missing = [
            f"{n}: {_why(table.iloc[i], column)}"
            for i, (n, v) in enumerate(zip(names, values, strict=True))
            if v is None and part.start <= i < part.stop
        ]
        below = _height(["; ".join(missing)], 18, INNER) if missing else 0
        box = (MARGIN, TOP, INNER, BOTTOM - TOP - below)
        frame = _bar_chart(slide, box, names[part], values[part], colours[part], fmt, percent_axis, section)
        frame._element.nvGraphicFramePr.cNvPr.set("descr", _alt(section, column, names, values))
        if missing:
            _text(slide, (MARGIN, BOTTOM - below, INNER, below), ["; ".join(missing)], 18, colour=MUTED)
        _notes(slide, points)


def _why(row: pd.Series, column: str) -> str:
    """Why a row has no bar: its reason, or what the table's Reading says."""
    return str(row[column]) or str(row.get("Reading", "")) or "no value"


def _colour(key: str, row: pd.Series, value: float | None) -> str:
    if key == "domains":
        return TIER_COLOURS.get(str(row.get("Tier", "")), GREY)
    if key == "change":
        return BLUE if str(row.get("Reading", "")).startswith("meaningful") else GREY
    if key == "gaps":
        return BLUE if str(row.get("Reading", "")) else GREY
    if key == "rates":
        return ORANGE if "caution" in str(row.get("Reading", "")) else BLUE
    return BLUE


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#"))


def _bar_chart(slide, box, names, values, colours, fmt, percent_axis, section: Section):
    """A clustered bar chart, each bar in its colour. The domain chart has a series per tier (each holding the
    scores of its tier's domains, drawn over one another), so that its legend names the tier colours."""
    data = CategoryChartData(number_format=fmt)
    data.categories = names
    tiers = section.table["Tier"].astype(str).tolist() if section.key == "domains" else []
    if tiers:
        for tier in (t for t in TIER_ORDER if t in tiers):
            data.add_series(tier, [v if t == tier else None for v, t in zip(values, tiers, strict=True)])
    else:
        data.add_series(section.title, values)
    frame = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, *map(Inches, box), data)
    chart = frame.chart
    chart.has_title = False
    chart.font.size, chart.font.name = Pt(CHART_SIZE), FONT
    plot = chart.plots[0]
    plot.gap_width, plot.overlap, plot.vary_by_categories = 40, 100, False
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format, labels.number_format_is_linked, labels.show_value = fmt, False, True
    labels.font.size, labels.font.name = Pt(CHART_SIZE), FONT
    categories, axis = chart.category_axis, chart.value_axis
    categories.reverse_order = True  # the first row on top, as in the table
    categories.tick_labels.font.size = axis.tick_labels.font.size = Pt(CHART_SIZE)
    categories.tick_label_position = XL_TICK_LABEL_POSITION.LOW  # names stay left of a negative bar
    axis.has_major_gridlines = False
    axis.tick_labels.number_format, axis.tick_labels.number_format_is_linked = fmt.replace(".0", ""), False
    shown = [v for v in values if v is not None]
    if percent_axis:
        axis.minimum_scale, axis.maximum_scale = 0, 100
    elif shown:  # room beyond the longest bars for their labels, so a negative bar's label clears the names
        low, high = min(0, *shown), max(0, *shown)
        pad = max(high - low, 1) * 0.15
        axis.minimum_scale, axis.maximum_scale = (low - pad if low < 0 else 0), (high + pad if high > 0 else 0)
    if tiers:
        for series in plot.series:
            _fill(series.format, TIER_COLOURS[series.name])
        chart.has_legend = True
        chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.BOTTOM, False
        chart.legend.font.size, chart.legend.font.name = Pt(CHART_SIZE), FONT
    else:
        chart.has_legend = False
        for i, (colour, value) in enumerate(zip(colours, values, strict=True)):
            if value is not None:
                _fill(plot.series[0].points[i].format, colour)
    return frame


def _fill(format_, colour: str) -> None:
    format_.fill.solid()
    format_.fill.fore_color.rgb = _rgb(colour)
    tier = next((t for t, c in TIER_COLOURS.items() if c == colour), None)
    format_.line.color.rgb = _rgb(TIER_OUTLINE[tier] if tier else SUPPRESSED_OUTLINE if colour == GREY else colour)


def _alt(section: Section, column: str, names: list[str], values: list[float | None]) -> str:
    """What the chart shows in words: the measure, the highest and lowest shown bar, and the hidden ones."""
    shown = [(v, n) for n, v in zip(names, values, strict=True) if v is not None]
    fmt = CHARTS[section.key][1]
    group = section.table.columns[0].lower()
    text = f"Bar chart of the {column[0].lower() + column[1:]} of each {group} ({section.title})"
    if shown:
        (high, top), (low, bottom) = max(shown), min(shown)
        signed = "+" in fmt
        text += f": highest {top} ({number(high, signed)}), lowest {bottom} ({number(low, signed)})."
    else:
        text += ": every value is hidden."
    if section.key == "domains":
        text += " Each bar is coloured by its tier, named in the legend."
    if len(shown) < len(names):
        text += f" A {group} without a bar is hidden or has no value; the line under the chart says why."
    return text


# ---- tables --------------------------------------------------------------------------------------------------


def _table_slides(deck, title: str, kicker: str, table: pd.DataFrame, points: list[str], tiers=None) -> None:
    """The table on the fewest slides, at the largest size that needs no more: split over slides (its first column
    and header row repeated on each) rather than shrunk below 16 pt. With `tiers`, each score cell is filled with
    its tier's colour."""
    rows = [list(map(str, table.columns)), *table.astype(object).where(table.notna(), "").astype(str).values.tolist()]
    key = f"{TIER_KEY} {tier_key(tiers)}" if tiers is not None else ""
    key_height = _height([key], TABLE_SIZES[-1], INNER) if key else 0.0
    height = BOTTOM - TOP - key_height
    layouts = {size: _pages(rows, size, INNER, height) for size in TABLE_SIZES}
    size = min(TABLE_SIZES, key=lambda s: (len(layouts[s]), -s))  # the fewest slides, at the largest size
    pages = layouts[size]
    for n, (columns, chosen, widths, heights) in enumerate(pages):
        slide = _slide(deck, title + (CONTINUED if n else ""), kicker)
        frame = slide.shapes.add_table(
            len(chosen), len(columns), *map(Inches, (MARGIN, TOP, sum(widths), sum(heights)))
        )
        described = f"Table of {kicker or title}: {', '.join(rows[0][c] for c in columns)}; {len(chosen) - 1} rows."
        frame._element.nvGraphicFramePr.cNvPr.set("descr", described)
        grid = frame.table
        grid.first_row, grid.horz_banding = True, False
        for j, w in enumerate(widths):
            grid.columns[j].width = Inches(w)
        for i, (r, h) in enumerate(zip(chosen, heights, strict=True)):
            grid.rows[i].height = Inches(h)
            for j, c in enumerate(columns):
                _cell(grid.cell(i, j), rows[r][c], size, i, j, tiers)
        if key:  # the colours' meaning in words, under the table: colour never carries it alone
            _text(slide, (MARGIN, TOP + sum(heights), INNER, key_height), [key], TABLE_SIZES[-1], colour=MUTED)
        _notes(slide, points)


def _cell(cell, text: str, size: float, i: int, j: int, tiers) -> None:
    value = _number(text) if tiers is not None and i > 0 and j > 0 else None
    tier = metrics.tier(value, tiers) if value is not None else None
    cell.fill.solid()
    cell.fill.fore_color.rgb = (
        _rgb(TIER_COLOURS[tier]) if tier else HEADER_FILL if i == 0 else BAND if i % 2 == 0 else WHITE
    )
    cell.margin_left = cell.margin_right = Inches(PAD)
    cell.margin_top = cell.margin_bottom = Inches(VPAD)
    cell.text_frame.word_wrap = True
    _run(cell.text_frame.paragraphs[0], text, size, bold=i == 0, colour=_rgb(TIER_TEXT[tier]) if tier else TEXT)


def _pages(rows: list[list[str]], size: float, width: float, height: float):
    """The table cut into slides: groups of columns that fit across (each with the first column), then groups of
    rows that fit down (each with the header row). Each page: (columns, rows, column widths, row heights)."""
    least = [
        max(_width(word, size, i == 0) for i, row in enumerate(rows) for word in row[j].split() or [""])
        + 2 * PAD
        + 0.01
        for j in range(len(rows[0]))
    ]
    groups = _balanced(list(range(1, len(least))), lambda part: least[0] + sum(least[c] for c in part) <= width)
    pages = []
    for columns in ([0, *group] for group in groups):
        widths = _widths(rows, columns, size, width, [least[c] for c in columns])
        heights = [
            max(_lines(row[c], size, w - 2 * PAD, i == 0) for c, w in zip(columns, widths, strict=True))
            * size
            * LINE
            / 72
            + 2 * VPAD
            + 0.02
            for i, row in enumerate(rows)
        ]

        def fits(part, heights=heights):
            return heights[0] + sum(heights[r] for r in part) <= height

        for chosen in _balanced(list(range(1, len(rows))), fits):
            pages.append((columns, [0, *chosen], widths, [heights[i] for i in [0, *chosen]]))
    return pages


def _balanced(items: list, fits) -> list[list]:
    """The items cut into the fewest runs of near-equal length that each `fits` (one item a run at worst), so a
    table's last slide is never a lone row."""
    for n in range(1, len(items) + 1):
        size, extra = divmod(len(items), n)
        cuts = [i * size + min(i, extra) for i in range(n + 1)]
        parts = [items[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]
        if n == len(items) or all(fits(part) for part in parts):
            return parts
    return [items]


def _widths(rows, columns, size: float, width: float, least: list[float]) -> list[float]:
    """Column widths filling `width`: each at least its longest word, the room left shared in proportion to how
    much more each column would need to put every cell on one line (the way browsers lay out tables)."""
    full = [
        max(max(_width(row[c], size, i == 0) for i, row in enumerate(rows)) + 2 * PAD + 0.01, low)
        for c, low in zip(columns, least, strict=True)
    ]
    if sum(full) <= width:
        return [w * width / sum(full) for w in full]
    room, wants = width - sum(least), [f - low for f, low in zip(full, least, strict=True)]
    return [low + room * want / sum(wants) for low, want in zip(least, wants, strict=True)]
