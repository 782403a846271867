from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth import forms as auth_forms
from django.http import HttpRequest

from heathub.accounts.models import User


class SignInForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@nhs.net",
        },
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput,
        error_messages={"required": "Enter your password"},
    )

    def __init__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        self.user: User | None = None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        email, password = cleaned.get("email"), cleaned.get("password")
        if email and password:
            # request= lets django-axes count the failure against this email and address
            user = authenticate(self.request, email=email.lower(), password=password)
            if user is None or not user.is_active:
                raise forms.ValidationError(
                    "Enter a correct email address and password", code="invalid_login"
                )
            self.user = user
        return cleaned


class PasswordResetRequestForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@nhs.net",
        },
    )


class NewPasswordForm(auth_forms.SetPasswordForm):  # type: ignore[type-arg]  # generic only in stubs
    error_messages = {
        **auth_forms.SetPasswordForm.error_messages,
        "password_mismatch": "The two passwords do not match",
    }
