"""What the organisation page shows, prepared for the NHS.UK macros: templates stay logic-free."""

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.urls import reverse

from heathub.accounts.models import User
from heathub.core.dates import long_date
from heathub.orgs.forms import ROLE_HINTS
from heathub.orgs.models import Invitation, Membership, Organisation, Role

NOT_RECORDED = "Not recorded"


def role_items(selected: str | None) -> list[dict[str, Any]]:
    """Radio items for the role question, each with what the role may do."""
    return [
        {
            "value": role.value,
            "text": role.label,
            "hint": {"text": ROLE_HINTS[role]},
            "checked": selected == role.value,
        }
        for role in Role
    ]


@dataclass(frozen=True)
class MemberRow:
    membership: Membership
    is_you: bool

    @property
    def name(self) -> str:
        user = self.membership.user
        return user.get_full_name() + (" (you)" if self.is_you else "")

    @property
    def email(self) -> str:
        return self.membership.user.email

    @property
    def job_title(self) -> str:
        return self.membership.user.job_title or NOT_RECORDED

    @property
    def role(self) -> str:
        return self.membership.get_role_display()

    @property
    def change_role_url(self) -> str:
        return reverse(
            "orgs:change-role", args=[self.membership.organisation_id, self.membership.pk]
        )

    @property
    def remove_url(self) -> str:
        return reverse(
            "orgs:remove-member", args=[self.membership.organisation_id, self.membership.pk]
        )


@dataclass(frozen=True)
class InvitationRow:
    invitation: Invitation

    @property
    def email(self) -> str:
        return self.invitation.email

    @property
    def role(self) -> str:
        return self.invitation.get_role_display()

    @property
    def invited(self) -> str:
        who = self.invitation.invited_by
        name = who.get_full_name() if who else "an org admin"
        return f"{long_date(self.invitation.created_at)} by {name}"

    @property
    def expires(self) -> str:
        return long_date(self.invitation.expires_at)

    @property
    def withdraw_url(self) -> str:
        return reverse(
            "orgs:withdraw-invitation",
            args=[self.invitation.organisation_id, self.invitation.pk],
        )


@dataclass(frozen=True)
class OrganisationPage:
    organisation: Organisation
    viewer: User

    @cached_property
    def viewer_role(self) -> Role | None:
        return self.organisation.role_of(self.viewer)

    @property
    def can_manage(self) -> bool:
        return self.viewer_role == Role.ORG_ADMIN

    @property
    def mentor_review_text(self) -> str:
        if self.organisation.requires_mentor_review:
            return "Yes: a mentor must mark an assessment ready before it is signed off"
        return "No: a mentor review is optional"

    @property
    def summary_rows(self) -> list[dict[str, Any]]:
        org = self.organisation
        systems = [f"{s.name} ({s.region.name})" for s in org.systems.select_related("region")]
        rows: list[dict[str, Any]] = [
            {"key": {"text": "Type"}, "value": {"text": org.get_type_display()}},
            {"key": {"text": "ODS code"}, "value": {"text": org.ods_code or NOT_RECORDED}},
            {"key": {"text": "ONS code"}, "value": {"text": org.ons_code or NOT_RECORDED}},
            {
                "key": {"text": "Integrated care systems"},
                "value": {"text": ", ".join(systems) or "None recorded"},
            },
            {"key": {"text": "Your role"}, "value": {"text": self.viewer_role_text}},
            {
                "key": {"text": "Mentor review before sign-off"},
                "value": {"text": self.mentor_review_text},
            },
        ]
        if self.can_manage:
            rows[-1]["actions"] = {
                "items": [
                    {
                        "href": reverse("orgs:settings", args=[org.pk]),
                        "text": "Change",
                        "visuallyHiddenText": "whether a mentor review is required",
                    }
                ]
            }
        return rows

    @property
    def viewer_role_text(self) -> str:
        return self.viewer_role.label if self.viewer_role else "Not a member"

    @property
    def members(self) -> list[MemberRow]:
        memberships = self.organisation.memberships.select_related("user").order_by(
            "user__full_name", "user__email"
        )
        return [MemberRow(m, is_you=m.user_id == self.viewer.pk) for m in memberships]

    @property
    def pending_invitations(self) -> list[InvitationRow]:
        if not self.can_manage:
            return []
        pending = self.organisation.invitations.pending().select_related("invited_by")
        return [InvitationRow(i) for i in pending]
