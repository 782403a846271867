"""Pages make a fixed number of queries, whatever the amount of data (bench/ measures time)."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from heathub.assessments.models import Action
from tests.assessments.builders import make_assessment
from tests.assessments.pages import question_url, task_list_url


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_rows(cast, framework, n: int) -> None:
    for i in range(n):
        make_assessment(cast.owner, cast.org, framework, title=f"Clinic {i}")
        Action.objects.create(
            assessment=cast.assessment,
            description=f"Action {i}",
            owner_user=cast.collaborator,
            due_on=datetime.date(2027, 1, 1),
        )


def test_lists_and_task_list_do_not_grow_with_the_data(client, cast, framework) -> None:
    client.force_login(cast.owner)
    a = cast.assessment
    org_list = f"/assessments/organisation/{cast.org.pk}/"
    urls = ["/assessments/", org_list, task_list_url(a), question_url(a, "refine.actions")]
    add_rows(cast, framework, 2)
    before = [queries(client, url) for url in urls]
    add_rows(cast, framework, 15)
    after = [queries(client, url) for url in urls]
    assert after == before
    assert max(after) <= 30


def test_group_pages_do_not_grow_with_the_groups_ticked(client, cast, framework) -> None:
    from heathub.assessments.actions import add_consideration

    client.force_login(cast.owner)
    a = cast.assessment
    keys = list(framework.population_groups.values_list("pk", flat=True))
    urls = [
        question_url(a, "assess.groups"),
        question_url(a, "assess.where"),
        question_url(a, "assess.effect"),
        f"/assessments/{a.pk}/stages/assess/check",
        f"/assessments/{a.pk}/actions/add",
    ]
    for pk in keys[:2]:
        add_consideration(a, [pk], by=cast.owner)
    before = [queries(client, url) for url in urls]
    for pk in keys[2:12]:
        add_consideration(a, [pk, keys[0]], by=cast.owner)
    after = [queries(client, url) for url in urls]
    assert after == before
