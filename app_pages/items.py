"""Items: the questions this selection answers most and least favourably, each set against a wider group."""

import streamlit as st

import charts
from charts.items import favourable_chart, favourable_rows
from metrics.summary import highest_and_lowest_items
from shell import downloads, filters
from shell.tables import fitted_table
from shell.text import WRAPPED_ROW_PX, plain

TOP = 5

st.title("Items")
view = filters.shown_view()
instrument = view.instrument
stats = view.item_stats
distribution = view.item_distribution
wider, wider_name = view.benchmark()
benchmark = wider.item_stats if wider else None
wider_column = f"% favourable, {wider_name}"  # the numbers table's column of the chart's black ticks

highest, lowest = highest_and_lowest_items(stats, k=TOP)
if not highest:
    st.info("Not enough responses to rank the items of this selection. Widen a filter to see them.")
    st.stop()
st.markdown(
    "The questions answered most and least favourably ("
    + " or ".join(plain(view.instrument.scale.label(p)) for p in view.instrument.scale.favorable)
    + ") by this selection"
    + (f", each with a black tick at the share for {plain(wider_name)}." if wider else ".")
)

SECTIONS = (
    ("Strengths: the most favourable items", highest, "Build on these: what people here agree is working."),
    ("Opportunities: the least favourable items", lowest, "Start here: where people here see most room to improve."),
)
for heading, codes, why in SECTIONS:
    st.header(heading)
    st.caption(why)
    chosen = stats[stats["item"].isin(codes)]
    name = "items-" + heading.split(":")[0].lower()
    downloads.show_chart(
        lambda chosen=chosen, codes=codes: favourable_chart(chosen, codes, instrument, benchmark, wider_name),
        f"{name}-favourable",
        title=heading,
        description="One bar for each of these questions: the share of people who answered it favourably.",
        kept_by=view,
    )
    answers = distribution[distribution["item"].isin(codes)]
    downloads.show_chart(
        lambda answers=answers, chosen=chosen, codes=codes: charts.likert_chart(
            answers, chosen, instrument, view.min_n, order=codes
        ),
        f"{name}-answers",
        title=heading,
        description="The same questions, one bar each: the share of people who gave each answer.",
        kept_by=view,
    )
    with downloads.numbers_behind(heading):
        table = charts.item_table(chosen.set_index("item").loc[codes].reset_index(), instrument, view.min_n)
        if wider:
            shares = favourable_rows(chosen, codes, instrument, benchmark)["benchmark"]
            table[wider_column] = [charts.number(share) or "–" for share in shares]
        # the columns a reader compares, narrow enough for a 1280-pixel screen (the mean and don't-knows are on Domains)
        fitted_table(
            table,
            {
                "Item": 260,
                "% favourable": 100,
                wider_column: (wider_column, 170),
                "% unfavourable": 115,
                "Responses": 90,
            },
            column_order=[
                c for c in ("Item", "% favourable", wider_column, "% unfavourable", "Responses") if c in table
            ],
            row_height=WRAPPED_ROW_PX,
        )
