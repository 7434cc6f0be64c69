"""Each wave scored with its own instrument: a view reads its wave's instrument, and trends and changes between waves
asked differently follow §5 (a domain whose questions changed has no trend point and no change). Expected values
worked out by hand in the comments."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import metrics
from metrics.instrument import instrument_from_dict
from views import Filters, Settings, Survey


def instrument(name: str, y_items: list[str], lo: int = 1, hi: int = 5) -> metrics.Instrument:
    return instrument_from_dict(
        {
            "name": name,
            "scale": {"lo": lo, "hi": hi},
            "domains": [{"code": "X", "name": "Clear goals"}, {"code": "Y", "name": "Workload"}],
            "items": [
                {"code": "X1", "domain": "X"},
                {"code": "X2", "domain": "X"},
                *({"code": code, "domain": "Y"} for code in y_items),
            ],
        }
    )


OLD = instrument("Office survey 2024", ["Y1", "Y2"])
NEW = instrument("Office survey 2025", ["Y1", "Y2", "Y3"])  # Workload gained a question: its trend restarts

# Six people a wave. 2024: X1, X2 give means 4.5, 4, 4.5, 3, 5, 4 -> scores 87.5, 75, 87.5, 50, 100, 75 (mean 79.17).
X1_2024, X2_2024 = [5, 4, 4, 3, 5, 4], [4, 4, 5, 3, 5, 4]
# 2025: everyone answers 4 and 5 -> mean 4.5 -> score 87.5 each (no spread).
X1_2025, X2_2025 = [4] * 6, [5] * 6


def wave(label: str, x1: list[int], x2: list[int], y: dict[str, list[int]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "response_id": [f"{label}-{i}" for i in range(6)],
            "wave": label,
            "agency": "Riverside USD",
            "unit": "Early Learning",
            "role_level": ["executive", "manager", "staff", "staff", "staff", "support"],
            "X1": x1,
            "X2": x2,
            **y,
        }
    )


@pytest.fixture
def survey() -> Survey:
    old = wave("2024", X1_2024, X2_2024, {"Y1": [3] * 6, "Y2": [3] * 6})
    new = wave("2025", X1_2025, X2_2025, {"Y1": [4] * 6, "Y2": [4] * 6, "Y3": [2] * 6})
    responses = pd.concat([old, new], ignore_index=True)  # as the store gives them: Y3 missing in 2024
    return Survey(responses, OLD, Settings(min_n=5), wave_instruments={"2024": OLD, "2025": NEW})


def test_a_view_reads_its_waves_instrument(survey):
    assert survey.view(Filters("2024")).instrument == OLD
    assert survey.view(Filters("2025")).instrument == NEW
    scores = survey.view(Filters("2025")).domains.set_index("domain")["score"]
    # 2025 Workload: Y1 = Y2 = 4, Y3 = 2 -> mean 10/3 on 1-5 -> (10/3 - 1) / 4 * 100 = 58.33
    assert scores["Y"] == pytest.approx(58.333, abs=0.001)
    assert scores["X"] == pytest.approx(87.5)


def test_only_domains_asked_the_same_way_are_compared(survey):
    assert survey.comparable("2024", "2025") == ["X"]
    assert survey.changed_domains("2024", "2025") == ["Y"]


def test_the_trend_leaves_out_a_domain_where_its_questions_differ(survey):
    trend = survey.trend(None, None, None, ["2024", "2025"], reference="2025")
    assert sorted(zip(trend["wave"], trend["domain"], strict=True)) == [("2024", "X"), ("2025", "X"), ("2025", "Y")]
    x = trend[trend["domain"] == "X"].set_index("wave")["score"]
    assert x["2024"] == pytest.approx((87.5 + 75 + 87.5 + 50 + 100 + 75) / 6)
    assert x["2025"] == pytest.approx(87.5)


def test_no_change_is_computed_for_a_changed_domain(survey):
    change = survey.change(None, None, None, "2024", "2025").set_index("domain")
    assert bool(change.loc["Y", "suppressed"]) and np.isnan(change.loc["Y", "change"])
    # Clear goals: 87.5 - 79.17 = 8.33
    assert change.loc["X", "change"] == pytest.approx(87.5 - 475 / 6)
    assert not bool(change.loc["X", "suppressed"])


def test_a_wave_that_never_asked_roles_says_so():
    frame = wave("2025", X1_2025, X2_2025, {"Y1": [4] * 6, "Y2": [4] * 6, "Y3": [2] * 6}).drop(
        columns=["agency", "unit", "role_level"]
    )
    survey = Survey(frame, NEW, Settings(min_n=5))
    view = survey.view(Filters("2025"))
    assert view.roles_asked is False
    assert view.refusal == ""
    assert view.domains.set_index("domain")["score"]["X"] == pytest.approx(87.5)
