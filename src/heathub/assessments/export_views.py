"""Downloads of an assessment as Word and PDF, and the page that offers them.

Anyone who may read the assessment may download it (get_assessment_for_user: 404 for everyone
else). Mentor comments are left out unless the person downloading asks for them
(`?comments=yes`, from the options page), so a board paper does not carry review notes by
accident.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from heathub.accounts.signed_in import SignedInRequest
from heathub.assessments import presenters
from heathub.assessments.access import get_assessment_for_user
from heathub.assessments.export_document import build_assessment_document, download_filename
from heathub.assessments.models import Assessment, ReviewComment
from heathub.reports.docx import DOCX_CONTENT_TYPE, assessment_docx
from heathub.reports.downloads import attachment

COMMENTS_PARAM = "comments"
COMMENT_CHOICES = (("no", "No, leave them out"), ("yes", "Yes, include mentor comments"))


def include_comments(request: SignedInRequest) -> bool:
    return request.GET.get(COMMENTS_PARAM) == "yes"


@login_required
@require_GET
def export_options(request: SignedInRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    has_comments = ReviewComment.objects.filter(review__assessment=assessment).exists()
    chosen = "yes" if include_comments(request) else "no"
    context = {
        "assessment": assessment,
        "summary": presenters.AssessmentSummary(assessment),
        "has_comments": has_comments,
        "comment_items": [
            {"value": value, "text": text, "checked": value == chosen}
            for value, text in COMMENT_CHOICES
        ],
        "docx_href": reverse("assessments:export-docx", args=[assessment.pk]),
        "pdf_href": reverse("assessments:export-pdf", args=[assessment.pk]),
        "page_title": f"Download {assessment.title}",
        "back_link": {
            "href": reverse("assessments:task-list", args=[assessment.pk]),
            "text": "Back to the assessment",
        },
    }
    return render(request, "assessments/export.jinja", context)


@login_required
@require_GET
def export_docx(request: SignedInRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    return _download(request, assessment, "docx")


@login_required
@require_GET
def export_pdf(request: SignedInRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    return _download(request, assessment, "pdf")


def _download(request: SignedInRequest, assessment: Assessment, extension: str) -> HttpResponse:
    today = timezone.localdate()
    document = build_assessment_document(
        assessment, include_comments=include_comments(request), today=today
    )
    if extension == "pdf":
        # WeasyPrint takes most of a second to import (Pango through cffi): load it with the
        # first PDF, not when every process starts.
        from heathub.reports.pdf import PDF_CONTENT_TYPE, assessment_pdf

        content, content_type = assessment_pdf(document), PDF_CONTENT_TYPE
    else:
        content, content_type = assessment_docx(document), DOCX_CONTENT_TYPE
    filename = download_filename(assessment, today, extension)
    return attachment(content, filename=filename, content_type=content_type)
