"""A hand-made AssessmentDocument for renderer tests that need no database."""

from __future__ import annotations

import datetime
from typing import Any

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


def sample_document(**changes: Any) -> AssessmentDocument:
    fields: dict[str, Any] = {
        "title": "Smoking cessation in Tamworth",
        "is_example": False,
        "description": "Stop-smoking support in community pharmacies.",
        "details": (
            Detail("Organisation", "NHS Staffordshire and Stoke-on-Trent Integrated Care Board"),
            Detail("Status", "Signed off"),
        ),
        "framework_notice": "Questions paraphrased from OHID's Health Equity Assessment Tool",
        "stages": (
            StageSection(
                "Stage 1: Prepare",
                (
                    QuestionAnswer(
                        "What is the work?",
                        ("Pharmacy clinics for routine and manual workers.",),
                        (MentorComment("Jo Patel", "20 November 2026", "Say who runs them."),),
                    ),
                    QuestionAnswer("Who takes part?", (NOT_ANSWERED,)),
                ),
            ),
        ),
        "groups": Table(
            "Population groups",
            ("Group", "How they are affected", "Evidence", "Confidence", "Expected effect"),
            (("Age", "Access", "Local survey", "Low", "Narrow the gap"),),
            "No population groups recorded.",
            widths=(18, 25, 23, 15, 19),
        ),
        "actions": Table(
            "Actions",
            ("Action", "Owner", "Due date", "Status", "Groups"),
            (
                ("Evening clinics", "Priya Shah", "1 March 2026", "Planned\nOverdue", "Age"),
                ("Staff training", "Tom Evans", "31 January 2027", "Done", "None linked"),
            ),
            "No actions recorded.",
            flagged=frozenset({0}),
        ),
        "sign_off": SignOff(
            True,
            (Detail("Senior sponsor", "Dr Helen Marsh"), Detail("Role", "Director")),
            "I confirm the sponsor agreed it.",
        ),
        "generated_on": datetime.date(2026, 11, 25),
    }
    fields.update(changes)
    return AssessmentDocument(**fields)
