"""The action plan: description, owner (a member or a named person), a real due date, status,
linked groups; overdue actions are flagged."""

import datetime

from django.urls import reverse
from django.utils import timezone

from heathub.assessments.models import Action
from tests.assessments.pages import get_text, question_url, task_list_url, visible_text


def add_url(a) -> str:
    return reverse("assessments:action-add", args=[a.pk])


def test_adding_an_action_with_a_member_as_owner(client, cast, framework) -> None:
    client.force_login(cast.owner)
    a = cast.assessment
    age = framework.population_groups.get(key="age")
    client.post(question_url(a, "assess.groups"), {"version": 0, "groups": [age.pk]})
    response = client.post(
        add_url(a),
        {
            "description": "Open an evening stop-smoking clinic",
            "owner_user": cast.collaborator.pk,
            "due_on_day": "31",
            "due_on_month": "3",
            "due_on_year": "2027",
            "status": "planned",
            "groups": [age.pk],
        },
    )
    assert response["Location"] == question_url(a, "refine.actions")
    action = Action.objects.get(assessment=a)
    assert (action.owner_user, action.due_on) == (cast.collaborator, datetime.date(2027, 3, 31))
    assert list(action.groups.all()) == [age]
    text = get_text(client, question_url(a, "refine.actions"))
    assert "Open an evening stop-smoking clinic" in text
    assert "Tom Evans 31 March 2027 Planned" in text


def test_an_action_needs_an_owner_and_a_real_date(client, cast) -> None:
    client.force_login(cast.owner)
    a = cast.assessment
    response = client.post(
        add_url(a),
        {
            "description": "Translate leaflets",
            "due_on_day": "30",
            "due_on_month": "2",
            "due_on_year": "2027",
            "status": "planned",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Choose a member as owner or enter the owner&#39;s name" in html
    assert "Due date must be a real date" in html
    assert 'href="#id_due_on-day"' in html
    assert "Translate leaflets" in html
    missing = client.post(add_url(a), {"description": "X", "owner_name": "Y", "status": "done"})
    assert "Enter the due date" in missing.content.decode()
    assert not Action.objects.exists()


def test_overdue_actions_are_flagged(client, cast) -> None:
    a = cast.assessment
    past = timezone.localdate() - datetime.timedelta(days=1)
    Action.objects.create(assessment=a, description="Late one", owner_name="Jo", due_on=past)
    Action.objects.create(
        assessment=a, description="Done one", owner_name="Jo", due_on=past, status="done"
    )
    client.force_login(cast.owner)
    text = get_text(client, question_url(a, "refine.actions"))
    assert "Late one Groups: None linked Jo" in text
    assert text.count("Overdue") == 1
    assert "1 action is past its due date" in get_text(client, task_list_url(a))
    client.force_login(cast.colleague)  # a reader sees the plan as text
    assert "Late one: Jo, due" in get_text(client, question_url(a, "refine.actions"))


def test_changing_an_action_someone_else_changed_is_refused(client, cast) -> None:
    a = cast.assessment
    action = Action.objects.create(
        assessment=a, description="Original", owner_name="Jo", due_on=datetime.date(2027, 1, 1)
    )
    url = reverse("assessments:action-edit", args=[a.pk, action.pk])
    client.force_login(cast.owner)
    html = client.get(url).content.decode()
    stamp = html.split('name="updated_at" value="', 1)[1].split('"', 1)[0]
    action.description = "Changed by Tom"
    action.save()
    form = {
        "description": "Priya's version",
        "owner_name": "Jo",
        "due_on_day": "1",
        "due_on_month": "1",
        "due_on_year": "2027",
        "status": "planned",
        "updated_at": stamp,
    }
    response = client.post(url, form)
    assert response.status_code == 409
    assert "Someone else changed this action" in visible_text(response.content.decode())
    action.refresh_from_db()
    assert action.description == "Changed by Tom"


def test_removing_an_action(client, cast) -> None:
    a = cast.assessment
    action = Action.objects.create(
        assessment=a, description="Drop me", owner_name="Jo", due_on=datetime.date(2027, 1, 1)
    )
    client.force_login(cast.owner)
    url = reverse("assessments:action-edit", args=[a.pk, action.pk])
    assert client.post(url, {"delete": "1"}).status_code == 302
    assert not Action.objects.exists()
    assert Action.history.first().history_change_reason == "Action removed"


def test_a_recorded_data_gap_becomes_an_action_in_one_step(client, cast) -> None:
    client.force_login(cast.owner)
    a = cast.assessment
    url = question_url(a, "assess.data_gaps")
    client.post(
        url,
        {
            "version": 0,
            "data_gaps-answer": "yes",
            "data_gaps-explanation": "Quit rates are not split by ethnicity",
        },
    )
    page = client.get(url).content.decode()
    link = f"/assessments/{a.pk}/actions/add?from=data-gap"
    assert link in page
    form = client.get(link).content.decode()
    assert "Fill the data gap: Quit rates are not split by ethnicity</textarea>" in form
