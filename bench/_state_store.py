"""A synthetic state-scale store for bench/bench_pages.py: waves of N responses each (default 100,000) from 61
agencies (the state office and 60 districts) of 8 units each, saved through the store API (`Store.save_wave` with
comments, `Store.save_roster`), as an analyst's uploads would be.

The responses look like a real state's: unit names repeat across agencies ("Finance", "Early Childhood",
"Special Education", ...), agencies and units differ a lot in size (some units fall under the minimum group
size), role levels have realistic shares (staff about 64 %, managers 15 %, support 15 %, executives 4 %, 2 %
not reported), tenure band and program area are filled in, and every item of the default instrument is answered
1-5 from a respondent's own level plus their agency's, unit's, role's and domain's, so scores differ by agency
and unit and answers hang together within a respondent; about 4 % of answers are missing, some respondents
stopped part-way. About a third of respondents wrote a comment (texts drawn from the sample's redacted comments);
the roster's invited counts give each unit a response rate of 55-95 %. No action plans.

Not a benchmark itself (its name starts with "_", so `make bench` skips it). The bench calls it in a child
process:

    python bench/_state_store.py PATH --waves 3 --responses 100000

which writes PATH.building, then renames it to PATH once every wave is saved.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest import read_canonical_comments  # noqa: E402
from metrics import load_instrument  # noqa: E402
from store import open_store  # noqa: E402

SEED = 2026
WHO = "bench"
UNITS_PER_AGENCY = 8
STATE_OFFICE = "State Office of Early Learning"
STATE_UNITS = (
    "Policy & Legislative Affairs",
    "Grants & Finance",
    "Data & Assessment",
    "Licensing & Monitoring",
    "Professional Learning",
    "Family & Community Engagement",
    "Early Childhood Special Education",
    "Communications",
)
DISTRICT_UNITS = (  # a district has 8 of these; the first four most often
    "Early Childhood",
    "Special Education",
    "Finance",
    "Pre-K Programs",
    "Family Engagement",
    "Professional Learning",
    "Data & Assessment",
    "Head Start",
    "Transportation",
    "Human Resources",
    "Curriculum & Instruction",
    "Early Childhood Special Education",
)
PLACES = (
    "Riverside", "Lakeshore", "Northfield", "Maple Valley", "Harbor City", "Pine Ridge", "Eastbrook", "Cedar Falls",
    "Westfield", "Oak Grove", "Silver Lake", "Brookhaven", "Fairview", "Greenfield", "Highland", "Ironwood",
    "Juniper Hills", "Kingsport", "Laurel Bay", "Millbrook", "Newport", "Oakdale", "Prairie View", "Quarry Hill",
    "Red Rock", "Springdale", "Timberline", "Union City", "Valley Forge", "Willow Creek", "Ashland", "Bayside",
    "Clearwater", "Dover", "Elmwood", "Franklin", "Glenwood", "Hartford", "Indian Springs", "Jefferson",
    "Kent", "Lincoln", "Madison", "North Bend", "Orchard Park", "Plainview", "Rockport", "Stonebridge",
    "Three Rivers", "Upland", "Vista", "Woodland", "Yorktown", "Zion", "Arbor Heights", "Blue Mountain",
    "Crystal Springs", "Deer Park", "Evergreen", "Fox Hollow",
)  # fmt: skip
DISTRICT_KINDS = ("Unified School District", "Public Schools", "County School District", "Community Schools")
ROLES = ("executive", "manager", "staff", "support", None)
ROLE_SHARES = (0.04, 0.15, 0.64, 0.15, 0.02)
ROLE_LIFT = (0.35, 0.15, 0.0, -0.05, -0.10)  # leaders see the office more kindly (a perception gap)
TENURES = ("<1", "1-3", "4-9", "10+", None)
TENURE_SHARES = (0.12, 0.29, 0.32, 0.25, 0.02)
AREAS = ("Pre-K", "Special Education", "Operations", "Infant-Toddler")
UNIT_AREA = {  # a unit's usual program area; others answer another one now and then
    "Special Education": "Special Education",
    "Early Childhood Special Education": "Special Education",
    "Early Childhood": "Pre-K",
    "Pre-K Programs": "Pre-K",
    "Head Start": "Infant-Toddler",
    "Curriculum & Instruction": "Pre-K",
    "Family Engagement": "Infant-Toddler",
    "Family & Community Engagement": "Infant-Toddler",
}


@dataclass(frozen=True)
class Structure:
    """The state's offices: every (agency, agency_type, unit) and the share of a wave's responses it holds."""

    agency: tuple[str, ...]
    agency_type: tuple[str, ...]
    unit: tuple[str, ...]
    share: np.ndarray

    def largest_districts(self) -> list[tuple[str, str]]:
        """(district, its largest unit), largest district first: the bench's filter choices."""
        table = pd.DataFrame({"agency": self.agency, "type": self.agency_type, "unit": self.unit, "share": self.share})
        table = table[table["type"] == "LEA"]
        sizes = table.groupby("agency")["share"].sum().sort_values(ascending=False)
        biggest = table.sort_values("share", ascending=False).drop_duplicates("agency").set_index("agency")["unit"]
        return [(agency, biggest[agency]) for agency in sizes.index]


def structure(seed: int = SEED) -> Structure:
    """61 agencies of 8 units: the state office (about 6 % of responses) and 60 districts of very different sizes."""
    rng = np.random.default_rng(seed)
    districts = [f"{place} {DISTRICT_KINDS[i % len(DISTRICT_KINDS)]}" for i, place in enumerate(PLACES)]
    sizes = rng.lognormal(mean=0.0, sigma=0.8, size=len(districts))
    sizes = 0.94 * sizes / sizes.sum()
    agency, kind, unit, share = [], [], [], []
    common = np.array([4.0] * 4 + [1.0] * (len(DISTRICT_UNITS) - 4))
    for name, kind_name, units, size in [
        (STATE_OFFICE, "SEA", STATE_UNITS, 0.06),
        *[
            (d, "LEA", rng.choice(DISTRICT_UNITS, UNITS_PER_AGENCY, replace=False, p=common / common.sum()), s)
            for d, s in zip(districts, sizes, strict=True)
        ],
    ]:
        within = rng.dirichlet(np.full(UNITS_PER_AGENCY, 1.2))
        for unit_name, part in zip(units, within, strict=True):
            agency.append(name)
            kind.append(kind_name)
            unit.append(str(unit_name))
            share.append(size * part)
    return Structure(tuple(agency), tuple(kind), tuple(unit), np.array(share))


def wave_labels(waves: int) -> list[str]:
    """The latest wave is "2025 Spring"; earlier ones a year apart."""
    return [f"{2025 - waves + 1 + i} Spring" for i in range(waves)]


def wave_table(
    offices: Structure, label: str, position: int, responses: int, effects: dict, rng: np.random.Generator
) -> pd.DataFrame:
    """One wave's canonical table (response_id, wave, the six attributes, then every item 1-5 or NaN)."""
    instrument = load_instrument()
    counts = rng.multinomial(responses, offices.share / offices.share.sum())
    office = np.repeat(np.arange(len(counts)), counts)
    rng.shuffle(office)
    agency_names = np.array(offices.agency, dtype=object)[office]
    unit_names = np.array(offices.unit, dtype=object)[office]
    role = rng.choice(len(ROLES), responses, p=ROLE_SHARES)
    # a respondent's level: agency, unit (within its agency), role, a slow drift by wave, and their own view
    agency_codes = pd.factorize(agency_names)[0]
    agency_level = np.array([effects["agency"][a] for a in pd.unique(agency_names)])[agency_codes]
    level = (
        agency_level
        + effects["unit"][office]
        + np.array(ROLE_LIFT)[role]
        + position * effects["trend"][office]
        + rng.normal(0.0, 0.5, responses)
    )
    items = instrument.items
    domain_index = {code: i for i, code in enumerate(instrument.domain_codes)}
    columns = {}
    for position_in_form, item in enumerate(items):
        domain = domain_index[item.domain]
        raw = (
            3.35
            + level
            + effects["domain"][domain]
            + effects["office_domain"][office, domain]
            + effects["item"][position_in_form]
            + rng.normal(0.0, 0.7, responses)
        )
        answer = np.clip(np.rint(raw), 1, 5)
        if item.reverse_coded:
            answer = 6 - answer
        answer[rng.random(responses) < 0.035] = np.nan  # skipped or "don't know"
        columns[item.code] = answer
    answers = np.column_stack(list(columns.values()))
    stopped = rng.random(responses) < 0.03  # left part-way: every later item missing
    stop_at = rng.integers(5, len(items), responses)
    answers[stopped[:, None] & (np.arange(len(items))[None, :] >= stop_at[:, None])] = np.nan
    area = np.array([UNIT_AREA.get(name, "Operations") for name in offices.unit], dtype=object)[office]
    other = rng.random(responses) < 0.2
    area[other] = rng.choice(AREAS, int(other.sum()))
    area[rng.random(responses) < 0.08] = None
    year = label.split()[0]
    table = pd.DataFrame(
        {
            "response_id": [f"W{year}-{i:06d}" for i in range(1, responses + 1)],
            "wave": label,
            "agency": agency_names,
            "agency_type": np.array(offices.agency_type, dtype=object)[office],
            "unit": unit_names,
            "role_level": np.array(ROLES, dtype=object)[role],
            "tenure_band": np.array(TENURES, dtype=object)[rng.choice(len(TENURES), responses, p=TENURE_SHARES)],
            "program_area": area,
        }
    )
    return pd.concat([table, pd.DataFrame(answers, columns=list(columns))], axis=1)


def comment_pool() -> pd.DataFrame:
    """The sample's comments (question, text), redacted with the sample's list of names as an upload would be."""
    sample = ROOT / "data" / "sample"
    terms = [
        line.strip()
        for line in (sample / "redaction_terms.txt").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    comments, _ = read_canonical_comments(sample / "comments.csv", terms)
    return comments[["question", "text"]].reset_index(drop=True)


def wave_comments(table: pd.DataFrame, pool: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """About a third of the wave's respondents comment once, a tenth of them twice (each question at most once)."""
    questions = sorted(pool["question"].unique())
    parts = []
    for question, share in zip(questions, (0.30, 0.12), strict=False):
        of_question = pool[pool["question"] == question]["text"].to_numpy()
        who = table["response_id"].to_numpy()[rng.random(len(table)) < share]
        parts.append(
            pd.DataFrame({"response_id": who, "question": question, "text": rng.choice(of_question, len(who))})
        )
    return pd.concat(parts, ignore_index=True)


def roster(table: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """One roster row per (agency, unit) that answered: invited = answered / a response rate of 55-95 %."""
    answered = table.groupby(["wave", "agency", "unit"]).size().reset_index(name="answered")
    rate = rng.uniform(0.55, 0.95, len(answered))
    answered["invited"] = np.ceil(answered["answered"] / rate).astype("int64")
    return answered[["wave", "agency", "unit", "invited"]]


def build(path: Path, waves: int, responses: int, seed: int = SEED) -> None:
    """Write the store at `path` (which must not exist) wave by wave through the store API."""
    offices = structure(seed)
    rng = np.random.default_rng(seed + 1)
    effects = {
        "agency": dict(zip(pd.unique(np.array(offices.agency)), rng.normal(0.0, 0.35, 61), strict=True)),
        "unit": rng.normal(0.0, 0.25, len(offices.unit)),
        "trend": rng.normal(0.03, 0.05, len(offices.unit)),
        "domain": rng.normal(0.0, 0.2, 10),
        "office_domain": rng.normal(0.0, 0.15, (len(offices.unit), 10)),
        "item": rng.normal(0.0, 0.1, len(load_instrument().items)),
    }
    instrument_name = load_instrument().name
    pool = comment_pool()
    store = open_store(path)
    for position, label in enumerate(wave_labels(waves)):
        started = time.perf_counter()
        table = wave_table(offices, label, position, responses, effects, rng)
        comments = wave_comments(table, pool, rng)
        store.save_wave(
            table,
            wave=label,
            instrument_name=instrument_name,
            filename=f"synthetic-{label}.xlsx",
            who=WHO,
            comments=comments,
        )
        store.save_roster(roster(table, rng), who=WHO, filename=f"synthetic-roster-{label}.xlsx")
        print(
            f"  saved {label}: {len(table):,} responses, {len(comments):,} comments "
            f"({time.perf_counter() - started:.1f} s)",
            flush=True,
        )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", type=Path)
    parser.add_argument("--waves", type=int, default=3)
    parser.add_argument("--responses", type=int, default=100_000)
    args = parser.parse_args()
    building = args.path.with_name(args.path.name + ".building")
    for leftover in (building, building.with_name(building.name + ".wal")):
        leftover.unlink(missing_ok=True)
    build(building, args.waves, args.responses)
    building.replace(args.path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
