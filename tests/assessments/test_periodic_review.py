"""Stage 4: opens on a signed-off assessment when its review is due (or early by choice); the
team records what happened to each action and what was delivered, changed, learned and next;
finishing closes the assessment or starts the next cycle with the open actions carried forward."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from heathub.assessments import sign_off
from heathub.assessments.models import (
    Action,
    Answer,
    Assessment,
    PeriodicReview,
    PopulationGroupConsideration,
    Status,
)
from heathub.frameworks.models import PopulationGroup
from tests.assessments.builders import make_framework
from tests.assessments.pages import visible_text
from tests.assessments.review_builders import add_action, complete_stages_one_to_three, make_team

TODAY = timezone.localdate()


@pytest.fixture
def team(db):
    team = make_team()
    a = team.assessment
    complete_stages_one_to_three(a, team.owner)
    core20 = PopulationGroup.objects.get(framework_version=a.framework_version, key="core20")
    c = PopulationGroupConsideration.objects.create(assessment=a, affected_how="Fewer quit")
    c.groups.set([core20])
    team.done = add_action(a, "Train pharmacists", TODAY - datetime.timedelta(days=10))
    team.open = add_action(
        a,
        "Open a Saturday clinic",
        TODAY + datetime.timedelta(days=20),
        owner_user=team.collaborator,
    )
    team.open.groups.set([core20])
    sign_off.sign_off(
        a,
        by=team.owner,
        sponsor_name="Dr Helen Carter",
        sponsor_role="Director of Public Health",
        signed_off_on=TODAY - datetime.timedelta(days=200),
        next_review_on=TODAY - datetime.timedelta(days=1),
        today=TODAY - datetime.timedelta(days=200),
    )
    return team


def url(team) -> str:
    return reverse("assessments:periodic-review", args=[team.assessment.pk])


def review_form(team, **extra: str) -> dict[str, str]:
    return {
        "held_on_day": str(TODAY.day),
        "held_on_month": str(TODAY.month),
        "held_on_year": str(TODAY.year),
        f"action-{team.done.pk}-status": "done",
        f"action-{team.done.pk}-update": "All 40 pharmacists trained",
        f"action-{team.open.pk}-status": "in_progress",
        f"action-{team.open.pk}-update": "",
        "delivered": "Training done; clinic half set up",
        "changed": "Quit rates in Core20 areas up 3 points",
        "learning": "Pharmacies reach people GPs do not",
        "next_steps": "Finish the clinic",
        "framework_version": str(team.assessment.framework_version_id),
        **extra,
    }


def test_the_review_is_open_when_due_and_saves_for_later(client, team) -> None:
    client.force_login(team.owner)
    page = client.get(url(team))
    assert "What was delivered?" in page.content.decode()
    response = client.post(url(team), review_form(team, delivered="Half typed", save="1"))
    assert response.status_code == 302
    review = PeriodicReview.objects.get(assessment=team.assessment)
    assert review.finished_at is None
    assert review.delivered == "Half typed"
    assert review.action_updates == {str(team.done.pk): "All 40 pharmacists trained"}
    assert Action.objects.get(pk=team.done.pk).status == "done"
    assert Assessment.objects.get(pk=team.assessment.pk).status == Status.SIGNED_OFF
    assert "Half typed" in client.get(url(team)).content.decode()


def test_finishing_needs_every_answer_and_keeps_what_was_typed(client, team) -> None:
    client.force_login(team.owner)
    response = client.post(url(team), review_form(team, learning="", finish="1"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Say what you learned" in html
    assert "Select whether to close the assessment or start the next cycle" in html
    assert 'href="#id_learning"' in html
    assert "Quit rates in Core20 areas up 3 points" in html
    assert Assessment.objects.get(pk=team.assessment.pk).status == Status.SIGNED_OFF


def test_a_future_review_date_is_refused(client, team) -> None:
    client.force_login(team.owner)
    tomorrow = TODAY + datetime.timedelta(days=1)
    response = client.post(
        url(team),
        review_form(
            team,
            held_on_day=str(tomorrow.day),
            held_on_month=str(tomorrow.month),
            held_on_year=str(tomorrow.year),
            save="1",
        ),
    )
    assert response.status_code == 400
    assert "Date of the review must be today or in the past" in response.content.decode()


def test_finishing_with_close_closes_the_assessment(client, team) -> None:
    client.force_login(team.owner)
    response = client.post(url(team), review_form(team, outcome="closed", finish="1"))
    assert response.status_code == 302
    a = Assessment.objects.get(pk=team.assessment.pk)
    assert a.status == Status.CLOSED
    assert not Assessment.objects.filter(previous_cycle=a).exists()
    review = PeriodicReview.objects.get(assessment=a)
    assert review.outcome == "closed"
    assert review.finished_at is not None
    text = visible_text(client.get(url(team)).content.decode())
    assert "Pharmacies reach people GPs do not" in text


def test_the_next_cycle_carries_answers_groups_team_and_open_actions(client, team) -> None:
    new_version = make_framework("2025.1")
    client.force_login(team.owner)
    response = client.post(
        url(team),
        review_form(team, outcome="next_cycle", framework_version=str(new_version.pk), finish="1"),
    )
    assert response.status_code == 302
    old = Assessment.objects.get(pk=team.assessment.pk)
    new = Assessment.objects.get(previous_cycle=old)
    assert response["Location"] == reverse("assessments:task-list", args=[new.pk])
    assert old.status == Status.CLOSED
    assert (new.status, new.cycle, new.title) == (Status.DRAFT, 2, old.title)
    assert new.framework_version == new_version
    assert new.owner == team.owner
    assert list(new.collaborators.all()) == [team.collaborator]
    assert new.signed_off_on is None
    assert new.next_review_on is None
    # answers carried over by key, to be checked again
    copied = Answer.objects.get(assessment=new, question_key="prepare.scope")
    assert copied.value == {"text": "Answer to prepare.scope"}
    assert not copied.completed
    assert not Answer.objects.filter(assessment=new, question_key__startswith="review.").exists()
    # groups mapped onto the new version's groups by key
    c = new.considerations.get()
    assert [g.framework_version for g in c.groups.all()] == [new_version]
    assert c.affected_how == "Fewer quit"
    # only the open action came across, linked to where it came from
    carried = new.actions.get()
    assert carried.description == "Open a Saturday clinic"
    assert carried.carried_from == team.open
    assert carried.owner_user == team.collaborator
    assert carried.status == "in_progress"
    assert [g.key for g in carried.groups.all()] == ["core20"]
    assert carried.groups.get().framework_version == new_version


def test_before_it_is_due_the_team_can_start_early(client, team) -> None:
    Assessment.objects.filter(pk=team.assessment.pk).update(
        next_review_on=TODAY + datetime.timedelta(days=60)
    )
    client.force_login(team.owner)
    text = visible_text(client.get(url(team)).content.decode())
    assert "Start the review early" in text
    # saving is refused until the team chooses to start
    client.post(url(team), review_form(team, save="1"))
    assert not PeriodicReview.objects.exists()
    assert client.post(url(team), {"start_early": "1"}).status_code == 302
    review = PeriodicReview.objects.get()
    assert review.started_early
    assert "The team chose to review early" in client.get(url(team)).content.decode()


def test_a_draft_has_no_stage_four_and_readers_may_not_record_it(client, team) -> None:
    client.force_login(team.colleague)
    assert client.get(url(team)).status_code == 403
    client.force_login(team.outsider)
    assert client.get(url(team)).status_code == 404
    Assessment.objects.filter(pk=team.assessment.pk).update(status=Status.DRAFT)
    client.force_login(team.owner)
    assert (
        "Stage 4 opens once the assessment is signed off" in client.get(url(team)).content.decode()
    )


def test_the_task_list_status_of_stage_four(client, team) -> None:
    from heathub.assessments.periodic_review import stage_four_status

    a = Assessment.objects.get(pk=team.assessment.pk)
    assert stage_four_status(a) == "Not started"  # due yesterday
    assert stage_four_status(a, TODAY - datetime.timedelta(days=2)) == "Not due yet"
    client.force_login(team.owner)
    client.post(url(team), review_form(team, save="1"))
    assert stage_four_status(a) == "In progress"
    client.post(url(team), review_form(team, outcome="closed", finish="1"))
    assert stage_four_status(Assessment.objects.get(pk=a.pk)) == "Completed"
    Assessment.objects.filter(pk=a.pk).update(status=Status.DRAFT)
    assert stage_four_status(Assessment.objects.get(pk=a.pk)) == "Cannot start yet"
