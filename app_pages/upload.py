"""Upload: an analyst brings the export their survey tool produced, confirms how it maps to the instrument,
sees every value that could not be read, names the wave and saves it. Nothing is stored until Save."""

import dataclasses
import json

import streamlit as st

from ingest import ExportError, bounded, map_export, read_export, read_roster
from ingest.attributes import ATTRIBUTES, role_table, text_values, wave_column, wave_values
from ingest.mapping import COMMENT, confirmed_codes
from metrics import ROLE_LEVELS
from shell import access as access_shell
from shell import data, filters
from shell.text import joined, plain, slug
from store import StoreError, mapping_signature

UPLOAD_TYPES = ["csv", "tsv", "txt", "xlsx", "xls", "ods"]
SAVED_KEY = "upload_saved_message"
HANDOFF_KEY = "instrument_from_upload"  # the Instrument page drafts from this (bytes, file name)
FEW_MATCHED = 0.5  # below this share of the instrument's questions found, the page says so before anything else


@st.cache_data(show_spinner="Reading the file…", max_entries=4)
def read_upload(content: bytes, name: str):
    """The Export of an uploaded file, or the plain-language reason it cannot be read."""
    try:
        return bounded(read_export, content, filename=name), ""  # in a child process: see ingest._bounded
    except ExportError as error:
        return None, str(error)


@st.cache_data(show_spinner="Matching columns to the instrument…", max_entries=8)
def mapped_wave(
    content: bytes,
    name: str,
    instrument_name: str,
    version: tuple,
    overrides_json: str,
    wave: str,
    codes_json: str,
    roles_json: str = "{}",
    terms=(),
    only: tuple[str, str] | None = None,
):
    """The mapped wave; `terms` (the agency's names to redact) is a tuple so that the cache can key on it; `version`
    (the store's) keys it on the instrument as saved; `only` (column, wave name) keeps that wave's rows of a file
    that holds several."""
    export, _ = read_upload(content, name)
    if only is not None:
        column, value = only
        export = dataclasses.replace(export, responses=export.responses[text_values(export.responses[column]) == value])
    return bounded(
        map_export,
        export,
        data.instruments()[instrument_name],
        mapping=json.loads(overrides_json) or None,
        wave=wave or None,
        value_codes=json.loads(codes_json) or None,
        role_vocabulary=json.loads(roles_json) or None,
        redact_terms=terms,
    )


def delete_wave(wave: str) -> None:
    """Runs before the next rerun, so the choice can be cleared along with the wave it named."""
    data.store().delete_wave(wave, who=reader.email)
    st.session_state["upload_delete_wave"] = ""
    st.toast(f"Deleted the wave {plain(wave)}.")


def target_options() -> list[str]:
    return ["", "response_id", *ATTRIBUTES, COMMENT, *instrument.item_codes]


def remembered(saved: str | None) -> tuple[str | None, dict[str, str]]:
    """A confirmed mapping as the store keeps it: {"instrument", "columns"} (or, from before instruments could be
    chosen, the columns alone)."""
    if not saved:
        return None, {}
    found = json.loads(saved)
    if isinstance(found.get("columns"), dict):
        return found.get("instrument"), found["columns"]
    return None, found


def draft_from_this() -> None:
    st.session_state[HANDOFF_KEY] = (content, upload.name)
    st.session_state["instrument_start"] = "The export from the Upload page"


reader = access_shell.require("analyst")
st.title("Upload a survey wave")
st.caption(
    "Bring the export your survey tool produced (Qualtrics, SurveyMonkey, Google Forms, Microsoft Forms or your "
    "own workbook). Names, e-mail addresses and IP addresses are dropped as the file is read and never stored."
)
store = data.store()
stored = store.waves()
with st.expander(f"Stored waves ({len(stored)})"):
    st.dataframe(stored[["wave", "responses", "filename", "saved_at", "saved_by"]], hide_index=True)
    if len(stored):
        doomed = st.selectbox("Delete a wave", ["", *stored["wave"]], key="upload_delete_wave")
        if doomed:
            st.button(f"Delete {plain(doomed)} for good", key="upload_delete", on_click=delete_wave, args=(doomed,))

if SAVED_KEY in st.session_state:  # the message of a save, kept across the rerun that shows the new wave
    st.success(st.session_state.pop(SAVED_KEY))
upload = st.file_uploader("Survey export", type=UPLOAD_TYPES, key="upload_file")
if upload is None:
    st.info(
        "Choose a file to begin. Nothing is stored until you press Save. A file from your agency's own survey is "
        "welcome: choose its instrument once the file is read, or make one from its questions."
    )
    st.stop()

content = upload.getvalue()
export, reason = read_upload(content, upload.name)
if export is None:
    st.error(plain(reason))
    st.stop()

alerts = st.container()  # what the analyst must know first (few questions found) goes here, above the details
st.header("1. What was read")
layout_col, rows_col, columns_col = st.columns(3)
layout_col.metric("Layout", export.format)
rows_col.metric("Responses", f"{len(export.responses):,}")
columns_col.metric("Columns", len(export.responses.columns))
for note in export.notes:
    st.caption(f"• {plain(note)}")
with st.expander("First rows"):
    st.dataframe(export.responses.head(10))

st.header("2. How the columns map to the instrument")
signature = mapping_signature(export.responses.columns)
saved_instrument, saved_overrides = remembered(store.mapping(signature))
instruments = data.instruments()
names = list(instruments)
instrument_name = st.selectbox(
    "Instrument",
    names,
    index=names.index(saved_instrument) if saved_instrument in names else 0,
    key=f"upload_instrument_{signature[:12]}",
    help="The survey these answers come from: the default, or your agency's own (made on the Instrument page).",
)
instrument = instruments[instrument_name]
if saved_instrument not in (None, instrument_name):  # confirmed for another instrument: its targets differ
    saved_overrides = {}
if saved_overrides:
    st.success("These columns were mapped before; that confirmed mapping is applied. Change any row below.")
by_wave = wave_column(export.responses, export.questions)
waves_in_file = wave_values(export.responses[by_wave]) if by_wave else None
if by_wave:
    saved_overrides = {**saved_overrides, by_wave: ""}  # the wave names the rows; it is no question
several = waves_in_file is not None and len(waves_in_file) > 1
if several:
    listed = joined([f"{plain(name)} ({count:,})" for name, count in waves_in_file.items()])
    st.info(
        f"This file holds {len(waves_in_file)} waves in its column {plain(by_wave)}: {listed}. Each is saved as its "
        "own wave, under its name, when you press Save below; a file is never saved as one wave when it holds several."
    )
    wave = ""
else:
    suggested = waves_in_file.index[0] if waves_in_file is not None and len(waves_in_file) == 1 else ""
    if suggested and not st.session_state.get("upload_wave"):
        st.session_state["upload_wave"] = suggested
    wave = st.text_input("Wave name", key="upload_wave", placeholder="e.g. 2026 Spring").strip()
version = data.version()
automatic = mapped_wave(content, upload.name, instrument_name, version, json.dumps(saved_overrides), wave, "{}")
matched = int(automatic.mapping["target"].isin(instrument.item_codes).sum())
if matched < FEW_MATCHED * len(instrument.item_codes):
    found = "None" if matched == 0 else f"Only {matched}"
    with alerts:
        st.warning(
            f"{found} of the {len(instrument.item_codes)} questions of {plain(instrument_name)} were found in this "
            "file. If it comes from your agency's own survey, make an instrument from its questions first, then "
            "come back and choose it under “How the columns map to the instrument”."
        )
        if st.button(
            "Make an instrument from this export", type="primary", on_click=draft_from_this, key="upload_draft"
        ):
            st.switch_page("app_pages/instrument.py")
edited = st.data_editor(
    automatic.mapping,
    key=f"upload_mapping_{signature[:12]}_{slug(instrument_name)}",  # another instrument: another table
    hide_index=True,
    disabled=[c for c in automatic.mapping.columns if c != "target"],
    column_config={
        "column": "Column in the file",
        "question": "Question",
        "target": st.column_config.SelectboxColumn("Maps to", options=target_options(), required=False),
        "kind": "Kind",
        "method": "Matched by",
        "confidence": st.column_config.NumberColumn("Confidence", format="%.2f"),
        "needs_review": st.column_config.CheckboxColumn("Needs you"),
        "candidate": "Best guess (not applied)",
    },
)
overrides = {**saved_overrides, **dict(zip(edited["column"], edited["target"].fillna(""), strict=True))}
overrides = {column: target for column, target in overrides.items() if column in set(edited["column"])}
needs_review = int(automatic.mapping["needs_review"].sum())
if needs_review:
    st.warning(f"{needs_review} column(s) need your decision: pick what each maps to, or leave it empty to ignore it.")

codes = {}
if automatic.proposed_value_codes:
    scale = instrument.scale
    st.write(
        "Some answers are numbers outside the scale. Tick each proposed reading you confirm (edit the value, or "
        "clear it to read the code as missing); unticked codes stay blank and are listed as problems."
    )
    edited_codes = st.data_editor(
        automatic.recode_table(),
        key=f"upload_codes_{signature[:12]}_{slug(instrument_name)}",
        hide_index=True,
        disabled=["column", "code"],
        column_config={
            "column": "Column",
            "code": "In the file",
            "read_as": st.column_config.NumberColumn(
                "Read as", min_value=scale.lo, max_value=scale.hi, step=1, format="%g"
            ),
            "confirm": st.column_config.CheckboxColumn("Confirm"),
        },
    )
    codes = confirmed_codes(edited_codes)
roles = {}
role_columns = [column for column, target in overrides.items() if target == "role_level"]
role_columns = role_columns or automatic.mapping.loc[automatic.mapping["target"] == "role_level", "column"].tolist()
if role_columns:
    st.write("How the file's job titles map to the four role levels (leaders are executives and managers):")
    edited_roles = st.data_editor(
        role_table(export.responses[role_columns[0]]),
        key=f"upload_roles_{signature[:12]}",
        hide_index=True,
        disabled=["label"],
        column_config={
            "label": "Role in the file",
            "level": st.column_config.SelectboxColumn("Role level", options=["", *ROLE_LEVELS], required=False),
        },
    )
    roles = {row.label: (row.level or None) for row in edited_roles.itertuples()}
choices = (
    json.dumps(overrides, sort_keys=True),
    wave,
    json.dumps(codes, sort_keys=True),
    json.dumps(roles, sort_keys=True),
    tuple(store.redaction_terms()),
)
final = mapped_wave(content, upload.name, instrument_name, version, *choices)
answered = int(final.responses[[c for c in instrument.item_codes if c in final.responses]].notna().any(axis=1).sum())

st.header("3. Values that could not be read")
for note in final.notes:
    st.caption(f"• {plain(note)}")
if not answered:
    st.error(
        f"No response answered any question of {plain(instrument_name)}, so there is nothing to score and the wave "
        "cannot be saved. Map the file's questions above, or choose or make the instrument they belong to."
    )
elif final.problems.empty:
    st.success(f"Every value was read: {answered:,} responses answered at least one of {matched} questions.")
else:
    st.warning(f"{len(final.problems):,} value(s) could not be read; they are left blank, never guessed.")
    st.dataframe(final.problems, hide_index=True)
    st.download_button("Download the problems (CSV)", final.problems_csv(), "problems.csv", "text/csv")

comment_columns = int((final.mapping["target"] == COMMENT).sum())
if comment_columns:
    st.caption(
        f"Comments: {len(final.comments):,} from {comment_columns} open question(s), kept with personal details "
        "removed (Settings lists the names removed). Comments never enter a score."
    )
    with st.expander("First comments, as they will be stored"):
        st.dataframe(final.comments[["question", "text"]].head(10), hide_index=True)

st.header("4. Save")
roster_file = st.file_uploader(
    "Roster of invited counts (optional: a CSV or Excel table with agency, unit, invited, and wave if it holds "
    "several waves)",
    type=UPLOAD_TYPES,
    key="upload_roster",
)
roster, roster_error = None, None
if roster_file is not None:
    try:
        roster = bounded(read_roster, roster_file.getvalue(), filename=roster_file.name)
        rows = f"{len(roster):,} row{'' if len(roster) == 1 else 's'}"
        st.caption(f"Roster: {rows}, {int(roster['invited'].sum()):,} people invited.")
    except ExportError as error:
        roster_error = str(error)
        st.error(f"The roster cannot be used, so nothing will be saved with it: {plain(roster_error)}")
targets = list(waves_in_file.index) if several else [wave] if wave else []
clashes = [name for name in targets if name in set(stored["wave"])]
overwrite = bool(clashes) and st.checkbox(
    f"Replace the stored wave{'s' if len(clashes) > 1 else ''} {plain(joined(clashes))}", key="upload_replace"
)
confirmed_split = not several or st.checkbox(
    f"Save the {len(targets)} waves of this file, each under its own name", key="upload_split"
)
if several and roster is not None and roster["wave"].isna().any():
    roster_error = "the file holds several waves, so the roster needs a wave column saying which wave each row is"
    st.error(f"The roster cannot be used: {roster_error}.")
if not targets:
    st.info("Name the wave to save it.")
elif clashes and not overwrite:
    st.warning(
        f"{plain(joined(clashes))} {'is' if len(clashes) == 1 else 'are'} already stored. Tick Replace to "
        "overwrite, or choose another name."
    )
blocked = not targets or (clashes and not overwrite) or roster_error is not None or not answered or not confirmed_split
if st.button("Save wave" if len(targets) <= 1 else "Save waves", type="primary", disabled=blocked, key="upload_save"):
    progress = st.progress(0, text="Saving the responses…")
    saved_waves: list[str] = []
    count = 0
    try:
        for number, target in enumerate(targets):
            part = final
            if several:
                progress.progress(int(60 * number / len(targets)), text=f"Saving {plain(target)}…")
                part = mapped_wave(
                    content, upload.name, instrument_name, version, choices[0], target, *choices[2:], (by_wave, target)
                )
            store.save_wave(
                part.responses,
                wave=target,
                instrument_name=instrument_name,
                filename=upload.name,
                who=reader.email,
                notes=[*export.notes, *part.notes],
                replace=overwrite,
                comments=part.comments,
            )
            saved_waves.append(target)
            count += len(part.responses)
        progress.progress(70, text="Remembering the mapping…")
        confirmed = dict(zip(final.mapping["column"], final.mapping["target"].fillna(""), strict=True))
        remember = {"instrument": instrument_name, "columns": confirmed}
        store.save_mapping(signature, json.dumps(remember, sort_keys=True), who=reader.email)
        if roster is not None:
            progress.progress(85, text="Saving the roster…")
            store.save_roster(
                roster.assign(wave=roster["wave"].fillna(wave)), who=reader.email, filename=roster_file.name
            )
        progress.progress(100, text="Saved.")
        data.refresh()
        shown = "it" if len(saved_waves) == 1 else "them"
        st.session_state[SAVED_KEY] = (
            f"Saved {count:,} responses as {plain(joined(saved_waves))}. Every page now shows {shown}; the sidebar "
            f"is set to {plain(saved_waves[-1])}."
        )
        filters.show_wave(saved_waves[-1])
        st.rerun()  # the sidebar lists the new wave and opens on it
    except (StoreError, ValueError) as error:
        progress.empty()
        kept = (
            f" {plain(joined(saved_waves))} {'was' if len(saved_waves) == 1 else 'were'} saved before it."
            if saved_waves
            else ""
        )
        st.error(
            f"Nothing more was saved: {plain(error)}.{kept}" if saved_waves else f"Nothing was saved: {plain(error)}"
        )
