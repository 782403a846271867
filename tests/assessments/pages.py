"""Helpers for page tests: URLs by name and the text a person sees."""

import re

from django.test import Client
from django.urls import reverse

from heathub.assessments.models import Assessment


def question_url(assessment: Assessment, key: str) -> str:
    return reverse("assessments:question", args=[assessment.pk, key])


def check_url(assessment: Assessment, stage: str) -> str:
    return reverse("assessments:check-answers", args=[assessment.pk, stage])


def task_list_url(assessment: Assessment) -> str:
    return reverse("assessments:task-list", args=[assessment.pk])


def visible_text(html: str) -> str:
    """The page's main content as plain text with single spaces."""
    main = html.split("<main", 1)[-1].split("</main>", 1)[0]
    text = re.sub(r"<[^>]+>", " ", main)
    return re.sub(r"\s+", " ", text).replace("&#39;", "'").replace("&quot;", '"')


def get_text(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return visible_text(response.content.decode())


def task_status(client: Client, assessment: Assessment, title: str) -> str:
    """The status the task list shows beside a section title."""
    text = get_text(client, task_list_url(assessment))
    match = re.search(re.escape(title) + r" (Not started|In progress|Completed)", text)
    assert match, f"{title!r} not on the task list"
    return match.group(1)
