"""`heathub send-reminders`, run daily: "review due in 30 days" to the team, "action overdue" to
the action's owner if a member (else the assessment's owner). Never the same reminder twice."""

import datetime

import pytest
from django.utils import timezone
from typer.testing import CliRunner

from heathub.assessments.models import Assessment, SentReminder, Status
from heathub.assessments.notifications import send_reminders
from heathub.cli import app
from tests.assessments.review_builders import add_action, make_team

TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def team(db):
    return make_team()


def signed_off(team, review_on: datetime.date) -> Assessment:
    Assessment.objects.filter(pk=team.assessment.pk).update(
        status=Status.SIGNED_OFF, signed_off_on=days(-150), next_review_on=review_on
    )
    return Assessment.objects.get(pk=team.assessment.pk)


def test_review_due_in_30_days_goes_to_the_team_once(team, mailoutbox) -> None:
    signed_off(team, days(30))
    run = send_reminders(TODAY)
    assert (run.review_due, run.action_overdue) == (1, 0)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [team.owner.email, team.collaborator.email]
    )
    due = f"{days(30).day} {days(30):%B %Y}"
    assert mailoutbox[0].subject == f"Review due on {due}: Smoking cessation in Tamworth"
    assert "/stage-4" in mailoutbox[0].body
    again = send_reminders(TODAY)
    assert (again.review_due, again.skipped) == (0, 1)
    assert send_reminders(days(1)).review_due == 0  # nor the next day
    assert len(mailoutbox) == 2
    assert SentReminder.objects.get().due_on == days(30)


def test_a_review_further_off_waits_and_a_changed_date_is_a_new_reminder(team, mailoutbox) -> None:
    signed_off(team, days(31))
    assert send_reminders(TODAY).sent == 0
    assert send_reminders(days(1)).review_due == 1
    # unlocked and signed off again with a new date: a new reminder for the new date
    Assessment.objects.filter(pk=team.assessment.pk).update(next_review_on=days(200))
    assert send_reminders(days(170)).review_due == 1
    assert SentReminder.objects.count() == 2


def test_archived_and_draft_assessments_get_no_review_reminder(team, mailoutbox) -> None:
    signed_off(team, days(10))
    Assessment.objects.filter(pk=team.assessment.pk).update(archived=True)
    assert send_reminders(TODAY).sent == 0
    Assessment.objects.filter(pk=team.assessment.pk).update(archived=False, status=Status.DRAFT)
    assert send_reminders(TODAY).sent == 0
    assert mailoutbox == []


def test_an_overdue_action_goes_to_its_owner_when_a_member(team, mailoutbox) -> None:
    add_action(team.assessment, "Open a Saturday clinic", days(-1), owner_user=team.colleague)
    add_action(team.assessment, "Train pharmacists", days(-3), owner_name="A pharmacist")
    add_action(team.assessment, "Not yet due", days(0), owner_user=team.colleague)
    add_action(team.assessment, "Finished late", days(-9), status="done")
    add_action(team.assessment, "From outside", days(-2), owner_user=team.outsider)
    run = send_reminders(TODAY)
    assert run.action_overdue == 3
    sent = {m.body.split("\n\n")[2]: m.to[0] for m in mailoutbox}
    assert sent == {
        "Open a Saturday clinic": team.colleague.email,
        "Train pharmacists": team.owner.email,  # named person not on heathub
        "From outside": team.owner.email,  # not a member of the organisation
    }
    assert send_reminders(TODAY).action_overdue == 0
    later = send_reminders(days(5))  # only "Not yet due" has become overdue since
    assert (later.action_overdue, later.skipped) == (1, 3)
    assert len(mailoutbox) == 4


def test_the_command_runs_twice_and_sends_once(team, mailoutbox) -> None:
    signed_off(team, days(5))
    add_action(team.assessment, "Open a Saturday clinic", days(-1), owner_user=team.colleague)
    runner = CliRunner()
    first = runner.invoke(app, ["send-reminders"])
    assert first.exit_code == 0, first.output
    assert "Sent 1 review-due and 1 overdue-action reminders" in first.output
    second = runner.invoke(app, ["send-reminders"])
    assert "Sent 0 review-due and 0 overdue-action reminders (2 already sent" in second.output
    assert len(mailoutbox) == 3  # two team members, one action owner
    bad = runner.invoke(app, ["send-reminders", "--today", "31/02/2026"])
    assert bad.exit_code == 2
