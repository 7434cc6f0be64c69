"""Comments: what staff wrote in the open questions of the scope in view, shown only where enough people commented
(docs/comments.md): themes by domain, a search, and a random sample of quotes a reader can draw again."""

import streamlit as st

import charts.comments as comment_charts
import metrics
from metrics.spreadsheet import csv_bytes
from shell import access as access_shell
from shell import data, downloads, filters, methods_text
from shell.tables import fitted_table
from shell.text import WRAPPED_ROW_PX, plain

QUOTES = 8  # quotes in a sample: enough to hear several voices, few enough to read aloud
THEME_KEY, QUESTION_KEY, SEARCH_KEY, SEED_KEY = (
    "comments_theme",
    "comments_question",
    "comments_search",
    "comments_seed",
)
ALL_THEMES, ALL_QUESTIONS = "Every theme", "Every question"
WHOLE_KEY = "comments_every"  # the table of every matching comment, whose selected row is shown whole
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
    st.header("What the comments are about")
    downloads.show_chart(
        lambda: comment_charts.theme_chart(themes, instrument),
        "comments-themes",
        title="What the comments are about",
        description="One bar for each domain: the share of the people who commented whose comments touch it.",
        kept_by=view,
    )
    st.caption(
        "The share of the people who commented whose comments touch each domain, found by the domain's keywords. A "
        "comment can touch several domains, so the bars do not add up to 100 %."
    )
    with downloads.numbers_behind("What the comments are about"):
        st.dataframe(comment_charts.theme_table(themes, instrument, comment_n), hide_index=True)
        st.dataframe(comment_charts.count_table(counts, comment_n), hide_index=True)
    with st.expander("The keywords of each theme"):
        keywords = data.survey().lexicon_of(view.filters.wave).groupby("domain", sort=False)["keyword"].agg(", ".join)
        fitted_table(
            {"Domain": [names.get(code, code) for code in keywords.index], "Keywords": list(keywords)},
            {"Domain": 250, "Keywords": 480},
            row_height=WRAPPED_ROW_PX,
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
        # one row per group with its three most mentioned themes fits any screen; a grid of every theme by every
        # group (ten agencies wide) ran off the page, so it is a download
        fitted_table(
            comment_charts.top_themes_table(by_group, instrument, comment_n),
            {compare[column]: 190, "People who commented": 140, comment_charts.MOST_MENTIONED: 400},
            row_height=WRAPPED_ROW_PX,
        )
        st.caption(
            f"The three themes each group's commenters mention most, with the share of them whose comments touch "
            f"it. A group with fewer than {comment_n} commenters, or one hidden to protect it, shows why instead."
        )
        st.download_button(
            "Every theme by group (CSV)",
            csv_bytes(comment_charts.theme_table(by_group, instrument, comment_n)),
            f"comment-themes-by-{column}.csv",
            "text/csv",
            key="comments_themes_download",
        )

st.header("Read the comments")
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
sample = metrics.comment_sample(matches[["question", "text", "person"]], QUOTES, seed)
st.markdown(f"**{len(sample)} of {len(matches):,} matching comments**, drawn at random (sample {seed}).")
for quote in sample.itertuples():
    with st.container(border=True):
        st.markdown(plain(quote.text))
        st.caption(plain(quote.question))
st.button("Draw another sample", on_click=next_sample, icon=":material/shuffle:", key="comments_next")
st.caption("The same sample number always draws the same comments, so a quote can be found again.")
with st.expander(f"Every matching comment ({len(matches):,})"):
    every = matches[["question", "text"]].rename(columns=str.capitalize)
    picked = fitted_table(  # a row holds two lines; a longer comment is read whole below when its row is selected
        every,
        {"Question": 190, "Text": 500},
        row_height=WRAPPED_ROW_PX,
        on_select="rerun",
        selection_mode="single-row",
        key=WHOLE_KEY,
    )
    rows = [row for row in picked.selection.rows if row < len(every)]  # a choice from before the filters changed
    if rows:
        with st.container(border=True):
            st.markdown(plain(every.iloc[rows[0]]["Text"]))
            st.caption(plain(every.iloc[rows[0]]["Question"]))
    else:
        st.caption("A long comment is cut short in the table: select its row to read it whole here.")
    st.download_button(
        "Download these comments (CSV)", csv_bytes(every), "comments.csv", "text/csv", key="comments_download"
    )
with st.expander("How comments are kept safe"):
    st.markdown(methods_text.COMMENTS)
