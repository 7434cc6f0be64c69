"""Overview tells the story: the board pack's findings first, then the index with its change since the previous
wave and whether it is real (§5), the response rate, and the reliability caution beside the domain it touches.
Expected numbers are worked out here by hand from the sample files with pandas, not with the app's functions."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd
import pytest
from scipy import stats
from streamlit.testing.v1 import AppTest

import metrics
from ingest import read_canonical_responses, read_roster
from reports.findings import STORY, key_findings
from shell.text import plain
from views import Filters, Survey

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"
INSTRUMENT = metrics.load_instrument()
SEA = "State Office of Early Learning"
INDEX = "Effectiveness index (0–100)"


@pytest.fixture(scope="module")
def responses() -> pd.DataFrame:
    return read_canonical_responses(SAMPLE / "responses.xlsx")


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    return at


def choose(at: AppTest, **chosen: str) -> AppTest:
    labels = {"wave": "Survey wave", "agency": "Agency", "unit": "Unit", "role": "Role level"}
    for name, value in chosen.items():
        next(box for box in at.sidebar.selectbox if box.label == labels[name]).select(value).run()
        assert not at.exception
    return at


def metric(at: AppTest, label: str):
    return next(m for m in at.metric if m.label == label)


def half_away(x: float) -> float:
    return math.copysign(math.floor(10 * abs(x) + 0.5 + 1e-9) / 10, x)


def respondent_index(rows: pd.DataFrame) -> tuple[float, pd.Series]:
    """By hand (§3.3-3.5): each respondent's domain score (mean of answered items when at least half, and at least
    2, were answered, rescaled to 0-100), each domain's score (mean over respondents), the index (mean of the domain
    scores; every domain of the views tested here has at least 5 scores), and each respondent's own mean over their
    domain scores."""
    lo, hi = INSTRUMENT.scale.lo, INSTRUMENT.scale.hi
    per_domain = {}
    for domain in INSTRUMENT.domain_codes:
        items = rows[[item.code for item in INSTRUMENT.items_of(domain)]].astype(float)
        answered = items.notna().sum(axis=1)
        enough = answered >= max(2, math.ceil(items.shape[1] / 2))
        per_domain[domain] = ((items.mean(axis=1) - lo) / (hi - lo) * 100).where(enough)
    scores = pd.DataFrame(per_domain)
    assert (scores.notna().sum() >= 5).all()  # no domain hidden, so the index is the mean of all ten
    return scores.mean().mean(), scores.mean(axis=1).dropna()


def hand_change(responses: pd.DataFrame, agency=None, unit=None, role=None) -> tuple[float, bool]:
    keep = pd.Series(True, index=responses.index)
    for column, value in (("agency", agency), ("unit", unit), ("role_level", role)):
        if value is not None:
            keep &= responses[column] == value
    rows = responses[keep]
    index_from, people_from = respondent_index(rows[rows["wave"] == "2024 Spring"])
    index_to, people_to = respondent_index(rows[rows["wave"] == "2025 Spring"])
    change = index_to - index_from
    a, b = people_to.var(ddof=1) / len(people_to), people_from.var(ddof=1) / len(people_from)
    df = (a + b) ** 2 / (a**2 / (len(people_to) - 1) + b**2 / (len(people_from) - 1))
    half = stats.t.ppf(0.975, df) * math.sqrt(a + b)
    real = abs(half_away(change)) >= 5 - 1e-9 and (change - half > 0 or change + half < 0)
    return change, real


def test_the_story_is_the_board_packs_findings_for_the_same_view(app):
    survey = Survey(
        read_canonical_responses(SAMPLE / "responses.xlsx"), INSTRUMENT, roster=read_roster(SAMPLE / "roster.xlsx")
    )
    view = survey.view(Filters("2025 Spring"))
    found = key_findings(
        index=view.index,
        domains=view.domains,
        stats=view.item_stats,
        gaps=view.gaps,
        change=survey.change(None, None, None, "2024 Spring", "2025 Spring"),
        rates=view.rates(("agency",)),
        instrument=INSTRUMENT,
        groups=view.breakdown("domain_scores", ("agency",)),
        index_change=survey.index_change(None, None, None, "2024 Spring", "2025 Spring"),
        since="2024 Spring",
        group_gaps=view.breakdown("perception_gap", ("agency", "unit")),
        alpha=view.alpha,
    )
    sentences = [finding.text for finding in found if finding.kind != "index"]  # the index has its own figure
    assert 0 < len(sentences) <= STORY  # all five fit the story: nothing waits under "More findings"
    bullets = next(m.value for m in app.markdown if m.value.startswith("- "))
    assert bullets == "\n".join(f"- {plain(text)}" for text in sentences)
    assert sentences[0].startswith("Communication & Information Flow rose 8.0 points")  # the planted change first


@pytest.mark.parametrize(
    ("chosen", "scope"),
    [
        ({}, {}),  # everyone: +0.7, no clear change
        (
            {"agency": SEA, "unit": "Grants & Finance", "role": "support"},
            {"agency": SEA, "unit": "Grants & Finance", "role": "support"},
        ),  # a real rise of more than 5 points
    ],
)
def test_the_index_shows_its_change_since_the_previous_wave_and_whether_it_is_real(app, responses, chosen, scope):
    change, real = hand_change(responses, **scope)
    shown = choose(app, **chosen)
    index = metric(shown, INDEX)
    assert index.proto.delta == f"{half_away(change):+.1f} since 2024 Spring"
    assert index.proto.delta_description == ("a real change" if real else "no clear change")
    assert real == bool(chosen)  # the two cases really differ


def test_the_first_wave_says_so(app):
    index = metric(choose(app, wave="2023 Spring"), INDEX)
    assert index.proto.delta == "First wave"
    assert "since" not in index.proto.delta


def test_a_view_hidden_in_the_previous_wave_shows_no_change(app, responses):
    previous = responses[(responses["wave"] == "2024 Spring") & (responses["agency"] == "Northfield Area Schools")]
    assert 0 < (previous["role_level"] == "executive").sum() < 5  # too few executives to show in 2024
    index = metric(choose(app, agency="Northfield Area Schools", role="executive"), INDEX)
    assert index.proto.delta == "No change shown"
    assert index.proto.delta_description == "not shown in 2024 Spring"


@pytest.mark.parametrize("agency", [None, "Harbor City Public Schools"])
def test_the_response_rate_is_responses_over_the_invited_of_the_roster(app, responses, agency):
    roster = pd.read_excel(SAMPLE / "roster.xlsx", engine="openpyxl")
    roster = roster[roster["wave"] == "2025 Spring"]
    answered = responses[responses["wave"] == "2025 Spring"]
    if agency:
        roster, answered = roster[roster["agency"] == agency], answered[answered["agency"] == agency]
        choose(app, agency=agency)
    rate = 100 * len(answered) / roster["invited"].sum()
    shown = metric(app, "Response rate")
    assert shown.value == f"{half_away(rate):.1f} %"
    assert shown.help == f"{len(answered):,} of the {int(roster['invited'].sum()):,} people invited answered."


def test_a_role_level_has_no_response_rate(app):
    shown = metric(choose(app, role="staff"), "Response rate")
    assert shown.value == "–" and "not their roles" in shown.help


def test_the_reliability_caution_stands_beside_the_domain_it_names(app, responses):
    rows = responses[responses["wave"] == "2025 Spring"]
    low = []
    for domain in INSTRUMENT.domain_codes:  # Cronbach's alpha by hand, complete answers only (§3.7)
        items = rows[[item.code for item in INSTRUMENT.items_of(domain)]].astype(float).dropna()
        k = items.shape[1]
        alpha = k / (k - 1) * (1 - items.var(ddof=1).sum() / items.sum(axis=1).var(ddof=1))
        if alpha < 0.70:
            low.append(INSTRUMENT.domain_name(domain))
    assert low == ["Resources & Work Structures"]
    labels = set(re.findall(r'"([^"]*) \(read with care\)"', app.get("vega_lite_chart")[0].proto.spec))
    assert labels == {"Resources & Work Structures"}  # the chart marks that domain, and only that one
    caution = next(c.value for c in app.caption if "with care" in c.value)
    assert caution.startswith(f"Read {plain('Resources & Work Structures')} with care")


def test_the_favourable_share_is_a_second_reading_not_a_headline(app, responses):
    rows = responses[responses["wave"] == "2025 Spring"][INSTRUMENT.item_codes]
    share = 100 * rows.isin([4, 5]).sum().sum() / rows.notna().sum().sum()
    assert [m.label for m in app.metric] == [INDEX, "Response rate", "Responses"]
    assert any(f"{half_away(share):.1f} % of all answers" in c.value for c in app.caption)
