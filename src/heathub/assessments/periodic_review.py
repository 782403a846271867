"""Stage 4, the review 6-12 months after sign-off (heat-framework.md §5).

It opens on a signed-off assessment when its review is due, or earlier by the team's choice.
The team records what happened to each action (its status, saved on the action, and a line on
what happened), what was delivered, what changed, what they learned and what is next. "Save and
come back later" keeps a part-written review; finishing it closes this cycle and, if the team
chooses, starts the next one (lifecycle.start_next_cycle) with the open actions carried forward.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from heathub.accounts.models import User
from heathub.assessments.lifecycle import start_next_cycle
from heathub.assessments.models import (
    Action,
    ActionStatus,
    Assessment,
    PeriodicReview,
    PeriodicReviewOutcome,
    Status,
)
from heathub.core.refusals import ActionRefused
from heathub.frameworks.models import FrameworkVersion
from heathub.history.recording import record

TEXT_LIMIT = 3000
UPDATE_LIMIT = 500


@dataclass(frozen=True)
class ReviewText:
    held_on: datetime.date | None
    delivered: str
    changed: str
    learning: str
    next_steps: str


def current_review(assessment: Assessment) -> PeriodicReview | None:
    """The part-written Stage 4 review of this cycle, if one is open."""
    return assessment.periodic_reviews.filter(finished_at__isnull=True).first()


def check_can_review(assessment: Assessment) -> None:
    if assessment.archived:
        raise ActionRefused("This assessment is archived: restore it before reviewing it.")
    if assessment.status == Status.CLOSED:
        raise ActionRefused("This cycle is closed: its Stage 4 review is finished.")
    if assessment.status != Status.SIGNED_OFF:
        raise ActionRefused("Stage 4 opens once the assessment is signed off.")


def is_open(assessment: Assessment, today: datetime.date | None = None) -> bool:
    """Stage 4 is open when the review is due, or once the team chose to start it early."""
    return assessment.status == Status.SIGNED_OFF and (
        assessment.is_due_for_review(today) or current_review(assessment) is not None
    )


def stage_four_status(assessment: Assessment, today: datetime.date | None = None) -> str:
    """For the task list: Cannot start yet | Not due yet | Not started | In progress | Completed."""
    if assessment.status == Status.CLOSED:
        return "Completed"
    if assessment.status != Status.SIGNED_OFF:
        return "Cannot start yet"
    if current_review(assessment) is not None:
        return "In progress"
    return "Not started" if assessment.is_due_for_review(today) else "Not due yet"


@transaction.atomic
def start_early(assessment: Assessment, *, by: User) -> PeriodicReview:
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    check_can_review(assessment)
    existing = current_review(assessment)
    if existing is not None:
        return existing
    review = PeriodicReview(assessment=assessment, recorded_by=by, started_early=True)
    record(review, "Stage 4 review started before its due date", by)
    review.save()
    return review


@transaction.atomic
def save_review(
    assessment: Assessment,
    *,
    by: User,
    text: ReviewText,
    action_statuses: Mapping[int, str],
    action_updates: Mapping[int, str],
    today: datetime.date | None = None,
) -> PeriodicReview:
    """Save what is there, without the checks finishing needs ("Save and come back later")."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    check_can_review(assessment)
    if not is_open(assessment, today):
        raise ActionRefused(
            "The review is not due yet: choose to start it early if the team is ready."
        )
    review = current_review(assessment) or PeriodicReview(assessment=assessment, recorded_by=by)
    if text.held_on is not None and text.held_on > (today or timezone.localdate()):
        raise ActionRefused("The date of the review must be today or in the past.")
    for value in (text.delivered, text.changed, text.learning, text.next_steps):
        if len(value) > TEXT_LIMIT:
            raise ActionRefused(f"Each answer must be {TEXT_LIMIT} characters or fewer.")
    review.held_on = text.held_on
    review.delivered, review.changed = text.delivered.strip(), text.changed.strip()
    review.learning, review.next_steps = text.learning.strip(), text.next_steps.strip()
    review.action_updates = {
        str(pk): line.strip()[:UPDATE_LIMIT] for pk, line in action_updates.items() if line.strip()
    }
    review.recorded_by = by
    record(review, "Stage 4 review saved", by)
    review.save()
    _update_actions(assessment, by=by, statuses=action_statuses)
    return review


def _update_actions(assessment: Assessment, *, by: User, statuses: Mapping[int, str]) -> None:
    for action in Action.objects.filter(assessment=assessment, pk__in=list(statuses)):
        new = statuses[action.pk]
        if new not in ActionStatus.values:
            raise ActionRefused("Choose a status for each action.")
        if new != action.status:
            old = ActionStatus(action.status).label
            action.status = new
            record(action, f"Stage 4 review: {old} → {ActionStatus(new).label}", by)
            action.save(update_fields=["status", "updated_at"])


def finish_problems(review: PeriodicReview) -> dict[str, str]:
    """What finishing needs that the saved review lacks, by form field."""
    problems = {}
    if review.held_on is None:
        problems["held_on"] = "Enter the date of the review"
    for name, message in (
        ("delivered", "Say what was delivered"),
        ("changed", "Say what changed for the groups you identified"),
        ("learning", "Say what you learned"),
        ("next_steps", "Say what happens next"),
    ):
        if not getattr(review, name):
            problems[name] = message
    return problems


@transaction.atomic
def finish_review(
    review: PeriodicReview,
    *,
    by: User,
    outcome: PeriodicReviewOutcome | str,
    framework_version: FrameworkVersion | None = None,
) -> Assessment | None:
    """Close this cycle; with NEXT_CYCLE also start the next one, which is returned."""
    review = PeriodicReview.objects.select_for_update().get(pk=review.pk)
    assessment = Assessment.objects.select_for_update().get(pk=review.assessment_id)
    check_can_review(assessment)
    if review.finished_at is not None:
        raise ActionRefused("This Stage 4 review is already finished.")
    problems = finish_problems(review)
    if problems:
        raise ActionRefused(". ".join(problems.values()) + ".")
    if outcome not in PeriodicReviewOutcome.values:
        raise ActionRefused("Choose whether to close the assessment or start the next cycle.")
    review.outcome = outcome
    review.finished_at = timezone.now()
    review.recorded_by = by
    record(review, f"Stage 4 review finished: {PeriodicReviewOutcome(outcome).label}", by)
    review.save()
    assessment.status = Status.CLOSED
    nxt = None
    if outcome == PeriodicReviewOutcome.NEXT_CYCLE:
        record(assessment, "Stage 4 review finished; the next cycle was started", by)
        assessment.save(update_fields=["status", "updated_at"])
        nxt = start_next_cycle(assessment, by=by, framework_version=framework_version)
    else:
        record(assessment, "Stage 4 review finished; the assessment was closed", by)
        assessment.save(update_fields=["status", "updated_at"])
    return nxt
