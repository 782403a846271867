"""An assessment keeps the framework version it was started with; a new version changes nothing."""

from heathub.assessments.models import Answer
from heathub.frameworks.models import Question
from tests.assessments.builders import load_second_version
from tests.assessments.pages import get_text, question_url, task_list_url


def test_a_new_version_leaves_an_older_assessment_on_its_own_questions(client, cast) -> None:
    a = cast.assessment
    old = a.framework_version
    client.force_login(cast.owner)
    client.post(question_url(a, "prepare.scope"), {"version": 0, "text": "Our scope"})

    newer = load_second_version(
        {
            "prompt: What is the work, what is it meant to achieve, and which people does it"
            " serve?": "prompt: Describe the work in the new wording",
            "short_title: The work and who it serves": "short_title: The work, newly worded",
        }
    )
    assert Question.objects.get(stage__framework_version=newer, key="prepare.scope").prompt == (
        "Describe the work in the new wording"
    )

    a.refresh_from_db()
    assert a.framework_version == old
    text = get_text(client, task_list_url(a))
    assert "The work and who it serves" in text
    assert "The work, newly worded" not in text
    assert "HEAT (heathub paraphrase) 1)" in text
    page = get_text(client, question_url(a, "prepare.scope"))
    assert "which people does it serve?" in page
    assert "new wording" not in page
    assert Answer.objects.get(assessment=a).value == {"text": "Our scope"}


def test_new_assessments_start_on_the_newest_active_version(client, cast) -> None:
    newer = load_second_version({})
    client.force_login(cast.owner)
    html = client.get("/assessments/start").content.decode()
    assert f'value="{newer.pk}" checked' in html
    # loading a version retires the older one from new assessments; old ones keep it
    text = get_text(client, "/assessments/start")
    assert "HEAT (heathub paraphrase) 1" not in text
    assert cast.assessment.framework_version.version == "1"


def test_each_assessment_page_carries_the_paraphrase_label(client, cast) -> None:
    client.force_login(cast.owner)
    a = cast.assessment
    for url in (task_list_url(a), question_url(a, "prepare.scope")):
        assert "Questions paraphrased from OHID's Health Equity Assessment Tool" in get_text(
            client, url
        )
