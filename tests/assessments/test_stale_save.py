"""Two people on the same section: the second save of a stale page is refused, their text kept."""

from django.test import Client

from heathub.assessments.models import Answer
from tests.assessments.pages import question_url, visible_text


def test_the_second_save_of_a_stale_page_is_refused_and_shows_both_answers(cast) -> None:
    a = cast.assessment
    priya, tom = Client(), Client()
    priya.force_login(cast.owner)
    tom.force_login(cast.collaborator)
    url = question_url(a, "prepare.scope")
    # both open the page at version 0
    assert 'name="version" value="0"' in priya.get(url).content.decode()
    assert 'name="version" value="0"' in tom.get(url).content.decode()
    assert priya.post(url, {"version": 0, "text": "Priya's scope"}).status_code == 302
    response = tom.post(url, {"version": 0, "text": "Tom's scope"})
    html = response.content.decode()
    text = visible_text(html)
    assert response.status_code == 409
    assert "Priya Shah saved this section while you were editing it" in text
    assert "Tom&#39;s scope</textarea>" in html  # his text is still in the form
    assert "Priya's scope" in text  # hers is shown beside it
    assert 'href="#stale"' in html
    assert 'id="stale"' in html
    answer = Answer.objects.get(assessment=a, question_key="prepare.scope")
    assert (answer.value["text"], answer.version) == ("Priya's scope", 1)
    # having seen both, he saves again from the refreshed page: now it is accepted
    assert 'name="version" value="1"' in html
    assert tom.post(url, {"version": 1, "text": "Tom's scope"}).status_code == 302
    answer.refresh_from_db()
    assert (answer.value["text"], answer.version) == ("Tom's scope", 2)
    assert [h.history_change_reason for h in answer.history.all()][:2] == [
        "Answer to prepare.scope saved",
        "Answer to prepare.scope saved",
    ]


def test_edits_to_different_sections_never_conflict(cast) -> None:
    a = cast.assessment
    priya, tom = Client(), Client()
    priya.force_login(cast.owner)
    tom.force_login(cast.collaborator)
    assert (
        priya.post(question_url(a, "prepare.scope"), {"version": 0, "text": "A"}).status_code == 302
    )
    assert (
        tom.post(question_url(a, "assess.inequalities"), {"version": 0, "text": "B"}).status_code
        == 302
    )
    assert Answer.objects.filter(assessment=a).count() == 2


def test_a_stale_groups_page_is_refused_too(cast, framework) -> None:
    a = cast.assessment
    age = framework.population_groups.get(key="age")
    race = framework.population_groups.get(key="race")
    priya, tom = Client(), Client()
    priya.force_login(cast.owner)
    tom.force_login(cast.collaborator)
    url = question_url(a, "assess.groups")
    assert priya.post(url, {"version": 0, "groups": [age.pk]}).status_code == 302
    response = tom.post(url, {"version": 0, "groups": [race.pk]})
    assert response.status_code == 409
    assert [str(c) for c in a.considerations.all()] == ["Age"]
