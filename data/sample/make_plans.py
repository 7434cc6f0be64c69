"""Write the sample action plans (plans.csv) that a new user finds beside the sample survey.

Why: the Action plans page should show the whole cycle on first start: one plan whose target was met (COM,
which the sample plants as rising 51.5 -> 60.3 from 2023 to 2024), one that was not (RES, which does not move),
and one still open (shared decision-making in Grants & Finance, story 2 of README.md), awaiting a 2026 wave.
The file is in the import format of the Action plans page, so it also shows what an export looks like.

Run from the repository root: `python data/sample/make_plans.py`. tests/data/test_sample_plans.py checks the
statuses against the sample's own numbers.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from plans import Action, Plan, plans_to_csv  # noqa: E402

SEA = "State Office of Early Learning"

SAMPLE_PLANS = (
    Plan(
        plan_id="P0001",
        focus="COM",
        agency=None,
        unit=None,
        problem="Staff hear about decisions late and second-hand; news from the field does not reach leaders.",
        challenge="adaptive",
        stakeholders=("LEAs", "Head Start", "Family Engagement"),
        actions=(
            Action("A short weekly note on decisions made and why", "Deputy director", date(2023, 7, 15), "done"),
            Action("Monthly open forum with each division", "Division directors", date(2023, 9, 30), "done"),
            Action("Field staff report back in every leadership meeting", "Regional leads", date(2023, 10, 31), "done"),
        ),
        measure="score",
        baseline_wave="2023 Spring",
        baseline=51.5,
        target=58.0,
        target_wave="2024 Spring",
        started=date(2023, 6, 15),
        status="closed",
    ),
    Plan(
        plan_id="P0002",
        focus="RES",
        agency=None,
        unit=None,
        problem="There is not enough time for the most important work; routines and tools get in the way.",
        challenge="technical",
        stakeholders=("Grants & Finance", "Other agencies"),
        actions=(
            Action("Retire two duplicate reporting forms", "Operations manager", date(2023, 9, 1), "done"),
            Action("A shared planning calendar for every division", "Chief of staff", date(2023, 12, 1), "dropped"),
            Action("Protected focus time two mornings a week", "Division directors", date(2024, 1, 15), "in progress"),
        ),
        measure="score",
        baseline_wave="2023 Spring",
        baseline=47.3,
        target=55.0,
        target_wave="2024 Spring",
        started=date(2023, 6, 15),
        status="closed",
    ),
    Plan(
        plan_id="P0003",
        focus="SHD",
        agency=SEA,
        unit="Grants & Finance",
        problem="Leaders believe staff shape decisions; staff say decisions are made for them.",
        challenge="adaptive",
        stakeholders=("LEAs", "Child care"),
        actions=(
            Action("Staff co-chair the grant review committee", "Division director", date(2024, 9, 1), "done"),
            Action("Publish how each funding decision was reached", "Grants manager", date(2025, 3, 1), "in progress"),
            Action("A staff panel reviews next year's priorities", "Director", date(2025, 11, 1), "not started"),
        ),
        measure="score",
        baseline_wave="2024 Spring",
        baseline=40.8,
        target=55.0,
        target_wave="2026 Spring",
        started=date(2024, 6, 20),
    ),
)


def main(out_dir: Path | str = Path(__file__).parent) -> None:
    (Path(out_dir) / "plans.csv").write_bytes(plans_to_csv(list(SAMPLE_PLANS)))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent)
