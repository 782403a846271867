"""Sign-off: the owner or an org admin records the senior sponsor's name, role and date with a
declaration, once Stages 1-3 are complete (and a mentor marked it ready, where required). Stages
1-3 become read-only and the review date is set; "due for review" is worked out from it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from heathub.assessments.models import Answer, Assessment, MentorReview, Status
from heathub.assessments.sign_off import add_months
from tests.assessments.pages import question_url, visible_text
from tests.assessments.review_builders import complete_stages_one_to_three, make_team

TODAY = timezone.localdate()


@pytest.fixture
def team(db):
    return make_team()


def date_fields(name: str, d: datetime.date | None) -> dict[str, str]:
    if d is None:
        return {f"{name}_day": "", f"{name}_month": "", f"{name}_year": ""}
    return {f"{name}_day": str(d.day), f"{name}_month": str(d.month), f"{name}_year": str(d.year)}


def sign_off_form(
    signed: datetime.date | None = TODAY, review: datetime.date | None = None, **extra: str
) -> dict[str, str]:
    return {
        "sponsor_name": "Dr Helen Carter",
        "sponsor_role": "Director of Public Health",
        **date_fields("signed_off_on", signed),
        **date_fields("next_review_on", review),
        "declaration": "on",
        **extra,
    }


def post_sign_off(client, team, person=None, **form):
    client.force_login(person or team.owner)
    return client.post(reverse("assessments:sign-off", args=[team.assessment.pk]), form)


def test_add_months_keeps_the_day_or_uses_the_months_last() -> None:
    assert add_months(datetime.date(2026, 5, 25), 6) == datetime.date(2026, 11, 25)
    assert add_months(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)
    assert add_months(datetime.date(2026, 11, 30), 12) == datetime.date(2027, 11, 30)


def test_sign_off_locks_stages_one_to_three_and_sets_the_review_six_months_on(client, team) -> None:
    complete_stages_one_to_three(team.assessment, team.owner)
    response = post_sign_off(client, team, **sign_off_form())
    assert response.status_code == 302
    a = Assessment.objects.get(pk=team.assessment.pk)
    assert a.status == Status.SIGNED_OFF
    assert (a.sponsor_name, a.sponsor_role) == ("Dr Helen Carter", "Director of Public Health")
    assert a.signed_off_on == TODAY
    assert a.signed_off_by == team.owner
    assert a.next_review_on == add_months(TODAY, 6)
    assert "governance route" in a.declaration
    assert not a.is_due_for_review()
    assert a.is_due_for_review(add_months(TODAY, 6))
    assert list(Assessment.objects.due_for_review(add_months(TODAY, 6))) == [a]
    assert not Assessment.objects.due_for_review().exists()
    page = visible_text(client.get(reverse("assessments:sign-off", args=[a.pk])).content.decode())
    assert "Dr Helen Carter" in page
    assert "Director of Public Health" in page


def test_an_answer_cannot_be_changed_after_sign_off(client, team) -> None:
    complete_stages_one_to_three(team.assessment, team.owner)
    post_sign_off(client, team, **sign_off_form())
    before = Answer.objects.get(assessment=team.assessment, question_key="prepare.scope")
    response = client.post(
        question_url(team.assessment, "prepare.scope"),
        {"text": "Changed after sign-off", "version": before.version},
        follow=True,
    )
    assert response.status_code in (200, 403)
    if response.status_code == 200:
        assert "read-only" in response.content.decode()
    after = Answer.objects.get(pk=before.pk)
    assert after.value == before.value
    assert after.version == before.version


def test_an_org_admin_may_record_sign_off_but_a_collaborator_may_not(client, team) -> None:
    complete_stages_one_to_three(team.assessment, team.owner)
    url = reverse("assessments:sign-off", args=[team.assessment.pk])
    client.force_login(team.collaborator)
    assert client.get(url).status_code == 403
    assert post_sign_off(client, team, team.collaborator, **sign_off_form()).status_code == 403
    client.force_login(team.colleague)
    assert client.get(url).status_code == 403
    client.force_login(team.outsider)
    assert client.get(url).status_code == 404
    assert post_sign_off(client, team, team.admin, **sign_off_form()).status_code == 302
    assert Assessment.objects.get(pk=team.assessment.pk).signed_off_by == team.admin


def test_incomplete_stages_stop_sign_off_with_what_is_missing(client, team) -> None:
    client.force_login(team.owner)
    page = client.get(reverse("assessments:sign-off", args=[team.assessment.pk]))
    text = visible_text(page.content.decode())
    assert "Not ready for sign-off" in text
    assert "Complete Prepare" in text
    response = post_sign_off(client, team, **sign_off_form())
    assert response.status_code == 400
    assert "Complete Prepare" in response.content.decode()
    assert Assessment.objects.get(pk=team.assessment.pk).status == Status.DRAFT


def test_required_mentor_review_must_say_ready_first(client, team) -> None:
    team.org.requires_mentor_review = True
    team.org.save()
    complete_stages_one_to_three(team.assessment, team.owner)
    response = post_sign_off(client, team, **sign_off_form())
    assert response.status_code == 400
    assert "requires a mentor to mark the assessment ready" in response.content.decode()
    MentorReview.objects.create(
        assessment=team.assessment,
        mentor=team.mentor,
        requested_by=team.owner,
        outcome="ready_for_sign_off",
        decided_at=timezone.now(),
    )
    Assessment.objects.filter(pk=team.assessment.pk).update(status=Status.READY_FOR_SIGN_OFF)
    assert post_sign_off(client, team, **sign_off_form()).status_code == 302


def test_bad_dates_and_a_missing_declaration_are_explained_and_typed_text_kept(
    client, team
) -> None:
    complete_stages_one_to_three(team.assessment, team.owner)
    form = sign_off_form(declaration="")
    del form["declaration"]
    form.update(signed_off_on_day="31", signed_off_on_month="2", signed_off_on_year="2026")
    form["sponsor_name"] = "Dr Helen O'Carter"
    response = post_sign_off(client, team, **form)
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert "Date of sign-off must be a real date" in html
    assert 'href="#id_signed_off_on-day"' in html
    assert "Confirm the senior sponsor has agreed the assessment" in html
    assert "Dr Helen O&#39;Carter" in html
    assert 'value="31"' in html


@pytest.mark.parametrize(
    ("signed", "review", "message"),
    [
        (TODAY + datetime.timedelta(days=1), None, "Date of sign-off must be today or in the past"),
        (TODAY, TODAY, "Review date must be in the future"),
        (TODAY, add_months(TODAY, 13), "no more than 12 months after sign-off"),
    ],
)
def test_dates_out_of_range_are_refused(client, team, signed, review, message) -> None:
    complete_stages_one_to_three(team.assessment, team.owner)
    response = post_sign_off(client, team, **sign_off_form(signed, review))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Assessment.objects.get(pk=team.assessment.pk).status == Status.DRAFT


def test_a_chosen_review_date_up_to_twelve_months_is_kept(client, team) -> None:
    complete_stages_one_to_three(team.assessment, team.owner)
    post_sign_off(client, team, **sign_off_form(TODAY, add_months(TODAY, 12)))
    assert Assessment.objects.get(pk=team.assessment.pk).next_review_on == add_months(TODAY, 12)


def test_a_sign_off_backdated_beyond_six_months_needs_a_future_review_date(client, team) -> None:
    complete_stages_one_to_three(team.assessment, team.owner)
    long_ago = add_months(TODAY, -7)
    response = post_sign_off(client, team, **sign_off_form(long_ago))
    assert response.status_code == 400
    assert "The review date must be in the future" in response.content.decode()
