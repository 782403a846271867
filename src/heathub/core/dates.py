"""Dates as people read them on every page, email and export: "25 November 2026" (GOV.UK style),
in the site's time zone (UK time) when given a moment rather than a day."""

import datetime

from django.utils import timezone


def long_date(value: datetime.date | datetime.datetime) -> str:
    """25 November 2026: no leading zero, the month in full."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return f"{value.day} {value:%B %Y}"


def long_date_time(moment: datetime.datetime) -> str:
    """25 November 2026, 9:31pm."""
    local = timezone.localtime(moment)
    hour = local.hour % 12 or 12
    return f"{long_date(local)}, {hour}:{local:%M}{'am' if local.hour < 12 else 'pm'}"
