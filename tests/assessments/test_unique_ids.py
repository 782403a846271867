"""Every id on an assessment page is unique: labels, error-summary links and the NHS.UK scripts
find fields by id, and a repeated id ticks or focuses the wrong box."""

import re
from collections import Counter

from django.urls import reverse

from heathub.frameworks.models import Question
from tests.assessments.pages import check_url, question_url, task_list_url


def repeated_ids(html: str) -> list[str]:
    counts = Counter(re.findall(r'\sid="([^"]+)"', html))
    return [i for i, n in counts.items() if n > 1]


def test_no_page_repeats_an_id(client, cast, framework) -> None:
    a = cast.assessment
    client.force_login(cast.owner)
    groups = [framework.population_groups.get(key=k).pk for k in ("age", "core20", "carers")]
    client.post(question_url(a, "assess.groups"), {"version": 0, "groups": groups})
    client.post(f"/assessments/{a.pk}/questions/assess.groups/intersection", {"groups": groups[:2]})
    urls = [task_list_url(a), "/assessments/start", reverse("assessments:action-add", args=[a.pk])]
    urls += [check_url(a, s) for s in ("prepare", "assess", "refine")]
    urls += [
        question_url(a, q.key)
        for q in Question.objects.filter(stage__framework_version=framework).exclude(
            stage__key="review"
        )
    ]
    for url in urls:
        html = client.get(url).content.decode()
        assert repeated_ids(html) == [], url
