"""Collective leadership: whether people at every level lead together (indicators §4), for agency leaders.

Thin: the indicators come from the view (`views`), worked out once per view; the charts and tables from
`charts.leadership`. What other pages already draw (the five domains' scores on Overview, the whole selection's
leader-staff gap on Leaders and staff) is linked, not drawn again: this page shows only what no other page does.
"""

import pandas as pd
import streamlit as st

import charts
import metrics
from charts import leadership
from metrics import policy
from metrics.leadership import CONSENSUS
from shell import access as access_shell
from shell import data, downloads, filters
from shell.tables import fitted_table
from shell.text import WRAPPED_ROW_PX, joined, plain

MAX_SENTENCES = 8


def kept(name: str, make):
    """Something this page makes from the view's tables for this reader (a reader scoped to some agencies sees only
    their groups), made once per view and kept: at state scale these grids take seconds to build."""
    return view.keep((name, access_shell.person().agencies), make)


def visible(name: str, by: tuple[str, ...]) -> pd.DataFrame:
    """A breakdown of the view without other agencies' groups, for a reader scoped to some agencies."""
    return kept(name, lambda: access_shell.visible_rows(view.breakdown(name, by)))


def unit_grid(name: str, chart, cells, title: str, description: str) -> None:
    """A unit-by-domain grid (`chart` and `cells` build it), without the units hidden in every domain: those are
    named under it instead."""
    cells = kept(name + "-cells", cells)
    if (cells["reason"] == "").any():
        downloads.show_chart(
            chart, name, title=title, description=description, kept_by=view, key=(access_shell.person().agencies,)
        )
    for reason, groups in leadership.wholly_hidden(cells).items():
        st.markdown(f"**Not shown in any domain ({plain(reason)}):** " + "; ".join(map(plain, groups)) + ".")


st.title("Collective leadership")
view = filters.shown_view()
instrument = view.instrument
several = view.unit_count > 1
by = view.unit_by
st.markdown(
    "A highly effective office of early learning is led **collectively**: people at every level, and partners "
    "outside the agency, lead together toward shared results. This page asks whether leaders and staff see the "
    "office alike, whether influence is spread widely, and whether each unit, and the units together, share one "
    "view."
)
if not several:
    st.info(
        "This view covers one unit, so the sections that compare units (the gap by unit, shared influence by unit "
        "and coherence across units) are not shown. "
        + (
            "Choose “All units” in the sidebar to see them."
            if view.filters.unit
            else "The survey of this wave names no more than one unit here (or did not ask people's unit)."
        )
    )
if view.filters.role:
    st.info(
        "Leader–staff comparisons need everyone: the gap between leaders and staff, and shared influence (which "
        "counts staff apart from leaders), are shown only when “All roles” is chosen in the sidebar."
    )

# 1. The composite, and the five domains it combines.
st.header("Collective leadership score")
composite = view.composite.iloc[0]
score_col, tier_col = st.columns(2)
if composite["suppressed"]:
    score_col.metric("Collective leadership (0–100)", "not reported")
    tier_col.metric("Tier", "–")
else:
    score_col.metric(
        "Collective leadership (0–100)",
        charts.number(composite["composite"]),
        help="The mean of the five domain scores below.",
    )
    tier_col.metric("Tier", composite["tier"])
roles = [instrument.role_domain(role) for role in metrics.COLLECTIVE_ROLES]
missing = metrics.missing_roles(instrument, metrics.COLLECTIVE_ROLES)
if missing:
    st.info(
        f"This wave's instrument ({plain(instrument.name)}) names no domain for {joined(missing)}, so the score is "
        "not reported. An analyst can say which of its domains plays each role on the Instrument page."
    )
else:
    scores = view.domains.set_index("domain")["score"]
    names = "; ".join(
        f"{plain(instrument.domain_name(code))} ({charts.number(scores.get(code)) or 'not reported'})" for code in roles
    )
    st.markdown(
        f"It combines the five domains that describe leading together — {names} — because collective leadership "
        "needs a common agenda, real influence, trust, continuous communication and partners working toward the "
        "same results."
    )
    if composite["suppressed"]:
        st.info("The score is not reported here: it needs all five domain scores, and at least one is hidden.")
st.page_link(
    data.ROOT / "app_pages" / "overview.py",
    label="Every domain's score, with its tier: Overview",
    icon=":material/dashboard:",
)

# 2. The leader-staff gap unit by unit (the whole selection's is on Leaders and staff).
st.header("Do leaders and staff see the office alike in each unit?")
st.markdown(
    "When leaders see the office much more favourably than their staff do, decisions rest on a picture the "
    "people doing the work do not share; a **positive** gap means leaders rate it higher. A gap in one unit can "
    "disappear in the office's average, so each unit's leaders are set against their own staff. A gap is "
    f"**notable** at {policy.NOTABLE_GAP:g} points and **large** at {policy.LARGE_GAP:g}, and only when its 95 % "
    "interval excludes 0 (more than chance); a dark cell marked **large** or a lighter one marked **notable** is "
    "where to talk first."
)
st.page_link(
    data.ROOT / "app_pages" / "leaders_staff.py",
    label="The gap for the whole selection, domain by domain: Leaders and staff",
    icon=":material/compare_arrows:",
)
if not view.roles_asked:
    st.info(filters.NO_ROLES_ASKED)
elif view.filters.role:
    st.info("Choose “All roles” in the sidebar to compare leaders with staff.")
elif several:
    unit_gaps = visible("perception_gap", by)
    sentences = kept("unit-gap-sentences", lambda: leadership.unit_gap_sentences(unit_gaps, instrument))
    for sentence in sentences[:MAX_SENTENCES]:
        st.markdown(f"- {plain(sentence)}")
    if len(sentences) > MAX_SENTENCES:
        st.markdown(f"- … and {len(sentences) - MAX_SENTENCES} more in the table below.")
    if not sentences:
        st.markdown("No unit shows a notable or large gap in this selection.")
    unit_grid(
        "collective-unit-gaps",
        lambda: leadership.gap_grid_chart(unit_gaps, instrument, view.min_n),
        lambda: leadership.gap_grid_cells(unit_gaps, instrument, view.min_n),
        "Leader–staff gap by unit",
        "A grid with a row for each unit and a column for each domain: leaders' score minus staff's score there.",
    )
    st.caption(
        "Each cell is leaders' score minus staff's score (points, 0–100 scale). A blank cell with a dash is "
        f"hidden: fewer than {view.min_n} leaders or staff there have a score, or showing it would let a "
        "reader work out a hidden one. Point at a cell to see why."
    )
    with downloads.numbers_behind("Leader–staff gap by unit"):
        # one row per unit and domain (the chart is the grid) with what the chart shows, narrow enough for 1280
        # pixels: a unit's 95 % interval and how many answered are on Leaders and staff with that unit chosen
        table = kept("unit-gap-table", lambda: charts.gap_table(unit_gaps, instrument, view.min_n))
        shown = ("Agency", "Unit", "Domain", "Leaders (0–100)", "Staff (0–100)", "Gap (leaders minus staff)", "Reading")
        fitted_table(
            table,
            {
                "Agency": 125,
                "Unit": 110,
                "Domain": 140,
                "Leaders (0–100)": ("Leaders", 90),
                "Staff (0–100)": ("Staff", 90),
                "Gap (leaders minus staff)": ("Gap", 90),
                "Reading": 90,
            },
            column_order=[c for c in shown if c in table],
            row_height=WRAPPED_ROW_PX,
        )

# 3. Shared influence breadth.
st.header("How widely is influence shared?")
decisions = instrument.role_domain("decisions")
if decisions:
    favourable = instrument.scale.label(min(instrument.scale.favorable))
    st.markdown(
        "Offices improve when influence over decisions is spread widely rather than held at the top (CTQ's shared "
        "influence): this is the share of staff (everyone but executives and managers) whose answers on "
        f"{plain(instrument.domain_name(decisions))} average {plain(favourable)} or better."
    )
if not decisions:
    st.info(
        f"This wave's instrument ({plain(instrument.name)}) names no domain for decisions, so shared influence is "
        "not reported. An analyst can say which of its domains asks about influence on decisions on the Instrument "
        "page."
    )
elif not view.roles_asked:
    st.info(filters.NO_ROLES_ASKED)
elif view.filters.role:
    st.info("Choose “All roles” in the sidebar: shared influence counts staff apart from leaders.")
else:
    overall_influence = view.influence
    influence = overall_influence.iloc[0]
    st.metric(
        "Staff who feel they have real influence",
        "not reported" if influence["suppressed"] else f"{charts.number(influence['share'])} %",
    )
    if several:
        per_unit = visible("shared_influence", by)
        downloads.show_chart(
            lambda: leadership.influence_chart(per_unit, overall_influence, view.min_n),
            "collective-influence",
            title="Shared influence",
            description="One bar for each unit: the share of its staff who feel they have real influence.",
            kept_by=view,
            key=(access_shell.person().agencies,),
        )
        st.caption("Each bar is a unit; the dashed line is the whole selection.")
        influence_numbers = kept(
            "influence-table", lambda: leadership.influence_table(per_unit, overall_influence, view.min_n)
        )
    else:
        downloads.show_chart(
            lambda: leadership.influence_chart(overall_influence, None, view.min_n),
            "collective-influence",
            title="Shared influence",
            description="One bar: the share of the staff in this selection who feel they have real influence.",
            kept_by=view,
        )
        influence_numbers = leadership.influence_table(overall_influence, None, view.min_n)
    with downloads.numbers_behind("Shared influence"):
        fitted_table(
            influence_numbers,
            {
                "Group": 390,
                "Staff who feel they have influence (%)": ("Staff with influence (%)", 205),
                "Staff responding": 135,
            },
        )

# 4. Within-unit agreement.
st.header("Does each unit share one view?")
st.markdown(
    "A unit's score means most when its people broadly agree: agreement within the unit runs from 0 (answers as "
    f"scattered as chance) to 1 (everyone answers alike), and {CONSENSUS:.2f} or more is the usual mark of a shared "
    "view.",
    help="The technical name is r_wg (within-group agreement); the Methods page says how it is worked out.",
)
agreement = visible("agreement", by)
low = agreement[~agreement["suppressed"] & agreement["r_wg"].notna() & ~agreement["consensus"]]
if agreement["suppressed"].all():
    st.info("Not enough people answered in any unit of this selection to measure agreement.")
elif low.empty:
    st.markdown(f"Every unit and domain shown reaches consensus ({CONSENSUS:.2f} or more).")
unit_grid(
    "collective-agreement",
    lambda: leadership.agreement_chart(agreement, instrument, view.min_n),
    lambda: leadership.agreement_cells(agreement, instrument, view.min_n),
    "Agreement within each unit",
    "A grid with a row for each unit and a column for each domain: how alike its people answered, from 0 to 1.",
)
st.caption(
    f"A dark cell marked **low** is below {CONSENSUS:.2f}: people in that unit see that domain differently, "
    "so its average hides a split worth asking about. A blank cell with a dash is hidden to protect a small group."
)
with downloads.numbers_behind("Agreement within each unit"):
    fitted_table(  # one row per unit and domain (the chart is the grid), narrow enough for 1280 pixels
        kept("agreement-table", lambda: leadership.agreement_table(agreement, instrument, view.min_n)),
        {
            "Agency": 155,
            "Unit": 140,
            "Domain": 160,
            "Agreement within the unit (0–1)": ("Agreement (0–1)", 115),
            f"Consensus ({CONSENSUS:.2f} or more)": ("Consensus", 80),
            "Respondents": 95,
        },
        row_height=WRAPPED_ROW_PX,
    )

# 5. Cross-unit coherence.
st.header("Do the units see the office alike?")
st.markdown(
    "A singular mission and aligned efforts show when every unit experiences the office alike: coherence is "
    "100 minus the distance between the highest and the lowest unit's score, so 100 means every unit scores "
    "the same and 80 means 20 points separate them."
)
if view.filters.agency is None:
    st.info("Coherence compares the units of one agency: choose an agency in the sidebar.")
elif not several:
    st.info("Coherence needs several units: choose “All units” in the sidebar.")
else:
    coherence = view.coherence
    downloads.show_chart(
        lambda: leadership.coherence_chart(coherence, instrument),
        "collective-coherence",
        title="Coherence across units",
        description="One bar for each domain: how alike the units of this agency score it, from 0 to 100.",
        kept_by=view,
    )
    st.caption("Only units whose domain score is shown count; a unit hidden to protect a small group is left out.")
    with downloads.numbers_behind("Coherence across units"):
        st.dataframe(leadership.coherence_table(coherence, instrument), hide_index=True)
