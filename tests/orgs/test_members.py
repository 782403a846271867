"""Org admins change members' roles and remove members, but never the last org admin; every change
is in the history with who made it and why."""

import pytest
from django.urls import reverse

from heathub.orgs.models import Membership, OrganisationType, Role
from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture
def council(db):
    return OrganisationFactory(
        name="Nottingham City Council", type=OrganisationType.LOCAL_AUTHORITY
    )


@pytest.fixture
def admin(council):
    return UserFactory(organisation=council, role=Role.ORG_ADMIN, full_name="Grace Okafor")


@pytest.fixture
def tom(council):
    return UserFactory(organisation=council, role=Role.MEMBER, full_name="Tom Evans")


def membership(user, organisation) -> Membership:
    return Membership.objects.get(user=user, organisation=organisation)


def role_url(organisation, user) -> str:
    return reverse("orgs:change-role", args=[organisation.pk, membership(user, organisation).pk])


def remove_url(organisation, user) -> str:
    return reverse("orgs:remove-member", args=[organisation.pk, membership(user, organisation).pk])


def test_an_org_admin_changes_a_role_and_the_history_says_who_and_why(
    client, council, admin, tom
) -> None:
    client.force_login(admin)
    form = client.get(role_url(council, tom)).content.decode()
    assert "Role of Tom Evans in Nottingham City Council" in form
    assert 'value="member" checked' in form

    page = client.post(role_url(council, tom), {"role": "editor"}, follow=True).content.decode()

    assert "Tom Evans is now editor" in page
    assert membership(tom, council).role == Role.EDITOR
    latest = membership(tom, council).history.first()
    assert latest.history_change_reason == "Role changed from member to editor by Grace Okafor"
    assert latest.history_user == admin


def test_the_last_org_admin_cannot_be_demoted_or_removed(client, council, admin, tom) -> None:
    client.force_login(admin)

    demoted = client.post(role_url(council, admin), {"role": "member"})
    html = demoted.content.decode()
    assert demoted.status_code == 400
    assert "There is a problem" in html
    assert "Grace Okafor is the only organisation admin of Nottingham City Council." in html
    assert 'href="#id_role"' in html
    assert 'value="member" checked' in html  # what they chose is kept

    removed = client.post(remove_url(council, admin))
    assert removed.status_code == 400
    assert "Make someone else an organisation admin first" in removed.content.decode()
    assert membership(admin, council).role == Role.ORG_ADMIN


def test_with_a_second_org_admin_the_first_may_step_down(client, council, admin, tom) -> None:
    client.force_login(admin)
    client.post(role_url(council, tom), {"role": "org_admin"})
    client.post(role_url(council, admin), {"role": "editor"})
    assert membership(admin, council).role == Role.EDITOR
    assert membership(tom, council).role == Role.ORG_ADMIN


def test_an_org_admin_removes_a_member_who_then_cannot_see_the_organisation(
    client, council, admin, tom
) -> None:
    client.force_login(admin)
    confirm = client.get(remove_url(council, tom)).content.decode()
    assert "Remove Tom Evans?" in confirm

    page = client.post(remove_url(council, tom), follow=True).content.decode()

    assert "Tom Evans has been removed from Nottingham City Council" in page
    assert not Membership.objects.filter(user=tom).exists()
    removal = Membership.history.filter(user_id=tom.pk).first()
    assert removal.history_type == "-"
    assert removal.history_change_reason == "Tom Evans removed by Grace Okafor"
    client.force_login(tom)
    assert client.get(reverse("orgs:detail", args=[council.pk])).status_code == 404


@pytest.mark.parametrize("name", ["orgs:change-role", "orgs:remove-member"])
def test_members_get_403_and_outsiders_404(client, council, admin, tom, name) -> None:
    url = reverse(name, args=[council.pk, membership(admin, council).pk])
    client.force_login(UserFactory(organisation=council, role=Role.EDITOR))
    assert client.get(url).status_code == 403
    assert client.post(url, {"role": "member"}).status_code == 403
    client.force_login(UserFactory(organisation=OrganisationFactory(), role=Role.ORG_ADMIN))
    assert client.post(url, {"role": "member"}).status_code == 404
    assert membership(admin, council).role == Role.ORG_ADMIN


def test_a_membership_of_another_organisation_is_not_found(client, council, admin) -> None:
    elsewhere = OrganisationFactory()
    stranger = UserFactory(organisation=elsewhere)
    url = reverse("orgs:change-role", args=[council.pk, membership(stranger, elsewhere).pk])
    client.force_login(admin)
    assert client.post(url, {"role": "org_admin"}).status_code == 404
    assert membership(stranger, elsewhere).role == Role.MEMBER
