"""access: people from the config file, and who may read, with which role and agencies."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from access import LOCAL_HOSTS, LOCAL_MODE_ENV, LOCAL_USER, Person, Refusal, is_local_host, is_loopback, people, reader

ROOT = Path(__file__).resolve().parents[2]

CONFIG = """
[[person]]
email = "Director@Riverside.example"
role = "viewer"
agencies = ["Riverside Unified School District"]

[[person]]
email = "analyst@sea.example"
role = "analyst"

[[person]]
email = "admin@sea.example"
role = "ADMIN"
"""


def test_people_are_read_by_lower_case_email_with_roles_and_agencies():
    found = people(CONFIG)
    assert found["director@riverside.example"] == Person(
        "director@riverside.example", "viewer", ("Riverside Unified School District",)
    )
    assert found["analyst@sea.example"].agencies is None
    assert found["admin@sea.example"].role == "admin"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[person]]\nemail = "a@b"\nrole = "boss"\n', "not one of viewer, analyst, admin"),
        ('[[person]]\nrole = "viewer"\n', "Person 1 of the access file has no e-mail"),
        ('[[person]]\nemail = "a@b"\nrole = "viewer"\n[[person]]\nemail = "A@B"\nrole = "admin"\n', "appears twice"),
        ('[[person]]\nemail = "a@b"\nrole = "viewer"\nagencies = []\n', "agencies must be a list"),
        ("[[person]\n", "not valid TOML"),
    ],
)
def test_a_bad_access_file_is_refused_naming_the_entry(text, message):
    with pytest.raises(ValueError, match=message):
        people(text)


def test_roles_include_the_ones_below_and_scopes_limit_agencies():
    viewer = Person("v@x", "viewer", ("A",))
    admin = Person("a@x", "admin")
    assert viewer.may("viewer") and not viewer.may("analyst") and not viewer.may("admin")
    assert admin.may("viewer") and admin.may("analyst") and admin.may("admin")
    assert viewer.sees("A") and not viewer.sees("B") and admin.sees("B")


@pytest.mark.parametrize(
    ("address", "loopback"),
    [
        ("127.0.0.1", True),
        ("::1", True),
        ("localhost", True),
        ("::ffff:127.0.0.1", True),  # an IPv4 client of a server listening on "::"
        (None, False),  # not known (Streamlit's agent API, a script): never assumed to be this computer
        ("", False),
        ("10.0.0.7", False),
        ("8.8.8.8", False),
        ("::ffff:10.0.0.7", False),
        ("0.0.0.0", False),  # every network address, not this computer's own
        ("::", False),
        ("evil.example", False),
    ],
)
def test_loopback_addresses(address, loopback):
    assert is_loopback(address) is loopback


@pytest.mark.parametrize(
    ("host", "local"),
    [
        ("localhost:8501", True),
        ("LOCALHOST:8501", True),
        ("127.0.0.1:8501", True),
        ("[::1]:8501", True),
        ("localhost", True),
        ("evil.example:8501", False),  # a page of evil.example whose name now points at 127.0.0.1 (DNS rebinding)
        ("evil.example", False),
        ("evil.example@localhost:8501", False),
        ("localhost.evil.example", False),
        ("192.168.1.20:8501", False),
        ("", False),
        (None, False),
    ],
)
def test_local_host_names(host, local):
    assert is_local_host(host) is local


LOCAL = {"local_mode": True, "server_address": "localhost", "host": "localhost:8501"}  # as `make run` opens it


def test_local_mode_lets_in_the_one_person_at_this_computer():
    assert reader(False, False, None, "127.0.0.1", {}, **LOCAL) == Person(LOCAL_USER, "admin", None, local=True)
    assert reader(False, False, None, "::1", {}, **{**LOCAL, "host": "[::1]:8501"}).local
    assert reader(False, False, None, "::ffff:127.0.0.1", {}, **LOCAL).local


@pytest.mark.parametrize(
    "address",
    [
        "10.0.0.7",  # another machine
        None,  # a session no browser opened: Streamlit's agent API, which may be driven from anywhere
    ],
)
def test_local_mode_refuses_a_request_not_known_to_come_from_this_computer(address):
    refused = reader(False, False, None, address, {}, **LOCAL)
    assert isinstance(refused, Refusal) and not refused.sign_in
    assert "opens only on the computer it runs on" in refused.message


def test_local_mode_refuses_a_page_of_another_site_that_points_its_name_here():
    refused = reader(False, False, None, "127.0.0.1", {}, **{**LOCAL, "host": "evil.example:8501"})
    assert isinstance(refused, Refusal) and "http://localhost" in refused.message
    assert isinstance(reader(False, False, None, "127.0.0.1", {}, **{**LOCAL, "host": None}), Refusal)


def test_without_sign_in_local_mode_must_be_asked_for():
    refused = reader(False, False, None, "127.0.0.1", {}, server_address="localhost", host="localhost:8501")
    assert isinstance(refused, Refusal) and not refused.sign_in
    assert f"{LOCAL_MODE_ENV}=1" in refused.message and "sign-in" in refused.message


@pytest.mark.parametrize("server_address", ["0.0.0.0", "192.168.1.20", "::", "", None])
def test_local_mode_refuses_to_run_on_a_server_other_computers_can_reach(server_address):
    """Streamlit listens on every network address when none is set, so no address is refused too."""
    refused = reader(False, False, None, "127.0.0.1", {}, **{**LOCAL, "server_address": server_address})
    assert isinstance(refused, Refusal)
    assert "--server.address localhost" in refused.message
    assert (server_address or "every network address") in refused.message


def test_sign_in_takes_over_from_local_mode():
    """With an identity provider set up, local mode asked for as well changes nothing: nobody is let in unsigned."""
    refused = reader(True, False, None, "127.0.0.1", people(CONFIG), **LOCAL)
    assert refused == Refusal("Sign in with your organisation's account to see the survey results.", sign_in=True)


def test_the_server_config_listens_and_answers_for_this_computer_only():
    """`.streamlit/config.toml` (what `streamlit run app.py` reads) binds to loopback and lets Streamlit itself
    refuse a connection for any other host name, the names local mode accepts."""
    server = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["server"]
    assert is_loopback(server["address"])
    assert server["allowedHosts"] == list(LOCAL_HOSTS)


def test_who_reads():
    known = people(CONFIG)
    away = reader(False, False, None, "10.0.0.7", {}, **LOCAL)
    assert isinstance(away, Refusal) and "local mode" in away.message and not away.sign_in
    assert reader(True, False, None, "10.0.0.7", known) == Refusal(
        "Sign in with your organisation's account to see the survey results.", sign_in=True
    )
    stranger = reader(True, True, "someone@else.example", "10.0.0.7", known)
    assert isinstance(stranger, Refusal) and "someone@else.example" in stranger.message
    assert reader(True, True, " DIRECTOR@riverside.example ", "10.0.0.7", known).role == "viewer"
