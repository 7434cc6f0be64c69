"""Page tests run against a store of their own, which the app fills with the sample data on first start."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from store import STORE_ENV


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
            found.append(f"pages/{node.right.value}")
    return sorted(set(found))
