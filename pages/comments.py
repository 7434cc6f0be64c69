"""Comments: what staff wrote in the open questions of the scope in view, shown only where enough people commented
(docs/comments.md): themes by domain, a search, and a random sample of quotes a reader can draw again."""

import streamlit as st

import charts.comments as comment_charts
import metrics
from metrics.spreadsheet import csv_bytes
from shell import access as access_shell
from shell import data, downloads, filters, methods_text
from shell.text import plain

QUOTES = 8  # quotes in a sample: enough to hear several voices, few enough to read aloud
THEME_KEY, QUESTION_KEY, SEARCH_KEY, SEED_KEY = (
    "comments_theme",
    "comments_question",
    "comments_search",
    "comments_seed",
)
ALL_THEMES, ALL_QUESTIONS = "Every theme", "Every question"
THEME_URL_NAME = "theme"  # the Domains page links here with ?theme=<domain code>


def next_sample() -> None:
    st.session_state[SEED_KEY] = int(st.session_state.get(SEED_KEY, 1)) + 1


st.title("What staff said")
view = filters.current_view()
st.caption(filters.describe(view.filters))
instrument = view.instrument
names = {d.code: d.name for d in instrument.domains}
if THEME_URL_NAME in st.query_params:  # arriving from a domain's link: start on its theme
    if st.query_params[THEME_URL_NAME] in names:
        st.session_state[THEME_KEY] = st.query_params[THEME_URL_NAME]
    del st.query_params[THEME_URL_NAME]

comment_n = data.comment_min_n()
if view.comment_refusal:
    st.info(filters.comment_refusal_sentences(view.min_n, comment_n)[view.comment_refusal])
    st.stop()

counts = view.comment_counts()
themes = view.comment_themes()
everyone = counts[counts["question"] == metrics.ALL_QUESTIONS].iloc[0]
st.markdown(
    f"**{int(everyone['commenters']):,} of {int(everyone['n']):,} people** in this selection wrote at least one "
    f"comment. Comments show only where at least {comment_n} people of a group wrote one; e-mail addresses, phone "
    "numbers, web addresses and the agency's list of names were removed before anything was stored."
)

if themes.empty:
    st.info(
        f"This wave's instrument ({plain(instrument.name)}) has no theme keywords for its domains yet, so the "
        "comments are not sorted into themes. An admin can add keywords for its domains on the Settings page."
    )
else:
    st.subheader("What the comments are about")
    downloads.show_chart(lambda: comment_charts.theme_chart(themes, instrument), "comments-themes", kept_by=view)
    st.caption(
        "The share of the people who commented whose comments touch each domain, found by the domain's keywords. A "
        "comment can touch several domains, so the bars do not add up to 100 %."
    )
    with st.expander("Numbers behind this chart"):
        st.dataframe(comment_charts.theme_table(themes, instrument, comment_n), hide_index=True)
        st.dataframe(comment_charts.count_table(counts, comment_n), hide_index=True)
    with st.expander("The keywords of each theme"):
        keywords = data.survey().lexicon_of(view.filters.wave).groupby("domain", sort=False)["keyword"].agg(", ".join)
        st.dataframe(
            {"Domain": [names.get(code, code) for code in keywords.index], "Keywords": list(keywords)}, hide_index=True
        )
        st.caption(
            "A keyword ending in * matches every word that starts with it. An admin can change them in Settings."
        )

    compare = {"agency": "Agency", "unit": "Unit", "role_level": "Role level"}
    compare = {
        column: title
        for column, title in compare.items()
        if (column == "agency" and view.filters.agency is None)
        or (column == "unit" and view.filters.agency is not None and view.filters.unit is None)
        or (column == "role_level" and view.filters.role is None)
        if view.group_count(column) > 1  # a survey that never asked it has nothing to compare
    }
    if compare:
        st.subheader("Themes by group")
        column = st.selectbox("Compare by", list(compare), format_func=compare.get, key="comments_compare")
        by_group = access_shell.visible_rows(view.comment_themes((column,)))
        table = comment_charts.theme_table(by_group, instrument, comment_n)
        shares = table.pivot(index="Domain", columns=compare[column], values="Share of people who commented (%)")
        st.dataframe(shares.reindex([names[c] for c in names if names[c] in shares.index]))
        st.caption(
            f"% of each group's commenters whose comments touch each domain. A group with fewer than {comment_n} "
            "commenters, or one hidden to protect it, shows why instead of a number."
        )

st.subheader("Read the comments")
shown = view.shown_comments
left, middle, right = st.columns([2, 3, 3])
themed = list(dict.fromkeys(themes["domain"])) if not themes.empty else []
theme = left.selectbox(
    "Theme", [ALL_THEMES, *themed], format_func=lambda c: names.get(c, c), key=THEME_KEY, placeholder=ALL_THEMES
)
questions = sorted(shown["question"].unique())
question = middle.selectbox("Question", [ALL_QUESTIONS, *questions], key=QUESTION_KEY)
search = right.text_input("Search the comments", key=SEARCH_KEY, placeholder="a word or phrase").strip()
matches = shown
if theme != ALL_THEMES:
    matches = matches[matches["themes"].map(lambda found: theme in found)]
if question != ALL_QUESTIONS:
    matches = matches[matches["question"] == question]
if search:
    matches = matches[matches["text"].str.contains(search, case=False, regex=False)]
if matches.empty:
    st.info("No comment matches. Choose another theme or question, or search for another word.")
    st.stop()

seed = int(st.session_state.setdefault(SEED_KEY, 1))
sample = metrics.comment_sample(matches[["question", "text"]], QUOTES, seed)
st.markdown(f"**{len(sample)} of {len(matches):,} matching comments**, drawn at random (sample {seed}).")
for quote in sample.itertuples():
    with st.container(border=True):
        st.markdown(plain(quote.text))
        st.caption(plain(quote.question))
st.button("Draw another sample", on_click=next_sample, icon=":material/shuffle:", key="comments_next")
st.caption("The same sample number always draws the same comments, so a quote can be found again.")
with st.expander(f"Every matching comment ({len(matches):,})"):
    every = matches[["question", "text"]].rename(columns=str.capitalize)
    st.dataframe(every, hide_index=True)
    st.download_button(
        "Download these comments (CSV)", csv_bytes(every), "comments.csv", "text/csv", key="comments_download"
    )
with st.expander("How comments are kept safe"):
    st.markdown(methods_text.COMMENTS)
