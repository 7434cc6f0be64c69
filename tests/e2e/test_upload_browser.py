"""End-to-end: an analyst uploads an export in a real browser, sees what was read and saves it as a wave."""

import pytest
from playwright.sync_api import Page

from scripts.screenshots import EXCEPTIONS, NAV_LINKS, SCREENSHOTS, StreamlitServer, _screenshot, wait_until_idle
from tests.pages.test_own_instrument import own_export
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
    page.get_by_text("Saved 8 responses as 2019 Browser").wait_for(timeout=120_000)
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


def test_an_own_survey_from_upload_to_its_domains_in_the_browser(app_server: StreamlitServer, page: Page, tmp_path):
    """An unknown survey: Upload says few questions were found and offers a draft; the draft's domains are renamed
    and saved on the Instrument page; the file is then uploaded with that instrument (its columns remembered), and
    the Domains page shows the survey's own domains."""
    export = tmp_path / "office survey.csv"
    export.write_bytes(own_export())
    page.goto(app_server.url)
    wait_until_idle(page)
    page.locator(NAV_LINKS, has_text="Upload").click()
    wait_until_idle(page)
    page.locator('input[type="file"]').first.set_input_files(str(export))
    page.get_by_text("None of the 42 questions").wait_for(timeout=120_000)
    page.get_by_role("button", name="Make an instrument from this export").click()
    page.get_by_role("button", name="Draft an instrument from its questions").wait_for(timeout=120_000)
    page.get_by_role("button", name="Draft an instrument from its questions").click()
    page.get_by_label("Name of Q1").wait_for(timeout=120_000)
    for label, name in (("Name of Q1", "Clear goals"), ("Name of Q2", "Support to grow")):
        page.get_by_label(label).fill(name)
        page.get_by_label(label).press("Enter")
        wait_until_idle(page)
    page.get_by_label("Instrument name").fill("Riverside office survey")
    page.get_by_label("Instrument name").press("Enter")
    wait_until_idle(page)
    page.get_by_role("button", name="Save instrument").click()
    page.get_by_text("Saved Riverside office survey").wait_for(timeout=120_000)
    assert page.locator(EXCEPTIONS).count() == 0
    SCREENSHOTS.mkdir(exist_ok=True)
    _screenshot(page, SCREENSHOTS / "instrument-saved.png")

    page.locator(NAV_LINKS, has_text="Upload").click()
    wait_until_idle(page)
    page.locator('input[type="file"]').first.set_input_files(str(export))
    page.get_by_text("What was read").wait_for(timeout=120_000)
    wait_until_idle(page)
    assert page.get_by_text("These columns were mapped before").count() == 1  # the instrument came with them
    page.get_by_label("Wave name").fill("2099 Own survey")
    page.get_by_label("Wave name").press("Enter")
    wait_until_idle(page)
    page.get_by_role("button", name="Save wave").click()
    page.get_by_text("Saved 12 responses as 2099 Own survey").wait_for(timeout=120_000)

    page.goto(f"{app_server.url}/domain-answers?wave=2099+Own+survey")  # the sidebar keeps the wave it had
    wait_until_idle(page)
    page.get_by_text("What staff wrote about Clear goals").wait_for(timeout=120_000)
    assert page.locator(EXCEPTIONS).count() == 0
    _screenshot(page, SCREENSHOTS / "domains-own-survey.png")
