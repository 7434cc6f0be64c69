"""Methods: what every indicator means and how it is worked out, the confidentiality rules and what they leave
open, and how reliable each domain's scale is in the wave in view (indicators §3.7)."""

import streamlit as st

from charts.reliability import alpha_chart, alpha_table
from metrics import RELIABLE_ALPHA
from metrics.summary import unreliable_domains
from shell import access as access_shell
from shell import data, downloads, filters, methods_text
from shell.text import plain

access_shell.require("viewer")
st.title("Methods")
st.markdown(
    "How the dashboard turns staff answers into the numbers on its pages, and how it keeps small groups "
    "anonymous. Every number can be worked out by hand from these rules."
)
st.markdown("The full methods, with worked examples, are in `docs/methods.md` in the dashboard's source code.")
wave = filters.current_filters().wave
instrument = data.survey().instrument_of(wave)  # each wave is scored with its own instrument
st.caption(f"{plain(wave)} is scored with the instrument {plain(instrument.name)}.")

st.header("What each indicator means")
for heading, body in methods_text.indicator_sections(instrument, data.caution()):
    st.subheader(heading)
    st.markdown(body)

st.header("From results to action")
st.subheader("How priorities are chosen")
st.markdown(methods_text.PRIORITIES)
st.subheader("How a plan's result is judged")
st.markdown(methods_text.FOLLOW_THROUGH)

st.header("Keeping answers confidential")
for heading, body in methods_text.confidentiality_sections(data.min_n()):
    st.subheader(heading)
    st.markdown(body)

st.subheader("Comments")
st.markdown(methods_text.COMMENTS)

st.header("How reliable each domain is")
st.caption(f"{plain(wave)} · everyone who answered")
st.markdown(methods_text.RELIABILITY_INTRO)
if len(data.survey().wave_rows(wave)) < data.min_n():
    st.info(f"Not enough responses to report: this wave has fewer than {data.min_n()} people.")
    st.stop()
alphas = data.survey().alpha(wave)
shaky = unreliable_domains(alphas)
if shaky:
    names = ", ".join(plain(instrument.domain_name(code)) for code in shaky)
    st.warning(f"Below {RELIABLE_ALPHA:.2f}: **{names}**. {methods_text.UNRELIABLE_NOTE}")
else:
    st.success(f"Every domain reaches {RELIABLE_ALPHA:.2f} or more in this wave.")
downloads.show_chart(
    alpha_chart(alphas, instrument),
    "methods-reliability",
    title="How reliable each domain is",
    description="One bar for each domain: how consistently its questions were answered (Cronbach's alpha, 0 to 1).",
)
st.caption(f"The dashed line marks {RELIABLE_ALPHA:.2f}. A pale bar below it reads “below {RELIABLE_ALPHA:.2f}”.")
with downloads.numbers_behind("How reliable each domain is"):
    st.dataframe(alpha_table(alphas, instrument), hide_index=True)
