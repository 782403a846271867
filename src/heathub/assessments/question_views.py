"""Question pages ("save and continue", "save and come back later", stale pages refused) and
each stage's check-your-answers page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from heathub.accounts.signed_in import SignedInRequest
from heathub.assessments import actions, answer_kinds, presenters, progress
from heathub.assessments.access import get_assessment_for_user
from heathub.assessments.answer_forms import CheckAnswersForm, GroupsForm, QuestionForm
from heathub.assessments.forms import date_parts
from heathub.assessments.models import Answer, Assessment
from heathub.assessments.rendering import render_page
from heathub.assessments.unsaved_work import (
    RESTORED_MESSAGE,
    sign_in_keeping_work,
    take_kept_post,
)
from heathub.core.refusals import ActionRefused
from heathub.frameworks.models import AnswerKind, Question, Stage

DATA_GAPS_KEY = "assess.data_gaps"  # a recorded data gap can become an action in one step
# Stage 4 is recorded on the review workflow's page, not question by question
REVIEW_STAGE = "review"


def question_for(assessment: Assessment, key: str) -> Question:
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
    q = question_for(assessment, question_key)
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
        except ActionRefused as refused:
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
        except ActionRefused as refused:
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
