"""Every recorded change to one assessment and the rows that belong to it, newest first.

The rows come from heathub.history.changes (django-simple-history records compared with the one
before: who, when, which field, old and new value, and the reason the action gave); this module
says which records belong to an assessment and how each is named in the "What" column.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
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
from heathub.history.changes import ChangeRow, change_rows


def histories(assessment: Assessment) -> list[models.QuerySet[Any]]:
    """The historical records of the assessment and of every row that belongs to it."""
    pk = assessment.pk
    reviews = MentorReview.objects.filter(assessment_id=pk).values("pk")
    return [
        q.select_related("history_user")
        for q in (
            Assessment.history.filter(id=pk),
            Answer.history.filter(assessment_id=pk),
            PopulationGroupConsideration.history.filter(assessment_id=pk),
            Action.history.filter(assessment_id=pk),
            Collaborator.history.filter(assessment_id=pk),
            MentorReview.history.filter(assessment_id=pk),
            ReviewComment.history.filter(review_id__in=reviews),
            PeriodicReview.history.filter(assessment_id=pk),
        )
    ]


def describe(record: Any) -> str:
    model = record.instance_type
    if model is Assessment:
        return f"Assessment “{record.title}”"
    if model is Answer:
        return f"Answer to {record.question_key}"
    if model is ReviewComment:
        return f"Mentor comment on {record.question_key}"
    if model is Action:
        return f"Action “{record.description[:60]}”"
    if model is Collaborator:
        return "Collaborator"
    if model is PopulationGroupConsideration:
        return "Population group"
    name = str(model._meta.verbose_name)
    return name[:1].upper() + name[1:]


def json_as_text(value: Any) -> str:
    """A JSON answer as a person reads it: the text alone when that is all there is."""
    if isinstance(value, dict) and set(value) <= {"text"}:
        return str(value.get("text") or "")
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(value)
    return json.dumps(value, ensure_ascii=False) if value else ""


def _readable(records: Iterable[Any]) -> list[Any]:
    """The records with JSON fields (answers, links) turned to text, so they compare and show
    as text; the records are read-only copies, nothing is saved."""
    result = []
    for record in records:
        for f in record._meta.fields:
            if isinstance(f, models.JSONField):
                setattr(record, f.attname, json_as_text(getattr(record, f.attname)))
        result.append(record)
    return result


def assessment_changes(assessment: Assessment) -> list[ChangeRow]:
    return change_rows(*(_readable(h) for h in histories(assessment)), describe=describe)
