"""Where the `real_exports` group finds its evidence: `../shared` beside the repository.

That folder holds two real SurveyMonkey exports (other people's words, so they are read from there and never
copied into the repository) and the contract's item list. A clone of the repository alone does not have it;
the main suite never needs it, and a run that asks for this group without it fails with one plain sentence
instead of skipping.
"""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
REAL_EXPORTS = ("surveymonkey_expanded_text_osposurvey2024.csv", "surveymonkey_expanded_numeric_osposurvey2024.csv")


def shared_file(*parts: str) -> Path:
    """A file under ../shared, or a plain failure saying it is missing (never a skip: this group is evidence)."""
    path = SHARED.joinpath(*parts)
    if not path.is_file():
        pytest.fail(
            f"{path} not found: the real_exports group checks the repository against ../shared beside it; "
            "run it from a checkout that has that folder, or leave the group out (the main suite does).",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session", params=REAL_EXPORTS)
def real_export(request) -> Path:
    """Each real SurveyMonkey export in turn."""
    return shared_file("exports", request.param)


@pytest.fixture(scope="session")
def contract_items() -> Path:
    """The contract's list of the default instrument's items."""
    return shared_file("docs", "items.csv")
