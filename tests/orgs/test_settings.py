"""The organisation setting "mentor review required before sign-off", changed by org admins."""

from django.urls import reverse

from heathub.orgs.models import Role
from tests.factories import OrganisationFactory, UserFactory


def test_an_org_admin_requires_mentor_review_and_the_page_and_history_show_it(client, db) -> None:
    icb = OrganisationFactory(name="NHS Black Country Integrated Care Board")
    admin = UserFactory(organisation=icb, role=Role.ORG_ADMIN, full_name="Grace Okafor")
    client.force_login(admin)
    url = reverse("orgs:settings", args=[icb.pk])
    assert 'value="no" checked' in client.get(url).content.decode()

    page = client.post(url, {"requires_mentor_review": "yes"}, follow=True).content.decode()

    assert "Settings saved" in page
    assert "Yes: a mentor must mark an assessment ready before it is signed off" in page
    icb.refresh_from_db()
    assert icb.requires_mentor_review
    assert (
        icb.history.first().history_change_reason
        == "Mentor review before sign-off turned on by Grace Okafor"
    )


def test_no_answer_is_an_error_linked_to_the_question(client, db) -> None:
    icb = OrganisationFactory()
    client.force_login(UserFactory(organisation=icb, role=Role.ORG_ADMIN))
    response = client.post(reverse("orgs:settings", args=[icb.pk]), {})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Select yes if a mentor review is required before sign-off" in html
    assert 'href="#id_requires_mentor_review"' in html


def test_only_org_admins_may_change_settings(client, db) -> None:
    icb = OrganisationFactory()
    url = reverse("orgs:settings", args=[icb.pk])
    client.force_login(UserFactory(organisation=icb, role=Role.EDITOR))
    assert client.post(url, {"requires_mentor_review": "yes"}).status_code == 403
    client.force_login(UserFactory(organisation=OrganisationFactory(), role=Role.ORG_ADMIN))
    assert client.post(url, {"requires_mentor_review": "yes"}).status_code == 404
    icb.refresh_from_db()
    assert not icb.requires_mentor_review
