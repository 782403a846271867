"""Forms for the review workflow: asking a mentor, comments and outcome, sign-off, unlocking,
the Stage 4 review, copying. Messages follow GOV.UK patterns; limits are stated on the pages."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from heathub.assessments.forms import DateInputField, limit_messages
from heathub.assessments.mentor_review import COMMENT_LIMIT, MESSAGE_LIMIT
from heathub.assessments.models import (
    MAX_REVIEW_MONTHS,
    TITLE_LIMIT,
    Action,
    ActionStatus,
    PeriodicReviewOutcome,
    ReviewOutcome,
)
from heathub.assessments.periodic_review import TEXT_LIMIT, UPDATE_LIMIT, ReviewText
from heathub.assessments.sign_off import NAME_LIMIT, REASON_LIMIT, latest_review_date
from heathub.frameworks.models import FrameworkVersion


def not_in_future(value: datetime.date | None, message: str) -> None:
    if value is not None and value > timezone.localdate():
        raise forms.ValidationError(message)


class RequestReviewForm(forms.Form):
    mentor = forms.TypedChoiceField(
        coerce=int,
        error_messages={"required": "Select a mentor", "invalid_choice": "Select a mentor"},
    )
    message = forms.CharField(
        required=False,
        max_length=MESSAGE_LIMIT,
        widget=forms.Textarea,
        error_messages=limit_messages("Your message", MESSAGE_LIMIT),
    )

    def __init__(self, mentor_choices: list[tuple[int, str]], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mentor"].choices = mentor_choices  # type: ignore[attr-defined]


class CommentForm(forms.Form):
    question_key = forms.CharField(max_length=80)
    text = forms.CharField(
        max_length=COMMENT_LIMIT,
        widget=forms.Textarea,
        error_messages={
            "required": "Enter your comment",
            **limit_messages("Your comment", COMMENT_LIMIT),
        },
    )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=ReviewOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select ready for sign-off or changes requested"},
    )
    note = forms.CharField(
        required=False,
        max_length=COMMENT_LIMIT,
        widget=forms.Textarea,
        error_messages=limit_messages("Your note", COMMENT_LIMIT),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("outcome") == ReviewOutcome.CHANGES_REQUESTED and not cleaned.get("note"):
            self.add_error("note", "Say what needs to change")
        return cleaned


class SignOffForm(forms.Form):
    sponsor_name = forms.CharField(
        max_length=NAME_LIMIT,
        error_messages={
            "required": "Enter the senior sponsor's name",
            **limit_messages("The name", NAME_LIMIT),
        },
    )
    sponsor_role = forms.CharField(
        max_length=NAME_LIMIT,
        error_messages={
            "required": "Enter the senior sponsor's role",
            **limit_messages("The role", NAME_LIMIT),
        },
    )
    signed_off_on = DateInputField(label="Date of sign-off", required=True)
    next_review_on = DateInputField(label="Review date", required=False)
    declaration = forms.BooleanField(
        error_messages={"required": "Confirm the senior sponsor has agreed the assessment"}
    )

    def clean_signed_off_on(self) -> datetime.date | None:
        value: datetime.date | None = self.cleaned_data.get("signed_off_on")
        not_in_future(value, "Date of sign-off must be today or in the past")
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        signed, review = cleaned.get("signed_off_on"), cleaned.get("next_review_on")
        if signed and review:
            if review <= timezone.localdate():
                self.add_error("next_review_on", "Review date must be in the future")
            elif review > latest_review_date(signed):
                self.add_error(
                    "next_review_on",
                    f"Review date must be no more than {MAX_REVIEW_MONTHS} months after sign-off",
                )
        return cleaned


class UnlockForm(forms.Form):
    reason = forms.CharField(
        max_length=REASON_LIMIT,
        widget=forms.Textarea,
        error_messages={
            "required": "Give the reason for unlocking",
            **limit_messages("The reason", REASON_LIMIT),
        },
    )


class ArchiveForm(forms.Form):
    """No fields: the button says what happens (archive or restore)."""


class CopyForm(forms.Form):
    title = forms.CharField(
        max_length=TITLE_LIMIT,
        error_messages={
            "required": "Enter a title for the new assessment",
            **limit_messages("The title", TITLE_LIMIT),
        },
    )


def _text_field(label: str) -> forms.CharField:
    return forms.CharField(
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea,
        error_messages=limit_messages(label, TEXT_LIMIT),
    )


class PeriodicReviewForm(forms.Form):
    """The Stage 4 review. Format checks always run; what finishing needs is added by the view
    (periodic_review.finish_problems) only when the team finishes."""

    held_on = DateInputField(label="Date of the review", required=False)
    delivered = _text_field("What was delivered")
    changed = _text_field("What changed")
    learning = _text_field("What you learned")
    next_steps = _text_field("What happens next")
    outcome = forms.ChoiceField(
        required=False, choices=PeriodicReviewOutcome.choices, widget=forms.RadioSelect
    )
    framework_version = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)

    def __init__(
        self,
        actions: list[Action],
        versions: list[FrameworkVersion],
        *args: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.actions = actions
        self.versions = {v.pk: v for v in versions}
        self.fields["framework_version"].choices = [  # type: ignore[attr-defined]
            (v.pk, str(v)) for v in versions
        ]
        for a in actions:
            self.fields[f"action-{a.pk}-status"] = forms.ChoiceField(
                choices=ActionStatus.choices,
                initial=a.status,
                error_messages={"required": "Select a status for this action"},
            )
            self.fields[f"action-{a.pk}-update"] = forms.CharField(
                required=False,
                max_length=UPDATE_LIMIT,
                error_messages=limit_messages("What happened", UPDATE_LIMIT),
            )

    def clean_held_on(self) -> datetime.date | None:
        value: datetime.date | None = self.cleaned_data.get("held_on")
        not_in_future(value, "Date of the review must be today or in the past")
        return value

    def review_text(self) -> ReviewText:
        c = self.cleaned_data
        return ReviewText(
            held_on=c.get("held_on"),
            delivered=c.get("delivered", ""),
            changed=c.get("changed", ""),
            learning=c.get("learning", ""),
            next_steps=c.get("next_steps", ""),
        )

    def action_statuses(self) -> dict[int, str]:
        return {a.pk: self.cleaned_data[f"action-{a.pk}-status"] for a in self.actions}

    def action_updates(self) -> dict[int, str]:
        return {a.pk: self.cleaned_data.get(f"action-{a.pk}-update", "") for a in self.actions}

    def chosen_version(self) -> FrameworkVersion | None:
        pk = self.cleaned_data.get("framework_version")
        return self.versions.get(pk) if pk else None
