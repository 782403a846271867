"""What each answer kind stores and what a required answer must contain.

Values are JSON shaped by the question's answer kind (the framework YAML's `answer_kind`):

    text      {"text": "..."}
    choice    {"choice": "<option value>", "text": "..."}
    people    {"people": [{"name": "...", "role": "<role value>"}], "text": "..."}
    groups    {"text": "..."}      ticked groups are PopulationGroupConsideration rows
    evidence  {"items": [{"title", "url", "source", "date"}], "text": "..."}
    actions   {"text": "..."}      actions are Action rows
    yesno     {"parts": {"<part key>": {"answer": "yes"|"no", "explanation": "..."}}}
    date      {"date": "YYYY-MM-DD", "parts": {"<part key>": {"answer": "yes"|"no"}}, "text": "..."}

Question options read here (all optional): `limit` (characters of text), `choices`, `text`
(ask for text beside the main answer; `true`, or a label), `roles` and `required_role` (people),
`parts` (yesno, and yes/no questions asked beside a date), `part` (groups: select | where |
effect). The selecting groups question also asks which IMD edition a Core20 group was judged by.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from heathub.frameworks.models import AnswerKind, Question

if TYPE_CHECKING:
    from heathub.assessments.models import Assessment

DEFAULT_TEXT_LIMIT = 3000
SHORT_TEXT_LIMIT = 500  # beside a choice, a list or a date

PEOPLE_ROLES = (
    ("lead", "Project lead"),
    ("sponsor", "Senior sponsor"),
    ("analyst", "Analyst"),
    ("partner", "Partner"),
    ("lived_experience", "Person with lived experience"),
    ("other", "Other"),
)
YESNO = (("yes", "Yes"), ("no", "No"))
GROUP_PARTS = ("select", "where", "effect")


@dataclass(frozen=True)
class Problem:
    field: str  # the form field at fault, for the error summary link
    message: str


def short_title(question: Question) -> str:
    return str(question.options.get("short_title") or question.prompt)


def text_limit(question: Question) -> int:
    limit = question.options.get("limit")
    if isinstance(limit, int) and limit > 0:
        return limit
    return DEFAULT_TEXT_LIMIT if question.answer_kind == AnswerKind.TEXT else SHORT_TEXT_LIMIT


def asks_text(question: Question) -> bool:
    return question.answer_kind == AnswerKind.TEXT or bool(question.options.get("text"))


def text_label(question: Question) -> str:
    label = question.options.get("text")
    if isinstance(label, str) and label:
        return label
    return "Your answer" if question.answer_kind == AnswerKind.TEXT else "Tell us more (optional)"


def _pairs(raw: Any, default: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    """Options given as strings, {value, label} or {key, label} mappings."""
    if not raw:
        return list(default)
    pairs = []
    for item in raw:
        if isinstance(item, dict):
            value = str(item.get("value") or item.get("key") or item.get("label"))
            pairs.append((value, str(item.get("label") or value)))
        else:
            pairs.append((str(item), str(item)))
    return pairs


def choices(question: Question) -> list[tuple[str, str]]:
    return _pairs(question.options.get("choices"), ())


def roles(question: Question) -> list[tuple[str, str]]:
    return _pairs(question.options.get("roles"), PEOPLE_ROLES)


def required_role(question: Question) -> str | None:
    role = question.options.get("required_role")
    if role:
        return str(role)
    # HEAT's team question always needs the senior sponsor (heat-framework.md §2)
    return "sponsor" if question.key == "prepare.team" else None


def yesno_parts(question: Question) -> list[tuple[str, str]]:
    return _pairs(question.options.get("parts"), (("answer", str(question.prompt)),))


def date_parts_asked(question: Question) -> list[tuple[str, str]]:
    """Yes/no questions asked beside a date (none unless the framework gives `parts`)."""
    return _pairs(question.options.get("parts"), ())


def group_part(question: Question) -> str:
    part = question.options.get("part")
    if part in GROUP_PARTS:
        return str(part)
    for candidate in ("where", "effect"):
        if question.key.endswith("." + candidate):
            return candidate
    return "select"


def group_fields(question: Question) -> tuple[str, ...]:
    """The per-group fields a groups question asks for."""
    part = group_part(question)
    if part == "where":
        return ("lenses", "affected_how")
    if part == "effect":
        return ("expected_effect", "effect_rationale", "mitigation")
    # the selecting question asks how each group is affected unless a "where" question follows
    siblings = Question.objects.filter(
        stage__framework_version_id=question.stage.framework_version_id,
        answer_kind=AnswerKind.GROUPS,
    ).exclude(pk=question.pk)
    has_where = any(group_part(q) == "where" for q in siblings)
    base = ("evidence", "evidence_links", "confidence", "imd_edition")
    return base if has_where else ("lenses", "affected_how", *base)


def parse_date(raw: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(raw)
    except (TypeError, ValueError):
        return None


def _text(value: dict[str, Any]) -> str:
    return str(value.get("text") or "").strip()


def is_blank(question: Question, value: dict[str, Any], assessment: Assessment) -> bool:
    kind = question.answer_kind
    if _text(value):
        return False
    if kind == AnswerKind.CHOICE:
        return not value.get("choice")
    if kind == AnswerKind.PEOPLE:
        return not value.get("people")
    if kind == AnswerKind.EVIDENCE:
        return not value.get("items")
    if kind == AnswerKind.YESNO:
        parts = value.get("parts") or {}
        return not any(p.get("answer") or p.get("explanation") for p in parts.values())
    if kind == AnswerKind.DATE:
        parts = value.get("parts") or {}
        return not value.get("date") and not any(p.get("answer") for p in parts.values())
    if kind == AnswerKind.GROUPS:
        return not assessment.considerations.exists()
    if kind == AnswerKind.ACTIONS:
        return not assessment.actions.exists()
    return True


def required_problems(
    question: Question, value: dict[str, Any], assessment: Assessment
) -> list[Problem]:
    """What a required answer still lacks, field by field. Optional questions have none."""
    if not question.required:
        return []
    kind = question.answer_kind
    problems: list[Problem] = []
    if kind == AnswerKind.TEXT and not _text(value):
        problems.append(Problem("text", "Enter your answer"))
    elif kind == AnswerKind.CHOICE and not value.get("choice"):
        problems.append(Problem("choice", "Select an option"))
    elif kind == AnswerKind.PEOPLE:
        people = [p for p in value.get("people") or [] if p.get("name")]
        if not people:
            problems.append(Problem("person-1-name", "Enter at least one person and their role"))
        role = required_role(question)
        if role and not any(p.get("role") == role for p in people):
            label = dict(roles(question)).get(role, role)
            problems.append(Problem("person-1-role", f"Add the {label.lower()}"))
    elif kind == AnswerKind.EVIDENCE and not (value.get("items") or _text(value)):
        problems.append(Problem("text", "Add a source of evidence or describe it"))
    elif kind == AnswerKind.YESNO:
        parts = value.get("parts") or {}
        for key, label in yesno_parts(question):
            part = parts.get(key) or {}
            if part.get("answer") not in ("yes", "no"):
                problems.append(Problem(f"{key}-answer", f"Select yes or no: {label}"))
            if not str(part.get("explanation") or "").strip():
                problems.append(Problem(f"{key}-explanation", f"Explain your answer: {label}"))
    elif kind == AnswerKind.DATE:
        parts = value.get("parts") or {}
        for key, label in date_parts_asked(question):
            if (parts.get(key) or {}).get("answer") not in ("yes", "no"):
                problems.append(Problem(f"{key}-answer", f"Select yes or no: {label}"))
        if parse_date(str(value.get("date") or "")) is None:
            problems.append(Problem("date", "Enter a date"))
    elif kind == AnswerKind.GROUPS:
        problems.extend(_group_problems(question, assessment))
    elif kind == AnswerKind.ACTIONS and not assessment.actions.exists():
        problems.append(Problem("add-action", "Add at least one action"))
    return problems


def _group_problems(question: Question, assessment: Assessment) -> list[Problem]:
    considerations = list(assessment.considerations.prefetch_related("groups"))
    if not considerations:
        return [Problem("groups", "Select at least one population group")]
    fields = group_fields(question)
    problems = []
    for c in considerations:
        i = c.pk
        name = str(c)
        if "lenses" in fields and not c.lenses:
            problems.append(
                Problem(f"c{i}-lenses", f"Select access, experience or outcomes for {name}")
            )
        if "affected_how" in fields and not c.affected_how.strip():
            problems.append(Problem(f"c{i}-affected_how", f"Describe how {name} are affected"))
        editions = [e for g in c.groups.all() for e in (g.imd_editions or [])]
        if "imd_edition" in fields and editions and not c.imd_edition:
            problems.append(
                Problem(f"c{i}-imd_edition", f"Select the IMD edition you used for {name}")
            )
        if "confidence" in fields and not c.confidence:
            problems.append(
                Problem(f"c{i}-confidence", f"Select how confident you are about {name}")
            )
        if "expected_effect" in fields and not c.expected_effect:
            problems.append(
                Problem(f"c{i}-expected_effect", f"Select the expected effect for {name}")
            )
        if "effect_rationale" in fields and c.expected_effect and not c.effect_rationale.strip():
            problems.append(
                Problem(
                    f"c{i}-effect_rationale", f"Give the reason for the expected effect for {name}"
                )
            )
        if "mitigation" in fields and c.expected_effect == "widen" and not c.mitigation.strip():
            problems.append(
                Problem(f"c{i}-mitigation", f"Say how you will reduce the harm to {name}")
            )
    return problems
