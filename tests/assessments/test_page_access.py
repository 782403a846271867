"""Who may open and post to each assessment page: outsiders get 404, readers who try to change
something get 403, signed-out people are sent to sign in (302). The site-wide permission matrix
covers every URL; this is the assessment pages' part of it, with the same cast."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from heathub.assessments.models import Action

ROLES = (
    "owner",
    "collaborator",
    "colleague",
    "org_admin",
    "mentor",
    "assigned_mentor",
    "programme_lead",
    "outsider",
    "anonymous",
)
# URL name: (GET statuses, POST statuses) in the order of ROLES; POSTs send an empty form.
EXPECTED = {
    "assessments:mine": (
        (200, 200, 200, 200, 200, 200, 200, 200, 302),
        (405, 405, 405, 405, 405, 405, 405, 405, 302),
    ),
    "assessments:start": (
        (200, 403, 403, 200, 403, 403, 403, 200, 302),
        (400, 403, 403, 400, 403, 403, 403, 400, 302),
    ),
    "assessments:organisation": (
        (200, 200, 200, 200, 404, 404, 404, 404, 302),
        (405, 405, 405, 405, 405, 405, 405, 405, 302),
    ),
    "assessments:task-list": (
        (200, 200, 200, 200, 404, 200, 404, 404, 302),
        (405, 405, 405, 405, 405, 405, 405, 405, 302),
    ),
    "assessments:details": (
        (200, 200, 403, 200, 404, 403, 404, 404, 302),
        (400, 400, 403, 400, 404, 403, 404, 404, 302),
    ),
    "assessments:question": (
        (200, 200, 200, 200, 404, 200, 404, 404, 302),
        (400, 400, 403, 400, 404, 403, 404, 404, 302),
    ),
    "assessments:add-intersection": (
        (200, 200, 403, 200, 404, 403, 404, 404, 302),
        (400, 400, 403, 400, 404, 403, 404, 404, 302),
    ),
    "assessments:add-local-group": (
        (200, 200, 403, 200, 404, 403, 404, 404, 302),
        (400, 400, 403, 400, 404, 403, 404, 404, 302),
    ),
    "assessments:check-answers": (
        (200, 200, 200, 200, 404, 200, 404, 404, 302),
        (400, 400, 403, 400, 404, 403, 404, 404, 302),
    ),
    "assessments:action-add": (
        (200, 200, 403, 200, 404, 403, 404, 404, 302),
        (400, 400, 403, 400, 404, 403, 404, 404, 302),
    ),
    "assessments:action-edit": (
        (200, 200, 403, 200, 404, 403, 404, 404, 302),
        (400, 400, 403, 400, 404, 403, 404, 404, 302),
    ),
}


def url_for(name: str, cast) -> str:
    a = cast.assessment
    args = {
        "assessments:mine": [],
        "assessments:start": [],
        "assessments:organisation": [cast.org.pk],
        "assessments:question": [a.pk, "prepare.scope"],
        "assessments:add-intersection": [a.pk, "assess.groups"],
        "assessments:add-local-group": [a.pk, "assess.groups"],
        "assessments:check-answers": [a.pk, "prepare"],
        "assessments:action-edit": [a.pk, cast.action.pk],
    }.get(name, [a.pk])
    return reverse(name, args=args)


@pytest.fixture
def cast_with_action(cast):
    cast.action = Action.objects.create(
        assessment=cast.assessment,
        description="Evening clinic",
        owner_name="Dr Amir Khan",
        due_on=datetime.date(2027, 3, 31),
    )
    return cast


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", EXPECTED)
def test_page_access(cast_with_action, name, method) -> None:
    cast = cast_with_action
    url = url_for(name, cast)
    got = []
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(getattr(cast, role))
        got.append(getattr(client, method)(url).status_code)
    expected = EXPECTED[name][0 if method == "get" else 1]
    assert dict(zip(ROLES, got, strict=True)) == dict(zip(ROLES, expected, strict=True))


MY_VIEW_MODULES = ("views", "question_views", "group_views", "action_views")


def test_every_assessment_page_is_in_the_table() -> None:
    from heathub.assessments import urls

    mine = {
        f"assessments:{p.name}"
        for p in urls.urlpatterns
        if p.name and p.callback.__module__.removeprefix("heathub.assessments.") in MY_VIEW_MODULES
    }
    assert mine == set(EXPECTED)
