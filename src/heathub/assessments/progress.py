"""How far an assessment has got: each section's status and what a required answer still lacks.

A section is one question. Not started: nothing saved. In progress: something saved, not yet
confirmed on the stage's check-your-answers page. Completed: confirmed there, and unchanged since.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from heathub.assessments import answer_kinds
from heathub.frameworks.models import Question, Stage

if TYPE_CHECKING:
    from heathub.assessments.models import Answer, Assessment


class SectionStatus(Enum):
    NOT_STARTED = "Not started"
    IN_PROGRESS = "In progress"
    COMPLETED = "Completed"


@dataclass(frozen=True)
class Section:
    stage: Stage
    question: Question
    answer: Answer | None
    status: SectionStatus


def answers_by_key(assessment: Assessment) -> dict[str, Answer]:
    return {a.question_key: a for a in assessment.answers.all()}


def section_status(
    question: Question, answer: Answer | None, assessment: Assessment
) -> SectionStatus:
    if answer is None:
        return SectionStatus.NOT_STARTED
    if answer.completed:
        return SectionStatus.COMPLETED
    if answer_kinds.is_blank(question, answer.value, assessment):
        return SectionStatus.NOT_STARTED
    return SectionStatus.IN_PROGRESS


def stages_with_sections(assessment: Assessment) -> list[tuple[Stage, list[Section]]]:
    answers = answers_by_key(assessment)
    result = []
    stages = assessment.framework_version.stages.prefetch_related("questions")
    for stage in stages:
        sections = [
            Section(stage, q, answers.get(q.key), section_status(q, answers.get(q.key), assessment))
            for q in stage.questions.all()
        ]
        result.append((stage, sections))
    return result


def stage_is_complete(sections: Iterable[Section]) -> bool:
    return all(s.status == SectionStatus.COMPLETED for s in sections)


def incomplete_stage_messages(assessment: Assessment, stage_keys: Iterable[str]) -> list[str]:
    """One sentence per stage among stage_keys that is not complete, naming its open sections."""
    keys = tuple(stage_keys)
    messages = []
    for stage, sections in stages_with_sections(assessment):
        if stage.key not in keys:
            continue
        open_sections = [s for s in sections if s.status != SectionStatus.COMPLETED]
        if open_sections:
            names = "; ".join(answer_kinds.short_title(s.question) for s in open_sections)
            messages.append(f"Complete {stage.title}: {names}")
    return messages
