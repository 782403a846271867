"""Starting an assessment: GOV.UK form patterns, and what is stored."""

from django.urls import reverse

from heathub.assessments.models import Assessment, Status
from heathub.orgs.models import Role
from tests.assessments.builders import make_framework, make_user
from tests.assessments.pages import visible_text

START = "/assessments/start"


def test_the_start_page_offers_the_people_of_the_organisation_and_the_newest_version(
    client, cast
) -> None:
    newer = make_framework("2025.1")
    client.force_login(cast.owner)
    html = client.get(START).content.decode()
    assert "Start a HEAT assessment" in html
    assert "Tom Evans" in html  # a collaborator can be chosen
    assert "Chris Lee" not in html  # people of other organisations cannot
    assert f'value="{newer.pk}" checked' in html
    assert "Up to 150 characters" in html
    assert 'data-maxlength="500"' in html  # the description's limit is stated by the count


def test_an_empty_form_names_each_missing_field_and_keeps_what_was_typed(client, cast) -> None:
    client.force_login(cast.owner)
    response = client.post(START, {"description": "Quit support for people in Tamworth"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert 'href="#id_title"' in html
    assert "Enter a title for the assessment" in html
    assert 'href="#id_subject"' in html
    assert "Quit support for people in Tamworth" in html
    assert not Assessment.objects.exclude(pk=cast.assessment.pk).exists()


def test_a_title_over_the_limit_is_refused_with_the_limit_stated(client, cast, framework) -> None:
    client.force_login(cast.owner)
    response = client.post(START, {"title": "x" * 151, "subject": "project"})
    assert "The title must be 150 characters or fewer" in response.content.decode()


def test_starting_stores_owner_collaborators_and_framework_version(client, cast, framework) -> None:
    client.force_login(cast.owner)
    response = client.post(
        START,
        {
            "title": "Diabetes prevention in Nuneaton",
            "subject": "programme",
            "description": "Group sessions",
            "organisation": cast.org.pk,
            "owner": cast.owner.pk,
            "collaborators": [cast.colleague.pk],
            "framework_version": framework.pk,
        },
    )
    a = Assessment.objects.get(title="Diabetes prevention in Nuneaton")
    assert response["Location"] == reverse("assessments:task-list", args=[a.pk])
    assert (a.status, a.subject, a.owner, a.framework_version) == (
        Status.DRAFT,
        "programme",
        cast.owner,
        framework,
    )
    assert list(a.collaborators.all()) == [cast.colleague]
    assert a.history.first().history_change_reason == "Assessment started"
    page = visible_text(client.get(response["Location"]).content.decode())
    assert "Assessment started: Diabetes prevention in Nuneaton" in page


def test_collaborators_must_belong_to_the_organisation(client, cast, framework) -> None:
    client.force_login(cast.owner)
    other_org_admin = cast.outsider
    response = client.post(
        START,
        {
            "title": "T",
            "subject": "service",
            "organisation": cast.org.pk,
            "owner": other_org_admin.pk,
            "framework_version": framework.pk,
        },
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_a_member_without_the_editor_role_cannot_start_one(client, cast) -> None:
    client.force_login(cast.colleague)
    assert client.get(START).status_code == 403
    member_elsewhere = make_user(cast.org, Role.MEMBER)
    client.force_login(member_elsewhere)
    assert client.post(START, {"title": "x"}).status_code == 403
