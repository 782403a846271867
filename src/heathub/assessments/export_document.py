"""An assessment as an export document (reports.assessment_document.AssessmentDocument).

Everything the Word and PDF exports show is worked out here, as text ready to read: dates as
"25 November 2026", blanks as "Not answered", overdue actions flagged. The renderers in
heathub.reports only lay it out. Fetch the assessment through get_assessment_for_user first.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.utils import timezone
from django.utils.text import slugify

from heathub.assessments import answer_kinds, presenters, progress
from heathub.assessments.models import (
    Action,
    ActionStatus,
    Answer,
    Assessment,
    PeriodicReview,
    PopulationGroupConsideration,
    ReviewComment,
    Status,
    Subject,
)
from heathub.assessments.sign_off import DECLARATION
from heathub.frameworks.models import AnswerKind, Question
from heathub.reports.assessment_document import (
    NOT_ANSWERED,
    AssessmentDocument,
    Detail,
    MentorComment,
    QuestionAnswer,
    SignOff,
    StageSection,
    Table,
)

NOT_GIVEN = "Not given"
NOT_RECORDED = "Not recorded"
SEE_GROUPS = "The groups and what the team found are in the population groups table."
SEE_ACTIONS = "The actions are in the actions table."
NOT_SIGNED_OFF = (
    "Not signed off yet. The senior sponsor's declaration is recorded here when they sign the "
    "assessment off."
)
STAGE_4_NOT_OPEN = "Stage 4 opens after sign-off, when the review is due."

GROUPS_HEADER = ("Group", "How they are affected", "Evidence", "Confidence", "Expected effect")
GROUPS_WIDTHS = (18, 25, 23, 15, 19)
ACTIONS_HEADER = ("Action", "Owner", "Due date", "Status", "Groups")
ACTIONS_WIDTHS = (36, 17, 16, 13, 18)
OVERDUE = "Overdue"


def build_assessment_document(
    assessment: Assessment,
    *,
    include_comments: bool,
    today: datetime.date | None = None,
) -> AssessmentDocument:
    today = today or timezone.localdate()
    version = assessment.framework_version
    comments = _comments_by_question(assessment) if include_comments else {}
    return AssessmentDocument(
        title=assessment.title,
        is_example=assessment.organisation.is_example,
        description=assessment.description,
        details=_details(assessment),
        framework_notice=presenters.paraphrase_notice(version),
        extra_notes=(version.notice,) if version.notice else (),
        stages=_stages(assessment, comments),
        groups=groups_table(assessment),
        actions=actions_table(assessment, today),
        sign_off=sign_off_block(assessment),
        generated_on=today,
        includes_comments=include_comments,
    )


def download_filename(assessment: Assessment, today: datetime.date, extension: str) -> str:
    """smoking-cessation-in-tamworth-2026-11-25.pdf: the title, slugified, and the date."""
    slug = slugify(assessment.title)[:80].strip("-") or "heat-assessment"
    return f"{slug}-{today.isoformat()}.{extension}"


# ---- title block ---------------------------------------------------------------------------------


def _details(assessment: Assessment) -> tuple[Detail, ...]:
    a = assessment
    status = presenters.STATUS_TAGS[Status(a.status)][0]
    if a.archived:
        status += " (archived)"
    collaborators = [c.get_full_name() for c in a.collaborators.order_by("full_name")]
    details = [
        Detail("Organisation", a.organisation.name),
        Detail("What is assessed", Subject(a.subject).label),
        Detail("Status", status),
        Detail("Owner", a.owner.get_full_name()),
        Detail("Collaborators", ", ".join(collaborators) or "None"),
        Detail("Framework version", str(a.framework_version)),
        Detail("Started", presenters.format_date(a.created_at)),
    ]
    if a.cycle > 1:
        details.append(Detail("Cycle", f"Cycle {a.cycle}"))
    if a.next_review_on:
        details.append(Detail("Review date", presenters.format_date(a.next_review_on)))
    return tuple(details)


# ---- stages and answers -------------------------------------------------------------------------


def _stages(
    assessment: Assessment, comments: dict[str, list[MentorComment]]
) -> tuple[StageSection, ...]:
    stages = []
    for stage, sections in progress.stages_with_sections(assessment):
        questions = [
            QuestionAnswer(
                prompt=s.question.prompt,
                lines=answer_text(s.question, s.answer, assessment),
                comments=tuple(comments.get(s.question.key, ())),
            )
            for s in sections
        ]
        note = ""
        if stage.key == "review":
            record = _latest_periodic_review(assessment)
            if record is not None:
                questions.extend(periodic_review_answers(record))
            elif not assessment.is_locked and all(s.answer is None for s in sections):
                note = STAGE_4_NOT_OPEN
        stages.append(
            StageSection(f"Stage {stage.order}: {stage.title}", tuple(questions), note=note)
        )
    return tuple(stages)


def answer_text(
    question: Question, answer: Answer | None, assessment: Assessment
) -> tuple[str, ...]:
    """An answer as paragraphs. Groups and actions point to their tables (shown in full there)."""
    if answer is None or answer_kinds.is_blank(question, answer.value, assessment):
        return (NOT_ANSWERED,)
    value: dict[str, Any] = answer.value or {}
    if question.answer_kind in (AnswerKind.GROUPS, AnswerKind.ACTIONS):
        pointer = SEE_GROUPS if question.answer_kind == AnswerKind.GROUPS else SEE_ACTIONS
        text = str(value.get("text") or "").strip()
        return (text, pointer) if text else (pointer,)
    lines = presenters.answer_lines(question, value, assessment)
    return tuple(line for line in lines if line.strip()) or (NOT_ANSWERED,)


def _latest_periodic_review(assessment: Assessment) -> PeriodicReview | None:
    return assessment.periodic_reviews.order_by("-recorded_at", "-pk").first()


def periodic_review_answers(record: PeriodicReview) -> list[QuestionAnswer]:
    """The Stage 4 review as recorded on its own pages (periodic_review.py)."""
    fields = (
        ("Date of the review", presenters.format_date(record.held_on) if record.held_on else ""),
        ("What was delivered", record.delivered),
        ("What changed", record.changed),
        ("What you learned", record.learning),
        ("What happens next", record.next_steps),
    )
    rows = [
        QuestionAnswer(label, (text.strip(),) if text.strip() else (NOT_ANSWERED,))
        for label, text in fields
    ]
    if record.outcome:
        rows.append(QuestionAnswer("Outcome of the review", (record.get_outcome_display(),)))
    return rows


def _comments_by_question(assessment: Assessment) -> dict[str, list[MentorComment]]:
    found: dict[str, list[MentorComment]] = defaultdict(list)
    rows = ReviewComment.objects.filter(review__assessment=assessment).select_related(
        "author", "resolved_by"
    )
    for c in rows.order_by("created_at", "pk"):
        resolution = ""
        if c.resolved_at is not None:
            who = c.resolved_by.get_full_name() if c.resolved_by else "the team"
            resolution = f"Resolved by {who}, {presenters.format_date(c.resolved_at)}"
        found[c.question_key].append(
            MentorComment(
                author=c.author.get_full_name(),
                written=presenters.format_date(c.created_at),
                text=c.text,
                resolution=resolution,
            )
        )
    return found


# ---- tables --------------------------------------------------------------------------------------


def groups_table(assessment: Assessment) -> Table:
    considerations = assessment.considerations.prefetch_related("groups")
    return Table(
        caption="Population groups",
        header=GROUPS_HEADER,
        rows=tuple(_group_row(c) for c in considerations),
        empty_text="No population groups recorded.",
        widths=GROUPS_WIDTHS,
    )


def _group_row(c: PopulationGroupConsideration) -> tuple[str, ...]:
    labels = [g.label for g in c.groups.all()]
    group = " and ".join(labels) if labels else "No group"
    lenses = ", ".join(c.lenses)
    how = "\n".join(bit for bit in (lenses, c.affected_how.strip(), c.data_gap.strip()) if bit)
    links = [str(link) for link in (c.evidence_links or []) if link]
    edition = f"Areas by IMD {c.imd_edition}" if c.imd_edition else ""
    evidence = "\n".join(bit for bit in (c.evidence.strip(), edition, *links) if bit)
    effect_bits = [c.get_expected_effect_display() if c.expected_effect else ""]
    effect_bits.append(c.effect_rationale.strip())
    if c.mitigation.strip():
        effect_bits.append(f"To reduce harm: {c.mitigation.strip()}")
    effect = "\n".join(bit for bit in effect_bits if bit)
    return (
        group,
        how or NOT_GIVEN,
        evidence or NOT_GIVEN,
        c.get_confidence_display() if c.confidence else NOT_GIVEN,
        effect or NOT_GIVEN,
    )


def actions_table(assessment: Assessment, today: datetime.date) -> Table:
    actions = list(assessment.actions.select_related("owner_user").prefetch_related("groups"))
    return Table(
        caption="Actions",
        header=ACTIONS_HEADER,
        rows=tuple(_action_row(a, today) for a in actions),
        empty_text="No actions recorded.",
        flagged=frozenset(i for i, a in enumerate(actions) if a.is_overdue(today)),
        widths=ACTIONS_WIDTHS,
    )


def _action_row(action: Action, today: datetime.date) -> tuple[str, ...]:
    description = action.description.strip()
    if action.measure.strip():
        description += f"\nMeasure: {action.measure.strip()}"
    status = presenters.ACTION_STATUS_TAGS[ActionStatus(action.status)][0]
    if action.is_overdue(today):
        status += f"\n{OVERDUE}"
    groups = ", ".join(g.label for g in action.groups.all())
    return (
        description,
        action.owner_display or NOT_GIVEN,
        presenters.format_date(action.due_on),
        status,
        groups or "None linked",
    )


# ---- sign-off ------------------------------------------------------------------------------------


def sign_off_block(assessment: Assessment) -> SignOff:
    a = assessment
    if a.signed_off_on is None:
        return SignOff(
            signed=False,
            details=(
                Detail("Senior sponsor", NOT_RECORDED),
                Detail("Role", NOT_RECORDED),
                Detail("Date of sign-off", NOT_RECORDED),
            ),
            declaration=NOT_SIGNED_OFF,
        )
    details = [
        Detail("Senior sponsor", a.sponsor_name or NOT_RECORDED),
        Detail("Role", a.sponsor_role or NOT_RECORDED),
        Detail("Date of sign-off", presenters.format_date(a.signed_off_on)),
    ]
    if a.signed_off_by is not None:
        details.append(Detail("Recorded by", a.signed_off_by.get_full_name()))
    if a.next_review_on:
        details.append(Detail("Review date", presenters.format_date(a.next_review_on)))
    return SignOff(signed=True, details=tuple(details), declaration=a.declaration or DECLARATION)
