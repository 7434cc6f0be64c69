"""The shared shell of every page: the survey data, the sidebar filters, and the indicator tables of the
scope a reader chose, each cached by plain filter values.

Not a page itself (app.py does not declare it). Pages call `current_scope()` and the table functions below;
they never compute an indicator or read a file themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

import metrics
import plans
from ingest import read_canonical_comments, read_canonical_responses, read_roster
from pages import access as access_shell
from reports import images
from store import Store, default_path, open_store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_RESPONSES = ROOT / "data" / "sample" / "responses.xlsx"
SAMPLE_ROSTER = ROOT / "data" / "sample" / "roster.xlsx"
SAMPLE_PLANS = ROOT / "data" / "sample" / "plans.csv"
SAMPLE_COMMENTS = ROOT / "data" / "sample" / "comments.csv"
SAMPLE_TERMS = ROOT / "data" / "sample" / "redaction_terms.txt"

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


@st.cache_resource(show_spinner="Opening the survey store…")
def _store(path: str) -> Store:
    """The store at `path`; on its very first start it is given the sample waves, so no page opens empty."""
    opened = open_store(path)
    opened.ensure_sample(
        SAMPLE_RESPONSES,
        SAMPLE_ROSTER,
        read_responses=read_canonical_responses,
        read_roster=read_roster,
        instrument_name=_default_instrument().name,  # not instrument(): its settings need this store
        plans=_sample_plans(),
        **_sample_comments(),
    )
    return opened


def _sample_plans() -> list[dict]:
    """The sample's action plans (data/sample/plans.csv), as the store keeps them."""
    found, problems = plans.read_plans(SAMPLE_PLANS.read_bytes(), SAMPLE_PLANS.name, _default_instrument())
    if problems:
        raise ValueError(f"The sample plans could not be read: {problems[0]}")
    return [plans.to_record(plan) for plan in found]


def _sample_comments() -> dict:
    """The sample's comments, redacted with the sample's list of names as an upload would be, with the notes that
    say how many details were removed and the list itself (ensure_sample's keyword arguments)."""
    terms = [line.strip() for line in SAMPLE_TERMS.read_text(encoding="utf-8").splitlines() if line.strip()]
    comments, notes = read_canonical_comments(SAMPLE_COMMENTS, terms)
    return {"comments": comments, "wave_notes": notes, "redaction_terms": terms}


def store() -> Store:
    """The configured store (EFFECTIVE_OFFICES_STORE, or the git-ignored data/store/ folder)."""
    return _store(str(default_path()))


Version = tuple[str, int]  # (the store's path, its write counter)


def version() -> Version:
    """The store's path and a counter that grows with every write to it. Every cached table below is keyed on
    it, so a save shows at once, and two stores in one process (tests) never share a cached table."""
    path = str(default_path())
    return (path, _store(path).version)


@st.cache_data(show_spinner="Loading the survey…")
def _responses(version: Version) -> pd.DataFrame:
    return _store(version[0]).responses()


def responses() -> pd.DataFrame:
    """Every stored wave, in the canonical layout."""
    return _responses(version())


@st.cache_resource
def _default_instrument() -> metrics.Instrument:
    """The default instrument (immutable, so shared rather than copied)."""
    return metrics.load_instrument()


@st.cache_data(show_spinner=False)
def _settings(version: Version) -> dict[str, float | int]:
    """The admin's settings (store.settings): minimum group size, caution line, tier cut points."""
    return _store(version[0]).settings()


def settings() -> dict[str, float | int]:
    return _settings(version())


def _min_n(version: Version) -> int:
    return int(_settings(version)["min_n"])


def min_n() -> int:
    """The minimum group size of indicators §7 every page applies (an admin setting, 5 unless changed)."""
    return _min_n(version())


def instrument() -> metrics.Instrument:
    """The default instrument, with the tier cut points of the settings."""
    chosen = settings()
    tiers = metrics.Tiers(chosen["tier_strength"], chosen["tier_developing"], chosen["tier_emerging"])
    default = _default_instrument()
    return default if tiers == default.tiers else replace(default, tiers=tiers)


def _choices(version: Version, column: str, **filters: str | None) -> list[str]:
    labels = metrics.scope_rows(_responses(version), **filters)[column]
    return sorted(labels.fillna(metrics.NOT_REPORTED).astype(str).unique())


@st.cache_data(show_spinner=False)
def _waves(version: Version) -> list[str]:
    return _choices(version, "wave")


def waves() -> list[str]:
    """Wave labels, oldest first (sorted as text: "2024 Spring" < "2025 Spring")."""
    return _waves(version())


@st.cache_data(show_spinner=False)
def agencies(version: Version, wave: str) -> list[str]:
    return _choices(version, "agency", wave=wave)


@st.cache_data(show_spinner=False)
def units(version: Version, wave: str, agency: str | None) -> list[str]:
    return _choices(version, "unit", wave=wave, agency=agency)


def _role_label(role: str) -> str:
    return role if role in (ALL_ROLES, metrics.NOT_REPORTED) else role.capitalize()


def _keep_valid(key: str, options: list[str], default: str) -> None:
    """A filter whose value is no longer offered (another wave or agency) falls back to its default."""
    if st.session_state.get(key) not in options:
        st.session_state[key] = default


def sidebar_filters() -> None:
    """The four shared filters, in the sidebar; their values live in session state under `filter_*` keys and
    in the URL, so a link reopens exactly this view."""
    wave_options = waves()
    if not wave_options:
        return
    _filters_from_url()
    _keep_valid(WAVE_KEY, wave_options, wave_options[-1])
    st.sidebar.selectbox("Survey wave", wave_options, key=WAVE_KEY)
    agency_options = [ALL_AGENCIES, *access_shell.visible_agencies(agencies(version(), st.session_state[WAVE_KEY]))]
    _keep_valid(AGENCY_KEY, agency_options, ALL_AGENCIES)
    st.sidebar.selectbox("Agency", agency_options, key=AGENCY_KEY)
    chosen_agency = _none(st.session_state[AGENCY_KEY])
    unit_options = [ALL_UNITS]
    if chosen_agency is not None or access_shell.person().agencies is None:  # a scoped reader: units of theirs only
        unit_options += units(version(), st.session_state[WAVE_KEY], chosen_agency)
    _keep_valid(UNIT_KEY, unit_options, ALL_UNITS)
    st.sidebar.selectbox("Unit", unit_options, key=UNIT_KEY)
    _keep_valid(ROLE_KEY, list(ROLE_OPTIONS), ALL_ROLES)
    st.sidebar.selectbox("Role level", ROLE_OPTIONS, key=ROLE_KEY, format_func=_role_label)
    st.sidebar.caption(
        f"Groups of fewer than {min_n()} people are never shown, and neither is anything that would let a reader "
        "work out their answers."
    )
    presentation_toggle()
    _filters_to_url(default_wave=wave_options[-1])


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


def _none(value: str | None) -> str | None:
    """A filter's value as `metrics.scope_rows` takes it: None for "all"."""
    return None if value in (ALL_AGENCIES, ALL_UNITS, ALL_ROLES) else value


@dataclass(frozen=True)
class Scope:
    """The rows a reader chose, as plain values (None = all), and why the view cannot be shown, if it cannot."""

    version: Version
    wave: str
    agency: str | None
    unit: str | None
    role: str | None
    refusal: str = ""

    @property
    def key(self) -> tuple[int, str, str | None, str | None, str | None]:
        """The arguments of every table function below: the store version, then the filters."""
        return (self.version, self.wave, self.agency, self.unit, self.role)

    def describe(self) -> str:
        return " · ".join(
            [
                self.wave,
                self.agency or ALL_AGENCIES,
                self.unit or ALL_UNITS,
                _role_label(self.role) if self.role else ALL_ROLES,
            ]
        )


@st.cache_data(show_spinner=False)
def rows(version: Version, wave: str, agency: str | None, unit: str | None, role: str | None) -> pd.DataFrame:
    return metrics.scope_rows(_responses(version), wave=wave, agency=agency, unit=unit, role_level=role)


# Comments (docs/comments.md): their own minimum, themes from the lexicon, and the texts a view may show.


@st.cache_data(show_spinner=False)
def _comments(version: Version) -> pd.DataFrame:
    return _store(version[0]).comments()


def _comment_min_n(version: Version) -> int:
    return int(_settings(version)["comment_min_n"])


def comment_min_n() -> int:
    """How many people of a group must have commented before its comments show (an admin setting, ≥ min_n)."""
    return _comment_min_n(version())


@st.cache_data(show_spinner=False)
def _lexicon(version: Version) -> pd.DataFrame:
    saved = _store(version[0]).lexicon()
    return metrics.check_lexicon(metrics.load_lexicon() if saved is None else saved, _default_instrument())


def lexicon() -> pd.DataFrame:
    """The theme keywords of each domain: the agency's own when an admin saved them, else the default's."""
    return _lexicon(version())


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


@st.cache_data(show_spinner=False)
def comment_refusal(version: Version, wave: str, agency: str | None, unit: str | None, role: str | None) -> str:
    """Why the view may show no comment, in one sentence ("" when it may)."""
    n, comment_n = _min_n(version), _comment_min_n(version)
    reason = metrics.comment_view_refusal(
        _responses(version), _comments(version), wave, agency, unit, role, n, comment_n
    )
    return comment_refusal_sentences(n, comment_n).get(reason, "")


@st.cache_data(show_spinner=False)
def comment_count_table(version, wave, agency, unit, role, by: tuple[str, ...] = ()) -> pd.DataFrame:
    return metrics.comment_counts(
        rows(version, wave, agency, unit, role),
        _comments(version),
        by=by,
        min_n=_min_n(version),
        comment_min_n=_comment_min_n(version),
        hide_groups=refused_groups(version, wave, agency, unit, role, by),
    )


@st.cache_data(show_spinner=False)
def comment_theme_table(version, wave, agency, unit, role, by: tuple[str, ...] = ()) -> pd.DataFrame:
    return metrics.comment_themes(
        rows(version, wave, agency, unit, role),
        _comments(version),
        _lexicon(version),
        by=by,
        min_n=_min_n(version),
        comment_min_n=_comment_min_n(version),
        hide_groups=refused_groups(version, wave, agency, unit, role, by),
    )


@st.cache_data(show_spinner="Reading the comments…")
def shown_comment_table(version, wave, agency, unit, role) -> pd.DataFrame:
    """The comments the view may show (question, text) and `themes`, the domain codes each one mentions."""
    shown = metrics.shown_comments(
        _responses(version), _comments(version), wave, agency, unit, role, _min_n(version), _comment_min_n(version)
    )
    coded = metrics.code_themes(shown["text"], _lexicon(version))
    codes = coded.columns.to_numpy()
    return shown.assign(themes=[tuple(codes[flags]) for flags in coded.to_numpy(dtype=bool)])


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


@st.cache_resource(show_spinner=False, max_entries=64)
def census(version: Version, wave: str) -> metrics.Census:
    """One wave's counts by agency, unit and role (`metrics.Census`), shared by every session: every refusal of
    the wave's views, and of a breakdown's groups, is worked out from it once."""
    return metrics.census(_responses(version), wave)


@st.cache_data(show_spinner=False)
def refusal(version: Version, wave: str, agency: str | None, unit: str | None, role: str | None) -> str:
    """Why the view cannot be shown, in one sentence ("" when it can): §7.1 and §7.4 (`metrics.view_refusal`)."""
    n = _min_n(version)
    return refusal_sentences(n).get(census(version, wave).refusal(agency, unit, role, n), "")


@st.cache_data(show_spinner=False)
def refused_groups(version, wave, agency, unit, role, by: tuple[str, ...]) -> pd.DataFrame | None:
    """The groups of the view's breakdown by `by` whose own view is refused, to be hidden whole (§7.4, last
    paragraph); None without a breakdown."""
    if not by:
        return None
    return metrics.refused_groups(
        rows(version, wave, agency, unit, role),
        wave,
        agency,
        unit,
        role,
        by,
        _min_n(version),
        wave_census=census(version, wave),
    )


def current_scope() -> Scope:
    """The filters' current values as a Scope (the latest wave and everyone until a reader chooses); a reader
    the access gate did not let in stops here."""
    access_shell.require("viewer")
    wave_options = waves()
    wave = st.session_state.get(WAVE_KEY) or wave_options[-1]
    agency = _none(st.session_state.get(AGENCY_KEY, ALL_AGENCIES))
    unit = _none(st.session_state.get(UNIT_KEY, ALL_UNITS))
    role = _none(st.session_state.get(ROLE_KEY, ALL_ROLES))
    current = version()
    return Scope(current, wave, agency, unit, role, refusal(current, wave, agency, unit, role))


def benchmark_scope(view: Scope) -> tuple[Scope | None, str]:
    """The wider group a view is set against, and its name: all agencies when a unit or an agency is chosen
    (the unit's own agency when both are), none for a view of everyone or when the wider view is refused."""
    if view.unit is not None and view.agency is not None:
        wider, name = replace(view, unit=None), f"all of {view.agency}"
    elif view.unit is not None or view.agency is not None:
        wider, name = replace(view, unit=None, agency=None), "all agencies"
    else:
        return None, ""
    reason = refusal(*wider.key)
    return (None, "") if reason else (replace(wider, refusal=""), name)


def shown_scope() -> Scope:
    """The current scope, after saying why it cannot be shown and stopping the page if so."""
    scope = current_scope()
    st.caption(scope.describe())
    if scope.refusal:
        st.info(scope.refusal)
        st.stop()
    return scope


# Indicator tables of a scope, cached by the scope's plain values. Each takes Scope.key.


@st.cache_data(show_spinner=False)
def index_table(version, wave, agency, unit, role) -> pd.DataFrame:
    return metrics.effectiveness_index(rows(version, wave, agency, unit, role), instrument(), min_n=_min_n(version))


@st.cache_data(show_spinner=False)
def domain_table(version, wave, agency, unit, role, by: tuple[str, ...] = ()) -> pd.DataFrame:
    return metrics.domain_scores(
        rows(version, wave, agency, unit, role),
        instrument(),
        by=by,
        min_n=_min_n(version),
        hide_groups=refused_groups(version, wave, agency, unit, role, by),
    )


@st.cache_data(show_spinner=False)
def item_stats_table(version, wave, agency, unit, role) -> pd.DataFrame:
    return metrics.item_stats(rows(version, wave, agency, unit, role), instrument(), min_n=_min_n(version))


@st.cache_data(show_spinner=False)
def item_distribution_table(version, wave, agency, unit, role) -> pd.DataFrame:
    return metrics.item_distribution(rows(version, wave, agency, unit, role), instrument(), min_n=_min_n(version))


@st.cache_data(show_spinner=False)
def gap_table(version, wave, agency, unit, role) -> pd.DataFrame:
    return metrics.perception_gap(rows(version, wave, agency, unit, role), instrument(), min_n=_min_n(version))


@st.cache_data(show_spinner=False)
def overall_gap_table(version, wave, agency, unit, role) -> pd.DataFrame:
    return metrics.overall_gap(rows(version, wave, agency, unit, role), instrument(), min_n=_min_n(version))


@st.cache_data(show_spinner=False)
def refused_groups_every_wave(version: Version, by: tuple[str, ...]) -> pd.DataFrame | None:
    """`refused_groups` of the breakdown of everyone by `by`, in every wave (columns `wave, *by`): what the
    response rates, which cover every wave, hide whole before step a."""
    if not by:
        return None
    parts = [refused_groups(version, wave, None, None, None, by).assign(wave=wave) for wave in _waves(version)]
    return pd.concat(parts, ignore_index=True) if parts else None


@st.cache_data(show_spinner=False)
def roster(version: Version) -> pd.DataFrame:
    """Every stored roster row (wave, agency, unit, invited)."""
    return _store(version[0]).roster()


@st.cache_data(show_spinner=False)
def alpha_table(version: Version, wave: str) -> pd.DataFrame:
    """Cronbach's alpha over the whole wave in view (§3.7: it describes the instrument, not a group)."""
    return metrics.cronbach_alpha(rows(version, wave, None, None, None), instrument())


# Chart downloads and presentation mode.

PRESENT_KEY = "presentation_mode"
PRESENT_URL_NAME = "present"
PRESENT_FROM_URL_KEY = "presentation_read_from_url"
PRESENT_LEAVE_KEY = "presentation_leave"
DOWNLOADS_SUFFIX = "_chart_downloads"  # the key of every download row ends so; presentation mode hides them

# A projector shows the main area only: no sidebar, header, toolbar or download rows, and larger text.
PRESENTATION_CSS = f"""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stElementToolbar"], [class*="{DOWNLOADS_SUFFIX}"] {{ display: none !important; }}
html {{ font-size: 20px; }}
[data-testid="stMainBlockContainer"] {{ padding-top: 1rem; max-width: none; }}
</style>"""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@st.cache_data(show_spinner=False, max_entries=64)
def _chart_png(spec: str, _chart: alt.TopLevelMixin) -> bytes:
    """The chart as a PNG at twice its size, cached by its Vega-Lite JSON (`spec`)."""
    return images.chart_png(_chart)


@st.cache_data(show_spinner=False, max_entries=64)
def _chart_svg(spec: str, _chart: alt.TopLevelMixin) -> str:
    """The chart as SVG text, cached by its Vega-Lite JSON (`spec`)."""
    return images.chart_svg(_chart)


def show_chart(chart: alt.TopLevelMixin, name: str) -> None:
    """Draw `chart` and, under it, buttons that download it as a PNG (2x) and an SVG.

    `name` names the files (with the wave and agency in view) and the buttons' keys, so it must be unique on its
    page and start with the page's name ("overview-domain-scores"). The images are made only when a reader
    clicks (rendering takes about half a second a chart), off the page's run, and cached by the chart's JSON.
    """
    st.altair_chart(chart, theme=None)
    state = st.session_state  # the filters' labels, read directly: `current_scope()` costs ~30 ms a call
    unit, role = _none(state.get(UNIT_KEY)), _none(state.get(ROLE_KEY))
    parts = [name, state.get(WAVE_KEY) or "", state.get(AGENCY_KEY) or ALL_AGENCIES, unit or "", role or ""]
    file_name = "-".join(_slug(part) for part in parts if part)
    key = name.replace("-", "_")
    with st.container(horizontal=True, key=key + DOWNLOADS_SUFFIX, gap="small"):
        st.download_button(
            "PNG (2×)",
            data=lambda: _chart_png(chart.to_json(), chart),
            file_name=f"{file_name}.png",
            mime="image/png",
            key=f"{key}_png",
            on_click="ignore",
            type="tertiary",
            icon=":material/download:",
            help="The chart as a picture at twice its size, sharp on a projector or in a document.",
        )
        st.download_button(
            "SVG",
            data=lambda: _chart_svg(chart.to_json(), chart),
            file_name=f"{file_name}.svg",
            mime="image/svg+xml",
            key=f"{key}_svg",
            on_click="ignore",
            type="tertiary",
            icon=":material/download:",
            help="The chart as a drawing that scales to any size.",
        )


def _leave_presentation() -> None:
    st.session_state[PRESENT_KEY] = False


def presentation_toggle() -> None:
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
