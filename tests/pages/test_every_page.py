"""Every page of app.py's navigation opens on the sample data without an error and with every chart valid Vega-Lite
(the list comes from app.py, so a new page cannot go untested), and the navigation lists every file of pages/."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from shell import downloads
from tests.pages.conftest import navigation_pages

ROOT = Path(__file__).resolve().parents[2]
PAGES = navigation_pages()


def test_the_navigation_lists_every_page_file():
    assert PAGES == sorted(f"app_pages/{path.name}" for path in (ROOT / "app_pages").glob("*.py"))
    assert len(PAGES) >= 16


@pytest.mark.parametrize("page", PAGES)
def test_page_opens_without_an_error(page, monkeypatch):
    # Pages draw charts without Altair's schema check (it takes seconds on a state-wide grid); here each chart is
    # checked against the Vega-Lite schema as it is drawn.
    monkeypatch.setattr(downloads, "chart_spec", lambda chart: chart.to_dict(validate=True))
    st.cache_resource.clear()  # charts kept from earlier tests would be drawn unchecked
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert at.title and at.title[0].value  # every page says what it is
