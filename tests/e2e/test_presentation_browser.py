"""End-to-end: presentation mode hides the sidebar for a projector, and a chart downloads as a sharp PNG."""

import io

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from scripts.screenshots import EXCEPTIONS, NAV_LINKS, SCREENSHOTS, StreamlitServer, _screenshot, wait_until_idle

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(600)]
SIDEBAR = '[data-testid="stSidebar"]'
CHART = '[data-testid="stVegaLiteChart"]'
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
DOMAIN_CHART_WIDTH = 640  # charts.domain_chart's plot width, px


def test_presentation_mode_hides_the_sidebar_and_comes_back(app_server: StreamlitServer, page: Page) -> None:
    page.goto(app_server.url)
    wait_until_idle(page)
    page.locator(CHART).first.wait_for(timeout=120_000)
    expect(page.locator(SIDEBAR)).to_be_visible()
    expect(page.get_by_role("button", name="PNG (2×)")).to_be_visible()
    page.locator(SIDEBAR).get_by_text("Presentation mode").click()
    wait_until_idle(page)
    leave = page.get_by_role("button", name="Leave presentation mode")
    leave.wait_for(timeout=60_000)
    expect(page.locator(SIDEBAR)).to_be_hidden()
    expect(page.get_by_role("button", name="PNG (2×)")).to_be_hidden()
    expect(page.locator(CHART).first).to_be_visible()
    assert "present=1" in page.url
    assert page.evaluate("() => parseFloat(getComputedStyle(document.documentElement).fontSize)") >= 20
    assert page.locator(EXCEPTIONS).count() == 0
    SCREENSHOTS.mkdir(exist_ok=True)
    _screenshot(page, SCREENSHOTS / "presentation.png")

    leave.click()
    wait_until_idle(page)
    expect(page.locator(SIDEBAR)).to_be_visible()
    expect(leave).to_have_count(0)
    assert "present=1" not in page.url


def test_a_link_opens_in_presentation_mode_and_it_survives_a_page_switch(
    app_server: StreamlitServer, page: Page
) -> None:
    page.goto(f"{app_server.url}/unit-scores?present=1")
    wait_until_idle(page)
    page.get_by_role("heading", name="Units", exact=True).wait_for(timeout=120_000)
    page.get_by_role("button", name="Leave presentation mode").wait_for(timeout=60_000)
    expect(page.locator(SIDEBAR)).to_be_hidden()
    # The hidden sidebar still holds the navigation; a page switch keeps the mode on.
    page.locator(NAV_LINKS, has_text="Overview").dispatch_event("click")
    wait_until_idle(page)
    page.get_by_role("heading", name="Overview", exact=True).wait_for(timeout=120_000)
    expect(page.get_by_role("button", name="Leave presentation mode")).to_be_visible()
    expect(page.locator(SIDEBAR)).to_be_hidden()


def test_the_overview_chart_downloads_as_a_png_at_twice_its_size(app_server: StreamlitServer, page: Page) -> None:
    page.goto(app_server.url)
    wait_until_idle(page)
    page.locator(CHART).first.wait_for(timeout=120_000)
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="PNG (2×)").first.click()
    download = info.value
    assert download.suggested_filename == "overview-domain-scores-2025-spring-all-agencies.png"
    data = download.path().read_bytes()
    assert data[:8] == PNG_MAGIC
    # Twice the chart's own size: its 640-px plot (the page may stretch it to the column) plus labels.
    assert Image.open(io.BytesIO(data)).width >= 2 * DOMAIN_CHART_WIDTH
    assert page.locator(EXCEPTIONS).count() == 0
    assert "Traceback" not in app_server.output()
