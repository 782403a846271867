"""Archive is a reversible flag: an archived assessment is read-only and leaves the reminders.
"Copy to start a similar one" takes the answers and groups, not actions, reviews or sign-off."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from heathub.assessments.models import (
    Answer,
    Assessment,
    MentorReview,
    PopulationGroupConsideration,
    Status,
)
from heathub.frameworks.models import PopulationGroup
from tests.assessments.pages import question_url
from tests.assessments.review_builders import add_action, complete_stages_one_to_three, make_team


@pytest.fixture
def team(db):
    return make_team()


def test_archiving_makes_it_read_only_and_restoring_undoes_it(client, team) -> None:
    a = team.assessment
    Answer.objects.create(
        assessment=a, question_key="prepare.scope", value={"text": "Old"}, version=1
    )
    client.force_login(team.owner)
    archive_url = reverse("assessments:archive", args=[a.pk])
    assert "Archive this assessment" in client.get(archive_url).content.decode()
    assert client.post(archive_url).status_code == 302
    a.refresh_from_db()
    assert a.archived
    assert a.archived_at is not None
    assert a.status == Status.DRAFT  # a flag, not a state
    client.post(question_url(a, "prepare.scope"), {"text": "New", "version": "1"})
    assert Answer.objects.get(assessment=a).value == {"text": "Old"}
    assert "Restore this assessment" in client.get(archive_url).content.decode()
    client.post(archive_url)
    a.refresh_from_db()
    assert not a.archived
    reasons = [h.history_change_reason for h in a.history.all()[:2]]
    assert reasons == ["Restored from the archive", "Archived"]


@pytest.mark.parametrize(
    ("who", "status"), [("colleague", 403), ("mentor", 404), ("outsider", 404), ("admin", 302)]
)
def test_who_may_archive(client, team, who, status) -> None:
    client.force_login(getattr(team, who))
    assert (
        client.post(reverse("assessments:archive", args=[team.assessment.pk])).status_code == status
    )


def test_a_copy_takes_answers_and_groups_but_not_actions_reviews_or_sign_off(client, team) -> None:
    a = team.assessment
    complete_stages_one_to_three(a, team.owner)
    group = PopulationGroup.objects.get(framework_version=a.framework_version, key="race")
    c = PopulationGroupConsideration.objects.create(assessment=a, evidence="Census 2021")
    c.groups.set([group])
    add_action(a, "Translate leaflets", timezone.localdate() + datetime.timedelta(days=30))
    MentorReview.objects.create(assessment=a, mentor=team.mentor, requested_by=team.owner)
    Assessment.objects.filter(pk=a.pk).update(
        status=Status.SIGNED_OFF, sponsor_name="Dr Helen Carter"
    )
    client.force_login(team.colleague)  # an editor of the organisation, a reader of this one
    copy_url = reverse("assessments:copy", args=[a.pk])
    assert 'value="Copy of Smoking cessation in Tamworth"' in client.get(copy_url).content.decode()
    response = client.post(copy_url, {"title": "Smoking cessation in Lichfield"})
    assert response.status_code == 302
    new = Assessment.objects.get(title="Smoking cessation in Lichfield")
    assert response["Location"] == reverse("assessments:task-list", args=[new.pk])
    assert new.owner == team.colleague
    assert new.copied_from == a
    assert (new.status, new.sponsor_name, new.signed_off_on) == (Status.DRAFT, "", None)
    assert new.organisation == a.organisation
    assert new.answers.count() == a.answers.count()
    assert not new.answers.filter(completed=True).exists()
    copied = new.considerations.get()
    assert (list(copied.groups.all()), copied.evidence) == ([group], "Census 2021")
    assert not new.actions.exists()
    assert not new.mentor_reviews.exists()
    assert not new.collaborators.exists()
    # the original is untouched
    assert a.actions.count() == 1
    assert a.considerations.count() == 1


def test_a_copy_needs_a_title_within_the_limit(client, team) -> None:
    client.force_login(team.owner)
    url = reverse("assessments:copy", args=[team.assessment.pk])
    response = client.post(url, {"title": ""})
    assert response.status_code == 400
    assert "Enter a title for the new assessment" in response.content.decode()
    long = client.post(url, {"title": "x" * 151})
    assert "The title must be 150 characters or fewer" in long.content.decode()
    assert Assessment.objects.count() == 1


@pytest.mark.parametrize(
    ("who", "status"), [("collaborator", 403), ("mentor", 404), ("outsider", 404)]
)
def test_only_those_who_may_start_an_assessment_there_may_copy(client, team, who, status) -> None:
    client.force_login(getattr(team, who))
    url = reverse("assessments:copy", args=[team.assessment.pk])
    assert client.get(url).status_code == status
    assert client.post(url, {"title": "Mine now"}).status_code == status
