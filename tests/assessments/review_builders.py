"""Builders for the review-workflow tests: a team around one assessment, completed stages."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from heathub.accounts.models import User
from heathub.assessments.models import LOCKED_STAGES, Action, Answer, Assessment
from heathub.frameworks.models import Question
from heathub.orgs.models import Organisation, Role
from tests.assessments.builders import make_assessment, make_framework, make_org, make_user


@dataclass
class Team:
    org: Organisation
    owner: User
    collaborator: User
    colleague: User
    admin: User
    mentor: User
    other_mentor: User
    outsider: User
    assessment: Assessment


def make_team(**assessment_extra: object) -> Team:
    org = make_org("Walsall Healthcare NHS Trust")
    owner = make_user(org, Role.EDITOR, name="Priya Shah")
    collaborator = make_user(org, name="Tom Evans")
    colleague = make_user(org, Role.EDITOR, name="Grace Okafor")
    admin = make_user(org, Role.ORG_ADMIN, name="Sam Patel")
    mentor = make_user(make_org("Nottingham City Council"), name="Ruth Mills", is_mentor=True)
    other_mentor = make_user(make_org(), name="Ali Khan", is_mentor=True)
    outsider = make_user(make_org(), Role.ORG_ADMIN, name="Jo Bloggs")
    assessment = make_assessment(
        owner, org, make_framework(), collaborators=(collaborator,), **assessment_extra
    )
    return Team(
        org, owner, collaborator, colleague, admin, mentor, other_mentor, outsider, assessment
    )


def complete_stages_one_to_three(assessment: Assessment, by: User) -> None:
    """Every question of Stages 1-3 answered and confirmed, as check-your-answers leaves it."""
    questions = Question.objects.filter(
        stage__framework_version=assessment.framework_version, stage__key__in=LOCKED_STAGES
    )
    for q in questions:
        Answer.objects.update_or_create(
            assessment=assessment,
            question_key=q.key,
            defaults={
                "value": {"text": f"Answer to {q.key}"},
                "version": 1,
                "completed": True,
                "updated_by": by,
            },
        )


def add_action(
    assessment: Assessment, description: str, due_on: datetime.date, **extra: object
) -> Action:
    return Action.objects.create(
        assessment=assessment, description=description, due_on=due_on, **extra
    )
