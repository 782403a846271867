"""Who may download an assessment, and the page that offers the downloads.

Anyone who may read the assessment may download it; everyone else gets 404 (existence stays
hidden); signed-out people are sent to sign in. The downloads and the page only read, so a POST
is refused (405). The same cast as test_page_access.py; these rows belong in the site's
permission matrix too.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from heathub.assessments.models import ReviewComment

ROLES = (
    "owner",
    "collaborator",
    "colleague",
    "org_admin",
    "mentor",
    "assigned_mentor",
    "programme_lead",
    "outsider",
    "anonymous",
)
READERS = (200, 200, 200, 200, 404, 200, 404, 404, 302)
READ_ONLY = (405, 405, 405, 405, 405, 405, 405, 405, 302)
EXPECTED = {
    "assessments:export": (READERS, READ_ONLY),
    "assessments:export-docx": (READERS, READ_ONLY),
    "assessments:export-pdf": (READERS, READ_ONLY),
}


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", EXPECTED)
def test_export_access(cast, name, method) -> None:
    url = reverse(name, args=[cast.assessment.pk])
    got = []
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(getattr(cast, role))
        got.append(getattr(client, method)(url).status_code)
    expected = EXPECTED[name][0 if method == "get" else 1]
    assert dict(zip(ROLES, got, strict=True)) == dict(zip(ROLES, expected, strict=True))


def test_every_export_url_is_in_the_table() -> None:
    from heathub.assessments import urls

    exports = {
        f"assessments:{p.name}"
        for p in urls.urlpatterns
        if p.name and p.callback.__module__ == "heathub.assessments.export_views"
    }
    assert exports == set(EXPECTED)


def test_an_outsider_cannot_download_with_comments_either(cast) -> None:
    client = Client()
    client.force_login(cast.outsider)
    for name in ("assessments:export-docx", "assessments:export-pdf"):
        url = reverse(name, args=[cast.assessment.pk]) + "?comments=yes"
        assert client.get(url).status_code == 404


def test_the_options_page_offers_both_formats(cast) -> None:
    client = Client()
    client.force_login(cast.owner)
    page = client.get(reverse("assessments:export", args=[cast.assessment.pk])).content.decode()
    docx_href = reverse("assessments:export-docx", args=[cast.assessment.pk])
    pdf_href = reverse("assessments:export-pdf", args=[cast.assessment.pk])

    assert "Download this assessment" in page
    assert f'formaction="{docx_href}"' in page
    assert f'formaction="{pdf_href}"' in page
    assert "There are no mentor comments on this assessment." in page
    assert 'name="comments"' not in page


def test_the_options_page_asks_about_mentor_comments_when_there_are_some(cast) -> None:
    review = cast.assessment.mentor_reviews.get()
    ReviewComment.objects.create(
        review=review, question_key="prepare.scope", author=cast.assigned_mentor, text="Clearer?"
    )
    client = Client()
    client.force_login(cast.owner)
    page = client.get(reverse("assessments:export", args=[cast.assessment.pk])).content.decode()

    assert "Include the mentor&#39;s comments?" in page or "Include the mentor's comments?" in page
    assert 'name="comments" type="radio" value="yes"' in page
    assert 'value="no" checked' in page
