"""What the review-workflow pages show, prepared so templates only pass values to NHS.UK macros."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from heathub.accounts.models import User
from heathub.assessments import answer_kinds
from heathub.assessments.models import (
    LOCKED_STAGES,
    Action,
    ActionStatus,
    Assessment,
    MentorReview,
    ReviewComment,
    Status,
)
from heathub.assessments.presenters import (
    NOT_PROVIDED,
    STATUS_TAGS,
    ActionRow,
    answer_lines,
    format_date,
    tag,
)
from heathub.assessments.progress import answers_by_key


def mentor_choice_label(mentor: User) -> str:
    """Name, then each organisation with its systems: how the owner tells mentors apart."""
    places = []
    for m in mentor.memberships.all():
        systems = ", ".join(s.name for s in m.organisation.systems.all())
        places.append(f"{m.organisation.name} ({systems})" if systems else m.organisation.name)
    return f"{mentor.get_full_name()}, {'; '.join(places) or 'no organisation'}"


def status_tag(assessment: Assessment) -> dict[str, str]:
    return tag(*STATUS_TAGS[Status(assessment.status)])


@dataclass(frozen=True)
class CommentRow:
    comment: ReviewComment
    can_resolve: bool

    @property
    def text(self) -> str:
        return self.comment.text

    @property
    def byline(self) -> str:
        return f"{self.comment.author.get_full_name()}, {format_date(self.comment.created_at)}"

    @property
    def resolved(self) -> str | None:
        c = self.comment
        if c.resolved_at is None:
            return None
        who = c.resolved_by.get_full_name() if c.resolved_by else "Someone"
        return f"Resolved by {who}, {format_date(c.resolved_at)}"

    @property
    def resolve_href(self) -> str:
        c = self.comment
        return reverse("assessments:resolve-comment", args=[c.review.assessment_id, c.pk])


@dataclass
class QuestionRow:
    key: str
    prompt: str
    stage: str
    answer: list[str]
    short_title: str
    comments: list[CommentRow] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return "q-" + self.key.replace(".", "-")

    @property
    def open_comment_count(self) -> int:
        return sum(1 for c in self.comments if c.resolved is None)


def question_rows(assessment: Assessment, *, can_resolve: bool) -> list[QuestionRow]:
    """Stages 1-3, each question with its answer and every mentor comment on it (all reviews)."""
    answers = answers_by_key(assessment)
    rows: dict[str, QuestionRow] = {}
    stages = assessment.framework_version.stages.filter(key__in=LOCKED_STAGES).prefetch_related(
        "questions"
    )
    for stage in stages:
        for q in stage.questions.all():
            answer = answers.get(q.key)
            lines = answer_lines(q, answer.value, assessment) if answer else [NOT_PROVIDED]
            rows[q.key] = QuestionRow(
                q.key, q.prompt, stage.title, lines, answer_kinds.short_title(q)
            )
    comments = ReviewComment.objects.filter(review__assessment=assessment).select_related(
        "author", "resolved_by", "review"
    )
    for c in comments:
        if c.question_key in rows:
            rows[c.question_key].comments.append(CommentRow(c, can_resolve))
    return list(rows.values())


@dataclass(frozen=True)
class ReviewSummary:
    review: MentorReview

    @property
    def mentor(self) -> str:
        return self.review.mentor.get_full_name()

    @property
    def requested(self) -> str:
        r = self.review
        return f"Asked by {r.requested_by.get_full_name()} on {format_date(r.requested_at)}"

    @property
    def outcome_tag(self) -> dict[str, str]:
        if self.review.is_open:
            return tag("Waiting for the mentor", "blue")
        return tag(self.review.get_outcome_display(), "green" if self.is_ready else "orange")

    @property
    def is_ready(self) -> bool:
        return self.review.outcome == "ready_for_sign_off"

    @property
    def outcome_note(self) -> str:
        return self.review.outcome_note

    @property
    def decided(self) -> str:
        return format_date(self.review.decided_at) if self.review.decided_at else ""


@dataclass(frozen=True)
class QueueRow:
    review: MentorReview

    @property
    def href(self) -> str:
        return reverse("assessments:review", args=[self.review.assessment_id])

    @property
    def title(self) -> str:
        return self.review.assessment.title

    @property
    def organisation(self) -> str:
        return self.review.assessment.organisation.name

    @property
    def requested_by(self) -> str:
        return self.review.requested_by.get_full_name()

    @property
    def requested(self) -> str:
        return format_date(self.review.requested_at)


def review_date_hint(today: datetime.date) -> str:
    return (
        "Leave blank for 6 months after the date of sign-off. It must be in the future and no "
        "more than 12 months after sign-off. For example, "
        f"{(today + datetime.timedelta(days=182)):%d %m %Y}"
    )


def sign_off_summary(assessment: Assessment) -> list[dict[str, Any]]:
    """Summary-list rows of a recorded sign-off."""
    a = assessment
    return [
        {"key": {"text": "Senior sponsor"}, "value": {"text": a.sponsor_name or NOT_PROVIDED}},
        {"key": {"text": "Role"}, "value": {"text": a.sponsor_role or NOT_PROVIDED}},
        {"key": {"text": "Date of sign-off"}, "value": {"text": format_date(a.signed_off_on)}},
        {"key": {"text": "Review date"}, "value": {"text": format_date(a.next_review_on)}},
    ]


@dataclass(frozen=True)
class ActionReviewRow:
    """One action on the Stage 4 page: its status and what happened, as typed or saved."""

    action: Action
    status: str
    update: str

    @property
    def pk(self) -> int:
        return self.action.pk

    @property
    def description(self) -> str:
        return self.action.description

    @property
    def meta(self) -> str:
        row = ActionRow(self.action)
        overdue = " (overdue)" if self.action.is_overdue() else ""
        return f"Owner: {row.owner}. Due {row.due}{overdue}."

    @property
    def status_items(self) -> list[dict[str, Any]]:
        return [
            {"value": value, "text": label, "selected": value == self.status}
            for value, label in ActionStatus.choices
        ]


def action_review_rows(actions: list[Action], values: dict[str, str]) -> list[ActionReviewRow]:
    return [
        ActionReviewRow(
            a,
            values.get(f"action-{a.pk}-status") or a.status,
            values.get(f"action-{a.pk}-update", ""),
        )
        for a in actions
    ]
