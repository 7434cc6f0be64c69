"""The documentation stays true: its example instrument loads and gives its worked numbers, and its links to
files and headings in the repository lead somewhere."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from metrics import domain_scores, load_instrument

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted((ROOT / "docs").glob("*.md"))


def test_the_example_instrument_loads_and_gives_the_worked_example(tmp_path):
    text = (ROOT / "docs" / "instruments.md").read_text(encoding="utf-8")
    path = tmp_path / "riverside.toml"
    path.write_text(re.search(r"```toml\n(.*?)```", text, re.S).group(1), encoding="utf-8")
    instrument = load_instrument(path)
    assert (instrument.scale.size, instrument.scale.favorable, instrument.scale.neutral) == (4, (3, 4), None)
    assert [item.code for item in instrument.items if item.reverse_coded] == ["VIS2"]
    rows = pd.DataFrame(
        {
            "response_id": ["r0", "r1", "r2", "r3", "r4"],
            "VIS1": [4, 3, 3, 2, np.nan],
            "VIS2": [1, 3, 2, 4, 2],
            "WKL1": [3, 3, 3, 3, 3],
        }
    )
    vis = domain_scores(rows, instrument, min_n=3).set_index("domain").loc["VIS"]
    # (100 + 50 + 66.7 + 16.7) / 4; favourable 6 of 9 answers; r4 has no score.
    assert (vis["n"], vis["tier"]) == (4, "Emerging")
    assert vis["score"] == pytest.approx(175 / 3)
    assert vis["pct_favorable"] == pytest.approx(200 / 3)


def anchors(page: Path) -> set[str]:
    """The heading anchors a Markdown page has, as GitHub makes them."""
    headings = re.findall(r"^#+ (.+)$", page.read_text(encoding="utf-8"), re.M)
    return {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}


@pytest.mark.parametrize("page", [ROOT / "README.md", *DOCS], ids=lambda p: p.name)
def test_links_to_repository_files_lead_somewhere(page):
    broken = []
    for target, anchor in re.findall(r"\]\(([^)#:]*)(?:#([^)]*))?\)", page.read_text(encoding="utf-8")):
        linked = page.parent / target if target else page
        if not linked.exists() or (anchor and anchor not in anchors(linked)):
            broken.append(f"{target}#{anchor}" if anchor else target)
    assert not broken, f"{page.name} links to what does not exist: {broken}"
