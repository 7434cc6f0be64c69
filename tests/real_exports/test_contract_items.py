"""The repository's copy of the default instrument's items is the contract's list, word for word.

The main suite checks `metrics/instruments/default.toml` against that copy (tests/metrics/test_instrument.py);
this check closes the loop against ../shared/docs/items.csv, so a change on either side shows up here.
"""

from pathlib import Path

import pytest

pytestmark = pytest.mark.real_exports

COPY = Path(__file__).resolve().parents[1] / "metrics" / "default_items.csv"


def test_the_committed_item_list_is_the_contracts(contract_items):
    assert COPY.read_text(encoding="utf-8").splitlines() == contract_items.read_text(encoding="utf-8").splitlines()
