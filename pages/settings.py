"""Settings (admins): the minimum group size, the response-rate caution line, the tier cut points, and who may
use the dashboard with which role. Every change goes to the audit log."""

import streamlit as st

import access
from pages import access as access_shell
from pages import scope
from store.settings import LABELS

reader = access_shell.require("admin")
st.title("Settings")
current = scope.settings()

st.subheader("Rules every page applies")
with st.form("settings_rules"):
    values = {
        "min_n": st.number_input(LABELS["min_n"], min_value=3, max_value=100, step=1, value=int(current["min_n"])),
        "caution_rate": st.number_input(
            LABELS["caution_rate"], min_value=1.0, max_value=99.0, step=5.0, value=float(current["caution_rate"])
        ),
    }
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
    saved = st.form_submit_button("Save the rules", type="primary")
if saved:
    try:
        scope.store().save_settings(values, who=reader.email)
        st.success("Saved. Every page now applies the new rules.")
    except ValueError as error:
        st.error(f"Nothing was saved: {error}")
st.caption(
    "A larger minimum group size hides more small groups; it can never go below 3. Raising it is the way to reduce "
    "the risks the confidentiality rules do not cover (see Methods)."
)

st.subheader("Who may use the dashboard")
path = access_shell.access_path()
if reader.local:
    st.info(
        "Sign-in is not set up, so the dashboard runs in local mode and these roles do not apply yet. "
        f"They are kept in {path} and take effect once sign-in is set up (README, “Sign-in and roles”)."
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
        st.success(f"Saved {count} people to {path}.")
    except ValueError as error:
        st.error(f"Nothing was saved: {error}")
