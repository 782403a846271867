"""The demo loads one example assessment, part-way through, labelled Example wherever shown."""

from heathub.assessments.demo import EXAMPLE_TITLE, load_example_assessment
from heathub.orgs.demo import load_demo_organisations
from tests.assessments.pages import get_text, task_list_url, task_status


def test_the_example_is_loaded_once_and_labelled(client, framework) -> None:
    load_demo_organisations()
    example = load_example_assessment()
    assert load_example_assessment() == example
    assert example.organisation.is_example
    client.force_login(example.owner)
    listing = get_text(client, "/assessments/")
    assert f"{EXAMPLE_TITLE} Example" in listing
    page = get_text(client, task_list_url(example))
    assert "Example Coventry Community Trust Example" in page
    assert "1 action is past its due date." in page
    assert task_status(client, example, "The work and who it serves") == "Completed"
    assert task_status(client, example, "Groups affected") == "In progress"
    assert example.history.first().history_user == example.owner
