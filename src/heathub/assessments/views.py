"""Assessment pages: lists, start, task list, questions, check your answers, actions.

Each view fetches the assessment through access.get_assessment_for_user (404 for outsiders, 403
for readers who try to change it), parses the form, calls one function in actions.py and
redirects. Invalid forms come back with status 400, a stale page with 409.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from heathub.accounts.signed_in import SignedInRequest
from heathub.assessments import actions, answer_kinds, presenters, progress
from heathub.assessments.access import can_start_assessments, get_assessment_for_user
from heathub.assessments.form_params import FieldParams
from heathub.assessments.forms import (
    ActionForm,
    CheckAnswersForm,
    DetailsForm,
    GroupsForm,
    IntersectionForm,
    ListFilterForm,
    LocalGroupForm,
    QuestionForm,
    StartForm,
    date_parts,
)
from heathub.assessments.models import Action, Answer, Assessment, Status
from heathub.assessments.periodic_review import stage_four_status
from heathub.assessments.unsaved_work import (
    RESTORED_MESSAGE,
    sign_in_keeping_work,
    take_kept_post,
)
from heathub.frameworks.models import AnswerKind, Question, Stage
from heathub.orgs.models import Organisation

PAGE_SIZE = 20
DATA_GAPS_KEY = "assess.data_gaps"  # a recorded data gap can become an action in one step
# Stage 4 is recorded on the review workflow's page, not question by question
REVIEW_STAGE = "review"


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


# ---- lists


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


# ---- start and details


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
        except actions.ActionRefused as refused:
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


# ---- task list


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


# ---- questions


def _question(assessment: Assessment, key: str) -> Question:
    return get_object_or_404(
        Question.objects.select_related("stage"),
        stage__framework_version=assessment.framework_version_id,
        key=key,
    )


def _next_href(assessment: Assessment, question: Question) -> str:
    later = question.stage.questions.filter(order__gt=question.order).order_by("order").first()
    if later is not None:
        return reverse("assessments:question", args=[assessment.pk, later.key])
    return reverse("assessments:check-answers", args=[assessment.pk, question.stage.key])


def _build_form(
    question: Question,
    assessment: Assessment,
    data: QueryDict | None,
    answer: Answer | None,
) -> QuestionForm:
    value = answer.value if answer else {}
    version = answer.version if answer else 0
    if question.answer_kind == AnswerKind.GROUPS:
        considerations = list(assessment.considerations.prefetch_related("groups"))
        return GroupsForm(
            question,
            assessment,
            data,
            value=value,
            version=version,
            considerations=considerations,
        )
    return QuestionForm(question, assessment, data, value=value, version=version)


def _save(form: QuestionForm, request: SignedInRequest) -> Answer:
    question, assessment = form.question, form.assessment
    expected = form.cleaned_data["version"]
    if isinstance(form, GroupsForm):
        return actions.save_groups_answer(
            assessment,
            question,
            form.answer_value(),
            by=request.user,
            expected_version=expected,
            ticked_group_ids=form.ticked_group_ids(),
            edits=form.edits(),
            removed_ids=form.removed_ids(),
        )
    return actions.save_answer(
        assessment, question, form.answer_value(), by=request.user, expected_version=expected
    )


@sign_in_keeping_work
@require_http_methods(["GET", "POST"])
def question(request: SignedInRequest, pk: int, question_key: str) -> HttpResponse:
    posting = request.method == "POST"
    assessment = get_assessment_for_user(request.user, pk, write=posting)
    q = _question(assessment, question_key)
    if q.stage.key == REVIEW_STAGE:
        return redirect("assessments:periodic-review", assessment.pk)
    answer = Answer.objects.filter(assessment=assessment, question_key=q.key).first()
    editable = assessment.is_editor(request.user) and not assessment.stage_is_locked(q.stage.key)
    return_to_check = (request.POST.get("return") or request.GET.get("return")) == "check"
    data: QueryDict | None = request.POST if posting else None
    if not posting and editable and (kept := take_kept_post(request)) is not None:
        data = kept
        messages.warning(request, RESTORED_MESSAGE)
    form = _build_form(q, assessment, data, answer)
    status, stale_lines = 200, None
    if posting:
        try:
            actions.check_stage_open(assessment, q.stage.key)
        except actions.ActionRefused as refused:
            messages.error(request, str(refused))
            return redirect("assessments:task-list", assessment.pk)
        if form.is_valid():
            try:
                saved = _save(form, request)
            except actions.StaleAnswer as stale:
                status, stale_lines = 409, _stale(form, stale, q, assessment)
            else:
                return _after_save(request, form, saved, return_to_check)
        else:
            status = 400
    context = _question_context(request, assessment, q, answer, form, editable)
    context.update(stale_lines=stale_lines, return_to_check=return_to_check)
    return render_page(request, "question.jinja", context, status)


def _stale(
    form: QuestionForm, stale: actions.StaleAnswer, q: Question, assessment: Assessment
) -> list[str]:
    """Keep what they typed, move the page to the current version, and say what happened."""
    data = QueryDict(mutable=True)
    data.update(form.data)
    data["version"] = str(stale.answer.version)
    form.data = data
    form.errors.setdefault("stale", form.error_class()).append(
        f"{stale.answer.updated_by or 'Someone'} saved this section while you were editing it. "
        "Your answer has not been saved: it is still in the form below. Compare it with "
        "theirs, then save again."
    )
    return presenters.answer_lines(q, stale.answer.value, assessment)


def _after_save(
    request: SignedInRequest, form: QuestionForm, saved: Answer, return_to_check: bool
) -> HttpResponse:
    q, assessment = form.question, form.assessment
    if "continue" not in request.POST:
        messages.success(request, "Your answer has been saved. You can come back to it later.")
        return redirect("assessments:task-list", assessment.pk)
    problems = answer_kinds.required_problems(q, saved.value, assessment)
    if problems:
        # saved anyway (nothing typed is lost); the page says what is still needed
        fresh = _build_form(q, assessment, None, saved)
        fresh.add_problems(problems)
        messages.info(
            request, "Your answer has been saved. Some parts are still needed: see below."
        )
        context = _question_context(request, assessment, q, saved, fresh, True)
        context.update(return_to_check=return_to_check)
        return render_page(request, "question.jinja", context, 400)
    if return_to_check:
        return redirect("assessments:check-answers", assessment.pk, q.stage.key)
    return redirect(_next_href(assessment, q))


def _question_context(
    request: SignedInRequest,
    assessment: Assessment,
    q: Question,
    answer: Answer | None,
    form: QuestionForm,
    editable: bool,
) -> dict[str, Any]:
    kind = q.answer_kind
    context: dict[str, Any] = {
        "assessment": assessment,
        "summary": presenters.AssessmentSummary(assessment),
        "question": q,
        "stage": q.stage,
        "kind": kind,
        "form": form,
        "editable": editable,
        "text_limit": answer_kinds.text_limit(q),
        "answer_lines": presenters.answer_lines(q, answer.value if answer else {}, assessment),
        "page_title": answer_kinds.short_title(q),
        "back_link": {"href": reverse("assessments:task-list", args=[assessment.pk])},
    }
    if kind == AnswerKind.YESNO:
        context["yesno_parts"] = answer_kinds.yesno_parts(q)
        if q.key == DATA_GAPS_KEY and answer is not None and editable:
            context["gap_action_href"] = (
                reverse("assessments:action-add", args=[assessment.pk]) + "?from=data-gap"
            )
    if kind == AnswerKind.PEOPLE:
        context["people_rows"] = range(1, form.people_rows + 1)
        context["role_items"] = answer_kinds.roles(q)
    if kind == AnswerKind.EVIDENCE:
        context["item_rows"] = [
            (i, date_parts(form, f"item-{i}-date")) for i in range(1, form.item_rows + 1)
        ]
    if kind == AnswerKind.DATE:
        context["date_values"] = date_parts(form, "date")
        context["date_parts_asked"] = answer_kinds.date_parts_asked(q)
    if kind == AnswerKind.CHOICE:
        context["choice_items"] = answer_kinds.choices(q)
    if isinstance(form, GroupsForm):
        context.update(_groups_context(assessment, form))
    if kind == AnswerKind.ACTIONS:
        context["action_rows"] = [
            presenters.ActionRow(a)
            for a in assessment.actions.prefetch_related("groups").select_related("owner_user")
        ]
    return context


def _groups_context(assessment: Assessment, form: GroupsForm) -> dict[str, Any]:
    from heathub.frameworks.models import Dimension

    by_heading: dict[str, list[Any]] = {}
    for g in getattr(form, "available_groups", []):
        by_heading.setdefault(g.section or Dimension(g.dimension).label, []).append(g)
    dimensions = list(by_heading.items())
    return {
        "dimensions": dimensions,
        "group_items": [[(g.pk, g.label) for g in groups] for _, groups in dimensions],
        "considerations": form.considerations,
        "consideration_labels": {c.pk: str(c) for c in form.considerations},
        "group_fields": form.group_fields,
    }


# ---- groups: intersections and local PLUS groups


@sign_in_keeping_work
@require_http_methods(["GET", "POST"])
def add_intersection(request: SignedInRequest, pk: int, question_key: str) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk, write=True)
    q = _question(assessment, question_key)
    groups = list(actions.groups_for(assessment))
    form = IntersectionForm(groups, posted(request))
    back = reverse("assessments:question", args=[pk, q.key])
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_intersection(assessment, form.cleaned_data["groups"], by=request.user)
        except actions.ActionRefused as refused:
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
    q = _question(assessment, question_key)
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
        except actions.ActionRefused as refused:
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


# ---- actions


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
    data: QueryDict | None = request.POST if request.method == "POST" else None
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
    except actions.ActionRefused as refused:
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


# ---- check your answers


@sign_in_keeping_work
@require_http_methods(["GET", "POST"])
def check_answers(request: SignedInRequest, pk: int, stage_key: str) -> HttpResponse:
    posting = request.method == "POST"
    assessment = get_assessment_for_user(request.user, pk, write=posting)
    stage = get_object_or_404(
        Stage, framework_version=assessment.framework_version_id, key=stage_key
    )
    if stage.key == REVIEW_STAGE:
        return redirect("assessments:periodic-review", assessment.pk)
    form = CheckAnswersForm()
    status = 200
    if posting:
        try:
            actions.complete_stage(assessment, stage, by=request.user)
        except actions.ActionRefused as refused:
            messages.error(request, str(refused))
            return redirect("assessments:task-list", assessment.pk)
        except actions.StageIncomplete as incomplete:
            titles = {q.key: answer_kinds.short_title(q) for q in stage.questions.all()}
            form.add_problems(incomplete.problems, titles)
            status = 400
        else:
            messages.success(request, f"{stage.title} marked as complete")
            return redirect("assessments:task-list", assessment.pk)
    editable = assessment.is_editor(request.user) and not assessment.stage_is_locked(stage.key)
    answers = progress.answers_by_key(assessment)
    rows = []
    for q in stage.questions.all():
        answer = answers.get(q.key)
        href = reverse("assessments:question", args=[assessment.pk, q.key]) + "?return=check"
        rows.append(
            {
                "key": {"text": answer_kinds.short_title(q)},
                "value": {
                    "html": presenters.lines_html(
                        presenters.answer_lines(q, answer.value if answer else {}, assessment)
                    )
                },
                "actions": {
                    "items": [
                        {
                            "href": href,
                            "text": "Change",
                            "visuallyHiddenText": answer_kinds.short_title(q),
                            "attributes": {"id": "answer-" + q.key.replace(".", "-")},
                        }
                    ]
                }
                if editable
                else None,
            }
        )
    context = {
        "assessment": assessment,
        "summary": presenters.AssessmentSummary(assessment),
        "stage": stage,
        "rows": rows,
        "form": form,
        "editable": editable,
        "page_title": f"Check your answers: {stage.title}",
        "back_link": {"href": reverse("assessments:task-list", args=[assessment.pk])},
    }
    return render_page(request, "check_answers.jinja", context, status)
