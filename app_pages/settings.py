"""Settings (admins): the minimum group size, the response-rate caution line, the tier cut points, what comments
show and hide, and who may use the dashboard with which role. Every change goes to the audit log."""

import pandas as pd
import streamlit as st

import access
import metrics
from ingest.comments import Redactor
from shell import access as access_shell
from shell import data
from shell.text import plain
from store import StoreError
from store.settings import LABELS

reader = access_shell.require("admin")
st.title("Settings")
current = data.settings()

st.header("Rules every page applies")
with st.form("settings_rules"):
    values = {
        "min_n": st.number_input(LABELS["min_n"], min_value=3, max_value=100, step=1, value=int(current["min_n"])),
        "caution_rate": st.number_input(
            LABELS["caution_rate"], min_value=1.0, max_value=99.0, step=5.0, value=float(current["caution_rate"])
        ),
    }
    st.caption(
        "The tier cut points of the default instrument (an agency's own instrument carries its own, set on the "
        "Instrument page)."
    )
    strength, developing, emerging = st.columns(3)
    values["tier_strength"] = strength.number_input(
        LABELS["tier_strength"], min_value=1.0, max_value=99.9, step=2.5, value=float(current["tier_strength"])
    )
    values["tier_developing"] = developing.number_input(
        LABELS["tier_developing"], min_value=1.0, max_value=99.9, step=2.5, value=float(current["tier_developing"])
    )
    values["tier_emerging"] = emerging.number_input(
        LABELS["tier_emerging"], min_value=1.0, max_value=99.9, step=2.5, value=float(current["tier_emerging"])
    )
    values["comment_min_n"] = st.number_input(
        LABELS["comment_min_n"], min_value=3, max_value=1000, step=1, value=int(current["comment_min_n"])
    )
    saved = st.form_submit_button("Save the rules", type="primary")
if saved:
    follows = values["comment_min_n"] == int(current["comment_min_n"]) and values["comment_min_n"] < values["min_n"]
    if follows:  # left as it was: it follows the minimum group size up rather than refusing the change
        values["comment_min_n"] = values["min_n"]
    try:
        data.store().save_settings(values, who=reader.email)
        data.refresh()
        raised = f" The comment minimum was raised to {values['min_n']} with it." if follows else ""
        st.success(f"Saved. Every page now applies the new rules.{raised}")
    except ValueError as error:
        st.error(f"Nothing was saved: {plain(error)}")
st.caption(
    "A larger minimum group size hides more small groups; it can never go below 3. Raising it is the way to reduce "
    "the risks the confidentiality rules do not cover (see Methods)."
)

st.header("Comments")
store = data.store()
terms_text = st.text_area(
    "Names and other words to remove from comments, one a line",
    "\n".join(store.redaction_terms()),
    key="settings_terms",
    help="Matched as whole words in any case. Saving also removes them from the comments already stored.",
)
if st.button("Save the list", key="settings_save_terms"):
    terms = [line.strip() for line in terms_text.splitlines() if line.strip()]
    redactor = Redactor(terms)

    def rewrite(texts: pd.Series) -> tuple[pd.Series, int]:
        redacted, counts = redactor.redact_all(texts)
        return redacted, sum(counts.values())

    try:
        changed = store.save_redaction_terms(terms, who=reader.email, rewrite=rewrite)
        st.success(f"Saved {len(terms)} terms; {changed} stored comments had one removed.")
    except (StoreError, ValueError) as error:
        st.error(f"Nothing was saved: {plain(error)}")

st.write(
    "The keywords that sort comments into the domains of each instrument in use (a keyword ending in * matches "
    "every word it starts):"
)
names = {d.code: d.name for instrument in data.survey().instruments for d in instrument.domains}
keywords = st.data_editor(
    data.lexicon(),
    key="settings_lexicon",
    num_rows="dynamic",
    hide_index=True,
    column_config={
        "domain": st.column_config.SelectboxColumn("Domain", options=list(names), required=True),
        "keyword": st.column_config.TextColumn("Keyword", required=True),
    },
)
save_keywords, restore = st.columns([1, 3])
if save_keywords.button("Save the keywords", key="settings_save_lexicon"):
    try:
        store.save_lexicon(data.survey().checked_lexicon(keywords.dropna(how="all")), who=reader.email)
        st.success("Saved. The Comments page now sorts comments by these keywords.")
    except (StoreError, ValueError) as error:
        st.error(f"Nothing was saved: {plain(error)}")
if restore.button("Restore the default keywords", key="settings_restore_lexicon"):
    store.save_lexicon(metrics.load_lexicon(), who=reader.email)
    st.rerun()

st.header("Who may use the dashboard")
path = access_shell.access_path()
if reader.local:
    st.info(
        "Sign-in is not set up, so the dashboard runs in local mode and these roles do not apply yet. "
        f"They are kept in {plain(path)} and take effect once sign-in is set up (README, “Sign-in and roles”)."
    )
table = access_shell.people_table()
edited = st.data_editor(
    table,
    key="settings_people",
    num_rows="dynamic",
    hide_index=True,
    column_config={
        "email": st.column_config.TextColumn("E-mail", required=True),
        "role": st.column_config.SelectboxColumn("Role", options=list(access.ROLES), required=True),
        "agencies": st.column_config.TextColumn("Agencies (separated by ;, empty for all)"),
    },
)
if st.button("Save who may use it", key="settings_save_people"):
    try:
        count = access_shell.save_people(edited, who=reader.email)
        st.success(f"Saved {count} people to {plain(path)}.")
    except ValueError as error:
        st.error(f"Nothing was saved: {plain(error)}")
