"""The Word export, read back with python-docx: real headings, real tables, the sign-off."""

from __future__ import annotations

import io

import docx
import pytest
from django.test import Client
from django.urls import reverse

from heathub.assessments.export_document import build_assessment_document
from heathub.reports.assessment_document import NOT_ANSWERED
from heathub.reports.docx import DOCX_CONTENT_TYPE, assessment_docx
from tests.frameworks.fixtures import framework  # noqa: F401 (the bundled HEAT paraphrase)
from tests.reports import filled_assessment as filled


@pytest.fixture
def assessment(cast):
    return filled.fill(cast.assessment, mentor=cast.assigned_mentor)


def download(client: Client, user, assessment, query: str = "") -> docx.document.Document:
    client.force_login(user)
    url = reverse("assessments:export-docx", args=[assessment.pk]) + query
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_CONTENT_TYPE
    return docx.Document(io.BytesIO(response.content))


def headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def paragraph_after(document, text: str) -> str:
    paragraphs = document.paragraphs
    index = next(i for i, p in enumerate(paragraphs) if p.text == text)
    return paragraphs[index + 1].text


def test_headings_are_word_headings(client, cast, assessment) -> None:
    document = download(client, cast.owner, assessment)

    assert headings(document, 1) == ["Smoking cessation in Tamworth"]
    assert headings(document, 2) == [
        "Stage 1: Prepare",
        "Stage 2: Assess",
        "Stage 3: Refine and apply",
        "Stage 4: Review",
        "Population groups",
        "Actions",
        "Sign-off",
    ]
    prompts = [
        q.prompt for s in assessment.framework_version.stages.all() for q in s.questions.all()
    ]
    assert headings(document, 3) == prompts


def test_answers_follow_their_questions(client, cast, assessment) -> None:
    document = download(client, cast.owner, assessment)

    scope = assessment.framework_version.stages.get(key="prepare").questions.get(
        key="prepare.scope"
    )
    assert paragraph_after(document, scope.prompt) == filled.SCOPE
    drivers = assessment.framework_version.stages.get(key="assess").questions.get(
        key="assess.drivers"
    )
    assert paragraph_after(document, drivers.prompt) == filled.DRIVERS
    opportunities = assessment.framework_version.stages.get(key="refine").questions.get(
        key="refine.opportunities"
    )
    assert paragraph_after(document, opportunities.prompt) == NOT_ANSWERED


def test_title_block(client, cast, assessment) -> None:
    document = download(client, cast.owner, assessment)
    text = "\n".join(p.text for p in document.paragraphs[:16])

    assert "Organisation: Coventry Community Trust" in text
    assert "Status: Signed off" in text
    assert f"Framework version: {assessment.framework_version}" in text
    assert "Questions paraphrased from OHID's Health Equity Assessment Tool" in text
    assert "Generated on " in text
    assert "Example" not in text
    assert document.sections[0].header.paragraphs[0].text == "Smoking cessation in Tamworth"


def test_tables_have_a_header_row_and_the_values(client, cast, assessment) -> None:
    document = download(client, cast.owner, assessment)
    groups, actions = document.tables

    assert [c.text for c in groups.rows[0].cells] == [
        "Group",
        "How they are affected",
        "Evidence",
        "Confidence",
        "Expected effect",
    ]
    first = [c.text for c in groups.rows[1].cells]
    core20 = assessment.framework_version.population_groups.get(key="core20")
    assert first[0] == core20.label
    assert first[1].startswith("Access, Outcomes\nFewer quit attempts")
    assert "https://fingertips.phe.org.uk/profile/tobacco-control" in first[2]
    assert first[3] == "Medium"
    assert first[4].startswith("Narrow the gap")
    assert groups.rows[2].cells[0].text == "Age"

    assert [c.text for c in actions.rows[0].cells] == [
        "Action",
        "Owner",
        "Due date",
        "Status",
        "Groups",
    ]
    overdue = [c.text for c in actions.rows[1].cells]
    assert overdue[0] == filled.OVERDUE_ACTION
    assert overdue[1] == "Priya Shah"
    assert overdue[2] == "1 March 2026"
    assert overdue[3] == "In progress\nOverdue"
    done = [c.text for c in actions.rows[2].cells]
    assert done[1:4] == ["Tamworth pharmacy lead", "31 January 2027", "Done"]
    # the header row is marked as one (screen readers, repeated on each page)
    assert actions.rows[0]._tr.trPr.xpath("./w:tblHeader")


def test_sign_off_block(client, cast, assessment) -> None:
    document = download(client, cast.owner, assessment)
    paragraphs = [p.text for p in document.paragraphs]
    after = paragraphs[paragraphs.index("Sign-off") + 1 :]

    assert f"Senior sponsor: {filled.SPONSOR}" in after
    assert f"Role: {filled.SPONSOR_ROLE}" in after
    assert "Date of sign-off: 20 November 2026" in after
    assert "Review date: 20 May 2027" in after
    assert assessment.declaration in after


def test_mentor_comments_only_when_chosen(client, cast, assessment) -> None:
    without = download(client, cast.owner, assessment)
    assert not any(filled.COMMENT in p.text for p in without.paragraphs)

    with_comments = download(client, cast.owner, assessment, "?comments=yes")
    comment = next(p.text for p in with_comments.paragraphs if filled.COMMENT in p.text)
    assert comment.startswith("Mentor comment from Jo Patel, ")


def test_an_example_says_so_in_the_title_block(cast, assessment) -> None:
    assessment.organisation.is_example = True
    assessment.organisation.save()
    doc = build_assessment_document(assessment, include_comments=False, today=filled.TODAY)
    document = docx.Document(io.BytesIO(assessment_docx(doc)))

    assert document.paragraphs[0].text == "Example HEAT assessment"
    assert "example assessment" in document.paragraphs[2].text
    assert (
        document.sections[0].header.paragraphs[0].text == "Example: Smoking cessation in Tamworth"
    )


def test_filename_and_headers(client, cast, assessment) -> None:
    client.force_login(cast.colleague)
    response = client.get(reverse("assessments:export-docx", args=[assessment.pk]))

    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="smoking-cessation-in-tamworth-')
    assert disposition.endswith('.docx"')
    assert "no-store" in response["Cache-Control"]
