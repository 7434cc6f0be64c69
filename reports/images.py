"""Charts as image files, rendered from the same Altair specs the pages draw (vl-convert: no browser needed).

Why: a projected slide or a printed page needs crisp pictures; a PNG at twice the chart's size stays sharp on a
1080p projector, and an SVG scales without limit.
"""

from __future__ import annotations

from functools import lru_cache

import altair as alt
import vl_convert

PNG_SCALE = 2


def chart_png(chart: alt.TopLevelMixin, scale: float = PNG_SCALE) -> bytes:
    """The chart as a PNG at `scale` times its size in pixels (rendered once per spec: the deck and the PDF of
    one pack share their pictures)."""
    return _png(chart.to_json(), scale)


@lru_cache(maxsize=64)
def _png(spec: str, scale: float) -> bytes:
    return vl_convert.vegalite_to_png(spec, scale=scale)


def chart_svg(chart: alt.TopLevelMixin) -> str:
    """The chart as SVG text."""
    return spec_svg(chart.to_json())


def spec_png(spec: str, scale: float = PNG_SCALE) -> bytes:
    """A chart given as Vega-Lite JSON, as a PNG at `scale` times its size."""
    return _png(spec, scale)


def spec_svg(spec: str) -> str:
    """A chart given as Vega-Lite JSON, as SVG text."""
    return vl_convert.vegalite_to_svg(spec)
