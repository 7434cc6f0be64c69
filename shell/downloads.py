"""Every chart a page draws, with buttons under it that download it as a PNG (twice its size) or an SVG.

The images are made only when a reader clicks, off the page's run, and cached by the chart's JSON.
"""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import streamlit as st

import views
from reports import images
from shell import filters
from shell.presentation import DOWNLOADS_SUFFIX
from shell.text import plain, slug

ALTAIR_DEFAULT_SIZE = 300  # the width and height Altair's default theme gives a chart that names none


@st.cache_data(show_spinner=False, max_entries=64)
def _chart_png(spec: str) -> bytes:
    """The chart of a Vega-Lite JSON spec as a PNG at twice its size."""
    return images.spec_png(spec)


@st.cache_data(show_spinner=False, max_entries=64)
def _chart_svg(spec: str) -> str:
    """The chart of a Vega-Lite JSON spec as SVG text."""
    return images.spec_svg(spec)


def _built(chart: alt.TopLevelMixin) -> tuple[alt.TopLevelMixin, dict]:
    return chart, chart_spec(chart)


def chart_spec(chart: alt.TopLevelMixin) -> dict:
    """The chart's Vega-Lite spec, without Altair's schema check, which takes seconds for a state-wide grid on every
    run (the builders are checked against the schema once, in their tests), and without Altair's default chart
    size, which Streamlit drops too."""
    spec = chart.to_dict(validate=False)
    view = spec.get("config", {}).get("view", {})
    if view.get("continuousWidth") == ALTAIR_DEFAULT_SIZE and view.get("continuousHeight") == ALTAIR_DEFAULT_SIZE:
        del view["continuousWidth"], view["continuousHeight"]
        if not view:
            del spec["config"]["view"]
        if not spec["config"]:
            del spec["config"]
    return spec


def chart_title(spec: dict) -> str:
    """The title a chart's spec gives itself, as one line ("" when it has none)."""
    title = spec.get("title", "")
    text = title.get("text", "") if isinstance(title, dict) else title
    return " ".join(text) if isinstance(text, list) else str(text)


def numbers_label(title: str) -> str:
    """The label of the table of a chart's numbers, naming the chart it belongs to."""
    return f"Numbers behind: {title}"


def numbers_behind(title: str):
    """The expander that holds the numbers of the chart `show_chart` drew with this `title`."""
    return st.expander(numbers_label(title))


def show_chart(
    chart: alt.TopLevelMixin | Callable[[], alt.TopLevelMixin],
    name: str,
    *,
    title: str = "",
    description: str = "",
    kept_by: views.View | views.Survey | None = None,
    key: tuple = (),
) -> None:
    """Draw a chart with its one-sentence description under it, and buttons that download it as a PNG (2x) and an SVG.

    `title` names the chart for people (default: its own title, else its `name`), and `numbers_behind(title)` labels
    the table of its numbers to match. `description` says in one sentence what the chart shows (default: derived
    from the title); it becomes the chart's accessible name (Vega reads the spec's top-level `description` as its
    aria-label, where it would otherwise say "Vega visualization") and the caption under it, for every reader.

    `name` names the files (with the wave and agency in view) and the buttons' keys, so it must be unique on its
    page and start with the page's name ("overview-domain-scores"). With `kept_by` (the view or survey whose
    tables the chart shows), `chart` is a function that builds it: it is built once per view and `key` (whatever
    else the chart shows) and every later run draws the kept spec, since building a large chart takes seconds.
    The images are made only when a reader clicks (about half a second a chart), off the page's run, and cached
    by the chart's JSON.
    """
    if kept_by is None:
        chart, spec = _built(chart)
    else:
        chart, spec = kept_by.keep(("chart", name, *key), lambda: _built(chart()))
    title = title or chart_title(spec) or name.replace("-", " ").capitalize()
    description = description or f"A chart of {title[:1].lower()}{title[1:]}."
    st.vega_lite_chart({**spec, "description": f"{title}: {description}"}, theme=None)
    st.caption(plain(f"{description} The numbers are under “{numbers_label(title)}”."))
    state = st.session_state  # the filters' labels, read directly
    unit, role = filters.none(state.get(filters.UNIT_KEY)), filters.none(state.get(filters.ROLE_KEY))
    parts = [
        name,
        state.get(filters.WAVE_KEY) or "",
        state.get(filters.AGENCY_KEY) or filters.ALL_AGENCIES,
        unit or "",
        role or "",
    ]
    file_name = "-".join(slug(part) for part in parts if part)
    key = name.replace("-", "_")
    with st.container(horizontal=True, key=key + DOWNLOADS_SUFFIX, gap="small"):
        st.download_button(
            "PNG (2×)",
            data=lambda: _chart_png(chart.to_json()),
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
            data=lambda: _chart_svg(chart.to_json()),
            file_name=f"{file_name}.svg",
            mime="image/svg+xml",
            key=f"{key}_svg",
            on_click="ignore",
            type="tertiary",
            icon=":material/download:",
            help="The chart as a drawing that scales to any size.",
        )
