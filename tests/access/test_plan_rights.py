"""access: who starts and changes action plans (issue 21, item 4): analysts and admins, within their agencies; a
person scoped to some agencies never a state-wide plan; a viewer none."""

from __future__ import annotations

import pytest

from access import Person

RIVERSIDE = "Riverside Unified School District"
OTHER = "State Office of Early Learning"


@pytest.mark.parametrize(
    ("person", "agency", "allowed"),
    [
        (Person("v@x", "viewer"), None, False),
        (Person("v@x", "viewer"), RIVERSIDE, False),
        (Person("v@x", "viewer", (RIVERSIDE,)), RIVERSIDE, False),
        (Person("a@x", "analyst"), None, True),
        (Person("a@x", "analyst"), OTHER, True),
        (Person("a@x", "analyst", (RIVERSIDE,)), RIVERSIDE, True),
        (Person("a@x", "analyst", (RIVERSIDE,)), OTHER, False),
        (Person("a@x", "analyst", (RIVERSIDE,)), None, False),  # state-wide: speaks for agencies they do not see
        (Person("d@x", "admin", (RIVERSIDE, OTHER)), OTHER, True),
        (Person("d@x", "admin", (RIVERSIDE, OTHER)), None, False),
        (Person("d@x", "admin"), None, True),
    ],
)
def test_who_may_plan_for_an_agency(person, agency, allowed):
    assert person.may_plan(agency) is allowed
