"""The shared palette: readable in greyscale and without colour vision; large type for projectors."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from charts import theme
from metrics import load_instrument


def lightness(hex_colour: str) -> float:
    """CIE L* (0 black to 100 white) of an sRGB colour."""
    r, g, b = (int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    y = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    return 116 * y ** (1 / 3) - 16 if y > 0.008856 else 903.3 * y


def test_tier_colours_step_in_lightness_so_greyscale_keeps_them_apart():
    values = [lightness(theme.TIER_COLOURS[t]) for t in theme.TIER_ORDER]
    assert values == sorted(values)  # Strength darkest ... Priority lightest
    assert min(b - a for a, b in zip(values, values[1:], strict=False)) >= 18
    assert lightness(theme.TIER_COLOURS["Priority"]) < 95  # still apart from the white of a hidden cell


@pytest.mark.parametrize("tier", theme.TIER_ORDER)
def test_text_on_a_tier_fill_contrasts(tier):
    fill, text = lightness(theme.TIER_COLOURS[tier]), lightness(theme.TIER_TEXT[tier])
    assert abs(fill - text) >= 45


@pytest.mark.parametrize("points", [4, 5, 6, 7])
def test_likert_palette_diverges_with_a_grey_centre(points):
    instrument = load_instrument()
    scale = type(instrument.scale)(1, points, tuple(str(p) for p in range(1, points + 1)), (points,))
    colours = theme.likert_colours(scale)
    assert len(colours) == points
    if points % 2:
        assert colours[points // 2] == theme.NEUTRAL_GREY
    # the two ends are the darkest colours, each side lightening toward the centre
    half = points // 2
    left = [lightness(c) for c in colours[:half]]
    right = [lightness(c) for c in colours[-half:]][::-1]
    assert left == sorted(left) and right == sorted(right)


def test_projector_config_sets_large_type():
    chart = theme.projector(alt.Chart(pd.DataFrame({"a": [1]})).mark_point().encode(x="a:Q"), title="T")
    config = chart.to_dict()["config"]
    assert config["axis"]["labelFontSize"] >= 14 and config["axis"]["titleFontSize"] >= 14
    assert config["title"]["fontSize"] >= 18
    assert config["legend"]["labelFontSize"] >= 14


def test_tier_bands_cover_the_axis_in_order():
    bands = theme.tier_bands(load_instrument().tiers)
    assert [b["band"] for b in bands] == ["Priority", "Emerging", "Developing", "Strength"]
    assert [(b["start"], b["end"]) for b in bands] == [(0, 50), (50, 62.5), (62.5, 75), (75, 100)]


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("Shared Vision & Common Purpose", 15, "Shared Vision &\nCommon Purpose"),
        ("Short", 15, "Short"),
        ("Averyveryverylongword here", 5, "Averyveryverylongword\nhere"),
        ("", 10, ""),
    ],
)
def test_wrap(text, width, expected):
    assert theme.wrap(text, width) == expected
