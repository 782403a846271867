"""The demo's example assessment: part-way through, in an example organisation (so every page
that shows it carries the "Example" label). Written through the same actions as the pages, so
its history reads like a real one."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from heathub.accounts.models import User
from heathub.assessments import actions
from heathub.assessments.models import Assessment, Subject
from heathub.frameworks.loader import ensure_default_framework
from heathub.frameworks.models import Question
from heathub.orgs.models import Organisation

EXAMPLE_ORGANISATION = "Example Coventry Community Trust"
EXAMPLE_TITLE = "Stop-smoking support for routine and manual workers in Coventry"

ANSWERS: dict[str, dict[str, Any]] = {
    "prepare.scope": {
        "text": (
            "A community stop-smoking service run from three Coventry clinics and a mobile unit "
            "that visits workplaces. It serves adults who smoke and live or work in Coventry, "
            "with a focus on people in routine and manual jobs, where smoking rates are highest."
        )
    },
    "prepare.timing": {
        "choice": "change",
        "text": "Looking ahead: the service is being redesigned for April.",
    },
    "prepare.team": {
        "people": [
            {"name": "Priya Shah", "role": "lead"},
            {"name": "Dr Helen Carter, Director of Public Health", "role": "sponsor"},
            {"name": "Tom Evans", "role": "analyst"},
            {"name": "Coventry Citizens Advice", "role": "partner"},
        ],
        "text": "",
    },
    "prepare.evidence_plan": {
        "items": [
            {
                "title": "Local Tobacco Control Profiles",
                "url": "https://fingertips.phe.org.uk/profile/tobacco-control",
                "source": "OHID Fingertips",
                "date": "2025-06-03",
            }
        ],
        "text": "Quit rates by ward are not published: we will ask the service for them.",
    },
    "assess.inequalities": {
        "items": [],
        "text": (
            "Smoking prevalence among routine and manual workers is about twice that of "
            "people in managerial jobs, and quit attempts succeed less often."
        ),
    },
}


@transaction.atomic
def load_example_assessment() -> Assessment:
    """Idempotent: a second run finds the example already there."""
    organisation = Organisation.objects.get(name=EXAMPLE_ORGANISATION)
    existing = Assessment.objects.filter(organisation=organisation, title=EXAMPLE_TITLE).first()
    if existing is not None:
        return existing
    owner = User.objects.get(email="lead@example.org")
    colleague = User.objects.get(email="colleague@example.org")
    assessment = actions.start_assessment(
        by=owner,
        title=EXAMPLE_TITLE,
        subject=Subject.SERVICE,
        description="Redesign of the community stop-smoking service (an example).",
        organisation=organisation,
        owner=owner,
        collaborators=[colleague],
        framework_version=ensure_default_framework(),
    )
    questions = {
        q.key: q
        for q in Question.objects.filter(stage__framework_version=assessment.framework_version)
    }
    for key, value in ANSWERS.items():
        actions.save_answer(assessment, questions[key], value, by=owner, expected_version=0)
    actions.complete_stage(assessment, questions["prepare.scope"].stage, by=owner)
    _groups_and_actions(assessment, questions, owner, colleague)
    return assessment


def _groups_and_actions(
    assessment: Assessment, questions: dict[str, Question], owner: User, colleague: User
) -> None:
    groups = {g.key: g for g in actions.groups_for(assessment)}
    chosen = [groups[k].pk for k in ("occupation", "core20", "disability") if k in groups]
    actions.save_groups_answer(
        assessment,
        questions["assess.groups"],
        {"text": ""},
        by=owner,
        expected_version=0,
        ticked_group_ids=set(chosen),
        edits=[],
    )
    today = timezone.localdate()
    for description, who, due, status in (
        ("Run evening and weekend clinics near the biggest employers", colleague, 60, "planned"),
        ("Offer vapes as a quit aid at every clinic", owner, -14, "in_progress"),
    ):
        actions.save_action(
            assessment,
            by=owner,
            action=None,
            expected_updated_at=None,
            description=description,
            owner_user=who,
            owner_name="",
            due_on=today + datetime.timedelta(days=due),
            status=status,
            measure="Four-week quit rate among routine and manual workers",
            group_ids=chosen[:1],
        )
