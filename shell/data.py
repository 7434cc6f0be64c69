"""The survey data every page reads: the store (given the sample on its very first start), its version read once per
run, and one `views.Survey` per version, kept once per process and shared by every reader without a copy.

Everything cached here is keyed on the store's version, a counter that grows with every write, so a save shows on
the next run and two stores in one process (tests) never share a table.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

import metrics
import plans
import views
from ingest import read_canonical_comments, read_canonical_responses, read_roster
from store import Store, default_path, open_store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_RESPONSES = ROOT / "data" / "sample" / "responses.xlsx"
SAMPLE_ROSTER = ROOT / "data" / "sample" / "roster.xlsx"
SAMPLE_PLANS = ROOT / "data" / "sample" / "plans.csv"
SAMPLE_COMMENTS = ROOT / "data" / "sample" / "comments.csv"
SAMPLE_TERMS = ROOT / "data" / "sample" / "redaction_terms.txt"

VERSION_KEY = "store_version_of_this_run"  # session state: the version `begin_run` read

Version = tuple[str, int]  # (the store's path, its write counter)


@st.cache_resource(show_spinner="Opening the survey store…")
def _store(path: str) -> Store:
    """The store at `path`; on its very first start it is given the sample waves, so no page opens empty."""
    opened = open_store(path)
    if not opened.needs_sample():
        return opened
    opened.ensure_sample(
        SAMPLE_RESPONSES,
        SAMPLE_ROSTER,
        read_responses=read_canonical_responses,
        read_roster=read_roster,
        instrument_name=_default_instrument().name,
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


@st.cache_resource
def _default_instrument() -> metrics.Instrument:
    """The default instrument (immutable, so shared rather than copied)."""
    return metrics.load_instrument()


def store() -> Store:
    """The configured store (EFFECTIVE_OFFICES_STORE, or the git-ignored data/store/ folder)."""
    return _store(str(default_path()))


def _read_version() -> Version:
    path = str(default_path())
    return (path, _store(path).version)


def begin_run() -> None:
    """Read the store's version once for this run (app.py calls it first): reading it opens the store file."""
    st.session_state[VERSION_KEY] = _read_version()


def refresh() -> None:
    """After a write in this run, so that what the page shows next reflects it."""
    begin_run()


def version() -> Version:
    """The store's path and write counter, as read at the start of this run."""
    current = st.session_state.get(VERSION_KEY)
    if current is None or current[0] != str(default_path()):
        begin_run()
        current = st.session_state[VERSION_KEY]
    return current


@st.cache_data(show_spinner=False)
def _settings(version: Version) -> dict[str, float | int]:
    """The admin's settings (store.settings): minimum group size, caution line, tier cut points, comment minimum."""
    return _store(version[0]).settings()


def settings() -> dict[str, float | int]:
    return _settings(version())


@st.cache_resource(show_spinner="Loading the survey…", max_entries=2)
def _survey(version: Version) -> views.Survey:
    """Every stored wave with its roster, comments and theme keywords, once per version for the whole process."""
    opened = _store(version[0])
    stored = opened.waves()
    return views.survey_from(
        opened.responses(),
        _settings(version),
        roster=opened.roster(),
        comments=opened.comments(),
        lexicon=opened.lexicon(),
        waves=stored,
        instrument_texts={name: opened.instrument_text(name) for name in set(stored["instrument"])},
        default=_default_instrument(),
    )


def instruments() -> dict[str, metrics.Instrument]:
    """Every instrument an analyst may score a wave with: the default, then the saved ones by name."""
    return _instruments(version())


@st.cache_resource(show_spinner=False, max_entries=2)
def _instruments(version: Version) -> dict[str, metrics.Instrument]:
    opened = _store(version[0])
    names = opened.instruments()["instrument"]
    saved = {name: metrics.parse_instrument(opened.instrument_text(name), source=name) for name in names}
    return {_default_instrument().name: _default_instrument(), **saved}


def survey() -> views.Survey:
    """The survey of this run's store version: every page's tables come from its views."""
    return _survey(version())


def responses() -> pd.DataFrame:
    """Every stored wave, in the canonical layout (read-only)."""
    return survey().responses


def min_n() -> int:
    """The minimum group size of indicators §7 every page applies (an admin setting, 5 unless changed)."""
    return survey().settings.min_n


def comment_min_n() -> int:
    """How many people of a group must have commented before its comments show (an admin setting, ≥ min_n)."""
    return survey().settings.comment_min_n


def caution() -> float:
    """The response-rate line below which a group reads "interpret with caution" (§6; an admin setting)."""
    return survey().settings.caution


def instrument() -> metrics.Instrument:
    """The default instrument, with the tier cut points of the settings (a page about one wave reads its view's
    instrument instead: each wave is scored with its own)."""
    return survey().instrument


def waves() -> list[str]:
    """Wave labels, oldest first (sorted as text: "2024 Spring" < "2025 Spring")."""
    return survey().waves


def roster() -> pd.DataFrame:
    """Every stored roster row (wave, agency, unit, invited)."""
    return survey().roster


def lexicon() -> pd.DataFrame:
    """The theme keywords of each domain: the agency's own when an admin saved them, else the default's."""
    return survey().lexicon
