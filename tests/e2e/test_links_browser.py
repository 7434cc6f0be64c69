"""End-to-end: a link with filters in its query string opens that page with those filters, in a real browser."""

from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page

from scripts.screenshots import EXCEPTIONS, StreamlitServer, wait_until_idle

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(600)]
SEA = "State Office of Early Learning"


def test_a_shared_link_opens_the_page_with_its_filters(app_server: StreamlitServer, page: Page) -> None:
    query = urlencode({"wave": "2024 Spring", "agency": SEA})
    page.goto(f"{app_server.url}/item-drilldown?{query}")
    wait_until_idle(page)
    page.get_by_role("heading", name="Items", exact=True).wait_for(timeout=120_000)
    assert page.get_by_text(f"2024 Spring · {SEA} · All units · All roles").count() == 1
    assert page.locator(EXCEPTIONS).count() == 0
    assert "agency=State" in page.url and "wave=2024" in page.url  # the address still shares this view
