"""Benchmark: `code_themes` on 50,000 synthetic comments against the plain per-domain `str.contains` with each
domain's alternation of keyword patterns (the definition of theme coding), timed in the same run on the same
texts after checking that both give identical results. Target: ratio <= 0.4.

The comments (seeded) have 10 to 60 words each: mostly filler, about 3 % words of the default lexicon (prefix
keywords completed: "communicat*" as "communicat", "communicats", "communicating", "communication"; phrases as
written) and 1 % near misses ("communal", "timeless", "datum"), some capitalised, some followed by punctuation.

Run: python bench/bench_themes.py [--comments 50000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.timing import best_time  # noqa: E402
from metrics import check_lexicon, code_themes, load_instrument, load_lexicon  # noqa: E402

TARGET_RATIO = 0.4
FILLER = """the a an of and to in is was were we our us they their team staff work new more very not but it this that
for with on as at be have has had do does did can could would should will just also so than then there here when where
why how what which who all any each every some many much few most other such only own same too again further once
office agency state local early childhood program programs children child grade school schools classroom teacher
year years month week day days people person colleague colleagues group unit units division plan plans project
projects policy policies rule rules report reports form forms email emails phone call calls question questions answer
issue issues problem problems change changes process processes way ways thing things part parts place places good
great better best bad worse hard easy clear unclear fair unfair slow fast late often sometimes never always usually
really quite rather still already yet even though although because since while during before after about above below
between into over under off out up down make makes made get gets got take takes took give gives gave feel feels felt
think thinks thought know knows knew want wants wanted need needs needed seem seems""".split()
NEAR_MISSES = ["communal", "timeless", "datum", "excommunicate", "nonprofit", "timely", "visionary", "datas", "trusty"]
PUNCTUATION = np.array(["", "", "", "", "", "", ",", ".", ";", "!", "?", ":"], dtype=object)


def lexicon_words(lexicon: pd.DataFrame) -> list[str]:
    """Words a comment may use for each keyword: a prefix keyword completed four ways, the others as written."""
    words = []
    for keyword in lexicon["keyword"]:
        if keyword.endswith("*"):
            stem = keyword[:-1]
            words += [stem, stem + "s", stem + "ing", stem + "ion"]
        else:
            words.append(keyword)
    return words


def synthetic_comments(count: int, lexicon: pd.DataFrame, seed: int = 2026) -> pd.Series:
    rng = np.random.default_rng(seed)
    filler = np.array(FILLER, dtype=object)
    themed = np.array(lexicon_words(lexicon), dtype=object)
    near = np.array(NEAR_MISSES, dtype=object)
    texts = []
    for size in rng.integers(10, 61, count):
        kind = rng.random(size)
        words = np.where(
            kind < 0.03,
            themed[rng.integers(0, len(themed), size)],
            np.where(kind < 0.04, near[rng.integers(0, len(near), size)], filler[rng.integers(0, len(filler), size)]),
        )
        capital = rng.random(size) < 0.1
        words = [word.capitalize() if up else word for word, up in zip(words, capital, strict=True)]
        marks = PUNCTUATION[rng.integers(0, len(PUNCTUATION), size)]
        texts.append(" ".join(word + mark for word, mark in zip(words, marks, strict=True)))
    return pd.Series(texts, name="text")


def keyword_pattern(keyword: str) -> str:
    prefix = keyword.endswith("*")
    words = (keyword[:-1] if prefix else keyword).split()
    return r"\s+".join(re.escape(word) for word in words) + (r"\w*" if prefix else "")


def baseline(texts: pd.Series, lexicon: pd.DataFrame) -> pd.DataFrame:
    """For each domain: texts.str.contains(that domain's alternation of whole-word keyword patterns, case=False)."""
    columns = {}
    for domain, keywords in lexicon.groupby("domain", sort=False)["keyword"]:
        alternation = "|".join(keyword_pattern(keyword) for keyword in keywords)
        columns[domain] = texts.str.contains(rf"(?<!\w)(?:{alternation})(?!\w)", case=False, regex=True)
    return pd.DataFrame(columns, index=texts.index)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--comments", type=int, default=50_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    lexicon = check_lexicon(load_lexicon(), load_instrument())
    texts = synthetic_comments(args.comments, lexicon)
    ours = code_themes(texts, lexicon)
    plain = baseline(texts, lexicon)
    assert ours.columns.tolist() == plain.columns.tolist()  # the two must agree before their times are compared
    assert np.array_equal(ours.to_numpy(dtype=bool), plain.to_numpy(dtype=bool))
    words = texts.str.split().str.len().sum()
    print(f"{args.comments:,} comments, {words:,} words; share mentioning each domain:")
    print("  " + "  ".join(f"{domain} {share:.1%}" for domain, share in ours.mean().items()))
    base = mine = float("inf")
    for _ in range(args.repeats):  # interleaved, so drift on a busy machine hits both alike
        base = min(base, best_time(lambda: baseline(texts, lexicon), 1))
        mine = min(mine, best_time(lambda: code_themes(texts, lexicon), 1))
    ratio = mine / base
    print(f"code_themes:                          {mine * 1000:.0f} ms")
    print(f"str.contains per domain (baseline):   {base * 1000:.0f} ms")
    print(f"ratio {ratio:.2f} (target <= {TARGET_RATIO})")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())
