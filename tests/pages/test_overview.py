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
from store import STORE_ENV, open_store
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
    assert len(sentences) > STORY  # the sample has more to say than the first screen holds
    bullets = [m.value for m in app.main.markdown if m.value.startswith("- ")]
    assert bullets[0] == "\n".join(f"- {plain(text)}" for text in sentences[:STORY])  # the most important first
    more = next(e for e in app.main.expander if e.label == "More findings")
    assert [m.value for m in more.markdown] == ["\n".join(f"- {plain(text)}" for text in sentences[STORY:])]
    assert sentences[0].startswith("Communication & Information Flow rose 7.9 points")  # the planted change first


def test_the_index_shows_no_clear_change_for_everyone(app, responses):
    change, real = hand_change(responses)
    index = metric(app, INDEX)
    assert not real  # the sample's index moves less than a point
    assert index.proto.delta == f"{half_away(change):+.1f} since 2024 Spring"
    assert index.proto.delta_description == "no clear change"


def test_the_index_shows_a_real_change(responses, tmp_path, monkeypatch):
    """A store where Grants & Finance's 2025 answers are each one point higher (5 stays 5): its index rises by far
    more than 5 points with an interval well clear of 0, which the page must call a real change."""
    lifted = responses.copy()
    rows = (lifted["wave"] == "2025 Spring") & (lifted["agency"] == SEA) & (lifted["unit"] == "Grants & Finance")
    items = [item.code for item in INSTRUMENT.items]
    lifted.loc[rows, items] = (lifted.loc[rows, items].astype(float) + 1).clip(upper=5)
    change, real = hand_change(lifted, agency=SEA, unit="Grants & Finance")
    assert real and change > 5
    path = tmp_path / "lifted.duckdb"
    store = open_store(path)
    for wave in ("2024 Spring", "2025 Spring"):
        table = lifted[lifted["wave"] == wave].reset_index(drop=True)
        store.save_wave(table, wave=wave, instrument_name=INSTRUMENT.name, filename=None, who="test")
    monkeypatch.setenv(STORE_ENV, str(path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    index = metric(choose(at, agency=SEA, unit="Grants & Finance"), INDEX)
    assert index.proto.delta == f"{half_away(change):+.1f} since 2024 Spring"
    assert index.proto.delta_description == "a real change"


def test_the_first_wave_says_so(app):
    index = metric(choose(app, wave="2023 Spring"), INDEX)
    assert index.proto.delta == "First wave"
    assert "since" not in index.proto.delta


def test_a_view_hidden_in_the_previous_wave_shows_no_change(app, responses):
    """Harbor City's managers: hidden in 2024 Spring (beside the wider group they would reveal a small one, §7),
    shown in 2025 Spring, so their change cannot be told."""
    survey = Survey(responses, INSTRUMENT)
    harbor = "Harbor City Public Schools"
    assert survey.view(Filters("2024 Spring", harbor, role="manager")).refusal
    assert not survey.view(Filters("2025 Spring", harbor, role="manager")).refusal
    index = metric(choose(app, agency=harbor, role="manager"), INDEX)
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


def unescaped(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def test_the_reliability_caution_stands_beside_the_domain_it_names_once(app, responses):
    """Issue 22: the caution is said once for each domain it touches: in the story when a finding names the domain
    (the board pack's wording), else in the caption under it; never both."""
    rows = responses[responses["wave"] == "2025 Spring"]
    low = []
    for domain in INSTRUMENT.domain_codes:  # Cronbach's alpha by hand, complete answers only (§3.7)
        items = rows[[item.code for item in INSTRUMENT.items_of(domain)]].astype(float).dropna()
        k = items.shape[1]
        alpha = k / (k - 1) * (1 - items.var(ddof=1).sum() / items.sum(axis=1).var(ddof=1))
        if alpha < 0.70:
            low.append(INSTRUMENT.domain_name(domain))
    assert low  # the sample plants a domain whose items do not hang together
    labels = set(re.findall(r'"([^"]*) \(read with care\)"', app.get("vega_lite_chart")[0].proto.spec))
    assert labels == set(low)  # the chart marks those domains, and only those
    story = unescaped(next(m.value for m in app.main.markdown if m.value.startswith("- ")))
    captions = [unescaped(c.value) for c in app.main.caption if "with care" in c.value]
    for name in low:
        in_story = len(re.findall(re.escape(name) + r" \([^()]*read with care", story))
        in_captions = sum(caption.startswith("Read ") and name in caption for caption in captions)
        assert in_story + in_captions == 1, (name, in_story, in_captions)


@pytest.mark.parametrize(
    ("chosen", "wider"),
    [
        ({"agency": "Harbor City Public Schools"}, {}),  # an agency against all agencies
        ({"agency": SEA, "unit": "Grants & Finance"}, {"agency": SEA}),  # a unit against its own agency
    ],
)
def test_the_index_stands_beside_the_index_of_the_group_it_is_compared_with(app, responses, chosen, wider):
    """Issue 22: a leader sees how their part compares: the benchmark's index beside the view's, with the distance
    between the two figures as shown."""
    latest = responses[responses["wave"] == "2025 Spring"]

    def index_of(scope: dict) -> float:
        keep = pd.Series(True, index=latest.index)
        for column, value in scope.items():
            keep &= latest[column] == value
        return half_away(respondent_index(latest[keep])[0])

    own, theirs = index_of(chosen), index_of(wider)
    label, name = ("Index of the whole agency", f"all of {SEA}") if wider else ("Index of all agencies", "all agencies")
    shown = metric(choose(app, **chosen), label)
    assert shown.value == f"{theirs:.1f}" and f" {name} " in shown.help
    apart = round(own - theirs, 1)
    side = "the same" if apart == 0 else f"{abs(apart):.1f} {'above' if apart > 0 else 'below'}"
    assert shown.proto.delta == f"This selection: {side}"
    assert metric(app, INDEX).value.startswith(f"{own:.1f} · ")


def test_everyone_has_no_benchmark(app):
    assert not [m for m in app.metric if m.label.startswith("Index of")]


def test_the_favourable_share_is_a_second_reading_not_a_headline(app, responses):
    rows = responses[responses["wave"] == "2025 Spring"][INSTRUMENT.item_codes]
    share = 100 * rows.isin([4, 5]).sum().sum() / rows.notna().sum().sum()
    assert [m.label for m in app.metric] == [INDEX, "Response rate", "Responses"]
    assert any(f"{half_away(share):.1f} % of all answers" in c.value for c in app.caption)
