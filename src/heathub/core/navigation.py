"""What the page header shows: the service name, the sections a person may use, their account."""

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

SECTIONS = (
    # (URL name, label, the URL prefix that marks it current, the grant it needs or None)
    ("assessments:mine", "My assessments", "/assessments/", None),
    ("assessments:review-queue", "Mentor reviews", "/assessments/reviews/", "is_mentor"),
    ("orgs:mine", "My organisations", "/organisations/", None),
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
    current = max(
        (prefix for _, _, prefix, _ in SECTIONS if request.path.startswith(prefix)),
        key=len,
        default=None,
    )
    for name, label, prefix, grant in SECTIONS:
        if grant is not None and not getattr(user, grant, False):
            continue
        try:
            href = reverse(name)
        except NoReverseMatch:  # a section whose pages are not written yet
            continue
        items.append({"href": href, "text": label, "current": prefix == current})
    params["navigation"] = {"items": items}
    params["account"] = {
        "items": [
            {"href": reverse("accounts:account"), "text": user.email, "icon": True},
            {"href": reverse("accounts:sign-out"), "text": "Sign out"},
        ]
    }
    return params
