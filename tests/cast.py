"""A fixed cast of people around one assessment, for the permission matrix.

Owner, collaborator, colleague and org admin belong to the assessment's organisation; the mentor
(from a council) has been asked to review it; the programme lead and the outsider belong to
other organisations. Every object a URL can name exists, so every URL can be built.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core import mail
from django.utils import timezone

from heathub.accounts.models import User
from heathub.api.models import ApiToken
from heathub.api.tokens import create_token
from heathub.assessments.models import (
    Action,
    Assessment,
    Collaborator,
    MentorReview,
    ReviewComment,
    Status,
    Subject,
)
from heathub.frameworks.loader import ensure_default_framework
from heathub.orgs.actions import invite
from heathub.orgs.models import Invitation, Membership, Organisation, Role
from tests.factories import OrganisationFactory, UserFactory

ROLES = (
    "owner",
    "collaborator",
    "colleague",
    "org_admin",
    "mentor",
    "programme_lead",
    "outsider",
    "anonymous",
)


@dataclass
class Cast:
    organisation: Organisation
    owner: User
    collaborator: User
    colleague: User
    org_admin: User
    mentor: User
    programme_lead: User
    outsider: User
    assessment: Assessment
    action: Action
    comment: ReviewComment
    colleague_membership: Membership
    invitation: Invitation
    invitation_token: str
    owner_api_token: ApiToken
    api_secrets: dict[str, str]

    def person(self, role: str) -> User | None:
        return None if role == "anonymous" else getattr(self, role)


def make_cast() -> Cast:
    framework = ensure_default_framework()
    trust = OrganisationFactory(name="Walsall Healthcare NHS Trust")
    council = OrganisationFactory(name="Nottingham City Council")
    icb = OrganisationFactory(name="NHS Black Country Integrated Care Board")
    owner = UserFactory(organisation=trust, role=Role.EDITOR, full_name="Priya Shah")
    collaborator = UserFactory(organisation=trust, full_name="Tom Evans")
    colleague = UserFactory(organisation=trust, role=Role.EDITOR, full_name="Grace Okafor")
    org_admin = UserFactory(organisation=trust, role=Role.ORG_ADMIN, full_name="Sam Patel")
    mentor = UserFactory(organisation=council, full_name="Ruth Mills", is_mentor=True)
    programme_lead = UserFactory(organisation=icb, full_name="Alex Morgan", is_programme_lead=True)
    outsider = UserFactory(organisation=council, role=Role.ORG_ADMIN, full_name="Jo Bloggs")

    assessment = Assessment.objects.create(
        title="Smoking cessation in Walsall",
        subject=Subject.SERVICE,
        description="Stop-smoking service for people in the most deprived neighbourhoods.",
        organisation=trust,
        owner=owner,
        framework_version=framework,
        status=Status.IN_REVIEW,
    )
    Collaborator.objects.create(assessment=assessment, user=collaborator)
    action = Action.objects.create(
        assessment=assessment,
        description="Open a Saturday clinic in Blakenall",
        owner_user=owner,
        due_on=timezone.localdate() + datetime.timedelta(days=60),
    )
    review = MentorReview.objects.create(assessment=assessment, mentor=mentor, requested_by=owner)
    comment = ReviewComment.objects.create(
        review=review, question_key="prepare.scope", author=mentor, text="Say who is served."
    )
    invitation = invite(trust, email="new.starter@nhs.net", role=Role.MEMBER, by=org_admin)
    link = mail.outbox[-1].body.split("/invitations/", 1)[1].split()[0]
    people = {
        "owner": owner,
        "collaborator": collaborator,
        "colleague": colleague,
        "org_admin": org_admin,
        "mentor": mentor,
        "programme_lead": programme_lead,
        "outsider": outsider,
    }
    secrets = {role: create_token(p, name="matrix").secret for role, p in people.items()}
    return Cast(
        organisation=trust,
        owner=owner,
        collaborator=collaborator,
        colleague=colleague,
        org_admin=org_admin,
        mentor=mentor,
        programme_lead=programme_lead,
        outsider=outsider,
        assessment=assessment,
        action=action,
        comment=comment,
        colleague_membership=Membership.objects.get(user=colleague, organisation=trust),
        invitation=invitation,
        invitation_token=link.strip().rstrip("/"),
        owner_api_token=ApiToken.objects.filter(user=owner).get(),
        api_secrets=secrets,
    )
