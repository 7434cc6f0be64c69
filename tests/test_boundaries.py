"""The layers stay apart: the core packages import without Streamlit, and ruff (with its banned-api rule) is clean.

See docs/architecture.md: only app.py and pages/ may import streamlit.
"""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

REQUIRED = ("metrics", "ingest", "charts")  # must exist
OPTIONAL = ("store", "reports", "access", "plans")  # checked as soon as their folder exists


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
