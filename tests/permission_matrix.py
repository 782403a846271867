"""Builds every URL of the site for the cast, and asks it as each person."""

from __future__ import annotations

from collections.abc import Iterator

from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.cast import ROLES, Cast

# Left out by rule: /admin/ is Django's own staff-only site (is_staff), tested by Django; the JSON
# API is covered by its own matrix with bearer tokens (test_api_permissions.py).
EXCLUDED_NAMESPACES = ("admin", "api")


def all_url_names() -> list[str]:
    def walk(resolver: URLResolver, prefix: str) -> Iterator[str]:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                namespace = pattern.namespace
                if namespace in EXCLUDED_NAMESPACES:
                    continue
                yield from walk(pattern, f"{prefix}{namespace}:" if namespace else prefix)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield prefix + pattern.name

    return sorted(set(walk(get_resolver(), "")))


def url_for(name: str, cast: Cast) -> str:
    pattern_kwargs = {
        "pk": {
            "orgs": cast.organisation.pk,
            "assessments": cast.assessment.pk,
            "api-tokens": cast.owner_api_token.pk,
        }.get(name.split(":")[0]),
        "org_pk": cast.organisation.pk,
        "question_key": "assess.groups"
        if name in ("assessments:add-intersection", "assessments:add-local-group")
        else "prepare.scope",
        "stage_key": "prepare",
        "action_pk": cast.action.pk,
        "comment_pk": cast.comment.pk,
        "membership_pk": cast.colleague_membership.pk,
        "invitation_pk": cast.invitation.pk,
        "token": cast.invitation_token,
        "uidb64": "MQ",
        "assessment_id": cast.assessment.pk,
        "organisation_id": cast.organisation.pk,
    }
    needed = _kwarg_names(name)
    if name == "accounts:password-reset-confirm":
        return reverse(name, kwargs={"uidb64": "MQ", "token": "set-password"})
    return reverse(name, kwargs={k: pattern_kwargs[k] for k in needed})


def _kwarg_names(name: str) -> list[str]:
    namespace, _, url_name = name.rpartition(":")
    resolver = get_resolver()
    for part in namespace.split(":") if namespace else []:
        resolver = resolver.namespace_dict[part][1]
    possibilities = resolver.reverse_dict.getlist(url_name)
    return list(possibilities[0][0][0][1]) if possibilities else []


def status_as(cast: Cast, role: str, method: str, url: str) -> int:
    """The status one person gets; whatever their request changed is rolled back after, so
    one person's successful POST (removing a member, archiving) cannot change the next answer."""
    with transaction.atomic():
        client = Client()
        person = cast.person(role)
        if person is not None:
            client.force_login(person)
        response = client.get(url) if method == "GET" else client.post(url, {})
        transaction.set_rollback(True)
    return response.status_code


def api_status_as(cast: Cast, role: str, url: str) -> int:
    headers = {}
    if role != "anonymous":
        headers["Authorization"] = f"Bearer {cast.api_secrets[role]}"
    return Client().get(url, headers=headers).status_code


__all__ = ["ROLES", "all_url_names", "api_status_as", "status_as", "url_for"]
