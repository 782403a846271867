"""What the exports say, worked out from an assessment (export_document.py), before any layout."""

from __future__ import annotations

import datetime

import pytest

from heathub.assessments.export_document import (
    NOT_SIGNED_OFF,
    SEE_ACTIONS,
    SEE_GROUPS,
    STAGE_4_NOT_OPEN,
    build_assessment_document,
    download_filename,
)
from heathub.assessments.models import Action, Answer, PeriodicReview, Status
from heathub.reports.assessment_document import NOT_ANSWERED
from tests.frameworks.fixtures import framework  # noqa: F401 (the bundled HEAT paraphrase)

TODAY = datetime.date(2026, 11, 25)


def build(assessment, **kwargs):
    return build_assessment_document(assessment, include_comments=False, today=TODAY, **kwargs)


def answers(document) -> dict[str, tuple[str, ...]]:
    return {q.prompt: q.lines for s in document.stages for q in s.questions}


def prompt(assessment, key: str) -> str:
    return (
        assessment.framework_version.stages.get(key=key.split(".")[0]).questions.get(key=key).prompt
    )


def save(assessment, key: str, value: dict) -> None:
    Answer.objects.create(assessment=assessment, question_key=key, value=value)


def test_a_new_assessment_is_all_not_answered(cast) -> None:
    document = build(cast.assessment)

    assert all(lines == (NOT_ANSWERED,) for lines in answers(document).values())
    assert len(answers(document)) == 19
    assert document.stages[-1].note == STAGE_4_NOT_OPEN
    assert not document.sign_off.signed
    assert document.sign_off.declaration == NOT_SIGNED_OFF
    assert [d.value for d in document.sign_off.details] == ["Not recorded"] * 3
    assert document.groups.rows == ()
    assert document.actions.rows == ()


def test_answers_of_each_kind_read_as_text(cast) -> None:
    a = cast.assessment
    save(a, "prepare.scope", {"text": "   "})  # only spaces: not an answer
    save(a, "prepare.timing", {"choice": "delivery", "text": "Running since 2024"})
    save(
        a,
        "assess.equality_duty",
        {"parts": {"eliminate_discrimination": {"answer": "yes", "explanation": "Fairer access"}}},
    )
    document = build(a)
    found = answers(document)

    assert found[prompt(a, "prepare.scope")] == (NOT_ANSWERED,)
    timing = found[prompt(a, "prepare.timing")]
    assert timing[-1] == "Running since 2024"
    assert len(timing) == 2
    duty = found[prompt(a, "assess.equality_duty")]
    assert duty[0].endswith(": Yes. Fairer access")


def test_groups_and_actions_questions_point_to_their_tables(cast) -> None:
    a = cast.assessment
    save(a, "refine.actions", {"text": "Agreed at the March board"})
    Action.objects.create(
        assessment=a, description="Evening clinics", owner_name="Dr Amir Khan", due_on=TODAY
    )
    found = answers(build(a))

    assert found[prompt(a, "refine.actions")] == ("Agreed at the March board", SEE_ACTIONS)
    assert found[prompt(a, "assess.groups")] == (NOT_ANSWERED,)  # no group ticked yet
    assert SEE_GROUPS.startswith("The groups")


def test_overdue_is_worked_out_from_the_date_of_the_export(cast) -> None:
    Action.objects.create(
        assessment=cast.assessment,
        description="Evening clinics",
        owner_name="Dr Amir Khan",
        due_on=datetime.date(2026, 11, 24),
    )
    before = build_assessment_document(
        cast.assessment, include_comments=False, today=datetime.date(2026, 11, 24)
    )
    after = build(cast.assessment)

    assert before.actions.flagged == frozenset()
    assert before.actions.rows[0][3] == "Planned"
    assert after.actions.flagged == frozenset({0})
    assert after.actions.rows[0][3] == "Planned\nOverdue"
    assert after.actions.rows[0][1:3] == ("Dr Amir Khan", "24 November 2026")


def test_status_says_archived(cast) -> None:
    cast.assessment.archived = True
    cast.assessment.save()

    details = {d.label: d.value for d in build(cast.assessment).details}
    assert details["Status"] == "Draft (archived)"
    assert details["Owner"] == "Priya Shah"
    assert details["Collaborators"] == "Tom Evans"


def test_a_recorded_stage_4_review_is_in_stage_4(cast) -> None:
    a = cast.assessment
    a.status = Status.SIGNED_OFF
    a.save()
    PeriodicReview.objects.create(
        assessment=a,
        held_on=datetime.date(2027, 5, 20),
        delivered="Evening clinics in two pharmacies",
        learning="Text reminders worked",
        recorded_by=cast.owner,
    )
    stage_4 = build(a).stages[-1]
    found = {q.prompt: q.lines for q in stage_4.questions}

    assert stage_4.note == ""
    assert found["Date of the review"] == ("20 May 2027",)
    assert found["What was delivered"] == ("Evening clinics in two pharmacies",)
    assert found["What changed"] == (NOT_ANSWERED,)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Smoking cessation in Tamworth", "smoking-cessation-in-tamworth-2026-11-25.docx"),
        ("Côte & «Walsall» / 2027: NHS?", "cote-walsall-2027-nhs-2026-11-25.docx"),
        ("!!!", "heat-assessment-2026-11-25.docx"),
        ("x" * 150, "x" * 80 + "-2026-11-25.docx"),
    ],
)
def test_download_filename(cast, title: str, expected: str) -> None:
    cast.assessment.title = title
    assert download_filename(cast.assessment, TODAY, "docx") == expected
