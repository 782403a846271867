"""What assessment pages show, prepared so the templates only pass values to NHS.UK macros."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page
from django.urls import reverse
from markupsafe import Markup, escape

from heathub.assessments import answer_kinds
from heathub.assessments.models import Action, ActionStatus, Assessment, Status, Subject
from heathub.assessments.progress import Section, SectionStatus
from heathub.core.dates import long_date
from heathub.frameworks.models import AnswerKind, FrameworkVersion, Question, Stage, Wording

NOT_PROVIDED = "Not provided"

STATUS_TAGS = {
    Status.DRAFT: ("Draft", "grey"),
    Status.IN_REVIEW: ("In mentor review", "blue"),
    Status.CHANGES_REQUESTED: ("Changes requested", "orange"),
    Status.READY_FOR_SIGN_OFF: ("Ready for sign-off", "purple"),
    Status.SIGNED_OFF: ("Signed off", "green"),
    Status.CLOSED: ("Closed", "white"),
}

ACTION_STATUS_TAGS = {
    ActionStatus.PLANNED: ("Planned", "grey"),
    ActionStatus.IN_PROGRESS: ("In progress", "blue"),
    ActionStatus.DONE: ("Done", "green"),
    ActionStatus.DROPPED: ("Dropped", "white"),
}


def format_date(value: datetime.date | datetime.datetime | None) -> str:
    """25 November 2026, or "Not provided"."""
    if value is None:
        return NOT_PROVIDED
    return long_date(value)


def tag(text: str, colour: str) -> dict[str, str]:
    return {"text": text, "classes": f"nhsuk-tag--{colour}"}


def example_tag(assessment: Assessment) -> dict[str, str] | None:
    return tag("Example", "grey") if assessment.organisation.is_example else None


def paraphrase_notice(version: FrameworkVersion) -> str:
    if version.wording == Wording.PARAPHRASE:
        return "Questions paraphrased from OHID's Health Equity Assessment Tool"
    return "Questions in the wording of OHID's Health Equity Assessment Tool"


@dataclass(frozen=True)
class AssessmentSummary:
    assessment: Assessment

    @property
    def href(self) -> str:
        return reverse("assessments:task-list", args=[self.assessment.pk])

    @property
    def title(self) -> str:
        return self.assessment.title

    @property
    def status_tag(self) -> dict[str, str]:
        return tag(*STATUS_TAGS[Status(self.assessment.status)])

    @property
    def example_tag(self) -> dict[str, str] | None:
        return example_tag(self.assessment)

    @property
    def archived_tag(self) -> dict[str, str] | None:
        return tag("Archived", "white") if self.assessment.archived else None

    @property
    def subject(self) -> str:
        return Subject(self.assessment.subject).label

    @property
    def cycle(self) -> str:
        """ "Cycle 2" from the second cycle on, so cycles with the same title tell apart."""
        n = self.assessment.cycle
        return f"Cycle {n}" if n > 1 else ""

    @property
    def organisation(self) -> str:
        return self.assessment.organisation.name

    @property
    def owner(self) -> str:
        return self.assessment.owner.get_full_name()

    @property
    def updated(self) -> str:
        return format_date(self.assessment.updated_at)

    @property
    def review_date(self) -> str:
        d = self.assessment.next_review_on
        return format_date(d) if d else "Not set"

    @property
    def due_for_review_tag(self) -> dict[str, str] | None:
        return tag("Due for review", "red") if self.assessment.is_due_for_review() else None

    @property
    def description(self) -> str:
        return self.assessment.description or NOT_PROVIDED

    @property
    def framework(self) -> str:
        return str(self.assessment.framework_version)

    @property
    def paraphrase_notice(self) -> str:
        return paraphrase_notice(self.assessment.framework_version)

    @property
    def framework_notice(self) -> str:
        """The framework file's own note on its wording (may be empty)."""
        return self.assessment.framework_version.notice


# ---- task list -------------------------------------------------------------------------------

SECTION_STATUS = {
    SectionStatus.NOT_STARTED: {"tag": tag("Not started", "blue")},
    SectionStatus.IN_PROGRESS: {"tag": tag("In progress", "light-blue")},
    SectionStatus.COMPLETED: {"text": "Completed"},
}


def section_href(assessment: Assessment, question: Question) -> str:
    return reverse("assessments:question", args=[assessment.pk, question.key])


def task_list_items(assessment: Assessment, sections: list[Section]) -> list[dict[str, Any]]:
    return [
        {
            "title": {"text": answer_kinds.short_title(s.question)},
            "href": section_href(assessment, s.question),
            "status": SECTION_STATUS[s.status],
        }
        for s in sections
    ]


@dataclass(frozen=True)
class StageProgress:
    assessment: Assessment
    stage: Stage
    sections: list[Section]

    @property
    def heading(self) -> str:
        return f"{self.stage.order}. {self.stage.title}"

    @property
    def items(self) -> list[dict[str, Any]]:
        return task_list_items(self.assessment, self.sections)

    @property
    def id_prefix(self) -> str:
        return f"stage-{self.stage.key}"

    @property
    def check_href(self) -> str:
        return reverse("assessments:check-answers", args=[self.assessment.pk, self.stage.key])

    @property
    def completed_count(self) -> int:
        return sum(1 for s in self.sections if s.status == SectionStatus.COMPLETED)

    @property
    def summary(self) -> str:
        return f"{self.completed_count} of {len(self.sections)} sections completed"

    @property
    def is_complete(self) -> bool:
        return self.completed_count == len(self.sections)

    @property
    def is_locked(self) -> bool:
        return self.assessment.stage_is_locked(self.stage.key)


STAGE_FOUR_TAGS = {
    "Cannot start yet": {"text": "Cannot start yet"},
    "Not due yet": {"tag": tag("Not due yet", "grey")},
    "Not started": {"tag": tag("Not started", "blue")},
    "In progress": {"tag": tag("In progress", "light-blue")},
    "Completed": {"text": "Completed"},
}


@dataclass(frozen=True)
class StageFourProgress:
    """Stage 4 is recorded on its own page (the review workflow's), once signed off."""

    assessment: Assessment
    stage: Stage
    status: str  # periodic_review.stage_four_status

    @property
    def heading(self) -> str:
        return f"{self.stage.order}. {self.stage.title}"

    @property
    def id_prefix(self) -> str:
        return f"stage-{self.stage.key}"

    @property
    def items(self) -> list[dict[str, Any]]:
        item: dict[str, Any] = {
            "title": {"text": "Record what was delivered, what changed and what is next"},
            "status": STAGE_FOUR_TAGS.get(self.status, {"text": self.status}),
        }
        if self.status != "Cannot start yet":
            item["href"] = reverse("assessments:periodic-review", args=[self.assessment.pk])
        else:
            item["hint"] = "Opens once the assessment is signed off"
        return [item]

    @property
    def summary(self) -> str:
        return "6 to 12 months after sign-off"

    check_href = None
    is_locked = False


# ---- answers as read-only text (check your answers) ------------------------------------------


def answer_lines(question: Question, value: dict[str, Any], assessment: Assessment) -> list[str]:
    """An answer as short lines of plain text; ["Not provided"] when there is nothing."""
    lines: list[str] = []
    kind = question.answer_kind
    if kind == AnswerKind.CHOICE and value.get("choice"):
        lines.append(dict(answer_kinds.choices(question)).get(value["choice"], value["choice"]))
    elif kind == AnswerKind.PEOPLE:
        roles = dict(answer_kinds.roles(question))
        for p in value.get("people") or []:
            role = roles.get(p.get("role", ""), "")
            lines.append(f"{p.get('name') or NOT_PROVIDED}{', ' + role if role else ''}")
    elif kind == AnswerKind.EVIDENCE:
        for item in value.get("items") or []:
            bits = [item.get("title") or item.get("url") or "Untitled"]
            if item.get("source"):
                bits.append(item["source"])
            if d := answer_kinds.parse_date(item.get("date") or ""):
                bits.append(format_date(d))
            lines.append(", ".join(bits))
    elif kind == AnswerKind.YESNO:
        parts = value.get("parts") or {}
        for key, label in answer_kinds.yesno_parts(question):
            part = parts.get(key) or {}
            answer = {"yes": "Yes", "no": "No"}.get(part.get("answer", ""), NOT_PROVIDED)
            explanation = part.get("explanation") or ""
            lines.append(f"{label}: {answer}{'. ' + explanation if explanation else ''}")
    elif kind == AnswerKind.DATE:
        parts = value.get("parts") or {}
        for key, label in answer_kinds.date_parts_asked(question):
            said = {"yes": "Yes", "no": "No"}.get((parts.get(key) or {}).get("answer", ""))
            if said:
                lines.append(f"{label} {said}")
        if d := answer_kinds.parse_date(value.get("date") or ""):
            lines.append(format_date(d))
    elif kind == AnswerKind.GROUPS:
        considerations = assessment.considerations.prefetch_related("groups")
        lines.extend(consideration_line(c) for c in considerations)
    elif kind == AnswerKind.ACTIONS:
        lines.extend(ActionRow(a).line for a in assessment.actions.select_related("owner_user"))
    if value.get("text"):
        lines.append(str(value["text"]))
    return lines or [NOT_PROVIDED]


def lines_html(lines: list[str]) -> Markup:
    """Answer lines for a summary list value: user text escaped, one paragraph each."""
    return Markup("").join(
        Markup('<p class="nhsuk-body">{}</p>').format(escape(line)) for line in lines
    )


def consideration_line(c: Any) -> str:
    bits = [str(c)]
    if c.lenses:
        bits.append("affects " + ", ".join(lens.lower() for lens in c.lenses))
    if c.imd_edition:
        bits.append(f"areas by IMD {c.imd_edition}")
    if c.confidence:
        bits.append(f"{c.get_confidence_display().lower()} confidence")
    if c.expected_effect:
        bits.append(c.get_expected_effect_display().lower())
    return ": ".join([bits[0], "; ".join(bits[1:])]) if len(bits) > 1 else bits[0]


@dataclass(frozen=True)
class ActionRow:
    action: Action

    @property
    def description(self) -> str:
        return self.action.description

    @property
    def owner(self) -> str:
        return self.action.owner_display or NOT_PROVIDED

    @property
    def due(self) -> str:
        return format_date(self.action.due_on)

    @property
    def status_tag(self) -> dict[str, str]:
        return tag(*ACTION_STATUS_TAGS[ActionStatus(self.action.status)])

    @property
    def overdue_tag(self) -> dict[str, str] | None:
        return tag("Overdue", "red") if self.action.is_overdue() else None

    @property
    def groups(self) -> str:
        return ", ".join(g.label for g in self.action.groups.all()) or "None linked"

    @property
    def line(self) -> str:
        overdue = " (overdue)" if self.action.is_overdue() else ""
        status = self.status_tag["text"].lower()
        return f"{self.description}: {self.owner}, due {self.due}{overdue}, {status}"

    @property
    def edit_href(self) -> str:
        return reverse("assessments:action-edit", args=[self.action.assessment_id, self.action.pk])


def programme_counts(counts: dict[str, int]) -> list[dict[str, Any]]:
    """Summary-list rows of assessment counts by status, every status listed."""
    return [
        {"key": {"text": label}, "value": {"text": f"{counts.get(status, 0):,}"}}
        for status, label in ((s, STATUS_TAGS[s][0]) for s in Status)
    ]


def overdue_warning(count: int) -> str | None:
    if count == 0:
        return None
    if count == 1:
        return "1 action is past its due date."
    return f"{count} actions are past their due date."


# ---- lists -----------------------------------------------------------------------------------


def pagination(page: Page[Any], query: dict[str, Any]) -> dict[str, Any] | None:
    """Params for the NHS.UK pagination macro, keeping the filters in every link."""
    if page.paginator.num_pages <= 1:
        return None

    def href(number: int) -> str:
        return "?" + urlencode(
            {**{k: v for k, v in query.items() if v}, "page": number}, doseq=True
        )

    last, current = page.paginator.num_pages, page.number
    shown = sorted({1, last, current - 1, current, current + 1} & set(range(1, last + 1)))
    items: list[dict[str, Any]] = []
    for n in shown:
        if items and n > items[-1].get("number", 0) + 1:
            items.append({"ellipsis": True, "number": n - 1})
        items.append({"number": n, "href": href(n), "current": n == current})
    params: dict[str, Any] = {"items": items}
    if page.has_previous():
        params["previous"] = {"href": href(page.previous_page_number())}
    if page.has_next():
        params["next"] = {"href": href(page.next_page_number())}
    return params


def results_text(page: Page[Any]) -> str:
    total = page.paginator.count
    if total == 0:
        return "No assessments found"
    noun = "assessment" if total == 1 else "assessments"
    return f"Showing {page.start_index()} to {page.end_index()} of {total} {noun}"
