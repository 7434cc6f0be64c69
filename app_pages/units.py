"""Units: every unit's domain scores side by side, to see where the office is strong and where it is not."""

import streamlit as st

import charts
from shell import access as access_shell
from shell import downloads, filters
from shell.tables import fitted_table
from shell.text import WRAPPED_ROW_PX

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
    # one row per unit and domain (the chart above is the grid), in the columns a leader reads: a grid of ten domains
    # ran off a 1280-pixel screen; each domain's reliability is on the Overview
    table = charts.domain_score_table(scores, instrument, view.min_n)
    fitted_table(
        table,
        {"Agency": 140, "Unit": 130, "Domain": 180, "Score (0–100)": 105, "Tier": 95, "Responses": 90},
        column_order=[c for c in ("Agency", "Unit", "Domain", "Score (0–100)", "Tier", "Responses") if c in table],
        row_height=WRAPPED_ROW_PX,
    )
