"""Checks the committed sample workbooks: canonical layout, and every story data/sample/README.md promises.

Scores are recomputed here with plain pandas from the contract's formulas (indicators.md §3.3, §3.4, §3.7, §4.1),
deliberately not through metrics/, so that these checks stay an independent witness of what the sample holds.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook

from ingest import read_canonical_responses, read_roster
from metrics import load_instrument

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"
ATTRIBUTES = ["response_id", "wave", "agency", "agency_type", "unit", "role_level", "tenure_band", "program_area"]
WAVES = ["2023 Spring", "2024 Spring", "2025 Spring"]
SEA = "State Office of Early Learning"
GAP_UNIT = "Grants & Finance"
TINY_UNIT = "Policy & Legislative Affairs"
DATA_UNIT = "Data & Assessment"
LOW_RATE_AGENCY = "Harbor City Public Schools"
LEADERS = ["executive", "manager"]


@pytest.fixture(scope="module")
def items() -> dict[str, list[str]]:
    inst = load_instrument()
    return {d: [i.code for i in inst.items if i.domain == d] for d in inst.domain_codes}


@pytest.fixture(scope="module")
def responses() -> pd.DataFrame:
    return read_canonical_responses(SAMPLE / "responses.xlsx")


@pytest.fixture(scope="module")
def roster() -> pd.DataFrame:
    return read_roster(SAMPLE / "roster.xlsx")


@pytest.fixture(scope="module")
def scores(responses, items) -> pd.DataFrame:
    """Respondent domain scores 0-100: mean of answered items when at least half (rounded up) and >= 2 answered."""
    out = {}
    for domain, cols in items.items():
        answers = responses[cols]
        need = 1 if len(cols) == 1 else max(2, -(-len(cols) // 2))
        out[domain] = ((answers.mean(axis=1) - 1) / 4 * 100).where(answers.notna().sum(axis=1) >= need)
    return pd.DataFrame(out, index=responses.index)


def alpha(answers: pd.DataFrame) -> float:
    """Cronbach's alpha over complete rows, sample variances."""
    complete = answers.dropna()
    k = complete.shape[1]
    return k / (k - 1) * (1 - complete.var(ddof=1).sum() / complete.sum(axis=1).var(ddof=1))


def wave_means(responses, scores) -> pd.DataFrame:
    return scores.groupby(responses["wave"]).mean()


def leader_gap(responses, scores, rows) -> tuple[float, int, int]:
    """SHD leaders' mean minus staff mean (staff includes a missing role), with each side's scored count."""
    leader = responses["role_level"].isin(LEADERS)
    lead, staff = scores.loc[rows & leader, "SHD"].dropna(), scores.loc[rows & ~leader, "SHD"].dropna()
    return lead.mean() - staff.mean(), len(lead), len(staff)


def unit_rates(responses, roster) -> pd.DataFrame:
    counts = responses.groupby(["wave", "agency", "unit"]).size().rename("responses").reset_index()
    merged = roster.merge(counts, on=["wave", "agency", "unit"], how="outer")
    return merged.assign(rate=merged["responses"] / merged["invited"])


# --- layout -------------------------------------------------------------------------------------------------


def test_columns_are_canonical_and_in_instrument_order(responses, items):
    assert list(responses.columns) == ATTRIBUTES + [c for cols in items.values() for c in cols]


def test_waves_and_sizes(responses):
    sizes = responses.groupby("wave").size()
    assert list(sizes.index) == WAVES
    assert sizes.between(1500, 2500).all()


def test_response_ids_unique_within_wave(responses):
    assert not responses.duplicated(["wave", "response_id"]).any()
    assert responses["response_id"].notna().all()


def test_attributes_are_text_with_missing_kept_missing(responses):
    for column in ATTRIBUTES:
        assert pd.api.types.is_string_dtype(responses[column]), column
        assert not responses[column].isin(["nan", "None", ""]).any(), column
    assert set(responses["agency_type"]) == {"SEA", "LEA"}
    assert set(responses["role_level"].dropna()) == {"executive", "manager", "staff", "support"}
    assert set(responses["tenure_band"].dropna()) == {"<1", "1-3", "4-9", "10+"}
    assert responses["role_level"].isna().mean() == pytest.approx(0.02, abs=0.01)
    assert responses["tenure_band"].isna().mean() == pytest.approx(0.02, abs=0.01)
    assert responses["program_area"].isna().any()
    for column in ["response_id", "wave", "agency", "agency_type", "unit"]:
        assert responses[column].notna().all(), column


def test_role_mix_is_realistic(responses):
    share = responses["role_level"].value_counts(normalize=True)
    assert share["executive"] == pytest.approx(0.05, abs=0.02)
    assert share["manager"] == pytest.approx(0.15, abs=0.03)
    assert share["staff"] == pytest.approx(0.65, abs=0.05)
    assert share["support"] == pytest.approx(0.15, abs=0.03)


def test_units_per_agency(responses):
    units = responses.groupby("agency")["unit"].nunique()
    assert units[SEA] == 7
    lea = units.drop(SEA)
    assert len(lea) == 8 and lea.between(2, 4).all()


def test_item_answers_are_whole_numbers_1_to_5_or_blank(responses, items):
    answers = responses[[c for cols in items.values() for c in cols]]
    assert (answers.dtypes == "float64").all()
    values = answers.to_numpy()
    values = values[~np.isnan(values)]
    assert ((values >= 1) & (values <= 5) & (values % 1 == 0)).all()
    assert answers.isna().to_numpy().mean() == pytest.approx(0.04, abs=0.01)


def test_half_answered_rule_matters(responses, items):
    """About 3 % skip most of a domain; some answered 2 of 5 items, which is not enough for a score."""
    short = pd.Series(False, index=responses.index)
    two_of_five = pd.Series(False, index=responses.index)
    for cols in items.values():
        answered = responses[cols].notna().sum(axis=1)
        short |= answered < -(-len(cols) // 2)
        if len(cols) == 5:
            two_of_five |= answered == 2
    assert short.mean() == pytest.approx(0.03, abs=0.015)
    assert two_of_five.groupby(responses["wave"]).sum().min() > 0


def test_roster_matches_responses(responses, roster):
    assert list(roster.columns) == ["wave", "agency", "unit", "invited"]
    assert roster["invited"].dtype == "int64"
    assert not roster.duplicated(["wave", "agency", "unit"]).any()
    rates = unit_rates(responses, roster)
    assert rates["invited"].notna().all() and rates["responses"].notna().all()
    assert (rates["invited"] >= rates["responses"]).all()


# --- planted stories ----------------------------------------------------------------------------------------


def test_story1_communication_improves_others_steady(responses, scores):
    means = wave_means(responses, scores)
    change = means.diff().dropna()
    assert (change["COM"] >= 6).all()
    assert (change.drop(columns="COM").abs() < 3).all().all()


def test_story2_grants_finance_leader_staff_gap_on_shd(responses, scores):
    for wave in WAVES:
        in_wave = responses["wave"] == wave
        in_unit = in_wave & (responses["agency"] == SEA) & (responses["unit"] == GAP_UNIT)
        gap, leaders_n, staff_n = leader_gap(responses, scores, in_unit)
        assert leaders_n >= 6 and staff_n >= 5
        assert gap >= 25, wave
        rest_gap, _, _ = leader_gap(responses, scores, in_wave & ~in_unit)
        assert abs(rest_gap) < 10, wave


def test_story2_gaps_elsewhere_are_modest(responses, scores):
    others = responses[~((responses["agency"] == SEA) & (responses["unit"] == GAP_UNIT))]
    checked = 0
    for _, group in others.groupby(["wave", "agency", "unit"]):
        rows = responses.index.isin(group.index)
        gap, leaders_n, staff_n = leader_gap(responses, scores, rows)
        if leaders_n >= 5 and staff_n >= 5:
            assert abs(gap) < 10
            checked += 1
    assert checked >= 30


def test_story3_tiny_division_has_three_respondents(responses):
    tiny = responses[(responses["agency"] == SEA) & (responses["unit"] == TINY_UNIT)]
    assert tiny.groupby("wave").size().reindex(WAVES).tolist() == [3, 3, 3]


def test_tiny_division_does_not_hide_the_gap_story(responses):
    """§7.2a hides the tiny division's smallest sibling too: that must be Data & Assessment, not Grants & Finance."""
    sizes = responses.groupby(["wave", "agency", "unit"]).size()
    assert sorted(sizes[sizes < 5].index) == [(wave, SEA, TINY_UNIT) for wave in WAVES]
    for wave in WAVES:
        sea = sizes.loc[wave, SEA].drop(TINY_UNIT)
        assert sea.idxmin() == "Data & Assessment" and sea[GAP_UNIT] > sea.min()


def test_data_and_assessment_leaders_let_the_gap_story_show_by_unit(responses, scores):
    """§7.2c in the SEA's by-unit leader-staff table: the tiny division's cell and Data & Assessment's (hidden beside
    it) are suppressed, and unless their own n (the smaller side) add up to min_n = 5, Grants & Finance's cell is
    hidden too. The tiny division's own n is at most 1 of 3 people, so Data & Assessment needs 5 leaders with a
    score in every domain (in 2025 Spring it had 3 leaders)."""
    leader = responses["role_level"].isin(LEADERS)
    for wave in WAVES:
        unit = (responses["wave"] == wave) & (responses["agency"] == SEA) & (responses["unit"] == DATA_UNIT)
        assert scores[unit & leader].notna().sum().min() >= 5, wave
        assert scores[unit & ~leader].notna().sum().min() >= 5, wave


def test_items_of_a_domain_differ_as_real_ones_do(responses, items):
    """Issue 22: each domain's items sat within 0.6-2.8 points of % favourable of one another (2025 Spring), so the
    Items page's strongest and weakest questions meant nothing; in real surveys they lie 10-30 points apart.
    % favourable = answers of 4 or 5 (Agree, Strongly agree) over the item's answers, everyone in the wave."""
    latest = responses[responses["wave"] == WAVES[-1]]
    spans = {}
    for domain, cols in items.items():
        favourable = (latest[cols] >= 4).sum() / latest[cols].notna().sum() * 100
        spans[domain] = favourable.max() - favourable.min()
    spans = pd.Series(spans).round(1)
    assert (spans >= 10).sum() >= len(spans) / 2, spans.to_dict()
    assert (spans <= 35).all(), spans.to_dict()


def test_story4_one_lea_responds_below_40_percent(responses, roster):
    rates = unit_rates(responses, roster)
    low = rates["agency"] == LOW_RATE_AGENCY
    assert (rates.loc[low, "rate"] < 0.40).all()
    by_agency = rates[low].groupby("wave")[["responses", "invited"]].sum()
    assert (by_agency["responses"] / by_agency["invited"] < 0.40).all()
    assert rates.loc[~low, "rate"].between(0.55, 0.95).all()


def test_story5_resources_has_weak_reliability(responses, items):
    for wave in WAVES:
        rows = responses[responses["wave"] == wave]
        for domain, cols in items.items():
            if domain == "RES":
                assert alpha(rows[cols]) < 0.60, wave
            else:
                assert alpha(rows[cols]) >= 0.70, (wave, domain)


def test_story6_domain_scores_spread_across_tiers(responses, scores):
    means = wave_means(responses, scores)
    assert (means[["TRU", "VIS"]] >= 62.5).all().all()
    assert (means[["RES", "SHD"]] < 62.5).all().all()
    groups = scores.groupby([responses["wave"], responses["agency"], responses["unit"]])
    unit_means = groups.mean().where(groups.count() >= 5)
    tiers = pd.DataFrame(
        np.select([unit_means >= 75, unit_means >= 62.5, unit_means >= 50], ["S", "D", "E"], "P"),
        index=unit_means.index,
        columns=unit_means.columns,
    ).where(unit_means.notna())
    for wave in WAVES:
        shown = tiers.loc[wave]
        assert set(shown.stack().dropna()) == {"S", "D", "E", "P"}
        for domains, favoured in [(["TRU", "VIS"], ["S", "D"]), (["RES", "SHD"], ["E", "P"])]:
            for domain in domains:
                assert shown[domain].dropna().isin(favoured).mean() >= 0.8, (wave, domain)


# --- reproducibility ----------------------------------------------------------------------------------------


def test_generator_reproduces_committed_files(tmp_path):
    spec = importlib.util.spec_from_file_location("make_sample", SAMPLE / "make_sample.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    pd.testing.assert_frame_equal(
        read_canonical_responses(tmp_path / "responses.xlsx"), read_canonical_responses(SAMPLE / "responses.xlsx")
    )
    pd.testing.assert_frame_equal(read_roster(tmp_path / "roster.xlsx"), read_roster(SAMPLE / "roster.xlsx"))
    for name in ["responses.xlsx", "roster.xlsx"]:
        assert (SAMPLE / name).stat().st_size < 3_000_000


def test_reader_keeps_text_as_written_and_refuses_text_answers(tmp_path):
    wb = Workbook()
    wb.active.append(["response_id", "unit", "role_level", "VIS1"])
    wb.active.append(["r1", 101, "   ", 4])
    wb.active.append(["r2", "Pre-K", None, None])
    wb.save(tmp_path / "ok.xlsx")
    df = read_canonical_responses(tmp_path / "ok.xlsx")
    assert df["unit"].tolist() == ["101", "Pre-K"]
    assert df["role_level"].isna().all()
    assert df["VIS1"].dtype == "float64" and np.isnan(df["VIS1"].iloc[1])
    wb.active.append(["r3", "Pre-K", "staff", "Don't know"])
    wb.save(tmp_path / "bad.xlsx")
    with pytest.raises(ValueError, match="VIS1"):
        read_canonical_responses(tmp_path / "bad.xlsx")
