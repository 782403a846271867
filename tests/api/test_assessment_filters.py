"""GET /api/assessments filters (organisation, status, due for review, overdue actions, search,
archived) and page-number pagination, always within what the caller may read."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from heathub.assessments.models import Action, ActionStatus, Status
from heathub.orgs.models import Membership, Role
from tests.api.conftest import make_assessment, token_client

URL = "/api/assessments"


def titles(api, **params) -> set[str]:
    response = api.get(URL, params)
    assert response.status_code == 200, response.content
    return {item["title"] for item in response.json()["items"]}


@pytest.fixture
def portfolio(cast):
    """The owner's organisation holds four assessments in different states."""
    today = timezone.localdate()
    org, owner, fw = cast.organisation, cast.owner, cast.framework
    due = make_assessment(
        owner,
        org,
        fw,
        title="Diabetes prevention in Nuneaton",
        status=Status.SIGNED_OFF,
        next_review_on=today,
    )
    make_assessment(
        owner,
        org,
        fw,
        title="Diabetes foot checks in Rugby",
        status=Status.SIGNED_OFF,
        next_review_on=today + datetime.timedelta(days=90),
    )
    late = make_assessment(owner, org, fw, title="Falls prevention in Bedworth")
    Action.objects.create(
        assessment=late, description="Book venues", due_on=today - datetime.timedelta(days=1)
    )
    Action.objects.create(
        assessment=cast.assessment,
        description="Recruit peer supporters",
        due_on=today - datetime.timedelta(days=1),
        status=ActionStatus.DONE,  # done late: not overdue
    )
    make_assessment(owner, org, fw, title="Old diabetes pathway", archived=True)
    return {"due": due, "late": late}


ALL_ACTIVE = {
    "Smoking cessation in Tamworth",
    "Diabetes prevention in Nuneaton",
    "Diabetes foot checks in Rugby",
    "Falls prevention in Bedworth",
}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ALL_ACTIVE),
        (
            {"status": "signed_off"},
            {"Diabetes prevention in Nuneaton", "Diabetes foot checks in Rugby"},
        ),
        ({"status": "draft"}, {"Smoking cessation in Tamworth", "Falls prevention in Bedworth"}),
        ({"due_for_review": "true"}, {"Diabetes prevention in Nuneaton"}),
        ({"due_for_review": "false"}, ALL_ACTIVE - {"Diabetes prevention in Nuneaton"}),
        ({"overdue_actions": "true"}, {"Falls prevention in Bedworth"}),
        ({"overdue_actions": "false"}, ALL_ACTIVE - {"Falls prevention in Bedworth"}),
        (
            {"search": "DIABETES"},
            {"Diabetes prevention in Nuneaton", "Diabetes foot checks in Rugby"},
        ),
        (
            {"search": "diabetes", "include_archived": "true"},
            {
                "Diabetes prevention in Nuneaton",
                "Diabetes foot checks in Rugby",
                "Old diabetes pathway",
            },
        ),
        (
            {"search": "diabetes", "status": "signed_off", "due_for_review": "true"},
            {"Diabetes prevention in Nuneaton"},
        ),
        ({"search": "no such words"}, set()),
    ],
)
def test_filters(cast, portfolio, params, expected) -> None:
    assert titles(token_client(cast.colleague), **params) == expected


def test_filter_by_organisation(cast, portfolio) -> None:
    # the colleague joins a second organisation, which has one assessment of its own
    Membership.objects.create(
        user=cast.colleague, organisation=cast.other_organisation, role=Role.MEMBER
    )
    api = token_client(cast.colleague)
    assert titles(api, organisation=cast.other_organisation.pk) == {"Healthy homes in Sneinton"}
    assert titles(api, organisation=cast.organisation.pk) == ALL_ACTIVE


def test_filtering_by_someone_elses_organisation_shows_nothing(cast, portfolio) -> None:
    api = token_client(cast.outsider)
    assert titles(api, organisation=cast.organisation.pk) == set()
    assert titles(api, search="Diabetes") == set()


def test_filters_never_widen_what_a_mentor_sees(cast, portfolio) -> None:
    api = token_client(cast.named_mentor)
    assert titles(api) == {"Smoking cessation in Tamworth"}
    assert titles(api, organisation=cast.organisation.pk, include_archived="true") == {
        "Smoking cessation in Tamworth"
    }


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status": "finished"}, "status"),
        ({"due_for_review": "maybe"}, "due_for_review"),
        ({"organisation": "Coventry"}, "organisation"),
        ({"page": "0"}, "page"),
    ],
)
def test_a_bad_filter_value_is_a_422_naming_the_parameter(cast, params, field) -> None:
    response = token_client(cast.owner).get(URL, params)
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"][-1] == field


def test_pages_of_twenty_with_a_count(cast) -> None:
    for n in range(24):
        make_assessment(cast.owner, cast.organisation, cast.framework, title=f"Project {n:02}")
    api = token_client(cast.colleague)

    first = api.get(URL).json()
    second = api.get(URL, {"page": 2}).json()
    small = api.get(URL, {"page": 3, "page_size": 10}).json()

    assert first["count"] == second["count"] == 25
    assert len(first["items"]) == 20
    assert len(second["items"]) == 5
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}
    assert [i["title"] for i in first["items"][:2]] == ["Project 23", "Project 22"]  # newest first
    assert len(small["items"]) == 5
    assert api.get(URL, {"page": 9}).json() == {"items": [], "count": 25}


def test_the_number_of_queries_does_not_grow_with_the_page(cast) -> None:
    api = token_client(cast.colleague)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert api.get(URL).status_code == 200
        return len(captured)

    api.get(URL)  # records the token's use, which writes once a minute
    few = queries()
    for n in range(19):
        assessment = make_assessment(cast.owner, cast.organisation, cast.framework, title=f"P{n}")
        Action.objects.create(assessment=assessment, description="Late", due_on="2020-01-01")
    assert queries() == few == 3  # token, count, page
