"""The Methods page: every indicator explained with the instrument's own cut points, the confidentiality rules
and their residual risks, and RES flagged (alpha 0.07-0.15 in the sample) while the other domains are not."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from charts.reliability import UNRELIABLE
from metrics import load_instrument

ROOT = Path(__file__).resolve().parents[2]
RES = "Resources & Work Structures"


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    at.switch_page("app_pages/methods.py").run()
    assert not at.exception
    return at


def text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_page_runs_with_its_chart(app):
    assert not app.error
    assert app.title[0].value == "Methods"
    assert len(app.get("vega_lite_chart")) == 1
    assert [e.label for e in app.expander] == ["Numbers behind: How reliable each domain is"]


def test_every_indicator_is_explained(app):
    at = app
    headings = [s.value for s in at.subheader]
    for heading in [
        "Domain scores (0–100) and tiers",
        "Favourable share",
        "Effectiveness index",
        "Leader–staff gap",
        "Shared influence",
        "Agreement within a unit (r_wg)",
        "Coherence across units",
        "Collective leadership composite",
        "Change over time",
        "Response rates",
        "What these rules do not cover",
    ]:
        assert heading in headings
    body = text(at)
    cuts = load_instrument().tiers
    assert f"**Strength**: {cuts.strength:g} or more" in body  # 75, from the instrument
    assert f"**Developing**: {cuts.developing:g} to under {cuts.strength:g}" in body  # 62.5 to under 75
    assert "(8 of 10)" in body  # the 80 % rule on ten domains
    assert "including people who did not give their role" in body
    assert "by chance alone" in body
    assert "interpret with caution" in body
    assert "fewer than **5 people**" in body
    assert "Subtracting along another breakdown" in body and "raises the minimum group size" in body


def test_res_is_flagged_and_no_other_domain_is(app):
    table = app.dataframe[0].value.set_index("Domain")
    flagged = table.index[table["Reading"] != ""].tolist()
    assert flagged == [RES]
    assert table.loc[RES, "Reading"] == f"below 0.70: {UNRELIABLE}"
    assert float(table.loc[RES, "Cronbach's alpha"]) < 0.2  # 0.07 in 2025 Spring
    assert all(float(v) >= 0.83 for v in table.drop(RES)["Cronbach's alpha"])
    assert any(RES in w.value.replace("\\", "") for w in app.warning)  # names escaped as plain text
    chart = app.get("vega_lite_chart")[0].proto
    frames = [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in chart.datasets]
    bars = next(f for f in frames if "low" in f.columns).set_index("domain")
    assert bars.index[bars["low"]].tolist() == [RES]
    assert bars.loc[RES, "label"].endswith("below 0.70")


def test_alpha_follows_the_wave(app):
    before = app.dataframe[0].value["Cronbach's alpha"].tolist()
    next(box for box in app.sidebar.selectbox if box.label == "Survey wave").select("2023 Spring").run()
    assert not app.exception
    assert "2023 Spring" in app.caption[0].value
    after = app.dataframe[0].value
    assert after["Cronbach's alpha"].tolist() != before
    assert after.set_index("Domain").loc[RES, "Cronbach's alpha"] == "0.15"  # sample story 5
