"""Personal API tokens: a public prefix to find the row and a SHA-256 hash of the whole token.

The secret itself is never stored: it is shown once, on the page that creates it. SHA-256 (not
argon2) because every API request checks a token, and a 256-bit random secret needs no slow hash
to resist guessing.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

NAME_LIMIT = 100  # characters; stated on the create page


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def not_revoked(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True)

    def usable(self, now: datetime.datetime | None = None) -> ApiTokenQuerySet:
        now = now or timezone.now()
        return self.not_revoked().filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=NAME_LIMIT, help_text="What the token is for")
    # The public part of the token (hh_<prefix>_<secret>): finds the row without the secret.
    prefix = models.CharField(max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64, help_text="SHA-256 of the whole token, hex")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(
        null=True, blank=True, help_text="Refused from this moment on; empty means no expiry"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def last_day(self) -> datetime.date | None:
        """The last day (UK time) the token works: expiry is the midnight after it."""
        if self.expires_at is None:
            return None
        return (timezone.localtime(self.expires_at) - datetime.timedelta(microseconds=1)).date()

    def is_expired(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.expires_at is not None and self.expires_at <= now
