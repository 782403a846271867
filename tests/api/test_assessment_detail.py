"""GET /api/assessments/{id}: the answers by question key, the population groups considered and the
actions with owner, due date, status and overdue flag; dates in ISO 8601."""

import datetime

from django.urls import reverse
from django.utils import timezone

from heathub.assessments.models import (
    Action,
    ActionStatus,
    Answer,
    Confidence,
    ExpectedEffect,
    PopulationGroupConsideration,
    Status,
)
from heathub.frameworks.models import PopulationGroup
from tests.api.conftest import token_client


def test_detail_gives_answers_groups_and_actions(cast) -> None:
    today = timezone.localdate()
    a = cast.assessment
    a.status = Status.SIGNED_OFF
    a.signed_off_on = today - datetime.timedelta(days=200)
    a.next_review_on = today - datetime.timedelta(days=1)
    a.sponsor_name = "Dr Amara Okafor"
    a.save()
    Answer.objects.create(
        assessment=a, question_key="prepare.scope", value={"text": "Stop-smoking clinics"}
    )
    Answer.objects.create(
        assessment=a, question_key="prepare.timing", value={"choice": "planning"}, completed=True
    )
    core20 = PopulationGroup.objects.get(key="core20")
    homeless = PopulationGroup.objects.get(key="homeless")
    consideration = PopulationGroupConsideration.objects.create(
        assessment=a,
        affected_access=True,
        affected_outcomes=True,
        affected_how="Clinics are far from the estates with the highest smoking rates",
        evidence="Local Tobacco Control Profile",
        evidence_links=["https://fingertips.phe.org.uk/profile/tobacco-control"],
        confidence=Confidence.MEDIUM,
        expected_effect=ExpectedEffect.NARROW,
    )
    consideration.groups.set([core20, homeless])
    overdue = Action.objects.create(
        assessment=a,
        description="Run a weekly clinic at the Tamworth food bank",
        owner_user=cast.collaborator,
        due_on=today - datetime.timedelta(days=3),
        status=ActionStatus.IN_PROGRESS,
    )
    overdue.groups.set([homeless])
    Action.objects.create(
        assessment=a,
        description="Train pharmacy staff",
        owner_name="Sam Patel (Boots, Ankerside)",
        due_on=today - datetime.timedelta(days=30),
        status=ActionStatus.DONE,
    )
    Action.objects.create(
        assessment=a,
        description="Report quit rates by IMD quintile",
        owner_user=cast.owner,
        due_on=today + datetime.timedelta(days=60),
    )

    body = token_client(cast.colleague).get(reverse("api:assessment-detail", args=[a.pk])).json()

    assert body["id"] == a.pk
    assert body["status"] == "signed_off"
    assert body["status_label"] == "Signed off"
    assert body["organisation"] == {"id": cast.organisation.pk, "name": cast.organisation.name}
    assert body["owner"] == {"id": cast.owner.pk, "name": cast.owner.full_name}
    assert body["collaborators"] == [
        {"id": cast.collaborator.pk, "name": cast.collaborator.full_name}
    ]
    assert body["framework_version"] == "HEAT 2024.1"
    assert body["sponsor_name"] == "Dr Amara Okafor"
    assert body["signed_off_on"] == a.signed_off_on.isoformat()
    assert body["next_review_on"] == a.next_review_on.isoformat()
    assert body["due_for_review"] is True
    assert body["overdue_action_count"] == 1
    updated_at = datetime.datetime.fromisoformat(body["updated_at"])  # ISO 8601, to the ms, UTC
    assert updated_at.utcoffset() == datetime.timedelta(0)
    assert abs(updated_at - a.updated_at) < datetime.timedelta(milliseconds=1)

    assert set(body["answers"]) == {"prepare.scope", "prepare.timing"}
    assert body["answers"]["prepare.scope"]["value"] == {"text": "Stop-smoking clinics"}
    assert body["answers"]["prepare.timing"]["completed"] is True

    [groups] = body["population_groups"]
    assert [g["key"] for g in groups["groups"]] == ["core20", "homeless"]
    assert groups["groups"][1]["dimension"] == "inclusion"
    assert groups["affected"] == ["Access", "Outcomes"]
    assert groups["evidence_links"] == ["https://fingertips.phe.org.uk/profile/tobacco-control"]
    assert (groups["confidence"], groups["expected_effect"]) == ("medium", "narrow")

    actions = {action["description"]: action for action in body["actions"]}
    food_bank = actions["Run a weekly clinic at the Tamworth food bank"]
    assert food_bank["owner"] == cast.collaborator.full_name
    assert food_bank["owner_id"] == cast.collaborator.pk
    assert food_bank["due_on"] == overdue.due_on.isoformat()
    assert (food_bank["status"], food_bank["overdue"]) == ("in_progress", True)
    assert food_bank["groups"] == ["homeless"]
    pharmacy = actions["Train pharmacy staff"]
    assert (pharmacy["owner"], pharmacy["owner_id"]) == ("Sam Patel (Boots, Ankerside)", None)
    assert pharmacy["overdue"] is False  # done: not overdue, however old
    assert actions["Report quit rates by IMD quintile"]["overdue"] is False


def test_detail_of_a_fresh_assessment_has_empty_sections(cast) -> None:
    url = reverse("api:assessment-detail", args=[cast.assessment.pk])
    body = token_client(cast.owner).get(url).json()
    assert (body["answers"], body["population_groups"], body["actions"]) == ({}, [], [])
    assert body["due_for_review"] is False
    assert body["signed_off_on"] is None


def test_people_appear_by_name_without_email_addresses(cast) -> None:
    url = reverse("api:assessment-detail", args=[cast.assessment.pk])
    text = token_client(cast.colleague).get(url).content.decode()
    assert cast.owner.email not in text
    assert cast.collaborator.email not in text
