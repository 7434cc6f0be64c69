"""Comments through `read_export` and `map_export`: open-ended columns found in every vendor layout (built here as
small real files), analyst overrides, blank answers, redaction, duplicates.

Expected values are worked out by hand from the rules in ingest/comments.py: a header that says "Open-Ended
Response", a Qualtrics Q<n>_TEXT tag or asks for comments in words; or, with no help from the header, answers of
which at least 80 % are text, at least 3, 20 characters long on average and at least half of them distinct.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd

from ingest import MappedWave, map_export, read_canonical_comments, read_export
from ingest.export import Export
from ingest.mapping import COMMENT, COMMENT_COLUMNS
from metrics import load_instrument

INSTRUMENT = load_instrument()
VIS2 = "Our priorities stay steady rather than shifting with each new request."
LEAD1 = "Office leaders give a clear direction for our work."
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def csv_bytes(rows: list[list[object]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(rows: list[list[object]], title: str = "Sheet1") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def mapped(data: bytes, filename: str, **options) -> MappedWave:
    return map_export(read_export(data, filename=filename), INSTRUMENT, **options)


def row_of(wave: MappedWave, column) -> dict:
    return wave.mapping.set_index("column").loc[column].to_dict()


def comment_rows(wave: MappedWave) -> list[tuple[str, str, str]]:
    return [tuple(row) for row in wave.comments[list(COMMENT_COLUMNS)].itertuples(index=False)]


def comment_claim(wave: MappedWave, column) -> tuple:
    match = row_of(wave, column)
    return match["target"], match["kind"], match["method"], match["confidence"], match["needs_review"]


def assert_comments_table(wave: MappedWave) -> None:
    comments = wave.comments
    assert list(comments.columns) == list(COMMENT_COLUMNS)
    assert all(str(comments[column].dtype) == "str" for column in COMMENT_COLUMNS)
    assert isinstance(comments.index, pd.RangeIndex) and comments.index.start == 0
    assert not comments.isna().any().any()


def everything(wave: MappedWave) -> str:
    """Every text a MappedWave holds, as one lower-case text: responses, mapping, problems, notes, comments,
    proposed value codes and redaction counts."""
    parts = [*wave.notes, repr(wave.proposed_value_codes), repr(wave.redactions), wave.problems_csv().decode()]
    for frame in (wave.responses, wave.mapping, wave.problems, wave.comments, wave.recode_table()):
        parts += [str(c) for c in frame.columns]
        parts += [str(v) for v in frame.astype(object).to_numpy().ravel()]
    return "\n".join(parts).casefold()


# --- Qualtrics ------------------------------------------------------------------------------------------------

QUALTRICS_TAGS = [
    "StartDate",
    "EndDate",
    "Status",
    "IPAddress",
    "Progress",
    "Duration (in seconds)",
    "Finished",
    "RecordedDate",
    "ResponseId",
    "DistributionChannel",
    "UserLanguage",
    "Q1",
    "Q1_4_TEXT",
    "Q3_1",
    "Q2_TEXT",
    "Q2 - Topics",
    "Q2 - Sentiment Polarity",
    "Q2 - Sentiment",
]
QUALTRICS_TEXTS = [
    "Start Date",
    "End Date",
    "Response Type",
    "IP Address",
    "Progress",
    "Duration (in seconds)",
    "Finished",
    "Recorded Date",
    "Response ID",
    "Distribution Channel",
    "User Language",
    "What is your role?",
    "What is your role? - Other - Text",
    f"How much do you agree? - {VIS2}",
    "What could the office do better?",
    "Q2 - Topics",
    "Q2 - Sentiment Polarity",
    "Q2 - Sentiment",
]


def qualtrics_row(status: str, rid: str, role: str, other: str, vis2: str, text: str, topics: str, polarity: str):
    sentiment = "" if not polarity else "Negative" if polarity.startswith("-") else "Positive"
    meta = ["2024-05-01 09:00:00", "2024-05-01 09:05:00", status, "203.0.113.7", "100", "300", "True"]
    return [*meta, "2024-05-01 09:05:01", rid, "anonymous", "EN", role, other, vis2, text, topics, polarity, sentiment]


def qualtrics_csv() -> bytes:
    ids = [json.dumps({"ImportId": tag.replace(" ", "")}) for tag in QUALTRICS_TAGS]
    rows = [
        QUALTRICS_TAGS,
        QUALTRICS_TEXTS,
        ids,
        qualtrics_row(
            "IP Address",
            "R_1",
            "Staff",
            "",
            "Agree",
            "Fewer meetings, please.\nMore time to plan.",
            "Meetings, Planning time, Workload",
            "-1.2",
        ),
        qualtrics_row(
            "IP Address",
            "R_2",
            "Other",
            "Contractor on the early literacy data project",
            "Strongly agree",
            "N/A",
            "",
            "",
        ),
        qualtrics_row("Survey Preview", "R_3", "Staff", "", "Agree", "Preview text is never kept", "Preview", "0.1"),
        qualtrics_row(
            "IP Address",
            "R_4",
            "Other",
            "Part-time consultant for the grants team",
            "Disagree",
            "More coaching for new staff members",
            "Onboarding, Coaching and mentoring",
            "0.8",
        ),
        qualtrics_row(
            "IP Address",
            "R_5",
            "Other",
            "Seasonal temporary staff for summer programs",
            "Neither agree nor disagree",
            "  Clearer priorities from leadership  ",
            "Leadership, Priorities and direction",
            "0.3",
        ),
        qualtrics_row("IP Address", "R_6", "Staff", "", "Agree", "", "", ""),
    ]
    return csv_bytes(rows)


def test_qualtrics_text_entry_tag_is_a_comment_column_and_other_text_and_text_iq_are_not():
    wave = mapped(qualtrics_csv(), "qualtrics.csv")
    assert comment_claim(wave, "Q2_TEXT") == (COMMENT, COMMENT, "open-ended", 1.0, False)
    # Q1_4_TEXT holds three long, distinct texts (the values rule alone would take it), but it is a choice's
    # "other" text; the Text iQ topics are analysis, not answers.
    for column in ("Q1_4_TEXT", "Q2 - Topics", "Q2 - Sentiment Polarity", "Q2 - Sentiment"):
        assert row_of(wave, column)["kind"] == "ignored", column
    question = "What could the office do better?"
    # R_2 answered "N/A" (not kept, counted), R_3 is a preview (removed on reading), R_6 left it empty.
    assert comment_rows(wave) == [
        ("R_1", question, "Fewer meetings, please.\nMore time to plan."),
        ("R_4", question, "More coaching for new staff members"),
        ("R_5", question, "Clearer priorities from leadership"),
    ]
    assert_comments_table(wave)
    assert "3 comments were kept from 1 comment column." in wave.notes
    assert "1 blank or 'n/a' answer was not kept as a comment." in wave.notes
    assert not any("personal detail" in note for note in wave.notes) and wave.redactions == {}
    # the item still maps, and no comment column reaches the responses or the problems
    assert wave.responses["VIS2"].tolist() == [4.0, 5.0, 2.0, 3.0, 4.0]
    assert "Q2_TEXT" not in wave.responses.columns and "comment" not in wave.responses.columns
    assert "Q2_TEXT" not in set(wave.problems["column"])
    assert "preview text" not in everything(wave)


# --- SurveyMonkey ---------------------------------------------------------------------------------------------


def surveymonkey_csv() -> bytes:
    heads = [
        "Respondent ID",
        "Collector ID",
        "Start Date",
        "End Date",
        "IP Address",
        "Which unit do you work in?",
        "How much do you agree with each statement?",
        "",
        "What could the office do better?",
        "Anything else?",
        "Which supports do you use? (select all)",
        "",
        "",
    ]
    labels = ["", "", "", "", "", "Response", VIS2, LEAD1, "Open-Ended Response", "Open-Ended Response"]
    labels += ["Coaching", "Mentoring", "Other (please specify)"]
    meta = ["432674090", "09/12/2024 04:15:29 PM", "09/12/2024 04:20:25 PM", "203.0.113.7"]
    rows = [
        heads,
        labels,
        ["1001", *meta, "Unit A", "Agree", "Strongly agree", "Onboarding takes far too long for new staff.", ""]
        + ["Coaching", "", "A weekly peer circle with other new staff"],
        ["1002", *meta, "Unit B", "Disagree", "Agree", "none", "", "", "Mentoring"]
        + ["Reading group organised by the literacy team"],
        ["1003", *meta, "Unit A", "Agree", "Disagree", "Too many sign-offs before a grant can go out", ""]
        + ["Coaching", "", "Shadowing a colleague in another division"],
    ]
    return csv_bytes(rows)


def test_surveymonkey_open_ended_response_columns_even_an_unanswered_one():
    wave = mapped(surveymonkey_csv(), "surveymonkey.csv")
    better = "What could the office do better? - Open-Ended Response"
    anything = "Anything else? - Open-Ended Response"
    other = "Which supports do you use? (select all) - Other (please specify)"
    assert comment_claim(wave, better) == (COMMENT, COMMENT, "open-ended", 1.0, False)
    assert comment_claim(wave, anything) == (COMMENT, COMMENT, "open-ended", 1.0, False)  # every cell blank
    # three long distinct answers, but "Other (please specify)" is never a comment column by itself
    assert row_of(wave, other)["kind"] == "ignored"
    question = "What could the office do better?"
    assert comment_rows(wave) == [
        ("1001", question, "Onboarding takes far too long for new staff."),
        ("1003", question, "Too many sign-offs before a grant can go out"),
    ]
    assert "2 comments were kept from 2 comment columns." in wave.notes
    assert "1 blank or 'n/a' answer was not kept as a comment." in wave.notes
    assert wave.responses["VIS2"].tolist() == [4.0, 2.0, 4.0]
    assert wave.responses["LEAD1"].tolist() == [5.0, 4.0, 2.0]


def test_two_comment_columns_sharing_a_question_are_told_apart_by_their_column():
    # The committed SurveyMonkey fixture repeats the "Comments" question (row 4 and row 5 answer one each).
    wave = map_export(read_export(FIXTURES / "surveymonkey.csv"), INSTRUMENT)
    first, second = "Comments - Open-Ended Response", "Comments - Open-Ended Response (2)"
    assert comment_claim(wave, first)[:3] == comment_claim(wave, second)[:3] == (COMMENT, COMMENT, "open-ended")
    assert comment_rows(wave) == [
        ("114687260013", f"Comments ({first})", "Good year, overall."),
        ("114687260014", f"Comments ({second})", "Too many meetings"),
    ]


# --- Google Forms ---------------------------------------------------------------------------------------------


def google_forms_csv() -> bytes:
    header = [
        "Timestamp",
        "Email Address",
        "Which unit do you work in?",
        f"How much do you agree? [{VIS2}]",
        "What gets in the way of your best work?",
        "Which supports have you used?",
    ]
    answers = [
        # (unit, VIS2, paragraph answer, supports)
        ("Unit A", "Agree", "Waiting weeks for data requests to come back.", "Coaching, mentoring"),
        ("Unit B", "Disagree", "Approvals\nthat sit on one desk for a month", "Peer circles (weekly, online)"),
        ("Unit A", "Agree", "n/a", "Coaching, mentoring"),
        ("Unit B", "Strongly agree", "", ""),
        ("Unit A", "Agree", "12", "Mentoring"),
        ("Unit B", "Neither agree nor disagree", "Shifting deadlines from the state board", "Coaching"),
        ("Unit A", "Agree", "Too many meetings about meetings", "Coaching"),
    ]
    rows = [header]
    for k, (unit, vis2, text, supports) in enumerate(answers):
        rows.append([f"8/{21 + k}/2019 13:10:31", f"person{k}@example.org", unit, vis2, text, supports])
    return csv_bytes(rows)


def test_google_forms_paragraph_question_found_by_its_values():
    wave = mapped(google_forms_csv(), "responses.csv")
    question = "What gets in the way of your best work?"
    # Answers that are not blank or n/a: 5 (rows 2, 3, 6, 7, 8); "12" is a number, so 4 of 5 are text = 0.8.
    # Lengths 45 + 42 + 2 + 39 + 32 = 160, mean 32 >= 20; 5 of 5 distinct.
    assert comment_claim(wave, question) == (COMMENT, COMMENT, "values", 0.8, False)
    # "Which supports have you used?": 6 answers, 4 distinct, but mean length (19+29+19+9+8+8)/6 = 15.3 < 20.
    assert row_of(wave, "Which supports have you used?")["kind"] == "ignored"
    assert comment_rows(wave) == [
        ("row-2", question, "Waiting weeks for data requests to come back."),
        ("row-3", question, "Approvals\nthat sit on one desk for a month"),
        ("row-6", question, "12"),
        ("row-7", question, "Shifting deadlines from the state board"),
        ("row-8", question, "Too many meetings about meetings"),
    ]
    assert "5 comments were kept from 1 comment column." in wave.notes
    assert "1 blank or 'n/a' answer was not kept as a comment." in wave.notes
    assert wave.responses["unit"].tolist()[:2] == ["Unit A", "Unit B"]
    assert "example.org" not in everything(wave)  # the e-mail column was dropped on reading


# --- Microsoft Forms ------------------------------------------------------------------------------------------


def ms_forms_xlsx() -> bytes:
    question = "What gets in the way of your best work?"
    header = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time"]
    header += ["Which unit do you work in?", LEAD1, question, f"Feedback - {question}"]
    answers = [
        ("The shared drive is a maze; nobody can find the latest version.", "Thanks for the detail about the drive"),
        ("Handoffs between units are slow", "Good point about handoffs between units"),
        (None, None),
        ("Unclear who signs off on budget changes", "We will look at the budget sign-off process"),
    ]
    rows = [header]
    for k, (text, feedback) in enumerate(answers, start=1):
        start = dt.datetime(2024, 4, k, 9, 0, 0)
        rows.append([k, start, start + dt.timedelta(minutes=5), "anonymous", None, None, "Unit A", "Agree"])
        rows[-1] += [text, feedback]
    return xlsx_bytes(rows, "Form1")


def test_microsoft_forms_long_text_column_found_by_its_values():
    wave = mapped(ms_forms_xlsx(), "form.xlsx")
    question = "What gets in the way of your best work?"
    # 3 answers, all text, lengths 63 + 31 + 39: mean 44.3; 3 distinct.
    assert comment_claim(wave, question) == (COMMENT, COMMENT, "values", 1.0, False)
    assert row_of(wave, f"Feedback - {question}")["kind"] == "ignored"  # a quiz's feedback, never automatic
    assert comment_rows(wave) == [
        ("1", question, "The shared drive is a maze; nobody can find the latest version."),
        ("2", question, "Handoffs between units are slow"),
        ("4", question, "Unclear who signs off on budget changes"),
    ]
    assert "3 comments were kept from 1 comment column." in wave.notes
    assert not any("'n/a'" in note for note in wave.notes)  # an empty cell is no answer
    assert wave.responses["LEAD1"].tolist() == [4.0] * 4


# --- plain workbook -------------------------------------------------------------------------------------------

RECOMMEND = "Would you recommend working here? Why or why not?"
JOINED = "Why did you join the office?"


def plain_xlsx() -> bytes:
    rows = [
        ["response_id", "unit", "VIS2", "LEAD1", "Comments", RECOMMEND, JOINED],
        ["r1", "Unit A", 4, 5, "Good year", "Yes, the team is kind", "Mission"],
        ["r2", "Unit B", 2, 3, None, None, "Pay"],
        ["r3", "Unit A", 5, 4, "More staff!", "Not yet", "Mission"],
        ["r4", "Unit B", 3, 3, "none", None, "Pay"],
        ["r5", "Unit A", 4, 4, "  Keep the Friday huddles  ", None, "Mission"],
    ]
    return xlsx_bytes(rows, "Responses")


def test_plain_workbook_comments_column_by_its_header():
    wave = mapped(plain_xlsx(), "plain.xlsx")
    # "Comments": short answers (the values rule would not take them), but the header asks for comments.
    assert comment_claim(wave, "Comments") == (COMMENT, COMMENT, "open-ended", 1.0, False)
    assert comment_claim(wave, RECOMMEND) == (COMMENT, COMMENT, "open-ended", 1.0, False)
    # "Why ...?" answered with 5 repeats of 2 choices (2/5 = 0.4 distinct < 0.5): a choice question, not comments.
    assert row_of(wave, JOINED)["kind"] == "ignored"
    # by file row, then column order
    assert comment_rows(wave) == [
        ("r1", "Comments", "Good year"),
        ("r1", RECOMMEND, "Yes, the team is kind"),
        ("r3", "Comments", "More staff!"),
        ("r3", RECOMMEND, "Not yet"),
        ("r5", "Comments", "Keep the Friday huddles"),
    ]
    assert "5 comments were kept from 2 comment columns." in wave.notes
    assert "1 blank or 'n/a' answer was not kept as a comment." in wave.notes
    assert wave.responses["VIS2"].tolist() == [4.0, 2.0, 5.0, 3.0, 4.0]
    assert list(wave.responses.columns[:3]) == ["response_id", "wave", "unit"]


def test_an_analyst_maps_another_column_to_comment_and_unmaps_one():
    wave = mapped(plain_xlsx(), "plain.xlsx", mapping={JOINED: "Comment", "Comments": ""})
    assert comment_claim(wave, JOINED) == (COMMENT, COMMENT, "analyst", 1.0, False)
    assert (row_of(wave, "Comments")["kind"], row_of(wave, "Comments")["method"]) == ("ignored", "analyst")
    assert comment_claim(wave, RECOMMEND)[:3] == (COMMENT, COMMENT, "open-ended")  # still automatic
    assert comment_rows(wave) == [
        ("r1", RECOMMEND, "Yes, the team is kind"),
        ("r1", JOINED, "Mission"),
        ("r2", JOINED, "Pay"),
        ("r3", RECOMMEND, "Not yet"),
        ("r3", JOINED, "Mission"),
        ("r4", JOINED, "Pay"),
        ("r5", JOINED, "Mission"),
    ]
    assert "7 comments were kept from 2 comment columns." in wave.notes
    assert not any("'n/a'" in note for note in wave.notes)  # "none" was in the column now ignored
    assert "good year" not in everything(wave)


def test_an_analyst_may_send_any_number_of_columns_to_comment():
    data = Export("plain", pd.DataFrame({"a": ["one"], "b": ["two"], "c": ["x"]}, index=[2]), {})
    wave = map_export(data, INSTRUMENT, {"a": "comment", "b": "comment", "c": "comment"})
    assert wave.mapping["kind"].tolist() == [COMMENT] * 3
    assert comment_rows(wave) == [("row-2", "a", "one"), ("row-2", "b", "two")]  # "x" is a no-comment answer
    assert "2 comments were kept from 3 comment columns." in wave.notes


def test_an_item_or_attribute_match_keeps_priority_over_comments():
    # "Comments" in the header of an item's text or the attribute "unit" would not make them comment columns.
    frame = pd.DataFrame(
        {"Division": ["Unit A, north office", "Unit B, south office", "Unit C, the main building"], "VIS2": [1, 2, 3]}
    )
    frame.index = [2, 3, 4]
    wave = map_export(Export("plain", frame, {"VIS2": f"Any comments? - {VIS2}"}), INSTRUMENT)
    assert row_of(wave, "Division")["target"] == "unit" and row_of(wave, "VIS2")["target"] == "VIS2"
    assert wave.comments.empty and not any("comment column" in note for note in wave.notes)


def test_no_comment_columns_gives_an_empty_comments_table():
    wave = map_export(Export("plain", pd.DataFrame({"VIS1": [4, 5]}, index=[2, 3]), {}), INSTRUMENT)
    assert wave.comments.empty and wave.redactions == {}
    assert_comments_table(wave)
    assert not any("comment" in note for note in wave.notes)
    default = MappedWave(wave.responses, wave.mapping, wave.problems)
    assert list(default.comments.columns) == list(COMMENT_COLUMNS) and default.redactions == {}


def test_numbers_in_a_comment_column_read_as_a_person_wrote_them():
    frame = pd.DataFrame({"Comments": [3.0, 2.5, np.nan, 12.0]}, index=[2, 3, 4, 5])
    wave = map_export(Export("plain", frame, {}), INSTRUMENT, mapping={"Comments": "comment"})
    assert [text for _, _, text in comment_rows(wave)] == ["3", "2.5", "12"]


# --- redaction ------------------------------------------------------------------------------------------------


def test_personal_details_are_redacted_and_the_text_as_written_is_kept_nowhere():
    rows = [
        ["response_id", "VIS2", "Comments"],
        ["r1", "Agree", "Ask Jane Okafor (jane.okafor@ed.state.us) about it."],
        ["r2", "Disagree", "Call (609) 555-0142 or see okaforconsulting.com/about."],
        ["r3", "Agree", "OKAFOR's team is great; nothing else."],
        ["r4", "Agree", "n/a"],
    ]
    wave = mapped(csv_bytes(rows), "comments.csv", redact_terms=["Okafor", "Jane Okafor", " "])
    assert comment_rows(wave) == [
        ("r1", "Comments", "Ask [name removed] ([e-mail removed]) about it."),
        ("r2", "Comments", "Call [phone removed] or see [web address removed]."),
        ("r3", "Comments", "[name removed]'s team is great; nothing else."),
    ]
    assert wave.redactions == {"term": 2, "email": 1, "phone": 1, "url": 1}
    assert (
        "5 personal details were removed from comments before saving "
        "(1 e-mail address, 1 web address, 1 phone number, 2 listed names)."
    ) in wave.notes
    assert "3 comments were kept from 1 comment column." in wave.notes
    assert "1 blank or 'n/a' answer was not kept as a comment." in wave.notes
    text = everything(wave)
    for raw in ("jane", "okafor", "ed.state.us", "555-0142", "(609)", "consulting.com"):
        assert raw not in text, raw


def test_without_redact_terms_names_stay_but_addresses_and_phones_go():
    rows = [["response_id", "Comments"], ["r1", "Okafor said to call 555-123-4567"]]
    wave = mapped(csv_bytes(rows), "comments.csv")
    assert comment_rows(wave) == [("r1", "Comments", "Okafor said to call [phone removed]")]
    assert "1 personal detail was removed from comments before saving (1 phone number)." in wave.notes


# --- duplicate response ids -----------------------------------------------------------------------------------


def test_a_dropped_duplicate_row_takes_its_comments_with_it():
    rows = [
        ["response_id", "VIS2", "Comments"],
        ["r1", "Agree", "First answer"],
        ["r2", "Agree", ""],
        ["r1", "Disagree", "This duplicate row should vanish"],
        ["r3", "Agree", "Third answer"],
    ]
    wave = mapped(csv_bytes(rows), "comments.csv")
    assert comment_rows(wave) == [("r1", "Comments", "First answer"), ("r3", "Comments", "Third answer")]
    assert wave.problems[["row", "value"]].values.tolist() == [[4, "r1"]]
    assert wave.responses["response_id"].tolist() == ["r1", "r2", "r3"]
    assert "2 comments were kept from 1 comment column." in wave.notes
    assert "vanish" not in everything(wave)


def test_a_canonical_comments_file_is_kept_redacted_with_counts_per_wave(tmp_path) -> None:
    """Three raw comments of one wave and one of another: the blank one is left out, the e-mail and the listed
    name are replaced, and each wave's notes count what happened (1 + 1 details in 2024, none in 2025)."""
    path = tmp_path / "comments.csv"
    path.write_text(
        "wave,response_id,question,text\n"
        '2024,r1,Q,"Ask Dana Whitfield, or write to d.w@agency.example.org."\n'
        "2024,r2,Q,n/a\n"
        "2024,r3,Q,  More time for planning.  \n"
        "2025,r9,Q,Fine.\n",
        encoding="utf-8",
    )
    comments, notes = read_canonical_comments(path, ["Dana Whitfield"])
    assert comments.to_dict("records") == [
        {
            "wave": "2024",
            "response_id": "r1",
            "question": "Q",
            "text": "Ask [name removed], or write to [e-mail removed].",
        },
        {"wave": "2024", "response_id": "r3", "question": "Q", "text": "More time for planning."},
        {"wave": "2025", "response_id": "r9", "question": "Q", "text": "Fine."},
    ]
    assert notes["2024"] == [
        "Comments kept: 2; blank or 'n/a' answers left out: 1.",
        "2 personal details were removed from comments before saving (1 e-mail address, 1 listed name).",
    ]
    assert notes["2025"] == ["Comments kept: 1; blank or 'n/a' answers left out: 0."]
