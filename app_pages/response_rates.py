"""Response rates: how many of the people invited answered, per unit (or per agency), and which results to read
with caution (indicators §6). Only the wave and agency filters apply: a roster counts invited people per unit."""

import streamlit as st

from charts.rates import percent, rate_chart, rate_table, rate_trend_chart, roster_errors
from shell import access as access_shell
from shell import data, downloads, filters
from shell.text import plain

CAUTION = data.caution()  # indicators §6, an admin setting (metrics.policy.DEFAULT_CAUTION unless changed)
rates = data.survey().rates


st.title("Response rates")
view = filters.current_filters()
st.caption(plain(f"{view.wave} · {view.agency or filters.ALL_AGENCIES}"))
if view.unit or view.role:
    st.info(
        "The unit and role-level filters do not apply here: the roster counts the people invited to each unit, "
        "not their roles, so this page shows every unit of the chosen agency."
    )

roster = data.roster()
if roster.empty:
    st.info(
        "No roster is stored yet, so there is nothing to divide the responses by. Add one (how many people "
        "were invited in each agency, unit and wave) on the **Upload** page."
    )
    st.stop()
roster_waves = set(roster["wave"].dropna())
if view.wave not in roster_waves:
    st.info(
        f"The stored roster has no rows for {plain(view.wave)}, so its response rates cannot be worked out. Add that "
        "wave's roster on the **Upload** page."
    )
    st.stop()

units = access_shell.visible_rows(rates(("agency", "unit")))
units = units[units["wave"] == view.wave]
if view.agency is None:
    headline_rows = rates(())
    bars = access_shell.visible_rows(rates(("agency",)))
    bars = bars[bars["wave"] == view.wave]
    errors = roster_errors(units)
    breakdown = "agency"
else:
    headline_rows = rates(("agency",))
    headline_rows = headline_rows[headline_rows["agency"] == view.agency]
    bars = units[units["agency"] == view.agency]
    errors = roster_errors(bars)
    breakdown = "unit"
trend = headline_rows[headline_rows["wave"].isin(roster_waves)]
headline = headline_rows[headline_rows["wave"] == view.wave].iloc[0]

for line in errors:
    st.error(plain(line))
if headline["suppressed"]:
    # The units' counts would add up to the hidden total of the agency.
    st.info(
        f"The response rate of this agency is not shown ({headline['reason']}), and neither are its units'. "
        "Choose another agency."
    )
    st.stop()

rate_col, answered_col, invited_col = st.columns(3)
rate_col.metric(
    "Overall response rate",
    percent(headline["rate"]) or "–",
    help="Responses divided by the number of people invited, from the stored roster.",
)
answered_col.metric("Responses", f"{int(headline['responses']):,}")
invited_col.metric("Invited", f"{int(headline['invited']):,}" if headline["invited"] == headline["invited"] else "–")
if headline["caution"]:
    st.warning(
        f"Fewer than {CAUTION:g} % of the people invited answered: interpret with caution. The results may not "
        "speak for those who stayed silent."
    )

st.header(f"Response rate by {breakdown}")
downloads.show_chart(
    rate_chart(bars, caution=CAUTION),
    "response-rates-by-group",
    title=f"Response rate by {breakdown}",
    description=f"One bar for each {breakdown}: the share of the people invited who answered the survey.",
)
st.caption(
    f"The dashed line marks {CAUTION:g} %. A pale bar below it reads “interpret with caution”: with fewer than "
    "half answering, the results may not speak for everyone. Groups too small to report show no number."
)
with downloads.numbers_behind(f"Response rate by {breakdown}"):
    st.dataframe(rate_table(bars), hide_index=True)

if len(trend) > 1:
    st.header("Overall response rate by wave")
    downloads.show_chart(
        rate_trend_chart(trend, caution=CAUTION),
        "response-rates-by-wave",
        title="Overall response rate by wave",
        description="One mark for each wave: the share of the people invited who answered the survey that time.",
    )
    st.caption(
        f"The dashed line marks {CAUTION:g} %. A pale triangle marks a wave below it: read that wave's results with "
        "caution."
    )
    with downloads.numbers_behind("Overall response rate by wave"):
        st.dataframe(rate_table(trend), hide_index=True)
