"""Every change to an assessment's content: one function, one transaction, one history reason.

Views parse input, call one of these, and redirect. Refusals are exceptions with a sentence for
the person (ActionRefused) or, for a stale page, the answer as it now stands (StaleAnswer).
The review workflow (mentor review, sign-off, Stage 4, archive, copy) lives in its own modules.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.text import slugify

from heathub.accounts.models import User
from heathub.assessments import answer_kinds
from heathub.assessments.models import (
    Action,
    Answer,
    Assessment,
    Collaborator,
    PopulationGroupConsideration,
    Subject,
)
from heathub.core.refusals import ActionRefused
from heathub.frameworks.models import Dimension, FrameworkVersion, PopulationGroup, Question, Stage
from heathub.history.recording import record
from heathub.orgs.models import Organisation


class StaleAnswer(Exception):  # noqa: N818 (a refusal, named for what happened)
    """Someone else saved this section after the page was opened."""

    def __init__(self, answer: Answer) -> None:
        super().__init__(
            f"{answer.updated_by or 'Someone'} saved this section while you were editing it"
        )
        self.answer = answer


@dataclass
class StageIncomplete(Exception):  # noqa: N818 (a refusal, named for what happened)
    problems: dict[str, list[answer_kinds.Problem]] = field(default_factory=dict)


def check_stage_open(assessment: Assessment, stage_key: str) -> None:
    if assessment.archived:
        raise ActionRefused("This assessment is archived: it can be read but not changed.")
    if assessment.stage_is_locked(stage_key):
        raise ActionRefused(
            "This assessment is signed off, so Stages 1 to 3 are read-only. "
            "An organisation admin can unlock it."
        )


@transaction.atomic
def start_assessment(
    *,
    by: User,
    title: str,
    subject: Subject | str,
    description: str,
    organisation: Organisation,
    owner: User,
    collaborators: Iterable[User],
    framework_version: FrameworkVersion,
) -> Assessment:
    assessment = Assessment(
        title=title,
        subject=subject,
        description=description,
        organisation=organisation,
        owner=owner,
        framework_version=framework_version,
    )
    record(assessment, "Assessment started", by)
    assessment.save()
    for person in collaborators:
        if person != owner:
            add_collaborator(assessment, person, by=by)
    return assessment


def add_collaborator(assessment: Assessment, person: User, *, by: User) -> Collaborator:
    row = Collaborator(assessment=assessment, user=person)
    record(row, f"{person.get_full_name()} added as a collaborator", by)
    row.save()
    return row


@transaction.atomic
def change_details(
    assessment: Assessment,
    *,
    by: User,
    title: str,
    subject: str,
    description: str,
    owner: User,
    collaborators: Sequence[User],
) -> Assessment:
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.archived:
        raise ActionRefused("This assessment is archived: it can be read but not changed.")
    assessment.title, assessment.subject, assessment.description = title, subject, description
    assessment.owner = owner
    record(assessment, "Details changed", by)
    assessment.save()
    wanted = {p.pk for p in collaborators if p.pk != owner.pk}
    for row in assessment.collaborators_through.select_related("user"):
        if row.user_id not in wanted:
            record(row, f"{row.user.get_full_name()} removed as a collaborator", by)
            row.delete()
    have = set(assessment.collaborators_through.values_list("user_id", flat=True))
    for person in collaborators:
        if person.pk in wanted and person.pk not in have:
            add_collaborator(assessment, person, by=by)
    return assessment


def _lock_answer(assessment: Assessment, question: Question, expected_version: int) -> Answer:
    """The answer row, locked for this transaction; StaleAnswer if the page was out of date."""
    try:
        with transaction.atomic():  # a savepoint: two first saves at once meet the constraint
            answer, _ = Answer.objects.select_for_update().get_or_create(
                assessment=assessment, question_key=question.key
            )
    except IntegrityError:
        answer = Answer.objects.select_for_update().get(
            assessment=assessment, question_key=question.key
        )
    if answer.version != expected_version:
        raise StaleAnswer(answer)
    return answer


def _bump(answer: Answer, value: dict[str, Any], by: User, reason: str) -> Answer:
    answer.value = value
    answer.version += 1
    answer.completed = False  # any edit sends the section back through check your answers
    answer.updated_by = by
    record(answer, reason, by)
    answer.save()
    # "last changed" for the lists; a timestamp only, so it is not a history entry of its own
    Assessment.objects.filter(pk=answer.assessment_id).update(updated_at=timezone.now())
    return answer


@transaction.atomic
def save_answer(
    assessment: Assessment,
    question: Question,
    value: dict[str, Any],
    *,
    by: User,
    expected_version: int,
) -> Answer:
    """Save one question's answer as it stands, without required checks ("save and come back
    later"). Refused with StaleAnswer when someone else saved it since the page was opened."""
    check_stage_open(assessment, question.stage.key)
    answer = _lock_answer(assessment, question, expected_version)
    return _bump(answer, value, by, f"Answer to {question.key} saved")


@dataclass(frozen=True)
class ConsiderationEdit:
    """What a groups page posted for one existing consideration (only the page's fields)."""

    pk: int
    values: dict[str, Any]


@transaction.atomic
def save_groups_answer(
    assessment: Assessment,
    question: Question,
    value: dict[str, Any],
    *,
    by: User,
    expected_version: int,
    ticked_group_ids: set[int] | None,
    edits: Sequence[ConsiderationEdit],
    removed_ids: Iterable[int] = (),
) -> Answer:
    """A groups question: ticks (None when the page has no checklist), per-group details and
    the question's own text, saved together under the section's version."""
    check_stage_open(assessment, question.stage.key)
    answer = _lock_answer(assessment, question, expected_version)
    fields = [f for f in answer_kinds.group_fields(question) if f != "lenses"]  # lenses: 3 flags
    if "lenses" in answer_kinds.group_fields(question):
        fields += ["affected_access", "affected_experience", "affected_outcomes"]
    existing = {c.pk: c for c in assessment.considerations.prefetch_related("groups")}
    for edit in edits:
        consideration = existing.get(edit.pk)
        if consideration is None:  # removed by someone on another section meanwhile
            continue
        for name in fields:
            if name in edit.values:
                setattr(consideration, name, edit.values[name])
        record(consideration, f"Population group details saved ({question.key})", by)
        consideration.save()
    for pk in removed_ids:
        if pk in existing:
            record(existing[pk], "Population group removed", by)
            existing[pk].delete()
    if ticked_group_ids is not None:
        _apply_ticks(assessment, ticked_group_ids, existing, by)
    return _bump(answer, value, by, f"Answer to {question.key} saved")


def _apply_ticks(
    assessment: Assessment,
    ticked: set[int],
    existing: dict[int, PopulationGroupConsideration],
    by: User,
) -> None:
    single: dict[int, PopulationGroupConsideration] = {}
    for c in existing.values():
        group_ids = [g.pk for g in c.groups.all()]
        if len(group_ids) == 1:
            single[group_ids[0]] = c
    for group_id, c in single.items():
        if group_id not in ticked and c.pk is not None:
            record(c, "Population group unticked", by)
            c.delete()
    allowed = set(groups_for(assessment).filter(pk__in=ticked).values_list("pk", flat=True))
    order = len(existing)
    for group_id in sorted(allowed - set(single)):
        order += 1
        add_consideration(assessment, [group_id], by=by, order=order)


def add_consideration(
    assessment: Assessment, group_ids: Sequence[int], *, by: User, order: int = 0
) -> PopulationGroupConsideration:
    consideration = PopulationGroupConsideration(assessment=assessment, order=order)
    record(consideration, "Population group ticked", by)
    consideration.save()
    consideration.groups.set(group_ids)
    return consideration


def groups_for(assessment: Assessment) -> models.QuerySet[PopulationGroup]:
    """The framework version's shared groups and the organisation's local PLUS groups."""
    return PopulationGroup.objects.filter(
        models.Q(framework_version=assessment.framework_version_id)
        | models.Q(organisation=assessment.organisation_id)
    )


@transaction.atomic
def add_intersection(
    assessment: Assessment, group_ids: Sequence[int], *, by: User
) -> PopulationGroupConsideration:
    check_stage_open(assessment, "assess")
    allowed = list(groups_for(assessment).filter(pk__in=group_ids).values_list("pk", flat=True))
    if len(allowed) < 2:
        raise ActionRefused("Select at least two groups that overlap")
    order = assessment.considerations.count() + 1
    consideration = add_consideration(assessment, allowed, by=by, order=order)
    record(consideration, "Intersection of groups added", by)
    return consideration


@transaction.atomic
def add_local_group(
    assessment: Assessment, *, by: User, label: str, description: str
) -> PopulationGroup:
    """A locally chosen PLUS group: belongs to the organisation, ticked on this assessment."""
    check_stage_open(assessment, "assess")
    organisation = assessment.organisation
    same = groups_for(assessment).filter(label__iexact=label.strip()).first()
    if same is not None:
        raise ActionRefused(f"{same.label} is already on the list: tick it there")
    base = slugify(label)[:60] or "group"
    group = PopulationGroup.objects.create(
        organisation=organisation,
        key=f"local-{base}",
        label=label,
        description=description,
        dimension=Dimension.LOCAL,
        order=999,
    )
    add_consideration(assessment, [group.pk], by=by, order=assessment.considerations.count() + 1)
    return group


@transaction.atomic
def save_action(
    assessment: Assessment,
    *,
    by: User,
    action: Action | None,
    expected_updated_at: datetime.datetime | None,
    description: str,
    owner_user: User | None,
    owner_name: str,
    due_on: datetime.date,
    status: str,
    measure: str,
    group_ids: Sequence[int],
) -> Action:
    """Add an action (action=None) or change one. A change to an action someone else changed
    since the page was opened is refused with ActionRefused."""
    check_stage_open(assessment, "refine")
    if action is None:
        action = Action(assessment=assessment)
        reason = "Action added"
    else:
        action = Action.objects.select_for_update().get(pk=action.pk, assessment=assessment)
        if expected_updated_at is not None and action.updated_at != expected_updated_at:
            raise ActionRefused(
                "Someone else changed this action while you were editing it. "
                "Your changes are shown below: check them against theirs and save again."
            )
        reason = "Action changed"
    action.description, action.owner_user, action.owner_name = description, owner_user, owner_name
    action.due_on, action.status, action.measure = due_on, status, measure
    record(action, reason, by)
    action.save()
    action.groups.set(groups_for(assessment).filter(pk__in=group_ids))
    _touch_actions_answer(assessment, by)
    return action


@transaction.atomic
def delete_action(assessment: Assessment, action: Action, *, by: User) -> None:
    check_stage_open(assessment, "refine")
    record(action, "Action removed", by)
    action.delete()
    _touch_actions_answer(assessment, by)


def _touch_actions_answer(assessment: Assessment, by: User) -> None:
    """An actions section with a changed list needs checking again."""
    keys = Question.objects.filter(
        stage__framework_version=assessment.framework_version_id, answer_kind="actions"
    ).values_list("key", flat=True)
    for answer in Answer.objects.select_for_update().filter(
        assessment=assessment, question_key__in=list(keys), completed=True
    ):
        answer.completed = False
        record(answer, "Actions changed: section needs checking again", by)
        answer.save(update_fields=["completed", "updated_at"])


@transaction.atomic
def complete_stage(assessment: Assessment, stage: Stage, *, by: User) -> None:
    """Confirm a stage's answers on its check-your-answers page. Refused, naming each missing
    field, while a required answer is incomplete."""
    check_stage_open(assessment, stage.key)
    answers = {
        a.question_key: a for a in Answer.objects.select_for_update().filter(assessment=assessment)
    }
    problems: dict[str, list[answer_kinds.Problem]] = {}
    questions = list(stage.questions.all())
    for question in questions:
        answer = answers.get(question.key)
        found = answer_kinds.required_problems(question, answer.value if answer else {}, assessment)
        if found:
            problems[question.key] = found
    if problems:
        raise StageIncomplete(problems)
    now = timezone.now()
    for question in questions:
        answer = answers.get(question.key) or Answer(
            assessment=assessment, question_key=question.key, updated_by=by
        )
        if not answer.completed:
            answer.completed = True
            answer.updated_at = now
            record(answer, f"{stage.title} checked and marked complete", by)
            answer.save()
