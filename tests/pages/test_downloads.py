"""Every chart has its PNG (2x) and SVG downloads, made only when clicked; presentation mode hides the chrome
for a projector, survives a page switch, and opens from a link (`?present=1`)."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
CHART_PAGES = [
    "app_pages/overview.py",
    "app_pages/domains.py",
    "app_pages/items.py",
    "app_pages/units.py",
    "app_pages/leaders_staff.py",
    "app_pages/collective.py",
    "app_pages/trends.py",
    "app_pages/response_rates.py",
    "app_pages/methods.py",
]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def downloads(monkeypatch) -> dict[str, Callable[[], bytes | str]]:
    """The file name -> data callable of every deferred download the app registers (a download button given a
    callable registers it with the media file manager; AppTest's manager is dropped after each run)."""
    registered: dict[str, Callable[[], bytes | str]] = {}
    original = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        registered[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return registered


@pytest.fixture
def app(downloads) -> AppTest:
    """The app on its Overview, with every download it registers recorded in `downloads`."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    assert not at.exception
    return at


def chart_buttons(at: AppTest) -> tuple[list[str], list[str]]:
    keys = [button.key for button in at.get("download_button")]
    return [k for k in keys if k.endswith("_png")], [k for k in keys if k.endswith("_svg")]


def spec_width(spec: dict) -> int:
    """The chart's plot width in pixels (a fixed width, or steps times the number of columns is not read)."""
    width = spec.get("width")
    if isinstance(width, int):
        return width
    return max((spec_width(part) for part in spec.get("layer", []) + spec.get("vconcat", [])), default=0)


def test_the_overview_chart_downloads_as_png_and_svg(app, downloads):
    charts = app.get("vega_lite_chart")
    png_keys, svg_keys = chart_buttons(app)
    assert len(charts) == 1
    assert png_keys == ["overview_domain_scores_png"] and svg_keys == ["overview_domain_scores_svg"]
    png_button = app.get("download_button")[0]
    assert png_button.label == "PNG (2×)" and app.get("download_button")[1].label == "SVG"
    # Made on click, off the run (no bytes in the page), and a click does not rerun the page.
    for button in app.get("download_button"):
        assert button.proto.deferred_file_id and not button.proto.url and button.proto.ignore_rerun

    stem = "overview-domain-scores-2025-spring-all-agencies"
    assert set(downloads) == {f"{stem}.png", f"{stem}.svg"}
    png = downloads[f"{stem}.png"]()
    assert png[:8] == PNG_MAGIC
    width = spec_width(json.loads(charts[0].proto.spec))
    assert width >= 300
    assert Image.open(io.BytesIO(png)).width >= 2 * width  # twice the plot width, and then some for the labels
    svg = downloads[f"{stem}.svg"]()
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert "Domain" in svg or "domain" in svg.lower()


def test_file_names_follow_the_filters(app, downloads):
    next(box for box in app.sidebar.selectbox if box.label == "Survey wave").select("2023 Spring").run()
    next(box for box in app.sidebar.selectbox if box.label == "Agency").select("Harbor City Public Schools").run()
    assert not app.exception
    assert "overview-domain-scores-2023-spring-harbor-city-public-schools.png" in downloads


@pytest.mark.slow  # visits every page
def test_every_chart_on_every_page_has_both_downloads(app):
    for page in CHART_PAGES:
        app.switch_page(page).run()
        assert not app.exception, page
        png_keys, svg_keys = chart_buttons(app)
        prefix = Path(page).stem + "_"
        assert len(app.get("vega_lite_chart")) == len(png_keys) == len(svg_keys) >= 1, page
        assert all(key.startswith(prefix) for key in png_keys + svg_keys), page


def presentation_css(at: AppTest) -> str:
    return " ".join(element.proto.body for element in at.get("html") if "<style>" in element.proto.body)


def test_presentation_mode_hides_the_chrome_and_survives_a_page_switch(app):
    assert not presentation_css(app)
    assert not [b for b in app.button if b.key == "presentation_leave"]
    app.sidebar.toggle(key="presentation_mode").set_value(True).run()
    assert not app.exception
    css = presentation_css(app)
    assert '[data-testid="stSidebar"]' in css and "display: none" in css
    assert "_chart_downloads" in css and "font-size" in css
    assert app.button(key="presentation_leave").label == "Leave presentation mode"
    assert app.query_params["present"] == "1"

    app.switch_page("app_pages/units.py").run()
    assert not app.exception
    assert app.session_state["presentation_mode"] is True
    assert presentation_css(app) and app.button(key="presentation_leave")
    assert app.get("vega_lite_chart")  # the charts stay; only their download rows are hidden

    app.button(key="presentation_leave").click().run()
    assert not app.exception
    assert app.session_state["presentation_mode"] is False
    assert not presentation_css(app)
    assert "present" not in app.query_params


def test_a_link_with_present_opens_in_presentation_mode():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["present"] = "1"
    at.run()
    assert not at.exception
    assert at.session_state["presentation_mode"] is True
    assert presentation_css(at)
    assert at.button(key="presentation_leave")
