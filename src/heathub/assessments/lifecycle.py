"""Archive and restore an assessment, copy it to start a similar one, and start its next cycle.

Archived is a flag, not a state: an archived assessment keeps its status and can be restored.
A copy takes the answers and population groups only (no actions, reviews or sign-off). The next
cycle (after a Stage 4 review) also keeps the team and carries the open actions forward, linked
to the actions they came from, and may move to a newer framework version: answers and groups
carry over where their keys are unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from heathub.accounts.models import User
from heathub.assessments.actions import add_collaborator
from heathub.assessments.models import (
    TITLE_LIMIT,
    Action,
    Answer,
    Assessment,
    PopulationGroupConsideration,
)
from heathub.core.refusals import ActionRefused
from heathub.frameworks.models import FrameworkVersion, PopulationGroup, Question
from heathub.history.recording import record
from heathub.orgs.models import Membership, Role

REVIEW_STAGE = "review"  # the Stage 4 answers belong to one cycle and are not copied


@transaction.atomic
def archive(assessment: Assessment, *, by: User) -> Assessment:
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.archived:
        raise ActionRefused("This assessment is already archived.")
    assessment.archived = True
    assessment.archived_at = timezone.now()
    record(assessment, "Archived", by)
    assessment.save(update_fields=["archived", "archived_at", "updated_at"])
    return assessment


@transaction.atomic
def restore(assessment: Assessment, *, by: User) -> Assessment:
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if not assessment.archived:
        raise ActionRefused("This assessment is not archived.")
    assessment.archived = False
    assessment.archived_at = None
    record(assessment, "Restored from the archive", by)
    assessment.save(update_fields=["archived", "archived_at", "updated_at"])
    return assessment


def can_start_in(user: User, assessment: Assessment) -> bool:
    """A copy starts in the same organisation, so its editors and org admins may make one."""
    return Membership.objects.filter(
        user=user,
        organisation_id=assessment.organisation_id,
        role__in=(Role.EDITOR, Role.ORG_ADMIN),
    ).exists()


@transaction.atomic
def copy_assessment(source: Assessment, *, by: User, title: str) -> Assessment:
    """A new draft owned by `by`, with the source's answers and population groups."""
    if not can_start_in(by, source):
        raise ActionRefused(
            f"Only editors and organisation admins of {source.organisation} can start an "
            "assessment there."
        )
    title = title.strip()
    if not title or len(title) > TITLE_LIMIT:
        raise ActionRefused(f"Enter a title of up to {TITLE_LIMIT} characters.")
    copy = Assessment(
        title=title,
        subject=source.subject,
        description=source.description,
        organisation=source.organisation,
        owner=by,
        framework_version=source.framework_version,
        timing=source.timing,
        copied_from=source,
    )
    record(copy, f"Copied from “{source.title}”", by)
    copy.save()
    _copy_answers(source, copy, by=by)
    _copy_considerations(source, copy, by=by)
    return copy


@transaction.atomic
def start_next_cycle(
    previous: Assessment, *, by: User, framework_version: FrameworkVersion | None = None
) -> Assessment:
    """The next cycle of a reviewed assessment: a draft with the same team, the answers and
    groups, and the open actions carried forward (the caller closes the previous cycle)."""
    if Assessment.objects.filter(previous_cycle=previous).exists():
        raise ActionRefused("The next cycle of this assessment has already been started.")
    version = framework_version or previous.framework_version
    nxt = Assessment(
        title=previous.title,
        subject=previous.subject,
        description=previous.description,
        organisation=previous.organisation,
        owner=previous.owner,
        framework_version=version,
        timing=previous.timing,
        cycle=previous.cycle + 1,
        previous_cycle=previous,
    )
    record(nxt, f"Cycle {nxt.cycle} started from cycle {previous.cycle}", by)
    nxt.save()
    for row in previous.collaborators_through.select_related("user"):
        add_collaborator(nxt, row.user, by=by)
    _copy_answers(previous, nxt, by=by)
    groups = _copy_considerations(previous, nxt, by=by)
    for action in Action.objects.filter(assessment=previous).open().prefetch_related("groups"):
        carried = Action(
            assessment=nxt,
            description=action.description,
            owner_user=action.owner_user,
            owner_name=action.owner_name,
            due_on=action.due_on,
            status=action.status,
            measure=action.measure,
            note=action.note,
            carried_from=action,
        )
        record(carried, f"Carried forward from cycle {previous.cycle}", by)
        carried.save()
        carried.groups.set(_mapped(action.groups.all(), groups))
    return nxt


def _copy_answers(source: Assessment, target: Assessment, *, by: User) -> None:
    keys = set(
        Question.objects.filter(stage__framework_version=target.framework_version)
        .exclude(stage__key=REVIEW_STAGE)
        .values_list("key", flat=True)
    )
    for answer in source.answers.filter(question_key__in=keys):
        # version 1 and not completed: the section shows "In progress" until the team checks it
        copy = Answer(
            assessment=target,
            question_key=answer.question_key,
            value=answer.value,
            version=1,
            completed=False,
            updated_by=by,
        )
        record(copy, f"Copied from “{source.title}”", by)
        copy.save()


def _copy_considerations(
    source: Assessment, target: Assessment, *, by: User
) -> dict[int, PopulationGroup | None]:
    """Copy each consideration; returns how the source's groups map onto the target's version."""
    mapping: dict[int, PopulationGroup | None] = {}
    considerations = list(source.considerations.prefetch_related("groups"))
    by_key: dict[str, PopulationGroup] = {}
    if target.framework_version_id != source.framework_version_id:
        by_key = {
            g.key: g
            for g in PopulationGroup.objects.filter(framework_version=target.framework_version)
        }
    for c in considerations:
        for g in c.groups.all():
            if g.framework_version_id in (None, target.framework_version_id):
                mapping[g.pk] = (
                    g  # local PLUS groups and same-version groups carry over as they are
                )
            else:
                mapping[g.pk] = by_key.get(g.key)
    for c in considerations:
        groups = _mapped(c.groups.all(), mapping)
        if not groups:
            continue  # none of its groups exist in the new framework version
        copy = PopulationGroupConsideration(
            assessment=target,
            affected_access=c.affected_access,
            affected_experience=c.affected_experience,
            affected_outcomes=c.affected_outcomes,
            affected_how=c.affected_how,
            evidence=c.evidence,
            evidence_links=c.evidence_links,
            confidence=c.confidence,
            expected_effect=c.expected_effect,
            effect_rationale=c.effect_rationale,
            mitigation=c.mitigation,
            data_gap=c.data_gap,
            order=c.order,
        )
        record(copy, f"Copied from “{source.title}”", by)
        copy.save()
        copy.groups.set(groups)
    return mapping


def _mapped(
    groups: Iterable[PopulationGroup], mapping: dict[int, PopulationGroup | None]
) -> list[PopulationGroup]:
    result = []
    for g in groups:
        target = mapping.get(g.pk, g)
        if target is not None:
            result.append(target)
    return result
