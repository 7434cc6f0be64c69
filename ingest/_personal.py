"""Which columns hold personal data, told by their headers alone, so they are dropped before anything keeps them.

Why: the dashboard reports on groups, never on people. Names, e-mail addresses, IP addresses, locations, phone
numbers and the references a survey tool links to a person (external or data references, custom data) are dropped
on reading, and the notes name the columns dropped, never a value. Response ids (ResponseId, Respondent ID, ID) are
not personal: they identify a response, not a person, and are kept.
"""

from __future__ import annotations

import re

PERSONAL = frozenset(
    {
        # names
        "name",
        "fullname",
        "firstname",
        "lastname",
        "surname",
        "respondentname",
        "recipientname",
        "recipientfirstname",
        "recipientlastname",
        # e-mail, phone, user names
        "email",
        "emailaddress",
        "recipientemail",
        "username",
        "phone",
        "phonenumber",
        "recipientphonenumber",
        # network and place
        "ip",
        "ipaddress",
        "ipadresse",
        "latitude",
        "longitude",
        "locationlatitude",
        "locationlongitude",
        # references a tool links to a person
        "externalreference",
        "externaldatareference",
        "externalref",
        "datareference",
    }
)
CUSTOM_DATA = re.compile(r"customdata\d*")


def _key(text: str) -> str:
    """Lower case, letters and digits only: 'E-mail Address' and 'EmailAddress' meet as 'emailaddress'."""
    return re.sub(r"[^0-9a-z]", "", text.casefold())


def is_personal(*headers: str) -> bool:
    """True when any of a column's header cells (export tag, question text, answer label) names personal data."""
    for header in headers:
        key = _key(header)
        if key in PERSONAL or CUSTOM_DATA.fullmatch(key):
            return True
    return False
