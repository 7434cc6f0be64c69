"""End-to-end: from a domain's page, its link opens the Comments page on that domain's theme, in a real browser,
and the quotes shown carry no planted personal detail; a long comment is read whole from the table of them all."""

from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from scripts.screenshots import EXCEPTIONS, NAV_LINKS, StreamlitServer, wait_until_idle
from shell.text import WRAPPED_ROW_PX

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


SAMPLE_COMMENTS = Path(__file__).resolve().parents[2] / "data" / "sample" / "comments.csv"
HEADER_PX = 35  # the height of a table's header row


SLOW_MS = 120_000


def opened(expander: Locator) -> None:
    """Open the expander and see it stay open: one drawn just after a rerun can be replaced, closed, by the next."""
    details = expander.locator("details")
    for _ in range(3):  # a busy machine (CI, 2 cores) can take longer than Playwright's 30 s to redraw the page
        if details.get_attribute("open", timeout=SLOW_MS) is None:
            expander.locator("summary").click(timeout=SLOW_MS)
        expander.page.wait_for_timeout(1_000)
        if details.get_attribute("open", timeout=SLOW_MS) is not None:
            return
    raise AssertionError("the expander would not stay open")


def assert_fits(page: Page, expander: Locator) -> dict:
    """The table in `expander` keeps within its own box and the main column; its grid's box."""
    scroller = expander.locator('[data-testid="stDataFrame"] .dvn-scroller')
    scroller.wait_for(timeout=60_000)
    page.wait_for_timeout(500)  # the grid draws its columns
    wide, room = scroller.evaluate("e => [e.scrollWidth, e.clientWidth]")
    main = page.locator('[data-testid="stMainBlockContainer"]')
    right = main.evaluate("e => e.getBoundingClientRect().right - parseFloat(getComputedStyle(e).paddingRight)")
    box = scroller.bounding_box()
    assert wide <= room + 1 and box["x"] + box["width"] <= right + 1, (wide, room, box, right)
    return box


def test_a_long_comment_is_read_whole_below_the_table_that_fits_the_column(
    app_server: StreamlitServer, browser: Browser
) -> None:
    """Issue 22: at 1280x720 the table of every matching comment keeps within its column, and a comment longer than
    its two-line rows is read whole below the table once its row is selected."""
    raw = pd.read_csv(SAMPLE_COMMENTS, dtype=str, keep_default_na=False)
    written = raw[(raw["wave"] == "2025 Spring") & ~raw["text"].str.contains(r"[0-9@]|http|www")]["text"]
    comment = max(written, key=len)  # the longest, with nothing the redaction list could change
    assert len(comment) > 180
    context = browser.new_context(viewport={"width": 1280, "height": 720}, device_scale_factor=1)
    try:
        page = context.new_page()
        page.goto(app_server.url)
        wait_until_idle(page)
        page.locator(NAV_LINKS, has_text="Comments").click()
        page.get_by_role("heading", name="What staff said").wait_for(timeout=120_000)
        wait_until_idle(page)
        expander = page.locator('[data-testid="stExpander"]', has_text="Every matching comment")
        everything = expander.locator("summary").inner_text()
        opened(expander)  # every comment of the wave: the table scrolls down, never sideways
        assert_fits(page, expander)
        page.get_by_label("Search the comments").fill(comment)
        page.keyboard.press("Enter")
        expect(expander.filter(has_text=everything)).to_have_count(0, timeout=60_000)  # narrowed to the comment
        wait_until_idle(page)
        expect(expander).to_have_count(1)
        opened(expander)
        box = assert_fits(page, expander)
        whole = expander.locator('[data-testid="stMarkdownContainer"]', has_text=comment)  # not the grid's own copy
        expect(whole).to_have_count(0)
        page.mouse.click(box["x"] + 15, box["y"] + HEADER_PX + WRAPPED_ROW_PX / 2)  # the first row's checkbox
        wait_until_idle(page)
        expect(whole).to_have_count(1)
        assert page.locator(EXCEPTIONS).count() == 0
    finally:
        context.close()
