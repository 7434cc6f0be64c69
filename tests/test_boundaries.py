"""The layers stay apart: the core packages import without Streamlit, and ruff (with its banned-api rule) is clean.

See docs/architecture.md: only app.py, app_pages/ and the shell/ they share may import streamlit, and nothing imports
a page.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

REQUIRED = ("metrics", "ingest", "charts")  # must exist
OPTIONAL = ("store", "reports", "access", "plans", "views")  # checked as soon as their folder exists


def core_packages() -> list[str]:
    return [*REQUIRED, *(name for name in OPTIONAL if (ROOT / name).is_dir())]


@pytest.mark.parametrize("name", REQUIRED)
def test_core_package_exists(name: str) -> None:
    assert (ROOT / name / "__init__.py").is_file(), f"{name}/ is missing"


def test_core_packages_import_without_streamlit() -> None:
    packages = core_packages()
    code = (
        "import importlib, sys\n"
        f"for name in {packages!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m == 'streamlit' or m.startswith('streamlit.'))\n"
        "assert not loaded, f'streamlit imported by the core packages: {loaded[:5]}'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr


def test_ruff_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_nothing_imports_a_page() -> None:
    """app_pages/ holds pages only: each is a script Streamlit runs, never a module another file leans on."""
    offenders = []
    for path in ROOT.rglob("*.py"):
        if ".git" in path.parts or path.is_relative_to(ROOT / "tests"):
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"^\s*(from app_pages\b|import app_pages\b)", text, flags=re.MULTILINE):
            offenders.append(str(path.relative_to(ROOT)))
    assert not offenders, offenders


def test_pages_holds_pages_only() -> None:
    """Every file in app_pages/ is a page of app.py's navigation (the shell's helpers live in shell/)."""
    navigation = (ROOT / "app.py").read_text(encoding="utf-8")
    files = sorted(path.name for path in (ROOT / "app_pages").glob("*.py"))
    assert files and all(f'"{name}"' in navigation for name in files), files
