"""Access in the running app: local mode, sign-in, roles in the navigation, an agency-scoped viewer, the audit log.

Signing in itself is the identity provider's job; these tests stand in for it by replacing
`shell.access._identity` (is a provider configured, is the reader signed in, their e-mail, their address).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from access import ACCESS_ENV

ROOT = Path(__file__).resolve().parents[2]
RIVERSIDE = "Riverside Unified School District"
ACCESS = f"""
[[person]]
email = "director@riverside.example"
role = "viewer"
agencies = ["{RIVERSIDE}"]

[[person]]
email = "admin@sea.example"
role = "admin"
"""


@pytest.fixture
def signed_in(tmp_path, monkeypatch):
    """Sign in as the given e-mail (None: not signed in) through a configured provider."""
    path = tmp_path / "access.toml"
    path.write_text(ACCESS, encoding="utf-8")
    monkeypatch.setenv(ACCESS_ENV, str(path))

    def as_(email: str | None) -> AppTest:
        monkeypatch.setattr("shell.access._identity", lambda: (True, email is not None, email, "10.1.2.3"))
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
        at.run()
        assert not at.exception
        return at

    return as_


def local_mode_notes(blocks) -> list[str]:
    return [block.value for block in blocks if "Local mode" in block.value]


def test_local_mode_says_so_and_its_one_user_may_upload_and_change_settings():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    assert not at.exception
    assert len(local_mode_notes(at.sidebar.markdown)) == 1  # one small line in the sidebar, as a signed-in reader's
    assert not local_mode_notes([*at.main.markdown, *at.main.caption, *at.main.info])  # the first screen is data
    at.switch_page("app_pages/upload.py").run()
    assert not at.exception and at.title[0].value == "Upload a survey wave"
    at.switch_page("app_pages/settings.py").run()
    assert not at.exception and at.title[0].value == "Settings"


def test_presentation_mode_leaves_the_local_mode_note_out():
    """Issue 22: a projector shows the data, not who is reading (also from a link's first run)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["present"] = "1"
    at.run()
    assert not at.exception and at.button(key="presentation_leave")
    assert not local_mode_notes([*at.markdown, *at.caption])
    at.button(key="presentation_leave").click().run()
    assert len(local_mode_notes(at.sidebar.markdown)) == 1  # back when the mode is left


def test_nobody_signed_in_sees_only_the_sign_in_page(signed_in):
    at = signed_in(None)
    assert "Sign in with your organisation's account" in at.info[0].value
    assert [b.key for b in at.button] == ["access_sign_in"]
    assert not at.get("vega_lite_chart") and not at.sidebar.selectbox


def test_an_unknown_account_is_told_to_ask_an_admin(signed_in):
    at = signed_in("stranger@else.example")
    assert "stranger@else.example" in at.info[0].value and "Ask an administrator" in at.info[0].value
    assert not at.get("vega_lite_chart")


def test_a_scoped_viewer_sees_their_agency_and_state_totals_only(signed_in):
    at = signed_in("director@riverside.example")
    agency = next(box for box in at.sidebar.selectbox if box.label == "Agency")
    assert agency.options == ["All agencies", RIVERSIDE]
    unit = next(box for box in at.sidebar.selectbox if box.label == "Unit")
    assert unit.options == ["All units"]  # no unit of another agency, even pooled by name
    at.switch_page("app_pages/units.py").run()
    grid = at.dataframe[0].value
    agencies = {str(v).split(" · ")[0] for v in grid.iloc[:, 0] if "Reliability" not in str(v)}
    assert agencies == {RIVERSIDE}
    with pytest.raises(ValueError, match="Could not find a navigation page"):  # not in a viewer's navigation
        at.switch_page("app_pages/upload.py")
    at.switch_page("app_pages/board_pack.py").run()
    assert not at.exception
    assert "Choose one of your agencies in the sidebar" in at.info[0].value  # no pack of every agency
    assert not [b for b in at.button if b.key == "board_pack_build"]
    next(box for box in at.sidebar.selectbox if box.label == "Agency").select(RIVERSIDE).run()
    assert not at.exception and not at.info
    assert [b.key for b in at.button if b.key == "board_pack_build"] == ["board_pack_build"]


def test_an_admin_reads_the_audit_log_including_board_pack_downloads(signed_in):
    at = signed_in("admin@sea.example")
    assert any("Signed in as admin@sea.example (admin)" in c.value.replace("\\", "") for c in at.sidebar.caption)
    at.switch_page("app_pages/audit.py").run()
    assert not at.exception and at.title[0].value == "Audit log"
    log = at.dataframe[0].value
    assert "Saved a wave" in set(log["What"])  # the sample waves, saved on first start


def test_an_admin_raises_the_minimum_group_size_and_every_page_follows(signed_in, tmp_path, monkeypatch):
    """With min_n raised to 40, a unit of 29-41 people (Data & Assessment) is refused as a filter, the change is
    in the audit log with who made it, and a value below 3 is refused with nothing stored."""
    from store import STORE_ENV, open_store

    path = tmp_path / "settings.duckdb"
    monkeypatch.setenv(STORE_ENV, str(path))
    at = signed_in("admin@sea.example")
    at.switch_page("app_pages/settings.py").run()
    at.number_input[0].set_value(40)  # inside a form: sent with the submit button
    next(b for b in at.button if b.label == "Save the rules").click().run()
    assert not at.exception and "Saved" in at.success[0].value
    assert open_store(path).settings()["min_n"] == 40
    log = open_store(path).audit_log()
    assert log.iloc[-1][["who", "action"]].tolist() == ["admin@sea.example", "save_settings"]
    at.switch_page("app_pages/overview.py").run()
    next(b for b in at.sidebar.selectbox if b.label == "Agency").select("State Office of Early Learning").run()
    next(b for b in at.sidebar.selectbox if b.label == "Unit").select("Data & Assessment").run()
    assert "fewer than 40 people" in " ".join(i.value for i in at.info)


def test_an_admin_saves_who_may_use_the_dashboard(signed_in, monkeypatch, tmp_path):
    """The people table writes the access file after the reader's own checks; the new person can sign in."""
    import access
    from shell import access as access_shell

    at = signed_in("admin@sea.example")
    edited = access_shell.people_table()
    edited.loc[len(edited)] = ["new.viewer@maple.example", "viewer", "Maple Valley Public Schools"]
    count = access_shell.save_people(edited, who="admin@sea.example")
    assert count == 3
    saved = access.people(access_shell.access_path().read_text(encoding="utf-8"))
    assert saved["new.viewer@maple.example"].agencies == ("Maple Valley Public Schools",)
    edited.loc[len(edited)] = ["bad@x.example", "boss", ""]
    with pytest.raises(ValueError, match="not one of viewer, analyst, admin"):
        access_shell.save_people(edited, who="admin@sea.example")
    assert len(access.people(access_shell.access_path().read_text(encoding="utf-8"))) == 3  # nothing written
    newcomer = signed_in("new.viewer@maple.example")
    assert next(b for b in newcomer.sidebar.selectbox if b.label == "Agency").options == [
        "All agencies",
        "Maple Valley Public Schools",
    ]
    assert not at.exception


def test_a_scoped_viewer_compares_comment_themes_of_their_own_agency_only(signed_in):
    """With all agencies in view, the themes by agency list Riverside alone for its director (the state-wide
    total stays); an admin sees every agency that has enough commenters."""
    director = signed_in("director@riverside.example")
    director.switch_page("app_pages/comments.py").run()
    assert not director.exception
    shares = director.dataframe[-2].value  # the themes-by-group table (a row a group); the last lists every comment
    assert shares["Agency"].tolist() == [RIVERSIDE]
    admin = signed_in("admin@sea.example")
    admin.switch_page("app_pages/comments.py").run()
    assert RIVERSIDE in set(admin.dataframe[-2].value["Agency"]) and len(admin.dataframe[-2].value) > 1
