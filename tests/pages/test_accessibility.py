"""Every page of the navigation, on the sample data: one h1 and headings that never skip a level (st.title is h1,
st.header h2, st.subheader h3), and every chart named by a sentence that is also its caption and that points to
the table of its numbers, labelled with the chart's title. The browser tests check the same in Chromium with axe."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import navigation_pages

ROOT = Path(__file__).resolve().parents[2]
LEVEL = {"title": 1, "header": 2, "subheader": 3}


@pytest.fixture(scope="module")
def app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    assert not at.exception
    return at


@pytest.mark.parametrize("page", navigation_pages())
def test_one_h1_and_no_heading_skips_a_level(app, page):
    app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    levels = [LEVEL[node.type] for node in app.main if getattr(node, "type", None) in LEVEL]
    assert levels.count(1) == 1 and levels[0] == 1, levels
    skips = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    assert not skips, levels


@pytest.mark.parametrize("page", navigation_pages())
def test_every_chart_is_described_and_tied_to_its_numbers(app, page):
    app.switch_page(page).run()
    # A caption is Markdown with its punctuation escaped; unescaped, it is the sentence and a pointer to the table.
    captions = [caption.value.replace("\\", "") for caption in app.caption]
    titles = [label.removeprefix("Numbers behind: ") for label in (e.label for e in app.expander)]
    for chart in app.get("vega_lite_chart"):
        description = json.loads(chart.proto.spec)["description"]
        tied = [title for title in titles if description.startswith(f"{title}: ")]
        assert tied, (description, titles)  # a table of numbers labelled with the chart's title
        sentence = description.removeprefix(f"{tied[0]}: ")
        assert sentence.endswith(".") and len(sentence) > 20, description
        assert f"{sentence} The numbers are under “Numbers behind: {tied[0]}”." in captions, (description, captions)
