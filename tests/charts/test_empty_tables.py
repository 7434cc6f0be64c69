"""Every builder a page can reach with an empty indicator table (a breakdown with no group left, or only the
notable gaps of a view that has none) returns an empty table, no sentences or a drawable chart, never an error.

The empty tables are real ones: the metric run on no rows, and the metric's table filtered down to nothing, as
a page filters it (issue 21: the Collective leadership page raised ValueError when no unit had a notable gap).
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd
import pytest

import charts
import metrics
from charts import comments as comment_charts
from charts import leadership, rates

INSTRUMENT = metrics.load_instrument()
BYS = [("unit",), ("agency", "unit")]


def responses() -> pd.DataFrame:
    """Two units of one agency, each 6 executives and 6 staff answering every item 4."""
    frames = []
    for unit in ("A", "B"):
        frame = pd.DataFrame(
            {
                "response_id": [f"{unit}{i}" for i in range(12)],
                "wave": "2026",
                "agency": "Ag",
                "unit": unit,
                "role_level": ["executive"] * 6 + ["staff"] * 6,
            }
        )
        for item in INSTRUMENT.items:
            frame[item.code] = np.float64(4.0)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def empties(make) -> list[pd.DataFrame]:
    """The indicator on no rows, and its table on every row filtered down to nothing."""
    rows = responses()
    return [make(rows.iloc[:0]), make(rows).iloc[:0]]


def drawn(chart: alt.TopLevelMixin) -> dict:
    return chart.to_dict()  # validates against the Vega-Lite schema


@pytest.mark.parametrize("by", BYS)
def test_leadership_builders_take_an_empty_breakdown(by):
    for gaps in empties(lambda rows: metrics.perception_gap(rows, INSTRUMENT, by=by)):
        assert leadership.unit_gap_sentences(gaps, INSTRUMENT) == []
        assert charts.gap_sentences(gaps, INSTRUMENT) == []
        assert leadership.gap_grid_cells(gaps, INSTRUMENT).empty
        assert leadership.wholly_hidden(leadership.gap_grid_cells(gaps, INSTRUMENT)) == {}
        drawn(leadership.gap_grid_chart(gaps, INSTRUMENT))
        assert charts.gap_table(gaps, INSTRUMENT).empty
    for agreement in empties(lambda rows: metrics.agreement(rows, INSTRUMENT, by=by)):
        assert leadership.agreement_cells(agreement, INSTRUMENT).empty
        drawn(leadership.agreement_chart(agreement, INSTRUMENT))
        assert leadership.agreement_table(agreement, INSTRUMENT).empty
    for influence in empties(lambda rows: metrics.shared_influence(rows, INSTRUMENT, by=by)):
        assert leadership.influence_rows(influence).empty
        drawn(leadership.influence_chart(influence, None))
        assert leadership.influence_table(influence, None).empty


@pytest.mark.parametrize("by", BYS)
def test_score_builders_take_an_empty_breakdown(by):
    for scores in empties(lambda rows: metrics.domain_scores(rows, INSTRUMENT, by=by)):
        drawn(charts.heatmap_chart(scores, INSTRUMENT))
        assert charts.heatmap_table(scores, INSTRUMENT).empty
        assert charts.domain_score_table(scores, INSTRUMENT).empty
    for stats in empties(lambda rows: metrics.item_stats(rows, INSTRUMENT, by=by)):
        assert charts.item_table(stats, INSTRUMENT).empty


def test_one_group_builders_take_an_empty_table():
    for scores in empties(lambda rows: metrics.domain_scores(rows, INSTRUMENT)):
        drawn(charts.domain_chart(scores, INSTRUMENT))
    for gaps in empties(lambda rows: metrics.perception_gap(rows, INSTRUMENT)):
        drawn(charts.gap_chart(gaps, INSTRUMENT))
    for coherence in empties(lambda rows: metrics.coherence(rows, INSTRUMENT)):
        drawn(leadership.coherence_chart(coherence, INSTRUMENT))
        assert len(leadership.coherence_table(coherence, INSTRUMENT)) == len(coherence)  # no rows: every domain, hidden


@pytest.mark.parametrize("by", BYS)
def test_rate_and_comment_builders_take_an_empty_breakdown(by):
    roster = pd.DataFrame({"wave": ["2026", "2026"], "agency": ["Ag", "Ag"], "unit": ["A", "B"], "invited": [20, 20]})
    table = metrics.response_rates(responses(), roster, by=by).iloc[:0]  # no rows: the roster's groups at 0 %
    drawn(rates.rate_chart(table))
    assert rates.rate_table(table).empty
    said = pd.DataFrame({"wave": "2026", "response_id": ["A0"], "question": ["Q1"], "text": ["More training"]})
    for counts in empties(lambda rows: metrics.comment_counts(rows, said, by=by)):
        assert comment_charts.count_table(counts, 10).empty
    lexicon = metrics.load_lexicon()
    for themes in empties(lambda rows: metrics.comment_themes(rows, said, lexicon, by=by)):
        assert comment_charts.theme_table(themes, INSTRUMENT, 10).empty
