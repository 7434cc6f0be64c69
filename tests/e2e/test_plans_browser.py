"""End-to-end: a leader picks a suggested priority, starts a plan from it, and after the app restarts finds the
plan on the Action plans page and its entry in the audit log."""

import pytest
from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from scripts.screenshots import (
    EXCEPTIONS,
    NAV_LINKS,
    SCREENSHOTS,
    VIEWPORT,
    StreamlitServer,
    _screenshot,
    streamlit_server,
    wait_until_idle,
)
from tests.e2e.conftest import ROOT

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(600)]


def open_page(page: Page, url: str, title: str) -> None:
    page.goto(url)
    wait_until_idle(page)
    page.locator(NAV_LINKS, has_text=title).click()
    wait_until_idle(page)


def fresh_tab(browser: Browser) -> Page:
    return browser.new_context(viewport=VIEWPORT, device_scale_factor=1).new_page()


def wait_for_text(page: Page, server: StreamlitServer, text: str) -> None:
    """Wait for `text` to show; if it never does, fail with what the page and the server showed instead."""
    try:
        page.get_by_text(text).first.wait_for(timeout=120_000)
    except PlaywrightTimeout:
        SCREENSHOTS.mkdir(exist_ok=True)
        _screenshot(page, SCREENSHOTS / "plan-journey-failed.png")
        pytest.fail(
            f"{text!r} did not show within 120 s at {page.url}.\n--- page ---\n{page.inner_text('body')[:4000]}"
            f"\n--- server ---\n{server.output()[-4000:]}"
        )


def test_a_plan_started_from_a_priority_outlives_a_restart(browser: Browser, tmp_path) -> None:
    store = tmp_path / "store.duckdb"
    with streamlit_server(ROOT, "app.py", store=store) as first:
        page = fresh_tab(browser)
        open_page(page, first.url, "Priorities")
        wait_for_text(page, first, "1. Resources & Work Structures")
        wait_until_idle(page)  # a reader clicks once the page has settled; cards still arriving can shift
        card = (
            page.locator('[data-testid="stVerticalBlock"]')
            .filter(has_text="1. Resources & Work Structures")
            .filter(has=page.get_by_role("button", name="Start a plan"))
            .last  # the innermost block holding both: the first candidate's card
        )
        card.get_by_role("button", name="Start a plan").click()
        page.get_by_role("heading", name="Start a plan").wait_for(timeout=120_000)  # the form on Action plans
        wait_until_idle(page)
        page.get_by_label("The problem, in the team's words").fill("Routines eat the time our core work needs.")
        page.get_by_label("Target").fill("55")
        page.get_by_label("Target").press("Enter")
        wait_until_idle(page)
        page.get_by_role("button", name="Save plan").click()
        wait_for_text(page, first, "Plan P0004 was saved.")
        assert page.locator(EXCEPTIONS).count() == 0
        SCREENSHOTS.mkdir(exist_ok=True)
        _screenshot(page, SCREENSHOTS / "plan-saved.png")
        page.context.close()

    with streamlit_server(ROOT, "app.py", store=store) as second:  # the same store file, a new server
        page = fresh_tab(browser)
        open_page(page, second.url, "Action plans")
        wait_for_text(page, second, "P0004 · Resources & Work Structures")
        assert page.get_by_text("Routines eat the time our core work needs.").count() == 1
        assert page.get_by_text("baseline 47.3 (2025 Spring) → target 55.0 by 2026 Spring").count() == 1
        open_page(page, second.url, "Audit log")
        wait_for_text(page, second, "Started an action plan")
        assert page.locator(EXCEPTIONS).count() == 0
        page.context.close()
