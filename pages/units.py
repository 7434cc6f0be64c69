"""Units: every unit's domain scores side by side, to see where the office is strong and where it is not."""

import streamlit as st

import charts
from pages import access as access_shell
from pages import scope

st.title("Units")
view = scope.shown_scope()
instrument = scope.instrument()

by = ("unit",) if view.agency else ("agency", "unit")
scores = access_shell.visible_rows(scope.domain_table(*view.key, by=by))
scope.show_chart(charts.heatmap_chart(scores, instrument, scope.min_n()), "units-domain-scores")
st.caption(
    "Each cell is a unit's domain score (0–100), coloured by tier. A blank cell with a dash is hidden: the unit "
    f"has fewer than {scope.min_n()} people with a score there, or showing it would let a reader work out a hidden "
    "one. Point at a cell to see why."
)
with st.expander("Numbers behind this chart"):
    alpha = scope.alpha_table(view.version, view.wave)
    st.dataframe(charts.heatmap_table(scores, instrument, scope.min_n(), alpha), hide_index=True)
