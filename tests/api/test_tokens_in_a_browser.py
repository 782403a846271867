"""In Debian's chromium: a person creates a token, copies it once, calls the API with it and
revokes it, with no axe-core WCAG 2.2 AA violations; and /api/docs renders Swagger UI under our
Content-Security-Policy from our own static files, asking no other host for anything."""

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from heathub.accounts.models import User
from tests.browser.conftest import CHROMIUM, assert_no_axe_violations
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    # the same launch as tests/browser (its conftest's fixtures reach only that folder)
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: `make test` installs it (apt-get chromium)")
    args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking"]
    args += ["--disable-component-update", "--disable-sync", "--no-first-run"]
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": args}


@pytest.fixture
def person(transactional_db) -> User:
    return UserFactory(full_name="Priya Shah")


def sign_in(page: Page, base: str, person: User) -> None:
    page.goto(base + "/sign-in")
    page.get_by_label("Email address").fill(person.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name=person.email)).to_be_visible()


def test_create_use_and_revoke_a_token(page: Page, live_server, person) -> None:
    sign_in(page, live_server.url, person)
    page.goto(live_server.url + "/account")
    page.get_by_role("link", name="Create an API token").click()
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Create token").click()  # nothing typed
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_focused()
    assert_no_axe_violations(page)
    summary.get_by_role("link", name="Enter a name for the token").click()
    expect(page.get_by_label("Token name")).to_be_focused()

    page.get_by_label("Token name").fill("Quarterly board report")
    page.get_by_role("button", name="Create token").click()
    expect(page.get_by_role("heading", name="Your new API token")).to_be_visible()
    assert_no_axe_violations(page)
    secret = page.locator("#api-token code").inner_text().strip()
    assert re.fullmatch(r"hh_[0-9a-f]{10}_[\w-]{43}", secret)

    api = page.request.get(
        live_server.url + "/api/organisations", headers={"Authorization": f"Bearer {secret}"}
    )
    assert (api.status, api.json()) == (200, [])

    page.goto(live_server.url + "/account/api-tokens/")
    expect(page.get_by_text(secret)).to_have_count(0)  # shown once, never again
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Revoke Quarterly board report").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Revoke token").click()
    expect(page.get_by_text("Token “Quarterly board report” revoked")).to_be_visible()

    refused = page.request.get(
        live_server.url + "/api/organisations", headers={"Authorization": f"Bearer {secret}"}
    )
    assert refused.status == 401
    assert "revoked" in refused.json()["detail"]


def test_api_docs_render_under_our_csp_from_our_own_files(page: Page, live_server) -> None:
    hosts: set[str] = set()
    problems: list[str] = []
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(live_server.url + "/api/docs")
    expect(page.locator(".opblock-summary-path")).to_have_text(
        [
            "/api/organisations",
            "/api/organisations/{organisation_id}",
            "/api/assessments",
            "/api/assessments/{assessment_id}",
        ]
    )
    expect(page.get_by_role("button", name="Authorize")).to_be_visible()
    assert problems == []  # a CSP refusal would show here
    assert hosts == {live_server.url.split("/")[2]}
