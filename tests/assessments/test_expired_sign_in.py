"""A save made after the sign-in expired is not lost: after signing in again the person is back
on the page with their text, unsaved, and asked to check and save it."""

from django.test import Client

from heathub.assessments.models import Answer
from heathub.assessments.unsaved_work import KEEP_FOR_SECONDS, SESSION_KEY
from tests.assessments.pages import question_url, visible_text

PASSWORD = "a-long-enough-password"


def test_the_text_comes_back_after_signing_in_again(cast) -> None:
    client = Client()
    a = cast.assessment
    url = question_url(a, "prepare.scope")
    # the session has expired: the POST arrives from an anonymous visitor
    response = client.post(url, {"version": 0, "text": "Three hours of careful writing"})
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in?next=")
    assert not Answer.objects.filter(assessment=a).exists()
    # the sign-in page keeps next= from its address
    signed_in = client.post(response["Location"], {"email": cast.owner.email, "password": PASSWORD})
    assert signed_in["Location"] == url
    page = client.get(url).content.decode()
    assert "Three hours of careful writing" in page
    assert "We have kept what you typed: check it and save it" in visible_text(page)
    assert not Answer.objects.filter(assessment=a).exists()  # kept, not saved behind their back
    # shown once: a later visit shows the stored answer (none yet)
    assert "Three hours of careful writing" not in client.get(url).content.decode()


def test_the_kept_text_is_only_offered_on_its_own_page(cast) -> None:
    client = Client()
    a = cast.assessment
    client.post(question_url(a, "prepare.scope"), {"version": 0, "text": "Kept"})
    client.force_login(cast.owner)
    assert "Kept" not in client.get(question_url(a, "assess.inequalities")).content.decode()
    assert "Kept" in client.get(question_url(a, "prepare.scope")).content.decode()


def test_someone_else_signing_in_does_not_get_the_text(cast) -> None:
    client = Client()
    a = cast.assessment
    url = question_url(a, "prepare.scope")
    client.post(url, {"version": 0, "text": "Private draft"})
    client.post("/sign-in", {"email": cast.outsider.email, "password": PASSWORD, "next": url})
    assert client.get(url).status_code == 404


def test_an_action_typed_after_the_sign_in_expired_comes_back_too(cast) -> None:
    client = Client()
    a = cast.assessment
    url = f"/assessments/{a.pk}/actions/add"
    response = client.post(url, {"description": "Open a Saturday clinic", "owner_name": "Jo"})
    client.post(response["Location"], {"email": cast.owner.email, "password": PASSWORD})
    html = client.get(url).content.decode()
    assert "Open a Saturday clinic</textarea>" in html
    assert 'value="Jo"' in html


def test_kept_text_is_not_offered_after_an_hour(cast) -> None:
    client = Client()
    a = cast.assessment
    url = question_url(a, "prepare.scope")
    client.post(url, {"version": 0, "text": "Old draft"})
    client.force_login(cast.owner)
    session = client.session
    kept = session[SESSION_KEY]
    kept["at"] -= KEEP_FOR_SECONDS + 60  # kept an hour and a minute ago
    session[SESSION_KEY] = kept
    session.save()
    assert "Old draft" not in client.get(url).content.decode()
