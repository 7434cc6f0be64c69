"""End-to-end, at a small laptop's size (1280x720) and an office monitor's (1440x900), on every page of the sample:
no chart or table is wider than its column, every chart is named by its description rather than "Vega
visualization", the keyboard reaches every control with nothing trapping it, and axe-core (installed by `make
axe`, part of `make test`) finds no WCAG 2.1 AA or best-practice violation in the app's own content.

One server and one visit of each page per size; every expander is opened first, so the tables of numbers in them
are measured and checked too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from scripts.screenshots import StreamlitServer, visit_pages

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"  # the Makefile's `axe` target
SIZES = ["1280x720", "1440x900"]
MAX_TABS = 600  # key presses to walk a page (the largest has a few hundred stops, a table's columns included)
MAX_HELD = 60  # Tab presses one element may keep focus: a table's grid steps through its columns before it lets go

# Violations in Streamlit's own markup that no page can change: (axe rule, what marks the element, why it stays).
FRAMEWORK = [
    (
        "presentation-role-conflict",
        'data-testid="stFileUploaderDropzone"',
        "st.file_uploader's drop zone is a <section role=presentation> that is also focusable and labelled; the "
        "button inside it, which the keyboard reaches, names the same action",
    ),
]

# Every element that would push past its column: a chart's drawing wider than its box, a table's own grid that
# scrolls sideways (its columns clipped), or either reaching past the main column's right edge. A data frame's
# outer box is not measured: its hidden toolbar hangs 9 px over its right edge on every table.
_OVERFLOW_JS = """() => {
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  const style = getComputedStyle(main);
  const right = main.getBoundingClientRect().right - parseFloat(style.paddingRight);
  const shown = e => e.getClientRects().length > 0 && e.getBoundingClientRect().width > 0;
  const label = e => {
    const expander = e.closest('[data-testid="stExpander"]');
    const heading = [...document.querySelectorAll('h1, h2, h3')].filter(
      h => h.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING).pop();
    const summary = expander && expander.querySelector('summary [data-testid="stMarkdownContainer"]');
    return (summary ? `in "${summary.innerText.trim()}" ` : '')
      + `under "${heading ? heading.innerText.trim() : ''}"`;
  };
  const found = [];
  const check = (kind, box, inner) => {
    if (!shown(box)) return;
    if (box.scrollWidth > box.clientWidth + 1)
      found.push(`${kind} ${label(box)}: ${box.scrollWidth} px wide in a ${box.clientWidth} px box`);
    for (const part of [box, ...inner]) {
      const edge = part.getBoundingClientRect().right;
      if (edge > right + 1) {
        found.push(`${kind} ${label(box)}: reaches ${Math.round(edge)} px, past the column's ${Math.round(right)} px`);
        break;
      }
    }
  };
  for (const chart of document.querySelectorAll('[data-testid="stVegaLiteChart"]'))
    check('chart', chart, chart.querySelectorAll('svg, canvas'));
  for (const table of document.querySelectorAll('[data-testid="stDataFrame"]')) {
    const grid = table.querySelector('.dvn-scroller');
    if (grid) check('table', grid, [table.querySelector('[data-testid="stDataFrameResizable"]')].filter(Boolean));
  }
  for (const table of document.querySelectorAll('[data-testid="stTable"]')) check('table', table, []);
  return found;
}"""

_CHART_NAMES_JS = """() => [...document.querySelectorAll('.vega-embed')].map(e => e.getAttribute('aria-label') || '')"""

_AXE_JS = """() => axe.run(document, {resultTypes: ['violations']}).then(result => result.violations.map(v => ({
  id: v.id, help: v.help,
  nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html, why: n.failureSummary}))})))"""

# The controls a reader can reach by keyboard in the main area (visible, enabled, in the tab order), each marked so
# that the Tab walk can tell them apart.
_CONTROLS_JS = """() => {
  const controls = [...document.querySelectorAll('[data-testid="stMain"] *')]
    .filter(e => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length > 0)
    .filter(e => !e.closest('[aria-hidden="true"], [inert]') && getComputedStyle(e).visibility !== 'hidden')
    .filter(e => !e.closest('[data-testid="data-grid-canvas"] table'));  // a grid's hidden copy for screen readers
  controls.forEach((e, i) => e.setAttribute('data-a11y-control', String(i)));
  return controls.map(e => `${e.tagName.toLowerCase()} "${(e.getAttribute('aria-label') || e.innerText || '').trim()
    .slice(0, 60)}"`);
}"""
# The control that has focus (its mark, or its tag when unmarked), and whether it is the one that had it before.
_FOCUSED_JS = """() => {
  const e = document.activeElement;
  const same = e === window.__a11yLastFocused;
  window.__a11yLastFocused = e;
  const marked = e && e.closest('[data-a11y-control]');
  return [marked ? Number(marked.getAttribute('data-a11y-control')) : (e ? e.tagName : null), same];
}"""


def framework_reason(rule: str, html: str) -> str | None:
    """Why a violation is Streamlit's own and left alone, or None when it is the app's."""
    for known_rule, marker, reason in FRAMEWORK:
        if rule == known_rule and marker in html:
            return reason
    return None


def keyboard_problems(page: Page) -> list[str]:
    """Tab from the top of the page until focus comes back round: every control in the main area must take focus,
    and focus must keep moving (a custom widget that holds it would stop the walk)."""
    controls = page.evaluate(_CONTROLS_JS)
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    reached: set[int] = set()
    held = 0
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused, same = page.evaluate(_FOCUSED_JS)
        held = held + 1 if same else 0
        if held > MAX_HELD:
            where = controls[focused] if isinstance(focused, int) else focused
            return [f"focus stays on {where}: Tab does not move it on"]
        if isinstance(focused, int):
            reached.add(focused)
        if len(reached) == len(controls):
            break
    return [f"the keyboard never reaches {controls[i]}" for i in range(len(controls)) if i not in reached]


def look(page: Page, keyboard: bool) -> dict[str, list]:
    """Everything this module checks on one drawn page (the Tab walk, slow and the same at any size, when asked)."""
    closed = page.locator('[data-testid="stMain"] [data-testid="stExpander"] details:not([open]) > summary')
    for _ in range(closed.count()):  # one at a time: each click changes which are closed
        closed.first.click()
    page.wait_for_timeout(500)  # the opened tables draw
    page.add_script_tag(path=str(AXE))
    return {
        "overflow": page.evaluate(_OVERFLOW_JS),
        "chart_names": page.evaluate(_CHART_NAMES_JS),
        "axe": page.evaluate(_AXE_JS),
        "keyboard": keyboard_problems(page) if keyboard else [],
    }


@pytest.fixture(scope="module", params=SIZES)
def visits(request, app_server: StreamlitServer, browser: Browser) -> list:
    """Every page of the app at one size, each looked at by `look`."""
    assert AXE.is_file(), f"axe-core is missing at {AXE}: run `make axe` (part of `make test`), which needs npm"
    width, height = map(int, request.param.split("x"))
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
    try:
        check = lambda page: look(page, keyboard=request.param == SIZES[0])  # noqa: E731
        found = visit_pages(context.new_page(), app_server.url, out_dir=None, check=check)
    finally:
        context.close()
    problems = [f"{visit.title}: {problem}" for visit in found for problem in visit.problems]
    assert not problems, "\n".join(problems)
    assert len(found) >= 17 and all(visit.checked for visit in found)
    return found


def test_no_chart_is_wider_than_its_column(visits) -> None:
    overflows = [
        f"{v.title}: {problem}" for v in visits for problem in v.checked["overflow"] if problem.startswith("chart")
    ]
    assert not overflows, "\n".join(overflows)


def test_no_table_is_wider_than_its_column(visits) -> None:
    """Issue 22: every table of numbers fits its column at 1280 and 1440 (its columns given widths, its long text
    wrapped, a grid of units by domains listed a row per unit and domain); none scrolls sideways."""
    tables = [
        f"{v.title}: {problem}" for v in visits for problem in v.checked["overflow"] if problem.startswith("table")
    ]
    assert not tables, "\n".join(tables)


def test_every_chart_is_named_by_its_description(visits) -> None:
    names = [(visit.title, name) for visit in visits for name in visit.checked["chart_names"]]
    assert len(names) >= 15  # the sample's pages draw about twenty charts
    unnamed = [f"{title}: {name!r}" for title, name in names if not name or name == "Vega visualization"]
    assert not unnamed, "\n".join(unnamed)


def test_the_keyboard_reaches_every_control(visits) -> None:
    problems = [f"{visit.title}: {problem}" for visit in visits for problem in visit.checked["keyboard"]]
    assert not problems, "\n".join(problems)


def test_axe_finds_no_violation_in_the_apps_own_content(visits) -> None:
    found = []
    for visit in visits:
        for violation in visit.checked["axe"]:
            for node in violation["nodes"]:
                if framework_reason(violation["id"], node["html"]) is None:
                    found.append(
                        f"{visit.title}: {violation['id']} ({violation['help']}) at {node['target']}: "
                        + node["html"][:200]
                    )
    assert not found, "\n".join(found)
