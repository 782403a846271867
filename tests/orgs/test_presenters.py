"""OrganisationPage prepares what the organisation page shows; the template only passes it on."""

from heathub.orgs.models import OrganisationType, Role
from heathub.orgs.presenters import OrganisationPage, role_items
from tests.factories import OrganisationFactory, UserFactory


def rows_by_key(page: OrganisationPage) -> dict[str, dict]:
    return {row["key"]["text"]: row for row in page.summary_rows}


def test_missing_codes_and_systems_say_so_and_members_get_no_change_link(db) -> None:
    vcse = OrganisationFactory(
        name="Derbyshire Voluntary Action", type=OrganisationType.VCSE, ods_code="", ons_code=""
    )
    member = UserFactory(organisation=vcse, job_title="")

    page = OrganisationPage(vcse, viewer=member)
    rows = rows_by_key(page)

    assert rows["Type"]["value"]["text"] == "Voluntary, community or social enterprise"
    assert rows["ODS code"]["value"]["text"] == "Not recorded"
    assert rows["Integrated care systems"]["value"]["text"] == "None recorded"
    assert rows["Your role"]["value"]["text"] == "Member"
    assert "actions" not in rows["Mentor review before sign-off"]
    assert not page.can_manage
    assert page.members[0].job_title == "Not recorded"
    assert page.pending_invitations == []


def test_an_org_admin_gets_a_change_link_for_the_setting(db) -> None:
    council = OrganisationFactory(requires_mentor_review=True)
    admin = UserFactory(organisation=council, role=Role.ORG_ADMIN)

    rows = rows_by_key(OrganisationPage(council, viewer=admin))

    setting = rows["Mentor review before sign-off"]
    assert setting["value"]["text"].startswith("Yes")
    assert setting["actions"]["items"][0]["href"] == f"/organisations/{council.pk}/settings"


def test_role_items_explain_each_role_and_check_the_selected_one() -> None:
    items = role_items("editor")
    assert [i["text"] for i in items] == ["Member", "Editor", "Organisation admin"]
    assert [i["checked"] for i in items] == [False, True, False]
    assert items[2]["hint"]["text"].startswith("Also invites people")
