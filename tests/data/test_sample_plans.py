"""The sample's action plans show the whole cycle on first start: one target met, one not, one still open.

The statuses follow from the sample's planted stories (data/sample/README.md): COM rises from 51.5 to 60.3
between 2023 and 2024 Spring, with an interval well clear of 0, so a target of 58 is met; RES moves by under
1 point, so a target of 55 shows no clear change; 2026 Spring is not in the sample, so the third plan waits.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import metrics
from ingest import read_canonical_responses
from plans import read_plans

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.fixture(scope="module")
def sample_plans():
    found, problems = read_plans((SAMPLE / "plans.csv").read_bytes(), "plans.csv", metrics.load_instrument())
    assert problems == []
    return {plan.plan_id: plan for plan in found}


def test_the_file_is_what_the_generator_writes(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_plans", SAMPLE / "make_plans.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    assert (tmp_path / "plans.csv").read_bytes() == (SAMPLE / "plans.csv").read_bytes()


def test_one_met_one_not_met_one_open(sample_plans) -> None:
    responses = read_canonical_responses(SAMPLE / "responses.xlsx")
    instrument = metrics.load_instrument()
    waves = set(responses["wave"])
    judged = {}
    for plan_id, plan in sample_plans.items():
        if plan.target_wave in waves:
            judged[plan_id] = metrics.follow_through(
                responses,
                instrument,
                focus=plan.focus,
                measure=plan.measure,
                baseline_wave=plan.baseline_wave,
                target_wave=plan.target_wave,
                target=plan.target,
                agency=plan.agency,
                unit=plan.unit,
            ).status
    assert judged == {"P0001": "target met", "P0002": "no clear change"}
    open_plan = sample_plans["P0003"]
    assert open_plan.status == "open" and open_plan.target_wave == "2026 Spring" and "2026 Spring" not in waves
    assert {p.status for p in sample_plans.values() if p.plan_id != "P0003"} == {"closed"}
