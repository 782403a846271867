"""The action plan: adding, changing and removing actions (also from a recorded data gap)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from heathub.accounts.signed_in import SignedInRequest
from heathub.assessments import actions, presenters
from heathub.assessments.access import get_assessment_for_user
from heathub.assessments.answer_forms import ActionForm
from heathub.assessments.forms import date_parts
from heathub.assessments.models import Action, Answer, Assessment
from heathub.assessments.question_views import DATA_GAPS_KEY
from heathub.assessments.rendering import render_page
from heathub.assessments.unsaved_work import (
    RESTORED_MESSAGE,
    sign_in_keeping_work,
    take_kept_post,
)
from heathub.core.form_data import posted
from heathub.core.refusals import ActionRefused
from heathub.frameworks.models import AnswerKind, Question


def _actions_question_href(assessment: Assessment) -> str:
    key = (
        Question.objects.filter(
            stage__framework_version=assessment.framework_version_id,
            answer_kind=AnswerKind.ACTIONS,
        )
        .values_list("key", flat=True)
        .first()
    )
    if key is None:
        return reverse("assessments:task-list", args=[assessment.pk])
    return reverse("assessments:question", args=[assessment.pk, key])


@sign_in_keeping_work
@require_http_methods(["GET", "POST"])
def action_form(request: SignedInRequest, pk: int, action_pk: int | None = None) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk, write=True)
    action = get_object_or_404(Action, pk=action_pk, assessment=assessment) if action_pk else None
    initial: dict[str, Any] = {}
    if action is not None:
        initial = {
            "description": action.description,
            "owner_user": action.owner_user_id,
            "owner_name": action.owner_name,
            "due_on": action.due_on,
            "status": action.status,
            "measure": action.measure,
            "groups": [g.pk for g in action.groups.all()],
            "updated_at": action.updated_at.isoformat(),
        }
    data = posted(request)
    if data is None and (kept := take_kept_post(request)) is not None:
        data = kept
        messages.warning(request, RESTORED_MESSAGE)
    if action is None and request.GET.get("from") == "data-gap":
        initial["description"] = _data_gap_description(assessment)
    form = ActionForm(assessment, data, initial=initial)
    back = _actions_question_href(assessment)
    status = 200
    if request.method == "POST":
        if "delete" in request.POST and action is not None:
            actions.delete_action(assessment, action, by=request.user)
            messages.success(request, "Action removed")
            return redirect(back)
        if form.is_valid():
            response = _save_action(request, assessment, action, form, back)
            if response is not None:
                return response
            status = 409
        else:
            status = 400
    context = {
        "form": form,
        "assessment": assessment,
        "summary": presenters.AssessmentSummary(assessment),
        "action": action,
        "due_values": date_parts(form, "due_on"),
        "page_title": "Change an action" if action else "Add an action",
        "back_link": {"href": back},
    }
    return render_page(request, "action_form.jinja", context, status)


def _data_gap_description(assessment: Assessment) -> str:
    answer = Answer.objects.filter(assessment=assessment, question_key=DATA_GAPS_KEY).first()
    parts = (answer.value.get("parts") or {}) if answer else {}
    gaps = [p.get("explanation", "") for p in parts.values() if p.get("answer") == "yes"]
    text = " ".join(g for g in gaps if g)
    return f"Fill the data gap: {text}"[:500] if text else "Fill the data gap: "


def _save_action(
    request: SignedInRequest,
    assessment: Assessment,
    action: Action | None,
    form: ActionForm,
    back: str,
) -> HttpResponse | None:
    import datetime

    data = form.cleaned_data
    expected = None
    if action is not None and data.get("updated_at"):
        try:
            expected = datetime.datetime.fromisoformat(data["updated_at"])
        except ValueError:
            expected = None
    try:
        actions.save_action(
            assessment,
            by=request.user,
            action=action,
            expected_updated_at=expected,
            description=data["description"],
            owner_user=data["owner_user"],
            owner_name=data["owner_name"] if not data["owner_user"] else "",
            due_on=data["due_on"],
            status=data["status"],
            measure=data["measure"],
            group_ids=data["groups"],
        )
    except ActionRefused as refused:
        form.errors.setdefault("description", form.error_class()).append(str(refused))
        if action is not None:
            refreshed = QueryDict(mutable=True)
            refreshed.update(form.data)
            action.refresh_from_db()
            refreshed["updated_at"] = action.updated_at.isoformat()
            form.data = refreshed
        return None
    messages.success(request, "Action saved")
    return redirect(back)
