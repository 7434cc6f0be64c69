"""Names that come from files (a wave, an agency, its units, an own instrument and its domain) are shown as text on
every page: written as Markdown or HTML, `![x](http://...)` would make every reader's browser fetch a tracking image
and `[click](javascript:...)` would be a link. A store whose names are all hostile is opened on every page, with
the hostile agency chosen and then one of its units, and no rendered Markdown (text, captions, boxes, headings,
labels, metrics) holds the payload unescaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import metrics
from store import STORE_ENV, open_store
from tests.pages.conftest import navigation_pages

ROOT = Path(__file__).resolve().parents[2]
PAYLOAD = "![x](http://evil.example/t.png) <img src=x> [click](javascript:alert(1)) **bold**"
WAVE = f"2099 {PAYLOAD}"  # sorts after the sample's waves, so every page opens on it
AGENCY = f"Agency {PAYLOAD}"
SAMPLE_AGENCY = "State Office of Early Learning"  # six units, one of three people (hidden in every grid)
UNIT = f"Pre-K Programs {PAYLOAD}"
INSTRUMENT = f"Own {PAYLOAD}"
DOMAIN = f"Vision {PAYLOAD}"
# Markdown that would render: an image or link, raw HTML, bold; escaped text has a backslash before each mark.
UNESCAPED = re.compile(r"(?<!\\)!(?<!\\)\[|(?<!\\)\]\(|(?<!\\)<img|(?<!\\)\*\*bold")
# Pages on which the hostile names must show (escaped), so the test knows it looked where they are.
NAMED_ON = {
    "app_pages/overview.py",
    "app_pages/domains.py",
    "app_pages/units.py",
    "app_pages/collective.py",
    "app_pages/trends.py",
    "app_pages/priorities.py",
    "app_pages/response_rates.py",
    "app_pages/board_pack.py",
    "app_pages/methods.py",
    "app_pages/comments.py",
}


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile.duckdb"
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv(STORE_ENV, str(path))
    AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()  # the first start stores the sample
    store = open_store(path)
    default = metrics.load_instrument()
    text = (
        metrics.instrument_toml(default)
        .replace(f'name = "{default.name}"', f'name = "{INSTRUMENT}"', 1)
        .replace('name = "Shared Vision & Common Purpose"', f'name = "{DOMAIN}"', 1)
    )
    assert metrics.parse_instrument(text).domain_name("VIS") == DOMAIN
    store.save_instrument(INSTRUMENT, text, who="ana")
    rows = store.responses("2025 Spring").copy()
    ours = rows["agency"] == SAMPLE_AGENCY
    rows.loc[ours, "unit"] = rows.loc[ours, "unit"] + f" {PAYLOAD}"
    rows.loc[ours, "agency"] = AGENCY
    rows["wave"] = WAVE
    rows["response_id"] = "h" + rows["response_id"].astype(str)
    store.save_wave(rows, wave=WAVE, instrument_name=INSTRUMENT, filename="hostile.csv", who="ana")
    yield path
    monkeypatch.undo()


def rendered_markdown(at: AppTest) -> list[str]:
    """Every text the page hands Streamlit as Markdown: the bodies of text elements, boxes and metrics, and the
    label of every element and block that has one (widget options and table cells are not Markdown)."""
    bodies = ("markdown", "caption", "title", "header", "subheader", "info", "warning", "error", "success", "toast")
    found = []

    def walk(node) -> None:
        name = type(node).__name__.lower()
        for attribute in ("label", "body", *(["value"] if name in bodies or name == "metric" else [])):
            text = getattr(node, attribute, None)
            if isinstance(text, str):
                found.append(text)
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "body") and isinstance(proto.body, str):
            found.append(proto.body)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return found


@pytest.mark.parametrize("unit", [None, UNIT], ids=["agency", "unit"])
@pytest.mark.parametrize("page", navigation_pages())
def test_names_from_files_are_never_markdown(hostile_store, page, unit, monkeypatch):
    monkeypatch.setenv(STORE_ENV, str(hostile_store))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["filter_agency"] = AGENCY
    at.session_state["filter_unit"] = unit or "All units"
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    texts = rendered_markdown(at)
    unsafe = [text for text in texts if UNESCAPED.search(text)]
    assert not unsafe, unsafe
    if page in NAMED_ON:
        assert any("evil" in text for text in texts), page  # the names were on the page, escaped
