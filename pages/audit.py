"""Audit log (admins): who uploaded, replaced or deleted a wave, changed a roster, mapping, setting or action plan,
or took a board pack, and when."""

import streamlit as st

from metrics.spreadsheet import csv_bytes
from shell import access as access_shell
from shell import data

ACTIONS = {
    "save_wave": "Saved a wave",
    "replace_wave": "Replaced a wave",
    "delete_wave": "Deleted a wave",
    "save_roster": "Saved a roster",
    "save_mapping": "Confirmed a mapping",
    "save_instrument": "Saved an instrument",
    "download_board_pack": "Downloaded a board pack",
    "save_settings": "Changed settings",
    "save_access": "Changed who has access",
    "create_plan": "Started an action plan",
    "edit_plan": "Edited an action plan",
    "close_plan": "Closed an action plan",
    "reopen_plan": "Reopened an action plan",
    "edit_redaction_terms": "Changed the names removed from comments",
    "edit_lexicon": "Changed the theme keywords",
    "migrate": "Upgraded the store",
}

access_shell.require("admin")
st.title("Audit log")
st.markdown(
    "Every change to the stored survey data, settings and action plans, and every board pack taken, with who and "
    "when (UTC)."
)
log = data.store().audit_log().sort_values("id", ascending=False)
log["what"] = log["action"].map(ACTIONS).fillna(log["action"])
kinds = sorted(log["what"].unique())
chosen = st.multiselect("Show", kinds, default=kinds, key="audit_actions")
shown = log[log["what"].isin(chosen)]
table = shown[["at", "who", "what", "wave", "filename", "detail"]].rename(
    columns={
        "at": "When (UTC)",
        "who": "Who",
        "what": "What",
        "wave": "Wave",
        "filename": "File",
        "detail": "Details",
    }
)
st.dataframe(table, hide_index=True)
st.download_button("Download the log (CSV)", csv_bytes(table), "audit-log.csv", "text/csv", key="audit_download")
st.caption(f"{len(shown):,} of {len(log):,} entries.")
