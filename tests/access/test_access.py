"""access: people from the config file, and who may read, with which role and agencies."""

from __future__ import annotations

import pytest

from access import LOCAL_USER, Person, Refusal, is_loopback, people, reader

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
    [("127.0.0.1", True), ("::1", True), (None, True), ("localhost", True), ("10.0.0.7", False), ("8.8.8.8", False)],
)
def test_loopback_addresses(address, loopback):
    assert is_loopback(address) is loopback


def test_who_reads():
    known = people(CONFIG)
    local = reader(False, False, None, "127.0.0.1", {})
    assert local == Person(LOCAL_USER, "admin", None, local=True)
    away = reader(False, False, None, "10.0.0.7", {})
    assert isinstance(away, Refusal) and "local mode" in away.message and not away.sign_in
    assert reader(True, False, None, "10.0.0.7", known) == Refusal(
        "Sign in with your organisation's account to see the survey results.", sign_in=True
    )
    stranger = reader(True, True, "someone@else.example", "10.0.0.7", known)
    assert isinstance(stranger, Refusal) and "someone@else.example" in stranger.message
    assert reader(True, True, " DIRECTOR@riverside.example ", "10.0.0.7", known).role == "viewer"
