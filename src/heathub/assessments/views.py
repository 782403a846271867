"""Assessment lists, starting an assessment, its details and its task list.

Each view fetches the assessment through access.get_assessment_for_user (404 for outsiders, 403
for readers who try to change it), parses the form, calls one function in actions.py and
redirects. Invalid forms come back with status 400, a stale page with 409. The question pages
are in question_views.py, population groups in group_views.py, the action plan in
action_views.py.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from heathub.accounts.signed_in import SignedInRequest
from heathub.assessments import actions, presenters, progress
from heathub.assessments.access import can_start_assessments, get_assessment_for_user
from heathub.assessments.form_params import FieldParams
from heathub.assessments.forms import (
    DetailsForm,
    ListFilterForm,
    StartForm,
)
from heathub.assessments.models import Assessment, Status
from heathub.assessments.periodic_review import stage_four_status
from heathub.assessments.question_views import REVIEW_STAGE
from heathub.assessments.rendering import render_page
from heathub.assessments.unsaved_work import (
    sign_in_keeping_work,
)
from heathub.core.form_data import posted
from heathub.core.refusals import ActionRefused
from heathub.orgs.models import Organisation

PAGE_SIZE = 20


def _list_context(
    request: SignedInRequest, assessments: QuerySet[Assessment], with_filters: bool
) -> dict[str, Any]:
    form = ListFilterForm(request.GET or None)
    query: dict[str, Any] = {}
    if form.is_valid():
        data = form.cleaned_data
        assessments = assessments.search(data["q"])  # type: ignore[attr-defined]
        query["q"] = data["q"]
        if with_filters:
            if data["status"]:
                assessments = assessments.filter(status=data["status"])
                query["status"] = data["status"]
            if "due" in data["show"]:
                assessments = assessments.due_for_review()  # type: ignore[attr-defined]
            if "overdue" in data["show"]:
                assessments = assessments.with_overdue_actions()  # type: ignore[attr-defined]
            query["show"] = data["show"]
    paginator = Paginator(
        assessments.select_related("organisation", "owner", "framework_version"), PAGE_SIZE
    )
    page = paginator.get_page(request.GET.get("page"))
    fields = FieldParams(form)
    return {
        "filter_form": form,
        "status_select": fields.select("status", "Status"),
        "filter_checkboxes": fields.checkboxes("show", "Show only", id_prefix="show"),
        "query": query,
        "rows": [presenters.AssessmentSummary(a) for a in page.object_list],
        "results_text": presenters.results_text(page),
        "pagination": presenters.pagination(page, query),
        "status_choices": Status.choices,
        "can_start": can_start_assessments(request.user),
    }


@sign_in_keeping_work
@require_GET
def mine(request: SignedInRequest) -> HttpResponse:
    """Assessments the person owns or collaborates on."""
    user = request.user
    own = Assessment.objects.visible_to(user).involving(user)
    context = _list_context(request, own, with_filters=False)
    context["organisations"] = Organisation.objects.of_user(user)
    context["page_title"] = "My assessments"
    if user.is_programme_lead:  # counts only, until the audit part gives leads their roll-ups
        context["programme_counts"] = presenters.programme_counts(
            Assessment.objects.active().status_counts()
        )
    return render_page(request, "mine.jinja", context)


@sign_in_keeping_work
@require_GET
def organisation(request: SignedInRequest, org_pk: int) -> HttpResponse:
    """One organisation's assessments, for its members, with filters."""
    org = get_object_or_404(Organisation.objects.of_user(request.user), pk=org_pk)
    assessments = Assessment.objects.visible_to(request.user).filter(organisation=org)
    context = _list_context(request, assessments, with_filters=True)
    context.update(org=org, page_title=f"Assessments in {org.name}")
    return render_page(request, "organisation.jinja", context)


@sign_in_keeping_work
@require_http_methods(["GET", "POST"])
def start(request: SignedInRequest) -> HttpResponse:
    if not can_start_assessments(request.user):
        raise PermissionDenied
    form = StartForm(request.user, posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        assessment = actions.start_assessment(
            by=request.user,
            title=data["title"],
            subject=data["subject"],
            description=data["description"],
            organisation=data["organisation"],
            owner=data["owner"],
            collaborators=data["collaborators"],
            framework_version=data["framework_version"],
        )
        messages.success(request, f"Assessment started: {assessment.title}")
        return redirect("assessments:task-list", assessment.pk)
    context = {
        "form": form,
        "page_title": "Start an assessment",
        "back_link": {"href": reverse("assessments:mine")},
    }
    return render_page(request, "start.jinja", context, 400 if form.errors else 200)


@sign_in_keeping_work
@require_http_methods(["GET", "POST"])
def details(request: SignedInRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk, write=True)
    initial = {
        "title": assessment.title,
        "subject": assessment.subject,
        "description": assessment.description,
        "owner": assessment.owner_id,
        "collaborators": list(assessment.collaborators_through.values_list("user_id", flat=True)),
    }
    form = DetailsForm(request.user, assessment, posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.change_details(
                assessment,
                by=request.user,
                title=data["title"],
                subject=data["subject"],
                description=data["description"],
                owner=data["owner"],
                collaborators=list(data["collaborators"]),
            )
        except ActionRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, "Details saved")
        return redirect("assessments:task-list", assessment.pk)
    context = {
        "form": form,
        "assessment": assessment,
        "summary": presenters.AssessmentSummary(assessment),
        "page_title": "Change the details",
        "back_link": {"href": reverse("assessments:task-list", args=[pk])},
    }
    return render_page(request, "details.jinja", context, 400 if form.errors else 200)


def optional_url(name: str, *args: Any) -> str | None:
    """A link to a page another part of heathub provides, once it exists."""
    from django.urls import NoReverseMatch

    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


@sign_in_keeping_work
@require_GET
def task_list(request: SignedInRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    stages: list[presenters.StageProgress | presenters.StageFourProgress] = [
        presenters.StageProgress(assessment, stage, sections)
        if stage.key != REVIEW_STAGE
        else presenters.StageFourProgress(assessment, stage, stage_four_status(assessment))
        for stage, sections in progress.stages_with_sections(assessment)
    ]
    actions_list = list(assessment.actions.prefetch_related("groups").select_related("owner_user"))
    context = {
        "assessment": assessment,
        "summary": presenters.AssessmentSummary(assessment),
        "stages": stages,
        "can_edit": assessment.is_editor(request.user),
        "overdue_warning": presenters.overdue_warning(
            sum(1 for a in actions_list if a.is_overdue())
        ),
        "collaborators": [c.get_full_name() for c in assessment.collaborators.all()],
        "links": {
            "history": optional_url("assessments:history", pk),
            "review": optional_url("assessments:review", pk),
            "export": optional_url("assessments:export", pk),
        },
        "page_title": assessment.title,
        "back_link": {"href": reverse("assessments:mine"), "text": "My assessments"},
    }
    return render_page(request, "task_list.jinja", context)
