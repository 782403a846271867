"""Plain-text emails about an assessment's workflow, and the daily date-driven reminders.

Event emails (review requested, changes requested, ready for sign-off, signed off) are sent by the
actions once their transaction commits, so a refused or rolled-back change sends nothing.
`send_reminders` (run daily from cron as `heathub send-reminders`) sends "review due in 30 days"
and "action overdue"; each is recorded in SentReminder, unique per (kind, object, due date), so a
second run, or two runs at once, never send the same reminder twice.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from heathub.accounts.models import User
from heathub.assessments.models import (
    Action,
    Assessment,
    MentorReview,
    ReminderKind,
    SentReminder,
    Status,
)
from heathub.core.dates import long_date
from heathub.orgs.models import Membership

log = logging.getLogger(__name__)

REVIEW_DUE_NOTICE = datetime.timedelta(days=30)


def absolute(name: str, *args: Any) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def _message(to: User, subject: str, template: str, context: dict[str, Any]) -> EmailMessage:
    body = render_to_string(f"assessments/email/{template}", {**context, "recipient": to})
    return EmailMessage(subject=subject, body=body, to=[to.email])


def _send_after_commit(messages: list[EmailMessage]) -> None:
    def send() -> None:
        for message in messages:
            try:
                message.send()
            except Exception:  # the change is saved; a mail server fault must not undo it
                log.exception("Email %r to %s not sent", message.subject, message.to)

    transaction.on_commit(send)


def _people(users: Iterable[User | None]) -> list[User]:
    seen: dict[int, User] = {}
    for u in users:
        if u is not None and u.is_active and u.email and u.pk not in seen:
            seen[u.pk] = u
    return list(seen.values())


def team(assessment: Assessment) -> list[User]:
    """The owner and the collaborators."""
    collaborators = [row.user for row in assessment.collaborators_through.select_related("user")]
    return _people([assessment.owner, *collaborators])


def _context(assessment: Assessment) -> dict[str, Any]:
    return {
        "assessment": assessment,
        "organisation": assessment.organisation.name,
        "link": absolute("assessments:review", assessment.pk),
    }


# Event emails: called by the actions in mentor_review.py and sign_off.py


def review_requested(review: MentorReview) -> None:
    a = review.assessment
    context = {
        **_context(a),
        "requested_by": review.requested_by.get_full_name(),
        "message": review.message,
        "queue_link": absolute("assessments:review-queue"),
    }
    subject = f"Mentor review requested: {a.title}"
    _send_after_commit(
        [_message(m, subject, "review_requested.txt", context) for m in _people([review.mentor])]
    )


def review_decided(review: MentorReview) -> None:
    a = review.assessment
    context = {
        **_context(a),
        "mentor": review.mentor.get_full_name(),
        "note": review.outcome_note,
        "open_comments": review.comments.filter(resolved_at__isnull=True).count(),
    }
    if a.status == Status.READY_FOR_SIGN_OFF:
        subject, template = f"Ready for sign-off: {a.title}", "ready_for_sign_off.txt"
        context["sign_off_link"] = absolute("assessments:sign-off", a.pk)
    else:
        subject, template = f"Changes requested: {a.title}", "changes_requested.txt"
    _send_after_commit([_message(u, subject, template, context) for u in _people([a.owner])])


def signed_off(assessment: Assessment) -> None:
    a = assessment
    assert a.signed_off_on is not None
    assert a.next_review_on is not None
    context = {
        **_context(a),
        "sponsor": f"{a.sponsor_name}, {a.sponsor_role}",
        "signed_off_on": long_date(a.signed_off_on),
        "next_review_on": long_date(a.next_review_on),
        "link": absolute("assessments:task-list", a.pk),
    }
    subject = f"Signed off: {a.title}"
    _send_after_commit([_message(u, subject, "signed_off.txt", context) for u in team(a)])


# Reminders: run daily by `heathub send-reminders`


@dataclass
class ReminderRun:
    review_due: int = 0
    action_overdue: int = 0
    skipped: int = 0  # sent before (or failed, to be tried again next run)

    @property
    def sent(self) -> int:
        return self.review_due + self.action_overdue


def send_reminders(today: datetime.date | None = None) -> ReminderRun:
    """Send every date-driven reminder not sent before; safe to run any number of times a day."""
    today = today or timezone.localdate()
    run = ReminderRun()
    reviews = (
        Assessment.objects.active()
        .filter(status=Status.SIGNED_OFF, next_review_on__lte=today + REVIEW_DUE_NOTICE)
        .select_related("owner", "organisation")
    )
    for a in reviews:
        assert a.next_review_on is not None
        build = partial(_review_due_messages, a, today)
        if _send_once(ReminderKind.REVIEW_DUE, a.pk, a.next_review_on, build):
            run.review_due += 1
        else:
            run.skipped += 1
    overdue = (
        Action.objects.overdue(today)
        .filter(assessment__archived=False)
        .exclude(assessment__status=Status.CLOSED)
        .select_related("assessment__owner", "assessment__organisation", "owner_user")
    )
    for action in overdue:
        build = partial(_action_overdue_messages, action)
        if _send_once(ReminderKind.ACTION_OVERDUE, action.pk, action.due_on, build):
            run.action_overdue += 1
        else:
            run.skipped += 1
    return run


def _review_due_messages(a: Assessment, today: datetime.date) -> list[EmailMessage]:
    assert a.next_review_on is not None
    due = a.next_review_on
    context = {
        **_context(a),
        "due_on": long_date(due),
        "is_past": due < today,
        "link": absolute("assessments:periodic-review", a.pk),
    }
    subject = f"Review due on {long_date(due)}: {a.title}"
    return [_message(u, subject, "review_due.txt", context) for u in team(a)]


def _action_overdue_messages(action: Action) -> list[EmailMessage]:
    a = action.assessment
    context = {
        **_context(a),
        "action": action,
        "due_on": long_date(action.due_on),
        "owner": action.owner_display or "No owner named",
        "link": absolute("assessments:task-list", a.pk),
    }
    to = action_reminder_recipient(action)
    return [_message(to, f"Action overdue: {a.title}", "action_overdue.txt", context)]


def action_reminder_recipient(action: Action) -> User:
    """The action's owner when they are a member of the organisation, else the assessment owner."""
    person = action.owner_user
    a = action.assessment
    if (
        person is not None
        and person.is_active
        and Membership.objects.filter(user=person, organisation_id=a.organisation_id).exists()
    ):
        return person
    return a.owner


def _send_once(
    kind: ReminderKind,
    object_id: int,
    due_on: datetime.date,
    build: Callable[[], list[EmailMessage]],
) -> bool:
    """Record, then send. The unique record stops a second send; a failed send rolls the record
    back, so the next run tries again."""
    if SentReminder.objects.filter(kind=kind, object_id=object_id, due_on=due_on).exists():
        return False
    messages = build()
    try:
        with transaction.atomic():
            SentReminder.objects.create(
                kind=kind,
                object_id=object_id,
                due_on=due_on,
                recipients=", ".join(addr for m in messages for addr in m.to),
            )
            for message in messages:
                message.send()
    except IntegrityError:  # another run sent it a moment ago
        return False
    except Exception:
        log.exception("%s reminder for #%s not sent; the next run tries again", kind, object_id)
        return False
    return True
