"""What the token list shows for each token: status tag, expiry and last use in words."""

import datetime

import pytest
from django.utils import timezone

from heathub.api.models import ApiToken
from heathub.api.presenters import TokenSummary

NOW = timezone.make_aware(datetime.datetime(2026, 11, 25, 14, 30))
MIDNIGHT_AFTER_31_MARCH = timezone.make_aware(datetime.datetime(2027, 4, 1))


def summary(**fields) -> TokenSummary:
    token = ApiToken(name="Board report", prefix="3f9a1c0b7e", created_at=NOW, **fields)
    return TokenSummary(token, NOW)


def test_a_new_token_that_never_expires() -> None:
    s = summary()
    assert s.status_tag == {"text": "Active", "classes": "nhsuk-tag--green"}
    assert s.expires == "Does not expire"
    assert s.last_used == "Never used"
    assert s.created == "25 November 2026"
    assert s.prefix == "hh_3f9a1c0b7e_…"


def test_expiry_names_the_last_day_the_token_works_in_uk_time() -> None:
    s = summary(expires_at=MIDNIGHT_AFTER_31_MARCH)  # 23:00 UTC on 31 March (BST)
    assert s.expires == "Works until the end of 31 March 2027"
    assert s.token.last_day == datetime.date(2027, 3, 31)


def test_an_expired_token() -> None:
    s = summary(expires_at=NOW - datetime.timedelta(days=3, hours=14, minutes=30))
    assert s.status_tag["text"] == "Expired"
    assert s.expires == "Expired after 21 November 2026"


@pytest.mark.parametrize(
    ("fields", "text"),
    [({"revoked_at": NOW}, "Revoked"), ({"revoked_at": NOW, "expires_at": NOW}, "Revoked")],
)
def test_revoked_wins_over_expired(fields, text) -> None:
    assert summary(**fields).status_tag["text"] == text


def test_last_use_in_uk_time() -> None:
    used = timezone.make_aware(datetime.datetime(2026, 7, 1, 9, 5))  # BST
    assert summary(last_used_at=used).last_used == "1 July 2026 at 09:05"
