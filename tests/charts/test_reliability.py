"""Cronbach's alpha chart and table: domains below 0.70 are flagged in words, at the unrounded boundary."""

from __future__ import annotations

import numpy as np
import pandas as pd

from charts.reliability import UNRELIABLE, alpha_chart, alpha_rows, alpha_table, alpha_text
from metrics import load_instrument

INSTRUMENT = load_instrument()


def alphas(values: dict[str, float]) -> pd.DataFrame:
    """A `cronbach_alpha` table; domains not named get 0.85. Given in reverse order to test the sorting."""
    codes = INSTRUMENT.domain_codes
    table = pd.DataFrame(
        {"domain": codes, "n": [100 + i for i in range(len(codes))], "alpha": [values.get(c, 0.85) for c in codes]}
    )
    return table.iloc[::-1].reset_index(drop=True)


def test_rows_come_in_instrument_order_with_two_decimals():
    rows = alpha_rows(alphas({"RES": 0.123}), INSTRUMENT)
    assert rows["domain"].tolist() == [d.name for d in INSTRUMENT.domains]
    res = rows.set_index("domain").loc["Resources & Work Structures"]
    assert res["alpha_text"] == "0.12" and bool(res["low"])
    assert res["label"] == "0.12 · below 0.70"
    assert rows["low"].sum() == 1


def test_the_flag_uses_the_unrounded_alpha():
    # 0.6999999999995 is within 1e-9 of 0.70, so it is not below; 0.699 is (and shows as 0.70 all the same).
    rows = alpha_rows(alphas({"VIS": 0.6999999999995, "LEAD": 0.699, "ALN": 0.70}), INSTRUMENT)
    low = dict(zip(rows["domain"], rows["low"], strict=True))
    assert not low["Shared Vision & Common Purpose"]
    assert low["Effective Leadership"]
    assert not low["Aligned Structure & Functions"]


def test_missing_and_negative_alphas():
    rows = alpha_rows(alphas({"VIS": np.nan, "LEAD": -0.31}), INSTRUMENT).set_index("domain")
    assert rows.loc["Shared Vision & Common Purpose", "note"].startswith("not computed")
    assert not rows.loc["Shared Vision & Common Purpose", "low"]
    assert rows.loc["Effective Leadership", "alpha_text"] == "-0.31"
    spec = alpha_chart(alphas({"VIS": np.nan, "LEAD": -0.31}), INSTRUMENT).to_dict()
    # the axis reaches down to the negative bar: floor(-0.31 * 4) / 4 = -0.5
    assert "'domain': [-0.5, 1]" in str(spec)


def test_alpha_text_never_negative_zero():
    assert alpha_text(-0.001) == "0.00" and alpha_text(None) == "" and alpha_text(0.846) == "0.85"


def test_chart_has_the_070_line_and_labels_the_flag():
    spec = alpha_chart(alphas({"RES": 0.12}), INSTRUMENT).to_dict()
    text = str(spec)
    assert "'x': 0.7" in text and "'text': '0.70'" in text
    assert "0.12 · below 0.70" in text
    assert "'domain': [0.0, 1]" in text


def test_table_explains_the_flag():
    table = alpha_table(alphas({"RES": 0.12}), INSTRUMENT).set_index("Domain")
    assert list(table.columns) == ["Cronbach's alpha", "People who answered every item", "Reading"]
    res = table.loc["Resources & Work Structures"]
    assert res["Cronbach's alpha"] == "0.12"
    assert res["Reading"] == f"below 0.70: {UNRELIABLE}"
    # counts follow their domains through the sort: RES is the fifth domain, n = 100 + 4
    assert res["People who answered every item"] == "104"
    assert (table.drop("Resources & Work Structures")["Reading"] == "").all()
