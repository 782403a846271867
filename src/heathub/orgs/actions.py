"""Every change to an organisation's people and settings: one function, one transaction, one
history reason.

Views parse input, call one of these and redirect. A change the rules do not allow raises
ActionRefused with a sentence for the person (for example, removing the last org admin).
"""

import datetime
import secrets

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from heathub.accounts.models import User
from heathub.core.refusals import ActionRefused
from heathub.core.token_hash import hash_token
from heathub.history.recording import record
from heathub.orgs.models import INVITATION_DAYS, Invitation, Membership, Organisation, Role


def find_invitation(token: str) -> Invitation | None:
    """The invitation a link's token belongs to, open or not; None for an unknown token."""
    return (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(token_hash=hash_token(token))
        .first()
    )


def invitation_link(token: str) -> str:
    return settings.SITE_URL + reverse("orgs:accept-invitation", args=[token])


@transaction.atomic
def invite(organisation: Organisation, *, email: str, role: Role, by: User) -> Invitation:
    """Invite someone by email; they get a link valid for 14 days. Inviting the same address
    again replaces the earlier link."""
    email = email.strip().lower()
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise ActionRefused(f"{email} is already a member of {organisation}.")
    for earlier in organisation.invitations.pending().filter(email__iexact=email):
        earlier.expires_at = timezone.now()
        record(earlier, f"Replaced by a new invitation from {by.get_full_name()}", by)
        earlier.save(update_fields=["expires_at"])
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        email=email,
        organisation=organisation,
        role=role,
        invited_by=by,
        token_hash=hash_token(token),
        expires_at=timezone.now() + datetime.timedelta(days=INVITATION_DAYS),
    )
    record(invitation, f"{by.get_full_name()} invited {email} as {Role(role).label}", by)
    invitation.save()
    # Sent inside the transaction: if the email cannot be sent, no invitation is recorded.
    context = {"invitation": invitation, "link": invitation_link(token), "days": INVITATION_DAYS}
    send_mail(
        subject=f"{by.get_full_name()} invited you to join {organisation} on heathub",
        message=render_to_string("orgs/invitation_email.txt", context),
        from_email=None,
        recipient_list=[email],
    )
    return invitation


@transaction.atomic
def withdraw_invitation(invitation: Invitation, *, by: User) -> None:
    if not invitation.is_open:
        raise ActionRefused("This invitation has already been accepted or has expired.")
    invitation.expires_at = timezone.now()
    record(invitation, f"Invitation withdrawn by {by.get_full_name()}", by)
    invitation.save(update_fields=["expires_at"])


@transaction.atomic
def accept_invitation(invitation: Invitation, *, user: User) -> Membership:
    """Add the person who followed the link to the organisation (an existing member keeps the
    role they have)."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ActionRefused("This invitation has expired or has already been used.")
    if user.email.lower() != invitation.email.lower():
        raise ActionRefused(
            f"This invitation is for {invitation.email}, but you are signed in as {user.email}."
        )
    invitation.accepted_at = timezone.now()
    record(invitation, f"Accepted by {user.get_full_name()}", user)
    invitation.save(update_fields=["accepted_at"])
    membership = Membership.objects.filter(user=user, organisation=invitation.organisation).first()
    if membership is not None:
        return membership
    inviter = invitation.invited_by.get_full_name() if invitation.invited_by else "an org admin"
    membership = Membership(user=user, organisation=invitation.organisation, role=invitation.role)
    record(
        membership,
        f"{user.get_full_name()} joined as {membership.get_role_display()}, invited by {inviter}",
        user,
    )
    membership.save()
    return membership


@transaction.atomic
def create_account_and_accept(
    invitation: Invitation, *, full_name: str, job_title: str, password: str
) -> User:
    """A new person follows their invitation: their account, then their membership."""
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ActionRefused(f"An account for {invitation.email} already exists: sign in instead.")
    user = User(email=invitation.email.lower(), full_name=full_name, job_title=job_title)
    user.set_password(password)
    record(user, f"Account created from an invitation to {invitation.organisation}", user)
    user.save()
    accept_invitation(invitation, user=user)
    return user


def _is_last_org_admin(membership: Membership) -> bool:
    if membership.role != Role.ORG_ADMIN:
        return False
    # locks the organisation's admins, so two admins cannot demote each other at once
    admins = Membership.objects.select_for_update().filter(
        organisation_id=membership.organisation_id, role=Role.ORG_ADMIN
    )
    return list(admins.values_list("pk", flat=True)) == [membership.pk]


@transaction.atomic
def change_role(membership: Membership, *, role: Role, by: User) -> Membership:
    membership = Membership.objects.select_related("user", "organisation").get(pk=membership.pk)
    old = Role(membership.role)
    if old == role:
        return membership
    if _is_last_org_admin(membership):
        raise ActionRefused(
            f"{membership.user.get_full_name()} is the only organisation admin of "
            f"{membership.organisation}. Make someone else an organisation admin first."
        )
    membership.role = role
    record(
        membership,
        f"Role changed from {old.label.lower()} to {Role(role).label.lower()} "
        f"by {by.get_full_name()}",
        by,
    )
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def remove_member(membership: Membership, *, by: User) -> None:
    membership = Membership.objects.select_related("user", "organisation").get(pk=membership.pk)
    if _is_last_org_admin(membership):
        raise ActionRefused(
            f"{membership.user.get_full_name()} is the only organisation admin of "
            f"{membership.organisation}. Make someone else an organisation admin first."
        )
    record(membership, f"{membership.user.get_full_name()} removed by {by.get_full_name()}", by)
    membership.delete()


@transaction.atomic
def set_mentor_review_required(organisation: Organisation, *, required: bool, by: User) -> None:
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.requires_mentor_review == required:
        return
    organisation.requires_mentor_review = required
    state = "turned on" if required else "turned off"
    record(organisation, f"Mentor review before sign-off {state} by {by.get_full_name()}", by)
    organisation.save(update_fields=["requires_mentor_review"])
