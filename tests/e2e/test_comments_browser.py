"""End-to-end: from a domain's page, its link opens the Comments page on that domain's theme, in a real browser,
and the quotes shown carry no planted personal detail."""

import pytest
from playwright.sync_api import Page

from scripts.screenshots import EXCEPTIONS, NAV_LINKS, StreamlitServer, wait_until_idle

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(600)]


def test_a_domains_link_opens_what_staff_wrote_about_it(app_server: StreamlitServer, page: Page) -> None:
    page.goto(app_server.url)
    wait_until_idle(page)
    page.locator(NAV_LINKS, has_text="Domains").click()
    wait_until_idle(page)
    page.get_by_text("What staff wrote about Shared Vision & Common Purpose").click()
    page.get_by_role("heading", name="What staff said").wait_for(timeout=120_000)
    wait_until_idle(page)
    assert page.get_by_role("combobox", name="Theme").input_value() == "Shared Vision & Common Purpose"
    assert page.get_by_text("matching comments").count() == 1
    body = page.inner_text("body").casefold()
    assert "dana whitfield" not in body and "@agency" not in body and "(555)" not in body
    assert page.locator(EXCEPTIONS).count() == 0
