"""Write the sample survey's open-ended comments (comments.csv) and the agency's redaction list (redaction_terms.txt).

Why: a new user should see the Comments page working on first start: comments coded into the ten domains, the
comment minimum hiding a small unit, and personal details that must be redacted. Each comment follows its
writer's own answers in responses.xlsx (mostly about the domain they scored lowest), so themes and scores agree.

What is planted (checked here and by tests/data/test_sample_comments.py):
- two questions; about 55 % of respondents answer the first, about 30 % the second; about 8 % of those answers
  are blank-like ("n/a", "None", "-", ...), which a raw export contains and ingest skips;
- twenty comments carry personal details: e-mail addresses, phone numbers in several formats, web addresses and
  names from redaction_terms.txt in varied case; the term "Ann" also occurs inside words ("annual", "planning");
- in the latest wave at least three units have 10 or more commenters and at least one unit with 5 or more
  respondents has fewer than 10, so the page shows both a unit's comments and the comment minimum at work.

Run from the repository root: `python data/sample/make_comments.py` (or `... OUT_DIR`). It reads responses.xlsx
beside this file, uses numpy's `default_rng` with a fixed seed and no clock, so a re-run writes the same bytes.
"""

from __future__ import annotations

import csv
import io
import re
import sys
import tomllib
from pathlib import Path

import numpy as np
from openpyxl import load_workbook

SEED = 41
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
RESPONSES = HERE / "responses.xlsx"
INSTRUMENT = ROOT / "metrics" / "instruments" / "default.toml"
LEXICON = ROOT / "metrics" / "instruments" / "default_lexicon.csv"

QUESTIONS = (
    "What one change would most help your unit do its best work?",
    "Is there anything else you would like leaders to know?",
)
ANSWER_P = (0.55, 0.30)  # share of respondents who answer each question
BLANK_P = 0.08  # share of answers that are blank-like
BLANK_LIKE = ("n/a", "N/A", "None", "nothing", "-", "No comment", "   ")
NO_THEME_P = 0.10  # comments that name no domain at all
POSITIVE_P = (0.08, 0.22)  # per question: praise for the writer's best domain, when it is high
POSITIVE_FLOOR = 4.0  # the best domain's mean answer must reach this for praise
OTHER_DOMAIN_P = 0.2  # a random domain instead of the writer's lowest (or, on Q2, second lowest)
LONG_P = 0.12  # comments of 3-5 sentences
LINE_BREAK_P = 0.4  # of the long ones
COMMENT_MIN = 10  # the Comments page shows a unit's comments from this many commenters
MIN_N = 5  # the survey's reporting minimum

REDACTION_TERMS = ("Dana Whitfield", "Okafor", "Marisol", "J. Rivera", "Priya Natarajan", "Ann", "Luis Ortega")

# Sentences with personal details, each appended to one comment; the kinds are what a redactor must catch.
PLANTED = (
    (("email",), "If anyone wants the details, write to dana.whitfield@agency.example.org."),
    (("phone",), "Families keep calling (555) 201-3344 because the website is out of date."),
    (
        ("web",),
        "All the forms are supposed to be at https://intranet.agency.example.org/forms but half the links are broken.",
    ),
    (("name",), "Dana Whitfield in licensing has carried the inspection schedule alone since March."),
    (("email",), "Happy to walk someone through it (j.rivera@ed.state.example.us)."),
    (("name", "phone"), "Call Ms. OKAFOR at +1 555 201 9900; she knows the history."),
    (("phone",), "You can reach me at 555-201-7788 if you want to talk."),
    (("name",), "Marisol's team covered for us for months and never got any thanks."),
    (("web",), "The guidance is still the old version on www.example.gov/ece."),
    (("email",), "Our shared inbox <prek.help@agency.example.org> gets over a hundred messages a week."),
    (("name",), "Our manager, dana whitfield, makes every call without asking us."),
    (("phone",), "The help line, 555.201.4455 ext. 12, goes to voicemail most days."),
    (("name",), "J. Rivera should not have to fix every report by hand."),
    (("email",), "I sent this to the help desk [t.brennan@ed.state.example.us] twice with no answer."),
    (("name",), "Priya Natarajan is the only person who understands the enrollment rules."),
    (("web",), "See the tracker (http://sharepoint.agency.example.org/sites/prek?view=all) for how far behind we are."),
    (
        ("name",),
        "Ann and I rebuilt the annual reports template twice this year; better planning would have saved weeks.",
    ),
    (("phone",), "My direct line is 555 201 6021."),
    (("email",), "Questions go to grants-office@ed.state.example.us, and nobody answers them."),
    (("name",), "LUIS ORTEGA retired in the fall and his caseload was split among the rest of us."),
)

# Slot fillers by agency type: {team}/{team2} people or groups, {task} a piece of work, {field} those served.
CONTEXT = {
    "SEA": {
        "team": (
            "the grants team",
            "program staff",
            "the licensing unit",
            "the data team",
            "regional specialists",
            "the fiscal office",
            "the Head Start collaboration office",
            "the pre-K consultants",
        ),
        "task": (
            "subgrant reviews",
            "the annual pre-K report",
            "licensing visits",
            "QRIS ratings",
            "the federal data submission",
            "the preschool expansion rollout",
            "grant renewals",
            "the kindergarten entry assessment",
        ),
        "field": ("districts", "Head Start grantees", "child care providers", "local programs"),
    },
    "LEA": {
        "team": (
            "the central office",
            "the enrollment team",
            "classroom teachers",
            "site principals",
            "our special education coordinators",
            "the family liaisons",
            "the business office",
            "the pre-K coaches",
        ),
        "task": (
            "pre-K enrollment",
            "the state data upload",
            "IEP transition planning",
            "classroom observations",
            "the Head Start partnership agreement",
            "summer registration",
            "the new curriculum rollout",
            "screening week",
        ),
        "field": ("the state office", "our Head Start partner", "community child care centers", "parents"),
    },
}

# Per domain: "need" (a change asked for), "problem" (what is wrong) and "good" (praise). Every sentence uses at
# least one of its domain's lexicon words (checked against default_lexicon.csv in check_lexicon).
SENTENCES = {
    "VIS": {
        "need": (
            "We need a short list of priorities that does not change every month.",
            "Pick three goals for the year and stick with them.",
            "Connect {task} back to the big picture so staff know why it matters.",
            "Say plainly what we are trying to achieve for children, so everyone can focus on the same goals.",
            "Stop adding new initiatives until we agree on our top priorities.",
            "Revisit the mission with all staff, not only with the people at the top.",
            "Give {team} and {team2} one shared sense of purpose.",
        ),
        "problem": (
            "Priorities shift with every new request that comes in.",
            "Nobody can tell me what our goals are for this year.",
            "{task} was the top priority in the fall and then quietly dropped.",
            "Half of us think the mission is compliance and half think it is quality.",
            "Without a clear direction people fill the gap with their own plans.",
            "It is hard to stay focused when the focus changes every quarter.",
        ),
        "good": (
            "I know exactly how my work connects to our mission.",
            "Our goals for children are clear and everyone on my team can name them.",
            "The focus on birth to grade 3 keeps us grounded.",
        ),
    },
    "LEAD": {
        "need": (
            "Leaders should follow through on what they promise at all-staff gatherings.",
            "More visible leadership when things get hard, not only when things go well.",
            "Our director could spend more time with {team} and less time downtown.",
            "Supervisors need the authority to actually fix the problems we raise.",
            "Management should clear the barriers on {task} instead of adding new ones.",
            "Leaders who model what they ask of us.",
            "A supervisor who is available more than once a month.",
        ),
        "problem": (
            "Leadership announces changes and then does not follow through.",
            "We have had three directors in four years, and each one starts over.",
            "When we raise concerns with management, nothing happens.",
            "My supervisor is stretched across too many programs to give real guidance.",
            "Managers agree in the room and then change course a week later.",
        ),
        "good": (
            "Our director does what she says she will do.",
            "My supervisor removes barriers quickly and checks in often.",
            "Leadership has been steady through a hard year.",
        ),
    },
    "ALN": {
        "need": (
            "Clarify who owns {task}; right now three teams think it is their role.",
            "Break down the silos between {team} and {team2}.",
            "Stop the duplicate entry of the same numbers for licensing and for grants.",
            "Update the org chart and tell us who does what.",
            "Finish the reorganization, or stop talking about it.",
            "Align the structure of the office with the work we actually do.",
            "Clear roles for {task} so work does not fall through the cracks.",
        ),
        "problem": (
            "Our roles overlap so much that two of us often do the same work.",
            "The last reorganization moved boxes on the org chart but not the work.",
            "Every division works in its own silo.",
            "Nobody knows whose role it is to answer questions from {field}.",
            "There is a lot of duplicated effort on {task}.",
        ),
        "good": (
            "The new structure finally makes sense and roles are much clearer.",
            "Since the reorganization there is far less duplication.",
        ),
    },
    "CAP": {
        "need": (
            "Real onboarding for new staff, not a binder and a login.",
            "Training on the new reporting tool before it goes live, not after.",
            "Professional development that is about our own work, not only compliance.",
            "Pair new specialists with a mentor for their first year.",
            "Coaching for new supervisors would help everyone.",
            "A career path for specialists who do not want to become managers.",
            "Cross-training, so that {task} does not depend on one person's skills.",
        ),
        "problem": (
            "New staff learn the job by trial and error.",
            "PD was cut first, and nobody on my team has been to a conference in years.",
            "We are asked to coach {field} on things we were never trained on ourselves.",
            "There is no career ladder, so good people leave.",
            "Onboarding took me six months because nothing is written down.",
        ),
        "good": (
            "The coaching I received this year made a real difference.",
            "Great professional development offerings this year.",
            "My mentor helped me find my feet quickly.",
        ),
    },
    "RES": {
        "need": (
            "Fill the vacancies before we lose more people.",
            "Adequate staffing for {task}; we are running it with half a team.",
            "Better tools for {task}; we still track it in spreadsheets.",
            "Protected time to do the work instead of reporting on it.",
            "Replace the grants software, which crashes every deadline week.",
            "Funding that matches what we are expected to deliver.",
            "More time and realistic deadlines, or more resources.",
        ),
        "problem": (
            "Workload has doubled since the vacancies were not filled.",
            "We are understaffed and the burnout is real.",
            "People are working overtime every week during {task}.",
            "The budget for {task} has been flat for five years while enrollment grew.",
            "Our systems do not talk to each other, so everything is entered twice.",
            "Two vacancies on my team have been open since last spring.",
        ),
        "good": (
            "The new software saves us real time.",
            "Thank you for filling the vacancies on our team.",
            "The budget process was much smoother this year.",
        ),
    },
    "COM": {
        "need": (
            "We need clearer communication between {team} and {team2}.",
            "Regular updates on decisions, even when the answer is 'not yet'.",
            "Share information with staff before it goes out to {field}.",
            "Shorter meetings with an agenda, and notes afterwards.",
            "Keep field staff in the loop when guidance changes.",
            "More transparency about what happens to the issues we raise.",
            "A simple weekly newsletter with what was decided and why.",
        ),
        "problem": (
            "We often hear about changes from {field} before anyone here informs us.",
            "Information does not flow between divisions.",
            "Too many meetings, too little real communication.",
            "Staff working on {task} were out of the loop until the week it launched.",
            "Updates come by rumor long before they come by e-mail.",
        ),
        "good": (
            "Communication has improved a lot; the weekly updates help.",
            "I appreciate the monthly newsletter.",
            "We are kept in the loop much better than two years ago.",
        ),
    },
    "ACC": {
        "need": (
            "Use the data we collect; we report on {task} and never see the results.",
            "Feedback on our work that is specific and timely.",
            "Clear measures of success for {task}.",
            "The same accountability for everyone, including the people at the top.",
            "Evaluate new initiatives before expanding them.",
            "Look at child outcomes, not just compliance checklists.",
            "Fix the monitoring process so it leads to improvement, not just paperwork.",
        ),
        "problem": (
            "We collect a lot of data and nobody uses it.",
            "There is no follow-up after monitoring visits, so nothing changes.",
            "Accountability only seems to apply to front-line staff.",
            "I have not had a performance evaluation in two years.",
            "Results of last year's survey were never shared.",
        ),
        "good": (
            "I like that we now look at results together each quarter.",
            "Feedback on my work is timely and useful.",
            "The new dashboards have helped us improve.",
        ),
    },
    "SHD": {
        "need": (
            "Ask for staff input before decisions are made, not after.",
            "Involve the people who do {task} when it is redesigned.",
            "Give program staff a real voice in how funds are allocated.",
            "Consult {field} before guidance goes out.",
            "Listen to front-line staff; we see the problems first.",
            "Let the people closest to the work have a say in how it is done.",
        ),
        "problem": (
            "Decisions are made at the top and handed down.",
            "Our input is collected and then ignored.",
            "It is very top-down; we are told, not asked.",
            "Staff were not consulted on the changes to {task}.",
            "Nobody listens until something goes wrong.",
        ),
        "good": (
            "I feel my input is valued.",
            "We were consulted on the new guidance and it shows.",
            "My supervisor listens and acts on what we say.",
        ),
    },
    "TRU": {
        "need": (
            "Build trust between divisions; right now everyone protects their own.",
            "Make it safe to raise problems without being labeled negative.",
            "Give credit to the people who did the work.",
            "Honest conversations about what is not working.",
            "Treat support staff with the same respect as specialists.",
            "Less blame when things go wrong and more problem-solving.",
        ),
        "problem": (
            "Morale is low after this year.",
            "There is real fear of speaking up.",
            "When something goes wrong the first question is who to blame.",
            "I trust my immediate team, but not much beyond it.",
            "People stop raising problems when honesty is not rewarded.",
        ),
        "good": (
            "People here really support each other.",
            "I trust my colleagues and feel safe raising concerns.",
            "There is a lot of respect across teams.",
        ),
    },
    "PAR": {
        "need": (
            "Work more closely with Head Start on shared enrollment.",
            "Bring districts in earlier when rules change.",
            "Better outreach to families who do not speak English.",
            "A single point of contact for providers.",
            "Collaborate with the health and human services agencies instead of working around them.",
            "Include community stakeholders in planning, not just in public hearings.",
        ),
        "problem": (
            "Our partners hear three different answers from three different people.",
            "Families are often the last to know about changes.",
            "Child care providers feel left out of pre-K expansion.",
            "The relationship with {field} feels like inspection, not partnership.",
            "Community organizations offer help and we rarely take it up.",
        ),
        "good": (
            "Our partnership with Head Start is the best it has been.",
            "The family liaisons do wonderful work with families.",
            "Collaboration with community providers keeps getting better.",
        ),
    },
}

# Comments that name no domain (check_lexicon makes sure no lexicon word slips in).
NO_THEME = (
    "Thank you for asking.",
    "The questionnaire was a bit long, but I appreciate it.",
    "No complaints this year.",
    "Please keep doing this every spring.",
    "I am new, so it is hard for me to say yet.",
    "Overall it is a good place to work.",
    "Keep up the good work.",
    "I hope someone reads these.",
    "Nothing major, things are fine.",
    "It is a hard job and we care about it.",
    "Hard to answer in a box like this.",
    "Please tell us what you hear from this.",
    "I am glad this exists.",
    "Proud of what my team does for young children.",
    "Ask me again next year.",
)
OPENERS = (
    ("One thing above all.", "If I could change one thing, it would be this.", "Simple.", "Same answer as last year."),
    ("Thank you for asking.", "I'll keep this short.", "Speaking for my team here.", "A few thoughts.", "To be frank."),
)
KEEP = ("Keep what is working.", "No big change needed.", "Do not lose what we have.")  # praise as a "change"
CLOSERS = (
    "Thanks.",
    "Thanks for asking.",
    "That is all.",
    "I hope this survey leads somewhere.",
    "Appreciate the chance to say this.",
)
ELABORATIONS = (
    "This is especially true during {task}.",
    "It has been this way for at least two years.",
    "It hits {team} the hardest.",
    "In the end it lands on the children we serve.",
    "We saw it again with {task} this year.",
    "I am not the only one who feels this way.",
    "It wears people down.",
    "It is nobody's fault, but it needs fixing.",
)


def pick(rng: np.random.Generator, options):
    return options[int(rng.integers(len(options)))]


def fill(rng: np.random.Generator, template: str, agency_type: str) -> str:
    """Fill the slots of one sentence and capitalise its first letter."""
    ctx = CONTEXT[agency_type]
    teams = rng.permutation(len(ctx["team"]))
    text = template.format(
        team=ctx["team"][teams[0]],
        team2=ctx["team"][teams[1]],
        task=pick(rng, ctx["task"]),
        field=pick(rng, ctx["field"]),
    )
    return text[0].upper() + text[1:]


def read_responses(path: Path) -> list[dict]:
    """Rows of the canonical response table, in file order, with item answers as numbers or None."""
    wb = load_workbook(path, read_only=True)
    rows = wb["responses"].iter_rows(values_only=True)
    header = next(rows)
    out = [dict(zip(header, row, strict=True)) for row in rows]
    wb.close()
    return out


def domain_items(path: Path = INSTRUMENT) -> dict[str, list[str]]:
    """Item codes per domain, in instrument order."""
    inst = tomllib.loads(path.read_text(encoding="utf-8"))
    out = {d["code"]: [] for d in inst["domains"]}
    for item in inst["items"]:
        out[item["domain"]].append(item["code"])
    return out


def keyword_pattern(keyword: str) -> re.Pattern:
    """A lexicon keyword as the coder reads it: a whole word or phrase, or a prefix when it ends with '*'."""
    if keyword.endswith("*"):
        return re.compile(r"\b" + re.escape(keyword[:-1]), re.IGNORECASE)
    return re.compile(r"\b" + re.escape(keyword) + r"\b", re.IGNORECASE)


def check_lexicon(path: Path = LEXICON) -> None:
    """Every domain sentence uses one of its domain's keywords; theme-less comments and the openers, closers and
    elaborations around a domain sentence use none at all."""
    with path.open(encoding="utf-8", newline="") as f:
        lexicon = [(row["domain"], keyword_pattern(row["keyword"].strip())) for row in csv.DictReader(f)]
    for domain, kinds in SENTENCES.items():
        own = [p for d, p in lexicon if d == domain]
        for sentence in (s for kind in kinds.values() for s in kind):
            assert any(p.search(sentence) for p in own), f"{domain}: no {domain} keyword in {sentence!r}"
    for sentence in (*NO_THEME, *OPENERS[0], *OPENERS[1], *KEEP, *CLOSERS, *ELABORATIONS):
        hits = [p.pattern for _, p in lexicon if p.search(sentence)]
        assert not hits, f"theme-less comment {sentence!r} matches {hits}"


def domain_means(row: dict, items: dict[str, list[str]]) -> dict[str, float]:
    """The respondent's mean answer per domain, over the items answered (domains with no answer left out)."""
    out = {}
    for domain, codes in items.items():
        values = [row[c] for c in codes if row[c] is not None]
        if values:
            out[domain] = sum(values) / len(values)
    return out


def ranked(rng: np.random.Generator, means: dict[str, float], lowest_first: bool = True) -> list[str]:
    """Domains from the writer's lowest to highest (or the reverse), ties in random order."""
    tiebreak = rng.random(len(means))
    sign = 1 if lowest_first else -1
    return [d for _, _, d in sorted((sign * m, t, d) for (d, m), t in zip(means.items(), tiebreak, strict=True))]


def compose(rng: np.random.Generator, q: int, means: dict[str, float], agency_type: str) -> tuple[str, str]:
    """One comment (kind, text): what the writer's answers suggest, in one or two sentences, sometimes more."""
    r = rng.random()
    if r < NO_THEME_P or not means:
        return "none", pick(rng, NO_THEME)
    best = ranked(rng, means, lowest_first=False)[0]
    if r < NO_THEME_P + POSITIVE_P[q] and means[best] >= POSITIVE_FLOOR:
        kind, domain = "good", best
        first = fill(rng, pick(rng, SENTENCES[domain]["good"]), agency_type)
        second_pool = SENTENCES[domain]["good"]
    else:
        kind = "low"
        order = ranked(rng, means)
        domain = order[0] if q == 0 or rng.random() < 0.6 else order[min(1, len(order) - 1)]
        if rng.random() < OTHER_DOMAIN_P:
            domain = pick(rng, list(SENTENCES))
        main_kind = "need" if (rng.random() < 0.8) == (q == 0) else "problem"
        other_kind = "problem" if main_kind == "need" else "need"
        first = fill(rng, pick(rng, SENTENCES[domain][main_kind]), agency_type)
        second_pool = SENTENCES[domain][other_kind]
    sentences = [first]
    if kind == "good" and q == 0:
        sentences[0] = pick(rng, KEEP) + " " + first
    elif rng.random() < 0.25:
        sentences[0] = pick(rng, OPENERS[q]) + " " + first
    if rng.random() < LONG_P:
        extra = [fill(rng, pick(rng, second_pool), agency_type)]
        if kind == "low":
            extra.append(fill(rng, pick(rng, ELABORATIONS), agency_type))
        if rng.random() < 0.5:
            aside = pick(rng, list(SENTENCES))
            extra.append(fill(rng, pick(rng, SENTENCES[aside]["problem" if kind == "low" else "good"]), agency_type))
        if rng.random() < 0.5 and len(sentences[0].split(". ")) + len(extra) < 5:
            extra.append(pick(rng, CLOSERS))  # at most five sentences, an opener counted
        separator = pick(rng, ("\n", "\n\n")) if rng.random() < LINE_BREAK_P else " "
        return kind, sentences[0] + separator + " ".join(extra)
    if rng.random() < 0.35:
        pool = second_pool if kind == "good" or rng.random() < 0.6 else ELABORATIONS
        sentences.append(fill(rng, pick(rng, pool), agency_type))
    elif rng.random() < 0.1:
        sentences.append(pick(rng, CLOSERS))
    return kind, " ".join(sentences)


def is_blank_like(text: str) -> bool:
    return text.strip() == "" or text in BLANK_LIKE


def make_comments(rng: np.random.Generator, responses: list[dict], items: dict[str, list[str]]) -> list[dict]:
    """Comment rows in wave, response and question order; a row for every answer given, blank-like ones too."""
    rows = []
    rank = {wave: i for i, wave in enumerate(waves_in_order(responses))}
    for resp in sorted(responses, key=lambda r: rank[r["wave"]]):  # stable: the file's order within a wave
        means = domain_means(resp, items)
        for q in range(len(QUESTIONS)):
            if rng.random() >= ANSWER_P[q]:
                continue
            if rng.random() < BLANK_P:
                kind, text = "blank", pick(rng, BLANK_LIKE)
            else:
                kind, text = compose(rng, q, means, resp["agency_type"])
                while q and rows and rows[-1]["response_id"] == resp["response_id"] and text[:40] in rows[-1]["text"]:
                    kind, text = compose(rng, q, means, resp["agency_type"])  # the same writer need not repeat
            rows.append(
                {
                    "wave": resp["wave"],
                    "response_id": resp["response_id"],
                    "question": QUESTIONS[q],
                    "text": text,
                    "unit": (resp["agency"], resp["unit"]),
                    "kind": kind,
                }
            )
    return rows


def waves_in_order(responses: list[dict]) -> list[str]:
    """Waves in the order they first appear in the response table (oldest first in the sample)."""
    return list(dict.fromkeys(r["wave"] for r in responses))


def commenters(rows: list[dict], wave: str) -> dict[tuple[str, str], int]:
    """Distinct respondents with at least one comment that is not blank-like, per (agency, unit)."""
    people = {(r["unit"], r["response_id"]) for r in rows if r["wave"] == wave and not is_blank_like(r["text"])}
    out: dict[tuple[str, str], int] = {}
    for unit, _ in people:
        out[unit] = out.get(unit, 0) + 1
    return out


def plant_details(rng: np.random.Generator, rows: list[dict], waves: list[str]) -> None:
    """Append each planted sentence to one complaint, waves in turn, each in a different unit of its wave, and only
    in units whose comments the page shows (so a new user sees the redaction)."""
    shown = {w: {u for u, n in commenters(rows, w).items() if n >= COMMENT_MIN} for w in waves}
    used: dict[str, set] = {w: set() for w in waves}
    for i, (_, sentence) in enumerate(PLANTED):
        wave = waves[i % len(waves)]
        candidates = [
            j
            for j, r in enumerate(rows)
            if r["wave"] == wave
            and r["kind"] == "low"
            and len(r["text"]) < 160  # a short comment, so the detail does not make it overlong
            and r["unit"] in shown[wave]
            and r["unit"] not in used[wave]
        ]
        j = candidates[int(rng.integers(len(candidates)))]
        used[wave].add(rows[j]["unit"])
        rows[j]["text"] += pick(rng, (" ", " ", "\n")) + sentence
        rows[j]["kind"] = "planted"


def check(rows: list[dict], responses: list[dict], waves: list[str]) -> None:
    """The promises of the module docstring, so a change to the sample cannot quietly break the page's demo."""
    latest = waves[-1]
    respondents: dict[tuple[str, str], int] = {}
    for r in responses:
        if r["wave"] == latest:
            key = (r["agency"], r["unit"])
            respondents[key] = respondents.get(key, 0) + 1
    counts = commenters(rows, latest)
    assert sum(n >= COMMENT_MIN for n in counts.values()) >= 3, counts
    assert any(n >= MIN_N and counts.get(u, 0) < COMMENT_MIN for u, n in respondents.items()), counts
    assert len({r["text"] for r in rows}) >= 150
    assert {r["text"] for r in rows if r["kind"] == "blank"} == set(BLANK_LIKE)
    planted = [r for r in rows if r["kind"] == "planted"]
    assert len(planted) == len(PLANTED) and {r["wave"] for r in planted} == set(waves)
    text = "\n".join(r["text"] for r in rows)
    for term in REDACTION_TERMS:
        assert re.search(r"\b" + re.escape(term) + r"\b", text, re.IGNORECASE), term
    assert re.search(r"\BAnn|Ann\B", text, re.IGNORECASE), "'Ann' should also occur inside a word"


def to_csv(rows: list[dict]) -> bytes:
    """UTF-8 CSV (no byte-order mark), quoted where needed so commas and line breaks inside a comment survive."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["wave", "response_id", "question", "text"])
    for r in rows:
        writer.writerow([r["wave"], r["response_id"], r["question"], r["text"]])
    return out.getvalue().encode("utf-8")


def main(out_dir: Path | str = HERE) -> None:
    """Generate comments.csv and redaction_terms.txt into out_dir, from the responses.xlsx beside this file."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    check_lexicon()
    responses = read_responses(RESPONSES)
    waves = waves_in_order(responses)
    rng = np.random.default_rng(SEED)
    rows = make_comments(rng, responses, domain_items())
    plant_details(rng, rows, waves)
    check(rows, responses, waves)
    (out_dir / "comments.csv").write_bytes(to_csv(rows))
    (out_dir / "redaction_terms.txt").write_bytes(("\n".join(REDACTION_TERMS) + "\n").encode("utf-8"))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else HERE)
