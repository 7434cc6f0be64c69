"""Audit log (admins): who uploaded, replaced or deleted a wave, changed a roster, mapping, setting or action plan,
or took a board pack, and when."""

import json

import pandas as pd
import streamlit as st

from metrics.spreadsheet import csv_bytes
from shell import access as access_shell
from shell import data
from shell.tables import fitted_table
from shell.text import WRAPPED_ROW_PX

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


def readable(detail: str) -> str:
    """A detail kept as JSON ({"answers": 76577, "previous_rows": 0}) in words: "answers 76,577 · previous rows 0"."""
    try:
        found = json.loads(detail)
    except (TypeError, ValueError):
        return "" if detail is None or pd.isna(detail) else str(detail)
    if not isinstance(found, dict):
        return str(found)
    words = []
    for key, value in found.items():
        whole = isinstance(value, int) and not isinstance(value, bool)
        words.append(f"{str(key).replace('_', ' ')} {f'{value:,}' if whole else value}")
    return " · ".join(words)


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
# on screen: fewer, narrower columns that fit a 1280-pixel screen, the details in words; the CSV keeps them all
on_screen = pd.DataFrame(
    {
        "When (UTC)": shown["at"].dt.strftime("%Y-%m-%d %H:%M"),
        "Who": shown["who"],
        "What": shown["what"],
        "Wave · file": [
            " · ".join(str(part) for part in parts if isinstance(part, str) and part)
            for parts in zip(shown["wave"], shown["filename"], strict=True)
        ],
        "Details": shown["detail"].map(readable),
    }
)
fitted_table(
    on_screen,
    {"When (UTC)": 125, "Who": 130, "What": 170, "Wave · file": 160, "Details": 190},
    row_height=WRAPPED_ROW_PX,
)
st.download_button("Download the log (CSV)", csv_bytes(table), "audit-log.csv", "text/csv", key="audit_download")
st.caption(f"{len(shown):,} of {len(log):,} entries.")
