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
