import re

import pytest
from playwright.sync_api import Page, expect

from heathub.accounts.models import User
from tests.browser.conftest import assert_no_axe_violations

PASSWORD = "a-long-enough-password"


@pytest.fixture
def person(transactional_db) -> User:
    return User.objects.create_user("priya.shah@nhs.net", PASSWORD, full_name="Priya Shah")


def test_error_summary_links_focus_the_field_and_a_good_sign_in_lands_signed_in(
    page: Page, live_server, person
) -> None:
    page.goto(live_server.url + "/sign-in")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_focused()  # NHS.UK JS moves focus to the summary
    expect(summary).to_contain_text("Enter your email address")
    assert_no_axe_violations(page)
    summary.get_by_role("link", name="Enter your email address").click()
    expect(page.get_by_label("Email address")).to_be_focused()

    page.get_by_label("Email address").fill("priya.shah@nhs.net")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(re.compile(r"/sign-in"))
    expect(page.get_by_role("link", name="priya.shah@nhs.net")).to_be_visible()
    assert_no_axe_violations(page)


@pytest.mark.parametrize("browser_context_args", [{"java_script_enabled": False}], indirect=False)
def test_signing_in_works_without_javascript(page: Page, live_server, person) -> None:
    page.goto(live_server.url + "/sign-in")
    page.get_by_label("Email address").fill("priya.shah@nhs.net")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name="priya.shah@nhs.net")).to_be_visible()
