"""Page tests run against a store of their own, which the app fills with the sample data on first start."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from access import LOCAL_MODE_ENV
from store import STORE_ENV

BROWSER_HERE = ("127.0.0.1", "localhost:8501")  # (connection address, Host header) of a browser on this computer


@pytest.fixture(scope="session", autouse=True)
def page_store(tmp_path_factory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("store") / "pages.duckdb"
    before = os.environ.get(STORE_ENV)
    os.environ[STORE_ENV] = str(path)
    yield path
    if before is None:
        os.environ.pop(STORE_ENV, None)
    else:
        os.environ[STORE_ENV] = before


@pytest.fixture(scope="session", autouse=True)
def browser_here() -> Iterator[None]:
    """AppTest opens a session without a connection address or a Host header, as Streamlit's agent API does, and
    local mode refuses those. The page tests stand in for a browser on this computer through the one seam
    `shell.access._request`, with local mode asked for as `make run` does; a test that signs in replaces
    `shell.access._identity` on top."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(LOCAL_MODE_ENV, "1")
        patch.setattr("shell.access._request", lambda: BROWSER_HERE)
        yield


def navigation_pages() -> list[str]:
    """Every page file app.py's navigation declares (`PAGES / "name.py"`), read from its source, so a page added to
    the navigation is tested without anyone adding it to a list."""
    import ast

    app = Path(__file__).resolve().parents[2] / "app.py"
    found = []
    for node in ast.walk(ast.parse(app.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Div)
            and isinstance(node.left, ast.Name)
            and node.left.id == "PAGES"
            and isinstance(node.right, ast.Constant)
        ):
            found.append(f"app_pages/{node.right.value}")
    return sorted(set(found))
