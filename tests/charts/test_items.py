"""The favourable-share chart of chosen items: rows in the order given, the benchmark only where it is shown."""

from __future__ import annotations

import numpy as np
import pandas as pd

from charts.items import favourable_chart, favourable_rows
from metrics import load_instrument

INSTRUMENT = load_instrument()


def stats(values: dict[str, float], suppressed: set[str] = frozenset()) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "item": list(values),
            "n": [30] * len(values),
            "pct_favorable": [np.nan if code in suppressed else v for code, v in values.items()],
            "suppressed": [code in suppressed for code in values],
        }
    )


def test_rows_follow_the_given_order_and_leave_out_a_hidden_benchmark():
    mine = stats({"VIS1": 80.0, "VIS2": 20.04, "VIS3": 50.0})
    wider = stats({"VIS1": 70.0, "VIS2": 99.0, "VIS3": 55.55}, suppressed={"VIS2"})
    rows = favourable_rows(mine, ["VIS2", "VIS1"], INSTRUMENT, wider)
    assert rows["item"].tolist() == ["VIS2", "VIS1"]
    assert rows["pct_text"].tolist() == ["20.0 %", "80.0 %"]
    assert rows["benchmark"].isna().tolist() == [True, False]  # the benchmark hides VIS2: no tick, no number
    assert rows.loc[1, "benchmark_text"] == "70.0 %"
    assert "99" not in " ".join(rows["benchmark_text"])


def test_chart_names_the_benchmark_and_draws_one_tick_per_shown_benchmark():
    mine = stats({"VIS1": 80.0, "VIS2": 20.0})
    wider = stats({"VIS1": 70.0, "VIS2": 60.0})
    spec = favourable_chart(mine, ["VIS1", "VIS2"], INSTRUMENT, wider, "all agencies").to_dict()
    ticks = [layer for layer in spec["layer"] if layer["mark"]["type"] == "tick"]
    assert len(ticks) == 1
    titles = [layer["encoding"]["x"].get("title") for layer in spec["layer"] if "title" in layer["encoding"]["x"]]
    assert "% favourable answers (black tick: all agencies)" in titles
    no_benchmark = favourable_chart(mine, ["VIS1", "VIS2"], INSTRUMENT).to_dict()
    data = next(iter(no_benchmark["datasets"].values()))
    assert all(row["benchmark"] is None or row["benchmark"] != row["benchmark"] for row in data)


def test_the_legend_names_the_points_in_the_words_the_items_were_asked_in():
    from charts.likert import legend_labels
    from metrics import load_instrument

    scale = load_instrument().scale  # 1-5, "Strongly disagree" ... "Strongly agree"
    satisfied = ["Very dissatisfied", "Dissatisfied", "Neither", "Satisfied", "Very satisfied"]
    own = pd.DataFrame({"point": [1, 2, 3, 4, 5] * 2, "answer": satisfied * 2})
    assert legend_labels(own, load_instrument()) == satisfied
    # Two wordings in one chart: each point's colour keeps the scale's name.
    mixed = pd.DataFrame({"point": [1, 2, 3, 4, 5] * 2, "answer": satisfied + list(scale.labels)})
    assert legend_labels(mixed, load_instrument()) == list(scale.labels)
