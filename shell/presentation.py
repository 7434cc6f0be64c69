"""Presentation mode: for a projector, the sidebar, header and download rows are hidden and the text is larger."""

from __future__ import annotations

import streamlit as st

DOWNLOADS_SUFFIX = "_chart_downloads"  # the key of every download row ends so; presentation mode hides them
PRESENT_KEY = "presentation_mode"
PRESENT_URL_NAME = "present"
PRESENT_FROM_URL_KEY = "presentation_read_from_url"
PRESENT_LEAVE_KEY = "presentation_leave"

# A projector shows the main area only: no sidebar, header, toolbar or download rows, and larger text.
PRESENTATION_CSS = f"""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stElementToolbar"], [class*="{DOWNLOADS_SUFFIX}"] {{ display: none !important; }}
html {{ font-size: 20px; }}
[data-testid="stMainBlockContainer"] {{ padding-top: 1rem; max-width: none; }}
</style>"""


def _leave_presentation() -> None:
    st.session_state[PRESENT_KEY] = False


def on() -> bool:
    """Whether presentation mode is on in this run (settled once `toggle` has run)."""
    return bool(st.session_state.get(PRESENT_KEY))


def toggle() -> None:
    """The sidebar's "Presentation mode" switch (also `?present=1` in a link). When on, the sidebar, header and
    download rows are hidden and the text is larger, and a button at the top of the page leaves the mode."""
    if not st.session_state.get(PRESENT_FROM_URL_KEY):
        st.session_state[PRESENT_FROM_URL_KEY] = True
        if st.query_params.get(PRESENT_URL_NAME) == "1":
            st.session_state[PRESENT_KEY] = True
    st.sidebar.toggle(
        "Presentation mode",
        key=PRESENT_KEY,
        help="For a projector: hides the sidebar and the download buttons and enlarges the text.",
    )
    if st.session_state[PRESENT_KEY]:
        st.html(PRESENTATION_CSS)
        st.button(
            "Leave presentation mode",
            key=PRESENT_LEAVE_KEY,
            on_click=_leave_presentation,
            type="tertiary",
            icon=":material/close_fullscreen:",
        )
        st.query_params[PRESENT_URL_NAME] = "1"
    elif PRESENT_URL_NAME in st.query_params:
        del st.query_params[PRESENT_URL_NAME]
