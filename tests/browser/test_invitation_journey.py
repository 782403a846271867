"""Journey: an org admin invites a colleague, who follows the emailed link, makes an account and
lands on the organisation page; both see the member list. axe checks every page."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from heathub.orgs.models import Membership, OrganisationType, Role
from tests.browser.conftest import assert_no_axe_violations
from tests.factories import PASSWORD, OrganisationFactory, UserFactory


@pytest.fixture
def trust(transactional_db):
    return OrganisationFactory(
        name="Walsall Healthcare NHS Trust", type=OrganisationType.NHS_TRUST, ods_code="RBK"
    )


def sign_in(page: Page, live_server, email: str) -> None:
    page.goto(live_server.url + "/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_an_admin_invites_a_colleague_who_joins_with_a_new_account(
    page: Page, live_server, trust
) -> None:
    admin = UserFactory(organisation=trust, role=Role.ORG_ADMIN, full_name="Grace Okafor")
    sign_in(page, live_server, admin.email)
    page.goto(live_server.url + "/organisations/")
    page.get_by_role("link", name="Walsall Healthcare NHS Trust").click()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Invite someone to Walsall Healthcare NHS Trust").click()
    page.get_by_role("button", name="Send invitation").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Enter the email address of the person to invite")
    assert_no_axe_violations(page)
    summary.get_by_role("link", name="Enter the email address of the person to invite").click()
    expect(page.get_by_label("Email address")).to_be_focused()
    page.get_by_label("Email address").fill("priya.shah@nhs.net")
    page.get_by_label("Editor").check()
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text("Invitation sent to priya.shah@nhs.net")).to_be_visible()
    assert_no_axe_violations(page)

    link = re.search(r"https?://\S+/organisations/invitations/\S+", mail.outbox[-1].body)
    path = "/" + link.group(0).split("://", 1)[1].split("/", 1)[1]
    page.context.clear_cookies()  # the invitee, in their own browser
    page.goto(live_server.url + path)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Join Walsall Healthcare NHS Trust on heathub"
    )
    assert_no_axe_violations(page)
    page.get_by_label("Full name").fill("Priya Shah")
    page.get_by_label("Password", exact=True).fill("a-long-enough-password")
    page.get_by_label("Type the password again").fill("a-long-enough-password")
    page.get_by_role("button", name="Create account and join").click()

    expect(page.get_by_text("You have joined Walsall Healthcare NHS Trust")).to_be_visible()
    expect(page.get_by_role("cell", name="Priya Shah (you)")).to_be_visible()
    assert_no_axe_violations(page)
    assert Membership.objects.get(user__email="priya.shah@nhs.net").role == Role.EDITOR


def test_an_admin_changes_a_role_and_a_setting_and_reads_the_history(
    page: Page, live_server, trust
) -> None:
    admin = UserFactory(organisation=trust, role=Role.ORG_ADMIN, full_name="Grace Okafor")
    UserFactory(organisation=trust, role=Role.MEMBER, full_name="Tom Evans")
    sign_in(page, live_server, admin.email)
    page.goto(live_server.url + "/organisations/")
    page.get_by_role("link", name="Walsall Healthcare NHS Trust").click()

    page.get_by_role("link", name="Change role of Tom Evans").click()
    assert_no_axe_violations(page)
    page.get_by_label("Editor").check()
    page.get_by_role("button", name="Save role").click()
    expect(page.get_by_text("Tom Evans is now editor")).to_be_visible()

    page.get_by_role("link", name="Change whether a mentor review is required").click()
    assert_no_axe_violations(page)
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Yes: a mentor must mark an assessment ready")).to_be_visible()

    page.get_by_role("link", name="See the history of memberships and settings").click()
    expect(page.get_by_text("Role changed from member to editor by Grace Okafor")).to_be_visible()
    expect(
        page.get_by_text("Mentor review before sign-off turned on by Grace Okafor")
    ).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Back").click()
    page.get_by_role("link", name="Remove Grace Okafor (you)").click()
    page.get_by_role("button", name="Remove Grace Okafor").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "Grace Okafor is the only organisation admin of Walsall Healthcare NHS Trust"
    )
    assert_no_axe_violations(page)
