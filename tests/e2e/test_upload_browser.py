"""End-to-end: an analyst uploads an export in a real browser, sees what was read and saves it as a wave."""

import pytest
from playwright.sync_api import Page

from scripts.screenshots import EXCEPTIONS, NAV_LINKS, SCREENSHOTS, StreamlitServer, _screenshot, wait_until_idle
from tests.pages.test_upload import ITEMS, export_csv

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(600)]


def test_upload_and_save_through_the_browser(app_server: StreamlitServer, page: Page, tmp_path) -> None:
    export = tmp_path / "staff survey.csv"
    export.write_bytes(export_csv())
    page.goto(app_server.url)
    wait_until_idle(page)
    page.locator(NAV_LINKS, has_text="Upload").click()
    wait_until_idle(page)
    page.locator('input[type="file"]').first.set_input_files(str(export))
    page.get_by_text("What was read").wait_for(timeout=120_000)
    wait_until_idle(page)
    assert page.get_by_text("1 value(s) could not be read").count() == 1
    page.get_by_label("Wave name").fill("2019 Browser")
    page.get_by_label("Wave name").press("Enter")
    wait_until_idle(page)
    page.get_by_role("button", name="Save wave").click()
    page.get_by_text("Saved 8 responses as the wave 2019 Browser").wait_for(timeout=120_000)
    assert page.locator(EXCEPTIONS).count() == 0
    SCREENSHOTS.mkdir(exist_ok=True)
    _screenshot(page, SCREENSHOTS / "upload-saved.png")


def test_a_broken_file_gets_a_plain_message_in_the_browser(app_server: StreamlitServer, page: Page, tmp_path) -> None:
    broken = tmp_path / "results.xlsx"
    broken.write_bytes(b"PK\x03\x04 this was a workbook once" * 20)  # a truncated zip named like a workbook
    page.goto(app_server.url)
    wait_until_idle(page)
    page.locator(NAV_LINKS, has_text="Upload").click()
    wait_until_idle(page)
    page.locator('input[type="file"]').first.set_input_files(str(broken))
    alert = page.locator('[data-testid="stAlertContentError"]')
    alert.wait_for(timeout=120_000)
    assert "Traceback" not in alert.inner_text() and len(alert.inner_text()) > 20
    assert page.locator(EXCEPTIONS).count() == 0
    assert page.get_by_text("What was read").count() == 0


def test_numeric_codes_and_a_csv_roster_in_the_browser(app_server: StreamlitServer, page: Page, tmp_path) -> None:
    """Answers coded 0-4 get a table of proposed readings to confirm; a CSV roster is read before saving."""
    export = tmp_path / "coded.csv"
    rows = ["Response ID,Division," + ",".join(ITEMS)]
    rows += [f"R{i},Pre-K Programs," + ",".join(str((i + j) % 5) for j in range(len(ITEMS))) for i in range(8)]
    export.write_text("\n".join(rows) + "\n", encoding="utf-8")
    roster = tmp_path / "roster.csv"
    roster.write_text("Agency,Unit,Invited\nSEA,Pre-K Programs,12\n", encoding="utf-8")
    page.goto(app_server.url)
    wait_until_idle(page)
    page.locator(NAV_LINKS, has_text="Upload").click()
    wait_until_idle(page)
    page.locator('input[type="file"]').first.set_input_files(str(export))
    page.get_by_text("Tick each proposed reading you confirm").wait_for(timeout=120_000)
    page.locator('input[type="file"]').nth(1).set_input_files(str(roster))
    page.get_by_text("1 row, 12 people invited").wait_for(timeout=120_000)
    wait_until_idle(page)
    assert page.locator(EXCEPTIONS).count() == 0
    SCREENSHOTS.mkdir(exist_ok=True)
    _screenshot(page, SCREENSHOTS / "upload-recodes.png")
