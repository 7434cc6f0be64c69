"""Hypothesis invariants: percentages in range, nothing shown below min_n, nothing derivable by
subtraction within a parent, row order irrelevant, inputs untouched."""

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import metrics
from tests.metrics.conftest import tiny_instrument

INSTRUMENT = tiny_instrument({"A": 3, "B": 1, "SHD": 2})
ANSWER = st.one_of(st.none(), st.integers(1, 5))
ROW = st.fixed_dictionaries(
    {
        "agency": st.sampled_from(["P", "Q"]),
        "unit": st.sampled_from(["u1", "u2", "u3", None, " "]),
        "role_level": st.sampled_from(["executive", "manager", "staff", "support", None]),
        **{code: ANSWER for code in INSTRUMENT.item_codes},
    }
)
TABLES = st.lists(ROW, min_size=0, max_size=60).map(
    lambda rows: pd.DataFrame(rows, columns=["agency", "unit", "role_level", *INSTRUMENT.item_codes]).astype(
        {code: "float64" for code in INSTRUMENT.item_codes}
    )
)
BY = st.sampled_from([(), ("unit",), ("agency", "unit")])
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def parent_keys(result: pd.DataFrame, by: tuple) -> pd.Series:
    if len(by) <= 1:
        return pd.Series(0, index=result.index)
    return result.groupby(list(by[:-1])).ngroup()


def group_sizes(table: pd.DataFrame, by: tuple) -> dict:
    """Rows per group, computed apart from metrics: blank and null attributes are "Not reported"."""
    sizes: dict = {}
    for _, row in table.iterrows():
        key = tuple(
            "Not reported" if row[c] is None or pd.isna(row[c]) or not str(row[c]).strip() else str(row[c]) for c in by
        )
        sizes[key] = sizes.get(key, 0) + 1
    return sizes


def assert_nothing_derivable(result, by, measure):
    """Within each parent and measure: no suppressed cell, or at least two (or no sibling to subtract)."""
    if not by:
        return
    for _, cells in result.groupby([parent_keys(result, by), measure] if measure else parent_keys(result, by)):
        hidden = int(cells["suppressed"].sum())
        assert hidden == 0 or hidden >= 2 or len(cells) == 1


@SETTINGS
@given(TABLES, BY, st.integers(3, 6))
def test_domain_scores_invariants(table, by, min_n):
    before = table.copy()
    result = metrics.domain_scores(table, INSTRUMENT, by=by, min_n=min_n)
    pd.testing.assert_frame_equal(table, before)
    shown = result[~result["suppressed"]]
    assert ((shown["score"] >= 0) & (shown["score"] <= 100)).all()
    assert ((shown["pct_favorable"] >= 0) & (shown["pct_favorable"] <= 100)).all()
    assert (shown["n"] >= min_n).all()
    assert result.loc[result["suppressed"], ["score", "pct_favorable"]].isna().all().all()
    sizes = group_sizes(table, by)
    for key in shown[list(by)].itertuples(index=False, name=None) if by else []:
        assert sizes[key] >= min_n
    assert_nothing_derivable(result, by, "domain")


@SETTINGS
@given(TABLES, BY, st.integers(3, 6))
def test_item_stats_invariants(table, by, min_n):
    result = metrics.item_stats(table, INSTRUMENT, by=by, min_n=min_n)
    shown = result[~result["suppressed"]]
    total = shown["pct_favorable"] + shown["pct_neutral"] + shown["pct_unfavorable"]
    assert np.allclose(total, 100)
    for column in ("pct_favorable", "pct_neutral", "pct_unfavorable"):
        assert ((shown[column] >= 0) & (shown[column] <= 100)).all()
    assert (shown["n"] >= min_n).all()
    assert_nothing_derivable(result, by, "item")
    domains = metrics.domain_scores(table, INSTRUMENT, by=by, min_n=min_n)
    merged = result.merge(domains, on=[*by, "domain"], suffixes=("", "_domain"))
    assert not (merged["suppressed_domain"] & ~merged["suppressed"]).any()  # items follow their domain


@SETTINGS
@given(TABLES, BY, st.integers(3, 6))
def test_gap_and_influence_invariants(table, by, min_n):
    gaps = metrics.perception_gap(table, INSTRUMENT, by=by, min_n=min_n)
    shown = gaps[~gaps["suppressed"]]
    assert ((shown["leaders_n"] >= min_n) & (shown["staff_n"] >= min_n)).all()
    assert (shown["gap_low"] <= shown["gap"] + 1e-9).all() and (shown["gap"] <= shown["gap_high"] + 1e-9).all()
    assert_nothing_derivable(gaps, by, "domain")
    influence = metrics.shared_influence(table, INSTRUMENT, by=by, min_n=min_n)
    shown = influence[~influence["suppressed"]]
    assert ((shown["share"] >= 0) & (shown["share"] <= 100)).all() and (shown["n"] >= min_n).all()
    assert_nothing_derivable(influence, by, None)


@SETTINGS
@given(TABLES, BY, st.randoms(use_true_random=False))
def test_row_order_changes_nothing(table, by, random):
    order = list(range(len(table)))
    random.shuffle(order)
    shuffled = table.iloc[order].reset_index(drop=True)
    for function in (metrics.domain_scores, metrics.item_stats, metrics.perception_gap, metrics.effectiveness_index):
        pd.testing.assert_frame_equal(
            function(table, INSTRUMENT, by=by, min_n=3),
            function(shuffled, INSTRUMENT, by=by, min_n=3),
            check_exact=False,
            rtol=1e-9,
            atol=1e-9,
        )
