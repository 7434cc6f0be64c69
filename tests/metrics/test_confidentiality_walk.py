"""A random walk over filter and breakdown combinations of the sample data (indicators §7).

For every view the pages would show (`view_refusal` says ""), and every breakdown of it by one or two attributes,
the checks here are written from the contract, not from the suppression code:

- no shown group or cell rests on fewer than min_n respondents (§7.1);
- among siblings (same values of every `by` column but the last), a measure that is a total over respondents
  has either no hidden cell or at least two resting on 0 or at least min_n people together, so no hidden value
  is the parent's total minus the shown ones (amended §7.2, checked against a parent computed independently
  from the view's rows); hidden whole groups likewise hold 0 or at least min_n people together;
- the view leaves 0 or at least min_n people out of each wider view, one or more filters removed (§7.4 a);
- a unit chosen across agencies is shown only when every agency's unit of that name is (§7.4 c);
- a group of the breakdown whose own view is refused is hidden whole (§7.4, last paragraph).

The sample holds nine agencies whose units share names ("Early Childhood", "Family Engagement", ...), so the
walk crosses agencies; `test_several_agencies_share_unit_names` makes sure it still does.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from ingest import read_canonical_responses
from metrics import domain_scores, item_stats, load_instrument, refused_groups, scope_rows, view_refusal

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
    """Per parent and per measure (`key`), hidden cells among siblings number 0, or at least 2 whose own n add up
    to 0 or at least MIN_N, unless every sibling is hidden (nothing shown to subtract)."""
    parents = list(by[:-1])
    groups = table.groupby([*parents, key], dropna=False, sort=False) if parents else table.groupby(key, sort=False)
    for _, cells in groups:
        hidden = cells[cells["suppressed"]]
        if hidden.empty or len(hidden) == len(cells):
            continue
        together = int(hidden["n"].sum())
        assert len(hidden) >= 2 and (together == 0 or together >= MIN_N), cells[[*by, key, "n", "suppressed"]]


def _check_whole_groups(rows: pd.DataFrame, scores: pd.DataFrame, by: tuple[str, ...]) -> None:
    """Groups hidden in every domain: among siblings none, all, or several holding 0 or at least MIN_N rows."""
    whole = scores.groupby(list(by), sort=False)["suppressed"].all()
    sizes = rows.assign(**{c: _labels(rows[c]) for c in by}).groupby(list(by)).size()
    frame = pd.DataFrame({"hidden": whole, "rows": sizes.reindex(whole.index)}).reset_index()
    families = frame.groupby(list(by[:-1]), sort=False) if len(by) > 1 else [((), frame)]
    for _, family in families:
        hidden = family[family["hidden"]]
        if hidden.empty or len(hidden) == len(family):
            continue
        assert len(hidden) >= 2 and hidden["rows"].sum() >= MIN_N, family.to_string()


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
    # §7.4 a from first principles: each wider view (one or more filters dropped) differs by 0 or >= MIN_N people
    filters = {"agency": agency, "unit": unit, "role_level": role}
    chosen = [column for column, value in filters.items() if value is not None]
    for count in range(1, len(chosen) + 1):
        for dropped in combinations(chosen, count):
            wider = scope_rows(sample, wave, **{**filters, **dict.fromkeys(dropped)})
            assert len(wider) - len(rows) == 0 or len(wider) - len(rows) >= MIN_N
    # §7.4 c: a unit across agencies is each agency's unit of that name, and each of them could be shown
    if unit is not None and agency is None:
        wave_rows = scope_rows(sample, wave, unit=unit)
        for each in sorted(_labels(wave_rows["agency"]).unique()):
            assert view_refusal(sample, wave, each, unit, role, MIN_N) == ""

    hide = refused_groups(sample, wave, agency, unit, role, by, MIN_N)
    scores = domain_scores(rows, INSTRUMENT, by=by, min_n=MIN_N, hide_groups=hide)
    refused = set(hide.itertuples(index=False, name=None))  # a refused group's own view is hidden whole
    event(f"refused groups {'some' if refused else 'none'}")
    of_refused = [key in refused for key in scores[list(by)].astype(str).itertuples(index=False, name=None)]
    assert scores.loc[of_refused, "suppressed"].all()
    _check_whole_groups(rows, scores, by)
    sizes = rows.assign(**{c: _labels(rows[c]) for c in by}).groupby(list(by)).size()
    for _, cell in scores[~scores["suppressed"]].iterrows():
        assert cell["n"] >= MIN_N  # a shown score rests on at least MIN_N scored respondents
        assert sizes[tuple(str(cell[c]) for c in by) if len(by) > 1 else str(cell[by[0]])] >= MIN_N
    _check_siblings(scores, by, "domain")

    stats = item_stats(rows, INSTRUMENT, by=by, min_n=MIN_N, hide_groups=hide)
    assert (stats.loc[~stats["suppressed"], "n"] >= MIN_N).all()
    _check_siblings(stats, by, "item")
    # a hidden domain score is never rebuilt from its items (§7.2 b)
    domain_hidden = scores.set_index([*by, "domain"])["suppressed"]
    for _, cell in stats[~stats["suppressed"]].iterrows():
        assert not domain_hidden[(*[cell[c] for c in by], cell["domain"])]


def test_several_agencies_share_unit_names(sample):
    """The walk crosses agencies only if unit names repeat across them, as they do in real states."""
    units = sample.assign(unit=_labels(sample["unit"])).groupby("unit")["agency"].nunique()
    assert (units >= 2).sum() >= 3
