"""Every setting an admin may change and every environment variable the code reads is documented for the people
who run the dashboard (README.md or docs/), so that no knob exists only in the code."""

from __future__ import annotations

import re
from pathlib import Path

from store.settings import DEFAULTS

ROOT = Path(__file__).resolve().parents[1]
CODE = ("access", "app.py", "ingest", "metrics", "app_pages", "plans", "reports", "shell", "store", "views", "charts")


def documentation() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")])


def environment_variables() -> set[str]:
    """The names the code reads: every `EFFECTIVE_OFFICES_*` string of the code's source."""
    names = set()
    for part in CODE:
        paths = [ROOT / part] if part.endswith(".py") else (ROOT / part).rglob("*.py")
        for path in paths:
            names |= set(re.findall(r"[\"'](EFFECTIVE_OFFICES_[A-Z_]+)[\"']", path.read_text(encoding="utf-8")))
    return names


def test_every_environment_variable_is_documented():
    names = environment_variables()
    assert {"EFFECTIVE_OFFICES_STORE", "EFFECTIVE_OFFICES_ACCESS"} <= names  # the scan finds what it should
    missing = sorted(name for name in names if f"`{name}`" not in documentation())
    assert not missing, f"undocumented environment variables: {missing}"


def test_every_setting_is_documented():
    text = documentation()
    missing = sorted(key for key in DEFAULTS if f"`{key}`" not in text)
    assert not missing, f"undocumented settings: {missing}"
