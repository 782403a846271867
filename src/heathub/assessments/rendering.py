"""Rendering an assessment page: the form-field params every form page needs, and POST data."""

from typing import Any

from django.http import HttpResponse, QueryDict
from django.shortcuts import render

from heathub.accounts.signed_in import SignedInRequest
from heathub.assessments.form_params import FieldParams


def posted(request: SignedInRequest) -> QueryDict | None:
    """The form data of a POST, even an empty one (`request.POST or None` would treat an empty
    POST as a first visit)."""
    return request.POST if request.method == "POST" else None


def render_page(
    request: SignedInRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    if "form" in context:
        context["f"] = FieldParams(context["form"])
    return render(request, f"assessments/{template}", context, status=status)
