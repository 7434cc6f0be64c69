"""The shell's side of access (not a page): who is reading, from Streamlit's sign-in, and what they may see.

`access` decides; this module only asks Streamlit (secrets, `st.user`, the connection's address and Host header,
the server's address) and the environment (local mode asked for), and keeps the answer for the session's pages.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit import runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

import access
from shell import data, presentation
from shell.text import plain

PERSON_KEY = "access_person"


def _identity() -> tuple[bool, bool, str | None, str | None]:
    """(an identity provider is configured, the reader is signed in, their e-mail, their address)."""
    try:
        configured = "auth" in st.secrets
    except Exception:  # no secrets file at all: no sign-in
        configured = False
    logged_in = bool(configured and st.user.is_logged_in)
    email = st.user.get("email") if logged_in else None
    return configured, logged_in, email, _request()[0]


def _request() -> tuple[str | None, str | None]:
    """(the address this session's connection comes from, the Host header it was opened with), None for what is
    not known. The address is the connection's own: `st.context.ip_address` reads None both for a browser on this
    computer and for a session no browser opened (Streamlit's agent API, AppTest), and only the first is local.
    The page tests replace this function to stand in for a browser (tests/pages/conftest.py)."""
    try:
        address = runtime.get_instance().get_client(get_script_run_ctx().session_id).client_context.remote_ip
    except Exception:  # no session or no client: not known
        address = None
    host = st.context.headers.get("Host")
    return address if isinstance(address, str) else None, host if isinstance(host, str) else None


def access_path() -> Path:
    return Path(os.environ.get(access.ACCESS_ENV, access.DEFAULT_ACCESS))


@st.cache_data(show_spinner=False)
def _people(path: str, modified: float) -> dict[str, access.Person]:
    return access.people(Path(path).read_text(encoding="utf-8"))


def known_people() -> dict[str, access.Person]:
    path = access_path()
    if not path.exists():
        return {}
    return _people(str(path), path.stat().st_mtime)


def gate() -> access.Person:
    """The reader. Anyone else gets a navigation of one page saying why (with a sign-in button when signing in
    would help), and the run stops: the refused reader's navigation holds that one page, so no URL opens another."""
    st.session_state.pop(PERSON_KEY, None)
    configured, logged_in, email, address = _identity()
    try:
        outcome = access.reader(
            configured,
            logged_in,
            email,
            address,
            known_people() if configured else {},
            local_mode=os.environ.get(access.LOCAL_MODE_ENV) == "1",
            server_address=st.get_option("server.address"),
            host=_request()[1],
        )
    except ValueError as error:
        outcome = access.Refusal(f"The access settings could not be read, so nobody can be let in: {error}")
    if isinstance(outcome, access.Refusal):
        signed_in = configured and logged_in
        st.navigation([st.Page(lambda: _refused(outcome, signed_in), title="Sign in", url_path="sign-in")]).run()
        st.stop()
    st.session_state[PERSON_KEY] = outcome
    return outcome


def _refused(refusal: access.Refusal, signed_in: bool) -> None:
    st.title("Effective Offices")
    st.info(refusal.message)
    if refusal.sign_in:
        st.button("Sign in", type="primary", on_click=st.login, key="access_sign_in")
    elif signed_in:
        st.button("Sign out", on_click=st.logout, key="access_sign_out")


def person() -> access.Person:
    """The reader `gate` let in this run; a page run without the gate (never through app.py) stops here."""
    reader = st.session_state.get(PERSON_KEY)
    if reader is None:
        st.info("Open the dashboard from its home page to sign in.")
        st.stop()
    return reader


def require(role: str) -> access.Person:
    """The reader, when they hold `role`; otherwise the page says so and stops."""
    reader = person()
    if not reader.may(role):
        st.info(f"This page is for {role}s. Ask an administrator if you need it.")
        st.stop()
    return reader


def banner(reader: access.Person) -> None:
    """Say plainly who is reading, in one line at the foot of the sidebar (the first screen is for the data):
    local mode, or the signed-in account with a way to sign out. Nothing in presentation mode, which is for an
    audience."""
    if presentation.on():
        return
    if reader.local:
        st.sidebar.markdown(
            ":small[:material/lock: **Local mode**: no sign-in is set up, so this dashboard opens only on this "
            "computer.]"
        )
        return
    with st.sidebar:
        scoped = f" · {', '.join(reader.agencies)}" if reader.agencies else ""
        st.caption(plain(f"Signed in as {reader.email} ({reader.role}{scoped})"))
        st.button("Sign out", on_click=st.logout, key="access_sign_out")


def visible_agencies(agencies: list[str]) -> list[str]:
    """The agencies the reader may choose."""
    reader = person()
    return [agency for agency in agencies if reader.sees(agency)]


def visible_rows(table: pd.DataFrame) -> pd.DataFrame:
    """A breakdown's rows without other agencies' groups, for a reader scoped to some agencies (totals across
    all agencies stay: they are state-wide aggregates, and hiding more rows never reveals anything)."""
    reader = person()
    if reader.agencies is None or "agency" not in table.columns:
        return table
    return table[table["agency"].astype(str).isin(reader.agencies)]


def people_table() -> pd.DataFrame:
    """The access file's people as an editable table (agencies joined with "; ")."""
    rows = [
        {"email": p.email, "role": p.role, "agencies": "; ".join(p.agencies or ())} for p in known_people().values()
    ]
    return pd.DataFrame(rows, columns=["email", "role", "agencies"]).astype(str)


def save_people(table: pd.DataFrame, who: str) -> int:
    """Write the edited table to the access file, after the same checks as reading it (ValueError in plain
    words, nothing written), replacing the file in one step; audited with who and how many."""
    text = access.people_text(
        [
            (str(row.email), str(row.role), [a.strip() for a in str(row.agencies or "").split(";") if a.strip()])
            for row in table.dropna(subset=["email"]).itertuples()
        ]
    )
    count = len(access.people(text))
    path = access_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
    data.store().record("save_access", who=who, detail={"people": count})
    return count
