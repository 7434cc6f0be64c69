"""Issue 22: tables ran off the page sideways at 1280×720 (Comments' themes by group, Items' numbers, the Audit log).
Each now shows fewer, narrower columns with a width each, wrapping its long text, so together they fit the
narrowest column they sit in; what they left out is a download or another page away."""

from __future__ import annotations

import json
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
# The page's column at 1280×720, measured in Chromium (scripts/screenshots.py): 789 px, and 753 px inside an
# expander. A table whose columns add up to more scrolls sideways, its last columns out of sight.
COLUMN_PX = {"page": 789, "expander": 753}
WRAPPING_ROW_PX = 64  # Streamlit wraps a cell's text only in rows taller than this (4rem)
MOST = "Most mentioned (share of people who commented)"
SEA = "State Office of Early Learning"


def app_on(page: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown_columns(element) -> dict[str, int | None]:
    """The columns a dataframe shows on screen (its column order, else every column not hidden), with the width each
    was given (None: sized to its content, which for long text runs off the page)."""
    config = json.loads(element.proto.columns or "{}")
    names = list(element.proto.column_order) or list(element.value.columns)
    names = [name for name in names if not config.get(name, {}).get("hidden")]
    return {name: config.get(name, {}).get("width") for name in names}


def assert_fits(element, where: str) -> None:
    widths = shown_columns(element)
    assert None not in widths.values(), widths
    assert sum(widths.values()) <= COLUMN_PX[where], widths
    assert element.proto.row_height > WRAPPING_ROW_PX  # long text wraps inside its column


def test_comment_themes_by_group_name_each_groups_three_most_mentioned_themes():
    at = app_on("app_pages/comments.py")
    table = next(d for d in at.dataframe if "Agency" in d.value.columns)
    assert list(table.value.columns) == ["Agency", "People who commented", MOST]  # was a grid: one column an agency
    assert_fits(table, "page")
    assert [b.proto.label for b in at.get("download_button")].count("Every theme by group (CSV)") == 1
    first = table.value.iloc[0]
    named = re.findall(r"(.+?) (\d+\.\d)\u00a0%(?:; |$)", first[MOST])
    assert len(named) == 3
    # the agency's own view (its numbers behind the theme chart) agrees: these are its three highest shares
    next(box for box in at.sidebar.selectbox if box.label == "Agency").select(first["Agency"]).run()
    assert not at.exception
    own = next(d.value for d in at.dataframe if "Share of people who commented (%)" in d.value.columns)
    own = own.assign(share=own["Share of people who commented (%)"].astype(float))
    highest = own.sort_values("share", ascending=False, kind="stable").head(3)
    assert [(name, float(share)) for name, share in named] == list(
        zip(highest["Domain"], highest["share"], strict=True)
    )


def test_item_numbers_show_the_columns_a_reader_compares_within_the_page():
    at = app_on("app_pages/items.py")
    next(box for box in at.sidebar.selectbox if box.label == "Agency").select(SEA).run()  # with its wider group
    assert not at.exception
    for table in at.dataframe:
        assert list(shown_columns(table)) == [
            "Item", "% favourable", "% favourable, all agencies", "% unfavourable", "Responses"
        ]  # fmt: skip
        assert_fits(table, "expander")


def test_the_audit_log_fits_and_says_its_details_in_words():
    at = app_on("app_pages/audit.py")
    table = at.dataframe[0]
    assert list(table.value.columns) == ["When (UTC)", "Who", "What", "Wave · file", "Details"]
    assert_fits(table, "page")
    log = table.value
    assert log["When (UTC)"].str.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d").all()  # no seconds, no "+00:00"
    # the store keeps {"plan_id": "P0001", "version": 1} for the sample's first plan
    assert "plan id P0001 · version 1" in set(log["Details"])
    assert "2025 Spring · responses.xlsx" in set(log["Wave · file"])
    assert not log.isin(["None", "nan"]).any().any()


# Issue 22, the numbers behind the charts: each table below scrolled sideways at 1280×720 (from 761 to 2,526 px in
# a 753 px expander). Each now gives every column it shows a width, and together they fit; a table whose text is
# longer than its column wraps it in taller rows.
EXPANDER_TABLES = [
    ("app_pages/overview.py", "Numbers behind: Domain scores"),
    ("app_pages/domains.py", "Numbers behind: How people answered"),
    ("app_pages/units.py", "Numbers behind: Domain scores by unit"),
    ("app_pages/leaders_staff.py", "Numbers behind: Leaders and staff by domain"),
    ("app_pages/collective.py", "Numbers behind: Leader–staff gap by unit"),
    ("app_pages/collective.py", "Numbers behind: Shared influence"),
    ("app_pages/collective.py", "Numbers behind: Agreement within each unit"),
    ("app_pages/trends.py", "Numbers behind: Change between two waves"),
    ("app_pages/comments.py", "The keywords of each theme"),
    ("app_pages/comments.py", "Every matching comment"),
    ("app_pages/priorities.py", "Every candidate, with its numbers"),
]


def expander_table(at: AppTest, label: str):
    (expander,) = [e for e in at.expander if e.label.startswith(label)]
    (table,) = expander.dataframe
    return table


def test_every_table_of_numbers_fits_its_expander():
    pages = {}
    for page, label in EXPANDER_TABLES:
        at = pages.get(page) or pages.setdefault(page, app_on(page))
        widths = shown_columns(expander_table(at, label))
        assert None not in widths.values(), (label, widths)
        assert sum(widths.values()) <= COLUMN_PX["expander"], (label, widths)


def test_units_list_each_unit_and_domain_in_a_row_beside_the_grid():
    at = app_on("app_pages/units.py")
    table = expander_table(at, "Numbers behind: Domain scores by unit")
    assert list(shown_columns(table)) == ["Agency", "Unit", "Domain", "Score (0–100)", "Tier", "Responses"]
    rows = table.value
    # the sample has 31 units (agency and unit) and 10 domains: one row each, where the grid had a column a domain
    assert rows[["Agency", "Unit"]].drop_duplicates().shape[0] == 31
    assert len(rows) == 31 * 10
    assert not rows.duplicated(["Agency", "Unit", "Domain"]).any()
    assert table.proto.row_height > WRAPPING_ROW_PX  # long agency, unit and domain names wrap


def test_tables_leave_out_only_what_a_leader_finds_elsewhere():
    at = app_on("app_pages/collective.py")
    gaps = expander_table(at, "Numbers behind: Leader–staff gap by unit")
    assert list(shown_columns(gaps)) == [
        "Agency", "Unit", "Domain", "Leaders (0–100)", "Staff (0–100)", "Gap (leaders minus staff)", "Reading"
    ]  # fmt: skip
    # a hidden cell still says why, in the columns shown
    assert gaps.value["Gap (leaders minus staff)"].eq("not enough responses to report").any()
    at = app_on("app_pages/priorities.py")
    candidates = expander_table(at, "Every candidate, with its numbers")
    assert list(shown_columns(candidates)) == ["Rank", "Focus", "Unit", "Why", "Evidence"]
