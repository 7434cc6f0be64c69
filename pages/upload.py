"""Upload: an analyst brings the export their survey tool produced, confirms how it maps to the instrument,
sees every value that could not be read, names the wave and saves it. Nothing is stored until Save."""

import json

import streamlit as st

from ingest import ExportError, map_export, read_export, read_roster
from ingest.attributes import ATTRIBUTES, role_table
from ingest.mapping import COMMENT, confirmed_codes
from metrics import ROLE_LEVELS
from shell import access as access_shell
from shell import data
from store import StoreError, mapping_signature

UPLOAD_TYPES = ["csv", "tsv", "txt", "xlsx", "xls", "ods"]


@st.cache_data(show_spinner="Reading the file…", max_entries=4)
def read_upload(content: bytes, name: str):
    """The Export of an uploaded file, or the plain-language reason it cannot be read."""
    try:
        return read_export(content, filename=name), ""
    except ExportError as error:
        return None, str(error)


@st.cache_data(show_spinner="Matching columns to the instrument…", max_entries=8)
def mapped_wave(
    content: bytes, name: str, overrides_json: str, wave: str, codes_json: str, roles_json: str = "{}", terms=()
):
    """The mapped wave; `terms` (the agency's names to redact) is a tuple so that the cache can key on it."""
    export, _ = read_upload(content, name)
    return map_export(
        export,
        data.instrument(),
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
    st.toast(f"Deleted the wave {wave}.")


def target_options() -> list[str]:
    return ["", "response_id", *ATTRIBUTES, COMMENT, *data.instrument().item_codes]


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
            st.button(f"Delete {doomed} for good", key="upload_delete", on_click=delete_wave, args=(doomed,))

upload = st.file_uploader("Survey export", type=UPLOAD_TYPES, key="upload_file")
if upload is None:
    st.info("Choose a file to begin. Nothing is stored until you press Save.")
    st.stop()

content = upload.getvalue()
export, reason = read_upload(content, upload.name)
if export is None:
    st.error(reason)
    st.stop()

st.subheader("1. What was read")
layout_col, rows_col, columns_col = st.columns(3)
layout_col.metric("Layout", export.format)
rows_col.metric("Responses", f"{len(export.responses):,}")
columns_col.metric("Columns", len(export.responses.columns))
for note in export.notes:
    st.caption(f"• {note}")
with st.expander("First rows"):
    st.dataframe(export.responses.head(10))

st.subheader("2. How the columns map to the instrument")
signature = mapping_signature(export.responses.columns)
saved = store.mapping(signature)
saved_overrides = json.loads(saved) if saved else {}
if saved:
    st.success("These columns were mapped before; that confirmed mapping is applied. Change any row below.")
wave = st.text_input("Wave name", key="upload_wave", placeholder="e.g. 2026 Spring").strip()
automatic = mapped_wave(content, upload.name, json.dumps(saved_overrides), wave, "{}")
edited = st.data_editor(
    automatic.mapping,
    key=f"upload_mapping_{signature[:12]}",
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
    scale = data.instrument().scale
    st.write(
        "Some answers are numbers outside the scale. Tick each proposed reading you confirm (edit the value, or "
        "clear it to read the code as missing); unticked codes stay blank and are listed as problems."
    )
    edited_codes = st.data_editor(
        automatic.recode_table(),
        key=f"upload_codes_{signature[:12]}",
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
final = mapped_wave(
    content,
    upload.name,
    json.dumps(overrides, sort_keys=True),
    wave,
    json.dumps(codes, sort_keys=True),
    json.dumps(roles, sort_keys=True),
    tuple(store.redaction_terms()),
)

st.subheader("3. Values that could not be read")
for note in final.notes:
    st.caption(f"• {note}")
if final.problems.empty:
    st.success("Every value was read.")
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

st.subheader("4. Save")
roster_file = st.file_uploader(
    "Roster of invited counts (optional: a CSV or Excel table with agency, unit, invited, and wave if it holds "
    "several waves)",
    type=UPLOAD_TYPES,
    key="upload_roster",
)
roster, roster_error = None, None
if roster_file is not None:
    try:
        roster = read_roster(roster_file.getvalue(), filename=roster_file.name)
        rows = f"{len(roster):,} row{'' if len(roster) == 1 else 's'}"
        st.caption(f"Roster: {rows}, {int(roster['invited'].sum()):,} people invited.")
    except ExportError as error:
        roster_error = str(error)
        st.error(f"The roster cannot be used, so nothing will be saved with it: {roster_error}")
exists = bool(wave) and wave in set(stored["wave"])
replace = exists and st.checkbox(f"Replace the stored wave {wave}", key="upload_replace")
if not wave:
    st.info("Name the wave to save it.")
elif exists and not replace:
    st.warning(f"A wave named {wave} is already stored. Tick Replace to overwrite it, or choose another name.")
blocked = not wave or (exists and not replace) or roster_error is not None
if st.button("Save wave", type="primary", disabled=blocked, key="upload_save"):
    progress = st.progress(0, text="Saving the responses…")
    try:
        store.save_wave(
            final.responses,
            wave=wave,
            instrument_name=data.instrument().name,
            filename=upload.name,
            who=reader.email,
            notes=[*export.notes, *final.notes],
            replace=replace,
            comments=final.comments,
        )
        progress.progress(70, text="Remembering the mapping…")
        confirmed = dict(zip(final.mapping["column"], final.mapping["target"].fillna(""), strict=True))
        store.save_mapping(signature, json.dumps(confirmed, sort_keys=True), who=reader.email)
        if roster is not None:
            progress.progress(85, text="Saving the roster…")
            store.save_roster(
                roster.assign(wave=roster["wave"].fillna(wave)), who=reader.email, filename=roster_file.name
            )
        progress.progress(100, text="Saved.")
        data.refresh()
        st.success(f"Saved {len(final.responses):,} responses as the wave {wave}. Every page now shows it.")
    except (StoreError, ValueError) as error:
        progress.empty()
        st.error(f"Nothing was saved: {error}")
