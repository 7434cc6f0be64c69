"""The whole table is checked before any arithmetic; a ValueError names the column at fault."""

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

import metrics
from tests.metrics.conftest import NA, frame, tiny_instrument

INSTRUMENT = tiny_instrument({"A": 2})
ROLE_FUNCTIONS = [metrics.perception_gap, metrics.overall_gap, metrics.shared_influence]
ALL_FUNCTIONS = [
    metrics.item_stats,
    metrics.item_distribution,
    metrics.domain_scores,
    metrics.effectiveness_index,
    metrics.agreement,
    metrics.collective_leadership,
    *ROLE_FUNCTIONS,
]


def good() -> pd.DataFrame:
    return frame([{"A1": 4, "A2": 5}, {"A1": NA, "A2": 2}, {"A1": 1, "A2": NA}], unit="u", role_level="staff", wave="w")


@pytest.mark.parametrize("function", ALL_FUNCTIONS)
@pytest.mark.parametrize(
    ("column", "values", "named"),
    [
        ("A1", ["4", 4, 4], "A1"),  # text, even a digit
        ("A1", [True, 4, 4], "A1"),  # booleans are not answers
        ("A2", [3.5, 4, 4], "A2"),  # fractions
        ("A2", [Fraction(7, 2), 4, 4], "A2"),
        ("A2", [complex(4, 0), 4, 4], "A2"),
        ("A2", [6, 4, 4], "A2"),  # above hi
        ("A2", [0, 4, 4], "A2"),  # below lo
        ("A2", [np.inf, 4, 4], "A2"),
        ("role_level", ["Staff", "staff", None], "role_level"),  # exactly the four values
        ("role_level", [" staff", "staff", None], "role_level"),
        ("role_level", [1, "staff", None], "role_level"),
    ],
)
def test_bad_values_are_refused_naming_the_column(function, column, values, named):
    data = good()
    data[column] = pd.Series(values, dtype=object)
    with pytest.raises(ValueError, match=named):
        function(data, INSTRUMENT, by=("unit",), min_n=3)


@pytest.mark.parametrize("function", ALL_FUNCTIONS + [metrics.cronbach_alpha])
def test_missing_item_column_is_refused(function):
    with pytest.raises(ValueError, match="A2"):
        function(good().drop(columns="A2"), INSTRUMENT)


@pytest.mark.parametrize("function", ROLE_FUNCTIONS)
def test_role_indicators_need_role_level(function):
    with pytest.raises(ValueError, match="role_level"):
        function(good().drop(columns="role_level"), INSTRUMENT, min_n=3)


@pytest.mark.parametrize("function", ALL_FUNCTIONS)
@pytest.mark.parametrize("min_n", [2, 0, -1, 2.5, True])
def test_min_n_below_three_is_refused(function, min_n):
    with pytest.raises(ValueError, match="min_n"):
        function(good(), INSTRUMENT, min_n=min_n)


def test_min_n_refused_for_coherence_and_change():
    with pytest.raises(ValueError, match="min_n"):
        metrics.coherence(good(), INSTRUMENT, min_n=2)
    with pytest.raises(ValueError, match="min_n"):
        metrics.domain_change(good(), INSTRUMENT, "w", "w", min_n=2)


def test_unknown_breakdown_column_is_named():
    with pytest.raises(ValueError, match="tenure_band"):
        metrics.domain_scores(good(), INSTRUMENT, by=("tenure_band",), min_n=3)


@pytest.mark.parametrize(
    "values",
    [
        [4, None, 1, 4],  # object column with None
        [4.0, np.nan, 1.0, 4.0],  # floats with a whole value
        pd.array([4, None, 1, 4], dtype="Int64"),  # nullable integers
        [np.int64(4), pd.NA, np.float32(1), 4],
        [Fraction(4), None, Decimal("1.0"), 4],  # any real number with a whole value
    ],
)
def test_whole_numbers_and_nulls_are_accepted_alike(values):
    data = frame([{"A2": 5}] * 4, unit="u", role_level="staff")
    data["A1"] = pd.Series(values, dtype=None if not isinstance(values, list) else object)
    result = metrics.item_stats(data, INSTRUMENT, min_n=3)
    assert result.loc[0, "n"] == 3 and result.loc[0, "n_missing"] == 1
    assert result.loc[0, "mean"] == pytest.approx(3.0)  # (4 + 1 + 4) / 3


def test_whitespace_and_null_roles_count_as_staff_and_are_accepted():
    data = frame([{"A1": 4, "A2": 5}] * 3)
    data["role_level"] = pd.Series(["  ", None, "manager"], dtype=object)
    result = metrics.perception_gap(data, INSTRUMENT, min_n=3)
    assert result.loc[0, "leaders_n"] == 1 and result.loc[0, "staff_n"] == 2


def test_role_checked_on_the_whole_table_even_outside_the_breakdown():
    data = good()
    data["role_level"] = pd.Series(["staff", "boss", "staff"], dtype=object)
    with pytest.raises(ValueError, match="role_level"):
        metrics.cronbach_alpha(data, INSTRUMENT)
