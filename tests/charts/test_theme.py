"""The shared palette: readable in greyscale and without colour vision; large type for projectors."""

from __future__ import annotations

import itertools

import altair as alt
import numpy as np
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


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.1 relative luminance (0 black to 1 white) of an sRGB colour."""
    return float(np.dot([0.2126, 0.7152, 0.0722], linear_rgb(hex_colour)))


def linear_rgb(hex_colour: str) -> np.ndarray:
    c = np.array([int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)])
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_worst_tier_is_the_darkest_and_the_tiers_stay_ordered_in_greyscale():
    # Strength the lightest (least salient) ... Priority the darkest (most salient), strictly, with steps a
    # greyscale print keeps apart (CIE L* 15 or more), Strength still apart from the white of a hidden cell.
    luminance = [relative_luminance(theme.TIER_COLOURS[t]) for t in theme.TIER_ORDER]
    assert theme.TIER_ORDER == ("Strength", "Developing", "Emerging", "Priority")
    assert all(a > b for a, b in zip(luminance, luminance[1:], strict=False)), luminance
    values = [lightness(theme.TIER_COLOURS[t]) for t in theme.TIER_ORDER]
    assert min(a - b for a, b in zip(values, values[1:], strict=False)) >= 15
    assert lightness(theme.TIER_COLOURS["Strength"]) < 95
    assert contrast(theme.TIER_OUTLINE["Strength"], "#ffffff") >= 3  # its outline marks it on white (WCAG 1.4.11)


def test_priority_is_the_most_saturated_tier():
    def chroma(hex_colour: str) -> float:
        return float(np.hypot(*lab(linear_rgb(hex_colour))[1:]))

    chromas = {t: chroma(theme.TIER_COLOURS[t]) for t in theme.TIER_ORDER}
    assert chromas["Priority"] > chromas["Developing"] > chromas["Strength"]
    assert lightness(theme.TIER_COLOURS["Priority"]) < 40  # and dark: it reads first, never as blank


@pytest.mark.parametrize("tier", theme.TIER_ORDER)
def test_label_text_on_a_tier_fill_meets_wcag_aa(tier):
    fill, text = theme.TIER_COLOURS[tier], theme.TIER_TEXT[tier]
    assert contrast(fill, text) >= 4.5
    # black or white text, whichever reads better on this fill
    best = max((theme.INK, "#ffffff"), key=lambda candidate: contrast(fill, candidate))
    assert text == best


# Machado, Oliveira & Fernandes (2009), severity 1.0, applied to linear sRGB.
MACHADO_2009 = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
}


def lab(linear: np.ndarray) -> np.ndarray:
    """CIE L*a*b* (D65) of a linear sRGB colour."""
    r, g, b = np.clip(linear, 0, 1)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.9505
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.089

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x), f(y), f(z)
    return np.array([116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)])


@pytest.mark.parametrize("deficiency", ["none", *MACHADO_2009])
def test_tier_colours_stay_apart_without_full_colour_vision(deficiency):
    matrix = np.eye(3) if deficiency == "none" else np.array(MACHADO_2009[deficiency])
    seen = {t: lab(matrix @ linear_rgb(theme.TIER_COLOURS[t])) for t in theme.TIER_ORDER}
    for a, b in itertools.combinations(theme.TIER_ORDER, 2):
        assert np.linalg.norm(seen[a] - seen[b]) >= 15, (deficiency, a, b)  # CIE76 delta E: clearly different


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
