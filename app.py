"""Effective Offices: how effective an office of early learning is, from its staff survey.

Entry point (`streamlit run app.py`): page config, who is reading (sign-in or local mode), the pages their role
may use, and the filters every page shares.
"""

from pathlib import Path

import streamlit as st

from shell import access as access_shell
from shell import data, filters
from shell.text import plain

PAGES = Path(__file__).resolve().parent / "app_pages"

st.set_page_config(page_title="Effective Offices", page_icon=":material/insights:", layout="wide")

reader = access_shell.gate()
# The pages live in app_pages/, not pages/: Streamlit treats a folder named `pages/` beside this script as its old
# automatic navigation until `st.navigation` first runs in the process, so the first visit to a fresh server through
# a deep link showed "Page not found" (or ran a page file past this script). Each url_path is a reader's word for
# the page; shared links use them.
navigation = st.navigation(
    [
        st.Page(PAGES / "overview.py", title="Overview", icon=":material/dashboard:", url_path="home", default=True),
        st.Page(PAGES / "domains.py", title="Domains", icon=":material/view_list:", url_path="domain-answers"),
        st.Page(PAGES / "items.py", title="Items", icon=":material/format_list_numbered:", url_path="item-drilldown"),
        st.Page(PAGES / "units.py", title="Units", icon=":material/grid_on:", url_path="unit-scores"),
        st.Page(
            PAGES / "leaders_staff.py",
            title="Leaders and staff",
            icon=":material/compare_arrows:",
            url_path="leaders-and-staff",
        ),
        st.Page(
            PAGES / "collective.py",
            title="Collective leadership",
            icon=":material/groups:",
            url_path="shared-leadership",
        ),
        st.Page(PAGES / "trends.py", title="Trends", icon=":material/trending_up:", url_path="change-over-time"),
        st.Page(PAGES / "comments.py", title="Comments", icon=":material/forum:", url_path="what-staff-said"),
        st.Page(PAGES / "priorities.py", title="Priorities", icon=":material/flag:", url_path="focus-areas"),
        st.Page(PAGES / "plans.py", title="Action plans", icon=":material/task_alt:", url_path="action-plans"),
        st.Page(
            PAGES / "response_rates.py",
            title="Response rates",
            icon=":material/how_to_reg:",
            url_path="response-rate",
        ),
        st.Page(PAGES / "board_pack.py", title="Board pack", icon=":material/slideshow:", url_path="board-files"),
        st.Page(PAGES / "methods.py", title="Methods", icon=":material/menu_book:", url_path="how-it-works"),
        *(
            [
                st.Page(PAGES / "upload.py", title="Upload", icon=":material/upload_file:", url_path="upload-wave"),
                st.Page(
                    PAGES / "instrument.py", title="Instrument", icon=":material/quiz:", url_path="survey-instrument"
                ),
            ]
            if reader.may("analyst")
            else []
        ),
        *(
            [
                st.Page(PAGES / "audit.py", title="Audit log", icon=":material/history:", url_path="audit-log"),
                st.Page(PAGES / "settings.py", title="Settings", icon=":material/settings:", url_path="admin-settings"),
            ]
            if reader.may("admin")
            else []
        ),
    ],
    expanded=True,  # every page listed: a leader should not hunt behind "View more" for Board pack
)

try:
    data.begin_run()  # the store's version, read once for this run
    data.survey()
except (OSError, ValueError) as error:
    st.error(f"The survey data could not be read, so there is nothing to show yet. ({plain(error)})")
    st.stop()

with st.sidebar:
    st.markdown("### Filters")
filters.sidebar_filters()
access_shell.banner(reader)  # after the filters: presentation mode, which hides it, is settled there
navigation.run()
