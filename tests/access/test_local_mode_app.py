"""Local mode in the running app (AppTest): it must be asked for, and it lets in a browser on this computer only.

AppTest opens a session as Streamlit's agent API does: no connection address, no Host header. The page tests
stand in for a browser on this computer through `shell.access._request` (tests/pages/conftest.py); here the real
one runs unless a test says otherwise.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from access import LOCAL_MODE_ENV
from shell import access as access_shell
from store import STORE_ENV

ROOT = Path(__file__).resolve().parents[2]
REAL_REQUEST = access_shell._request  # kept before any page test's stand-in browser replaces it


@pytest.fixture
def app(tmp_path, monkeypatch):
    """Run app.py in local mode (as `make run` starts it) on a store of its own, from a browser given as (address,
    Host header); None: the real `_request`, which knows neither in AppTest."""
    monkeypatch.setenv(STORE_ENV, str(tmp_path / "local.duckdb"))
    monkeypatch.setenv(LOCAL_MODE_ENV, "1")

    def run(browser: tuple[str | None, str | None] | None = None) -> AppTest:
        monkeypatch.setattr("shell.access._request", REAL_REQUEST if browser is None else lambda: browser)
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
        at.run()
        assert not at.exception
        return at

    return run


def refused_with(at: AppTest) -> str:
    """The one message a refused reader sees, after checking that nothing else is there."""
    assert "access_person" not in at.session_state
    assert not at.sidebar.selectbox and not at.get("vega_lite_chart")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("app_pages/upload.py")
    assert len(at.info) == 1
    return at.info[0].value


def test_a_session_without_an_address_gets_nothing_in_local_mode(app):
    """The tester's case: with --server.enableAgentApi, a session no browser opened carries no address; it was
    let in as the local analyst (admin) and deleted a wave from another machine."""
    assert "opens only on the computer it runs on" in refused_with(app())


def test_another_machine_gets_nothing_in_local_mode(app):
    assert "opens only on the computer it runs on" in refused_with(app(("10.0.0.7", "localhost:8501")))


def test_a_page_of_another_site_pointing_its_name_here_gets_nothing(app):
    assert "http://localhost" in refused_with(app(("127.0.0.1", "evil.example:8501")))


def test_without_sign_in_or_local_mode_nobody_is_let_in_and_told_how_to_start(app, monkeypatch):
    monkeypatch.delenv(LOCAL_MODE_ENV)
    message = refused_with(app(("127.0.0.1", "localhost:8501")))
    assert f"{LOCAL_MODE_ENV}=1" in message and "make run" in message


def test_local_mode_refuses_to_serve_from_a_server_every_computer_can_reach(app):
    before = config.get_option("server.address")
    config.set_option("server.address", "0.0.0.0")
    try:
        message = refused_with(app(("127.0.0.1", "localhost:8501")))
    finally:
        config.set_option("server.address", before)
    assert "0.0.0.0" in message and "--server.address localhost" in message


def test_an_ipv4_browser_on_this_computer_through_an_ipv6_socket_is_local(app):
    at = app(("::ffff:127.0.0.1", "localhost:8501"))
    assert at.session_state["access_person"].local
    assert any("**Local mode**" in block.value for block in at.markdown)
