"""The organisation's History page: memberships, invitations and settings, newest first, for its
org admins only."""

from django.urls import reverse

from heathub.orgs import actions
from heathub.orgs.models import Membership, Role
from tests.factories import OrganisationFactory, UserFactory


def test_org_admins_see_who_changed_what_and_why_newest_first(client, db, mailoutbox) -> None:
    trust = OrganisationFactory(name="Walsall Healthcare NHS Trust")
    admin = UserFactory(organisation=trust, role=Role.ORG_ADMIN, full_name="Grace Okafor")
    tom = UserFactory(organisation=trust, full_name="Tom Evans")
    actions.invite(trust, email="priya.shah@nhs.net", role=Role.EDITOR, by=admin)
    actions.change_role(Membership.objects.get(user=tom), role=Role.EDITOR, by=admin)
    actions.set_mentor_review_required(trust, required=True, by=admin)
    client.force_login(admin)

    html = client.get(reverse("orgs:history", args=[trust.pk])).content.decode()

    assert "Mentor review before sign-off turned on by Grace Okafor" in html
    assert "Mentor review required before sign-off: No" in html
    assert "Role changed from member to editor by Grace Okafor" in html
    assert "Role: Member" in html
    assert "Grace Okafor invited priya.shah@nhs.net as Editor" in html
    newest_first = [
        html.index("turned on by"),
        html.index("Role changed from member"),
        html.index("invited priya.shah"),
    ]
    assert newest_first == sorted(newest_first)


def test_members_get_403_and_outsiders_404(client, db) -> None:
    trust = OrganisationFactory()
    url = reverse("orgs:history", args=[trust.pk])
    client.force_login(UserFactory(organisation=trust, role=Role.EDITOR))
    assert client.get(url).status_code == 403
    client.force_login(UserFactory(organisation=OrganisationFactory(), role=Role.ORG_ADMIN))
    assert client.get(url).status_code == 404
