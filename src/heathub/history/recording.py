"""What an action tells django-simple-history about the change it is about to save."""

from django.db import models

from heathub.accounts.models import User


def record(instance: models.Model, reason: str, by: User | None) -> None:
    """Give the next history row its reason and author (CLI and tests have no request user)."""
    instance._change_reason = reason  # type: ignore[attr-defined]
    if by is not None:
        instance._history_user = by  # type: ignore[attr-defined]
