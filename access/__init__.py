"""Who may see and do what: people, their roles and agency scopes, from a config file; no Streamlit here.

Why: the dashboard holds confidential staff survey results. Signing in is Streamlit's job (OIDC, `st.login`);
deciding what a signed-in e-mail may see is this module's, as plain functions a test can call. Three roles, each
including the one before: a viewer reads dashboards and board packs, an analyst also uploads, replaces and
deletes waves, rosters and mappings, an admin also reads the audit log and changes settings. In local mode (no
sign-in) the one person at this computer runs their own store file, so they hold every right. A person may be
scoped to some agencies: they then see those agencies and state-wide totals, never another agency's breakdowns.

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

ROLES = ("viewer", "analyst", "admin")
ACCESS_ENV = "EFFECTIVE_OFFICES_ACCESS"
DEFAULT_ACCESS = Path(".streamlit") / "access.toml"
LOCAL_USER = "local analyst"


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
    """Whether a request comes from this computer (no address at all counts: a script or a test)."""
    if not address:
        return True
    try:
        return ipaddress.ip_address(address.split("%")[0]).is_loopback
    except ValueError:
        return address == "localhost"


def reader(
    configured: bool, logged_in: bool, email: str | None, address: str | None, known: Mapping[str, Person]
) -> Person | Refusal:
    """Who is reading. Without an identity provider the dashboard runs in local mode: one local analyst, and
    only from this computer. With one, a signed-in e-mail the config names gets its role; anyone else nothing."""
    if not configured:
        if not is_loopback(address):
            return Refusal(
                "This dashboard runs in local mode (no sign-in is set up), so it opens only on the computer it runs "
                "on. Ask your administrator to set up sign-in to share it."
            )
        return Person(LOCAL_USER, "admin", None, local=True)  # their own computer, their own store file
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
