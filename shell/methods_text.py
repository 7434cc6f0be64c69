"""The Methods page's explanations, in plain words for agency leaders (shared/docs/indicators.md, said simply).

Kept apart from the page so the page stays a thin layout, and filled from the instrument so that an agency's own
scale and cut points are the ones described. No Streamlit here (not a page: app.py does not declare it).
"""

from __future__ import annotations

from metrics import Instrument
from metrics.policy import (
    CONSENSUS,
    DEFAULT_CAUTION,
    LARGE_GAP,
    LOW_INFLUENCE,
    MEANINGFUL_CHANGE,
    NOTABLE_GAP,
    RELIABLE_ALPHA,
    SHOWN_SHARE,
    SHOWN_SHARE_PERCENT,
    WEAK_ITEM,
)
from shell.text import plain


def _scale_words(instrument: Instrument) -> tuple[str, str]:
    scale = instrument.scale
    points = ", ".join(f"{p} {plain(scale.label(p))}" for p in scale.points)
    favourable = " or ".join(f"“{plain(scale.label(p))}”" for p in scale.favorable)
    return points, favourable


def indicator_sections(instrument: Instrument, caution: float = DEFAULT_CAUTION) -> list[tuple[str, str]]:
    """(heading, markdown) for every indicator, in the order a reader meets them in the dashboard."""
    points, favourable = _scale_words(instrument)
    cuts = instrument.tiers
    low, high = plain(instrument.scale.labels[0]), plain(instrument.scale.labels[-1])
    domains = len(instrument.domains)
    needed = -(-SHOWN_SHARE[0] * domains // SHOWN_SHARE[1])  # the share of the domains, rounded up
    return [
        (
            "Domain scores (0–100) and tiers",
            f"Each statement is answered on a scale of {points}. A person's domain score is the average of their "
            f"answers to that domain's statements, turned into 0–100: 0 means “{low}” to everything, 100 "
            f"“{high}” to everything, 50 the middle of the scale. A person counts only if they answered at "
            "least half of the domain's statements. "
            "A group's score is the average of its people's scores.\n\n"
            f"- **Strength**: {cuts.strength:g} or more (people agree, on average)\n"
            f"- **Developing**: {cuts.developing:g} to under {cuts.strength:g}\n"
            f"- **Emerging**: {cuts.emerging:g} to under {cuts.developing:g}\n"
            f"- **Priority**: under {cuts.emerging:g}\n\n"
            "The tier is decided on the score as shown, to one decimal.",
        ),
        (
            "Favourable share",
            f"The share of answers that were {favourable}, out of all answers given. “Don't know” and skipped "
            "questions are left out of every percentage; their number is shown on the Items page.",
        ),
        (
            "Effectiveness index",
            "The average of the domain scores shown for a group. It is reported only when at least "
            f"{SHOWN_SHARE_PERCENT} % of the "
            f"domains are shown ({needed} of {domains}); when some are hidden to protect a small group, the page "
            "says how many the index rests on.",
        ),
        (
            "Leader–staff gap",
            "Leaders are executives and managers; everyone else is staff, **including people who did not give "
            "their role**, so the two sides always make up the whole group. The gap is the leaders' score minus "
            "the staff's score: positive means leaders see the office more favourably.\n\n"
            f"A gap is called **notable** when it is {NOTABLE_GAP:g} points or more and **large** when it is "
            f"{LARGE_GAP:g} or more, and in "
            "both cases only when its 95 % confidence interval leaves out 0, so that a gap resting on a handful "
            "of leaders is not called out by chance. With ten domains and many units, a few intervals will still "
            "leave out 0 by chance alone: read a single notable gap as a question to ask, not a verdict.",
        ),
        (
            "Shared influence",
            "The share of staff (not leaders) whose average answer on Shared Decision-Making & Influence is at "
            "least “Agree”: how widely real influence over decisions reaches beyond the leaders.",
        ),
        (
            "Agreement within a unit (r_wg)",
            "How much a unit's people agree with each other on a domain, from 0 (answers as scattered as if "
            f"given at random) to 1 (everyone gave the same answer). At {CONSENSUS:.2f} or more the unit is said to "
            "share a "
            "view, and its score describes the unit well; below that, the average hides real differences.",
        ),
        (
            "Coherence across units",
            "100 minus the distance between the highest and the lowest unit score on a domain, within one "
            "agency. 100 means every unit sees the domain alike; a low value means the agency's units live in "
            "different offices. It needs at least two units that can be shown.",
        ),
        (
            "Collective leadership composite",
            "The average of five domain scores: Shared Vision, Shared Decision-Making, Trust, Communication and "
            "Partnership. It is reported only when all five are shown, and takes a tier like any score.",
        ),
        (
            "Change over time",
            "A domain's score in one wave minus its score in an earlier wave, for the same group, shown only "
            "when the group can be shown in both waves. A change is **meaningful** when it is at least "
            f"{MEANINGFUL_CHANGE:g} points "
            "(as shown, to one decimal) and its 95 % confidence interval leaves out 0; otherwise it reads "
            "“no clear change”. Answers are anonymous, so the two waves are compared as separate groups of people.",
        ),
        (
            "Response rates",
            "Responses divided by the number of people invited, from the roster an analyst uploads. Below "
            f"{caution:g} % a "
            "view carries **“interpret with caution”**: those who did not answer may see the office differently. "
            "More responses than people invited means the roster is wrong, and the page says so.",
        ),
    ]


def confidentiality_sections(min_n: int) -> list[tuple[str, str]]:
    """(heading, markdown) for the confidentiality rules and what they do not cover (indicators §7)."""
    return [
        (
            "Minimum group size",
            f"No result is shown for a group of fewer than **{min_n} people**, nor for a score that fewer than "
            f"{min_n} people answered. It reads “not enough responses to report”, never a number, and the "
            "number of people is not shown either.",
        ),
        (
            "Hiding more groups to protect a small one",
            "When a group in a table is too small to show, other groups of the same table are hidden with it, the "
            "smallest first, until the hidden groups are at least two and hold at least "
            f"{min_n} people between them. Each reads “hidden to protect a small group”. Otherwise a reader could "
            "take the groups shown away from the total and work out the small group's result. For example, with a "
            "minimum of 5 and units of 20, 12, 2 and 1 people: the units of 2 and 1 are too small, and together they "
            "are still only 3 people, so the unit of 12 is hidden too. The same rule applies to single results "
            "inside a table, such as one domain's score, counting the people each result rests on; for a "
            "leader–staff gap that is the smaller side, often the leaders.",
        ),
        (
            "Filters that would give a small group away",
            "A selection in the sidebar is refused, and says why, when comparing it with a wider selection (the "
            f"same one with one or more filters set back to “All”) would leave between 1 and {min_n - 1} people "
            "over: for example a unit's staff when the unit's other people are only two. It is refused too when a "
            "wider selection's table hides it to protect a smaller group.\n\n"
            "A unit is its agency and its name. With “All agencies” and a unit chosen, the selection pools every "
            "agency's unit of that name, so it is shown only when each of those units could be shown on its own. "
            "And in a table, a group whose own selection would be refused is hidden, as a small group would be.",
        ),
        (
            "What these rules do not cover",
            "- **Subtracting along another breakdown**, for example a role's total across all units set against "
            "a table of units by role.\n"
            "- **Combining many separately filtered views** to narrow down a group.\n"
            "- **Rebuilding one statement roughly** from a shown domain score and the group's other statements.\n"
            "- **The same people under another filter.** A selection hidden to protect a small group can still show "
            "under an extra filter that keeps all of its people (an agency whose people are all executives, as that "
            "agency's executives). A rule that closes this has been proposed for the next version.\n\n"
            "The rules above close the common paths; these remain a small risk. An agency that needs more "
            "protection raises the minimum group size.",
        ),
    ]


RELIABILITY_INTRO = (
    "Cronbach's alpha tells whether the statements of a domain measure one thing: it runs up to 1, and "
    f"{RELIABLE_ALPHA:.2f} or "
    "more is the usual mark of a sound scale. It is worked out over everyone in the wave (it describes the "
    "survey, not a group), using the people who answered every statement of the domain."
)
UNRELIABLE_NOTE = (
    "The items of this domain do not hang together well, so its score may mix different things: read it "
    "statement by statement on the Items page rather than as one number."
)


PRIORITIES = (
    "Candidates come only from results a page already shows for this selection; a hidden result never makes or "
    "supports a candidate. A domain or item is a candidate when:\n\n"
    "- its score is in the **Priority** or **Emerging** tier;\n"
    f"- it **declined meaningfully** since the wave before (at least {MEANINGFUL_CHANGE:g} points, with a 95 % "
    "interval that leaves "
    "out 0);\n"
    "- leaders and staff see it **notably or very differently** (a gap labelled notable or large);\n"
    f"- fewer than {LOW_INFLUENCE:g} % of the staff have **real influence** over decisions (Shared "
    "Decision-Making);\n"
    f"- it is one of the three **weakest items**, where fewer than {WEAK_ITEM:g} % of the answers are "
    "favourable;\n"
    f"- a unit's people **do not agree** among themselves on it (agreement below {CONSENSUS:.2f}; shown when one "
    "agency is "
    "chosen).\n\n"
    "A domain that meets several rules is listed once. The list is ranked by the most serious rule met, in the "
    "order Priority tier, decline, large gap, Emerging tier, notable gap, low influence, weak item, low "
    "agreement; then by how many rules it meets; then by how far it is from the rest (the lowest score, the "
    "steepest decline, the widest gap); then in the instrument's order."
)

FOLLOW_THROUGH = (
    "When the wave a plan named is stored, its measure there is set against its baseline with the rule every "
    f"change on these pages follows: a change is **meaningful** when it is at least {MEANINGFUL_CHANGE:g} points, "
    "as shown to one "
    "decimal, and its 95 % interval leaves out 0.\n\n"
    "- **target met**: the measure reached the target with a meaningful rise, or it was already at the target "
    "and stayed there without a meaningful fall;\n"
    "- **improved, target not met**: a meaningful rise that stopped short of the target;\n"
    "- **declined**: a meaningful fall, whatever the target;\n"
    "- **no clear change**: anything else, including reaching the target by a rise too small to tell from "
    "chance: a plan is credited only with change the survey can measure;\n"
    "- **not reportable**: the scope or the measure is hidden in either wave to protect a small group.\n\n"
    "For a % favourable measure the interval counts every answer as a separate observation; one person's answers "
    "to a domain's statements go together, so that interval is a little too narrow."
)


COMMENTS = (
    "Comments are the answers to the survey's open questions. They are never scored; they are read beside the "
    "numbers.\n\n"
    "- **Before anything is stored**, e-mail addresses, phone numbers, web addresses and every name on the "
    "agency's list (Settings) are replaced by a marker such as *[name removed]*; the original words are never "
    'kept. The wave\'s notes say how many details were removed, never what they were. Answers such as "n/a" or '
    '"nothing" are not kept as comments.\n'
    "- **A higher minimum.** A group's comments show only when at least the comment minimum of its people (10 "
    "unless an admin sets another, never below the minimum group size) wrote one. A comment is easier to trace "
    "to its author than a score.\n"
    "- **No subtraction.** As for scores, when one group of a breakdown is hidden another is hidden with it, and "
    "a selection whose comments, set beside a wider selection's, would reveal what fewer people wrote shows none.\n"
    "- **No attributes.** A quote shows its question and its words, never who wrote it, their unit or role "
    "beyond the selection itself.\n"
    "- **Themes.** A comment touches a domain when it uses one of the domain's keywords as a whole word (a "
    "keyword ending in * matches every word that starts with it). Keyword counting is a quick guide, not a "
    "reading: it misses synonyms and cannot tell praise from complaint.\n\n"
    "What the rules cannot do: redaction finds addresses, numbers and the listed names, not every way a person "
    "can be recognised, such as a described event or a turn of phrase. Add names to the list (saving it also "
    "redacts comments already stored) and raise the comment minimum to lower that risk."
)
