"""What the token pages show: dates in words, a status tag, and the token's public prefix."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from heathub.api.models import ApiToken
from heathub.core.dates import long_date

STATUS_TAGS = {  # status: (text, NHS.UK tag colour)
    "active": ("Active", "green"),
    "expired": ("Expired", "grey"),
    "revoked": ("Revoked", "red"),
}


@dataclass(frozen=True)
class TokenSummary:
    token: ApiToken
    now: datetime.datetime

    @property
    def name(self) -> str:
        return self.token.name

    @property
    def prefix(self) -> str:
        return f"hh_{self.token.prefix}_…"

    @property
    def status(self) -> str:
        if self.token.is_revoked:
            return "revoked"
        return "expired" if self.token.is_expired(self.now) else "active"

    @property
    def status_tag(self) -> dict[str, str]:
        text, colour = STATUS_TAGS[self.status]
        return {"text": text, "classes": f"nhsuk-tag--{colour}"}

    @property
    def created(self) -> str:
        return long_date(self.token.created_at)

    @property
    def expires(self) -> str:
        last_day = self.token.last_day
        if last_day is None:
            return "Does not expire"
        word = "Expired after" if self.status == "expired" else "Works until the end of"
        return f"{word} {long_date(last_day)}"

    @property
    def last_used(self) -> str:
        used = self.token.last_used_at
        return long_date(used) + f" at {timezone.localtime(used):%H:%M}" if used else "Never used"
