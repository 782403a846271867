"""Every recorded change to one assessment and the rows that belong to it, newest first.

Reads django-simple-history: each historical record is compared with the one before it, giving
who, when, which field, the old and the new value, and the reason the action gave.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import models

from heathub.assessments.models import (
    Action,
    Answer,
    Assessment,
    Collaborator,
    MentorReview,
    PeriodicReview,
    PopulationGroupConsideration,
    ReviewComment,
)

HIDDEN_FIELDS = {"updated_at", "version", "id", "assessment", "review"}
KIND = {"+": "Created", "~": "Changed", "-": "Deleted"}


@dataclass(frozen=True)
class ChangeRow:
    when: datetime.datetime
    who: str
    what: str
    field: str
    old: str
    new: str
    reason: str


def _show(value: Any) -> str:
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    text = str(value)
    return text if len(text) <= 300 else text[:297] + "…"


def _records(assessment: Assessment) -> list[Any]:
    """The historical records of the assessment and of every row that belongs to it."""
    pk = assessment.pk
    queries: list[models.QuerySet[Any]] = [
        Assessment.history.filter(id=pk),  # type: ignore[attr-defined]
        Answer.history.filter(assessment_id=pk),  # type: ignore[attr-defined]
        PopulationGroupConsideration.history.filter(assessment_id=pk),  # type: ignore[attr-defined]
        Action.history.filter(assessment_id=pk),  # type: ignore[attr-defined]
        Collaborator.history.filter(assessment_id=pk),  # type: ignore[attr-defined]
        MentorReview.history.filter(assessment_id=pk),  # type: ignore[attr-defined]
        PeriodicReview.history.filter(assessment_id=pk),  # type: ignore[attr-defined]
        ReviewComment.history.filter(  # type: ignore[attr-defined]
            review_id__in=MentorReview.objects.filter(assessment_id=pk).values("pk")
        ),
    ]
    records = []
    for q in queries:
        records.extend(q.select_related("history_user"))
    return records


def _label(record: Any) -> str:
    model = record.instance_type
    name = str(model._meta.verbose_name).capitalize()
    if model is Answer:
        return f"Answer to {record.question_key}"
    return name


def assessment_changes(assessment: Assessment) -> list[ChangeRow]:
    rows: list[ChangeRow] = []
    for record in _records(assessment):
        who = record.history_user.get_full_name() if record.history_user else "heathub"
        reason = record.history_change_reason or ""
        what = _label(record)
        base = {"when": record.history_date, "who": who, "what": what, "reason": reason}
        previous = record.prev_record if record.history_type == "~" else None
        if previous is None:
            rows.append(ChangeRow(field=KIND[record.history_type], old="", new="", **base))
            continue
        delta = record.diff_against(previous)
        shown = [c for c in delta.changes if c.field not in HIDDEN_FIELDS]
        if not shown:
            if reason:
                rows.append(ChangeRow(field="", old="", new="", **base))
            continue
        for change in shown:
            field = record.instance_type._meta.get_field(change.field)
            rows.append(
                ChangeRow(
                    field=str(getattr(field, "verbose_name", change.field)).capitalize(),
                    old=_show(change.old),
                    new=_show(change.new),
                    **base,
                )
            )
    rows.sort(key=lambda r: r.when, reverse=True)
    return rows
