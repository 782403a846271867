"""Presenters: what pages show, tested without rendering (Jinja's ChainableUndefined would hide a
typo in a template, so the values are checked here)."""

import datetime

import pytest
from django.core.paginator import Paginator

from heathub.assessments import presenters
from heathub.assessments.models import Action, Status
from heathub.frameworks.models import Question, Wording


def test_dates_read_as_words() -> None:
    assert presenters.format_date(datetime.date(2026, 11, 25)) == "25 November 2026"
    assert presenters.format_date(datetime.date(2027, 3, 1)) == "1 March 2027"
    assert presenters.format_date(None) == "Not provided"


def test_a_datetime_is_shown_as_its_london_date() -> None:
    late_utc = datetime.datetime(2026, 6, 30, 23, 30, tzinfo=datetime.UTC)  # 00:30 BST
    assert presenters.format_date(late_utc) == "1 July 2026"


@pytest.mark.parametrize(
    ("status", "text", "colour"),
    [
        (Status.DRAFT, "Draft", "grey"),
        (Status.IN_REVIEW, "In mentor review", "blue"),
        (Status.SIGNED_OFF, "Signed off", "green"),
    ],
)
def test_status_tags(cast, status, text, colour) -> None:
    cast.assessment.status = status
    summary = presenters.AssessmentSummary(cast.assessment)
    assert summary.status_tag == {"text": text, "classes": f"nhsuk-tag--{colour}"}


def test_summary_of_a_fresh_assessment(cast) -> None:
    summary = presenters.AssessmentSummary(cast.assessment)
    assert summary.description == "Not provided"
    assert summary.review_date == "Not set"
    assert summary.due_for_review_tag is None
    assert summary.example_tag is None
    assert summary.subject == "Project"
    assert summary.owner == "Priya Shah"
    assert summary.href == f"/assessments/{cast.assessment.pk}/"


def test_due_for_review_and_example_tags(cast) -> None:
    a = cast.assessment
    a.status = Status.SIGNED_OFF
    a.next_review_on = datetime.date(2020, 1, 1)
    a.organisation.is_example = True
    summary = presenters.AssessmentSummary(a)
    assert summary.due_for_review_tag == {"text": "Due for review", "classes": "nhsuk-tag--red"}
    assert summary.example_tag == {"text": "Example", "classes": "nhsuk-tag--grey"}
    assert summary.review_date == "1 January 2020"


def test_paraphrase_notice_follows_the_wording(framework) -> None:
    assert presenters.paraphrase_notice(framework) == (
        "Questions paraphrased from OHID's Health Equity Assessment Tool"
    )
    framework.wording = Wording.OFFICIAL
    assert "wording of OHID's" in presenters.paraphrase_notice(framework)


def test_answer_lines_for_each_kind(cast, framework) -> None:
    a = cast.assessment
    q = {x.key: x for x in Question.objects.filter(stage__framework_version=framework)}
    lines = presenters.answer_lines
    assert lines(q["prepare.scope"], {}, a) == ["Not provided"]
    assert lines(q["prepare.timing"], {"choice": "delivery", "text": "Since 2024"}, a) == [
        "Being delivered",
        "Since 2024",
    ]
    people = {"people": [{"name": "Dr Amir Khan", "role": "sponsor"}]}
    assert lines(q["prepare.team"], people, a) == ["Dr Amir Khan, Senior sponsor"]
    item = {"title": "Tobacco profile", "source": "OHID", "date": "2025-06-03", "url": ""}
    assert lines(q["prepare.evidence_plan"], {"items": [item]}, a) == [
        "Tobacco profile, OHID, 3 June 2025"
    ]
    duty = {"parts": {"eliminate_discrimination": {"answer": "yes", "explanation": "All wards"}}}
    first, second, third = lines(q["assess.equality_duty"], duty, a)
    assert first.endswith("harassment and victimisation?: Yes. All wards")
    assert second.endswith(": Not provided")
    assert third.startswith("Does it foster good relations")
    review = {"date": "2027-11-25", "parts": {"gaps_open": {"answer": "yes"}}}
    assert lines(q["review.next"], review, a) == [
        "Are there gaps still open, or new ones, to work on? Yes",
        "25 November 2027",
    ]


def test_user_text_is_escaped_in_summary_values() -> None:
    html = presenters.lines_html(["<script>alert(1)</script>", "Plain"])
    assert "<script>" not in html
    assert '<p class="nhsuk-body">Plain</p>' in html


def test_action_rows(cast) -> None:
    action = Action(
        assessment=cast.assessment,
        description="Evening clinic",
        owner_name="Dr Amir Khan",
        due_on=datetime.date(2020, 1, 31),
        status="in_progress",
    )
    row = presenters.ActionRow(action)
    assert row.due == "31 January 2020"
    assert row.overdue_tag == {"text": "Overdue", "classes": "nhsuk-tag--red"}
    assert row.status_tag["text"] == "In progress"
    assert row.owner == "Dr Amir Khan"
    action.status = "done"
    assert row.overdue_tag is None


def test_overdue_warning_counts() -> None:
    assert presenters.overdue_warning(0) is None
    assert presenters.overdue_warning(1) == "1 action is past its due date."
    assert presenters.overdue_warning(3) == "3 actions are past their due date."


def test_pagination_shows_the_ends_and_the_neighbours() -> None:
    page = Paginator(list(range(200)), 20).page(5)
    params = presenters.pagination(page, {"q": "clinic", "status": ""})
    numbers = [i.get("number") for i in params["items"] if not i.get("ellipsis")]
    assert numbers == [1, 4, 5, 6, 10]
    assert sum(1 for i in params["items"] if i.get("ellipsis")) == 2
    assert params["previous"]["href"] == "?q=clinic&page=4"
    assert params["next"]["href"] == "?q=clinic&page=6"
    assert presenters.pagination(Paginator([1], 20).page(1), {}) is None
    assert presenters.results_text(page) == "Showing 81 to 100 of 200 assessments"
