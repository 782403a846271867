"""/api/docs serves Swagger UI from our own static files (no CDN: there is no internet), and
/api/openapi.json describes every route, each behind the bearer token."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import URLPattern, reverse

from heathub.api.routes import api

EXPECTED_OPERATIONS = {
    ("/api/organisations", "get"),
    ("/api/organisations/{organisation_id}", "get"),
    ("/api/assessments", "get"),
    ("/api/assessments/{assessment_id}", "get"),
}
DOC_ROUTES = {"openapi-json", "openapi-view", "api-root"}  # api-root: ninja's 404 at /api/


def route_paths() -> set[str]:
    """Every path the API serves, read from its URL patterns (so a new route is seen here)."""
    patterns = [p for p in api.urls[0] if isinstance(p, URLPattern)]
    return {
        "/api/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(p.pattern))
        for p in patterns
        if p.name not in DOC_ROUTES
    }


def test_docs_page_loads_swagger_from_local_static_files(client, db) -> None:
    response = client.get(reverse("api:openapi-view"))
    html = response.content.decode()
    assert response.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert "/static/ninja/swagger-ui-bundle.js" in sources
    assert "/static/ninja/swagger-ui.css" in sources
    assert not [s for s in sources if "//" in s]  # nothing from another host
    assert '"url": "/api/openapi.json"' in html
    assert '"validatorUrl": null' in html  # no schema sent to swagger.io
    for source in sources:
        if source.startswith("/static/"):
            assert finders.find(source.removeprefix("/static/")), source


def test_docs_page_needs_no_token(client, db) -> None:
    assert client.get(reverse("api:openapi-json")).status_code == 200


def test_the_schema_lists_every_route_each_behind_the_bearer_token(client, db) -> None:
    schema = client.get(reverse("api:openapi-json")).json()
    operations = {(path, method) for path, item in schema["paths"].items() for method in item}
    assert operations == EXPECTED_OPERATIONS
    assert {path for path, _ in operations} == route_paths()
    assert schema["components"]["securitySchemes"] == {
        "PersonalToken": {"type": "http", "scheme": "bearer"}
    }
    for path, method in operations:
        operation = schema["paths"][path][method]
        assert operation["security"] == [{"PersonalToken": []}], path
        assert operation["summary"], path


def test_list_filters_and_pagination_are_documented(client, db) -> None:
    schema = client.get(reverse("api:openapi-json")).json()
    params = {p["name"] for p in schema["paths"]["/api/assessments"]["get"]["parameters"]}
    assert params == {
        "organisation",
        "status",
        "due_for_review",
        "overdue_actions",
        "search",
        "include_archived",
        "page",
        "page_size",
    }


def test_the_footer_links_to_the_api_docs(client, db) -> None:
    html = client.get(reverse("core:home")).content.decode()
    assert f'href="{reverse("api:openapi-view")}"' in html


def test_docs_api_md_documents_every_route(client, db) -> None:
    text = (Path(__file__).resolve().parents[2] / "docs/api.md").read_text()
    documented = set(re.findall(r"^### `GET (/api/\S+)`", text, re.M))
    assert {(path, "get") for path in documented} == EXPECTED_OPERATIONS
    for name in ("organisation-list", "organisation-detail", "assessment-list"):
        assert f"`api:{name}`" in text


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_the_docs_and_schema_are_read_only(client, db, method) -> None:
    for name in ("api:openapi-view", "api:openapi-json"):
        assert getattr(client, method)(reverse(name)).status_code == 405


def test_each_route_documents_its_refusals(client, db) -> None:
    schema = client.get(reverse("api:openapi-json")).json()
    for path, method in EXPECTED_OPERATIONS:
        responses = schema["paths"][path][method]["responses"]
        assert {"200", "401"} <= set(responses), path
        if "{" in path:
            assert "404" in responses, path
        detail = responses["401"]["content"]["application/json"]["schema"]
        assert detail == {"$ref": "#/components/schemas/Detail"}
