"""Fixtures for the browser tests: the real app under `streamlit run`, and Debian's headless Chromium.

Both come from scripts/screenshots.py, so `make screenshots` and these tests see the app the same way.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from scripts.screenshots import VIEWPORT, StreamlitServer, chromium, streamlit_server

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def app_server() -> Iterator[StreamlitServer]:
    """`streamlit run app.py` from the repo root on a free localhost port; stopped after the session."""
    with streamlit_server(ROOT, "app.py") as server:
        yield server


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright, chromium(playwright) as launched:
        yield launched


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser tab (its own cookies and session) at the screenshot viewport."""
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
    try:
        yield context.new_page()
    finally:
        context.close()
