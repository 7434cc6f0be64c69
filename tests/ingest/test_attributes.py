"""`text_values` reads a whole column as `text_value` reads one cell (the scalar function is the reference)."""

from __future__ import annotations

import math

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from ingest.attributes import text_value, text_values

numbers = st.one_of(
    st.none(), st.floats(allow_infinity=False, allow_nan=True), st.integers(-(10**16), 10**16).map(float)
)
texts = st.one_of(st.none(), st.text(alphabet=" \t0123456789.-abcAB", max_size=6))


@given(st.lists(numbers, max_size=30))
def test_a_column_of_numbers_reads_as_its_cells_do(values):
    column = pd.Series(values, dtype="float64")
    expected = [None if v is None or math.isnan(v) else text_value(v) for v in values]
    assert list(text_values(column)) == expected


@given(st.lists(texts, max_size=30))
def test_a_column_of_text_reads_as_its_cells_do(values):
    column = pd.Series(values, dtype="str")
    assert list(text_values(column)) == [text_value(v) for v in values]


def test_hand_picked_cells():
    assert list(text_values(pd.Series([114687260013.0, 2.5, None, -3.0]))) == ["114687260013", "2.5", None, "-3"]
    assert list(text_values(pd.Series([" r1 ", "  ", None, "007"], dtype="str"))) == ["r1", None, None, "007"]
    assert list(text_values(pd.Series([1, "x", None], dtype=object))) == ["1", "x", None]
