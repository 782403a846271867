"""GET /api/organisations (the caller's organisations, with their role) and
/api/organisations/{id} (404 unless a member), through orgs.access.get_organisation_for_user."""

import pytest
from django.urls import reverse

from heathub.orgs.models import OrganisationType
from tests.api.conftest import ROLES, token_client
from tests.factories import SystemFactory

MEMBERS = {"owner", "collaborator", "colleague", "org_admin"}


def test_the_list_gives_each_organisation_with_the_callers_role(cast) -> None:
    cast.organisation.systems.add(SystemFactory())
    body = token_client(cast.org_admin).get(reverse("api:organisation-list")).json()
    assert body == [
        {
            "id": cast.organisation.pk,
            "name": "NHS Coventry and Warwickshire Integrated Care Board",
            "type": cast.organisation.type,
            "type_label": OrganisationType(cast.organisation.type).label,
            "ods_code": cast.organisation.ods_code,
            "ons_code": cast.organisation.ons_code,
            "is_example": False,
            "requires_mentor_review": False,
            "systems": [
                {
                    "id": cast.organisation.systems.get().pk,
                    "name": "Coventry and Warwickshire",
                    "ons_code": "E54000018",
                    "region": "Midlands",
                }
            ],
            "your_role": "org_admin",
        }
    ]


@pytest.mark.parametrize("role", ROLES)
def test_each_person_lists_only_their_own_organisations(cast, role) -> None:
    person = getattr(cast, role)
    body = token_client(person).get(reverse("api:organisation-list")).json()
    expected = {m.organisation_id for m in person.memberships.all()}
    assert {org["id"] for org in body} == expected
    assert (cast.organisation.pk in expected) is (role in MEMBERS)


@pytest.mark.parametrize("role", ROLES)
def test_detail_is_for_members_only(cast, role) -> None:
    api = token_client(getattr(cast, role))
    response = api.get(reverse("api:organisation-detail", args=[cast.organisation.pk]))
    if role in MEMBERS:
        assert response.status_code == 200
        assert response.json()["name"] == cast.organisation.name
        assert response.json()["your_role"] == getattr(cast, role).memberships.get().role
    else:
        assert response.status_code == 404
        assert "may not see it" in response.json()["detail"]


def test_detail_needs_a_token(cast, client) -> None:
    url = reverse("api:organisation-detail", args=[cast.organisation.pk])
    assert client.get(url).status_code == 401
