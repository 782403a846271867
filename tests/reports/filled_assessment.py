"""An assessment filled in the way a team would, for the export tests: answers in Stages 1-3,
two population groups, two actions (one overdue), a mentor comment, and the sponsor's sign-off.

Built inside each test from the cast in tests/assessments/conftest.py (with the framework fixture
it is given, usually the bundled HEAT paraphrase).
"""

from __future__ import annotations

import datetime

from heathub.accounts.models import User
from heathub.assessments.models import (
    Action,
    ActionStatus,
    Answer,
    Assessment,
    Confidence,
    ExpectedEffect,
    MentorReview,
    PopulationGroupConsideration,
    ReviewComment,
    Status,
)
from heathub.assessments.sign_off import DECLARATION
from heathub.frameworks.models import PopulationGroup

TODAY = datetime.date(2026, 11, 25)
SCOPE = (
    "A stop-smoking service run from community pharmacies in Tamworth, for routine and manual "
    "workers and people in the most deprived neighbourhoods. Details: "
    "http://127.0.0.1:9/tracker.png"
)
DRIVERS = "Shift work makes daytime clinics hard to reach."
COMMENT = "Say more about how shift workers will hear about the service."
OVERDUE_ACTION = "Run evening clinics in Glascote and Belgrave"
DONE_ACTION = "Train pharmacy staff in very brief advice"
SPONSOR = "Dr Helen Marsh"
SPONSOR_ROLE = "Director of Public Health, Staffordshire County Council"


def fill(assessment: Assessment, *, mentor: User) -> Assessment:
    owner = assessment.owner
    answers = {
        "prepare.scope": {"text": SCOPE},
        "prepare.team": {
            "people": [
                {"name": owner.get_full_name(), "role": "lead"},
                {"name": SPONSOR, "role": "sponsor"},
            ]
        },
        "assess.drivers": {"text": DRIVERS},
        "assess.groups": {"text": "We started from the Core20 areas."},
    }
    for key, value in answers.items():
        Answer.objects.create(assessment=assessment, question_key=key, value=value, version=1)

    version = assessment.framework_version
    core20 = PopulationGroup.objects.get(framework_version=version, key="core20")
    age = PopulationGroup.objects.get(framework_version=version, key="age")
    first = PopulationGroupConsideration.objects.create(
        assessment=assessment,
        affected_access=True,
        affected_outcomes=True,
        affected_how="Fewer quit attempts supported by the service",
        evidence="Local Tobacco Control Profile 2025",
        evidence_links=["https://fingertips.phe.org.uk/profile/tobacco-control"],
        confidence=Confidence.MEDIUM,
        expected_effect=ExpectedEffect.NARROW,
        effect_rationale="Evening clinics reach shift workers",
        order=1,
    )
    first.groups.set([core20])
    second = PopulationGroupConsideration.objects.create(
        assessment=assessment, affected_experience=True, confidence=Confidence.LOW, order=2
    )
    second.groups.set([age])

    overdue = Action.objects.create(
        assessment=assessment,
        description=OVERDUE_ACTION,
        owner_user=owner,
        due_on=datetime.date(2026, 3, 1),
        status=ActionStatus.IN_PROGRESS,
    )
    overdue.groups.set([core20])
    Action.objects.create(
        assessment=assessment,
        description=DONE_ACTION,
        owner_name="Tamworth pharmacy lead",
        due_on=datetime.date(2027, 1, 31),
        status=ActionStatus.DONE,
    )

    review = MentorReview.objects.create(
        assessment=assessment, mentor=mentor, requested_by=owner, outcome="ready_for_sign_off"
    )
    ReviewComment.objects.create(
        review=review, question_key="prepare.scope", author=mentor, text=COMMENT
    )

    assessment.status = Status.SIGNED_OFF
    assessment.sponsor_name = SPONSOR
    assessment.sponsor_role = SPONSOR_ROLE
    assessment.signed_off_on = datetime.date(2026, 11, 20)
    assessment.signed_off_by = owner
    assessment.declaration = DECLARATION
    assessment.next_review_on = datetime.date(2027, 5, 20)
    assessment.save()
    return assessment
