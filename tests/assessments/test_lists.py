"""My assessments and an organisation's assessments: search, filters, pagination."""

import datetime

from django.urls import reverse
from django.utils import timezone

from heathub.assessments.models import Action, Status
from heathub.orgs.models import Role
from tests.assessments.builders import make_assessment, make_org, make_user
from tests.assessments.pages import visible_text

MINE = "/assessments/"


def test_my_list_shows_what_i_own_or_collaborate_on_only(client, cast, framework) -> None:
    make_assessment(cast.colleague, cast.org, framework, title="Colleague's own work")
    client.force_login(cast.collaborator)
    text = visible_text(client.get(MINE).content.decode())
    assert "Smoking cessation in Tamworth" in text
    assert "Colleague's own work" not in text
    assert "Showing 1 to 1 of 1 assessment" in text


def test_search_finds_by_title(client, cast, framework) -> None:
    make_assessment(cast.owner, cast.org, framework, title="Diabetes prevention in Nuneaton")
    client.force_login(cast.owner)
    text = visible_text(client.get(MINE, {"q": "diabetes"}).content.decode())
    assert "Diabetes prevention in Nuneaton" in text
    assert "Smoking cessation" not in text
    assert "No assessments found" in visible_text(client.get(MINE, {"q": "zzz"}).content.decode())


def test_pagination_keeps_the_search_in_its_links(client, cast, framework) -> None:
    for n in range(45):
        make_assessment(cast.owner, cast.org, framework, title=f"Clinic review {n:02d}")
    client.force_login(cast.owner)
    html = client.get(MINE, {"q": "clinic", "page": 2}).content.decode()
    text = visible_text(html)
    assert "Showing 21 to 40 of 45 assessments" in text
    assert 'href="?q=clinic&amp;page=3"' in html
    assert 'aria-current="page"' in html
    last = visible_text(client.get(MINE, {"q": "clinic", "page": 99}).content.decode())
    assert "Showing 41 to 45 of 45 assessments" in last


def test_organisation_list_filters_by_status_due_and_overdue(client, cast, framework) -> None:
    today = timezone.localdate()
    due = make_assessment(
        cast.owner,
        cast.org,
        framework,
        title="Due review",
        status=Status.SIGNED_OFF,
        next_review_on=today - datetime.timedelta(days=1),
    )
    make_assessment(
        cast.owner,
        cast.org,
        framework,
        title="Not yet due",
        status=Status.SIGNED_OFF,
        next_review_on=today + datetime.timedelta(days=90),
    )
    late = make_assessment(cast.owner, cast.org, framework, title="Late actions")
    Action.objects.create(
        assessment=late, description="X", owner_name="Y", due_on=today - datetime.timedelta(days=3)
    )
    Action.objects.create(
        assessment=due,
        description="Done late",
        owner_name="Y",
        due_on=today - datetime.timedelta(days=3),
        status="done",
    )
    client.force_login(cast.colleague)
    url = reverse("assessments:organisation", args=[cast.org.pk])

    def titles(**query):
        text = visible_text(client.get(url, query).content.decode())
        names = ("Due review", "Not yet due", "Late actions", "Smoking cessation in Tamworth")
        return {t for t in names if t in text}

    assert titles() == {
        "Due review",
        "Not yet due",
        "Late actions",
        "Smoking cessation in Tamworth",
    }
    assert titles(status="signed_off") == {"Due review", "Not yet due"}
    assert titles(show="due") == {"Due review"}
    assert titles(show="overdue") == {"Late actions"}
    html = client.get(url, {"show": "due"}).content.decode()
    assert "Due for review" in visible_text(html)


def test_example_organisations_are_labelled(client, framework) -> None:
    org = make_org("Example Coventry Community Trust", is_example=True)
    owner = make_user(org, Role.EDITOR)
    make_assessment(owner, org, framework, title="Example work")
    client.force_login(owner)
    text = visible_text(client.get(MINE).content.decode())
    assert "Example work Example" in text


def test_a_programme_lead_sees_counts_not_content(client, cast, framework) -> None:
    make_assessment(cast.owner, cast.org, framework, title="Signed", status=Status.SIGNED_OFF)
    client.force_login(cast.programme_lead)
    text = visible_text(client.get(MINE).content.decode())
    assert "Assessments across heathub" in text
    assert "Draft 1 In mentor review 0" in text
    assert "Signed off 1" in text
    assert "Smoking cessation in Tamworth" not in text
    client.force_login(cast.owner)
    assert "Assessments across heathub" not in visible_text(client.get(MINE).content.decode())
