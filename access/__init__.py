"""Who may see and do what: people, their roles and agency scopes, from a config file; no Streamlit here.

Why: the dashboard holds confidential staff survey results. Signing in is Streamlit's job (OIDC, `st.login`);
deciding what a signed-in e-mail may see is this module's, as plain functions a test can call. Three roles, each
including the one before: a viewer reads dashboards and board packs, an analyst also uploads, replaces and
deletes waves, rosters and mappings, an admin also reads the audit log and changes settings. In local mode (no
sign-in) the one person at this computer runs their own store file, so they hold every right; that is why local
mode must be asked for (`EFFECTIVE_OFFICES_LOCAL_MODE=1`) and lets in only what is known to be this computer: a
server listening on loopback, a connection from loopback, a browser that asked for localhost by name. Anything not
known (no address, no Host) is refused, never assumed local. A person may be scoped to some agencies: they then
see those agencies and state-wide totals, never another agency's breakdowns.

The config file (TOML, `EFFECTIVE_OFFICES_ACCESS`, default `.streamlit/access.toml`):

    [[person]]
    email = "director@riverside.k12.example"
    role = "viewer"
    agencies = ["Riverside Unified School District"]   # leave out for every agency
"""

from __future__ import annotations

import ipaddress
import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROLES = ("viewer", "analyst", "admin")
ACCESS_ENV = "EFFECTIVE_OFFICES_ACCESS"
DEFAULT_ACCESS = Path(".streamlit") / "access.toml"
LOCAL_USER = "local analyst"
LOCAL_MODE_ENV = "EFFECTIVE_OFFICES_LOCAL_MODE"  # "1" turns local mode on; anything else leaves it off
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")  # the names a browser on this computer opens it by (config.toml too)
PLANNER = "analyst"  # the least role that starts and changes action plans


@dataclass(frozen=True)
class Person:
    """A signed-in reader the config names: e-mail (lower case), role, and the agencies they may see (None:
    all)."""

    email: str
    role: str
    agencies: tuple[str, ...] | None = None
    local: bool = False

    def may(self, role: str) -> bool:
        """Whether this person holds `role` or a higher one."""
        return ROLES.index(self.role) >= ROLES.index(role)

    def sees(self, agency: str) -> bool:
        return self.agencies is None or agency in self.agencies

    def may_plan(self, agency: str | None) -> bool:
        """Whether this person may start or change an action plan of `agency` (None: a state-wide plan). Viewers
        only read plans; one scoped to some agencies never writes a state-wide plan, which speaks for agencies they
        do not see."""
        return self.may(PLANNER) and (self.agencies is None or agency in self.agencies)


@dataclass(frozen=True)
class Refusal:
    """Why nobody, or this person, may use the dashboard now; `sign_in` when signing in would help."""

    message: str
    sign_in: bool = False


def people(text: str) -> dict[str, Person]:
    """The people of a config file's text, by lower-case e-mail. Raises ValueError naming the entry at fault."""
    try:
        entries = tomllib.loads(text).get("person", [])
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"The access file is not valid TOML: {error}.") from None
    found: dict[str, Person] = {}
    for number, entry in enumerate(entries, start=1):
        email = str(entry.get("email", "")).strip().lower()
        role = str(entry.get("role", "")).strip().lower()
        if "@" not in email:
            raise ValueError(f"Person {number} of the access file has no e-mail address.")
        if role not in ROLES:
            raise ValueError(f"{email}: role '{role}' is not one of {', '.join(ROLES)}.")
        if email in found:
            raise ValueError(f"{email} appears twice in the access file.")
        agencies = entry.get("agencies")
        if agencies is not None and (not isinstance(agencies, list) or not agencies):
            raise ValueError(f"{email}: agencies must be a list of agency names (leave it out for all).")
        found[email] = Person(email, role, tuple(str(a) for a in agencies) if agencies is not None else None)
    return found


def is_loopback(address: str | None) -> bool:
    """Whether an address (an IP, `localhost`) is this computer's own. No address is not: a session no browser
    opened (Streamlit's agent API) has none, wherever it is driven from. An IPv4 client of a server listening on
    "::" arrives as ::ffff:127.0.0.1."""
    if not address:
        return False
    if address.lower() == "localhost":
        return True
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return False
    return (getattr(ip, "ipv4_mapped", None) or ip).is_loopback


def is_local_host(host: str | None) -> bool:
    """Whether a request's Host header names this computer (one of LOCAL_HOSTS, any port). A page of another site
    that made its own name point at 127.0.0.1 (DNS rebinding) reaches the server with its own name, and is refused."""
    try:
        parts = urlsplit(f"//{host or ''}")
    except ValueError:  # not a host name at all, such as an unclosed "[::1"
        return False
    return parts.hostname in LOCAL_HOSTS and parts.username is None and not parts.path


def local_refusal(
    local_mode: bool, server_address: str | None, address: str | None, host: str | None
) -> Refusal | None:
    """Why local mode may not let this request in, or None when it may: it was asked for, the server listens on
    this computer only (Streamlit listens everywhere when no address is set), and the request is known to come
    from a browser on this computer."""
    if not local_mode:
        return Refusal(
            "No sign-in is set up, so nobody is let in. To use the dashboard on this computer alone, start it in "
            f"local mode: `{LOCAL_MODE_ENV}=1 streamlit run app.py` (what `make run` does). To share it, set up "
            'sign-in (README, "Sign-in and roles").'
        )
    if not is_loopback(server_address):
        return Refusal(
            "Local mode opens the dashboard only on the computer it runs on, but this server listens on "
            f"{server_address or 'every network address'}, where other computers can reach it. Start it with "
            "`--server.address localhost`, or set up sign-in to share it."
        )
    if not (is_loopback(address) and is_local_host(host)):
        return Refusal(
            "This dashboard runs in local mode (no sign-in is set up), so it opens only on the computer it runs on, "
            "at http://localhost. Ask your administrator to set up sign-in to share it."
        )
    return None


def reader(
    configured: bool,
    logged_in: bool,
    email: str | None,
    address: str | None,
    known: Mapping[str, Person],
    *,
    local_mode: bool = False,
    server_address: str | None = None,
    host: str | None = None,
) -> Person | Refusal:
    """Who is reading. With an identity provider, a signed-in e-mail the config names gets its role; anyone else
    nothing. Without one, local mode when asked for: one local analyst, only from this computer (local_refusal)."""
    if not configured:
        refusal = local_refusal(local_mode, server_address, address, host)
        return refusal or Person(LOCAL_USER, "admin", None, local=True)  # their own computer, their own store file
    if not logged_in:
        return Refusal("Sign in with your organisation's account to see the survey results.", sign_in=True)
    person = known.get((email or "").strip().lower())
    if person is None:
        return Refusal(
            f"Your account ({email}) has no access to these results yet. Ask an administrator to add it, or sign "
            "out and use another account."
        )
    return person


def people_text(entries: list[tuple[str, str, list[str]]]) -> str:
    """An access file's text for (e-mail, role, agencies) entries; no agencies means every agency."""
    blocks = []
    for email, role, agencies in entries:
        lines = ["[[person]]", f"email = {json.dumps(email.strip())}", f"role = {json.dumps(role.strip().lower())}"]
        if agencies:
            lines.append(f"agencies = [{', '.join(json.dumps(a) for a in agencies)}]")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"
