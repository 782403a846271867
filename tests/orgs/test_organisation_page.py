"""The organisation page: members see its details, members and roles; org admins also see the
controls to change them; nobody else learns it exists."""

from django.urls import reverse

from heathub.orgs.models import OrganisationType, Role
from tests.factories import OrganisationFactory, SystemFactory, UserFactory


def make_trust():
    trust = OrganisationFactory(
        name="Coventry and Warwickshire Partnership NHS Trust",
        type=OrganisationType.NHS_TRUST,
        ods_code="RYG",
        ons_code="",
    )
    trust.systems.add(SystemFactory(name="Coventry and Warwickshire"))
    return trust


def test_a_member_sees_type_codes_systems_and_members_without_change_controls(client, db) -> None:
    trust = make_trust()
    member = UserFactory(organisation=trust, full_name="Tom Evans", job_title="Analyst")
    UserFactory(organisation=trust, role=Role.ORG_ADMIN, full_name="Grace Okafor")
    client.force_login(member)

    html = client.get(reverse("orgs:detail", args=[trust.pk])).content.decode()

    assert "<h1>Coventry and Warwickshire Partnership NHS Trust" in html
    assert "NHS trust" in html
    assert "RYG" in html
    assert "Coventry and Warwickshire (Midlands)" in html
    assert "Tom Evans (you)" in html
    assert "Grace Okafor" in html
    assert "Organisation admin" in html
    assert "No: a mentor review is optional" in html
    assert "Change role" not in html
    assert reverse("orgs:invite", args=[trust.pk]) not in html
    assert "ask one of the organisation admins" in html


def test_an_org_admin_also_sees_change_controls_and_links(client, db) -> None:
    trust = make_trust()
    admin = UserFactory(organisation=trust, role=Role.ORG_ADMIN)
    colleague = UserFactory(organisation=trust, full_name="Tom Evans")
    client.force_login(admin)

    html = client.get(reverse("orgs:detail", args=[trust.pk])).content.decode()

    colleague_membership = colleague.memberships.get()
    assert reverse("orgs:change-role", args=[trust.pk, colleague_membership.pk]) in html
    assert reverse("orgs:remove-member", args=[trust.pk, colleague_membership.pk]) in html
    assert reverse("orgs:invite", args=[trust.pk]) in html
    assert reverse("orgs:history", args=[trust.pk]) in html
    assert reverse("orgs:settings", args=[trust.pk]) in html


def test_my_organisations_links_to_each_and_lists_no_others(client, db) -> None:
    trust = make_trust()
    OrganisationFactory(name="Nottingham City Council")
    client.force_login(UserFactory(organisation=trust, role=Role.EDITOR))

    html = client.get(reverse("orgs:mine")).content.decode()

    assert f'href="{reverse("orgs:detail", args=[trust.pk])}"' in html
    assert "Editor" in html
    assert "Nottingham City Council" not in html


def test_people_outside_the_organisation_get_404_and_visitors_are_sent_to_sign_in(
    client, db
) -> None:
    trust = make_trust()
    url = reverse("orgs:detail", args=[trust.pk])

    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))

    client.force_login(UserFactory(organisation=OrganisationFactory(), role=Role.ORG_ADMIN))
    assert client.get(url).status_code == 404
    client.force_login(UserFactory(is_staff=True, is_superuser=True))  # site admins use /admin/
    assert client.get(url).status_code == 404
