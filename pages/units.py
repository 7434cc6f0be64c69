"""Units: every unit's domain scores side by side, to see where the office is strong and where it is not."""

import streamlit as st

import charts
from shell import access as access_shell
from shell import downloads, filters

st.title("Units")
view = filters.shown_view()
instrument = view.instrument

scores = access_shell.visible_rows(view.breakdown("domain_scores", view.unit_by))
downloads.show_chart(
    lambda: charts.heatmap_chart(scores, instrument, view.min_n),
    "units-domain-scores",
    title="Domain scores by unit",
    description="A grid with a row for each unit and a column for each domain: the unit's score there, by tier.",
    kept_by=view,
    key=(access_shell.person().agencies,),  # a reader scoped to some agencies sees only theirs
)
st.caption(
    "Each cell is a unit's domain score (0–100), coloured by tier. A blank cell with a dash is hidden: the unit "
    f"has fewer than {view.min_n} people with a score there, or showing it would let a reader work out a hidden "
    "one. Point at a cell to see why."
)
with downloads.numbers_behind("Domain scores by unit"):
    alpha = view.alpha
    st.dataframe(charts.heatmap_table(scores, instrument, view.min_n, alpha), hide_index=True)
