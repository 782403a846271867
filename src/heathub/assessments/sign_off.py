"""Sign-off by the senior sponsor, the review date it sets, and an org admin's unlock.

Sign-off needs Stages 1-3 complete and, where the organisation requires it, a mentor's "ready for
sign-off". It makes Stages 1-3 read-only (Assessment.stage_is_locked) and sets the review date:
by default 6 months after sign-off, at most 12, always in the future. "Due for review" is worked
out from that date (AssessmentQuerySet.due_for_review), never stored. Unlocking takes the
assessment back to draft, with the org admin's reason in its history.
"""

from __future__ import annotations

import calendar
import datetime

from django.db import transaction
from django.utils import timezone

from heathub.accounts.models import User
from heathub.assessments import notifications
from heathub.assessments.models import (
    DEFAULT_REVIEW_MONTHS,
    MAX_REVIEW_MONTHS,
    Assessment,
    ReviewOutcome,
    Status,
)
from heathub.core.refusals import ActionRefused
from heathub.history.recording import record
from heathub.orgs.models import Membership, Role

NAME_LIMIT = 150
REASON_LIMIT = 500
SIGNABLE = (Status.DRAFT, Status.CHANGES_REQUESTED, Status.READY_FOR_SIGN_OFF)
DECLARATION = (
    "I confirm that the senior sponsor named here has agreed this assessment and its action plan "
    "through our organisation's governance route."
)


def add_months(d: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day (31 August + 6 months = 28 February)."""
    month0 = d.month - 1 + months
    year, month = d.year + month0 // 12, month0 % 12 + 1
    return d.replace(year=year, month=month, day=min(d.day, calendar.monthrange(year, month)[1]))


def default_review_date(signed_off_on: datetime.date) -> datetime.date:
    return add_months(signed_off_on, DEFAULT_REVIEW_MONTHS)


def latest_review_date(signed_off_on: datetime.date) -> datetime.date:
    return add_months(signed_off_on, MAX_REVIEW_MONTHS)


def is_org_admin(user: User, assessment: Assessment) -> bool:
    return Membership.objects.filter(
        user=user, organisation_id=assessment.organisation_id, role=Role.ORG_ADMIN
    ).exists()


def may_sign_off(user: User, assessment: Assessment) -> bool:
    """The owner or an org admin of the assessment's organisation records sign-off."""
    return user.pk == assessment.owner_id or is_org_admin(user, assessment)


def mentor_marked_ready(assessment: Assessment) -> bool:
    latest = assessment.mentor_reviews.exclude(outcome="").order_by("-decided_at", "-pk").first()
    return latest is not None and latest.outcome == ReviewOutcome.READY_FOR_SIGN_OFF


def sign_off_blockers(assessment: Assessment) -> list[str]:
    """Why the assessment cannot be signed off now, as sentences; empty when it can."""
    if assessment.archived:
        return ["This assessment is archived: restore it before signing it off."]
    if assessment.status in (Status.SIGNED_OFF, Status.CLOSED):
        return ["This assessment is already signed off."]
    if assessment.status == Status.IN_REVIEW:
        return ["A mentor is reviewing this assessment: wait for their outcome."]
    blockers = list(assessment.ready_for_sign_off_checks())
    if assessment.organisation.requires_mentor_review and not mentor_marked_ready(assessment):
        blockers.append(
            f"{assessment.organisation} requires a mentor to mark the assessment ready for "
            "sign-off first."
        )
    return blockers


@transaction.atomic
def sign_off(
    assessment: Assessment,
    *,
    by: User,
    sponsor_name: str,
    sponsor_role: str,
    signed_off_on: datetime.date,
    next_review_on: datetime.date | None = None,
    today: datetime.date | None = None,
) -> Assessment:
    today = today or timezone.localdate()
    assessment = (
        Assessment.objects.select_for_update().select_related("organisation").get(pk=assessment.pk)
    )
    if not may_sign_off(by, assessment):
        raise ActionRefused("Only the owner or an organisation admin can record the sign-off.")
    blockers = sign_off_blockers(assessment)
    if blockers:
        raise ActionRefused(" ".join(blockers))
    sponsor_name, sponsor_role = sponsor_name.strip(), sponsor_role.strip()
    if not sponsor_name or not sponsor_role:
        raise ActionRefused("Enter the senior sponsor's name and role.")
    if signed_off_on > today:
        raise ActionRefused("The sign-off date must be today or in the past.")
    review_on = next_review_on or default_review_date(signed_off_on)
    if review_on <= today:
        raise ActionRefused("The review date must be in the future.")
    if review_on > latest_review_date(signed_off_on):
        raise ActionRefused(
            f"The review date must be no more than {MAX_REVIEW_MONTHS} months after sign-off."
        )
    assessment.status = Status.SIGNED_OFF
    assessment.sponsor_name, assessment.sponsor_role = sponsor_name, sponsor_role
    assessment.signed_off_on = signed_off_on
    assessment.signed_off_by = by
    assessment.declaration = DECLARATION
    assessment.next_review_on = review_on
    record(assessment, f"Signed off by {sponsor_name}, {sponsor_role}", by)
    assessment.save()
    notifications.signed_off(assessment)
    return assessment


@transaction.atomic
def unlock(assessment: Assessment, *, by: User, reason: str) -> Assessment:
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if not is_org_admin(by, assessment):
        raise ActionRefused("Only an organisation admin can unlock a signed-off assessment.")
    if assessment.status != Status.SIGNED_OFF:
        raise ActionRefused("Only a signed-off assessment can be unlocked.")
    reason = reason.strip()
    if not reason:
        raise ActionRefused("Give the reason for unlocking.")
    if len(reason) > REASON_LIMIT:
        raise ActionRefused(f"The reason must be {REASON_LIMIT} characters or fewer.")
    # The sponsor's name and role stay, to save typing them again; the date and review go.
    assessment.status = Status.DRAFT
    assessment.signed_off_on = None
    assessment.signed_off_by = None
    assessment.next_review_on = None
    record(assessment, f"Unlocked by {by.get_full_name()}: {reason}", by)
    assessment.save()
    return assessment
