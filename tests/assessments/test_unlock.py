"""Unlocking a signed-off assessment is an org admin's action with a required reason, kept in the
assessment's history; it goes back to draft so Stages 1-3 can change, and must be signed again."""

import pytest
from django.urls import reverse
from django.utils import timezone

from heathub.assessments import sign_off
from heathub.assessments.models import Assessment, Status
from tests.assessments.pages import visible_text
from tests.assessments.review_builders import complete_stages_one_to_three, make_team


@pytest.fixture
def team(db):
    team = make_team()
    complete_stages_one_to_three(team.assessment, team.owner)
    sign_off.sign_off(
        team.assessment,
        by=team.owner,
        sponsor_name="Dr Helen Carter",
        sponsor_role="Director of Public Health",
        signed_off_on=timezone.localdate(),
    )
    return team


def unlock_url(team) -> str:
    return reverse("assessments:unlock", args=[team.assessment.pk])


def test_an_org_admin_unlocks_with_a_reason_that_shows_in_the_history(client, team) -> None:
    client.force_login(team.admin)
    response = client.post(unlock_url(team), {"reason": "The sponsor asked us to add Core20 data"})
    assert response.status_code == 302
    a = Assessment.objects.get(pk=team.assessment.pk)
    assert a.status == Status.DRAFT
    assert not a.is_locked
    assert a.next_review_on is None
    assert a.sponsor_name == "Dr Helen Carter"  # kept, to save typing it again
    history = visible_text(client.get(reverse("assessments:history", args=[a.pk])).content.decode())
    assert "Unlocked by Sam Patel: The sponsor asked us to add Core20 data" in history
    assert "Signed off by Dr Helen Carter, Director of Public Health" in history


def test_the_reason_is_required_and_typed_text_is_kept(client, team) -> None:
    client.force_login(team.admin)
    response = client.post(unlock_url(team), {"reason": "   "})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Give the reason for unlocking" in html
    assert 'href="#id_reason"' in html
    too_long = client.post(unlock_url(team), {"reason": "x" * 501})
    assert "The reason must be 500 characters or fewer" in too_long.content.decode()
    assert "x" * 501 in too_long.content.decode()
    assert Assessment.objects.get(pk=team.assessment.pk).status == Status.SIGNED_OFF


@pytest.mark.parametrize(
    ("who", "status"),
    [("owner", 403), ("collaborator", 403), ("colleague", 403), ("mentor", 404), ("outsider", 404)],
)
def test_only_an_org_admin_may_unlock(client, team, who, status) -> None:
    client.force_login(getattr(team, who))
    assert client.get(unlock_url(team)).status_code == status
    assert client.post(unlock_url(team), {"reason": "Please"}).status_code == status
    assert Assessment.objects.get(pk=team.assessment.pk).status == Status.SIGNED_OFF


def test_a_draft_has_nothing_to_unlock(client, team) -> None:
    client.force_login(team.admin)
    client.post(unlock_url(team), {"reason": "First"})
    response = client.post(unlock_url(team), {"reason": "Second"})
    assert response.status_code == 400
    assert "Only a signed-off assessment can be unlocked" in response.content.decode()
