"""`read_export` on the two real SurveyMonkey exports: the header found under a row of question codes, the rows
Excel left blank removed, personal data dropped, and every question text kept (see ../shared/exports/PROVENANCE.md)."""

import pytest

from ingest import read_export

pytestmark = pytest.mark.real_exports


@pytest.fixture(scope="module")
def real(real_export):
    return real_export.name, read_export(real_export)


def test_real_export_has_222_responses_under_its_code_row(real):
    name, export = real
    frame = export.responses
    assert export.format == "surveymonkey"
    assert len(frame) == 222
    assert frame.index[0] == 4 and frame.index[-1] == 225  # codes row 1, header rows 2-3
    assert frame.index.is_unique
    assert "Removed 1 row above the header (row 1): a row of question codes." in export.notes
    assert "Removed 2 header rows (rows 2\u20133): question texts and answer labels." in export.notes
    if "text" in name:
        assert "Removed 688 blank rows." in export.notes
    else:
        assert not any("blank row" in note for note in export.notes)
    assert frame["Respondent ID"].iloc[0] == "114687260013"
    for personal in ("Email Address", "IP Address", "First Name", "Last Name"):
        assert not any(column.startswith(personal) for column in frame.columns)


def test_real_export_question_texts(real):
    name, export = real
    q = export.questions
    journey = "Where is your organization on its open source journey? (select all that apply)"
    assert q[f"{journey} - Using open source code in products or services"] == (
        f"{journey} - Using open source code in products or services"
    )
    activity = "How often does your organization do the following activities? (select one response per row)"
    assert q[f"{activity} - Contribute code upstream - Never"] == f"{activity} - Contribute code upstream - Never"
    assert q["Respondent ID"] == "Respondent ID" and q["language"] == "language"
    assert len(export.responses.columns) == 1071  # 1,072 less the empty last column
    value = export.responses.loc[4, f"{journey} - Using open source code in products or services"]
    assert value == ("Using open source code in products or services" if "text" in name else "1")
