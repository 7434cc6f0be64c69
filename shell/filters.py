"""The four filters every page shares (wave, agency, unit, role level): in the sidebar, in the URL, and as the view
they choose. A page asks for `shown_view()` and reads its tables; the words for a refused view are here.
"""

from __future__ import annotations

import streamlit as st

import metrics
import views
from shell import access as access_shell
from shell import data, presentation
from shell.text import plain

ALL_AGENCIES = "All agencies"
ALL_UNITS = "All units"
ALL_ROLES = "All roles"
ROLE_OPTIONS = (ALL_ROLES, *metrics.ROLE_LEVELS, metrics.NOT_REPORTED)

# Session-state keys of the shared filters (one set for every page).
WAVE_KEY = "filter_wave"
AGENCY_KEY = "filter_agency"
UNIT_KEY = "filter_unit"
ROLE_KEY = "filter_role"
URL_NAMES = {WAVE_KEY: "wave", AGENCY_KEY: "agency", UNIT_KEY: "unit", ROLE_KEY: "role"}
FROM_URL_KEY = "filters_read_from_url"
SHOW_WAVE_KEY = "filters_show_wave"  # set by `show_wave`, read before the sidebar's wave box is drawn


def role_label(role: str) -> str:
    return role if role in (ALL_ROLES, metrics.NOT_REPORTED) else role.capitalize()


def _keep_valid(key: str, options: list[str], default: str) -> None:
    """A filter whose value is no longer offered (another wave or agency) falls back to its default."""
    if st.session_state.get(key) not in options:
        st.session_state[key] = default


def sidebar_filters() -> None:
    """The four shared filters, in the sidebar; their values live in session state under `filter_*` keys and
    in the URL, so a link reopens exactly this view."""
    wave_options = data.waves()
    if not wave_options:
        return
    _filters_from_url()
    if SHOW_WAVE_KEY in st.session_state:  # a wave just saved: the pages open on it
        st.session_state[WAVE_KEY] = st.session_state.pop(SHOW_WAVE_KEY)
    _keep_valid(WAVE_KEY, wave_options, wave_options[-1])
    st.sidebar.selectbox("Survey wave", wave_options, key=WAVE_KEY)
    census = data.survey().census(st.session_state[WAVE_KEY])
    agency_options = [ALL_AGENCIES, *access_shell.visible_agencies(census.values("agency"))]
    _keep_valid(AGENCY_KEY, agency_options, ALL_AGENCIES)
    st.sidebar.selectbox("Agency", agency_options, key=AGENCY_KEY)
    chosen_agency = none(st.session_state[AGENCY_KEY])
    unit_options = [ALL_UNITS]
    if chosen_agency is not None or access_shell.person().agencies is None:  # a scoped reader: units of theirs only
        unit_options += census.values("unit", agency=chosen_agency)
    _keep_valid(UNIT_KEY, unit_options, ALL_UNITS)
    st.sidebar.selectbox("Unit", unit_options, key=UNIT_KEY)
    _keep_valid(ROLE_KEY, list(ROLE_OPTIONS), ALL_ROLES)
    st.sidebar.selectbox("Role level", ROLE_OPTIONS, key=ROLE_KEY, format_func=role_label)
    st.sidebar.caption(
        f"Groups of fewer than {data.min_n()} people are never shown, and neither is anything that would let a "
        "reader work out their answers."
    )
    presentation.toggle()
    _filters_to_url(default_wave=wave_options[-1])


def show_wave(wave: str) -> None:
    """Open every page on `wave` from the next run on (the sidebar's box cannot change once drawn in this run)."""
    st.session_state[SHOW_WAVE_KEY] = wave


def _filters_from_url() -> None:
    """On a session's first run, the filters a shared link names become the filters' values (a value that is
    not an option is dropped by `_keep_valid`)."""
    if st.session_state.get(FROM_URL_KEY):
        return
    st.session_state[FROM_URL_KEY] = True
    for key, name in URL_NAMES.items():
        if name in st.query_params:
            st.session_state[key] = st.query_params[name]


def _filters_to_url(default_wave: str) -> None:
    """The filters that differ from their defaults, in the URL (the page is already in its path)."""
    defaults = {WAVE_KEY: default_wave, AGENCY_KEY: ALL_AGENCIES, UNIT_KEY: ALL_UNITS, ROLE_KEY: ALL_ROLES}
    for key, name in URL_NAMES.items():
        value = st.session_state.get(key)
        if value is not None and value != defaults[key]:
            st.query_params[name] = value
        elif name in st.query_params:
            del st.query_params[name]


def none(value: str | None) -> str | None:
    """A filter's value as a view takes it: None for "all"."""
    return None if value in (ALL_AGENCIES, ALL_UNITS, ALL_ROLES) else value


def current_filters() -> views.Filters:
    """The filters' current values (the latest wave and everyone until a reader chooses); a reader the access
    gate did not let in stops here."""
    access_shell.require("viewer")
    wave = st.session_state.get(WAVE_KEY) or data.waves()[-1]
    agency = none(st.session_state.get(AGENCY_KEY, ALL_AGENCIES))
    unit = none(st.session_state.get(UNIT_KEY, ALL_UNITS))
    role = none(st.session_state.get(ROLE_KEY, ALL_ROLES))
    return views.Filters(wave, agency, unit, role)


def current_view() -> views.View:
    """The view the filters choose (refused or not: see `View.refusal`)."""
    return data.survey().view(current_filters())


def describe(filters: views.Filters) -> str:
    """The view in words, as the caption under every page title (Markdown: names from files are escaped)."""
    role = role_label(filters.role) if filters.role else ALL_ROLES
    return plain(" · ".join([filters.wave, filters.agency or ALL_AGENCIES, filters.unit or ALL_UNITS, role]))


def refusal_sentences(n: int) -> dict[str, str]:
    """The sentence a page shows for each reason `metrics.view_refusal` gives, with the minimum group size n."""
    return {
        metrics.EMPTY: "No responses match these filters. Choose another wave, agency, unit or role level.",
        metrics.TOO_SMALL: (
            f"Not enough responses to report: this selection has fewer than {n} people. Widen a filter to see results."
        ),
        metrics.PROTECTS_SMALL_GROUP: (
            "This selection is hidden to protect a small group: comparing it with a wider selection would reveal the "
            f"answers of fewer than {n} people. Widen or change a filter."
        ),
    }


def refusal_sentence(view: views.View) -> str:
    """Why the view cannot be shown, in one sentence ("" when it can)."""
    return refusal_sentences(view.min_n).get(view.refusal, "")


def comment_refusal_sentences(n: int, comment_n: int) -> dict[str, str]:
    """The sentence the Comments page shows for each reason `metrics.comment_view_refusal` gives."""
    return {
        **refusal_sentences(n),
        metrics.TOO_FEW_COMMENTS: (
            f"Fewer than {comment_n} people in this selection wrote a comment, so no comment is shown. Widen a filter "
            "to read comments."
        ),
        metrics.PROTECTS_SMALL_GROUP: (
            "Comments are hidden for this selection: set beside a wider selection they would reveal what fewer than "
            f"{comment_n} people wrote. Widen or change a filter."
        ),
    }


def shown_view() -> views.View:
    """The current view, after saying which it is and, when it cannot be shown, why (the page stops there)."""
    view = current_view()
    st.caption(describe(view.filters))
    if view.refusal:
        st.info(refusal_sentence(view))
        st.stop()
    return view


NO_ROLES_ASKED = (
    "This wave's survey did not ask people's role (executive, manager, staff or support), so its leaders cannot be "
    "compared with its staff, and shared influence, which counts staff apart from leaders, cannot be worked out."
)
