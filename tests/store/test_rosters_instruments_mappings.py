"""Rosters, instruments and confirmed mappings: kept, replaced, logged and refused in plain words."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from store import Store, StoreError, mapping_signature

ROSTER = pd.DataFrame(
    {
        "wave": pd.Series(["2025 Spring", "2025 Spring", "2024 Spring"], dtype="str"),
        "agency": pd.Series(["Riverside USD", "Riverside USD", "State Office"], dtype="str"),
        "unit": pd.Series(["101", None, "Policy"], dtype="str"),  # a missing unit: the agency as a whole
        "invited": pd.Series([12, 0, 3], dtype="int64"),  # 0 is a boundary, not an error
    }
)


def test_a_roster_comes_back_by_wave_in_saved_order(store: Store) -> None:
    before = ROSTER.copy()
    store.save_roster(ROSTER, who="ana", filename="/home/ana/roster.xlsx")
    expected = ROSTER.iloc[[2, 0, 1]].reset_index(drop=True)
    pd.testing.assert_frame_equal(store.roster(), expected)
    pd.testing.assert_frame_equal(store.roster("2025 Spring"), expected.iloc[1:].reset_index(drop=True))
    pd.testing.assert_frame_equal(store.roster(["2019 Fall"]), expected.iloc[:0])
    pd.testing.assert_frame_equal(ROSTER, before)
    log = store.audit_log().iloc[1:]
    assert log["action"].tolist() == ["save_roster", "save_roster"]
    assert log["wave"].tolist() == ["2024 Spring", "2025 Spring"]
    assert log["filename"].tolist() == ["roster.xlsx", "roster.xlsx"]
    assert [json.loads(d) for d in log["detail"]] == [
        {"invited": 3, "previous_rows": 0, "rows": 1},
        {"invited": 12, "previous_rows": 0, "rows": 2},
    ]


def test_a_new_roster_replaces_only_the_waves_it_covers(store: Store) -> None:
    store.save_roster(ROSTER, who="ana")
    update = pd.DataFrame({"wave": ["2025 Spring"], "agency": ["Riverside USD"], "unit": ["101"], "invited": [15]})
    store.save_roster(update.assign(email="x@y.org"), who="ben")  # extra columns are not kept
    roster = store.roster()
    assert roster["invited"].tolist() == [3, 15]
    assert list(roster.columns) == ["wave", "agency", "unit", "invited"]
    assert json.loads(store.audit_log()["detail"].iloc[-1])["previous_rows"] == 2


def test_no_roster_gives_an_empty_table(store: Store) -> None:
    roster = store.roster()
    assert len(roster) == 0 and list(roster.columns) == ["wave", "agency", "unit", "invited"]
    assert roster["invited"].dtype == "int64"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"invited": [12, -1, 3]}, "'invited' must hold a whole number of 0 or more"),
        ({"invited": [12, 2.5, 3]}, "'invited' must hold a whole number"),
        ({"invited": [12, None, 3]}, "'invited' must hold a whole number"),
        ({"invited": ["12", "1", "3"]}, "'invited' must hold a whole number"),
        ({"invited": [True, False, True]}, "'invited' must hold a whole number"),
        ({"wave": ["2025 Spring", None, "2024 Spring"]}, "1 roster rows have no wave"),
        (
            {"unit": ["101", "101", "Policy"]},
            "lists wave '2025 Spring', agency 'Riverside USD', unit '101' more than once",
        ),
    ],
)
def test_a_bad_roster_is_refused(store: Store, change: dict, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        store.save_roster(ROSTER.assign(**change), who="ana")
    assert len(store.roster()) == 0 and len(store.audit_log()) == 1


@pytest.mark.parametrize(
    ("roster", "message"),
    [
        (ROSTER.drop(columns="invited"), "The roster has no 'invited' column"),
        (ROSTER.iloc[:0], "The roster has no rows"),
        ("roster.xlsx", "must be a table"),
    ],
)
def test_a_roster_of_the_wrong_shape_is_refused(store: Store, roster, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        store.save_roster(roster, who="ana")


INSTRUMENT = 'name = "Our survey"\n[scale]\nlo = 1\nhi = 4\n'


def test_an_instrument_is_kept_as_its_text_and_can_be_replaced(store: Store) -> None:
    assert store.instrument_text("Our survey") is None
    store.save_instrument("Our survey", INSTRUMENT, who="ana")
    assert store.instrument_text("Our survey") == INSTRUMENT
    store.save_instrument("Our survey", INSTRUMENT + "# fixed\n", who="ben")
    assert store.instrument_text("Our survey") == INSTRUMENT + "# fixed\n"
    assert store.instruments()["instrument"].tolist() == ["Our survey"]
    assert store.instruments()["saved_by"].tolist() == ["ben"]
    log = store.audit_log()
    assert log["action"].tolist()[1:] == ["save_instrument", "save_instrument"]
    assert json.loads(log["detail"].iloc[-1]) == {
        "characters": len(INSTRUMENT) + 8,
        "instrument": "Our survey",
        "replaced": True,
        "version": 2,
    }
    # Both versions are kept: the first can be read again after the second replaced it.
    assert store.instrument_versions("Our survey")[["version", "saved_by"]].values.tolist() == [[1, "ana"], [2, "ben"]]
    assert store.instrument_text("Our survey", version=1) == INSTRUMENT
    assert store.instrument_text("Our survey", version=3) is None


def test_an_instrument_that_is_not_toml_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="The instrument 'Ours' is not valid TOML"):
        store.save_instrument("Ours", "name = ", who="ana")
    with pytest.raises(StoreError, match="text of its TOML file"):
        store.save_instrument("Ours", b"name = 'x'", who="ana")
    assert store.instrument_text("Ours") is None


def test_a_confirmed_mapping_is_offered_again_for_the_same_columns(store: Store) -> None:
    signature = mapping_signature(["Q1", "Q2", "Role"])
    assert store.mapping(signature) is None
    store.save_mapping(signature, '{"Q1": "VIS1", "Q2": "VIS2", "Role": "role_level"}', who="ana")
    same_columns = mapping_signature(["Role", "Q2", "Q1", "Q1"])  # order and repeats do not matter
    assert store.mapping(same_columns) == '{"Q1": "VIS1", "Q2": "VIS2", "Role": "role_level"}'
    assert store.mapping(mapping_signature(["Q1", "Q2"])) is None
    store.save_mapping(signature, '{"Q1": "VIS2"}', who="ben")
    assert store.mapping(signature) == '{"Q1": "VIS2"}'
    last = store.audit_log().iloc[-1]
    assert (last["who"], last["action"]) == ("ben", "save_mapping")
    assert json.loads(last["detail"]) == {"replaced": True, "signature": signature}


@pytest.mark.parametrize(
    ("signature", "mapping", "message"),
    [("abc", "{not json", "The mapping must be JSON text"), ("abc", None, "JSON text"), ("", "{}", "signature")],
)
def test_a_bad_mapping_is_refused(store: Store, signature: str, mapping, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        store.save_mapping(signature, mapping, who="ana")


def test_the_signature_depends_on_the_names_only() -> None:
    assert mapping_signature(["a", "b"]) == mapping_signature(("b", "a"))
    assert mapping_signature(["a", "b"]) != mapping_signature(["a", "b "])
    assert len(mapping_signature([])) == 64


def test_a_version_4_store_keeps_its_instruments_as_their_first_version(tmp_path: Path) -> None:
    import duckdb

    import store as store_package

    path = tmp_path / "v4.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("BEGIN TRANSACTION")
        for step in store_package.schema.MIGRATIONS[:4]:
            step(con)
        con.execute("INSERT INTO schema_version VALUES (4)")
        con.execute("INSERT INTO instruments VALUES ('Ours', ?, TIMESTAMP '2025-01-02', 'ana')", [INSTRUMENT])
        con.execute("COMMIT")
    opened = Store(path)
    assert opened.instrument_versions("Ours")[["version", "saved_by"]].values.tolist() == [[1, "ana"]]
    assert opened.instrument_text("Ours", version=1) == opened.instrument_text("Ours") == INSTRUMENT
    opened.save_instrument("Ours", INSTRUMENT + "# v2\n", who="ben")
    assert opened.instrument_versions("Ours")["version"].tolist() == [1, 2]
