"""Write the sample survey (three waves) and roster that the dashboard ships with.

Why: a new user, the demo and the tests need realistic data with known stories in it, and no agency's real
answers may ever be committed. Everything comes from one seeded generator, so a re-run writes the same bytes.

Run from the repository root: `python data/sample/make_sample.py` (writes beside this file). The stories it
plants are listed in data/sample/README.md and checked by tests/data/test_sample.py.
"""

from __future__ import annotations

import datetime
import sys
import zipfile
from pathlib import Path

import numpy as np
from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

SEED = 11  # any seed plants the stories; this one leaves comfortable margins on the checks
WAVES = ("2023 Spring", "2024 Spring", "2025 Spring")
ATTRIBUTES = ("response_id", "wave", "agency", "agency_type", "unit", "role_level", "tenure_band", "program_area")
# The default instrument's domains and item counts, in instrument order (metrics/instruments/default.toml).
DOMAINS = {"VIS": 4, "LEAD": 4, "ALN": 4, "CAP": 5, "RES": 4, "COM": 4, "ACC": 5, "SHD": 4, "TRU": 4, "PAR": 4}
ITEMS = [f"{d}{i}" for d, k in DOMAINS.items() for i in range(1, k + 1)]
FIXED_TIME = datetime.datetime(2025, 6, 1)

SEA = "State Office of Early Learning"
GAP_UNIT = "Grants & Finance"  # story 2: leaders see shared decision-making far more favourably than staff
TINY_UNIT = "Policy & Legislative Affairs"  # story 3: 3 respondents every wave
DATA_UNIT = "Data & Assessment"  # story 3: the smallest other SEA division, hidden beside TINY_UNIT
LOW_RATE_AGENCY = "Harbor City Public Schools"  # story 4: response rate below 40 % every wave

# (agency, agency_type, unit, people invited in 2023, main program area)
UNITS = [
    (SEA, "SEA", "Pre-K Programs", 320, "Pre-K"),
    (SEA, "SEA", "Early Childhood Special Education", 260, "Special Education"),
    (SEA, "SEA", DATA_UNIT, 45, "Operations"),
    (SEA, "SEA", GAP_UNIT, 95, "Operations"),
    (SEA, "SEA", "Family Engagement", 150, "Infant-Toddler"),
    (SEA, "SEA", "Professional Learning", 190, "Pre-K"),
    (SEA, "SEA", TINY_UNIT, 5, "Operations"),
    ("Riverside Unified School District", "LEA", "Early Learning Office", 40, "Operations"),
    ("Riverside Unified School District", "LEA", "Pre-K Classrooms", 210, "Pre-K"),
    ("Riverside Unified School District", "LEA", "Special Education Preschool", 70, "Special Education"),
    ("Riverside Unified School District", "LEA", "Family & Community Engagement", 35, "Infant-Toddler"),
    ("Maple Valley Public Schools", "LEA", "Early Learning Office", 25, "Operations"),
    ("Maple Valley Public Schools", "LEA", "Pre-K Classrooms", 120, "Pre-K"),
    ("Maple Valley Public Schools", "LEA", "Family & Community Engagement", 20, "Infant-Toddler"),
    ("Cedar Falls Community Schools", "LEA", "Early Learning Office", 20, "Operations"),
    ("Cedar Falls Community Schools", "LEA", "Pre-K Classrooms", 90, "Pre-K"),
    ("Lakeshore County School District", "LEA", "Early Learning Office", 30, "Operations"),
    ("Lakeshore County School District", "LEA", "Pre-K Classrooms", 160, "Pre-K"),
    ("Lakeshore County School District", "LEA", "Special Education Preschool", 45, "Special Education"),
    (LOW_RATE_AGENCY, "LEA", "Early Learning Office", 35, "Operations"),
    (LOW_RATE_AGENCY, "LEA", "Pre-K Classrooms", 180, "Pre-K"),
    (LOW_RATE_AGENCY, "LEA", "Special Education Preschool", 60, "Special Education"),
    (LOW_RATE_AGENCY, "LEA", "Family & Community Engagement", 30, "Infant-Toddler"),
    ("Pine Ridge Independent School District", "LEA", "Early Learning Office", 15, "Operations"),
    ("Pine Ridge Independent School District", "LEA", "Pre-K Classrooms", 70, "Pre-K"),
    ("Pine Ridge Independent School District", "LEA", "Family & Community Engagement", 20, "Infant-Toddler"),
    ("Northfield Area Schools", "LEA", "Early Learning Office", 22, "Operations"),
    ("Northfield Area Schools", "LEA", "Pre-K Classrooms", 110, "Pre-K"),
    ("Northfield Area Schools", "LEA", "Special Education Preschool", 35, "Special Education"),
    ("Eastbrook Consolidated Schools", "LEA", "Early Learning Office", 18, "Operations"),
    ("Eastbrook Consolidated Schools", "LEA", "Pre-K Classrooms", 85, "Pre-K"),
]
PROGRAM_AREAS = ("Pre-K", "Special Education", "Infant-Toddler", "Operations")

# Mean answer (1-5 scale, before rounding) per domain; COM improves wave on wave (story 1), RES and SHD sit low.
DOMAIN_MEAN = {
    "VIS": 3.95,
    "LEAD": 3.55,
    "ALN": 3.35,
    "CAP": 3.6,
    "RES": 2.9,
    "COM": None,
    "ACC": 3.45,
    "SHD": 3.15,
    "TRU": 4.0,
    "PAR": 3.6,
}
COM_MEAN_BY_WAVE = (3.05, 3.40, 3.75)
# Added to each item's answers (1-5 scale), in instrument order: items of one domain differ as real ones do
# (10-30 points of % favourable apart), and average 0 within each domain, so domain scores keep their stories.
ITEM_OFFSET = {
    "VIS": (0.25, -0.35, 0.30, -0.20),  # seeing one's own part is easy; steady priorities are rare
    "LEAD": (0.20, 0.05, -0.25, 0.00),
    "ALN": (0.30, -0.15, -0.05, -0.10),  # one's own role is clearer than how units fit together
    "CAP": (0.35, 0.05, 0.00, -0.15, -0.25),  # expertise is there; onboarding and documentation lag
    "RES": (-0.25, -0.05, 0.35, -0.05),  # tools are fine; time is short
    "COM": (0.15, -0.20, -0.05, 0.10),  # information flows down better than up
    "ACC": (0.10, 0.25, 0.00, -0.10, -0.25),
    "SHD": (-0.15, -0.10, 0.30, -0.05),
    "TRU": (0.00, -0.30, 0.25, 0.05),  # colleagues help; raising concerns feels less safe
    "PAR": (0.05, -0.10, 0.20, -0.15),
}
ROLES = ("executive", "manager", "staff", "support")
ROLE_P = (0.05, 0.15, 0.65, 0.15)
TENURES = ("<1", "1-3", "4-9", "10+")
TENURE_P = (0.12, 0.30, 0.33, 0.25)
LEADER_LIFT = 0.05  # leaders everywhere are slightly more positive (a modest, realistic gap)
GAP_LIFT = {"leader": 0.7, "staff": -0.65}  # added to SHD answers in GAP_UNIT only
# Fixed leadership teams, everyone else staff or support. GAP_UNIT's gap always rests on 9 leaders; DATA_UNIT's 6
# leaders let the SEA's by-unit leader-staff table show GAP_UNIT's gap (§7.2c: the two hidden divisions' leaders
# together reach min_n, so no further cell need be hidden).
LEADERSHIP_TEAM = {GAP_UNIT: ("executive",) * 2 + ("manager",) * 7, DATA_UNIT: ("executive",) + ("manager",) * 5}
DONT_KNOW_P = 0.035  # per answer; PAR (partners) is harder for many staff to judge
DONT_KNOW_P_PAR = 0.075
SKIP_P = 0.03  # respondents who skip most of one domain


def plan_waves(rng: np.random.Generator) -> list[dict]:
    """Invited and responding head-counts per agency, unit and wave (the roster)."""
    rows = []
    for w, wave in enumerate(WAVES):
        for agency, _, unit, base, _ in UNITS:
            if unit == TINY_UNIT:
                invited, responses = 4 + (w == 1), 3
            else:
                invited = int(round(base * (1 + 0.03 * w) * rng.uniform(0.95, 1.05)))
                rate = rng.uniform(0.28, 0.37) if agency == LOW_RATE_AGENCY else rng.uniform(0.60, 0.90)
                responses = max(3, int(round(rate * invited)))
            rows.append({"wave": wave, "agency": agency, "unit": unit, "invited": invited, "responses": responses})
    return rows


def draw_roles(rng: np.random.Generator, unit: str, n: int) -> np.ndarray:
    """Role per respondent; a unit of LEADERSHIP_TEAM gets its fixed team, and only staff and support besides."""
    roles = rng.choice(ROLES, size=n, p=ROLE_P).astype(object)
    missing = rng.random(n) < 0.02
    if unit in LEADERSHIP_TEAM:
        team = len(LEADERSHIP_TEAM[unit])
        roles[:team] = LEADERSHIP_TEAM[unit]
        roles[team:] = rng.choice(("staff", "support"), size=n - team, p=(0.8, 0.2))
        missing[:team] = False
    roles[missing] = None
    return roles


def centred(values: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Subtract each group's mean, so a unit's leaders and staff differ only by what is planted plus item noise."""
    out = values.copy()
    for g in np.unique(groups):
        rows = groups == g
        out[rows] -= out[rows].mean(axis=0)
    return out


def answers(
    rng: np.random.Generator,
    w: int,
    unit_idx: np.ndarray,
    leader: np.ndarray,
    unit_effect: np.ndarray,
    unit_domain_effect: np.ndarray,
) -> np.ndarray:
    """Item answers 1-5 from a general latent, a per-domain latent, a fixed item offset and item noise; RES items
    are near-independent."""
    n = len(unit_idx)
    side = unit_idx * 2 + leader
    general = centred(rng.normal(0, 0.55, size=(n, 1)), side)
    specific = centred(rng.normal(0, 0.40, size=(n, len(DOMAINS))), side)
    gap_unit = np.array([UNITS[u][2] == GAP_UNIT for u in unit_idx])
    columns = []
    for d, (domain, k) in enumerate(DOMAINS.items()):
        mean = COM_MEAN_BY_WAVE[w] if domain == "COM" else DOMAIN_MEAN[domain]
        base = mean + unit_effect[unit_idx] + unit_domain_effect[unit_idx, d] + LEADER_LIFT * leader
        if domain == "SHD":
            base = base + gap_unit * np.where(leader, GAP_LIFT["leader"], GAP_LIFT["staff"])
        if domain == "RES":
            latent, noise = 0.12 * general[:, 0], 1.0
        else:
            latent, noise = general[:, 0] + specific[:, d], 0.5
        x = (base + latent)[:, None] + np.array(ITEM_OFFSET[domain]) + rng.normal(0, noise, size=(n, k))
        columns.append(np.clip(np.rint(x), 1, 5))
    return np.hstack(columns)


def blank_some(rng: np.random.Generator, values: np.ndarray) -> np.ndarray:
    """Don't-know answers at random, and a few respondents who answer fewer than half of one domain."""
    p = np.array([DONT_KNOW_P_PAR if code.startswith("PAR") else DONT_KNOW_P for code in ITEMS])
    values = np.where(rng.random(values.shape) < p, np.nan, values)
    starts = np.cumsum([0, *DOMAINS.values()])
    for row in np.flatnonzero(rng.random(len(values)) < SKIP_P):
        d = rng.integers(len(DOMAINS))
        k = starts[d + 1] - starts[d]
        keep = -(-k // 2) - 1  # one short of half, rounded up: no domain score under the contract
        skipped = rng.choice(np.arange(starts[d], starts[d + 1]), size=k - keep, replace=False)
        values[row, skipped] = np.nan
    return values


def make_wave(
    rng: np.random.Generator, w: int, plan: list[dict], unit_effect: np.ndarray, unit_domain_effect: np.ndarray
) -> list[list]:
    """Rows of one wave in submission order (shuffled), each attributes then item answers."""
    counts = {(p["agency"], p["unit"]): p["responses"] for p in plan if p["wave"] == WAVES[w]}
    unit_idx, roles = [], []
    for u, (agency, _, unit, _, _) in enumerate(UNITS):
        n = counts[agency, unit]
        unit_idx += [u] * n
        roles += list(draw_roles(rng, unit, n))
    unit_idx, roles = np.array(unit_idx), np.array(roles, dtype=object)
    leader = np.isin(roles, ("executive", "manager")).astype(int)
    values = blank_some(rng, answers(rng, w, unit_idx, leader, unit_effect, unit_domain_effect))
    tenure = rng.choice(TENURES, size=len(unit_idx), p=TENURE_P).astype(object)
    tenure[rng.random(len(unit_idx)) < 0.02] = None
    area_draw = rng.random(len(unit_idx))
    other_area = rng.choice(PROGRAM_AREAS, size=len(unit_idx))
    order = rng.permutation(len(unit_idx))
    year = WAVES[w][:4]
    rows = []
    for i, r in enumerate(order, start=1):
        agency, agency_type, unit, _, area = UNITS[unit_idx[r]]
        program = area if area_draw[r] < 0.75 else (other_area[r] if area_draw[r] < 0.9 else None)
        attrs = [f"W{year}-{i:05d}", WAVES[w], agency, agency_type, unit, roles[r], tenure[r], program]
        rows.append(attrs + [None if np.isnan(v) else int(v) for v in values[r]])
    return rows


class _FixedTimeZip(zipfile.ZipFile):
    """A zip whose entries all carry one timestamp, so regenerating a workbook writes identical bytes."""

    def writestr(self, zinfo_or_arcname, data, *args, **kwargs):
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname, date_time=FIXED_TIME.timetuple()[:6])
            zinfo_or_arcname.compress_type = zipfile.ZIP_DEFLATED
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename, arcname=None, *args, **kwargs):
        """openpyxl adds each worksheet from a temporary file, whose modification time would leak in."""
        self.writestr(arcname or Path(filename).name, Path(filename).read_bytes())


def write_sheet(path: Path, title: str, header: list[str], rows: list[list]) -> None:
    """One-sheet workbook with a frozen header; openpyxl's own save would stamp the current time."""
    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(header)
    for row in rows:
        ws.append(row)
    ws.freeze_panes = "A2"
    wb.properties.creator = "Effective Offices sample generator"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    ExcelWriter(wb, _FixedTimeZip(path, "w", zipfile.ZIP_DEFLATED)).save()


def main(out_dir: Path | str = Path(__file__).parent) -> None:
    """Generate responses.xlsx and roster.xlsx into out_dir."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    unit_effect = rng.normal(0, 0.15, size=len(UNITS))
    unit_domain_effect = rng.normal(0, 0.15, size=(len(UNITS), len(DOMAINS)))
    plan = plan_waves(rng)
    responses = [row for w in range(len(WAVES)) for row in make_wave(rng, w, plan, unit_effect, unit_domain_effect)]
    write_sheet(out_dir / "responses.xlsx", "responses", [*ATTRIBUTES, *ITEMS], responses)
    roster = [[p["wave"], p["agency"], p["unit"], p["invited"]] for p in plan]
    write_sheet(out_dir / "roster.xlsx", "roster", ["wave", "agency", "unit", "invited"], roster)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent)
