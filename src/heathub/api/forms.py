"""The form that creates a personal API token: a name and an optional expiry date."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from heathub.api.models import NAME_LIMIT

DATE_PARTS = ("day", "month", "year")


class DateParts(forms.MultiWidget):
    """Day, month and year boxes named <field>_day, <field>_month, <field>_year."""

    def __init__(self) -> None:
        super().__init__({part: forms.TextInput() for part in DATE_PARTS})

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class OptionalDateField(forms.MultiValueField):
    """A GOV.UK date input: blank is allowed, a part missing or an impossible date is not."""

    widget = DateParts

    def __init__(self, *, label: str, **kwargs: Any) -> None:
        self.label_text = label
        parts = tuple(forms.CharField(required=False) for _ in DATE_PARTS)
        super().__init__(parts, required=False, require_all_fields=False, label=label, **kwargs)

    def compress(self, data_list: list[str]) -> datetime.date | None:
        values = dict(zip(DATE_PARTS, (v.strip() for v in data_list or ["", "", ""]), strict=True))
        if not any(values.values()):
            return None
        missing = [part for part in DATE_PARTS if not values[part]]
        if missing:
            raise forms.ValidationError(f"{self.label_text} must include a {' and '.join(missing)}")
        try:
            return datetime.date(int(values["year"]), int(values["month"]), int(values["day"]))
        except ValueError:
            raise forms.ValidationError(f"{self.label_text} must be a real date") from None


class CreateTokenForm(forms.Form):
    name = forms.CharField(
        label="Token name",
        max_length=NAME_LIMIT,
        error_messages={
            "required": "Enter a name for the token",
            "max_length": f"Token name must be {NAME_LIMIT} characters or fewer",
        },
    )
    expires_on = OptionalDateField(label="Expiry date")

    def clean_expires_on(self) -> datetime.date | None:
        expires_on: datetime.date | None = self.cleaned_data.get("expires_on")
        if expires_on is not None and expires_on <= timezone.localdate():
            raise forms.ValidationError("Expiry date must be in the future")
        return expires_on

    def expires_at(self) -> datetime.datetime | None:
        """The token works until the end of the chosen day, UK time."""
        expires_on: datetime.date | None = self.cleaned_data.get("expires_on")
        if expires_on is None:
            return None
        next_day = datetime.datetime.combine(
            expires_on + datetime.timedelta(days=1), datetime.time()
        )
        return timezone.make_aware(next_day)
