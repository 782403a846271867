"""Issuing, checking and revoking personal API tokens.

A token reads `hh_<prefix>_<secret>`: the prefix (10 hex characters) is public and finds the row;
the whole token's SHA-256 is compared in constant time. The database holds the prefix and the
hash, never the secret, so a copy of the database cannot be used to call the API.
"""

from __future__ import annotations

import datetime
import hmac
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone

from heathub.api.models import ApiToken
from heathub.core.dates import long_date
from heathub.core.token_hash import hash_token

if TYPE_CHECKING:
    from heathub.accounts.models import User

TOKEN_MARK = "hh"  # noqa: S105 (not a secret: lets scanners and people recognise our tokens)
# Recording every use would write to the database on every request: once a minute is enough
# to answer "is this token still in use?".
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


class TokenRefusedError(Exception):
    """The token cannot be used; the message says why, in words an API client can show."""


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # the whole token string: shown once, then gone


def split_token(raw: str) -> tuple[str, str] | None:
    """(prefix, secret) of a well-formed token, else None."""
    mark, _, rest = raw.partition("_")
    prefix, _, secret = rest.partition("_")
    if mark != TOKEN_MARK or not prefix or not secret:
        return None
    return prefix, secret


@transaction.atomic
def create_token(
    user: User, *, name: str, expires_at: datetime.datetime | None = None
) -> IssuedToken:
    prefix = secrets.token_hex(5)
    while ApiToken.objects.filter(prefix=prefix).exists():  # 40 bits: a clash is rare, not never
        prefix = secrets.token_hex(5)
    raw = f"{TOKEN_MARK}_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user, name=name, prefix=prefix, secret_hash=hash_token(raw), expires_at=expires_at
    )
    return IssuedToken(token=token, secret=raw)


@transaction.atomic
def revoke_token(token: ApiToken) -> ApiToken:
    """Stop a token working at once. Revoking twice keeps the first time."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def user_for_token(raw: str, *, now: datetime.datetime | None = None) -> User:
    """The person a token acts for, or TokenRefusedError naming the reason."""
    now = now or timezone.now()
    parts = split_token(raw.strip())
    token = (
        ApiToken.objects.select_related("user").filter(prefix=parts[0]).first() if parts else None
    )
    if token is None or not hmac.compare_digest(token.secret_hash, hash_token(raw.strip())):
        raise TokenRefusedError(
            "This API token is not recognised. Check you copied all of it, or create a new one "
            "on your account page."
        )
    if token.is_revoked:
        raise TokenRefusedError(
            "This API token has been revoked. Create a new one on your account page."
        )
    if token.is_expired(now) and token.last_day is not None:
        raise TokenRefusedError(
            f"This API token expired at the end of {long_date(token.last_day)}. "
            "Create a new one on your account page."
        )
    if not token.user.is_active:
        raise TokenRefusedError("The account this API token belongs to is no longer active.")
    record_use(token, now)
    return token.user


def record_use(token: ApiToken, now: datetime.datetime) -> None:
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        # update(), not save(): no race with a revoke saved meanwhile, and no history is kept
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def get_token_for_user(user: User, pk: int) -> ApiToken:
    """A person's own token; anyone else's is a 404, so its existence stays hidden."""
    return get_object_or_404(ApiToken.objects.filter(user=user), pk=pk)
