"""Changing an assessment's details: title, owner and collaborators, each change in its history."""

from django.urls import reverse

from heathub.assessments.models import Collaborator


def test_an_editor_changes_the_title_and_the_collaborators(client, cast) -> None:
    a = cast.assessment
    client.force_login(cast.collaborator)
    response = client.post(
        reverse("assessments:details", args=[a.pk]),
        {
            "title": "Stop-smoking support in Tamworth and Lichfield",
            "subject": "service",
            "description": "",
            "owner": cast.owner.pk,
            "collaborators": [cast.colleague.pk],
        },
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.title == "Stop-smoking support in Tamworth and Lichfield"
    assert list(a.collaborators.all()) == [cast.colleague]
    assert a.history.first().history_change_reason == "Details changed"
    reasons = [h.history_change_reason for h in Collaborator.history.order_by("history_date")]
    assert reasons[-2:] == [
        "Tom Evans removed as a collaborator",
        "Ade Bello added as a collaborator",
    ]


def test_the_owner_must_be_an_editor_of_the_organisation(client, cast) -> None:
    a = cast.assessment
    client.force_login(cast.owner)
    response = client.post(
        reverse("assessments:details", args=[a.pk]),
        {"title": "T", "subject": "project", "owner": cast.colleague.pk},
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    a.refresh_from_db()
    assert a.owner == cast.owner
