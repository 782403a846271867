"""The task list: each stage's sections with their status; Stage 4 opens after sign-off."""

from heathub.assessments.models import Status
from tests.assessments.pages import get_text, task_list_url, task_status


def test_a_new_assessment_lists_every_section_as_not_started(client, cast, framework) -> None:
    client.force_login(cast.colleague)
    text = get_text(client, task_list_url(cast.assessment))
    for stage in ("1. Prepare", "2. Assess", "3. Refine and apply", "4. Review"):
        assert stage in text
    assert "0 of 4 sections completed" in text
    assert task_status(client, cast.assessment, "Groups affected") == "Not started"
    assert "Change the details" not in text  # a reader cannot


def test_stage_four_waits_for_sign_off_then_links_to_its_page(client, cast) -> None:
    a = cast.assessment
    client.force_login(cast.owner)
    html = client.get(task_list_url(a)).content.decode()
    assert "Cannot start yet" in html
    assert "Opens once the assessment is signed off" in html
    assert f"/assessments/{a.pk}/stage-4" not in html
    a.status = Status.SIGNED_OFF
    a.save()
    html = client.get(task_list_url(a)).content.decode()
    assert f'href="/assessments/{a.pk}/stage-4"' in html
    assert "Not due yet" in html


def test_signed_off_stages_are_read_only(client, cast) -> None:
    a = cast.assessment
    a.status = Status.SIGNED_OFF
    a.save()
    client.force_login(cast.owner)
    text = get_text(client, task_list_url(a))
    assert "Read-only: the assessment is signed off" in text
    page = client.get(f"/assessments/{a.pk}/questions/prepare.scope").content.decode()
    assert "Save and continue" not in page
    response = client.post(
        f"/assessments/{a.pk}/questions/prepare.scope", {"version": 0, "text": "x"}
    )
    assert response.status_code == 302
    assert "Stages 1 to 3 are read-only" in get_text(client, response["Location"])
    assert not a.answers.exists()
