"""The Items page on the sample data: the most and least favourable items, each against a wider group.

Expected items come from an independent pandas count over the sample workbook (answers 4 and 5 of the 1-5
scale over valid answers per item), not from metrics.item_stats.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ingest import read_canonical_responses
from metrics import load_instrument

ROOT = Path(__file__).resolve().parents[2]
SEA = "State Office of Early Learning"
INSTRUMENT = load_instrument()


@pytest.fixture(scope="module")
def favourable_2025() -> pd.DataFrame:
    """% favourable per item, everyone and the SEA, 2025 Spring, counted directly from the workbook."""
    rows = read_canonical_responses(ROOT / "data" / "sample" / "responses.xlsx")
    rows = rows[rows["wave"] == "2025 Spring"]
    items = INSTRUMENT.item_codes

    def shares(frame: pd.DataFrame) -> pd.Series:
        answers = frame[items]
        return 100 * (answers >= 4).sum() / answers.notna().sum()

    return pd.DataFrame({"all": shares(rows), "sea": shares(rows[rows["agency"] == SEA])})


@pytest.fixture
def items_page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    at.switch_page("app_pages/items.py").run()
    assert not at.exception and not at.error
    return at


def texts(codes) -> list[str]:
    by_code = {item.code: item.text for item in INSTRUMENT.items}
    return [by_code[code] for code in codes]


def test_items_page_shows_the_five_most_and_least_favourable_items(items_page, favourable_2025):
    at = items_page
    assert len(at.get("vega_lite_chart")) == 4  # a share chart and a distribution chart for each list
    ranked = favourable_2025["all"].round(1).sort_values(kind="stable")
    top, bottom = at.dataframe[0].value, at.dataframe[1].value
    # as sets: the page breaks ties by instrument order, the independent ranking by its own stable order
    assert set(top["Item"]) == set(texts(ranked[::-1].index[:5]))
    assert set(bottom["Item"]) == set(texts(ranked.index[:5]))
    assert [float(v) for v in top["% favourable"]] == sorted((float(v) for v in top["% favourable"]), reverse=True)
    assert "% favourable, all agencies" not in top.columns  # everyone in view: nothing wider to compare with


def test_an_agency_is_set_against_all_agencies(items_page, favourable_2025):
    at = items_page
    next(box for box in at.sidebar.selectbox if box.label == "Agency").select(SEA).run()
    assert not at.exception and not at.error
    top = at.dataframe[0].value
    assert "black tick at the share for all agencies" in " ".join(m.value for m in at.markdown)
    by_text = {item.text: item.code for item in INSTRUMENT.items}
    for text, shown in zip(top["Item"], top["% favourable, all agencies"], strict=True):
        assert float(shown) == pytest.approx(favourable_2025.at[by_text[text], "all"], abs=0.05)
    for text, shown in zip(top["Item"], top["% favourable"], strict=True):
        assert float(shown) == pytest.approx(favourable_2025.at[by_text[text], "sea"], abs=0.05)
