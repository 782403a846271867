"""Bearer tokens on the API: a good token acts as its owner and records its use; anything else is
a 401 with a JSON message saying what is wrong."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from heathub.api.models import ApiToken
from heathub.api.tokens import LAST_USED_RESOLUTION, create_token, revoke_token, user_for_token

URL = "/api/organisations"


def call(client, authorization: str | None):
    headers = {"Authorization": authorization} if authorization is not None else {}
    return client.get(URL, headers=headers)


def assert_refused(response, words: str) -> None:
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["WWW-Authenticate"] == 'Bearer realm="heathub"'
    assert words in response.json()["detail"]


def test_a_good_token_acts_as_its_owner(client, person) -> None:
    secret = create_token(person, name="Script").secret
    response = call(client, f"Bearer {secret}")
    assert response.status_code == 200
    assert response.json() == []  # a person with no memberships sees no organisations


def test_the_scheme_is_case_insensitive(client, person) -> None:
    secret = create_token(person, name="Script").secret
    assert call(client, f"bearer {secret}").status_code == 200


@pytest.mark.parametrize(
    ("authorization", "words"),
    [
        (None, "Send a personal API token in the Authorization header"),
        ("", "Send a personal API token in the Authorization header"),
        ("Basic cHJpeWE6c2VjcmV0", "must read 'Bearer <token>'"),
        ("Bearer", "must read 'Bearer <token>'"),
        ("Bearer not-a-heathub-token", "not recognised"),
        ("Bearer hh_0123456789_made-up-secret", "not recognised"),
    ],
)
def test_a_missing_or_malformed_token_is_refused(client, db, authorization, words) -> None:
    assert_refused(call(client, authorization), words)


def test_the_right_prefix_with_the_wrong_secret_is_refused(client, person) -> None:
    issued = create_token(person, name="Script")
    forged = f"hh_{issued.token.prefix}_{'A' * 43}"
    assert_refused(call(client, f"Bearer {forged}"), "not recognised")


def test_a_revoked_token_is_refused(client, person) -> None:
    issued = create_token(person, name="Script")
    revoke_token(issued.token)
    assert_refused(call(client, f"Bearer {issued.secret}"), "has been revoked")


def test_an_expired_token_is_refused_and_says_when_it_expired(client, person) -> None:
    expired_at = timezone.make_aware(datetime.datetime(2026, 1, 16))
    issued = create_token(person, name="Script", expires_at=expired_at)
    assert_refused(call(client, f"Bearer {issued.secret}"), "expired at the end of 15 January 2026")


def test_a_token_works_until_its_expiry_moment(person) -> None:
    expires_at = timezone.now() + datetime.timedelta(hours=1)
    issued = create_token(person, name="Script", expires_at=expires_at)
    assert user_for_token(issued.secret, now=expires_at - datetime.timedelta(seconds=1)) == person
    with pytest.raises(Exception, match="expired"):
        user_for_token(issued.secret, now=expires_at)


def test_a_deactivated_persons_token_is_refused(client, person) -> None:
    secret = create_token(person, name="Script").secret
    person.is_active = False
    person.save()
    assert_refused(call(client, f"Bearer {secret}"), "no longer active")


def test_use_is_recorded_at_most_once_a_minute(client, person) -> None:
    issued = create_token(person, name="Script")
    assert issued.token.last_used_at is None

    before = timezone.now()
    call(client, f"Bearer {issued.secret}")
    first = ApiToken.objects.get().last_used_at
    assert first is not None
    assert first >= before

    call(client, f"Bearer {issued.secret}")
    assert ApiToken.objects.get().last_used_at == first  # within the minute: no write

    later = first + LAST_USED_RESOLUTION
    user_for_token(issued.secret, now=later)
    assert ApiToken.objects.get().last_used_at == later


def test_a_refused_token_records_no_use(client, person) -> None:
    issued = create_token(person, name="Script")
    revoke_token(issued.token)
    call(client, f"Bearer {issued.secret}")
    assert ApiToken.objects.get().last_used_at is None


def test_a_signed_in_session_is_not_enough_for_the_api(client, person) -> None:
    client.force_login(person)
    assert_refused(client.get(reverse("api:assessment-list")), "Send a personal API token")
