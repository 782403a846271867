"""The permission matrix: every URL of the site x every person in the cast x GET and POST.

Built from the URL conf, so a new URL without an entry here fails `test_matrix_covers_every_url`.
Left out by rule: /admin/ (Django's staff-only site) — and the JSON API has its own table below,
asked with each person's bearer token.

Reading a row: 200 page shown; 400 form shown again with its errors (the person may use it);
302 done and redirected (for anonymous: to sign-in); 401 API without a valid token; 403 may see
but not change (or may not use this page at all); 404 may not know it exists; 405 wrong method.
The rules behind the numbers are in docs/permissions.md.
"""

import pytest
from django.urls import reverse

from tests.cast import ROLES, make_cast
from tests.permission_matrix import all_url_names, api_status_as, status_as, url_for

# owner, collaborator, colleague, org_admin, mentor (asked to review), programme_lead, outsider,
# anonymous
EXPECTED: dict[str, dict[str, tuple[int, ...]]] = {
    "accounts:account": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 302),
        "POST": (405, 405, 405, 405, 405, 405, 405, 302),
    },
    "accounts:password-reset": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (200, 200, 200, 200, 200, 200, 200, 200),
    },
    "accounts:password-reset-complete": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (405, 405, 405, 405, 405, 405, 405, 405),
    },
    "accounts:password-reset-confirm": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (200, 200, 200, 200, 200, 200, 200, 200),
    },
    "accounts:password-reset-sent": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (405, 405, 405, 405, 405, 405, 405, 405),
    },
    "accounts:sign-in": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (200, 200, 200, 200, 200, 200, 200, 200),
    },
    "accounts:sign-out": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (302, 302, 302, 302, 302, 302, 302, 302),
    },
    "api-tokens:create": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 302),
        "POST": (400, 400, 400, 400, 400, 400, 400, 302),
    },
    "api-tokens:list": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 302),
        "POST": (405, 405, 405, 405, 405, 405, 405, 302),
    },
    "api-tokens:revoke": {
        "GET": (200, 404, 404, 404, 404, 404, 404, 302),
        "POST": (302, 404, 404, 404, 404, 404, 404, 302),
    },
    "assessments:action-add": {
        "GET": (200, 200, 403, 200, 403, 404, 404, 302),
        "POST": (400, 400, 403, 400, 403, 404, 404, 302),
    },
    "assessments:action-edit": {
        "GET": (200, 200, 403, 200, 403, 404, 404, 302),
        "POST": (400, 400, 403, 400, 403, 404, 404, 302),
    },
    "assessments:add-comment": {
        "GET": (405, 405, 405, 405, 405, 405, 405, 302),
        "POST": (403, 403, 403, 403, 400, 404, 404, 302),
    },
    "assessments:add-intersection": {
        "GET": (200, 200, 403, 200, 403, 404, 404, 302),
        "POST": (400, 400, 403, 400, 403, 404, 404, 302),
    },
    "assessments:add-local-group": {
        "GET": (200, 200, 403, 200, 403, 404, 404, 302),
        "POST": (400, 400, 403, 400, 403, 404, 404, 302),
    },
    "assessments:archive": {
        "GET": (200, 200, 403, 200, 403, 404, 404, 302),
        "POST": (302, 302, 403, 302, 403, 404, 404, 302),
    },
    "assessments:check-answers": {
        "GET": (200, 200, 200, 200, 200, 404, 404, 302),
        "POST": (400, 400, 403, 400, 403, 404, 404, 302),
    },
    "assessments:copy": {
        "GET": (200, 403, 200, 200, 403, 404, 404, 302),
        "POST": (400, 403, 400, 400, 403, 404, 404, 302),
    },
    "assessments:decide-review": {
        "GET": (403, 403, 403, 403, 200, 404, 404, 302),
        "POST": (403, 403, 403, 403, 400, 404, 404, 302),
    },
    "assessments:details": {
        "GET": (200, 200, 403, 200, 403, 404, 404, 302),
        "POST": (400, 400, 403, 400, 403, 404, 404, 302),
    },
    "assessments:export": {
        "GET": (200, 200, 200, 200, 200, 404, 404, 302),
        "POST": (405, 405, 405, 405, 405, 405, 405, 302),
    },
    "assessments:export-docx": {
        "GET": (200, 200, 200, 200, 200, 404, 404, 302),
        "POST": (405, 405, 405, 405, 405, 405, 405, 302),
    },
    "assessments:export-pdf": {
        "GET": (200, 200, 200, 200, 200, 404, 404, 302),
        "POST": (405, 405, 405, 405, 405, 405, 405, 302),
    },
    "assessments:history": {
        "GET": (200, 200, 200, 200, 200, 404, 404, 302),
        "POST": (405, 405, 405, 405, 405, 405, 405, 302),
    },
    "assessments:mine": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 302),
        "POST": (405, 405, 405, 405, 405, 405, 405, 302),
    },
    "assessments:organisation": {
        "GET": (200, 200, 200, 200, 404, 404, 404, 302),
        "POST": (405, 405, 405, 405, 405, 405, 405, 302),
    },
    "assessments:periodic-review": {
        "GET": (200, 200, 403, 200, 403, 404, 404, 302),
        "POST": (400, 400, 403, 400, 403, 404, 404, 302),
    },
    "assessments:question": {
        "GET": (200, 200, 200, 200, 200, 404, 404, 302),
        "POST": (400, 400, 403, 400, 403, 404, 404, 302),
    },
    "assessments:request-review": {
        "GET": (200, 200, 403, 200, 403, 404, 404, 302),
        "POST": (400, 400, 403, 400, 403, 404, 404, 302),
    },
    "assessments:resolve-comment": {
        "GET": (405, 405, 405, 405, 405, 405, 405, 302),
        "POST": (302, 302, 403, 302, 403, 404, 404, 302),
    },
    "assessments:review": {
        "GET": (200, 200, 200, 200, 200, 404, 404, 302),
        "POST": (405, 405, 405, 405, 405, 405, 405, 302),
    },
    "assessments:review-queue": {
        "GET": (403, 403, 403, 403, 200, 403, 403, 302),
        "POST": (405, 405, 405, 405, 405, 405, 405, 302),
    },
    "assessments:sign-off": {
        "GET": (200, 403, 403, 200, 403, 404, 404, 302),
        "POST": (400, 403, 403, 400, 403, 404, 404, 302),
    },
    "assessments:start": {
        "GET": (200, 403, 200, 200, 403, 403, 200, 302),
        "POST": (400, 403, 400, 400, 403, 403, 400, 302),
    },
    "assessments:task-list": {
        "GET": (200, 200, 200, 200, 200, 404, 404, 302),
        "POST": (405, 405, 405, 405, 405, 405, 405, 302),
    },
    "assessments:unlock": {
        "GET": (403, 403, 403, 200, 403, 404, 404, 302),
        "POST": (403, 403, 403, 400, 403, 404, 404, 302),
    },
    "core:accessibility": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (405, 405, 405, 405, 405, 405, 405, 405),
    },
    "core:healthz": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (405, 405, 405, 405, 405, 405, 405, 405),
    },
    "core:home": {
        "GET": (302, 302, 302, 302, 302, 302, 302, 200),
        "POST": (405, 405, 405, 405, 405, 405, 405, 405),
    },
    "core:privacy": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (405, 405, 405, 405, 405, 405, 405, 405),
    },
    "orgs:accept-invitation": {
        "GET": (403, 403, 403, 403, 403, 403, 403, 200),
        "POST": (403, 403, 403, 403, 403, 403, 403, 400),
    },
    "orgs:change-role": {
        "GET": (403, 403, 403, 200, 404, 404, 404, 302),
        "POST": (403, 403, 403, 400, 404, 404, 404, 302),
    },
    "orgs:detail": {
        "GET": (200, 200, 200, 200, 404, 404, 404, 302),
        "POST": (405, 405, 405, 405, 405, 405, 405, 302),
    },
    "orgs:history": {
        "GET": (403, 403, 403, 200, 404, 404, 404, 302),
        "POST": (405, 405, 405, 405, 405, 405, 405, 302),
    },
    "orgs:invite": {
        "GET": (403, 403, 403, 200, 404, 404, 404, 302),
        "POST": (403, 403, 403, 400, 404, 404, 404, 302),
    },
    "orgs:mine": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 302),
        "POST": (405, 405, 405, 405, 405, 405, 405, 302),
    },
    "orgs:remove-member": {
        "GET": (403, 403, 403, 200, 404, 404, 404, 302),
        "POST": (403, 403, 403, 302, 404, 404, 404, 302),
    },
    "orgs:settings": {
        "GET": (403, 403, 403, 200, 404, 404, 404, 302),
        "POST": (403, 403, 403, 400, 404, 404, 404, 302),
    },
    "orgs:withdraw-invitation": {
        "GET": (405, 405, 405, 405, 405, 405, 405, 302),
        "POST": (403, 403, 403, 302, 404, 404, 404, 302),
    },
}

# The JSON API, asked with each person's own token (anonymous: no token).
EXPECTED_API: dict[str, tuple[int, ...]] = {
    "api:api-root": (404, 404, 404, 404, 404, 404, 404, 404),
    "api:assessment-detail": (200, 200, 200, 200, 200, 404, 404, 401),
    "api:assessment-list": (200, 200, 200, 200, 200, 200, 200, 401),
    "api:openapi-json": (200, 200, 200, 200, 200, 200, 200, 200),
    "api:openapi-view": (200, 200, 200, 200, 200, 200, 200, 200),
    "api:organisation-detail": (200, 200, 200, 200, 404, 404, 404, 401),
    "api:organisation-list": (200, 200, 200, 200, 200, 200, 200, 401),
}


def test_matrix_covers_every_url() -> None:
    assert set(all_url_names()) == set(EXPECTED)


def test_api_matrix_covers_every_api_route() -> None:
    from heathub.api.routes import api

    names = {f"api:{p.name}" for p in api.urls[0] if getattr(p, "name", None)}
    assert names == set(EXPECTED_API)


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_who_may_use_each_page(db, name: str, method: str) -> None:
    cast = make_cast()
    url = url_for(name, cast)
    got = {role: status_as(cast, role, method, url) for role in ROLES}
    want = dict(zip(ROLES, EXPECTED[name][method], strict=True))
    assert got == want, f"{method} {url}"


@pytest.mark.parametrize("name", sorted(EXPECTED_API))
def test_who_may_use_each_api_route(db, name: str) -> None:
    cast = make_cast()
    kwargs = {
        "organisation-detail": {"organisation_id": cast.organisation.pk},
        "assessment-detail": {"assessment_id": cast.assessment.pk},
    }.get(name.split(":")[1], {})
    url = reverse(name, kwargs=kwargs)
    got = {role: api_status_as(cast, role, url) for role in ROLES}
    assert got == dict(zip(ROLES, EXPECTED_API[name], strict=True)), f"GET {url}"
