"""Instrument: an analyst makes the agency's own survey the dashboard's instrument, without writing a file.

Start from an uploaded export (its questions drafted into domains), from a file (TOML, or the Excel template), from
a saved instrument or from the default; edit the questions, domains, answer scale, favourable answers, tiers and
the collective-leadership roles; see every problem in plain words; save it (the audit log records each save) and
download it. Thin: the working copy lives in `shell.instrument_editor`, every check in `metrics`.
"""

import dataclasses
import json

import streamlit as st

import metrics
from ingest import ExportError, bounded, draft_instrument, instrument_workbook, read_export, read_template
from metrics.instrument import COLLECTIVE_ROLES
from shell import access as access_shell
from shell import data
from shell import instrument_editor as editor
from shell.text import plain, slug
from store import StoreError, mapping_signature

WORKING_KEY = "instrument_working"
GENERATION_KEY = "instrument_generation"  # grows when a new start is loaded, so the editors start afresh
HANDOFF_KEY = "instrument_from_upload"  # (bytes, file name) the Upload page hands over
STARTS = ("The export from the Upload page", "An export file", "An instrument file", "A saved instrument")
FILE_TYPES = ["csv", "tsv", "txt", "xlsx", "xls", "ods"]


def start(working: editor.Working) -> None:
    st.session_state[WORKING_KEY] = working
    st.session_state[GENERATION_KEY] = st.session_state.get(GENERATION_KEY, 0) + 1


def drafted(content: bytes, name: str) -> editor.Working:
    """The draft of an export's own questions (ExportError when it has none)."""
    export = bounded(read_export, content, filename=name)  # in a child process: see ingest._bounded
    draft = bounded(draft_instrument, export, name=name.rsplit(".", 1)[0])
    signature = mapping_signature(export.responses.columns)
    return editor.from_instrument(draft.instrument, f"drafted from {name}", draft.columns, signature, draft.notes)


def from_file(content: bytes, name: str) -> editor.Working:
    """An instrument file: TOML, or the template (XLSX, or its Items sheet as CSV)."""
    if name.lower().endswith(".toml"):
        try:
            instrument = metrics.parse_instrument(content.decode("utf-8-sig"), source=name)
        except UnicodeDecodeError as error:
            raise ValueError(f"{name} is not a text file in UTF-8, so it cannot be an instrument file.") from error
    else:
        reading = bounded(read_template, content, filename=name)
        return editor.from_instrument(reading.instrument, f"read from {name}", notes=reading.notes)
    return editor.from_instrument(instrument, f"read from {name}")


reader = access_shell.require("analyst")
st.title("Instrument")
st.markdown(
    "The **instrument** is the survey the dashboard scores: its questions, the domains they belong to, the answer "
    "scale and which answers count as favourable. Make your agency's own survey the instrument here, then upload "
    "its waves on the Upload page and choose it there. Nothing is stored until you press Save."
)
saved = data.instruments()
default = data.survey().instrument

# 1. Where to start.
st.header("1. Start from")
handed = st.session_state.get(HANDOFF_KEY)
starts = [s for s in STARTS if handed or s != STARTS[0]]
how = st.radio("Start from", starts, key="instrument_start", label_visibility="collapsed")
try:
    if how == STARTS[0]:
        st.caption(f"The file {plain(handed[1])}, as uploaded on the Upload page.")
        if st.button("Draft an instrument from its questions", type="primary", key="instrument_draft_handed"):
            start(drafted(*handed))
    elif how == STARTS[1]:
        export_file = st.file_uploader("Survey export", type=FILE_TYPES, key="instrument_export")
        if export_file is not None and st.button("Draft an instrument from its questions", key="instrument_draft"):
            start(drafted(export_file.getvalue(), export_file.name))
    elif how == STARTS[2]:
        st.caption(
            "A TOML instrument file, or the Excel template (download it below, fill in the Items and Domains sheets "
            "in Excel, and bring it back here)."
        )
        instrument_file = st.file_uploader("Instrument file", type=["toml", "xlsx", "csv"], key="instrument_file")
        if instrument_file is not None and st.button("Read this file", key="instrument_read"):
            start(from_file(instrument_file.getvalue(), instrument_file.name))
    else:
        chosen = st.selectbox("Saved instrument", list(saved), key="instrument_saved")
        versions = data.store().instrument_versions(chosen) if chosen != default.name else None
        version = None
        if versions is not None and len(versions) > 1:  # an earlier version can be reopened, and saved again
            labels = {
                int(row.version): f"Version {row.version}, saved {row.saved_at:%Y-%m-%d %H:%M} UTC by {row.saved_by}"
                for row in versions.itertuples()
            }
            newest = max(labels)
            version = st.selectbox(
                "Version", sorted(labels, reverse=True), format_func=labels.get, key=f"instrument_version_{chosen}"
            )
            version = None if version == newest else version
        if st.button("Open it", key="instrument_open"):
            if version is None:
                start(editor.from_instrument(saved[chosen], f"the saved instrument {chosen}"))
            else:
                text = data.store().instrument_text(chosen, version)
                opened = metrics.parse_instrument(text, source=chosen)
                start(editor.from_instrument(opened, f"version {version} of the saved instrument {chosen}"))
except (ExportError, ValueError) as error:
    st.error(plain(error))

working: editor.Working | None = st.session_state.get(WORKING_KEY)
if working is None:
    st.info("Choose where to start. The template below is the default instrument, ready to fill in Excel.")
    st.download_button(
        "Download the Excel template",
        instrument_workbook(default),
        "instrument-template.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="instrument_template",
    )
    st.stop()
generation = st.session_state.get(GENERATION_KEY, 0)
st.caption(f"Editing: {plain(working.name)} ({plain(working.source)}).")
if working.notes:
    with st.expander(f"What was assumed ({len(working.notes)}): check each against your survey", expanded=True):
        for note in working.notes:
            st.markdown(f"- {plain(note)}")

# 2. Domains and questions. The editors start from the working copy of this generation and are read back each run
# (a data editor keeps its edits against the table it was first given, so that table must not change under it).
st.header("2. Domains")
st.caption(
    "A domain groups questions about one part of the office's work; the pages score each domain. Name each domain "
    "as your staff would recognise it. To **split** a domain, add one below and give some questions its code in "
    "the next section; to **merge** domains, use the boxes at the end of this section."
)
names, descriptions = [], []
for row in working.domains.itertuples(index=False):
    name_col, description_col = st.columns([2, 3])
    names.append(
        name_col.text_input(f"Name of {plain(row.code)}", row.name, key=f"instrument_name_{generation}_{row.code}")
    )
    descriptions.append(
        description_col.text_input(
            f"Description of {plain(row.code)}", row.description, key=f"instrument_description_{generation}_{row.code}"
        )
    )
    words = editor.wording(working, row.code)
    if words != tuple(working.labels):  # a domain asked in its own words says so
        st.caption(f"{plain(row.code)} was answered in its own words: {plain(' · '.join(words))}")
domains = working.domains.assign(name=names, description=descriptions)
codes = [str(code) for code in domains["code"]]
with st.form(f"instrument_add_domain_{generation}", border=False):
    code_col, new_name_col, add_col = st.columns([1, 3, 1], vertical_alignment="bottom")
    new_code = code_col.text_input("New domain's code", key=f"instrument_new_code_{generation}")
    new_name = new_name_col.text_input("New domain's name", key=f"instrument_new_name_{generation}")
    add = add_col.form_submit_button("Add the domain")

st.header("3. Questions")
st.caption(
    "Give each question its domain (by code: "
    + "; ".join(f"{plain(code)} {plain(name)}" for code, name in zip(codes, names, strict=True))
    + ") and mark the ones worded so that agreeing is bad (reverse-coded)."
)
items = st.data_editor(
    working.items,
    key=f"instrument_items_{generation}",
    hide_index=True,
    num_rows="dynamic",
    column_config={
        "code": st.column_config.TextColumn("Code", required=True),
        "domain": st.column_config.SelectboxColumn("Domain", options=codes, required=True),
        "text": st.column_config.TextColumn("Question", width="large"),
        "reverse_coded": st.column_config.CheckboxColumn(
            "Reverse-coded", help="Agreeing is bad (\u201cOur priorities change with every new request\u201d)."
        ),
    },
)
edited = dataclasses.replace(working, domains=domains, items=items)
if add:
    try:
        start(editor.add_domain(edited, new_code, new_name))
        st.rerun()
    except ValueError as error:
        st.error(plain(error))
merge_col, into_col, button_col = st.columns([3, 2, 1], vertical_alignment="bottom")
named = dict(zip(codes, names, strict=True))
merged = merge_col.multiselect(
    "Merge these domains", codes, format_func=lambda c: f"{c} · {named[c]}", key=f"instrument_merge_{generation}"
)
into = into_col.selectbox("into", codes, format_func=lambda c: f"{c} · {named[c]}", key=f"instrument_into_{generation}")
if button_col.button("Merge", disabled=len(merged) < 1 or not into, key=f"instrument_merge_go_{generation}"):
    try:
        start(editor.merge(edited, merged, into))
        st.rerun()
    except ValueError as error:
        st.error(plain(error))
working = edited

# 4. Scale, favourable answers and tiers.
st.header("4. Answer scale")
points = st.slider("Points", 4, 7, len(working.labels), key=f"instrument_points_{generation}")
if points != len(working.labels):
    working = editor.rescale(working, points)
    st.session_state[WORKING_KEY] = working
label_cols = st.columns(points)
working.labels = [
    label_cols[p].text_input(f"Point {working.lo + p}", working.labels[p], key=f"instrument_label_{generation}_{p}")
    for p in range(points)
]
favourable = st.multiselect(
    "Favourable answers",
    list(range(working.lo, working.hi + 1)),
    default=[p for p in working.favorable if working.lo <= p <= working.hi],
    format_func=lambda p: f"{p} · {working.labels[p - working.lo]}",
    key=f"instrument_favourable_{generation}_{points}",
)
working.favorable = favourable
strength_col, developing_col, emerging_col = st.columns(3)
working.tiers = metrics.Tiers(
    strength_col.number_input("Strength from", 0.0, 100.0, working.tiers.strength, key=f"instrument_s_{generation}"),
    developing_col.number_input(
        "Developing from", 0.0, 100.0, working.tiers.developing, key=f"instrument_d_{generation}"
    ),
    emerging_col.number_input("Emerging from", 0.0, 100.0, working.tiers.emerging, key=f"instrument_e_{generation}"),
)

st.header("5. Collective-leadership roles")
st.caption(
    "Shared influence and the collective leadership score ask about particular domains. Say which of yours plays "
    "each role, or leave it empty: those indicators then say they are not reported."
)
role_cols = st.columns(len(COLLECTIVE_ROLES))
domain_names = dict(zip(codes, names, strict=True))
working.roles = {
    role: role_cols[n].selectbox(
        editor.ROLE_WORDS[role],
        ["", *codes],
        index=([""] + codes).index(working.roles.get(role, "")) if working.roles.get(role, "") in codes else 0,
        format_func=lambda code: f"{code} · {domain_names[code]}" if code else "No domain",
        key=f"instrument_role_{generation}_{role}",
    )
    for n, role in enumerate(COLLECTIVE_ROLES)
}
st.session_state[WORKING_KEY] = working

# 6. Problems, then save and download.
st.header("6. Check and save")
working.name = st.text_input("Instrument name", working.name, key=f"instrument_title_{generation}")
try:
    instrument = editor.build(working)
except ValueError as error:
    st.error(f"This instrument cannot be saved yet: {plain(error)}")
    st.stop()
domains_count, items_count = len(instrument.domains), len(instrument.items)
st.success(
    f"{plain(instrument.name)}: {items_count} question(s) in {domains_count} domain(s), on a "
    f"{instrument.scale.size}-point scale from {plain(instrument.scale.labels[0])} to "
    f"{plain(instrument.scale.labels[-1])}."
)
for caution in editor.cautions(instrument, working):
    st.warning(plain(caution))
store = data.store()
waves = store.waves()
using = waves.loc[waves["instrument"] == instrument.name, "wave"].tolist()
if instrument.name == default.name:
    st.info("That is the default instrument's name. Give your own instrument a name of its own to save it.")
    blocked = True
elif using:
    blocked = not st.checkbox(
        f"{len(using)} stored wave(s) are scored with {plain(instrument.name)} ({plain(', '.join(using))}); saving "
        "changes how they are scored. Tick to do so, or save under a new name to keep them as they are.",
        key=f"instrument_rescore_{generation}",
    )
else:
    blocked = False
toml_text = metrics.instrument_toml(instrument)
save_col, toml_col, xlsx_col = st.columns(3, vertical_alignment="bottom")
if save_col.button("Save instrument", type="primary", disabled=blocked, key=f"instrument_save_{generation}"):
    try:
        store.save_instrument(instrument.name, toml_text, who=reader.email)
        signature = working.signature
        if signature and working.columns:  # the export it was drafted from maps to it exactly, now and next wave
            remembered = {"instrument": instrument.name, "columns": working.columns}
            store.save_mapping(signature, json.dumps(remembered, sort_keys=True), who=reader.email)
        data.refresh()
        st.success(
            f"Saved {plain(instrument.name)}. On the Upload page, choose it as the instrument of the waves it scores."
        )
    except StoreError as error:
        st.error(f"Nothing was saved: {plain(error)}")
file_name = slug(instrument.name) or "instrument"
toml_col.download_button(
    "Download as TOML",
    toml_text,
    f"{file_name}.toml",
    "application/toml",
    key=f"instrument_toml_{generation}",
)
xlsx_col.download_button(
    "Download as Excel",
    instrument_workbook(instrument),
    f"{file_name}.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key=f"instrument_xlsx_{generation}",
)
