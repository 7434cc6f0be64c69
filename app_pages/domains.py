"""Domains: one domain at a time, item by item, with how people answered each item."""

import streamlit as st

import charts
from metrics import policy
from metrics.summary import unreliable_domains
from shell import data, downloads, filters
from shell.tables import fitted_table
from shell.text import WRAPPED_ROW_PX, plain

st.title("Domains")
view = filters.shown_view()
instrument = view.instrument

names = {d.code: d.name for d in instrument.domains}
code = st.selectbox("Domain", list(names), format_func=names.get, key="domains_domain")
domain = next(d for d in instrument.domains if d.code == code)
if domain.description:
    st.markdown(f"*{plain(domain.description)}*")

scores = view.domains
row = charts.domain_score_table(scores[scores["domain"] == code], instrument, view.min_n).iloc[0]
alpha = view.alpha
reliability = charts.domain_score_table(scores[scores["domain"] == code], instrument, view.min_n, alpha).iloc[0]
score_col, tier_col, favourable_col, alpha_col = st.columns(4)
score_col.metric("Domain score (0–100)", row["Score (0–100)"])
tier_col.metric("Tier", row["Tier"] or "–")
favourable_col.metric("% favourable", row["% favourable"])
alpha_col.metric(
    "Reliability (alpha)",
    reliability["Reliability (alpha)"] or "–",
    help="Cronbach's alpha over everyone in this wave: how consistently the domain's items measure one thing.",
)
if code in unreliable_domains(alpha):
    st.warning(
        "Read this score with care: the items of this domain do not hang together well in this wave (alpha below "
        f"{policy.RELIABLE_ALPHA:.2f}), so the score may mix different things. Look at the items one by one below."
    )

items = [item.code for item in instrument.items_of(code)]
stats = view.item_stats
stats = stats[stats["item"].isin(items)]
distribution = view.item_distribution
distribution = distribution[distribution["item"].isin(items)]

st.header("How people answered")
if stats["suppressed"].all():
    st.info("Not enough responses to report the items of this domain for this selection. Widen a filter to see them.")
else:
    downloads.show_chart(
        lambda: charts.likert_chart(distribution, stats, instrument, view.min_n),
        f"domains-{code}-answers",
        title="How people answered",
        description="One bar for each question of this domain: the share of people who gave each answer.",
        kept_by=view,
    )
    st.caption(
        "Each bar is 100 % of the people who gave an answer to the item; the low end of the scale lies left of 0, "
        'the high end right, and a middle answer straddles 0. "Don\'t know" answers are counted on the right, not in '
        "the bars."
    )
with downloads.numbers_behind("How people answered"):
    fitted_table(  # widths that fit the expander at 1280 pixels, each question wrapping in its column
        charts.item_table(stats, instrument, view.min_n),
        {
            "Item": 240,
            "Responses": 80,
            "Mean (1–5)": ("Mean", 60),
            "% favourable": 100,
            "% neutral": 75,
            "% unfavourable": 110,
            "Don't know": 80,
        },
        row_height=WRAPPED_ROW_PX,
    )
st.page_link(
    data.ROOT / "app_pages" / "comments.py",
    label=f"What staff wrote about {plain(domain.name)}",
    icon=":material/forum:",
    query_params={"theme": code},
)
