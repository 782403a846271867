"""What the page header shows: the service name, the sections a person may use, their account."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

SECTIONS = (
    # (URL name, label, the URL prefix that marks it current)
    ("orgs:mine", "My organisations", "/organisations/"),
)


def header_params(request: HttpRequest) -> dict[str, Any]:
    params: dict[str, Any] = {
        "service": {"text": "heathub", "href": reverse("core:home")},
        "logo": {"ariaLabel": "heathub home"},
    }
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        params["account"] = {"items": [{"href": reverse("accounts:sign-in"), "text": "Sign in"}]}
        return params
    items = []
    for name, label, prefix in SECTIONS:
        items.append(
            {"href": reverse(name), "text": label, "current": request.path.startswith(prefix)}
        )
    params["navigation"] = {"items": items}
    params["account"] = {
        "items": [
            {"href": reverse("accounts:account"), "text": user.email, "icon": True},
            {"href": reverse("accounts:sign-out"), "text": "Sign out"},
        ]
    }
    return params
