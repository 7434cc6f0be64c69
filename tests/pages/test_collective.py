"""The Collective leadership page on the sample data: it runs and draws only its own charts (Overview's domain
scores and Leaders and staff's whole-selection gap are linked, not drawn again), Grants & Finance's planted
shared-decision-making gap stands out as large both in the SEA's unit table here and in the unit's own view on
Leaders and staff, the small SEA divisions show no number, and the composite is the one
`metrics.collective_leadership` gives on the same rows."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from scipy import stats
from streamlit.testing.v1 import AppTest

import metrics
from charts._cells import number
from ingest import read_canonical_responses
from store import STORE_ENV, open_store

ROOT = Path(__file__).resolve().parents[2]
SEA = "State Office of Early Learning"
WAVE = "2025 Spring"
PAGE = "app_pages/collective.py"
REASONS = {metrics.PRIMARY, metrics.COMPLEMENTARY}
GAP = "Gap (leaders minus staff)"
AGREEMENT = "Agreement within the unit (0–1)"  # issue 22: r_wg named in words
VALUE_COLUMNS = ["Leaders (0–100)", "Staff (0–100)", GAP, "95 % interval"]


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    """The sample responses read straight from the workbook, not through the app's store."""
    return read_canonical_responses(ROOT / "data" / "sample" / "responses.xlsx")


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    assert not at.exception
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def sidebar(at: AppTest, label: str):
    return next(box for box in at.sidebar.selectbox if box.label == label)


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def infos(at: AppTest) -> str:
    return " ".join(i.value for i in at.info)


def table_with(at: AppTest, *columns: str) -> pd.DataFrame:
    """The one dataframe on the page that has all these columns."""
    found = [d.value for d in at.dataframe if set(columns) <= set(d.value.columns)]
    assert len(found) == 1, [d.value.columns.tolist() for d in at.dataframe]
    return found[0]


def shown(value: float) -> str:
    """§3.0 rounding, written out independently of the app: half away from zero, one decimal."""
    return f"{math.copysign(math.floor(10 * abs(value) + 0.5 + 1e-9) / 10, value):.1f}"


def shd_scores(rows: pd.DataFrame) -> pd.Series:
    """§3.3 by hand: a respondent's SHD mean over answered items if at least 2 of its 4 were answered,
    rescaled from 1-5 to 0-100 (no SHD item is reverse-coded)."""
    answers = rows[["SHD1", "SHD2", "SHD3", "SHD4"]]
    mean = answers.mean(axis=1).where(answers.notna().sum(axis=1) >= 2)
    return (mean - 1) / 4 * 100


def test_page_runs_and_draws_every_chart(app):
    assert not app.error
    assert app.title[0].value == "Collective leadership"
    # gap by unit, shared influence, agreement; coherence asks for an agency
    assert len(app.get("vega_lite_chart")) == 3
    assert [e.label for e in app.expander] == [
        "Numbers behind: Leader–staff gap by unit",
        "Numbers behind: Shared influence",
        "Numbers behind: Agreement within each unit",
    ]
    assert "choose an agency" in infos(app)
    assert len(app.header) == 5  # the five sections


def test_what_other_pages_draw_is_linked_not_repeated(app, sample):
    """Issue 22: the page repeated Overview's domain chart (five of its bars) and Leaders and staff's whole-selection
    gap chart, metric and table. Now neither is drawn: the five domains are named with their scores in a sentence,
    and a link leads to each page that draws them."""
    links = {link.proto.label: link.proto.page_script_hash for link in app.get("page_link")}
    assert set(links) == {
        "Every domain's score, with its tier: Overview",
        "The gap for the whole selection, domain by domain: Leaders and staff",
    }
    assert not [d for d in app.dataframe if "Score (0–100)" in d.value.columns]  # Overview's numbers table
    assert not [d for d in app.dataframe if "Domain" in d.value.columns and "Unit" not in d.value.columns]
    assert not [m for m in app.metric if m.label.startswith("Overall gap")]
    # the five domains' scores, each §3.3 on the sample rows (one decimal, half away from zero)
    rows = metrics.scope_rows(sample, wave=WAVE)
    instrument = metrics.load_instrument()
    scores = metrics.domain_scores(rows, instrument).set_index("domain")["score"]
    sentence = next(m.value.replace("\\", "") for m in app.markdown if m.value.startswith("It combines"))
    for role in metrics.COLLECTIVE_ROLES:
        code = instrument.role_domain(role)
        assert f"{instrument.domain_name(code)} ({shown(scores[code])})" in sentence


def test_composite_matches_metrics_on_the_same_rows(app, sample):
    rows = metrics.scope_rows(sample, wave=WAVE)
    expected = metrics.collective_leadership(rows, metrics.load_instrument()).iloc[0]
    assert not expected["suppressed"]
    assert metric(app, "Collective leadership (0–100)") == number(expected["composite"])
    assert metric(app, "Tier") == expected["tier"]
    sidebar(app, "Agency").select(SEA).run()
    sea = metrics.scope_rows(sample, wave=WAVE, agency=SEA)
    expected_sea = metrics.collective_leadership(sea, metrics.load_instrument()).iloc[0]
    assert metric(app, "Collective leadership (0–100)") == number(expected_sea["composite"])
    assert number(expected_sea["composite"]) != number(expected["composite"])  # the metric did follow the filter


def test_sea_unit_gap_table_shows_grants_and_finance_large_gap(app, sample):
    """Issue 22: the SEA's table hid the planted gap. Its SHD gap cells by unit, own n = the smaller side: Policy &
    Legislative Affairs has no leader (0) and Data & Assessment is hidden beside it (§7.2a). With only 3 leaders
    there in 2025 Spring, the two rested on 3 < 5 people, so step c hid the smallest shown cell too, Grants &
    Finance's (9 leaders). Data & Assessment now has 6 leaders: 0 + 6 >= 5, so no further cell is hidden."""
    sidebar(app, "Agency").select(SEA).run()
    assert not app.exception and not app.error
    assert len(app.get("vega_lite_chart")) == 4  # with one agency, coherence is drawn too
    table = table_with(app, "Unit", GAP)
    shd = metrics.load_instrument().domain_name("SHD")
    rows = metrics.scope_rows(sample, wave=WAVE, agency=SEA, unit="Grants & Finance")
    score = shd_scores(rows)
    leaders = rows["role_level"].isin(["executive", "manager"])
    gap = score[leaders].dropna().mean() - score[~leaders].dropna().mean()
    row = table[(table["Unit"] == "Grants & Finance") & (table["Domain"] == shd)].iloc[0]
    assert row[GAP] == f"+{shown(gap)}"
    assert row["Reading"] == "large"
    assert table.loc[table["Reading"] == "large", ["Unit", "Domain"]].values.tolist() == [["Grants & Finance", shd]]
    sentences = [m.value.replace("\\", "") for m in app.markdown if "Grants & Finance" in m.value.replace("\\", "")]
    assert any(shd in s and shown(gap) in s for s in sentences), sentences


def test_grants_and_finance_own_view_shows_its_large_shared_decision_making_gap(app, sample):
    """The unit's own gap, domain by domain, is drawn on Leaders and staff (Collective leadership links to it)."""
    sidebar(app, "Agency").select(SEA).run()
    sidebar(app, "Unit").select("Grants & Finance").run()
    app.switch_page("app_pages/leaders_staff.py").run()
    assert not app.exception and not app.error
    table = table_with(app, "Domain", GAP, "Reading")
    shd = metrics.load_instrument().domain_name("SHD")
    row = table[table["Domain"] == shd].iloc[0]

    # §4.1 by hand on the sample rows: leaders are executives and managers, everyone else is staff
    rows = metrics.scope_rows(sample, wave=WAVE, agency=SEA, unit="Grants & Finance")
    score = shd_scores(rows)
    leaders = rows["role_level"].isin(["executive", "manager"])
    lead, staff = score[leaders].dropna(), score[~leaders].dropna()
    gap = lead.mean() - staff.mean()
    interval = stats.ttest_ind(lead, staff, equal_var=False).confidence_interval(0.95)
    assert shown(gap) == "34.1"  # the sample README's planted 2025 Spring gap
    assert interval.low > 0 and abs(float(shown(gap))) >= 20  # so "large" by §4.1
    assert row[GAP] == f"+{shown(gap)}"
    assert row["Reading"] == "large"
    assert row["95 % interval"] == f"+{shown(interval.low)} to +{shown(interval.high)}"
    assert (table["Reading"] != "").sum() == 1
    sentences = [m.value.replace("\\", "") for m in app.markdown if "large gap" in m.value]
    assert sentences and shd in sentences[0] and "34.1" in sentences[0]


def test_small_sea_divisions_show_no_number(app):
    sidebar(app, "Agency").select(SEA).run()
    table = table_with(app, "Unit", GAP)
    for unit in ("Policy & Legislative Affairs", "Data & Assessment"):
        hidden = table[table["Unit"] == unit]
        assert len(hidden) == 10
        assert hidden[VALUE_COLUMNS].isin(REASONS).all().all(), hidden
        assert (hidden[["Reading", "Leaders responding", "Staff responding"]] == "").all().all()
    influence = table_with(app, "Group", "Staff who feel they have influence (%)").set_index("Group")
    assert influence.loc["Policy & Legislative Affairs", "Staff who feel they have influence (%)"] == metrics.PRIMARY
    assert influence.loc["Data & Assessment", "Staff who feel they have influence (%)"] == metrics.COMPLEMENTARY
    assert influence.loc["Data & Assessment", "Staff responding"] == ""
    agreement = table_with(app, "Unit", AGREEMENT)
    small = agreement[agreement["Unit"].isin(["Policy & Legislative Affairs", "Data & Assessment"])]
    assert small[AGREEMENT].isin(REASONS).all() and (small["Respondents"] == "").all()
    # the grids leave them out and name them instead
    named = " ".join(m.value for m in app.markdown if m.value.startswith("**Not shown in any domain"))
    named = named.replace("\\", "")  # names from files are escaped for Markdown
    assert "Policy & Legislative Affairs" in named and "Data & Assessment" in named


def test_unit_tables_match_metrics_cell_for_cell(app, sample):
    sidebar(app, "Agency").select(SEA).run()
    rows = metrics.scope_rows(sample, wave=WAVE, agency=SEA)
    instrument = metrics.load_instrument()
    agreement = metrics.agreement(rows, instrument, by=("unit",))
    table = table_with(app, "Unit", AGREEMENT)
    expected = [
        metrics.PRIMARY if s and n < 5 else (metrics.COMPLEMENTARY if s else f"{r:.2f}")
        for r, n, s in zip(agreement["r_wg"], agreement["n"], agreement["suppressed"], strict=True)
    ]
    assert table[AGREEMENT].tolist() == expected
    coherence = metrics.coherence(rows, instrument)
    shown_coherence = table_with(app, "Coherence (0–100)")["Coherence (0–100)"].tolist()
    assert shown_coherence == [number(v) for v in coherence["coherence"]]


def test_a_role_filter_hides_leader_staff_comparisons_and_says_why(app):
    sidebar(app, "Role level").select("staff").run()
    assert not app.exception and not app.error
    assert "All roles" in infos(app)
    assert not [d for d in app.dataframe if GAP in d.value.columns]
    assert not [m for m in app.metric if m.label.startswith("Overall gap")]
    assert metric(app, "Collective leadership (0–100)") != "not reported"  # the composite still follows the view


def test_one_unit_says_which_sections_need_several(app):
    sidebar(app, "Agency").select(SEA).run()
    sidebar(app, "Unit").select("Grants & Finance").run()
    assert not app.exception and not app.error
    text = infos(app)
    assert "one unit" in text and "coherence" in text.lower()
    assert not [d for d in app.dataframe if GAP in d.value.columns]  # the unit's own gap is on Leaders and staff
    # its shared influence and its agreement
    assert len(app.get("vega_lite_chart")) == 2


def test_hidden_counts_never_reach_the_screen(app, sample):
    sidebar(app, "Agency").select(SEA).run()
    rows = metrics.scope_rows(sample, wave=WAVE, agency=SEA)
    pla = rows[rows["unit"] == "Policy & Legislative Affairs"]
    assert len(pla) == 3
    for frame in (d.value for d in app.dataframe):
        pla_rows = frame[frame.iloc[:, 0].astype(str).str.contains("Policy & Legislative Affairs")]
        assert not pla_rows.apply(lambda col: col.astype(str).str.fullmatch(r"\d+(\.\d+)?")).any().any()


def test_several_units_without_a_notable_gap_say_so_in_words(tmp_path, monkeypatch):
    """Issue 21: a view of several units where leaders and staff answer alike has no notable gap; the page said
    so by raising ValueError (an empty table reached the group labels). Three units, each 6 executives and
    10 staff answering every item 4: both sides score (4 - 1) / 4 x 100 = 75.0, so every gap is 0.0."""
    instrument = metrics.load_instrument()
    frames = []
    for unit in ("A", "B", "C"):
        rows = pd.DataFrame(
            {
                "response_id": [f"{unit}{i}" for i in range(16)],
                "wave": "2026",
                "agency": "Ag",
                "unit": unit,
                "role_level": ["executive"] * 6 + ["staff"] * 10,
            }
        )
        for item in instrument.items:
            rows[item.code] = 4.0
        frames.append(rows)
    path = tmp_path / "alike.duckdb"
    open_store(path).save_wave(
        pd.concat(frames, ignore_index=True), wave="2026", instrument_name=instrument.name, filename=None, who="test"
    )
    monkeypatch.setenv(STORE_ENV, str(path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    at.switch_page(PAGE).run()
    for agency in (None, "Ag"):  # across agencies (by agency and unit) and within one (by unit)
        if agency:
            sidebar(at, "Agency").select(agency).run()
        assert not at.exception, [e.value for e in at.exception]
        assert not at.error
        assert "No unit shows a notable or large gap in this selection." in [m.value for m in at.markdown]
        table = table_with(at, "Unit", GAP)
        assert sorted(set(table["Unit"])) == ["A", "B", "C"]
        assert set(table[GAP]) == {"0.0"} and set(table["Reading"]) == {""}
