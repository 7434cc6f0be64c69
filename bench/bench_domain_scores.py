"""Benchmark: `domain_scores` on 100,000 responses by unit against a plain vectorised pandas computation of
the same group means, timed in the same run. Target: ratio <= 1.5.

Run: python bench/bench_domain_scores.py [--rows 100000] [--repeats 7]
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.timing import best_time  # noqa: E402
from metrics import domain_scores, load_instrument  # noqa: E402

TARGET_RATIO = 1.5


def synthetic_responses(rows: int, seed: int = 2026) -> pd.DataFrame:
    """Canonical responses: 40 units, four roles, answers 1-5 with 5 % blanks."""
    instrument = load_instrument()
    rng = np.random.default_rng(seed)
    answers = rng.integers(1, 6, size=(rows, len(instrument.items))).astype(float)
    answers[rng.random(answers.shape) < 0.05] = np.nan
    frame = pd.DataFrame(answers, columns=instrument.item_codes)
    frame.insert(0, "role_level", rng.choice(["executive", "manager", "staff", "support"], rows))
    frame.insert(0, "unit", rng.choice([f"Unit {i:02d}" for i in range(40)], rows))
    frame.insert(0, "response_id", [f"r{i}" for i in range(rows)])
    return frame


def baseline(frame: pd.DataFrame, instrument) -> pd.DataFrame:
    """The same group means in plain pandas: respondent domain means (half-answered rule), then groupby."""
    scores = {}
    for domain in instrument.domain_codes:
        codes = [item.code for item in instrument.items_of(domain)]
        block = frame[codes]
        needed = max(math.ceil(len(codes) / 2), min(2, len(codes)))
        scores[domain] = (block.mean(axis=1).where(block.notna().sum(axis=1) >= needed) - 1) / 4 * 100
    return pd.DataFrame(scores).groupby(frame["unit"]).agg(["mean", "count"])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    instrument = load_instrument()
    frame = synthetic_responses(args.rows)
    ours = domain_scores(frame, instrument, by=("unit",))
    plain = baseline(frame, instrument)
    for domain in instrument.domain_codes:  # the two must agree before their times are compared
        expected = plain[(domain, "mean")].to_numpy()
        got = ours.loc[ours["domain"] == domain, "score"].to_numpy()
        assert np.allclose(got, expected, rtol=0, atol=1e-9), domain
    base = best_time(lambda: baseline(frame, instrument), args.repeats)
    mine = best_time(lambda: domain_scores(frame, instrument, by=("unit",)), args.repeats)
    ratio = mine / base
    print(f"domain_scores on {args.rows:,} responses by unit: {mine * 1000:.1f} ms")
    print(f"plain pandas group means (baseline):            {base * 1000:.1f} ms")
    print(f"ratio {ratio:.2f} (target <= {TARGET_RATIO})")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())
