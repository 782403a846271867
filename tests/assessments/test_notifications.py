"""Workflow emails: review requested (to the mentor), changes requested and ready for sign-off
(to the owner), signed off (owner and collaborators). Plain text, sent once the change is saved,
and none for a refused change."""

import pytest
from django.utils import timezone

from heathub.assessments import mentor_review, sign_off
from heathub.core.refusals import ActionRefused
from tests.assessments.review_builders import complete_stages_one_to_three, make_team


@pytest.fixture
def team(db):
    return make_team(title="Smoking & vaping in Tamworth")


def test_each_step_emails_the_right_people(
    team, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    a = team.assessment
    with django_capture_on_commit_callbacks(execute=True):
        review = mentor_review.request_review(a, by=team.owner, mentor=team.mentor)
    assert [m.to for m in mailoutbox] == [[team.mentor.email]]
    assert mailoutbox[0].subject == "Mentor review requested: Smoking & vaping in Tamworth"
    body = mailoutbox[0].body
    assert "Hello Ruth," in body
    assert "Priya Shah has asked you to review" in body
    assert "&amp;" not in body  # plain text: nothing HTML-escaped
    assert f"/assessments/{a.pk}/review" in body

    with django_capture_on_commit_callbacks(execute=True):
        mentor_review.decide_review(
            review, by=team.mentor, outcome="changes_requested", note="Name the wards"
        )
    assert mailoutbox[1].to == [team.owner.email]
    assert mailoutbox[1].subject == "Changes requested: Smoking & vaping in Tamworth"
    assert "Name the wards" in mailoutbox[1].body

    with django_capture_on_commit_callbacks(execute=True):
        review = mentor_review.request_review(a, by=team.owner, mentor=team.mentor)
        mentor_review.decide_review(review, by=team.mentor, outcome="ready_for_sign_off")
    assert mailoutbox[3].to == [team.owner.email]
    assert mailoutbox[3].subject == "Ready for sign-off: Smoking & vaping in Tamworth"

    complete_stages_one_to_three(a, team.owner)
    with django_capture_on_commit_callbacks(execute=True):
        sign_off.sign_off(
            a,
            by=team.owner,
            sponsor_name="Dr Helen Carter",
            sponsor_role="Director of Public Health",
            signed_off_on=timezone.localdate(),
        )
    signed = mailoutbox[4:]
    assert sorted(m.to[0] for m in signed) == sorted([team.owner.email, team.collaborator.email])
    assert all(m.subject == "Signed off: Smoking & vaping in Tamworth" for m in signed)
    assert "signed off by Dr Helen Carter, Director of Public Health" in signed[0].body
    assert "content_subtype" not in vars(signed[0]) or signed[0].content_subtype == "plain"


def test_a_refused_change_sends_nothing(
    team, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(ActionRefused):
            mentor_review.request_review(team.assessment, by=team.owner, mentor=team.owner)
        with pytest.raises(ActionRefused):  # Stages 1-3 not complete
            sign_off.sign_off(
                team.assessment,
                by=team.owner,
                sponsor_name="Dr Helen Carter",
                sponsor_role="Director of Public Health",
                signed_off_on=timezone.localdate(),
            )
    assert mailoutbox == []


def test_a_mail_server_fault_does_not_undo_the_change(
    team, settings, django_capture_on_commit_callbacks
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    with django_capture_on_commit_callbacks(execute=True):
        mentor_review.request_review(team.assessment, by=team.owner, mentor=team.mentor)
    team.assessment.refresh_from_db()
    assert team.assessment.status == "in_review"
