"""Forms for inviting people, changing roles and settings, and accepting an invitation.

Error messages follow the GOV.UK pattern: they say what to do ("Enter ..."), and each is shown by
its field and in the error summary.
"""

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password

from heathub.accounts.models import User
from heathub.orgs.models import Role

NAME_LIMIT = 150  # User.full_name and User.job_title

ROLE_HINTS = {
    Role.MEMBER: "Reads the organisation's assessments and can be named as a collaborator",
    Role.EDITOR: "Also starts assessments and owns them",
    Role.ORG_ADMIN: "Also invites people, changes roles and the organisation's settings",
}


class RoleField(forms.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            choices=Role.choices,
            error_messages={
                "required": "Select a role",
                "invalid_choice": "Select a role from the list",
            },
            **kwargs,
        )


class InviteForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter the email address of the person to invite",
            "invalid": "Enter an email address in the correct format, like name@nhs.net",
            "max_length": "Email address must be 254 characters or fewer",
        },
    )
    role = RoleField(label="Role", initial=Role.MEMBER)


class RoleForm(forms.Form):
    role = RoleField(label="Role")


class SettingsForm(forms.Form):
    requires_mentor_review = forms.TypedChoiceField(
        label="Must a mentor review an assessment before it is signed off?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        error_messages={"required": "Select yes if a mentor review is required before sign-off"},
    )


class NewAccountForm(forms.Form):
    """The invitee's own details, for a person who has no account yet."""

    full_name = forms.CharField(
        label="Full name",
        max_length=NAME_LIMIT,
        error_messages={
            "required": "Enter your full name",
            "max_length": f"Full name must be {NAME_LIMIT} characters or fewer",
        },
    )
    job_title = forms.CharField(
        label="Job title (optional)",
        max_length=NAME_LIMIT,
        required=False,
        error_messages={"max_length": f"Job title must be {NAME_LIMIT} characters or fewer"},
    )
    password1 = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput,
        error_messages={"required": "Enter a password"},
    )
    password2 = forms.CharField(
        label="Type the password again",
        strip=False,
        widget=forms.PasswordInput,
        error_messages={"required": "Type the password again"},
    )

    def __init__(self, email: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "The two passwords do not match")
        elif password1:
            # compared with the person's name and email, as Django's own forms do
            person = User(email=self.email, full_name=cleaned.get("full_name", ""))
            try:
                validate_password(password1, person)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
