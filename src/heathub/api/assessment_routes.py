"""GET /api/assessments (filtered, paginated) and /api/assessments/{id} (answers, groups, actions).

Both go through the pages' own access rules: the list is `Assessment.objects.visible_to`, the
detail is `get_assessment_for_user`, so the API never shows what a page would not.
"""

from django.db.models import Count, Q, QuerySet, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.utils import timezone
from ninja import Query, Router
from ninja.pagination import PageNumberPagination, paginate

from heathub.api.auth import TokenRequest
from heathub.api.schemas import (
    AssessmentDetailOut,
    AssessmentFilters,
    AssessmentSummaryOut,
    Detail,
)
from heathub.assessments.access import get_assessment_for_user
from heathub.assessments.models import OPEN_ACTION_STATUSES, Assessment

router = Router(tags=["Assessments"])
PAGE_SIZE = 20


def with_overdue_count(assessments: QuerySet[Assessment]) -> QuerySet[Assessment]:
    overdue = Q(actions__status__in=OPEN_ACTION_STATUSES, actions__due_on__lt=timezone.localdate())
    return assessments.annotate(overdue_action_count=Coalesce(Count("actions", filter=overdue), 0))


def filtered(assessments: QuerySet[Assessment], filters: AssessmentFilters) -> QuerySet[Assessment]:
    if not filters.include_archived:
        assessments = assessments.active()  # type: ignore[attr-defined]
    if filters.organisation is not None:
        assessments = assessments.filter(organisation_id=filters.organisation)
    if filters.status is not None:
        assessments = assessments.filter(status=filters.status)
    if filters.due_for_review is not None:
        due = Assessment.objects.due_for_review().values("pk")
        lookup = {"pk__in": due}
        assessments = (
            assessments.filter(**lookup)
            if filters.due_for_review
            else assessments.exclude(**lookup)
        )
    if filters.overdue_actions is not None:
        overdue = Assessment.objects.with_overdue_actions().values("pk")
        lookup = {"pk__in": overdue}
        assessments = (
            assessments.filter(**lookup)
            if filters.overdue_actions
            else assessments.exclude(**lookup)
        )
    return assessments.search(filters.search)  # type: ignore[attr-defined,no-any-return]


@router.get(
    "/assessments",
    response={200: list[AssessmentSummaryOut], 401: Detail},
    url_name="assessment-list",
    summary="Assessments you can see",
)
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def assessment_list(
    request: TokenRequest, filters: Query[AssessmentFilters]
) -> QuerySet[Assessment]:
    """The assessments you may read (as owner, collaborator, member of the organisation or
    named mentor), newest change first, 20 to a page (`page`, `page_size` up to 100)."""
    visible = Assessment.objects.visible_to(request.auth)
    assessments = filtered(visible, filters).select_related(
        "organisation", "owner", "framework_version"
    )
    return with_overdue_count(assessments).order_by("-updated_at", "-pk")


@router.get(
    "/assessments/{assessment_id}",
    response={200: AssessmentDetailOut, 401: Detail, 404: Detail},
    url_name="assessment-detail",
    summary="One assessment, with answers, population groups and actions",
)
def assessment_detail(request: TokenRequest, assessment_id: int) -> Assessment:
    """404 for an assessment you may not read: its existence is not revealed."""
    assessment = get_assessment_for_user(request.auth, assessment_id)
    prefetch_related_objects(
        [assessment],
        "answers",
        "considerations__groups",
        "actions__owner_user",
        "actions__groups",
        "collaborators_through__user",
    )
    return assessment
