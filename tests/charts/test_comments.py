"""What the comment charts and tables show: values to one decimal, a hidden cell as its reason and never a count."""

import numpy as np
import pandas as pd

from charts.comments import PROTECTS, TOO_FEW, count_table, theme_chart, theme_rows, theme_table
from metrics import load_instrument

INSTRUMENT = load_instrument()


def themes(unit: str, commenters: int, mentions: list[float], suppressed: bool) -> pd.DataFrame:
    codes = INSTRUMENT.domain_codes
    share = [np.nan if suppressed else 100 * m / commenters for m in mentions]
    return pd.DataFrame(
        {
            "unit": unit,
            "domain": codes,
            "commenters": commenters,
            "mentions": [np.nan] * len(codes) if suppressed else mentions,
            "share": share,
            "suppressed": suppressed,
        }
    )


def test_a_shown_group_gives_share_and_people_and_a_hidden_one_its_reason():
    mentions = [3, 0, 1, 2, 6, 0, 0, 4, 0, 1]
    table = pd.concat(
        [
            themes("A", 12, mentions, False),
            themes("B", 4, [0] * 10, True),  # 4 < 10 commenters: too few
            themes("C", 11, [0] * 10, True),  # enough commenters, hidden beside B: complementary
        ],
        ignore_index=True,
    )
    shown = theme_table(table, INSTRUMENT, comment_min_n=10)
    a = shown[shown["Unit"] == "A"].set_index("Domain")
    # RES: 6 of 12 = 50.0 %; LEAD 0 of 12
    assert a.loc["Resources & Work Structures", "Share of people who commented (%)"] == "50.0"
    assert a.loc["Resources & Work Structures", "People mentioning it"] == "6"
    assert a.loc["Effective Leadership", "Share of people who commented (%)"] == "0.0"
    b = shown[shown["Unit"] == "B"]
    c = shown[shown["Unit"] == "C"]
    assert set(b["Share of people who commented (%)"]) == {TOO_FEW} and set(b["People mentioning it"]) == {""}
    assert set(c["Share of people who commented (%)"]) == {PROTECTS} and set(c["People mentioning it"]) == {""}


def test_the_chart_draws_only_a_shown_group_with_its_labels():
    rows = theme_rows(themes("A", 12, [3, 0, 1, 2, 6, 0, 0, 4, 0, 1], False).drop(columns="unit"), INSTRUMENT)
    assert rows["domain"].tolist() == [d.name for d in INSTRUMENT.domains]
    assert rows.loc[4, "label"] == "50.0 %  (6)"  # RES, 6 of 12
    assert theme_rows(themes("B", 4, [0] * 10, True).drop(columns="unit"), INSTRUMENT).empty
    assert theme_chart(themes("A", 12, [1] * 10, False).drop(columns="unit"), INSTRUMENT).to_dict()


def test_question_counts_hide_a_small_cells_count():
    counts = pd.DataFrame(
        {
            "question": ["(all questions)", "Q1", "Q2"],
            "n": [40, 40, 40],
            "commenters": [14, 12, 7],
            "suppressed": [False, False, True],
        }
    )
    shown = count_table(counts, comment_min_n=10)
    assert shown["People who commented"].tolist() == ["14", "12", TOO_FEW]
