"""Site admins see every organisation, person and invitation in /admin/ and give grants there."""

import pytest
from django.urls import reverse

from heathub.orgs import actions
from heathub.orgs.models import Role
from tests.factories import OrganisationFactory, UserFactory


@pytest.mark.parametrize(
    "name",
    [
        "admin:accounts_user_changelist",
        "admin:orgs_organisation_changelist",
        "admin:orgs_membership_changelist",
        "admin:orgs_invitation_changelist",
        "admin:orgs_system_changelist",
        "admin:frameworks_frameworkversion_changelist",
    ],
)
def test_site_admins_list_every_record(client, db, mailoutbox, name) -> None:
    trust = OrganisationFactory(name="Walsall Healthcare NHS Trust")
    admin = UserFactory(organisation=trust, role=Role.ORG_ADMIN, full_name="Grace Okafor")
    actions.invite(trust, email="priya.shah@nhs.net", role=Role.MEMBER, by=admin)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(reverse(name))

    assert response.status_code == 200
    html = response.content.decode()
    if "organisation" in name or "membership" in name or "invitation" in name:
        assert "Walsall Healthcare NHS Trust" in html


def test_a_site_admin_gives_the_mentor_grant(client, db) -> None:
    person = UserFactory(full_name="Sam Hughes")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:accounts_user_change", args=[person.pk])
    data = {
        "full_name": "Sam Hughes",
        "email": person.email,
        "job_title": person.job_title,
        "is_active": "on",
        "is_mentor": "on",
    }
    assert client.post(url, data).status_code == 302
    person.refresh_from_db()
    assert person.is_mentor
    assert not person.is_programme_lead


def test_people_who_are_not_site_admins_cannot_use_the_admin(client, db) -> None:
    trust = OrganisationFactory()
    client.force_login(UserFactory(organisation=trust, role=Role.ORG_ADMIN))
    response = client.get(reverse("admin:orgs_organisation_changelist"))
    assert response.status_code == 302


def test_a_site_admin_may_only_switch_whether_a_framework_version_is_offered(
    client, db, framework
) -> None:
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:frameworks_frameworkversion_change", args=[framework.pk])
    page = client.get(url).content.decode()
    assert 'name="active"' in page
    assert 'name="name"' not in page
    assert client.post(url, {"name": "Changed"}).status_code == 302
    framework.refresh_from_db()
    assert not framework.active
    assert framework.name == "HEAT (heathub paraphrase)"
