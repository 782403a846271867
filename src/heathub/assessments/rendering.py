"""Rendering an assessment page: the form-field params every form page needs."""

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render

from heathub.accounts.signed_in import SignedInRequest
from heathub.assessments.form_params import FieldParams


def render_page(
    request: SignedInRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    if "form" in context:
        context["f"] = FieldParams(context["form"])
    return render(request, f"assessments/{template}", context, status=status)
