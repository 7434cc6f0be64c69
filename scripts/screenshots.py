"""Screenshot every page of the dashboard in headless Chromium.

Starts `streamlit run app.py` from the repo root on a free localhost port, opens each page listed in the
sidebar navigation in Debian's /usr/bin/chromium (driven by Playwright, which never downloads a browser of
its own), waits until the page has finished running and drawn its charts, and writes, for each viewport size,
`screenshots/<W>x<H>/<page-slug>.png` (scale 1, the whole page) and `<page-slug>-first-screen.png` (only what a
reader sees before scrolling). Prints one line per page and size and exits 1 when a page shows an error or
draws no chart.

    python scripts/screenshots.py                                    # 1280x720 and 1440x900; or: make screenshots
    python scripts/screenshots.py --viewport 1280x720 --viewport 1920x1080
    python scripts/screenshots.py --page Overview --page Comments    # only these pages (their sidebar titles)

The browser tests in tests/e2e/ drive the app with the same functions.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from playwright.sync_api import Browser, Locator, Page, Playwright, sync_playwright
from playwright.sync_api import Error as PlaywrightError

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "screenshots"

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package; scripts/ensure_browser.sh installs it
# Without the background-networking flags Chromium keeps dialling Google's hosts, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1600, "height": 1000}  # the browser tests' size
# A small laptop and a common office monitor: the sizes a leader is likely to open the dashboard at.
DEFAULT_VIEWPORTS = ["1280x720", "1440x900"]

SERVER_START_TIMEOUT_S = 90
RUN_TIMEOUT_MS = 120_000  # one page's script run, including first-load computation on the sample data
DRAW_TIMEOUT_MS = 30_000  # after the run: every chart drawn (a page showing an exception stops the wait)
MAX_SCREENSHOT_HEIGHT = 20_000  # px; a runaway page must not make a gigantic PNG

NAV_LINKS = '[data-testid="stSidebarNav"] a'
NAV_MORE = '[data-testid="stSidebarNavViewButton"]'
EXPAND_SIDEBAR = '[data-testid="stExpandSidebarButton"]'
EXCEPTIONS = '[data-testid="stException"]'

# The app is idle when its script has stopped (or failed to compile) and no status widget says "running".
_IDLE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return false;
  const state = app.getAttribute('data-test-script-state');
  return (state === 'notRunning' || state === 'compilationError')
    && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && !document.querySelector('[data-testid="stStatusWidgetRunningIcon"]');
}"""
_BUSY_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.getAttribute('data-test-script-state') !== 'notRunning';
}"""
# How many Vega charts the page holds, and how many have drawn their marks (canvas or svg) at a non-zero size.
_CHARTS_JS = """() => {
  const embeds = [...document.querySelectorAll('.vega-embed')];
  const drawn = embeds.filter(e => [...e.querySelectorAll('canvas, svg')].some(m => {
    const box = m.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  }));
  return [embeds.length, drawn.length];
}"""
_CHARTS_DONE_JS = f"""() => {{
  if (document.querySelector('{EXCEPTIONS}')) return true;
  const [all, drawn] = ({_CHARTS_JS})();
  return all > 0 && drawn === all;
}}"""
# Streamlit scrolls the main area and the sidebar inside their own boxes, so a "full page" screenshot only
# shows the viewport; the screenshot grows the viewport to the tallest of them first.
_CONTENT_HEIGHT_JS = """() => Math.max(window.innerHeight, ...[...document.querySelectorAll(
  '[data-testid="stMain"], [data-testid="stSidebarContent"]')].map(e => e.scrollHeight))"""


@dataclass
class StreamlitServer:
    """A running `streamlit run` process and its base URL."""

    url: str
    process: subprocess.Popen[bytes]
    log: IO[bytes]

    def output(self) -> str:
        """Everything the server has printed so far (its tracebacks land here)."""
        self.log.flush()
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")


# Pages that draw no chart until the reader acts (the upload page waits for a file).
PAGES_WITHOUT_CHARTS = {"Priorities", "Action plans", "Upload", "Instrument", "Board pack", "Audit log", "Settings"}


@dataclass
class PageVisit:
    """What one page of the app showed."""

    title: str
    url: str
    slug: str
    charts: int = 0  # Vega charts drawn
    charts_total: int = 0  # Vega charts on the page, drawn or not
    exceptions: list[str] = field(default_factory=list)
    browser_errors: list[str] = field(default_factory=list)
    error: str | None = None
    screenshot: Path | None = None
    first_screen: Path | None = None  # only the viewport, when asked for
    checked: object = None  # what visit_pages' `check` found on the page

    @property
    def problems(self) -> list[str]:
        found = [f"exception shown: {text}" for text in self.exceptions]
        found += [f"browser error: {text}" for text in self.browser_errors]
        if self.error:
            found.append(self.error)
        elif self.charts == 0 and self.title not in PAGES_WITHOUT_CHARTS:
            found.append("no chart drawn")
        elif self.charts < self.charts_total:
            found.append(f"only {self.charts} of {self.charts_total} charts drawn")
        return found


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.read().strip() == b"ok"
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def streamlit_server(root: Path = ROOT, app: str = "app.py", store: Path | None = None) -> Iterator[StreamlitServer]:
    """Run `streamlit run <app>` from `root` on a free localhost port until the block ends, on the store file
    `store` (default: a new one of its own, deleted afterwards).

    Waits at most SERVER_START_TIMEOUT_S for the health endpoint to answer "ok"; raises RuntimeError with the
    server's output if it does not, or if the server exits first.
    """
    if not (root / app).is_file():
        raise FileNotFoundError(f"{root / app} does not exist: nothing to serve")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable, "-m", "streamlit", "run", app,
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",  # nothing edits the files while we look; saves inotify watches
    ]  # fmt: skip
    # A store of its own, so the run starts from the sample data and never touches an analyst's stored waves; local
    # mode asked for, as `make run` does (the browser opens 127.0.0.1, which local mode accepts).
    with tempfile.TemporaryFile() as log, tempfile.TemporaryDirectory() as store_dir:
        env = {
            **os.environ,
            "EFFECTIVE_OFFICES_STORE": str(store or Path(store_dir) / "store.duckdb"),
            "EFFECTIVE_OFFICES_LOCAL_MODE": "1",
        }
        process = subprocess.Popen(
            command, cwd=root, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT
        )
        server = StreamlitServer(url, process, log)
        try:
            deadline = time.monotonic() + SERVER_START_TIMEOUT_S
            while not _healthy(url):
                if process.poll() is not None:
                    raise RuntimeError(f"streamlit exited with code {process.returncode}:\n{server.output()}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit not healthy after {SERVER_START_TIMEOUT_S}s:\n{server.output()}")
                time.sleep(0.25)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def chromium(playwright: Playwright) -> Iterator[Browser]:
    """Debian's headless Chromium, driven by Playwright."""
    if not CHROMIUM.exists():
        raise FileNotFoundError(f"{CHROMIUM} is missing: run scripts/ensure_browser.sh (or `make test`)")
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()


def slug(title: str) -> str:
    """File-name form of a page title: "Leaders and staff" -> "leaders-and-staff"."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "page"


def viewport_size(text: str) -> dict[str, int]:
    """`--viewport` text to a Playwright size: "1280x720" -> {"width": 1280, "height": 720}."""
    match = re.fullmatch(r"\s*(\d+)\s*[xX]\s*(\d+)\s*", text)
    if not match or not all(int(part) > 0 for part in match.groups()):
        raise argparse.ArgumentTypeError(f"not a size WxH: {text!r} (e.g. 1280x720)")
    return {"width": int(match[1]), "height": int(match[2])}


def wait_until_idle(page: Page, timeout_ms: int = RUN_TIMEOUT_MS) -> None:
    page.wait_for_function(_IDLE_JS, timeout=timeout_ms)


def _nav_links(page: Page) -> list[tuple[str, str]]:
    """(title, href) of every page in the sidebar navigation, in order."""
    if page.locator(EXPAND_SIDEBAR).is_visible():
        page.locator(EXPAND_SIDEBAR).click()
    if page.locator(NAV_MORE).is_visible() and "more" in page.locator(NAV_MORE).inner_text().lower():
        page.locator(NAV_MORE).click()
    links = page.locator(NAV_LINKS)
    found = []
    for i in range(links.count()):
        link = links.nth(i)
        label = link.locator("span[label]")
        title = label.first.get_attribute("label") if label.count() else link.inner_text()
        found.append(((title or "").strip(), link.get_attribute("href") or ""))
    return found


def _exception_text(exception: Locator) -> str:
    """An exception box as text: its message and the traceback lines, without the box's buttons."""
    parts = exception.locator('[data-testid="stExceptionMessage"], [data-testid="stExceptionTraceRow"]')
    lines = [text.strip() for text in parts.all_inner_texts()] or [exception.inner_text().strip()]
    return "\n".join(lines)


def _screenshot(page: Page, path: Path) -> None:
    """The whole page, sidebar and main area, at the page's viewport width."""
    path.parent.mkdir(parents=True, exist_ok=True)
    page.evaluate("() => document.fonts.ready.then(() => true)")
    viewport = page.viewport_size or VIEWPORT
    height = min(int(page.evaluate(_CONTENT_HEIGHT_JS)), MAX_SCREENSHOT_HEIGHT)
    if height > viewport["height"]:
        page.set_viewport_size({"width": viewport["width"], "height": height})
        page.wait_for_timeout(500)  # let the layout settle at the new height
    try:
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(viewport)


def visit_pages(
    page: Page,
    base_url: str,
    out_dir: Path | None = SCREENSHOTS,
    first_screen: bool = False,
    check: Callable[[Page], object] | None = None,
    titles: list[str] | None = None,
) -> list[PageVisit]:
    """Open the app, then click every sidebar navigation link (or only those titled `titles`) in turn and record
    what each page shows.

    Each page must finish running within RUN_TIMEOUT_MS, then draw every Vega chart within DRAW_TIMEOUT_MS. Saves
    `<out_dir>/<page-slug>.png` for each page (none when `out_dir` is None), and with `first_screen` also
    `<page-slug>-first-screen.png`: what a reader sees before scrolling decides whether they scroll. `check`, when
    given, looks at each drawn page before its screenshot; what it returns is kept as the visit's `checked`.
    Raises RuntimeError when the app has no sidebar navigation.
    """
    browser_errors: list[str] = []
    page.on("pageerror", lambda exc: browser_errors.append(str(exc)))
    page.goto(base_url)
    wait_until_idle(page)
    links = _nav_links(page)
    if not links:
        raise RuntimeError(f"no links in the sidebar navigation ({NAV_LINKS}) at {base_url}")

    visits = []
    for index, (title, href) in enumerate(links):
        if titles and title not in titles:
            continue
        visit = PageVisit(title=title, url=href, slug=slug(title))
        browser_errors.clear()
        try:
            page.locator(NAV_LINKS).nth(index).click()
            if href:
                page.wait_for_url(href, timeout=RUN_TIMEOUT_MS)
            try:  # catch the rerun starting; a very quick page may already be done
                page.wait_for_function(_BUSY_JS, timeout=2_000)
            except PlaywrightError:
                pass
            wait_until_idle(page)
            try:
                if title not in PAGES_WITHOUT_CHARTS:
                    page.wait_for_function(_CHARTS_DONE_JS, timeout=DRAW_TIMEOUT_MS)
            except PlaywrightError:
                pass  # reported below as "no chart drawn" (or by the exception the page shows)
            wait_until_idle(page)
            visit.charts_total, visit.charts = page.evaluate(_CHARTS_JS)
            visit.exceptions = [_exception_text(shown) for shown in page.locator(EXCEPTIONS).all()]
            if check is not None:
                visit.checked = check(page)
            if out_dir is not None and first_screen:  # before the full page, which grows the viewport and may scroll
                visit.first_screen = out_dir / f"{visit.slug}-first-screen.png"
                visit.first_screen.parent.mkdir(parents=True, exist_ok=True)
                page.evaluate("() => document.fonts.ready.then(() => true)")
                page.screenshot(path=str(visit.first_screen), full_page=False)
            if out_dir is not None:
                visit.screenshot = out_dir / f"{visit.slug}.png"
                _screenshot(page, visit.screenshot)
        except PlaywrightError as exc:
            visit.error = f"{type(exc).__name__}: {exc}".splitlines()[0]
        visit.browser_errors = list(browser_errors)
        visits.append(visit)
    return visits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SCREENSHOTS, help="folder for the PNGs (default: screenshots/)")
    parser.add_argument("--root", type=Path, default=ROOT, help="folder holding app.py (default: this repo)")
    parser.add_argument(
        "--viewport",
        type=viewport_size,
        action="append",
        metavar="WxH",
        help=f"browser window size; give it again for more sizes (default: {' and '.join(DEFAULT_VIEWPORTS)})",
    )
    parser.add_argument(
        "--page", action="append", metavar="TITLE", help="only this page, by its sidebar title; give it again for more"
    )
    args = parser.parse_args(argv)
    sizes = args.viewport or [viewport_size(text) for text in DEFAULT_VIEWPORTS]

    visits: list[tuple[str, PageVisit]] = []
    with streamlit_server(args.root.resolve()) as server, sync_playwright() as playwright:
        with chromium(playwright) as browser:
            for size in sizes:
                name = f"{size['width']}x{size['height']}"
                # A context of its own per size: a fresh session, so no size inherits another's filters.
                context = browser.new_context(viewport=size, device_scale_factor=1)
                try:
                    found = visit_pages(
                        context.new_page(), server.url, args.out / name, first_screen=True, titles=args.page
                    )
                finally:
                    context.close()
                visits += [(name, visit) for visit in found]
    for name, visit in visits:
        status = "ok" if not visit.problems else "PROBLEM: " + "; ".join(visit.problems)
        print(f"{name:<10} {visit.title:<24} {visit.charts} chart(s)  {visit.screenshot}  {status}")
    return 1 if any(visit.problems for _, visit in visits) else 0


if __name__ == "__main__":
    sys.exit(main())
