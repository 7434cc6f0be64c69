"""Saving, reading, replacing and deleting waves: exact round trips and plain refusals."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from store import Store, StoreError
from tests.store.conftest import START, small_wave


def save(store: Store, frame: pd.DataFrame, wave: str = "2025 Spring", **options) -> None:
    options = {"instrument_name": "default", "filename": "export.xlsx", "who": "ana", **options}
    store.save_wave(frame, wave=wave, **options)


def test_a_saved_wave_comes_back_exactly(store: Store) -> None:
    frame = small_wave()
    before = frame.copy()
    save(store, frame)
    pd.testing.assert_frame_equal(store.responses(), frame)
    pd.testing.assert_frame_equal(store.responses("2025 Spring"), frame)
    pd.testing.assert_frame_equal(frame, before)  # the input is not changed


def test_unit_stays_text_and_blanks_stay_missing(store: Store) -> None:
    save(store, small_wave())
    back = store.responses()
    assert back["unit"].tolist()[:2] == ["101", "101"]  # not 101.0
    assert back["unit"].isna().tolist() == [False, False, False, True, False]
    assert back["LEAD1"].isna().all() and back["LEAD1"].dtype == "float64"  # an all-blank item is kept


def test_column_order_and_a_missing_optional_attribute_are_kept(store: Store) -> None:
    frame = small_wave().drop(columns="program_area")
    frame = frame[["VIS2", "response_id", "wave", "VIS1", "agency", "agency_type", "unit", "role_level", "LEAD1"]]
    save(store, frame)
    pd.testing.assert_frame_equal(store.responses(), frame.reset_index(drop=True))


def test_items_given_as_other_numbers_come_back_as_float64(store: Store) -> None:
    frame = small_wave(items=("VIS1",))
    frame["VIS1"] = pd.array([1, 5, None, 3, 4], dtype="Int64")
    frame["VIS2"] = pd.Series([Decimal(2), None, 4, 5.0, 1], dtype="object")
    save(store, frame)
    back = store.responses()
    assert back["VIS1"].dtype == "float64" and back["VIS2"].dtype == "float64"
    np.testing.assert_array_equal(back["VIS1"], [1.0, 5.0, np.nan, 3.0, 4.0])
    np.testing.assert_array_equal(back["VIS2"], [2.0, np.nan, 4.0, 5.0, 1.0])


def test_a_table_with_an_index_is_read_by_position(store: Store) -> None:
    frame = small_wave().set_axis([10, 3, 7, 1, 0])
    save(store, frame)
    pd.testing.assert_frame_equal(store.responses(), frame.reset_index(drop=True))


def test_waves_come_back_in_label_order_with_their_own_columns(store: Store) -> None:
    later = small_wave("2025 Spring", items=("VIS1", "VIS2"))
    earlier = small_wave("2024 Spring", items=("VIS1", "PAR1"))  # an agency's own item
    save(store, later, wave="2025 Spring")
    save(store, earlier, wave="2024 Spring")
    both = store.responses()
    assert list(both.columns) == [*earlier.columns, "VIS2"]  # union, in order of first appearance
    assert both["wave"].tolist() == ["2024 Spring"] * 5 + ["2025 Spring"] * 5
    assert both["PAR1"].iloc[5:].isna().all() and both["VIS2"].iloc[:5].isna().all()
    pd.testing.assert_frame_equal(store.responses(["2025 Spring"]), later)
    pd.testing.assert_frame_equal(store.responses(["2025 Spring", "2024 Spring"]), both)


def test_an_empty_store_gives_an_empty_canonical_table(store: Store) -> None:
    empty = store.responses()
    assert len(empty) == 0
    assert list(empty.columns) == [
        "response_id", "wave", "agency", "agency_type", "unit", "role_level", "tenure_band", "program_area"
    ]  # fmt: skip
    assert len(store.waves()) == 0


def test_asking_for_an_unknown_wave_is_refused(store: Store) -> None:
    save(store, small_wave())
    with pytest.raises(StoreError, match="No wave called '2019 Fall' is stored"):
        store.responses(["2025 Spring", "2019 Fall"])


def test_waves_lists_what_was_saved(store: Store) -> None:
    save(store, small_wave(), filename=r"C:\Users\jsmith\Downloads\export.xlsx", notes=["2 rows had no role"])
    waves = store.waves()
    assert waves.to_dict("records") == [
        {
            "wave": "2025 Spring",
            "instrument": "default",
            "filename": "export.xlsx",  # the folder (which can name a person) is not kept
            "saved_at": pd.Timestamp(START + timedelta(seconds=1)),  # the clock's second reading: the first was opening
            "saved_by": "ana",
            "responses": 5,
            "notes": ("2 rows had no role",),
        }
    ]
    assert str(waves["saved_at"].dtype) == "datetime64[us, UTC]"


def test_an_existing_wave_is_not_overwritten_without_replace(store: Store) -> None:
    save(store, small_wave())
    other = small_wave().iloc[:2]
    with pytest.raises(StoreError, match=r"A wave called '2025 Spring' is already stored \(5 responses\)"):
        save(store, other)
    pd.testing.assert_frame_equal(store.responses(), small_wave())
    assert store.audit_log()["action"].tolist() == ["migrate", "save_wave"]


def test_replace_swaps_the_whole_wave_and_is_logged(store: Store) -> None:
    save(store, small_wave())
    other = small_wave(items=("VIS1",)).iloc[:2].reset_index(drop=True)
    save(store, other, replace=True, who="ben", filename="fixed.xlsx")
    pd.testing.assert_frame_equal(store.responses(), other)
    assert store.waves()["responses"].tolist() == [2]
    last = store.audit_log().iloc[-1]
    assert (last["who"], last["action"], last["wave"], last["filename"]) == (
        "ben",
        "replace_wave",
        "2025 Spring",
        "fixed.xlsx",
    )
    assert json.loads(last["detail"]) == {"answers": 2, "items": 1, "previous_responses": 5, "responses": 2}


def test_replace_of_a_new_wave_is_a_plain_save(store: Store) -> None:
    save(store, small_wave(), replace=True)
    assert store.audit_log()["action"].tolist() == ["migrate", "save_wave"]


def test_delete_removes_the_wave_and_is_logged(store: Store) -> None:
    save(store, small_wave("2024 Spring"), wave="2024 Spring")
    save(store, small_wave())
    store.delete_wave("2024 Spring", who="ben")
    assert store.waves()["wave"].tolist() == ["2025 Spring"]
    pd.testing.assert_frame_equal(store.responses(), small_wave())
    last = store.audit_log().iloc[-1]
    assert (last["who"], last["action"], last["wave"]) == ("ben", "delete_wave", "2024 Spring")
    assert json.loads(last["detail"]) == {"responses": 5}
    with pytest.raises(StoreError, match="There is no wave called '2024 Spring' to delete"):
        store.delete_wave("2024 Spring", who="ben")


def test_a_deleted_wave_can_be_saved_again(store: Store) -> None:
    save(store, small_wave())
    store.delete_wave("2025 Spring", who="ana")
    save(store, small_wave())
    pd.testing.assert_frame_equal(store.responses(), small_wave())


def _with(frame: pd.DataFrame, **columns) -> pd.DataFrame:
    frame = frame.copy()
    for name, values in columns.items():
        frame[name] = values
    return frame


REFUSED = [
    # (table, wave, message)
    (
        _with(small_wave(), wave=["2025 Spring"] * 4 + ["2024 Spring"]),
        "2025 Spring",
        "wave '2024 Spring' \\(1 rows\\), not only of '2025 Spring'",
    ),
    (
        _with(small_wave(), wave=pd.Series(["2025 Spring"] * 4 + [None], dtype="str")),
        "2025 Spring",
        "wave '\\(blank\\)' \\(1 rows\\)",
    ),
    (small_wave(), "2024 Spring", "wave '2025 Spring' \\(5 rows\\), not only of '2024 Spring'"),
    (small_wave().drop(columns="wave"), "2025 Spring", "no 'wave' column"),
    (small_wave().drop(columns="response_id"), "2025 Spring", "no 'response_id' column"),
    (
        _with(small_wave(), response_id=["a", "b", "a", "c", "d"]),
        "2025 Spring",
        "Rows repeating a response_id: 1 \\(first: 'a'\\)",
    ),
    (
        _with(small_wave(), response_id=pd.Series(["a", None, "b", "c", "d"], dtype="str")),
        "2025 Spring",
        "Rows without a response_id: 1",
    ),
    (small_wave().iloc[:0], "2025 Spring", "has no responses"),
    (
        _with(small_wave(), VIS1=["1", "2", "3", "4", "5"]),
        "2025 Spring",
        "Column 'VIS1' is neither a respondent attribute nor an item",
    ),
    (_with(small_wave(), VIS1=[True, False, True, True, False]), "2025 Spring", "Column 'VIS1'"),
    (_with(small_wave(), email=["a@x.org"] * 5), "2025 Spring", "Column 'email'"),
    (_with(small_wave(), full_name=["Ann Smith"] * 5), "2025 Spring", "Column 'full_name'"),
    (small_wave().rename(columns={"VIS2": 7}), "2025 Spring", "named with text"),
    (small_wave().rename(columns={"VIS2": "VIS1"}), "2025 Spring", "more than one column called 'VIS1'"),
    ([{"response_id": "r1"}], "2025 Spring", "must be a table"),
    (small_wave(), "  ", "The wave must be non-empty text"),
]


@pytest.mark.parametrize(("table", "wave", "message"), REFUSED)
def test_a_bad_table_is_refused_and_nothing_is_saved(store: Store, table, wave: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        save(store, table, wave=wave)
    assert len(store.waves()) == 0 and store.audit_log()["action"].tolist() == ["migrate"]


@pytest.mark.parametrize(
    ("options", "message"),
    [({"who": ""}, "The who must be non-empty"), ({"instrument_name": None}, "instrument name must be non-empty")],
)
def test_missing_who_or_instrument_is_refused(store: Store, options: dict, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        save(store, small_wave(), **options)


def test_store_error_is_a_value_error() -> None:
    assert issubclass(StoreError, ValueError)


@pytest.mark.parametrize("items", [("LEAD1",), ()])
def test_a_wave_with_no_answers_or_no_items_round_trips(store: Store, items: tuple[str, ...]) -> None:
    frame = small_wave(items=items)  # LEAD1 is blank on every row
    save(store, frame)
    pd.testing.assert_frame_equal(store.responses(), frame)
