"""Domain scores wave by wave (`domain_trend`) and the ranking of meaningful changes (`biggest_changes`)."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import metrics
from metrics.trends import biggest_changes
from tests.metrics.conftest import NA, frame, tiny_instrument

ONE = tiny_instrument({"B": 1})
TWO = tiny_instrument({"G": 2})
COLUMNS = ["wave", "domain", "n", "score", "ci_low", "ci_high", "tier", "suppressed"]


def test_trend_by_hand_with_interval_checked_against_scipy():
    # Wave "2024": B1 = 2, 3, 3, 4, 2 -> scores 25, 50, 50, 75, 25; mean 225 / 5 = 45.
    # Deviations -20, 5, 5, 30, -20; squares 400 + 25 + 25 + 900 + 400 = 1750; variance 1750 / 4 = 437.5;
    # standard error sqrt(437.5 / 5) = sqrt(87.5) = 9.3541; t(0.975, 4) = 2.7764; half width 25.971.
    # Wave "2025": six 4s -> 75 each, no spread -> interval [75, 75].
    # The 2025 rows come first in the table; the output is sorted by wave as text.
    rows = [{"wave": "2025", "B1": 4}] * 6 + [{"wave": "2024", "B1": v} for v in (2, 3, 3, 4, 2)]
    result = metrics.domain_trend(frame(rows), ONE)
    assert list(result.columns) == COLUMNS
    assert result["wave"].tolist() == ["2024", "2025"]
    assert result["n"].tolist() == [5, 6]
    first, second = result.iloc[0], result.iloc[1]
    assert first["score"] == pytest.approx(45.0)
    assert (first["ci_low"], first["ci_high"]) == pytest.approx((45 - 25.971, 45 + 25.971), abs=1e-3)
    scores = [25, 50, 50, 75, 25]
    independent = stats.t.interval(0.95, df=4, loc=np.mean(scores), scale=stats.sem(scores))
    assert (first["ci_low"], first["ci_high"]) == pytest.approx(independent, rel=1e-12)
    assert first["tier"] == "Priority"  # 45 < 50
    assert (second["score"], second["ci_low"], second["ci_high"]) == (75.0, 75.0, 75.0)
    assert second["tier"] == "Strength"  # 75 as shown is at the Strength cut
    assert not result["suppressed"].any()


def test_interval_rests_on_respondent_domain_scores():
    # Two-item domain: a respondent needs both answers (half of 2, and at least 2) to be scored.
    # (4,5) 87.5, (3,4) 62.5, (3,3) 50, (5,5) 100, (4,4) 75 are scored; (3, NA) is not: n = 5 of 6 rows.
    # Mean 375 / 5 = 75; deviations 12.5, -12.5, -25, 25, 0; squares 156.25 * 2 + 625 * 2 = 1562.5;
    # variance 1562.5 / 4 = 390.625; se sqrt(390.625 / 5) = 8.8388; half 2.7764 * 8.8388 = 24.540.
    answers = [(4, 5), (3, 4), (3, 3), (5, 5), (4, 4), (3, NA)]
    rows = [{"wave": "w", "G1": a, "G2": b} for a, b in answers]
    row = metrics.domain_trend(frame(rows), TWO).iloc[0]
    assert row["n"] == 5
    assert row["score"] == pytest.approx(75.0)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((75 - 24.540, 75 + 24.540), abs=1e-3)
    # Had the unscored respondent's one answer (3 -> 50) been used, the interval would differ.
    wrong = stats.t.interval(
        0.95, df=5, loc=np.mean([87.5, 62.5, 50, 100, 75, 50]), scale=stats.sem([87.5, 62.5, 50, 100, 75, 50])
    )
    assert row["ci_low"] != pytest.approx(wrong[0])


def test_suppression_applies_within_each_wave():
    # Wave a: X has 6 rows, Y 3. Y is hidden (§7.1) and, as Y's lone sibling, X too (§7.2a).
    # Wave b: X 6, Y 6: both shown. Pooling the waves (X 12, Y 9) would wrongly show wave a.
    rows = (
        [{"wave": "a", "unit": "X", "B1": 4}] * 6
        + [{"wave": "a", "unit": "Y", "B1": 2}] * 3
        + [{"wave": "b", "unit": "X", "B1": 5}] * 6
        + [{"wave": "b", "unit": "Y", "B1": 3}] * 6
    )
    result = metrics.domain_trend(frame(rows), ONE, by="unit")
    assert list(result.columns) == ["wave", "unit", *COLUMNS[1:]]
    assert result[["wave", "unit"]].values.tolist() == [["a", "X"], ["a", "Y"], ["b", "X"], ["b", "Y"]]
    assert result["suppressed"].tolist() == [True, True, False, False]
    hidden = result[result["suppressed"]]
    assert hidden["n"].tolist() == [6, 3]  # §3.0: a hidden cell keeps its count (never shown on screen)
    assert hidden[["score", "ci_low", "ci_high"]].isna().all().all()
    assert hidden["tier"].isna().all()
    shown = result[~result["suppressed"]]
    assert shown["score"].tolist() == [100.0, 50.0]  # 5 -> 100, 3 -> 50, no spread
    assert shown["ci_low"].tolist() == [100.0, 50.0] and shown["ci_high"].tolist() == [100.0, 50.0]


def test_a_small_domain_cell_is_hidden_but_the_group_is_not():
    # 6 rows, but only 4 answered both G items: the G cell (n = 4) is hidden, with n kept.
    rows = [{"wave": "w", "G1": 4, "G2": 4}] * 4 + [{"wave": "w", "G1": 4, "G2": NA}] * 2
    row = metrics.domain_trend(frame(rows), TWO).iloc[0]
    assert row["suppressed"] and row["n"] == 4 and np.isnan(row["score"]) and np.isnan(row["ci_low"])


def test_same_cells_as_each_waves_own_domain_scores(default_instrument):
    rng = np.random.default_rng(7)
    count = 160
    data = pd.DataFrame(
        rng.integers(1, 6, size=(count, len(default_instrument.item_codes))).astype(float),
        columns=default_instrument.item_codes,
    )
    data = data.mask(rng.random(data.shape) < 0.15)  # blanks, so that some respondents go unscored
    data.insert(0, "wave", rng.choice(["2025 Spring", "2024 Spring", "2023 Spring"], size=count))
    data.insert(1, "agency", rng.choice(["North", "South"], size=count))
    data.insert(2, "unit", rng.choice(["A", "B", "C", "D", None], size=count, p=[0.4, 0.3, 0.2, 0.07, 0.03]))
    by = ("agency", "unit")
    trend = metrics.domain_trend(data, default_instrument, by=by)
    assert trend["suppressed"].any() and not trend["suppressed"].all()
    for wave, part in trend.groupby("wave", sort=False):
        own = metrics.domain_scores(data[data["wave"] == wave], default_instrument, by=by)
        got = part.drop(columns="wave").reset_index(drop=True)
        for column in ["agency", "unit", "domain", "n", "score", "tier", "suppressed"]:
            pd.testing.assert_series_equal(got[column], own[column], check_dtype=False, check_names=False)
    assert trend["wave"].tolist() == sorted(trend["wave"].tolist())
    shown = trend[~trend["suppressed"]]
    assert (shown["ci_low"] <= shown["score"]).all() and (shown["score"] <= shown["ci_high"]).all()


def test_trend_refuses_what_every_indicator_refuses():
    rows = [{"wave": "a", "B1": 4}] * 5
    with pytest.raises(ValueError, match="wave"):
        metrics.domain_trend(frame(rows).drop(columns="wave"), ONE)
    with pytest.raises(ValueError, match="wave"):
        metrics.domain_trend(frame(rows), ONE, by="wave")
    with pytest.raises(ValueError, match="below 3"):
        metrics.domain_trend(frame(rows), ONE, min_n=2)
    bad = frame(rows + [{"wave": "b", "B1": 7}])  # a value out of range in another wave is still refused
    with pytest.raises(ValueError, match="B1"):
        metrics.domain_trend(bad, ONE)


def test_an_empty_table_gives_an_empty_trend():
    result = metrics.domain_trend(frame([{"wave": "a", "B1": 4}]).iloc[0:0], ONE)
    assert result.empty and list(result.columns) == COLUMNS


def change_rows(changes: dict[str, tuple[float, bool]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "domain": list(changes),
            "score_from": 50.0,
            "score_to": [50.0 + c for c, _ in changes.values()],
            "change": [c for c, _ in changes.values()],
            "ci_low": np.nan,
            "ci_high": np.nan,
            "meaningful": [m for _, m in changes.values()],
            "suppressed": False,
        }
    )


def test_biggest_changes_keeps_only_meaningful_ones_largest_first():
    table = change_rows(
        {
            "A": (6.0, True),
            "B": (12.0, True),
            "C": (-5.0, True),
            "D": (20.0, False),  # large but its interval spans 0: not listed
            "E": (-9.04, True),  # shows as -9.0
            "F": (8.96, True),  # shows as 9.0
            "G": (9.0, True),  # ties F as shown; F comes first in table order
            "H": (-2.0, False),
        }
    )
    gains, declines = biggest_changes(table, k=3)
    assert gains == ["B", "F", "G"]  # 12.0, 9.0, 9.0 (A's 6.0 is the fourth)
    assert declines == ["E", "C"]
    hidden = table.assign(suppressed=table["domain"].eq("B"))
    assert biggest_changes(hidden, k=3)[0] == ["F", "G", "A"]
    with pytest.raises(ValueError):
        biggest_changes(pd.concat([table, table]))
