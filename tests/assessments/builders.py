"""Small builders for assessment tests: a framework version shaped like HEAT's, people and
organisations. Built inside each test, never shared state."""

from __future__ import annotations

import itertools
from typing import Any

from heathub.accounts.models import User
from heathub.assessments.models import Assessment, Collaborator
from heathub.frameworks.models import (
    AnswerKind,
    Dimension,
    FrameworkVersion,
    PopulationGroup,
    Question,
    Stage,
    Wording,
)
from heathub.orgs.models import Membership, Organisation, OrganisationType, Role

_seq = itertools.count(1)

STAGES: tuple[tuple[str, str, tuple[tuple[str, str, str, bool, dict[str, Any]], ...]], ...] = (
    (
        "prepare",
        "Prepare",
        (
            (
                "prepare.scope",
                "What is the work and whom does it serve?",
                AnswerKind.TEXT,
                True,
                {"limit": 1000},
            ),
            (
                "prepare.timing",
                "What stage is the work at?",
                AnswerKind.CHOICE,
                True,
                {
                    "choices": [
                        {"value": "planning", "label": "Planning"},
                        {"value": "delivery", "label": "Delivery"},
                    ],
                    "text": True,
                },
            ),
            ("prepare.team", "Who takes part?", AnswerKind.PEOPLE, True, {}),
            (
                "prepare.evidence_plan",
                "What data do you have?",
                AnswerKind.EVIDENCE,
                False,
                {"text": True},
            ),
        ),
    ),
    (
        "assess",
        "Assess",
        (
            ("assess.inequalities", "Which inequalities are relevant?", AnswerKind.TEXT, True, {}),
            ("assess.groups", "Which groups experience them?", AnswerKind.GROUPS, True, {}),
            (
                "assess.effect",
                "Could the work narrow or widen the gaps?",
                AnswerKind.GROUPS,
                True,
                {"text": True},
            ),
            (
                "assess.equality_duty",
                "How does the work support the three aims?",
                AnswerKind.YESNO,
                True,
                {
                    "parts": [
                        {"key": "discrimination", "label": "Ending discrimination"},
                        {"key": "opportunity", "label": "Advancing equality of opportunity"},
                        {"key": "relations", "label": "Fostering good relations"},
                    ]
                },
            ),
        ),
    ),
    (
        "refine",
        "Refine and apply",
        (
            ("refine.opportunities", "Where are the best chances?", AnswerKind.TEXT, True, {}),
            ("refine.actions", "What will you change?", AnswerKind.ACTIONS, True, {}),
        ),
    ),
    (
        "review",
        "Review",
        (
            ("review.learning", "What did you learn?", AnswerKind.TEXT, True, {}),
            ("review.next", "When is the next review?", AnswerKind.DATE, False, {}),
        ),
    ),
)

GROUPS = (
    ("age", "Age", Dimension.PROTECTED),
    ("disability", "Disability", Dimension.PROTECTED),
    ("race", "Race", Dimension.PROTECTED),
    ("core20", "People in the most deprived 20% of areas (Core20)", Dimension.SOCIOECONOMIC),
    ("coastal", "Coastal communities", Dimension.GEOGRAPHIC),
    ("homeless", "People experiencing homelessness", Dimension.INCLUSION),
)


def make_framework(version: str = "2024.1") -> FrameworkVersion:
    fv = FrameworkVersion.objects.create(
        name="HEAT",
        version=version,
        wording=Wording.PARAPHRASE,
        active=True,
        source_text="# test",
    )
    for s_order, (key, title, questions) in enumerate(STAGES, start=1):
        stage = Stage.objects.create(framework_version=fv, key=key, title=title, order=s_order)
        for q_order, (q_key, prompt, kind, required, options) in enumerate(questions, start=1):
            Question.objects.create(
                stage=stage,
                key=q_key,
                prompt=prompt,
                answer_kind=kind,
                required=required,
                order=q_order,
                options=options,
            )
    for order, (key, label, dim) in enumerate(GROUPS):
        PopulationGroup.objects.create(
            framework_version=fv, key=key, label=label, dimension=dim, order=order
        )
    return fv


def make_org(name: str | None = None, **extra: Any) -> Organisation:
    return Organisation.objects.create(
        name=name or f"Example Trust {next(_seq)}", type=OrganisationType.NHS_TRUST, **extra
    )


def make_user(
    org: Organisation | None = None, role: str = Role.MEMBER, name: str | None = None, **extra: Any
) -> User:
    n = next(_seq)
    full_name = name or f"Person {n}"
    user = User.objects.create_user(
        f"person{n}@nhs.net", "a-long-enough-password", full_name=full_name, **extra
    )
    if org is not None:
        Membership.objects.create(user=user, organisation=org, role=role)
    return user


def make_assessment(
    owner: User,
    org: Organisation,
    framework: FrameworkVersion,
    collaborators: tuple[User, ...] = (),
    **extra: Any,
) -> Assessment:
    assessment = Assessment.objects.create(
        title=extra.pop("title", "Smoking cessation in Tamworth"),
        subject=extra.pop("subject", "project"),
        organisation=org,
        owner=owner,
        framework_version=framework,
        **extra,
    )
    for person in collaborators:
        Collaborator.objects.create(assessment=assessment, user=person)
    return assessment
