"""What the API returns: typed schemas, dates and times in ISO 8601.

People appear by id and name only (no email addresses): the API shows what the pages show.
"""

import datetime
from typing import Any

from django.utils import timezone
from ninja import Field, Schema

from heathub.assessments.models import (
    Action,
    Assessment,
    PopulationGroupConsideration,
    Status,
)
from heathub.orgs.models import Organisation, System


class Detail(Schema):
    """Every error: a sentence saying what is wrong."""

    detail: str


class PersonOut(Schema):
    id: int
    name: str = Field(description="Full name")

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj.get_full_name())


class SystemOut(Schema):
    id: int
    name: str
    ons_code: str
    region: str

    @staticmethod
    def resolve_region(obj: System) -> str:
        return obj.region.name


class OrganisationRef(Schema):
    id: int
    name: str


class OrganisationOut(Schema):
    id: int
    name: str
    type: str = Field(examples=["nhs_trust"])
    type_label: str = Field(examples=["NHS trust"])
    ods_code: str = Field(description="ODS code, or empty")
    ons_code: str = Field(description="ONS code, or empty")
    is_example: bool = Field(description="Demo data, not a real organisation's work")
    requires_mentor_review: bool
    systems: list[SystemOut] = Field(description="The integrated care systems it belongs to")
    your_role: str | None = Field(
        description="Your role in it: member, editor or org_admin", examples=["member"]
    )

    @staticmethod
    def resolve_type_label(obj: Organisation) -> str:
        return obj.get_type_display()

    @staticmethod
    def resolve_your_role(obj: Organisation) -> str | None:
        return getattr(obj, "your_role", None)  # annotated by the route


class AssessmentFilters(Schema):
    organisation: int | None = Field(None, description="Only this organisation's assessments")
    status: Status | None = Field(None, description="Only assessments in this state")
    due_for_review: bool | None = Field(
        None, description="true: signed off with a review date today or earlier; false: not"
    )
    overdue_actions: bool | None = Field(
        None, description="true: with at least one open action past its due date; false: none"
    )
    search: str = Field("", max_length=150, description="Words in the title")
    include_archived: bool = Field(
        False, description="Archived assessments are left out unless true"
    )


class AssessmentSummaryOut(Schema):
    id: int
    title: str
    subject: str = Field(examples=["project"], description="project, programme, service or policy")
    status: Status
    status_label: str = Field(examples=["In mentor review"])
    organisation: OrganisationRef
    owner: PersonOut
    framework_version: str = Field(examples=["HEAT 2024.1"])
    cycle: int
    archived: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime
    signed_off_on: datetime.date | None
    next_review_on: datetime.date | None
    due_for_review: bool
    overdue_action_count: int

    @staticmethod
    def resolve_status_label(obj: Assessment) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_framework_version(obj: Assessment) -> str:
        return str(obj.framework_version)

    @staticmethod
    def resolve_due_for_review(obj: Assessment) -> bool:
        return obj.is_due_for_review(timezone.localdate())

    @staticmethod
    def resolve_overdue_action_count(obj: Assessment) -> int:
        annotated = getattr(obj, "overdue_action_count", None)
        if annotated is not None:
            return int(annotated)
        return sum(1 for action in obj.actions.all() if action.is_overdue())


class AnswerOut(Schema):
    value: Any = Field(description="Shaped by the question's answer kind (JSON)")
    completed: bool = Field(description="Confirmed on the stage's check-your-answers page")
    updated_at: datetime.datetime


class PopulationGroupOut(Schema):
    key: str
    label: str
    dimension: str = Field(examples=["protected", "socioeconomic", "inclusion"])


class ConsiderationOut(Schema):
    """A population group (or an intersection of several) the team considered."""

    groups: list[PopulationGroupOut]
    affected: list[str] = Field(examples=[["Access", "Outcomes"]])
    affected_how: str
    evidence: str
    evidence_links: list[str]
    confidence: str = Field(description="high, medium, low, or empty")
    expected_effect: str = Field(description="narrow, widen, none, unknown, or empty")
    effect_rationale: str
    mitigation: str
    data_gap: str

    @staticmethod
    def resolve_affected(obj: PopulationGroupConsideration) -> list[str]:
        return obj.lenses

    @staticmethod
    def resolve_evidence_links(obj: PopulationGroupConsideration) -> list[str]:
        links = obj.evidence_links
        return [str(link) for link in links] if isinstance(links, list) else []


class ActionOut(Schema):
    id: int
    description: str
    owner: str = Field(description="The owner's name: a member, or someone not on heathub")
    owner_id: int | None = Field(description="The owner's person id, when they are a member")
    due_on: datetime.date
    status: str = Field(examples=["planned"], description="planned, in_progress, done or dropped")
    status_label: str
    overdue: bool = Field(description="Still open and past its due date")
    groups: list[str] = Field(description="Keys of the population groups it is for")
    measure: str
    note: str

    @staticmethod
    def resolve_owner(obj: Action) -> str:
        return obj.owner_display

    @staticmethod
    def resolve_owner_id(obj: Action) -> int | None:
        return obj.owner_user_id

    @staticmethod
    def resolve_status_label(obj: Action) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_overdue(obj: Action) -> bool:
        return obj.is_overdue(timezone.localdate())

    @staticmethod
    def resolve_groups(obj: Action) -> list[str]:
        return [group.key for group in obj.groups.all()]


class AssessmentDetailOut(AssessmentSummaryOut):
    description: str
    timing: str = Field(description="prospective, retrospective, or empty")
    collaborators: list[PersonOut]
    sponsor_name: str
    sponsor_role: str
    answers: dict[str, AnswerOut] = Field(description="Answers keyed by the question's stable key")
    population_groups: list[ConsiderationOut]
    actions: list[ActionOut]

    @staticmethod
    def resolve_answers(obj: Assessment) -> dict[str, Any]:
        return {answer.question_key: answer for answer in obj.answers.all()}

    @staticmethod
    def resolve_population_groups(obj: Assessment) -> list[PopulationGroupConsideration]:
        return list(obj.considerations.all())

    @staticmethod
    def resolve_collaborators(obj: Assessment) -> list[Any]:
        return [row.user for row in obj.collaborators_through.all()]
