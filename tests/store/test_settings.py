"""Admin settings: defaults, checks in plain words, one audited change, nothing stored when refused."""

from __future__ import annotations

import json

import pytest

from store import open_store
from store.settings import DEFAULTS


def test_defaults_then_a_change_is_stored_and_audited(tmp_path):
    store = open_store(tmp_path / "s.duckdb")
    assert store.settings() == DEFAULTS
    version = store.version
    store.save_settings({"min_n": 7, "caution_rate": 60}, who="admin@sea.example")
    assert store.settings() == {**DEFAULTS, "min_n": 7, "caution_rate": 60.0}
    entry = store.audit_log().iloc[-1]
    assert (entry["who"], entry["action"]) == ("admin@sea.example", "save_settings")
    assert json.loads(entry["detail"]) == {"min_n": {"from": 5, "to": 7}, "caution_rate": {"from": 50.0, "to": 60.0}}
    assert store.version > version  # every cached table is recomputed under the new rule
    entries = len(store.audit_log())
    store.save_settings({"min_n": 7}, who="admin@sea.example")  # no change: no audit entry
    assert len(store.audit_log()) == entries


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"min_n": 2}, "at least 3"),
        ({"min_n": 5.5}, "whole number"),
        ({"caution_rate": 100}, "between 0 and 100"),
        ({"tier_developing": 80}, "rise from Emerging to Developing to Strength"),
        ({"tier_emerging": 0}, "rise from Emerging"),
        ({"colour": "red"}, "Unknown setting"),
        ({"min_n": "five"}, "must be a number"),
    ],
)
def test_a_bad_value_is_refused_and_nothing_changes(tmp_path, values, message):
    store = open_store(tmp_path / "s.duckdb")
    log = len(store.audit_log())
    with pytest.raises(ValueError, match=message):
        store.save_settings(values, who="admin@sea.example")
    assert store.settings() == DEFAULTS and len(store.audit_log()) == log
