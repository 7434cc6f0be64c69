"""The board pack as a printable, tagged PDF handout (PDF/UA-1), laid out by WeasyPrint from HTML and CSS paged media.

Why: board members read on paper or in a PDF viewer, and some with a screen reader. The handout lays out a `Pack`
and adds nothing to it: every word and number comes from the pack (its display tables already read a hidden cell
as its reason), and every chart is the pack's Altair spec drawn by `reports.images`, the picture the deck shows.
HTML gives the tags a screen reader needs (headings, table header cells, figures with alternative text) and CSS
the pagination a printed page needs (header rows repeated, headings kept with what follows, a running
"(continued)" heading, the footer and page numbers in the page margins). Every text is HTML-escaped, so a unit
name or a quote is printed as written, never read as markup. The bundled DejaVu Sans is embedded, so every
machine prints the same.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from PIL import ImageFont

from charts import theme
from reports.images import spec_png
from reports.pack import CONFIDENTIAL, Pack, Section

FONTS = Path(__file__).parent / "fonts"
PAGE_SIZES = {"letter": "letter", "a4": "A4"}  # Pack.paper -> the CSS page size
PAGE_WIDTHS = {"letter": 215.9, "a4": 210.0}  # mm, portrait
MARGIN = 18.0  # mm, each side of a portrait page; landscape pages use WIDE_MARGIN to give the units grid room
WIDE_MARGIN = 12.7
FOOTER_SIZE = 8.0  # pt
FOOTER_SHARE = 0.82  # of the text column's width; the page number takes the rest
POINTS_PER_MM = 72 / 25.4
WIDE_COLUMNS = 9  # a table with this many columns (the units grid) goes on landscape pages
LONG_WORD = 30  # characters: a cell holding a longer word (a name without spaces) may break it anywhere
METHODS = "Methods and confidentiality"

_NUMBER = re.compile(r"^[+\-−]?\d")
_UNIT = re.compile(r"\([^\s()]+\)")  # "(0–100)", "(1–5)", "(alpha)" in a column heading

# "Handout Sans" is the bundled DejaVu Sans under a name no system font has, so no machine substitutes its own.
# The "(continued)" heading in the top margin: each heading sets the named string `continued` to "" and the element
# after it (the lead) to "<title> (continued)"; `string(continued, start)` prints "" on a page that opens with a
# heading, and otherwise the last value set before the page, so a page that goes on with a section names it.
STYLE = f"""
@font-face {{ font-family: "Handout Sans"; src: url("DejaVuSans.ttf"); font-weight: normal; }}
@font-face {{ font-family: "Handout Sans"; src: url("DejaVuSans-Bold.ttf"); font-weight: bold; }}
@page {{
  margin: 20mm {MARGIN}mm 18mm {MARGIN}mm;
  font-family: "Handout Sans"; font-size: {FOOTER_SIZE}pt; color: {theme.MUTED};
  @top-left {{ content: string(continued, start); vertical-align: bottom; padding-bottom: 3mm;
               font-size: 11pt; font-weight: bold; color: {theme.INK}; width: 100%; }}
  @bottom-left {{ content: element(footer); vertical-align: top; padding-top: 4mm; width: {FOOTER_SHARE:.0%}; }}
  @bottom-right {{ content: "Page " counter(page) " of " counter(pages); vertical-align: top; padding-top: 4mm;
                   text-align: right; width: {1 - FOOTER_SHARE:.0%}; }}
}}
@page wide {{ margin: 20mm {WIDE_MARGIN}mm 18mm {WIDE_MARGIN}mm; }}
html {{ font-family: "Handout Sans"; font-size: 10pt; line-height: 1.35; color: {theme.INK}; }}
body {{ margin: 0; overflow-wrap: anywhere; page: upright; }}  /* a name, so leaving a wide page turns back */
#footer {{ position: running(footer); white-space: nowrap; font-size: {FOOTER_SIZE}pt; color: {theme.MUTED}; }}
h1 {{ font-size: 24pt; line-height: 1.2; margin: 0 0 2mm; }}
h2 {{ font-size: 14pt; line-height: 1.25; margin: 0 0 1.5mm; break-after: avoid; string-set: continued ""; }}
section {{ margin-top: 9mm; }}
section.wide {{ page: wide; margin-top: 0; }}
.subtitle {{ font-size: 13pt; color: {theme.MUTED}; margin: 0 0 5mm; }}
.lead {{ color: {theme.MUTED}; margin: 0 0 3mm; break-after: avoid; }}
[data-continued] {{ string-set: continued attr(data-continued); }}
dl.facts {{ display: grid; grid-template-columns: 38mm 1fr; gap: 1.6mm 2mm; margin: 0 0 2mm; padding: 3mm 0 0;
            border-top: 0.4mm solid #b4b4b4; }}
dl.facts dt {{ font-weight: bold; }}
dl.facts dd {{ margin: 0; }}
ul.findings {{ margin: 0; padding-left: 6mm; font-size: 11pt; }}
ul.findings li {{ margin-bottom: 1.8mm; break-inside: avoid; }}
img {{ display: block; width: 100%; max-height: 150mm; object-fit: contain; margin: 4mm 0 0;
       break-inside: avoid; }}
table {{ width: 100%; border-collapse: collapse; font-size: 9pt; line-height: 1.25; overflow-wrap: break-word; }}
section.wide table {{ font-size: 8pt; }}
thead th {{ background: #e9f0f8; font-weight: bold; text-align: left; vertical-align: bottom; }}
th, td {{ padding: 0.9mm 1.2mm; border-bottom: 0.2mm solid #b4b4b4; vertical-align: top; }}
tbody th {{ font-weight: normal; text-align: left; }}
tbody tr:nth-child(even) {{ background: #f5f5f5; }}
tr {{ break-inside: avoid; }}
.number {{ text-align: right; }}
.reason {{ color: {theme.MUTED}; }}
.anywhere {{ overflow-wrap: anywhere; }}
.unit {{ white-space: nowrap; }}
.terms tbody th {{ font-weight: bold; }}
"""


class Unavailable(RuntimeError):
    """The handout cannot be made on this computer; the message says what to install."""


NO_PANGO = (
    "The PDF handout cannot be made on this computer: it needs the Pango text libraries "
    "(on Debian or Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)."
)


def pack_pdf(pack: Pack) -> bytes:
    """The pack as the bytes of a tagged PDF: the cover with its facts and the key findings, one block per section
    (heading, lead, table, chart), then methods and confidentiality."""
    try:  # imported here: WeasyPrint needs system libraries, and the rest of the pack must not depend on them
        from weasyprint import HTML
    except (ImportError, OSError) as missing:
        raise Unavailable(NO_PANGO) from missing
    document = HTML(string=pack_html(pack), base_url=str(FONTS) + "/")
    return document.write_pdf(pdf_variant="pdf/ua-1")


def pack_html(pack: Pack) -> str:
    """The handout as one HTML document with its stylesheet: what WeasyPrint lays out."""
    size = PAGE_SIZES[pack.paper]
    parts = [
        '<!DOCTYPE html><html lang="en-US"><head><meta charset="utf-8">',
        f"<title>{_text(f'{pack.title} · {pack.subtitle}')}</title>",
        f"<style>@page {{ size: {size}; }} @page wide {{ size: {size} landscape; }}{STYLE}</style>",
        '</head><body><div id="footer">',
        _text(_footer(pack)),
        "</div>",
        _cover(pack),
        *(_section(section) for section in pack.sections),
        _block(METHODS, "", pack.definitions, None, terms=True),
        "</body></html>",
    ]
    return "".join(parts)


def _footer(pack: Pack) -> str:
    """The marking and the pack's scope, cut short with "…" to fit one line beside the page number (a long unit
    name must not push "Page 3 of 9" off the line), measured with the bundled font the PDF prints it in."""
    text = f"{CONFIDENTIAL} · {pack.subtitle}"
    room = (PAGE_WIDTHS[pack.paper] - 2 * MARGIN) * POINTS_PER_MM * FOOTER_SHARE * 0.97  # a little for kerning
    font = ImageFont.truetype(FONTS / "DejaVuSans.ttf", FOOTER_SIZE * 10)  # tenths of a point, for precision
    if font.getlength(text) <= room * 10:
        return text
    while text and font.getlength(text + "…") > room * 10:
        text = text[:-1]
    return text + "…"


def _text(value: object) -> str:
    """Text from the pack (a unit's name, a quote) as HTML text: escaped, never markup."""
    return html.escape("" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value))


def _cover(pack: Pack) -> str:
    """Page one: the title, every fact of the cover, and the key findings under it."""
    facts = "".join(
        f"<dt>{_text(label)}</dt><dd>{_text(text)}</dd>" for label, text in (pack.cover.lines() if pack.cover else [])
    )
    parts = [f"<header><h1>{_text(pack.title)}</h1>", f'<p class="subtitle">{_text(pack.subtitle)}</p>']
    if facts:
        parts.append(f'<dl class="facts">{facts}</dl>')
    parts.append("</header>")
    if pack.findings:
        items = "".join(f"<li>{_text(finding.text)}</li>" for finding in pack.findings)
        parts.append(
            '<section><h2>Key findings</h2><ul class="findings" data-continued="Key findings (continued)">'
            f"{items}</ul></section>"
        )
    return "".join(parts)


def _section(section: Section) -> str:
    return _block(section.title, section.lead, section.table, section)


def _block(title: str, lead: str, table: pd.DataFrame, section: Section | None, terms: bool = False) -> str:
    """A section: its heading, its lead (which starts the running "(continued)" heading), its table, then its chart
    (a table may run on to the next page; a picture cannot, so the picture last leaves fewer half-empty pages).
    A table of WIDE_COLUMNS columns or more puts the section on landscape pages."""
    wide = len(table.columns) >= WIDE_COLUMNS
    continued = _text(f"{title} (continued)")
    kind = ' class="wide"' if wide else ""
    parts = [f"<section{kind}><h2>{_text(title)}</h2>"]
    parts.append(f'<p class="lead" data-continued="{continued}">{_text(lead)}</p>')
    if not table.empty:
        parts.append(_table(table, terms))
    if section is not None and section.chart is not None:
        spec = section.chart.to_json(validate=False)  # the schema check costs a third of a second and finds nothing new
        picture = base64.b64encode(spec_png(spec)).decode("ascii")
        parts.append(f'<img src="data:image/png;base64,{picture}" alt="{_text(_alt(section))}">')
    parts.append("</section>")
    return "".join(parts)


def _alt(section: Section) -> str:
    """What the chart shows, in words: its title, its lead and the presenter's lines (the values it draws, as the
    table beside it shows them; nothing hidden)."""
    said = [f"Chart: {section.title}.", section.lead, *(line.rstrip(".") + "." for line in section.notes)]
    return " ".join([*said, "The table above gives every value."])


def _table(table: pd.DataFrame, terms: bool = False) -> str:
    """A display table: header cells for the columns and for each row's first cell, numbers right-aligned, and a
    row whose cells all read the same reason ("hidden to protect a small group") printing it once across them."""
    header = [str(c) for c in table.columns]
    rows = [[_text(v) for v in row] for row in table.itertuples(index=False, name=None)]
    columns = list(zip(*rows, strict=True)) or [() for _ in header]
    numeric = [False] + [_numeric(column) for column in columns[1:]]
    head = "".join(f'<th scope="col"{_class(t, n)}>{_heading(t)}</th>' for t, n in zip(header, numeric, strict=True))
    body = []
    for cells in rows:
        first = f'<th scope="row"{_class(cells[0], False)}>{cells[0]}</th>'
        if len(cells) > 2 and _one_reason(cells[1:]):
            rest = f'<td colspan="{len(cells) - 1}" class="reason">{cells[1]}</td>'
        else:
            rest = "".join(f"<td{_class(t, n)}>{t}</td>" for t, n in zip(cells[1:], numeric[1:], strict=True))
        body.append(f"<tr>{first}{rest}</tr>")
    kind = ' class="terms"' if terms else ""
    return f"<table{kind}><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _heading(text: str) -> str:
    """A column heading, its unit in brackets kept on one line: "Score (0–100)" never wraps after the dash."""
    return _UNIT.sub(lambda found: f'<span class="unit">{found.group()}</span>', _text(text))


def _class(text: str, number: bool) -> str:
    names = (["number"] if number else []) + (["anywhere"] if _has_long_word(text) else [])
    return f' class="{" ".join(names)}"' if names else ""


def _has_long_word(text: str) -> bool:
    return any(len(word) > LONG_WORD for word in text.split())


def _numeric(column: Sequence[str]) -> bool:
    """A column of numbers (a few reasons among them allowed) is right-aligned so its digits line up."""
    filled = [text for text in column if text]
    return bool(filled) and sum(bool(_NUMBER.match(text)) for text in filled) * 2 >= len(filled)


def _one_reason(cells: Sequence[str]) -> bool:
    """True when every cell reads the same words: a hidden group's reason, repeated in every column."""
    return cells[0] != "" and not _NUMBER.match(cells[0]) and len(set(cells)) == 1
