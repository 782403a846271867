"""A stage's check-your-answers page: required answers are checked before it is complete."""

import datetime

import pytest

from heathub.assessments import actions
from heathub.assessments.models import Answer
from heathub.frameworks.models import Question
from tests.assessments.pages import check_url, question_url, task_status, visible_text


def answer_prepare(client, a, *, with_sponsor: bool = True) -> None:
    role = "sponsor" if with_sponsor else "lead"
    for key, data in {
        "prepare.scope": {"text": "Stop-smoking support in Tamworth"},
        "prepare.timing": {"choice": "planning"},
        "prepare.team": {"person-1-name": "Dr Amir Khan", "person-1-role": role},
    }.items():
        assert client.post(question_url(a, key), {"version": 0, **data}).status_code == 302


def test_the_page_lists_each_answer_with_a_change_link(client, cast) -> None:
    client.force_login(cast.owner)
    a = cast.assessment
    answer_prepare(client, a)
    html = client.get(check_url(a, "prepare")).content.decode()
    text = visible_text(html)
    assert "Stop-smoking support in Tamworth" in text
    assert "Dr Amir Khan, Senior sponsor" in text
    assert "Data and insight Not provided" in text
    assert question_url(a, "prepare.scope") + "?return=check" in html


def test_an_incomplete_stage_is_refused_naming_each_missing_field(client, cast) -> None:
    client.force_login(cast.owner)
    a = cast.assessment
    answer_prepare(client, a, with_sponsor=False)
    Answer.objects.filter(question_key="prepare.timing").delete()
    response = client.post(check_url(a, "prepare"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert "Who takes part: Add the senior sponsor" in html
    assert "Stage of the work: Select an option" in html
    assert 'href="#answer-prepare-team"' in html
    assert 'id="answer-prepare-team"' in html
    assert not Answer.objects.filter(assessment=a, completed=True).exists()
    assert task_status(client, a, "Who takes part") == "In progress"


def test_a_complete_stage_is_marked_complete_and_an_edit_reopens_the_section(client, cast) -> None:
    client.force_login(cast.owner)
    a = cast.assessment
    answer_prepare(client, a)
    response = client.post(check_url(a, "prepare"))
    assert response.status_code == 302
    assert "Prepare marked as complete" in visible_text(
        client.get(response["Location"]).content.decode()
    )
    assert task_status(client, a, "The work and who it serves") == "Completed"
    assert task_status(client, a, "Data and insight") == "Completed"  # optional, empty
    client.post(question_url(a, "prepare.scope"), {"version": 1, "text": "Changed"})
    assert task_status(client, a, "The work and who it serves") == "In progress"


def test_a_change_link_returns_to_the_check_page(client, cast) -> None:
    client.force_login(cast.owner)
    a = cast.assessment
    answer_prepare(client, a)
    response = client.post(
        question_url(a, "prepare.scope"),
        {"version": 1, "text": "New scope", "continue": "", "return": "check"},
    )
    assert response["Location"] == check_url(a, "prepare")


def test_stages_one_to_three_must_be_complete_before_sign_off(cast) -> None:
    a = cast.assessment
    problems = a.ready_for_sign_off_checks()
    assert [p.split(":")[0] for p in problems] == [
        "Complete Prepare",
        "Complete Assess",
        "Complete Refine and apply",
    ]
    for question in Question.objects.filter(stage__framework_version=a.framework_version):
        Answer.objects.create(assessment=a, question_key=question.key, completed=True)
    assert a.ready_for_sign_off_checks() == []


def test_the_actions_section_needs_an_action(cast) -> None:
    a = cast.assessment
    stage = a.framework_version.stages.get(key="refine")
    actions.save_answer(
        a,
        stage.questions.get(key="refine.opportunities"),
        {"text": "Evening clinics"},
        by=cast.owner,
        expected_version=0,
    )
    with pytest.raises(actions.StageIncomplete) as refused:
        actions.complete_stage(a, stage, by=cast.owner)
    assert refused.value.problems["refine.actions"][0].message == "Add at least one action"
    actions.save_action(
        a,
        by=cast.owner,
        action=None,
        expected_updated_at=None,
        description="Open an evening clinic",
        owner_user=cast.owner,
        owner_name="",
        due_on=datetime.date(2027, 3, 31),
        status="planned",
        measure="",
        group_ids=[],
    )
    for key, value in {
        "refine.measures": {"text": "Quit rates by IMD quintile"},
        "refine.signoff": {"people": [{"name": "Dr Amir Khan", "role": "sponsor"}]},
    }.items():
        actions.save_answer(
            a, stage.questions.get(key=key), value, by=cast.owner, expected_version=0
        )
    actions.complete_stage(a, stage, by=cast.owner)
    assert a.answers.filter(completed=True).count() == 4
