"""Board pack: the results a leader takes into a board meeting, as PowerPoint, PDF and Excel files."""

import streamlit as st

from plans import Plan
from reports import Pack, build_pack
from reports.handout import pack_pdf
from reports.slides import pack_slides
from reports.workbook import pack_workbook
from shell import access as access_shell
from shell import data, filters, planning
from shell.text import plain

EVERYONE = "All agencies"
WHOLE = "Whole agency"
NO_COMPARISON = "No comparison"
FILES = (
    (
        "PowerPoint deck",
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        pack_slides,
    ),
    ("PDF handout", "pdf", "application/pdf", pack_pdf),
    ("Excel workbook", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", pack_workbook),
)


@st.cache_data(show_spinner=False)
def pack(
    version: data.Version,
    wave: str,
    compare: str | None,
    agency: str | None,
    unit: str | None,
    plans: tuple[Plan, ...] = (),
    quotes: int | None = None,
) -> Pack:
    """The pack, from the same views as the pages, with the action plans the reader may see (its "Commitments and
    results" section) and, unless `quotes` is None, what staff said with that many quotes."""
    return build_pack(data.survey(), wave, compare, agency, unit, plans=plans, quotes=quotes)


@st.cache_data(show_spinner=False)
def pack_file(
    version: data.Version, wave: str, compare: str | None, agency: str | None, unit: str | None, plans, quotes, kind
):
    writer = next(write for _, suffix, _, write in FILES if suffix == kind)
    return writer(pack(version, wave, compare, agency, unit, plans, quotes))


def record_download(kind: str, scope_name: str, wave: str) -> None:
    """Board-pack downloads go to the audit log: who took which file of which scope."""
    data.store().record(
        "download_board_pack", who=access_shell.person().email, wave=wave, detail={"file": kind, "scope": scope_name}
    )


def slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text).strip("-").lower()


reader = access_shell.require("viewer")
st.title("Board pack")
st.markdown(
    "Files to project and hand out at a board meeting: the same numbers as the pages, with the same groups "
    "hidden to protect small groups."
)
version = data.version()
waves = data.waves()
wave_col, compare_col = st.columns(2)
current = st.session_state.get(filters.WAVE_KEY, waves[-1])
wave = wave_col.selectbox(
    "Wave", waves, index=waves.index(current) if current in waves else len(waves) - 1, key="board_pack_wave"
)
earlier = [w for w in waves if w != wave]
compare = compare_col.selectbox(
    "Compare with", [NO_COMPARISON, *reversed(earlier)], key="board_pack_compare", help="Shows real changes since then."
)
agency_col, unit_col = st.columns(2)
# a reader scoped to some agencies gets packs of those only: a pack for everyone lists every agency side by side
census = data.survey().census(wave)
choices = access_shell.visible_agencies(census.values("agency"))
if not choices and reader.agencies is not None:
    st.info("None of the agencies you may see took part in this wave. Choose another wave.")
    st.stop()
agency = agency_col.selectbox(
    "Agency", [EVERYONE, *choices] if reader.agencies is None else choices, key="board_pack_agency"
)
agency = None if agency == EVERYONE else agency
unit = None
if agency:
    unit = unit_col.selectbox("Unit", [WHOLE, *census.values("unit", agency=agency)], key="board_pack_unit")
    unit = None if unit == WHOLE else unit
compare = None if compare == NO_COMPARISON else compare

voices_col, quotes_col = st.columns(2)
with_voices = voices_col.checkbox(
    "Include what staff said",
    key="board_pack_voices",
    help="The themes of the comments and a few quotes, only when enough people of this scope commented.",
)
quotes = (
    int(quotes_col.number_input("Quotes", min_value=0, max_value=5, value=3, key="board_pack_quotes"))
    if with_voices
    else None
)

visible_plans = tuple(planning.visible_plans())
try:
    content = pack(version, wave, compare, agency, unit, visible_plans, quotes)
except ValueError as refused:
    st.info(plain(refused))
    st.stop()

st.subheader("What the pack says")
st.caption(plain(content.subtitle))
for finding in content.findings:
    st.markdown(f"- {plain(finding.text)}")
st.markdown("**Contents:** " + plain(" · ".join(["Key findings", *(s.title for s in content.sections), "Methods"])))

st.subheader("Download")
if with_voices and not any(section.key == "voices" for section in content.sections):
    st.info("What staff said is left out: too few people of this scope commented to show their comments.")
key = (version, wave, compare, agency, unit, visible_plans, quotes)
built = st.session_state.get("board_pack_files", {})
if built.get("key") != key and st.button("Build the files", type="primary", key="board_pack_build"):
    progress = st.progress(0, text="Building the board pack…")
    built = {"key": key}
    for step, (label, kind, _, _) in enumerate(FILES):
        progress.progress(step / len(FILES), text=f"Building the {label}…")
        built[kind] = pack_file(*key, kind)
    st.session_state["board_pack_files"] = built
    progress.progress(1.0, text="Ready.")
if built.get("key") == key:
    name = slug(f"board pack {content.scope} {wave}")
    for column, (label, kind, mime, _) in zip(st.columns(len(FILES)), FILES, strict=True):
        column.download_button(
            label,
            built[kind],
            file_name=f"{name}.{kind}",
            mime=mime,
            key=f"board_pack_download_{kind}",
            on_click=record_download,
            args=(kind, content.scope, wave),
        )
