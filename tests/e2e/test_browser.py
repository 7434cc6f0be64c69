"""End-to-end: every page of the running app loads in a real browser, draws its charts and shows no error.

Screenshots of each page land in screenshots/<page-slug>.png (git-ignored) for a person to look at.
"""

import pytest
from playwright.sync_api import Page

from scripts.screenshots import SCREENSHOTS, StreamlitServer, visit_pages

# Server start (up to 90 s) plus up to two and a half minutes a page: more than pytest.ini's default timeout.
pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]


def test_every_page_draws_charts_without_errors(app_server: StreamlitServer, page: Page) -> None:
    visits = visit_pages(page, app_server.url, SCREENSHOTS)

    problems = [f"{visit.title} ({visit.url}): {problem}" for visit in visits for problem in visit.problems]
    assert not problems, "\n".join(problems) + "\n--- streamlit output ---\n" + app_server.output()[-5000:]
    for visit in visits:
        assert visit.screenshot is not None and visit.screenshot.stat().st_size > 0, visit.title
