"""'Save and come back later' saves what is there without the required checks."""

from heathub.assessments.answer_forms import QuestionForm
from heathub.assessments.models import Answer
from heathub.frameworks.models import Question
from tests.assessments.pages import question_url, task_status, visible_text


def test_save_later_keeps_a_partial_answer_without_required_checks(client, cast) -> None:
    client.force_login(cast.collaborator)
    a = cast.assessment
    response = client.post(
        question_url(a, "prepare.team"),
        {"version": 0, "person-1-name": "Dr Amir Khan", "later": ""},
    )
    assert response.status_code == 302
    assert "Your answer has been saved" in visible_text(
        client.get(response["Location"]).content.decode()
    )
    answer = Answer.objects.get(assessment=a, question_key="prepare.team")
    assert answer.value["people"] == [{"name": "Dr Amir Khan", "role": ""}]
    assert answer.version == 1
    assert answer.updated_by == cast.collaborator
    assert task_status(client, a, "Who takes part") == "In progress"


def test_save_and_continue_names_what_is_missing_but_loses_nothing(client, cast) -> None:
    client.force_login(cast.owner)
    a = cast.assessment
    response = client.post(
        question_url(a, "prepare.team"),
        {"version": 0, "person-1-name": "Dr Amir Khan", "person-1-role": "lead", "continue": ""},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Add the senior sponsor" in html
    assert 'href="#id_person-1-role"' in html
    assert 'value="Dr Amir Khan"' in html
    assert Answer.objects.get(assessment=a, question_key="prepare.team").version == 1
    assert "Your answer has been saved. Some parts are still needed" in html
    assert 'name="version" value="1"' in html  # the page moved on with the save


def test_save_and_continue_goes_to_the_next_question_when_complete(client, cast) -> None:
    client.force_login(cast.owner)
    a = cast.assessment
    response = client.post(
        question_url(a, "prepare.scope"),
        {"version": 0, "text": "Stop-smoking support in Tamworth", "continue": ""},
    )
    assert response["Location"] == question_url(a, "prepare.timing")
    last = client.post(question_url(a, "prepare.evidence_plan"), {"version": 0, "continue": ""})
    assert last["Location"].endswith("/stages/prepare/check")


def test_text_over_its_stated_limit_is_refused_and_kept(client, cast) -> None:
    client.force_login(cast.owner)
    a = cast.assessment
    too_long = "word " * 1001  # prepare.scope allows 5,000 characters
    response = client.post(question_url(a, "prepare.scope"), {"version": 0, "text": too_long})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Your answer must be 5,000 characters or fewer" in html
    assert too_long.strip() in html
    assert 'data-maxlength="5000"' in html
    assert not Answer.objects.filter(assessment=a).exists()


def test_every_kind_saves_and_shows_its_answer_again(client, cast) -> None:
    client.force_login(cast.owner)
    a = cast.assessment
    posts = {
        "prepare.timing": {"choice": "delivery", "text": "Running since 2024"},
        "prepare.evidence_plan": {
            "item-1-title": "Local Tobacco Control Profiles",
            "item-1-url": "https://fingertips.phe.org.uk/profile/tobacco-control",
            "item-1-source": "OHID",
            "item-1-date_day": "3",
            "item-1-date_month": "6",
            "item-1-date_year": "2025",
        },
        "assess.equality_duty": {
            "eliminate_discrimination-answer": "yes",
            "eliminate_discrimination-explanation": "Clinics in every ward",
        },
    }
    for key, data in posts.items():
        response = client.post(question_url(a, key), {"version": 0, **data})
        assert response.status_code == 302, (key, response.content.decode()[:0])
    values = {x.question_key: x.value for x in Answer.objects.filter(assessment=a)}
    assert values["prepare.timing"] == {"choice": "delivery", "text": "Running since 2024"}
    assert values["prepare.evidence_plan"]["items"][0]["date"] == "2025-06-03"
    assert values["assess.equality_duty"]["parts"]["eliminate_discrimination"] == {
        "answer": "yes",
        "explanation": "Clinics in every ward",
    }
    html = client.get(question_url(a, "prepare.evidence_plan")).content.decode()
    assert 'value="Local Tobacco Control Profiles"' in html
    assert 'value="2025"' in html


def test_stage_four_questions_are_answered_on_the_stage_four_page(client, cast) -> None:
    client.force_login(cast.owner)
    a = cast.assessment
    response = client.get(question_url(a, "review.learning"))
    assert response["Location"] == f"/assessments/{a.pk}/stage-4"


def test_a_date_answer_is_a_real_date(cast, framework) -> None:
    """The date kind (Stage 4's next review date in the bundled framework), at the form."""
    question = Question.objects.get(stage__framework_version=framework, key="review.next")
    data = {"version": "0", "gaps_open-answer": "yes", "text": ""}
    impossible = QuestionForm(
        question,
        cast.assessment,
        {**data, "date_day": "31", "date_month": "2", "date_year": "2027"},
    )
    assert not impossible.is_valid()
    assert impossible.errors["date"] == ["Date must be a real date, like 25 11 2026"]
    partial = QuestionForm(
        question, cast.assessment, {**data, "date_day": "1", "date_year": "2027"}
    )
    assert partial.errors["date"] == ["Date must include a month"]
    good = QuestionForm(
        question,
        cast.assessment,
        {**data, "date_day": "25", "date_month": "11", "date_year": "2027"},
    )
    assert good.is_valid()
    assert good.answer_value() == {
        "text": "",
        "date": "2027-11-25",
        "parts": {"gaps_open": {"answer": "yes"}},
    }
