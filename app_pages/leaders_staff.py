"""Leaders and staff: whether the people who lead the office see it the way their staff do."""

import streamlit as st

import charts
from metrics import policy
from shell import downloads, filters
from shell.tables import fitted_table
from shell.text import WRAPPED_ROW_PX, plain

st.title("Leaders and staff")
view = filters.shown_view()
instrument = view.instrument

if not view.roles_asked:
    st.info(filters.NO_ROLES_ASKED)
    st.stop()
if view.filters.role:
    st.info("Choose “All roles” in the sidebar to compare leaders with staff.")
    st.stop()

gaps = view.gaps
overall = view.overall_gap.iloc[0]
st.metric(
    "Overall gap (leaders minus staff)",
    "not reported" if overall["suppressed"] else charts.number(overall["gap"], signed=True),
    help="The mean of the domain gaps shown below, in points on the 0–100 scale.",
)
st.markdown(
    "Leaders are executives and managers; staff are everyone else. A **positive** gap means leaders see the office "
    f"more favourably than staff do. A gap is **notable** at {policy.NOTABLE_GAP:g} points or more and **large** at "
    f"{policy.LARGE_GAP:g} or more, and only "
    "when it is clearly more than chance (its 95 % interval excludes 0)."
)
sentences = charts.gap_sentences(gaps, instrument)
for sentence in sentences:
    st.markdown(f"- {plain(sentence)}")
if not sentences and not gaps["suppressed"].all():
    st.markdown("No domain shows a notable or large gap in this selection.")
if gaps["suppressed"].all():
    st.info("Not enough leaders or staff answered in this selection to compare them. Widen a filter.")
else:
    downloads.show_chart(
        lambda: charts.gap_chart(gaps, instrument, view.min_n),
        "leaders-staff-gaps",
        title="Leaders and staff by domain",
        description="For each domain, the score leaders give and the score staff give, and the gap between them.",
        kept_by=view,
    )
with downloads.numbers_behind("Leaders and staff by domain"):
    fitted_table(  # widths that fit the expander at 1280 pixels, with short headers (their full words on hover)
        charts.gap_table(gaps, instrument, view.min_n),
        {
            "Domain": 190,
            "Leaders (0–100)": ("Leaders", 70),
            "Staff (0–100)": ("Staff", 60),
            "Gap (leaders minus staff)": ("Gap", 60),
            "95 % interval": 100,
            "Reading": 70,
            "Leaders responding": ("Leader count", 95),
            "Staff responding": ("Staff count", 90),
        },
        row_height=WRAPPED_ROW_PX,
    )
