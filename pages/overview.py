"""Overview: the effectiveness index, how many answered, and the ten domain scores at a glance."""

import streamlit as st

import charts
from metrics import policy
from metrics.summary import overall_favorable, strongest_and_weakest, unreliable_domains
from shell import downloads, filters
from shell.text import plain

st.title("Overview")
view = filters.shown_view()
instrument = view.instrument
index = view.index.iloc[0]
domains = view.domains
favourable = overall_favorable(view.item_distribution, instrument)

index_col, tier_col, count_col, favourable_col = st.columns(4)
if index["suppressed"]:
    index_col.metric("Effectiveness index (0–100)", "not reported")
    tier_col.metric("Tier", "–")
else:
    index_col.metric(
        "Effectiveness index (0–100)",
        charts.number(index["index"]),
        help="The mean of the domain scores shown for this selection.",
    )
    tier_col.metric("Tier", index["tier"])
count_col.metric("Responses", f"{int(index['n']):,}")
favourable_col.metric(
    "Favourable answers",
    f"{charts.number(favourable)} %" if favourable == favourable else "–",
    help="Share of all answers (don't-know excluded) that were Agree or Strongly agree.",
)

total = len(instrument.domains)
if index["suppressed"]:
    st.info(
        f"The index is not reported: it needs at least {policy.SHOWN_SHARE_PERCENT} % of the domains, and too many "
        "are hidden here to "
        "protect small groups."
    )
elif index["domains"] < total:
    st.info(f"The index rests on {int(index['domains'])} of the {total} domains; the others are hidden here.")

st.subheader("Domain scores")
downloads.show_chart(
    lambda: charts.domain_chart(domains, instrument, view.min_n), "overview-domain-scores", kept_by=view
)
cuts = instrument.tiers
st.caption(
    f"Scores run from 0 (everyone answered “{plain(instrument.scale.labels[0])}”) to 100 (everyone answered "
    f"“{plain(instrument.scale.labels[-1])}”). "
    f"Strength {cuts.strength:g} or more · Developing {cuts.developing:g} to {cuts.strength:g} · "
    f"Emerging {cuts.emerging:g} to {cuts.developing:g} · Priority below {cuts.emerging:g}."
)
alpha = view.alpha
shaky = unreliable_domains(alpha)
if shaky:
    names = ", ".join(plain(instrument.domain_name(code)) for code in shaky)
    st.caption(
        f"Read with care: the items of {names} do not hang together well in this wave "
        f"(Cronbach's alpha below {policy.RELIABLE_ALPHA:.2f}), so their score may mix different things."
    )
with st.expander("Numbers behind this chart"):
    st.dataframe(charts.domain_score_table(domains, instrument, view.min_n, alpha), hide_index=True)

strongest, weakest = strongest_and_weakest(domains, k=3)
shown = domains.set_index("domain")
strong_col, weak_col = st.columns(2)
if domains["score"].notna().sum() >= 2 and not strongest:
    st.caption("The domains shown score alike, so none is named strongest or weakest.")
with strong_col:
    st.subheader("Strongest domains")
    for code in strongest:
        st.markdown(f"- **{plain(instrument.domain_name(code))}**: {charts.number(shown.at[code, 'score'])}")
with weak_col:
    st.subheader("Domains to work on")
    for code in weakest:
        st.markdown(f"- **{plain(instrument.domain_name(code))}**: {charts.number(shown.at[code, 'score'])}")
