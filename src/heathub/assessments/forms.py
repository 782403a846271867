"""Forms for starting an assessment, its details and the lists, and the pieces every form here
uses: text-limit messages and dates typed as three boxes.

Format checks (a real date, a valid link, text within its stated limit) always run. Required
checks run only on "Save and continue" and on the check-your-answers page: "Save and come back
later" saves whatever is there (the GOV.UK pattern). The question pages' forms are in
answer_forms.py.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from heathub.accounts.models import User
from heathub.assessments import answer_kinds
from heathub.assessments.models import (
    DESCRIPTION_LIMIT,
    TITLE_LIMIT,
    Assessment,
    Status,
    Subject,
)
from heathub.frameworks.models import FrameworkVersion
from heathub.orgs.models import Membership, Organisation, Role


def limit_messages(label: str, limit: int) -> dict[str, str]:
    return {"max_length": f"{label} must be {limit:,} characters or fewer"}


# ---- dates as three boxes (day, month, year)


class DateInputWidget(forms.MultiWidget):
    def __init__(self) -> None:
        super().__init__(
            widgets={"day": forms.TextInput, "month": forms.TextInput, "year": forms.TextInput}
        )

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and (parsed := answer_kinds.parse_date(value)):
            return [parsed.day, parsed.month, parsed.year]
        return [None, None, None]


class DateInputField(forms.MultiValueField):
    """A real date from three boxes. Messages follow the GOV.UK date input pattern."""

    widget = DateInputWidget

    def __init__(self, *, label: str = "Date", required: bool = False, **kwargs: Any) -> None:
        self.what = label
        fields = tuple(forms.CharField(required=False) for _ in range(3))
        super().__init__(
            fields=fields, required=required, require_all_fields=False, label=label, **kwargs
        )
        self.error_messages["required"] = f"Enter the {label.lower()}"

    def compress(self, data_list: list[Any]) -> datetime.date | None:
        if not data_list or not any(str(p or "").strip() for p in data_list):
            return None
        day, month, year = (str(p or "").strip() for p in data_list)
        missing = [n for n, v in (("day", day), ("month", month), ("year", year)) if not v]
        if missing:
            raise ValidationError(
                f"{self.what.capitalize()} must include a {' and '.join(missing)}"
            )
        if not (day.isdigit() and month.isdigit() and re.fullmatch(r"\d{4}", year)):
            raise ValidationError(f"{self.what.capitalize()} must be a real date, like 25 11 2026")
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(
                f"{self.what.capitalize()} must be a real date, like 25 11 2026"
            ) from None


def date_parts(form: forms.BaseForm, name: str) -> dict[str, str]:
    """What to show in a date input's boxes: what was typed, or the stored date."""
    if form.is_bound:
        return {
            part: str(form.data.get(f"{form.add_prefix(name)}_{part}", ""))
            for part in ("day", "month", "year")
        }
    day, month, year = DateInputWidget().decompress(form.initial.get(name))
    return {
        "day": str(day or ""),
        "month": str(month or ""),
        "year": str(year or ""),
    }


# ---- starting an assessment


class StartForm(forms.Form):
    title = forms.CharField(
        max_length=TITLE_LIMIT,
        error_messages={
            "required": "Enter a title for the assessment",
            **limit_messages("The title", TITLE_LIMIT),
        },
    )
    subject = forms.ChoiceField(
        choices=Subject.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether it is a project, programme, service or policy"},
    )
    description = forms.CharField(
        required=False,
        max_length=DESCRIPTION_LIMIT,
        widget=forms.Textarea,
        error_messages=limit_messages("The description", DESCRIPTION_LIMIT),
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the organisation the assessment belongs to"},
    )
    owner = forms.ModelChoiceField(
        queryset=User.objects.none(),
        error_messages={"required": "Select who owns the assessment"},
    )
    collaborators = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    framework_version = forms.ModelChoiceField(
        queryset=FrameworkVersion.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the version of HEAT to use"},
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        startable = Organisation.objects.filter(
            memberships__user=user, memberships__role__in=(Role.EDITOR, Role.ORG_ADMIN)
        ).distinct()
        self.fields["organisation"].queryset = startable  # type: ignore[attr-defined]
        members = User.objects.filter(memberships__organisation__in=startable).distinct()
        owners = User.objects.filter(
            memberships__organisation__in=startable,
            memberships__role__in=(Role.EDITOR, Role.ORG_ADMIN),
        ).distinct()
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]
        self.fields["collaborators"].queryset = members  # type: ignore[attr-defined]
        versions = FrameworkVersion.objects.filter(active=True).order_by("-loaded_at", "-pk")
        self.fields["framework_version"].queryset = versions  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial.setdefault("owner", user.pk)
            if len(startable) == 1:
                self.initial.setdefault("organisation", startable[0].pk)
            newest = versions.first()
            if newest is not None:
                self.initial.setdefault("framework_version", newest.pk)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        org = cleaned.get("organisation")
        if org is None:
            return cleaned
        owner = cleaned.get("owner")
        if (
            owner is not None
            and not Membership.objects.filter(
                user=owner, organisation=org, role__in=(Role.EDITOR, Role.ORG_ADMIN)
            ).exists()
        ):
            self.add_error("owner", f"The owner must be an editor or admin in {org}")
        outsiders = [
            p.get_full_name()
            for p in cleaned.get("collaborators") or []
            if not Membership.objects.filter(user=p, organisation=org).exists()
        ]
        if outsiders:
            self.add_error(
                "collaborators", f"{', '.join(outsiders)} must be a member of {org} to collaborate"
            )
        return cleaned


class DetailsForm(StartForm):
    """The same fields, for changing an assessment's details (organisation and version fixed)."""

    def __init__(self, user: User, assessment: Assessment, *args: Any, **kwargs: Any) -> None:
        super().__init__(user, *args, **kwargs)
        del self.fields["organisation"], self.fields["framework_version"]
        org = assessment.organisation
        self.assessment = assessment
        self.fields["owner"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            memberships__organisation=org, memberships__role__in=(Role.EDITOR, Role.ORG_ADMIN)
        )
        self.fields["collaborators"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            memberships__organisation=org
        )

    def clean(self) -> dict[str, Any]:
        self.cleaned_data["organisation"] = self.assessment.organisation
        return super().clean()


# ---- lists


class ListFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, label="Search by title")
    status = forms.ChoiceField(
        required=False, choices=[("", "Any status"), *Status.choices], label="Status"
    )
    show = forms.MultipleChoiceField(
        required=False,
        choices=[("due", "Due for review"), ("overdue", "With overdue actions")],
        widget=forms.CheckboxSelectMultiple,
    )
