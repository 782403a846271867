"""An org admin invites someone by email; the invitee follows the link and joins, with a new
account or the one they have. The link works once, for 14 days, for the invited address."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from heathub.accounts.models import User
from heathub.core.token_hash import hash_token
from heathub.orgs import actions
from heathub.orgs.models import Invitation, Membership, OrganisationType, Role
from tests.factories import PASSWORD, OrganisationFactory, UserFactory


@pytest.fixture
def trust(db):
    return OrganisationFactory(name="Walsall Healthcare NHS Trust", type=OrganisationType.NHS_TRUST)


@pytest.fixture
def admin(trust) -> User:
    return UserFactory(organisation=trust, role=Role.ORG_ADMIN, full_name="Grace Okafor")


def invite(client: Client, trust, **data: str):
    return client.post(reverse("orgs:invite", args=[trust.pk]), data)


def link_path(mail) -> str:
    url = re.search(r"https?://\S+/organisations/invitations/\S+", mail.body).group(0)
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def test_an_org_admin_invites_someone_who_gets_an_email_with_a_link(
    client, trust, admin, mailoutbox
) -> None:
    client.force_login(admin)
    response = invite(client, trust, email="Priya.Shah@NHS.net", role="editor")

    assert response.status_code == 302
    assert response["Location"] == reverse("orgs:detail", args=[trust.pk])
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["priya.shah@nhs.net"]
    assert (
        mail.subject == "Grace Okafor invited you to join Walsall Healthcare NHS Trust on heathub"
    )
    assert "as editor" in mail.body
    assert "within 14 days" in mail.body
    invitation = Invitation.objects.get()
    assert invitation.email == "priya.shah@nhs.net"
    assert invitation.role == Role.EDITOR
    assert invitation.invited_by == admin
    token = link_path(mail).rsplit("/", 1)[1]
    assert token not in invitation.token_hash  # only a hash is stored
    assert invitation.token_hash == hash_token(token)
    expected_expiry = timezone.now() + datetime.timedelta(days=14)
    assert abs(invitation.expires_at - expected_expiry) < datetime.timedelta(minutes=1)

    page = client.get(response["Location"]).content.decode()
    assert "Invitation sent to priya.shah@nhs.net" in page
    assert "Invitations waiting for an answer" in page
    assert "priya.shah@nhs.net" in page


def test_a_bad_email_is_shown_in_the_error_summary_and_kept(client, trust, admin) -> None:
    client.force_login(admin)
    response = invite(client, trust, email="priya.shah at nhs.net", role="")

    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert "Enter an email address in the correct format, like name@nhs.net" in html
    assert 'href="#id_email"' in html
    assert "Select a role" in html
    assert 'href="#id_role"' in html
    assert 'value="priya.shah at nhs.net"' in html
    assert "up to 254 characters" in html
    assert not Invitation.objects.exists()


def test_inviting_a_member_is_refused_by_the_email_field(client, trust, admin, mailoutbox) -> None:
    UserFactory(organisation=trust, email="tom.evans@nhs.net")
    client.force_login(admin)
    html = invite(client, trust, email="tom.evans@nhs.net", role="member").content.decode()
    assert "tom.evans@nhs.net is already a member of Walsall Healthcare NHS Trust." in html
    assert mailoutbox == []


def test_inviting_the_same_address_again_replaces_the_earlier_link(
    client, trust, admin, mailoutbox
) -> None:
    client.force_login(admin)
    invite(client, trust, email="priya.shah@nhs.net", role="member")
    invite(client, trust, email="priya.shah@nhs.net", role="editor")

    assert Invitation.objects.pending().get().role == Role.EDITOR
    anonymous = Client()
    assert anonymous.get(link_path(mailoutbox[0])).status_code == 410
    assert anonymous.get(link_path(mailoutbox[1])).status_code == 200


def test_a_new_person_sets_their_name_and_password_and_joins(
    client, trust, admin, mailoutbox
) -> None:
    actions.invite(trust, email="priya.shah@nhs.net", role=Role.EDITOR, by=admin)
    link = link_path(mailoutbox[0])

    form = client.get(link).content.decode()
    assert "Join Walsall Healthcare NHS Trust on heathub" in form
    assert "priya.shah@nhs.net" in form
    assert "up to 150 characters" in form

    response = client.post(
        link,
        {
            "full_name": "Priya Shah",
            "job_title": "Health inequalities lead",
            "password1": "a-long-enough-password",
            "password2": "a-long-enough-password",
        },
        follow=True,
    )
    assert "You have joined Walsall Healthcare NHS Trust" in response.content.decode()
    priya = User.objects.get(email="priya.shah@nhs.net")
    assert priya.full_name == "Priya Shah"
    assert priya.check_password("a-long-enough-password")
    assert Membership.objects.get(user=priya, organisation=trust).role == Role.EDITOR
    assert Invitation.objects.get().accepted_at is not None
    assert response.wsgi_request.user == priya  # signed in
    assert Client().get(link).status_code == 410  # the link works once


def test_password_problems_are_shown_by_the_fields_and_the_name_is_kept(
    client, trust, admin, mailoutbox
) -> None:
    actions.invite(trust, email="priya.shah@nhs.net", role=Role.MEMBER, by=admin)
    link = link_path(mailoutbox[0])

    response = client.post(
        link,
        {"full_name": "Priya Shah", "job_title": "", "password1": "short", "password2": "other"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "The two passwords do not match" in html
    assert 'href="#id_password2"' in html
    assert 'value="Priya Shah"' in html

    response = client.post(
        link, {"full_name": "", "job_title": "", "password1": "short", "password2": "short"}
    )
    html = response.content.decode()
    assert "Enter your full name" in html
    assert "This password is too short" in html
    assert not User.objects.filter(email="priya.shah@nhs.net").exists()
    assert Invitation.objects.get().accepted_at is None


def test_someone_with_an_account_signs_in_and_the_membership_is_added(
    client, trust, admin, mailoutbox
) -> None:
    UserFactory(email="tom.evans@nhs.net", full_name="Tom Evans")
    actions.invite(trust, email="tom.evans@nhs.net", role=Role.MEMBER, by=admin)
    link = link_path(mailoutbox[0])

    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))
    signed_in = client.post(
        response["Location"], {"email": "tom.evans@nhs.net", "password": PASSWORD, "next": link}
    )
    assert signed_in["Location"] == link
    assert "Join Walsall Healthcare NHS Trust" in client.get(link).content.decode()
    joined = client.post(link, follow=True)

    assert "You have joined Walsall Healthcare NHS Trust" in joined.content.decode()
    tom = User.objects.get(email="tom.evans@nhs.net")
    assert Membership.objects.get(user=tom, organisation=trust).role == Role.MEMBER


def test_the_link_does_not_work_for_someone_else_signed_in(
    client, trust, admin, mailoutbox
) -> None:
    actions.invite(trust, email="priya.shah@nhs.net", role=Role.ORG_ADMIN, by=admin)
    other = UserFactory(email="tom.evans@nhs.net")
    client.force_login(other)

    response = client.post(link_path(mailoutbox[0]))

    assert response.status_code == 403
    assert "This invitation is for someone else" in response.content.decode()
    assert not Membership.objects.filter(user=other).exists()


def test_an_expired_or_unknown_link_explains_what_to_do(client, trust, admin, mailoutbox) -> None:
    invitation = actions.invite(trust, email="priya.shah@nhs.net", role=Role.MEMBER, by=admin)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    expired = client.get(link_path(mailoutbox[0]))
    assert expired.status_code == 410
    assert "Ask the organisation admin who invited you" in expired.content.decode()
    unknown = client.get(reverse("orgs:accept-invitation", args=["not-a-real-token"]))
    assert unknown.status_code == 404


def test_an_org_admin_withdraws_an_invitation(client, trust, admin, mailoutbox) -> None:
    invitation = actions.invite(trust, email="priya.shah@nhs.net", role=Role.MEMBER, by=admin)
    client.force_login(admin)

    client.post(reverse("orgs:withdraw-invitation", args=[trust.pk, invitation.pk]))

    assert not Invitation.objects.pending().exists()
    assert Client().get(link_path(mailoutbox[0])).status_code == 410


def test_only_org_admins_may_invite(client, trust, mailoutbox) -> None:
    url = reverse("orgs:invite", args=[trust.pk])
    client.force_login(UserFactory(organisation=trust, role=Role.EDITOR))
    assert client.get(url).status_code == 403
    assert invite(client, trust, email="x@nhs.net", role="member").status_code == 403
    client.force_login(UserFactory(organisation=OrganisationFactory(), role=Role.ORG_ADMIN))
    assert client.get(url).status_code == 404
    assert invite(client, trust, email="x@nhs.net", role="member").status_code == 404
    assert mailoutbox == []
    assert not Invitation.objects.exists()
