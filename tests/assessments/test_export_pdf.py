"""The PDF export, read back with pypdf: the title, every stage, answers, groups, actions,
sign-off, the running header and page numbers."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from heathub.assessments.export_document import build_assessment_document
from heathub.reports.pdf import PDF_CONTENT_TYPE, assessment_pdf
from tests.frameworks.fixtures import framework  # noqa: F401 (the bundled HEAT paraphrase)
from tests.reports import filled_assessment as filled


@pytest.fixture
def assessment(cast):
    return filled.fill(cast.assessment, mentor=cast.assigned_mentor)


def download(client: Client, user, assessment, query: str = "") -> PdfReader:
    client.force_login(user)
    response = client.get(reverse("assessments:export-pdf", args=[assessment.pk]) + query)
    assert response.status_code == 200
    assert response["Content-Type"] == PDF_CONTENT_TYPE
    if keep := os.environ.get("HEATHUB_KEEP_PDF"):  # to look at it: pdftoppm -png -r 60 FILE
        Path(keep).write_bytes(response.content)
    return PdfReader(io.BytesIO(response.content))


def text_of(reader: PdfReader) -> str:
    """The whole text, with line breaks and runs of spaces made single spaces."""
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_the_pdf_has_the_whole_assessment(client, cast, assessment) -> None:
    reader = download(client, cast.collaborator, assessment)
    text = text_of(reader)

    assert "Smoking cessation in Tamworth" in text
    assert "Coventry Community Trust" in text
    assert "Signed off" in text
    assert "Questions paraphrased from OHID's Health Equity Assessment Tool" in text
    for heading in ("Stage 1: Prepare", "Stage 2: Assess", "Stage 3: Refine and apply"):
        assert heading in text
    assert "Stage 4: Review" in text
    assert filled.DRIVERS in text
    assert "Not answered" in text
    assert "Population groups" in text
    assert "Fewer quit attempts supported by the service" in text
    assert filled.OVERDUE_ACTION in text
    assert "In progress Overdue" in text
    assert "1 March 2026" in text
    assert filled.SPONSOR in text
    assert filled.SPONSOR_ROLE in text
    assert "20 November 2026" in text
    assert "has agreed this assessment and its action plan" in text
    assert re.search(r"Generated on \d{1,2} [A-Z][a-z]+ \d{4}", text)


def test_every_page_has_the_title_and_its_number(client, cast, assessment) -> None:
    reader = download(client, cast.owner, assessment)
    pages = len(reader.pages)

    assert 3 <= pages <= 8  # the bundled framework's 19 questions, two groups, two actions
    for number, page in enumerate(reader.pages, start=1):
        page_text = page.extract_text()
        assert f"Page {number} of {pages}" in page_text
        assert "Smoking cessation in Tamworth" in page_text
    assert reader.metadata is not None
    assert reader.metadata.title == "Smoking cessation in Tamworth"


def test_headings_are_the_pdf_outline(client, cast, assessment) -> None:
    reader = download(client, cast.owner, assessment)
    titles = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    assert titles[:2] == ["Smoking cessation in Tamworth", "Stage 1: Prepare"]
    assert "Sign-off" in titles


def test_mentor_comments_only_when_chosen(client, cast, assessment) -> None:
    assert filled.COMMENT not in text_of(download(client, cast.owner, assessment))

    text = text_of(download(client, cast.owner, assessment, "?comments=yes"))
    assert "Mentor comments" in text
    assert filled.COMMENT in text


def test_user_text_is_printed_as_text_not_markup(cast, assessment) -> None:
    assessment.title = 'Clinics <b>for</b> "shift" workers & <img src="http://127.0.0.1:9/x.png">'
    assessment.save()
    doc = build_assessment_document(assessment, include_comments=False, today=filled.TODAY)
    text = text_of(PdfReader(io.BytesIO(assessment_pdf(doc))))

    assert 'Clinics <b>for</b> "shift" workers & <img src="http://127.0.0.1:9/x.png">' in text


def test_an_example_says_so(cast, assessment) -> None:
    assessment.organisation.is_example = True
    assessment.organisation.save()
    doc = build_assessment_document(assessment, include_comments=False, today=filled.TODAY)
    reader = PdfReader(io.BytesIO(assessment_pdf(doc)))

    first_page = reader.pages[0].extract_text()
    assert "EXAMPLE HEAT ASSESSMENT" in first_page  # the kicker is printed in capitals
    assert "This is an example assessment" in first_page
    assert "Example: Smoking cessation in Tamworth" in reader.pages[-1].extract_text()


def test_filename(client, cast, assessment) -> None:
    client.force_login(cast.assigned_mentor)
    response = client.get(reverse("assessments:export-pdf", args=[assessment.pk]))

    assert re.fullmatch(
        r'attachment; filename="smoking-cessation-in-tamworth-\d{4}-\d\d-\d\d\.pdf"',
        response["Content-Disposition"],
    )
