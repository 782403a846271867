"""Mentor review: the owner asks a mentor, the mentor comments per question and decides.

    draft | changes requested | ready for sign-off --request_review--> in review
    in review --decide_review(ready)--> ready for sign-off
    in review --decide_review(changes)--> changes requested (editable again, as a draft is)

Naming a mentor on a review shares the assessment with them: they read it (access.ACCESS_RULES)
and comment while the review is open. Editors resolve comments at any time.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from heathub.accounts.models import User
from heathub.assessments import notifications
from heathub.assessments.models import (
    Assessment,
    MentorReview,
    ReviewComment,
    ReviewOutcome,
    Status,
)
from heathub.core.refusals import ActionRefused
from heathub.frameworks.models import Question
from heathub.history.recording import record

COMMENT_LIMIT = 2000
MESSAGE_LIMIT = 1000
REQUESTABLE = (Status.DRAFT, Status.CHANGES_REQUESTED, Status.READY_FOR_SIGN_OFF)


def mentors() -> QuerySet[User]:
    """Everyone who may be asked: holders of the mentor grant, with their organisations."""
    return User.objects.filter(is_mentor=True, is_active=True).prefetch_related(
        "memberships__organisation__systems"
    )


def open_review(assessment: Assessment) -> MentorReview | None:
    return (
        MentorReview.objects.open().filter(assessment=assessment).select_related("mentor").first()
    )


def reviewable_question_keys(assessment: Assessment) -> set[str]:
    """Mentors comment on Stages 1-3: the questions sign-off depends on."""
    from heathub.assessments.models import LOCKED_STAGES

    return set(
        Question.objects.filter(
            stage__framework_version_id=assessment.framework_version_id,
            stage__key__in=LOCKED_STAGES,
        ).values_list("key", flat=True)
    )


@transaction.atomic
def request_review(
    assessment: Assessment, *, by: User, mentor: User, message: str = ""
) -> MentorReview:
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.archived:
        raise ActionRefused("This assessment is archived: restore it before asking for a review.")
    if assessment.status == Status.IN_REVIEW:
        current = open_review(assessment)
        who = current.mentor.get_full_name() if current else "a mentor"
        raise ActionRefused(f"This assessment is already with {who} for review.")
    if assessment.status not in REQUESTABLE:
        raise ActionRefused("A signed-off assessment cannot be sent for mentor review.")
    if not (mentor.is_mentor and mentor.is_active):
        raise ActionRefused("Choose a HEAT mentor from the list.")
    if mentor.pk in (by.pk, assessment.owner_id):
        raise ActionRefused("Choose a mentor who is not the assessment's owner or yourself.")
    if len(message) > MESSAGE_LIMIT:
        raise ActionRefused(f"The message must be {MESSAGE_LIMIT} characters or fewer.")
    assessment.status = Status.IN_REVIEW
    record(assessment, f"Sent to {mentor.get_full_name()} for mentor review", by)
    assessment.save(update_fields=["status", "updated_at"])
    review = MentorReview(assessment=assessment, mentor=mentor, requested_by=by, message=message)
    record(review, "Mentor review requested", by)
    review.save()
    notifications.review_requested(review)
    return review


@transaction.atomic
def add_comment(review: MentorReview, *, by: User, question_key: str, text: str) -> ReviewComment:
    review = MentorReview.objects.select_for_update().select_related("assessment").get(pk=review.pk)
    if by.pk != review.mentor_id or not by.is_mentor:
        raise ActionRefused("Only the mentor named on this review can comment.")
    if not review.is_open:
        raise ActionRefused("This review is finished: comments are closed.")
    if question_key not in reviewable_question_keys(review.assessment):
        raise ActionRefused("Choose a question from Stages 1 to 3 to comment on.")
    text = text.strip()
    if not text:
        raise ActionRefused("Enter your comment.")
    if len(text) > COMMENT_LIMIT:
        raise ActionRefused(f"Comments must be {COMMENT_LIMIT} characters or fewer.")
    comment = ReviewComment(review=review, question_key=question_key, author=by, text=text)
    record(comment, f"Mentor comment on {question_key}", by)
    comment.save()
    return comment


@transaction.atomic
def resolve_comment(comment: ReviewComment, *, by: User) -> ReviewComment:
    comment = ReviewComment.objects.select_for_update().get(pk=comment.pk)
    if comment.is_resolved:
        raise ActionRefused("This comment is already resolved.")
    comment.resolved_by = by
    comment.resolved_at = timezone.now()
    record(comment, "Comment resolved", by)
    comment.save(update_fields=["resolved_by", "resolved_at"])
    return comment


@transaction.atomic
def decide_review(
    review: MentorReview, *, by: User, outcome: ReviewOutcome | str, note: str = ""
) -> MentorReview:
    review = MentorReview.objects.select_for_update().get(pk=review.pk)
    assessment = Assessment.objects.select_for_update().get(pk=review.assessment_id)
    if by.pk != review.mentor_id or not by.is_mentor:
        raise ActionRefused("Only the mentor named on this review can give its outcome.")
    if not review.is_open or assessment.status != Status.IN_REVIEW:
        raise ActionRefused("This review already has an outcome.")
    if outcome not in ReviewOutcome.values:
        raise ActionRefused("Choose ready for sign-off or changes requested.")
    if len(note) > COMMENT_LIMIT:
        raise ActionRefused(f"The note must be {COMMENT_LIMIT} characters or fewer.")
    review.outcome = outcome
    review.outcome_note = note.strip()
    review.decided_at = timezone.now()
    label = ReviewOutcome(outcome).label
    record(review, f"Mentor review outcome: {label}", by)
    review.save(update_fields=["outcome", "outcome_note", "decided_at"])
    assessment.status = (
        Status.READY_FOR_SIGN_OFF
        if outcome == ReviewOutcome.READY_FOR_SIGN_OFF
        else Status.CHANGES_REQUESTED
    )
    record(assessment, f"{by.get_full_name()}: {label.lower()}", by)
    assessment.save(update_fields=["status", "updated_at"])
    review.assessment = assessment
    notifications.review_decided(review)
    return review
