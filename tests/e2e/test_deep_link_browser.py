"""End-to-end: the first visit to a freshly started server may come through a deep link (a bookmark, a link in an
e-mail). Issue 22: it opened the page under Streamlit's "Page not found" dialog, because a folder named `pages/`
beside app.py makes Streamlit run its old automatic navigation until `st.navigation` first runs in the process;
the pages live in `app_pages/` so that it never does."""

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from scripts.screenshots import EXCEPTIONS, streamlit_server, wait_until_idle

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(600)]
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("path", "title"), [("change-over-time", "Trends"), ("what-staff-said", "What staff said")])
def test_a_deep_link_opens_its_page_on_a_fresh_server(browser: Browser, path: str, title: str) -> None:
    with streamlit_server(ROOT) as server:  # a server of its own: only the first visit after a start showed it
        context = browser.new_context(viewport={"width": 1280, "height": 720}, device_scale_factor=1)
        try:
            page = context.new_page()
            page.goto(f"{server.url}/{path}")
            page.get_by_role("heading", name=title, level=1).wait_for(timeout=120_000)
            wait_until_idle(page)
            expect(page.get_by_text("Page not found")).to_have_count(0)
            expect(page.get_by_role("dialog")).to_have_count(0)
            assert page.url == f"{server.url}/{path}"
            assert page.locator(EXCEPTIONS).count() == 0
        finally:
            context.close()
