"""The view core: each table a page or the pack reads equals the indicator worked out directly from the view's rows,
refusals follow the rules, and each table is worked out once however many readers ask for it."""

from __future__ import annotations

import threading
from pathlib import Path

import pandas as pd
import pytest

import metrics
from ingest import read_canonical_responses, read_roster
from views import Filters, Settings, Survey

ROOT = Path(__file__).resolve().parents[2]
SEA = "State Office of Early Learning"
WAVE = "2025 Spring"
INSTRUMENT = metrics.load_instrument()


@pytest.fixture(scope="module")
def responses() -> pd.DataFrame:
    return read_canonical_responses(ROOT / "data" / "sample" / "responses.xlsx")


@pytest.fixture(scope="module")
def survey(responses) -> Survey:
    return Survey(responses, INSTRUMENT, roster=read_roster(ROOT / "data" / "sample" / "roster.xlsx"))


@pytest.mark.parametrize(
    "filters",
    [Filters(WAVE), Filters(WAVE, SEA), Filters(WAVE, SEA, "Grants & Finance"), Filters("2024 Spring", role="staff")],
)
def test_tables_equal_the_indicators_of_the_views_rows(survey, responses, filters):
    view = survey.view(filters)
    rows = metrics.scope_rows(responses, filters.wave, filters.agency, filters.unit, filters.role)
    assert view.refusal == ""
    pd.testing.assert_frame_equal(view.rows.reset_index(drop=True), rows.reset_index(drop=True))
    for name, table in (
        ("effectiveness_index", view.index),
        ("domain_scores", view.domains),
        ("item_stats", view.item_stats),
        ("item_distribution", view.item_distribution),
        ("perception_gap", view.gaps),
        ("shared_influence", view.influence),
        ("collective_leadership", view.composite),
    ):
        pd.testing.assert_frame_equal(table, getattr(metrics, name)(rows, INSTRUMENT), obj=name)
    alpha = metrics.cronbach_alpha(metrics.scope_rows(responses, filters.wave), INSTRUMENT)
    pd.testing.assert_frame_equal(view.alpha, alpha)


def test_a_breakdown_hides_the_groups_whose_own_view_is_refused(survey, responses):
    view = survey.view(Filters(WAVE, SEA))
    hide = metrics.refused_groups(responses, WAVE, SEA, None, None, ("unit",))
    assert set(hide["unit"]) == {"Data & Assessment", "Policy & Legislative Affairs"}
    rows = metrics.scope_rows(responses, WAVE, SEA)
    expected = metrics.perception_gap(rows, INSTRUMENT, by=("unit",), hide_groups=hide)
    pd.testing.assert_frame_equal(view.breakdown("perception_gap", ("unit",)), expected)
    assert view.unit_by == ("unit",) and survey.view(Filters(WAVE)).unit_by == ("agency", "unit")


def test_refusals_follow_view_refusal_and_a_refused_view_has_no_tables(survey, responses):
    for filters in (
        Filters(WAVE, SEA, "Policy & Legislative Affairs"),
        Filters(WAVE, unit="Data & Assessment"),
        Filters(WAVE, SEA, "Grants & Finance", "executive"),
        Filters("1999 Fall"),
    ):
        expected = metrics.view_refusal(responses, filters.wave, filters.agency, filters.unit, filters.role)
        view = survey.view(filters)
        assert view.refusal == expected != ""
        with pytest.raises(ValueError, match="refused"):
            _ = view.domains


def test_benchmark_is_the_wider_view(survey):
    unit_view = survey.view(Filters(WAVE, SEA, "Grants & Finance"))
    wider, name = unit_view.benchmark()
    assert wider.filters == Filters(WAVE, SEA) and name == f"all of {SEA}"
    wider, name = survey.view(Filters(WAVE, SEA)).benchmark()
    assert wider.filters == Filters(WAVE) and name == "all agencies"
    assert survey.view(Filters(WAVE)).benchmark() == (None, "")


def test_settings_apply_to_every_table(responses):
    strict = Survey(responses, INSTRUMENT, Settings(min_n=40, tiers=metrics.Tiers(80.0, 65.0, 50.0)))
    view = strict.view(Filters(WAVE, SEA))
    rows = metrics.scope_rows(responses, WAVE, SEA)
    hide = metrics.refused_groups(responses, WAVE, SEA, None, None, ("unit",), min_n=40)
    expected = metrics.domain_scores(rows, strict.instrument, by=("unit",), min_n=40, hide_groups=hide)
    pd.testing.assert_frame_equal(view.breakdown("domain_scores", ("unit",)), expected)
    assert strict.instrument.tiers == metrics.Tiers(80.0, 65.0, 50.0)
    assert view.min_n == 40


def test_each_table_is_worked_out_once_for_many_readers(responses, monkeypatch):
    survey = Survey(responses, INSTRUMENT)
    calls = []
    original = metrics.domain_scores

    def counted(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(metrics, "domain_scores", counted)
    results = []
    readers = [threading.Thread(target=lambda: results.append(survey.view(Filters(WAVE)).domains)) for _ in range(8)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    assert len(calls) == 1 and all(table is results[0] for table in results)


def test_waves_are_slices_of_one_table(responses):
    shuffled = responses.sample(frac=1.0, random_state=3)  # waves interleaved: the survey sorts them once
    survey = Survey(shuffled, INSTRUMENT)
    assert survey.waves == sorted(responses["wave"].unique())
    for wave in survey.waves:
        rows = survey.wave_rows(wave)
        assert (rows["wave"] == wave).all() and len(rows) == (responses["wave"] == wave).sum()


def test_trend_and_change_use_each_waves_view(survey, responses):
    both = metrics.scope_rows(responses, agency=SEA)
    both = both[both["wave"].isin(["2024 Spring", WAVE])]
    pd.testing.assert_frame_equal(
        survey.change(SEA, None, None, "2024 Spring", WAVE),
        metrics.domain_change(both, INSTRUMENT, "2024 Spring", WAVE),
    )
    trend = survey.trend(SEA, None, None, ["2024 Spring", WAVE], reference=WAVE)
    assert sorted(trend["wave"].unique()) == ["2024 Spring", WAVE]
