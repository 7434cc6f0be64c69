"""A random walk over filter and breakdown combinations of the sample data (indicators §7).

For every view the pages would show (`view_refusal` says ""), and every breakdown of it by one or two attributes,
the checks here are written from the contract, not from the suppression code:

- no shown group or cell rests on fewer than min_n respondents (§7.1);
- among siblings (same values of every `by` column but the last), a measure that is a total over respondents
  has either no hidden cell or at least two, so no hidden value is the parent's total minus the shown ones
  (§7.2, checked against a parent computed independently from the view's rows);
- the view leaves 0 or at least min_n people out of each wider view with one filter removed (§7.4).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from ingest import read_canonical_responses
from metrics import domain_scores, item_stats, load_instrument, scope_rows, view_refusal

ROOT = Path(__file__).resolve().parents[2]
MIN_N = 5
INSTRUMENT = load_instrument()
BREAKDOWNS = ("agency", "unit", "role_level", "tenure_band", "program_area")


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return read_canonical_responses(ROOT / "data" / "sample" / "responses.xlsx")


def _labels(column: pd.Series) -> pd.Series:
    return column.fillna("Not reported").astype(str)


@st.composite
def views(draw, sample: pd.DataFrame):
    wave = draw(st.sampled_from(sorted(sample["wave"].unique())))
    rows = sample[sample["wave"] == wave]
    agency = draw(st.none() | st.sampled_from(sorted(_labels(rows["agency"]).unique())))
    if agency is not None:
        rows = rows[_labels(rows["agency"]) == agency]
    unit = draw(st.none() | st.sampled_from(sorted(_labels(rows["unit"]).unique())))
    role = draw(st.none() | st.sampled_from(["executive", "manager", "staff", "support", "Not reported"]))
    by = draw(st.lists(st.sampled_from(BREAKDOWNS), min_size=1, max_size=2, unique=True))
    return wave, agency, unit, role, tuple(by)


def _check_siblings(table: pd.DataFrame, by: tuple[str, ...], key: str) -> None:
    """Per parent and per measure (`key`), hidden cells among siblings number 0 or at least 2, unless the parent
    has a single child (then the parent is the child, shown or hidden alike)."""
    parents = list(by[:-1])
    groups = table.groupby([*parents, key], dropna=False, sort=False) if parents else table.groupby(key, sort=False)
    for _, cells in groups:
        if len(cells) < 2:
            continue
        hidden = int(cells["suppressed"].sum())
        assert hidden != 1, cells[[*by, key, "n", "suppressed"]].to_string()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_shown_view_reveals_a_small_group(sample, data):
    wave, agency, unit, role, by = data.draw(views(sample))
    reason = view_refusal(sample, wave, agency, unit, role, MIN_N)
    rows = scope_rows(sample, wave, agency, unit, role)
    event(f"view {reason or 'shown'}")
    if reason:
        return
    assert len(rows) >= MIN_N
    # §7.4 from first principles: each wider view (one filter dropped) differs by 0 or at least MIN_N people
    filters = {"agency": agency, "unit": unit, "role_level": role}
    for column, value in filters.items():
        if value is not None:
            wider = scope_rows(sample, wave, **{**filters, column: None})
            assert len(wider) - len(rows) == 0 or len(wider) - len(rows) >= MIN_N

    scores = domain_scores(rows, INSTRUMENT, by=by, min_n=MIN_N)
    sizes = rows.assign(**{c: _labels(rows[c]) for c in by}).groupby(list(by)).size()
    for _, cell in scores[~scores["suppressed"]].iterrows():
        assert cell["n"] >= MIN_N  # a shown score rests on at least MIN_N scored respondents
        assert sizes[tuple(str(cell[c]) for c in by) if len(by) > 1 else str(cell[by[0]])] >= MIN_N
    _check_siblings(scores, by, "domain")

    stats = item_stats(rows, INSTRUMENT, by=by, min_n=MIN_N)
    assert (stats.loc[~stats["suppressed"], "n"] >= MIN_N).all()
    _check_siblings(stats, by, "item")
    # a hidden domain score is never rebuilt from its items (§7.2 b)
    domain_hidden = scores.set_index([*by, "domain"])["suppressed"]
    for _, cell in stats[~stats["suppressed"]].iterrows():
        assert not domain_hidden[(*[cell[c] for c in by], cell["domain"])]
