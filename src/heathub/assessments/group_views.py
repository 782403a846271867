"""Population groups beyond the checklist: intersections of groups and local PLUS groups."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from heathub.accounts.signed_in import SignedInRequest
from heathub.assessments import actions, presenters
from heathub.assessments.access import get_assessment_for_user
from heathub.assessments.answer_forms import IntersectionForm, LocalGroupForm
from heathub.assessments.question_views import question_for
from heathub.assessments.rendering import render_page
from heathub.assessments.unsaved_work import (
    sign_in_keeping_work,
)
from heathub.core.form_data import posted
from heathub.core.refusals import ActionRefused


@sign_in_keeping_work
@require_http_methods(["GET", "POST"])
def add_intersection(request: SignedInRequest, pk: int, question_key: str) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk, write=True)
    q = question_for(assessment, question_key)
    groups = list(actions.groups_for(assessment))
    form = IntersectionForm(groups, posted(request))
    back = reverse("assessments:question", args=[pk, q.key])
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_intersection(assessment, form.cleaned_data["groups"], by=request.user)
        except ActionRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, "Intersection added: describe it below")
        return redirect(back)
    context = {
        "form": form,
        "assessment": assessment,
        "summary": presenters.AssessmentSummary(assessment),
        "groups": groups,
        "page_title": "Add groups that overlap",
        "back_link": {"href": back},
    }
    return render_page(request, "add_intersection.jinja", context, 400 if form.errors else 200)


@sign_in_keeping_work
@require_http_methods(["GET", "POST"])
def add_local_group(request: SignedInRequest, pk: int, question_key: str) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk, write=True)
    q = question_for(assessment, question_key)
    form = LocalGroupForm(posted(request))
    back = reverse("assessments:question", args=[pk, q.key])
    if request.method == "POST" and form.is_valid():
        try:
            group = actions.add_local_group(
                assessment,
                by=request.user,
                label=form.cleaned_data["label"],
                description=form.cleaned_data["description"],
            )
        except ActionRefused as refused:
            form.add_error("label", str(refused))
        else:
            messages.success(request, f"Local group added and ticked: {group.label}")
            return redirect(back)
    context = {
        "form": form,
        "assessment": assessment,
        "summary": presenters.AssessmentSummary(assessment),
        "page_title": "Add a local PLUS group",
        "back_link": {"href": back},
    }
    return render_page(request, "add_local_group.jinja", context, 400 if form.errors else 200)
