"""The History page of an assessment: every change to it, its answers, groups and actions, with
who, when, the old and new value and the reason. Readers see it; outsiders do not."""

import datetime

import pytest
from django.urls import reverse

from heathub.assessments import actions
from heathub.assessments.models import Answer
from heathub.frameworks.models import PopulationGroup
from heathub.history.recording import record
from tests.assessments.pages import visible_text
from tests.assessments.review_builders import add_action, make_team


@pytest.fixture
def team(db):
    return make_team()


def history_text(client, team) -> str:
    response = client.get(reverse("assessments:history", args=[team.assessment.pk]))
    assert response.status_code == 200
    return visible_text(response.content.decode())


def test_answer_changes_show_who_when_old_new_and_reason(client, team) -> None:
    answer = Answer(
        assessment=team.assessment,
        question_key="prepare.scope",
        value={"text": "Stop smoking service"},
        version=1,
    )
    record(answer, "Answer saved", team.owner)
    answer.save()
    answer.value = {"text": "Stop smoking service for pregnant women"}
    answer.version = 2
    record(answer, "Answer changed", team.collaborator)
    answer.save()
    client.force_login(team.colleague)
    text = history_text(client, team)
    assert "Answer to prepare.scope" in text
    assert "Tom Evans" in text
    assert "Stop smoking service" in text
    assert "Stop smoking service for pregnant women" in text
    assert "Answer changed" in text
    assert str(datetime.date.today().year) in text


def test_groups_and_actions_are_in_the_history(client, team) -> None:
    group = PopulationGroup.objects.get(
        framework_version=team.assessment.framework_version, key="core20"
    )
    actions.add_consideration(team.assessment, [group.pk], by=team.owner)
    action = add_action(
        team.assessment,
        "Open a Saturday clinic",
        datetime.date.today() + datetime.timedelta(days=30),
    )
    action.status = "in_progress"
    record(action, "Status changed", team.owner)
    action.save()
    client.force_login(team.owner)
    text = history_text(client, team)
    assert "Population group ticked" in text
    assert "Open a Saturday clinic" in text
    assert "Planned" in text
    assert "In progress" in text
    assert "Status changed" in text


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("owner", 200),
        ("collaborator", 200),
        ("colleague", 200),
        ("admin", 200),
        ("mentor", 404),
        ("outsider", 404),
    ],
)
def test_who_may_read_the_history(client, team, who, status) -> None:
    client.force_login(getattr(team, who))
    url = reverse("assessments:history", args=[team.assessment.pk])
    assert client.get(url).status_code == status
    assert client.post(url).status_code in (404, 405)


def test_signed_out_people_are_sent_to_sign_in(client, team) -> None:
    response = client.get(reverse("assessments:history", args=[team.assessment.pk]))
    assert response.status_code == 302
    assert "/sign-in" in response["Location"]
