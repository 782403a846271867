"""Pages of the review workflow: mentor review and its queue, sign-off and unlock, the Stage 4
review, archive and copy. Each fetches the assessment through get_assessment_for_user, parses
the form, calls one action and redirects; a refused action is shown as a form error."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from heathub.accounts.signed_in import SignedInRequest
from heathub.assessments import lifecycle, mentor_review, periodic_review, sign_off
from heathub.assessments.access import get_assessment_for_user
from heathub.assessments.forms import date_parts
from heathub.assessments.history_view import assessment_changes
from heathub.assessments.models import (
    Assessment,
    MentorReview,
    PeriodicReviewOutcome,
    ReviewComment,
    Status,
)
from heathub.assessments.presenters import format_date, pagination
from heathub.assessments.rendering import render_page
from heathub.assessments.review_forms import (
    ArchiveForm,
    CommentForm,
    CopyForm,
    DecisionForm,
    PeriodicReviewForm,
    RequestReviewForm,
    SignOffForm,
    UnlockForm,
)
from heathub.assessments.review_presenters import (
    QueueRow,
    ReviewSummary,
    action_review_rows,
    mentor_choice_label,
    question_rows,
    review_date_hint,
    sign_off_summary,
    status_tag,
)
from heathub.core.form_data import posted
from heathub.core.refusals import ActionRefused
from heathub.frameworks.models import FrameworkVersion

QUEUE_PAGE_SIZE = 20


def _task_list(assessment: Assessment) -> str:
    return reverse("assessments:task-list", args=[assessment.pk])


def _back(assessment: Assessment) -> dict[str, str]:
    return {"href": _task_list(assessment), "text": "Back to the assessment"}


def _render(
    request: SignedInRequest, template: str, context: dict[str, Any], form: Any = None
) -> HttpResponse:
    if form is not None:
        context["form"] = form
    status = 400 if form is not None and form.errors else 200
    return render_page(request, f"review/{template}", context, status=status)


# ---- mentor review ---------------------------------------------------------------------------


@login_required
@require_GET
def review_queue(request: SignedInRequest) -> HttpResponse:
    if not request.user.is_mentor:
        raise PermissionDenied
    q = request.GET.get("q", "").strip()[:100]
    reviews = (
        MentorReview.objects.open()
        .filter(mentor=request.user, assessment__archived=False)
        .select_related("assessment__organisation", "requested_by")
        .order_by("requested_at", "pk")
    )
    if q:
        reviews = reviews.filter(
            Q(assessment__title__icontains=q) | Q(assessment__organisation__name__icontains=q)
        )
    page = Paginator(reviews, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    total = page.paginator.count
    return render(
        request,
        "assessments/review/queue.jinja",
        {
            "page_title": "Assessments waiting for your review",
            "rows": [QueueRow(r) for r in page.object_list],
            "q": q,
            "results": f"{total} assessment{'' if total == 1 else 's'} waiting"
            + (f" matching “{q}”" if q else ""),
            "pagination": pagination(page, {"q": q}),
        },
    )


def _review_page(
    request: SignedInRequest,
    assessment: Assessment,
    *,
    form: Any = None,
    comment_key: str = "",
) -> HttpResponse:
    user = request.user
    current = mentor_review.open_review(assessment)
    is_editor = assessment.is_editor(user)
    signed = assessment.status in (Status.SIGNED_OFF, Status.CLOSED)
    may_sign = is_editor and sign_off.may_sign_off(user, assessment)
    context = {
        "page_title": f"Review and sign-off: {assessment.title}",
        "assessment": assessment,
        "status_tag": status_tag(assessment),
        "reviews": [
            ReviewSummary(r)
            for r in assessment.mentor_reviews.select_related("mentor", "requested_by")
        ],
        "mentor_required": assessment.organisation.requires_mentor_review,
        "questions": question_rows(assessment, can_resolve=is_editor),
        "can_comment": current is not None and current.mentor_id == user.pk and user.is_mentor,
        "can_request": is_editor
        and assessment.status in mentor_review.REQUESTABLE
        and not assessment.archived,
        "comment_key": comment_key,
        "comment_limit": mentor_review.COMMENT_LIMIT,
        "signed": signed,
        "closed": assessment.status == Status.CLOSED,
        "sign_off_rows": sign_off_summary(assessment) if signed else [],
        "can_sign_off": may_sign and not signed,
        "blockers": sign_off.sign_off_blockers(assessment) if may_sign and not signed else [],
        "can_unlock": assessment.status == Status.SIGNED_OFF
        and sign_off.is_org_admin(user, assessment),
        "stage_four": is_editor and assessment.status in (Status.SIGNED_OFF, Status.CLOSED),
        "due_for_review": assessment.is_due_for_review(),
        "review_date": format_date(assessment.next_review_on),
        "can_archive": is_editor,
        "can_copy": lifecycle.can_start_in(user, assessment),
        "back_link": _back(assessment),
    }
    return _render(request, "review.jinja", context, form)


@login_required
@require_GET
def review(request: SignedInRequest, pk: int) -> HttpResponse:
    return _review_page(request, get_assessment_for_user(request.user, pk))


@login_required
@require_http_methods(["GET", "POST"])
def request_review(request: SignedInRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk, write=True)
    candidates = [
        m for m in mentor_review.mentors() if m.pk not in (request.user.pk, assessment.owner_id)
    ]
    choices = [(m.pk, mentor_choice_label(m)) for m in candidates]
    form = RequestReviewForm(choices, posted(request))
    if request.method == "POST" and form.is_valid():
        mentor = next(m for m in candidates if m.pk == form.cleaned_data["mentor"])
        try:
            mentor_review.request_review(
                assessment, by=request.user, mentor=mentor, message=form.cleaned_data["message"]
            )
        except ActionRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"Sent to {mentor.get_full_name()} for mentor review")
            return redirect("assessments:review", pk=assessment.pk)
    not_now = None
    if assessment.archived:
        not_now = "This assessment is archived: restore it before asking for a review."
    elif assessment.status == Status.IN_REVIEW:
        not_now = "This assessment is already with a mentor for review."
    elif assessment.status not in mentor_review.REQUESTABLE:
        not_now = "A signed-off assessment cannot be sent for mentor review."
    context = {
        "page_title": "Ask a mentor to review this assessment",
        "assessment": assessment,
        "choices": choices,
        "choices_items": [
            {"value": str(pk), "text": label, "selected": str(pk) == form.data.get("mentor")}
            for pk, label in choices
        ],
        "message": form.data.get("message", ""),
        "message_limit": mentor_review.MESSAGE_LIMIT,
        "refusal": not_now,
        "back_link": _back(assessment),
    }
    return _render(request, "request.jinja", context, form)


@login_required
@require_POST
def add_comment(request: SignedInRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    current = mentor_review.open_review(assessment)
    if current is None or current.mentor_id != request.user.pk:
        raise PermissionDenied
    form = CommentForm(request.POST)
    key = str(request.POST.get("question_key", ""))
    if form.is_valid():
        try:
            mentor_review.add_comment(
                current, by=request.user, question_key=key, text=form.cleaned_data["text"]
            )
        except ActionRefused as refusal:
            form.add_error("text", str(refusal))
        else:
            messages.success(request, "Comment added")
            return redirect(
                reverse("assessments:review", args=[pk]) + "#q-" + key.replace(".", "-")
            )
    return _review_page(request, assessment, form=form, comment_key=key)


@login_required
@require_POST
def resolve_comment(request: SignedInRequest, pk: int, comment_pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk, write=True)
    comment = get_object_or_404(ReviewComment, pk=comment_pk, review__assessment=assessment)
    try:
        mentor_review.resolve_comment(comment, by=request.user)
    except ActionRefused as refusal:
        messages.info(request, str(refusal))
    else:
        messages.success(request, "Comment resolved")
    anchor = "#q-" + comment.question_key.replace(".", "-")
    return redirect(reverse("assessments:review", args=[pk]) + anchor)


@login_required
@require_http_methods(["GET", "POST"])
def decide_review(request: SignedInRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    current = mentor_review.open_review(assessment)
    if current is None or current.mentor_id != request.user.pk:
        raise PermissionDenied
    form = DecisionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            mentor_review.decide_review(
                current,
                by=request.user,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
            )
        except ActionRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"Your review of “{assessment.title}” has been sent")
            return redirect("assessments:review-queue")
    open_comments = ReviewComment.objects.filter(
        review__assessment=assessment, resolved_at__isnull=True
    ).count()
    context = {
        "page_title": "Give the outcome of your review",
        "assessment": assessment,
        "outcome": form.data.get("outcome", ""),
        "note": form.data.get("note", ""),
        "note_limit": mentor_review.COMMENT_LIMIT,
        "open_comments": open_comments,
        "back_link": {
            "href": reverse("assessments:review", args=[pk]),
            "text": "Back to the review",
        },
    }
    return _render(request, "decision.jinja", context, form)


# ---- sign-off and unlock ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def sign_off_page(request: SignedInRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk, write=True)
    if not sign_off.may_sign_off(request.user, assessment):
        raise PermissionDenied
    initial = {"sponsor_name": assessment.sponsor_name, "sponsor_role": assessment.sponsor_role}
    form = SignOffForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        try:
            sign_off.sign_off(
                assessment,
                by=request.user,
                sponsor_name=c["sponsor_name"],
                sponsor_role=c["sponsor_role"],
                signed_off_on=c["signed_off_on"],
                next_review_on=c["next_review_on"],
            )
        except ActionRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "Sign-off recorded: Stages 1 to 3 are now read-only")
            return redirect(_task_list(assessment))
    signed = assessment.status in (Status.SIGNED_OFF, Status.CLOSED)
    context = {
        "page_title": "Sign-off" if signed else "Record the sign-off",
        "assessment": assessment,
        "signed": signed,
        "summary": sign_off_summary(assessment) if signed else [],
        "can_unlock": assessment.status == Status.SIGNED_OFF
        and sign_off.is_org_admin(request.user, assessment),
        "blockers": [] if signed else sign_off.sign_off_blockers(assessment),
        "declaration": sign_off.DECLARATION,
        "name_limit": sign_off.NAME_LIMIT,
        "signed_off_on": date_parts(form, "signed_off_on"),
        "next_review_on": date_parts(form, "next_review_on"),
        "review_hint": review_date_hint(timezone.localdate()),
        "back_link": _back(assessment),
    }
    return _render(request, "sign_off.jinja", context, form)


@login_required
@require_http_methods(["GET", "POST"])
def unlock(request: SignedInRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk, write=True)
    if not sign_off.is_org_admin(request.user, assessment):
        raise PermissionDenied
    form = UnlockForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            sign_off.unlock(assessment, by=request.user, reason=form.cleaned_data["reason"])
        except ActionRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "Unlocked: Stages 1 to 3 can be changed again")
            return redirect(_task_list(assessment))
    context = {
        "page_title": "Unlock a signed-off assessment",
        "assessment": assessment,
        "is_signed_off": assessment.status == Status.SIGNED_OFF,
        "reason": form.data.get("reason", ""),
        "reason_limit": sign_off.REASON_LIMIT,
        "back_link": _back(assessment),
    }
    return _render(request, "unlock.jinja", context, form)


# ---- Stage 4 ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def stage_four(request: SignedInRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk, write=True)
    base: dict[str, Any] = {
        "page_title": "Stage 4: Review",
        "assessment": assessment,
        "back_link": _back(assessment),
        "review_date": format_date(assessment.next_review_on),
    }
    if assessment.status != Status.SIGNED_OFF or assessment.archived:
        return _stage_four_closed(request, assessment, base)
    if not periodic_review.is_open(assessment):
        if request.method == "POST" and "start_early" in request.POST:
            periodic_review.start_early(assessment, by=request.user)
            return redirect("assessments:periodic-review", pk=pk)
        response = _render(request, "stage4_not_due.jinja", base)
        response.status_code = 400 if request.method == "POST" else 200  # not open: not saved
        return response
    actions = list(assessment.actions.select_related("owner_user").prefetch_related("groups"))
    versions = list(FrameworkVersion.objects.filter(active=True).order_by("-loaded_at"))
    if assessment.framework_version not in versions:
        versions.append(assessment.framework_version)
    draft = periodic_review.current_review(assessment)
    initial: dict[str, Any] = {"framework_version": assessment.framework_version_id}
    if draft is not None:
        initial.update(
            held_on=draft.held_on,
            delivered=draft.delivered,
            changed=draft.changed,
            learning=draft.learning,
            next_steps=draft.next_steps,
        )
        for key, line in draft.action_updates.items():
            initial[f"action-{key}-update"] = line
    form = PeriodicReviewForm(actions, versions, posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = _save_stage_four(request, assessment, form)
        if saved is not None:
            return saved
    values = _stage_four_values(form, actions)
    context = {
        **base,
        "values": values,
        "held_on": date_parts(form, "held_on"),
        "action_rows": action_review_rows(actions, values),
        "version_items": [
            {
                "value": str(v.pk),
                "text": str(v),
                "selected": str(v.pk) == values["framework_version"],
            }
            for v in versions
        ],
        "started_early": draft is not None and draft.started_early,
        "text_limit": periodic_review.TEXT_LIMIT,
        "update_limit": periodic_review.UPDATE_LIMIT,
    }
    return _render(request, "stage4.jinja", context, form)


def _save_stage_four(
    request: SignedInRequest, assessment: Assessment, form: PeriodicReviewForm
) -> HttpResponse | None:
    try:
        saved = periodic_review.save_review(
            assessment,
            by=request.user,
            text=form.review_text(),
            action_statuses=form.action_statuses(),
            action_updates=form.action_updates(),
        )
    except ActionRefused as refusal:
        form.add_error(None, str(refusal))
        return None
    if "finish" not in request.POST:
        messages.success(request, "Your Stage 4 review has been saved: you can come back to it")
        return redirect(_task_list(assessment))
    problems = periodic_review.finish_problems(saved)
    outcome = str(form.cleaned_data.get("outcome") or "")
    if not outcome:
        problems["outcome"] = "Select whether to close the assessment or start the next cycle"
    for field, message in problems.items():
        form.add_error(field, message)
    if problems:
        return None
    try:
        nxt = periodic_review.finish_review(
            saved, by=request.user, outcome=outcome, framework_version=form.chosen_version()
        )
    except ActionRefused as refusal:
        form.add_error(None, str(refusal))
        return None
    if nxt is not None:
        messages.success(request, f"Review finished: cycle {nxt.cycle} has started")
        return redirect(_task_list(nxt))
    messages.success(request, "Review finished: the assessment is closed")
    return redirect(_task_list(assessment))


def _stage_four_values(form: PeriodicReviewForm, actions: list[Any]) -> dict[str, Any]:
    """What each box shows: what was typed, else what is saved."""

    def value(name: str) -> Any:
        if form.is_bound:
            return form.data.get(name, "")
        return form.initial.get(name, form.fields[name].initial or "")

    names = ["delivered", "changed", "learning", "next_steps", "outcome", "framework_version"]
    for a in actions:
        names += [f"action-{a.pk}-status", f"action-{a.pk}-update"]
    values = {n: value(n) for n in names}
    for a in actions:
        values[f"action-{a.pk}-status"] = values[f"action-{a.pk}-status"] or a.status
    return {k: "" if v is None else str(v) for k, v in values.items()}


def _stage_four_closed(
    request: SignedInRequest, assessment: Assessment, base: dict[str, Any]
) -> HttpResponse:
    finished = assessment.periodic_reviews.exclude(finished_at__isnull=True).first()
    nxt = Assessment.objects.filter(previous_cycle=assessment).first()
    context = {
        **base,
        "finished": finished,
        "held_on": format_date(finished.held_on) if finished else "",
        "outcome": PeriodicReviewOutcome(finished.outcome).label if finished else "",
        "next_cycle_href": _task_list(nxt) if nxt else None,
        "not_signed_off": assessment.status not in (Status.SIGNED_OFF, Status.CLOSED),
    }
    response = _render(request, "stage4_closed.jinja", context)
    response.status_code = 400 if request.method == "POST" else 200  # nothing to save
    return response


# ---- archive and copy ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def archive(request: SignedInRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk, write=True)
    form = ArchiveForm(posted(request))
    if request.method == "POST":
        try:
            if assessment.archived:
                lifecycle.restore(assessment, by=request.user)
                messages.success(request, "Restored from the archive")
            else:
                lifecycle.archive(assessment, by=request.user)
                messages.success(request, "Archived: it can be read but not changed")
        except ActionRefused as refusal:
            messages.info(request, str(refusal))
        return redirect(_task_list(assessment))
    context = {
        "page_title": "Restore this assessment"
        if assessment.archived
        else "Archive this assessment",
        "assessment": assessment,
        "back_link": _back(assessment),
    }
    return _render(request, "archive.jinja", context, form)


@login_required
@require_http_methods(["GET", "POST"])
def copy(request: SignedInRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    if not lifecycle.can_start_in(request.user, assessment):
        raise PermissionDenied
    suggested = f"Copy of {assessment.title}"[: CopyForm.base_fields["title"].max_length]  # type: ignore[attr-defined]
    form = CopyForm(posted(request), initial={"title": suggested})
    if request.method == "POST" and form.is_valid():
        try:
            new = lifecycle.copy_assessment(
                assessment, by=request.user, title=form.cleaned_data["title"]
            )
        except ActionRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "Copied: the answers and population groups came across")
            return redirect(_task_list(new))
    context = {
        "page_title": "Copy this assessment to start a similar one",
        "assessment": assessment,
        "title": form.data.get("title", suggested) if form.is_bound else suggested,
        "title_limit": CopyForm.base_fields["title"].max_length,  # type: ignore[attr-defined]
        "back_link": _back(assessment),
    }
    return _render(request, "copy.jinja", context, form)


# ---- history ---------------------------------------------------------------------------------

HISTORY_PAGE_SIZE = 50


@login_required
@require_GET
def history(request: SignedInRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    page = Paginator(assessment_changes(assessment), HISTORY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page_title": f"History of changes: {assessment.title}",
        "assessment": assessment,
        "rows": list(page.object_list),
        "pagination": pagination(page, {}),
        "back_link": _back(assessment),
    }
    return _render(request, "history.jinja", context)
