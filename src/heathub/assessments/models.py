"""HEAT assessments over their whole life: draft, mentor review, sign-off, the Stage 4 review and
the next cycle (heat-framework.md §6).

An assessment is pinned to the framework version it was started with. Answers are stored per
question key as JSON shaped by the question's answer kind; population-group considerations and
actions are rows of their own. Every model here keeps its history (django-simple-history); the
functions in actions.py give each change its reason.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from heathub.frameworks.models import FrameworkVersion, PopulationGroup

if TYPE_CHECKING:
    from heathub.accounts.models import User

DESCRIPTION_LIMIT = 500  # characters; stated on the start page
TITLE_LIMIT = 150
LOCKED_STAGES = ("prepare", "assess", "refine")  # sign-off makes these read-only
DEFAULT_REVIEW_MONTHS = 6
MAX_REVIEW_MONTHS = 12


class Subject(models.TextChoices):
    PROJECT = "project", "Project"
    PROGRAMME = "programme", "Programme"
    SERVICE = "service", "Service"
    POLICY = "policy", "Policy"


class Status(models.TextChoices):
    # draft -> in_review -> (changes_requested -> draft) | ready_for_sign_off -> signed_off;
    # closed ends a cycle (after its Stage 4 review). Archived is a flag, not a state.
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In mentor review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    READY_FOR_SIGN_OFF = "ready_for_sign_off", "Ready for sign-off"
    SIGNED_OFF = "signed_off", "Signed off"
    CLOSED = "closed", "Closed"


class Timing(models.TextChoices):
    PROSPECTIVE = "prospective", "Looking ahead (before or during the work)"
    RETROSPECTIVE = "retrospective", "Looking back (at work already done)"


def _member_org_ids(user: User) -> models.QuerySet[Any]:
    from heathub.orgs.models import Membership

    return Membership.objects.filter(user=user).values("organisation_id")


def _org_admin_org_ids(user: User) -> models.QuerySet[Any]:
    from heathub.orgs.models import Membership, Role

    return Membership.objects.filter(user=user, role=Role.ORG_ADMIN).values("organisation_id")


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    """Who sees and who changes what: the rule table is access.ACCESS_RULES (and
    docs/permissions.md). Subqueries, not joins, so no row is repeated and no distinct() needed."""

    def visible_to(self, user: User | Any) -> AssessmentQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        seen = (
            Q(organisation_id__in=_member_org_ids(user))
            | Q(owner=user)
            | Q(pk__in=Collaborator.objects.filter(user=user).values("assessment_id"))
        )
        if user.is_mentor:
            seen |= Q(pk__in=MentorReview.objects.filter(mentor=user).values("assessment_id"))
        return self.filter(seen)

    def editable_by(self, user: User | Any) -> AssessmentQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(
            Q(owner=user)
            | Q(pk__in=Collaborator.objects.filter(user=user).values("assessment_id"))
            | Q(organisation_id__in=_org_admin_org_ids(user))
        )

    def involving(self, user: User | Any) -> AssessmentQuerySet:
        """Owned by or shared with the person as a collaborator ("My assessments")."""
        return self.filter(
            Q(owner=user) | Q(pk__in=Collaborator.objects.filter(user=user).values("assessment_id"))
        )

    def status_counts(self) -> dict[str, int]:
        """How many in each status (what a programme lead may see: counts, not content)."""
        rows = self.order_by().values_list("status").annotate(n=models.Count("pk"))
        return dict(rows)

    def search(self, text: str) -> AssessmentQuerySet:
        text = text.strip()
        return self.filter(title__icontains=text) if text else self

    def active(self) -> AssessmentQuerySet:
        return self.filter(archived=False)

    def due_for_review(self, today: datetime.date | None = None) -> AssessmentQuerySet:
        """Signed off, with a review date on or before today (worked out, never stored)."""
        today = today or timezone.localdate()
        return self.filter(status=Status.SIGNED_OFF, next_review_on__lte=today)

    def with_overdue_actions(self, today: datetime.date | None = None) -> AssessmentQuerySet:
        today = today or timezone.localdate()
        overdue = Action.objects.overdue(today).values("assessment_id")
        return self.filter(pk__in=overdue)


class Assessment(models.Model):
    title = models.CharField(max_length=TITLE_LIMIT)
    subject = models.CharField(max_length=20, choices=Subject.choices)
    description = models.TextField(max_length=DESCRIPTION_LIMIT, blank=True)
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="assessments"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_assessments"
    )
    collaborators: models.ManyToManyField[User, Collaborator] = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="collaborating_assessments",
        through="Collaborator",
    )
    # Pinned: a new framework version never changes an assessment started on an older one.
    framework_version = models.ForeignKey(
        FrameworkVersion, on_delete=models.PROTECT, related_name="assessments"
    )
    timing = models.CharField(max_length=20, choices=Timing.choices, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    # Sign-off (sign_off.py): the senior sponsor's name, role and date, with the declaration.
    sponsor_name = models.CharField(max_length=150, blank=True)
    sponsor_role = models.CharField(max_length=150, blank=True)
    signed_off_on = models.DateField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="signed_off_assessments",
        null=True,
        blank=True,
    )
    declaration = models.TextField(blank=True, help_text="The declaration text as agreed")
    # "Due for review" is worked out from this date, never stored.
    next_review_on = models.DateField(null=True, blank=True)

    # Cycles: finishing a Stage 4 review may start the next cycle as a copy of this one.
    cycle = models.PositiveSmallIntegerField(default=1)
    previous_cycle = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="next_cycle"
    )
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    archived = models.BooleanField(default=False)
    archived_at = models.DateTimeField(null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()
    history = HistoricalRecords()

    if TYPE_CHECKING:
        answers: models.Manager[Answer]
        considerations: models.Manager[PopulationGroupConsideration]
        actions: models.Manager[Action]
        mentor_reviews: models.Manager[MentorReview]
        periodic_reviews: models.Manager[PeriodicReview]

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["owner"]),
            models.Index(fields=["next_review_on"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_locked(self) -> bool:
        """Stages 1-3 are read-only once signed off (and in a closed cycle)."""
        return self.status in (Status.SIGNED_OFF, Status.CLOSED)

    def stage_is_locked(self, stage_key: str) -> bool:
        if self.archived:
            return True
        return self.is_locked and stage_key in LOCKED_STAGES

    def is_editor(self, user: User | Any) -> bool:
        """Owner, collaborators and the organisation's org admins (access.ACCESS_RULES)."""
        if not getattr(user, "is_authenticated", False):
            return False
        return Assessment.objects.editable_by(user).filter(pk=self.pk).exists()

    def editable_by(self, user: User | Any) -> bool:
        return self.is_editor(user)

    def is_due_for_review(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return (
            self.status == Status.SIGNED_OFF
            and self.next_review_on is not None
            and self.next_review_on <= today
        )

    def ready_for_sign_off_checks(self) -> list[str]:
        """What stops sign-off, as sentences; empty when Stages 1-3 are all complete."""
        from heathub.assessments.progress import incomplete_stage_messages

        return incomplete_stage_messages(self, LOCKED_STAGES)


class Collaborator(models.Model):
    """An explicit through table so history can record who was added and removed."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="collaborators_through"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="collaborations"
    )
    added_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "user"], name="one_collaborator_row")
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.assessment}"


class Answer(models.Model):
    """One question's answer. `version` goes up on every save: a page posted with an older
    version is refused (two people on the same question), so edits to other questions never
    conflict. `completed` is set by the stage's check-your-answers page and cleared by an edit."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question_key = models.CharField(max_length=80)
    value = models.JSONField(default=dict, blank=True)
    version = models.PositiveIntegerField(default=0)
    completed = models.BooleanField(default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question_key"], name="one_answer_per_question"
            )
        ]
        ordering = ["assessment", "question_key"]

    def __str__(self) -> str:
        return f"{self.question_key} (v{self.version})"


class AffectedLens(models.TextChoices):
    ACCESS = "access", "Access"
    EXPERIENCE = "experience", "Experience"
    OUTCOMES = "outcomes", "Outcomes"


class Confidence(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class ExpectedEffect(models.TextChoices):
    NARROW = "narrow", "Narrow the gap"
    WIDEN = "widen", "Widen the gap"
    NONE = "none", "No change"
    UNKNOWN = "unknown", "Not known yet"


class PopulationGroupConsideration(models.Model):
    """A ticked group (or, with several groups, an intersection) and what the team found."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="considerations"
    )
    groups = models.ManyToManyField(PopulationGroup, related_name="considerations")
    affected_access = models.BooleanField(default=False)
    affected_experience = models.BooleanField(default=False)
    affected_outcomes = models.BooleanField(default=False)
    affected_how = models.TextField(blank=True)
    evidence = models.TextField(blank=True)
    evidence_links = models.JSONField(default=list, blank=True)  # [url, ...]
    confidence = models.CharField(max_length=10, choices=Confidence.choices, blank=True)
    expected_effect = models.CharField(max_length=10, choices=ExpectedEffect.choices, blank=True)
    effect_rationale = models.TextField(blank=True)
    mitigation = models.TextField(blank=True)
    data_gap = models.TextField(blank=True)
    # Core20 depends on the IMD edition: the areas in the most deprived 20% change between
    # editions, so the team records the one it used (from the group's imd_editions).
    imd_edition = models.CharField("IMD edition", max_length=10, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords(m2m_fields=[groups])

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return ", ".join(g.label for g in self.groups.all()) or "No group"

    @property
    def lenses(self) -> list[str]:
        return [
            label
            for flag, label in (
                (self.affected_access, AffectedLens.ACCESS.label),
                (self.affected_experience, AffectedLens.EXPERIENCE.label),
                (self.affected_outcomes, AffectedLens.OUTCOMES.label),
            )
            if flag
        ]


class ActionStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


OPEN_ACTION_STATUSES = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)


class ActionQuerySet(models.QuerySet["Action"]):
    def open(self) -> ActionQuerySet:
        return self.filter(status__in=OPEN_ACTION_STATUSES)

    def overdue(self, today: datetime.date | None = None) -> ActionQuerySet:
        today = today or timezone.localdate()
        return self.open().filter(due_on__lt=today)


class Action(models.Model):
    """A change the team will make: owned by a member or a named person, with a real due date."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(max_length=500)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_actions",
    )
    owner_name = models.CharField(max_length=150, blank=True)  # someone not on heathub
    due_on = models.DateField()
    status = models.CharField(
        max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    groups = models.ManyToManyField(PopulationGroup, blank=True, related_name="actions")
    measure = models.TextField(blank=True)
    note = models.TextField(blank=True)
    carried_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="carried_to"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[groups])

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.description[:60]

    @property
    def owner_display(self) -> str:
        if self.owner_user is not None:
            return self.owner_user.get_full_name()
        return self.owner_name

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status in OPEN_ACTION_STATUSES and self.due_on < today


class ReviewOutcome(models.TextChoices):
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    READY_FOR_SIGN_OFF = "ready_for_sign_off", "Ready for sign-off"


class MentorReviewQuerySet(models.QuerySet["MentorReview"]):
    def open(self) -> MentorReviewQuerySet:
        return self.filter(outcome="")


class MentorReview(models.Model):
    """A request to a mentor; open until the mentor gives an outcome. Naming a mentor here
    shares the assessment with them (read and comment), for as long as they hold the grant."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="mentor_reviews"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mentor_reviews"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    message = models.TextField(blank=True)
    outcome = models.CharField(max_length=20, choices=ReviewOutcome.choices, blank=True)
    outcome_note = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = MentorReviewQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"Review of {self.assessment} by {self.mentor}"

    @property
    def is_open(self) -> bool:
        return self.outcome == ""


class ReviewComment(models.Model):
    review = models.ForeignKey(MentorReview, on_delete=models.CASCADE, related_name="comments")
    question_key = models.CharField(max_length=80)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.question_key}: {self.text[:40]}"

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None


class PeriodicReviewOutcome(models.TextChoices):
    CLOSED = "closed", "Close the assessment"
    NEXT_CYCLE = "next_cycle", "Start the next cycle"


class PeriodicReview(models.Model):
    """The Stage 4 review, recorded on a signed-off assessment (periodic_review.py). Open while
    `finished_at` is empty: "Save and come back later" keeps a part-written review here."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="periodic_reviews"
    )
    held_on = models.DateField(null=True, blank=True)
    delivered = models.TextField(blank=True)
    changed = models.TextField(blank=True)
    learning = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    # {action pk (str): "what happened"}; the statuses themselves are saved on the actions
    action_updates = models.JSONField(default=dict, blank=True)
    started_early = models.BooleanField(
        default=False, help_text="Opened by choice before the review date"
    )
    outcome = models.CharField(max_length=20, choices=PeriodicReviewOutcome.choices, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    next_review_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"Review of {self.assessment} on {self.held_on}"


class ReminderKind(models.TextChoices):
    REVIEW_DUE = "review_due", "Review due in 30 days"
    ACTION_OVERDUE = "action_overdue", "Action overdue"


class SentReminder(models.Model):
    """A date-driven email already sent (notifications.send_reminders). The unique constraint is
    what makes a second run on the same day, or a run after a missed day, send nothing twice."""

    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    object_id = models.PositiveBigIntegerField(help_text="The assessment or action reminded of")
    due_on = models.DateField(help_text="The review or due date the reminder was about")
    recipients = models.TextField(blank=True)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "due_on"], name="one_reminder_per_due_date"
            )
        ]
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.object_id} ({self.due_on})"
