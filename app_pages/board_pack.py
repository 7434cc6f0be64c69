"""Board pack: the results a leader takes into a board meeting, as PowerPoint, PDF and Excel files.

The pack covers the wave, agency and unit chosen in the sidebar, like every other page, so the files hold what the
reader was looking at; only the comparison wave and the comments are chosen here, as no other page asks for them.
"""

import os
from dataclasses import replace
from datetime import date

import streamlit as st

from plans import Plan
from reports import Pack, build_pack
from reports.files import FILES, QUOTES, file_name, pack_files
from reports.handout import Unavailable
from reports.pack import ORGANISATION, PAPER, PAPERS
from shell import access as access_shell
from shell import data, filters, planning
from shell.text import plain

NO_COMPARISON = "No comparison"


@st.cache_data(show_spinner=False)
def pack(
    version: data.Version,
    wave: str,
    compare: str | None,
    agency: str | None,
    unit: str | None,
    plans: tuple[Plan, ...] = (),
    quotes: int | None = None,
    organisation: str = "",
    built: date | None = None,
    paper: str = "letter",
) -> Pack:
    """The pack, from the same views as the pages, with the action plans the reader may see (its "Commitments and
    results" section) and, unless `quotes` is None, what staff said with that many quotes."""
    return build_pack(
        data.survey(),
        wave,
        compare,
        agency,
        unit,
        plans=plans,
        quotes=quotes,
        organisation=organisation,
        built=built,
        paper=paper,
    )


def files(
    version: data.Version,
    wave: str,
    compare: str | None,
    agency: str | None,
    unit: str | None,
    plans,
    quotes,
    organisation: str,
    built: date,
    paper: str,
) -> dict[str, bytes]:
    """The three files by name, as `python -m reports` writes them (reports.files.pack_files), with a progress bar;
    the session keeps them once built."""
    bar = st.progress(0.0, text="Building the board pack…")
    made = pack_files(
        pack(version, wave, compare, agency, unit, plans, quotes, organisation, built, paper),
        progress=lambda label, done: bar.progress(done, text=f"Building the {label}…"),
    )
    bar.progress(1.0, text="Ready.")
    return made


def record_download(kind: str, scope_name: str, wave: str) -> None:
    """Board-pack downloads go to the audit log: who took which file of which scope."""
    data.store().record(
        "download_board_pack", who=access_shell.person().email, wave=wave, detail={"file": kind, "scope": scope_name}
    )


reader = access_shell.require("viewer")
st.title("Board pack")
st.markdown(
    "Files to project and hand out at a board meeting: the same numbers as the pages, with the same groups "
    "hidden to protect small groups."
)
version = data.version()
chosen = filters.current_filters()
wave, agency, unit = chosen.wave, chosen.agency, chosen.unit
st.caption(filters.describe(replace(chosen, role=None)))
st.markdown(
    "The pack covers the survey wave, agency and unit chosen in the sidebar; change them there. It always covers "
    "every role level, as a board reads the whole office"
    + (f", so the sidebar's role level ({plain(filters.role_label(chosen.role))}) is left out." if chosen.role else ".")
)
# a reader scoped to some agencies gets packs of those only: a pack for everyone lists every agency side by side
if agency is None and reader.agencies is not None:
    st.info("Choose one of your agencies in the sidebar: a pack of all agencies would list every agency side by side.")
    st.stop()
others = [NO_COMPARISON, *reversed([w for w in data.waves() if w != wave])]
before = [w for w in data.waves() if w < wave]  # a board asks first what changed since the last survey
compare_col, voices_col, quotes_col = st.columns([2, 2, 1], vertical_alignment="bottom")
compare = compare_col.selectbox(
    "Compare with",
    others,
    index=others.index(before[-1]) if before else 0,
    key=f"board_pack_compare_{wave}",  # another wave in the sidebar: the default follows it
    help="Shows real changes since then; the wave before the sidebar's unless you choose another.",
)
compare = None if compare == NO_COMPARISON else compare

with_voices = voices_col.checkbox(
    "Include what staff said",
    key="board_pack_voices",
    help="The themes of the comments and a few quotes, only when enough people of this scope commented.",
)
quotes = (
    int(quotes_col.number_input("Quotes", min_value=0, max_value=5, value=QUOTES, key="board_pack_quotes"))
    if with_voices
    else None
)

organisation = st.text_input(
    "Organisation on the cover",
    value=os.environ.get(ORGANISATION, ""),
    max_chars=120,
    key="board_pack_organisation",
    help="Printed on the cover of all three files, above the scope.",
)
today = date.today()
paper = os.environ.get(PAPER, "letter").lower()
paper = paper if paper in PAPERS else "letter"
visible_plans = tuple(planning.visible_plans())
try:
    content = pack(version, wave, compare, agency, unit, visible_plans, quotes, organisation, today, paper)
except ValueError as refused:
    st.info(plain(refused))
    st.stop()

st.header("What the pack says")
st.caption(plain(content.subtitle))
for finding in content.findings:
    st.markdown(f"- {plain(finding.text)}")
st.markdown("**Contents:** " + plain(" · ".join(["Key findings", *(s.title for s in content.sections), "Methods"])))

st.header("Download")
if with_voices and not any(section.key == "voices" for section in content.sections):
    st.info("What staff said is left out: too few people of this scope commented to show their comments.")
key = (version, wave, compare, agency, unit, visible_plans, quotes, organisation, today, paper)
built = st.session_state.get("board_pack_files", {})
if built.get("key") != key and st.button("Build the files", type="primary", key="board_pack_build"):
    try:
        built = {"key": key, "files": files(*key)}
        st.session_state["board_pack_files"] = built
    except Unavailable as missing:
        st.error(plain(missing))
if built.get("key") == key:
    for column, (label, kind, mime, _) in zip(st.columns(len(FILES)), FILES, strict=True):
        name = file_name(content, kind)
        column.download_button(
            label,
            built["files"][name],
            file_name=name,
            mime=mime,
            key=f"board_pack_download_{kind}",
            on_click=record_download,
            args=(kind, content.scope, wave),
        )
