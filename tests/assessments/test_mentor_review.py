"""Mentor review: the owner asks a mentor, the mentor comments per question, the owner resolves,
the mentor marks it ready or asks for changes. A mentor comments only on what is shared."""

import pytest
from django.urls import reverse

from heathub.assessments.models import MentorReview, ReviewComment, Status
from heathub.orgs.models import Region, System
from tests.assessments.review_builders import make_team


@pytest.fixture
def team(db):
    return make_team()


def ask(client, team, mentor=None, message="Please look at the groups"):
    client.force_login(team.owner)
    return client.post(
        reverse("assessments:request-review", args=[team.assessment.pk]),
        {"mentor": (mentor or team.mentor).pk, "message": message},
    )


def test_the_mentor_list_shows_each_mentors_organisation(client, team) -> None:
    region = Region.objects.create(name="Midlands")
    system = System.objects.create(name="Nottingham and Nottinghamshire ICS", region=region)
    team.mentor.memberships.get().organisation.systems.add(system)
    client.force_login(team.owner)
    html = client.get(
        reverse("assessments:request-review", args=[team.assessment.pk])
    ).content.decode()
    assert "Ruth Mills, Nottingham City Council (Nottingham and Nottinghamshire ICS)" in html
    assert "Ali Khan" in html
    assert "Tom Evans" not in html  # not a mentor


def test_asking_a_mentor_puts_the_assessment_in_review_and_emails_them(
    client, team, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, team)
    assert response.status_code == 302
    team.assessment.refresh_from_db()
    assert team.assessment.status == Status.IN_REVIEW
    review = MentorReview.objects.get(assessment=team.assessment)
    assert review.mentor == team.mentor
    assert review.is_open
    assert [m.to for m in mailoutbox] == [[team.mentor.email]]
    assert "Smoking cessation in Tamworth" in mailoutbox[0].subject
    assert "Please look at the groups" in mailoutbox[0].body
    history = team.assessment.history.first()
    assert history.history_change_reason == "Sent to Ruth Mills for mentor review"


def test_choosing_no_mentor_shows_the_error_summary(client, team) -> None:
    client.force_login(team.owner)
    response = client.post(
        reverse("assessments:request-review", args=[team.assessment.pk]),
        {"mentor": "", "message": "Typed text is kept"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert 'href="#id_mentor"' in html
    assert "Typed text is kept" in html


def test_an_unassigned_mentor_cannot_see_or_comment(client, team) -> None:
    ask(client, team)
    client.force_login(team.other_mentor)
    page = reverse("assessments:review", args=[team.assessment.pk])
    assert client.get(page).status_code == 404
    response = client.post(
        reverse("assessments:add-comment", args=[team.assessment.pk]),
        {"question_key": "prepare.scope", "text": "Sneaky"},
    )
    assert response.status_code == 404
    assert not ReviewComment.objects.exists()


def test_a_mentor_comments_only_while_the_review_is_open(client, team) -> None:
    client.force_login(team.mentor)
    url = reverse("assessments:add-comment", args=[team.assessment.pk])
    # not shared yet: the mentor cannot even see it
    assert client.post(url, {"question_key": "prepare.scope", "text": "Hi"}).status_code == 404
    ask(client, team)
    client.force_login(team.mentor)
    response = client.post(url, {"question_key": "prepare.scope", "text": "Name the wards."})
    assert response.status_code == 302
    comment = ReviewComment.objects.get()
    assert (comment.question_key, comment.author) == ("prepare.scope", team.mentor)
    page = client.get(reverse("assessments:review", args=[team.assessment.pk])).content.decode()
    assert "Name the wards." in page


def test_an_empty_comment_is_refused_beside_its_question(client, team) -> None:
    ask(client, team)
    client.force_login(team.mentor)
    response = client.post(
        reverse("assessments:add-comment", args=[team.assessment.pk]),
        {"question_key": "assess.groups", "text": "  "},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter your comment" in html
    assert 'href="#id_text"' in html
    assert not ReviewComment.objects.exists()


def test_readers_and_editors_cannot_comment(client, team) -> None:
    ask(client, team)
    url = reverse("assessments:add-comment", args=[team.assessment.pk])
    for person in (team.owner, team.colleague):
        client.force_login(person)
        response = client.post(url, {"question_key": "prepare.scope", "text": "Me too"})
        assert response.status_code == 403
    assert not ReviewComment.objects.exists()


def test_the_owner_resolves_a_comment(client, team) -> None:
    ask(client, team)
    client.force_login(team.mentor)
    client.post(
        reverse("assessments:add-comment", args=[team.assessment.pk]),
        {"question_key": "prepare.scope", "text": "Name the wards."},
    )
    comment = ReviewComment.objects.get()
    resolve = reverse("assessments:resolve-comment", args=[team.assessment.pk, comment.pk])
    client.force_login(team.colleague)
    assert client.post(resolve).status_code == 403  # a reader
    client.force_login(team.owner)
    assert client.post(resolve).status_code == 302
    comment.refresh_from_db()
    assert comment.resolved_by == team.owner
    page = client.get(reverse("assessments:review", args=[team.assessment.pk])).content.decode()
    assert "Resolved by Priya Shah" in page


def test_changes_requested_reopens_the_assessment_for_editing_and_emails_the_owner(
    client, team, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    ask(client, team)
    client.force_login(team.mentor)
    url = reverse("assessments:decide-review", args=[team.assessment.pk])
    missing_note = client.post(url, {"outcome": "changes_requested", "note": ""})
    assert missing_note.status_code == 400
    assert "Say what needs to change" in missing_note.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"outcome": "changes_requested", "note": "Add the Core20."})
    assert response.status_code == 302
    team.assessment.refresh_from_db()
    assert team.assessment.status == Status.CHANGES_REQUESTED
    assert not team.assessment.is_locked
    assert [m.to for m in mailoutbox] == [[team.owner.email]]
    assert mailoutbox[0].subject.startswith("Changes requested")
    assert "Add the Core20." in mailoutbox[0].body
    # the owner can ask again
    assert ask(client, team, message="Done").status_code == 302
    team.assessment.refresh_from_db()
    assert team.assessment.status == Status.IN_REVIEW


def test_ready_for_sign_off_emails_the_owner_and_closes_comments(
    client, team, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    ask(client, team)
    client.force_login(team.mentor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("assessments:decide-review", args=[team.assessment.pk]),
            {"outcome": "ready_for_sign_off", "note": ""},
        )
    team.assessment.refresh_from_db()
    assert team.assessment.status == Status.READY_FOR_SIGN_OFF
    assert mailoutbox[-1].subject == "Ready for sign-off: Smoking cessation in Tamworth"
    assert "/sign-off" in mailoutbox[-1].body
    # the review is over: the mentor still reads it but can no longer comment
    page = reverse("assessments:review", args=[team.assessment.pk])
    assert client.get(page).status_code == 200
    comment = client.post(
        reverse("assessments:add-comment", args=[team.assessment.pk]),
        {"question_key": "prepare.scope", "text": "Late"},
    )
    assert comment.status_code == 403


def test_the_queue_lists_what_waits_for_the_mentor_with_search(client, team) -> None:
    ask(client, team)
    queue = reverse("assessments:review-queue")
    client.force_login(team.mentor)
    html = client.get(queue).content.decode()
    assert "Smoking cessation in Tamworth" in html
    assert "1 assessment waiting" in html
    assert "Smoking" not in client.get(queue, {"q": "diabetes"}).content.decode().split("<h1")[1]
    client.force_login(team.other_mentor)
    assert "Smoking cessation" not in client.get(queue).content.decode()
    client.force_login(team.owner)
    assert client.get(queue).status_code == 403  # not a mentor


def test_the_queue_pages_long_lists(client, team) -> None:
    from tests.assessments.builders import make_assessment

    for n in range(25):
        a = make_assessment(
            team.owner, team.org, team.assessment.framework_version, title=f"Project {n:02}"
        )
        MentorReview.objects.create(assessment=a, mentor=team.mentor, requested_by=team.owner)
    client.force_login(team.mentor)
    first = client.get(reverse("assessments:review-queue")).content.decode()
    assert "25 assessments waiting" in first
    assert "Project 00" in first
    assert "Project 24" not in first
    second = client.get(reverse("assessments:review-queue"), {"page": 2}).content.decode()
    assert "Project 24" in second
