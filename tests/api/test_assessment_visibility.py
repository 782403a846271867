"""The API shows each person exactly the assessments the pages would: the same visible_to and
get_assessment_for_user. Outsiders get 404 on detail and never see others' items in lists."""

import pytest
from django.urls import reverse

from tests.api.conftest import ROLES, token_client

READERS = {"owner", "collaborator", "colleague", "org_admin", "named_mentor"}


@pytest.mark.parametrize("role", ROLES)
def test_detail_is_shown_to_readers_and_hidden_from_everyone_else(cast, role) -> None:
    api = token_client(getattr(cast, role))
    response = api.get(reverse("api:assessment-detail", args=[cast.assessment.pk]))
    if role in READERS:
        assert response.status_code == 200
        assert response.json()["title"] == "Smoking cessation in Tamworth"
    else:
        assert response.status_code == 404
        assert response.json() == {
            "detail": "Not found: it does not exist, or your account may not see it."
        }


@pytest.mark.parametrize("role", ROLES)
def test_the_list_holds_only_what_the_caller_may_read(cast, role) -> None:
    api = token_client(getattr(cast, role))
    listed = {item["id"] for item in api.get(reverse("api:assessment-list")).json()["items"]}
    expected = {cast.assessment.pk} if role in READERS else set()
    if role == "outsider":
        expected = {cast.outsiders_assessment.pk}
    assert listed == expected


def test_a_missing_assessment_looks_the_same_as_a_hidden_one(cast) -> None:
    api = token_client(cast.outsider)
    hidden = api.get(reverse("api:assessment-detail", args=[cast.assessment.pk]))
    missing = api.get(reverse("api:assessment-detail", args=[cast.assessment.pk + 1000]))
    assert (hidden.status_code, hidden.json()) == (missing.status_code, missing.json())


def test_a_mentor_who_loses_the_grant_loses_sight_through_the_api_too(cast) -> None:
    api = token_client(cast.named_mentor)
    cast.named_mentor.is_mentor = False
    cast.named_mentor.save()
    url = reverse("api:assessment-detail", args=[cast.assessment.pk])
    assert api.get(url).status_code == 404


def test_anonymous_callers_get_401_not_data(cast, client) -> None:
    for url in (
        reverse("api:assessment-list"),
        reverse("api:assessment-detail", args=[cast.assessment.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 401
        assert "items" not in response.json()
