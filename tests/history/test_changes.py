"""change_rows turns simple-history records into rows a person reads: when, who, what changed from
what to what, and why, newest first; the changes_table partial shows them as a table."""

import datetime

from django.template import engines
from django.utils import timezone

from heathub.history.changes import ChangeRow, change_rows
from heathub.orgs import actions
from heathub.orgs.models import Membership, Organisation, Role
from tests.factories import OrganisationFactory, SystemFactory, UserFactory


def test_rows_name_the_field_old_and_new_values_who_and_why_newest_first(db) -> None:
    trust = OrganisationFactory(name="Walsall Healthcare NHS Trust")
    admin = UserFactory(organisation=trust, role=Role.ORG_ADMIN, full_name="Grace Okafor")
    tom = UserFactory(organisation=trust, full_name="Tom Evans")
    membership = Membership.objects.get(user=tom)
    actions.change_role(membership, role=Role.EDITOR, by=admin)
    actions.remove_member(membership, by=admin)

    rows = change_rows(Membership.history.filter(user_id=tom.pk))

    removed, changed, added = rows
    assert removed.action == "Removed"
    assert removed.reason == "Tom Evans removed by Grace Okafor"
    assert removed.who == "Grace Okafor"
    assert changed.what == "Changed: Tom Evans in Walsall Healthcare NHS Trust (Editor)"
    assert [(c.label, c.old, c.new) for c in changed.changes] == [("Role", "Member", "Editor")]
    assert changed.reason == "Role changed from member to editor by Grace Okafor"
    assert added.action == "Added"
    assert ("Role", "Member") in [(c.label, c.new) for c in added.changes]
    assert ("User", "Tom Evans") in [(c.label, c.new) for c in added.changes]
    assert removed.when >= changed.when >= added.when


def test_rows_from_several_objects_are_merged_and_values_are_readable(db) -> None:
    council = OrganisationFactory(name="Nottingham City Council")
    admin = UserFactory(organisation=council, role=Role.ORG_ADMIN, full_name="Grace Okafor")
    actions.set_mentor_review_required(council, required=True, by=admin)

    rows = change_rows(
        Organisation.history.filter(id=council.pk),
        Membership.history.filter(organisation_id=council.pk),
    )

    assert [row.action for row in rows] == ["Changed", "Added", "Added"]
    setting = rows[0].changes
    assert [(c.label, c.old, c.new) for c in setting] == [
        ("Mentor review required before sign-off", "No", "Yes")
    ]
    assert rows[-1].who == "heathub (no person recorded)"  # made by a factory, not a person


def test_when_is_shown_in_uk_time() -> None:
    summer = datetime.datetime(2026, 7, 1, 20, 5, tzinfo=datetime.UTC)
    row = ChangeRow(summer, "Grace Okafor", "Changed", "x", (), "")
    assert row.when_text == "1 July 2026, 9:05pm"
    winter = datetime.datetime(2026, 11, 25, 9, 30, tzinfo=datetime.UTC)
    assert ChangeRow(winter, "", "Added", "x", (), "").when_text == "25 November 2026, 9:30am"


def render_partial(rows: list[ChangeRow]) -> str:
    template = engines["jinja2"].from_string(
        '{% from "history/changes_table.jinja" import changes_table %}'
        '{{ changes_table(rows, caption="Changes to this organisation") }}'
    )
    return template.render({"rows": rows})


def test_the_partial_shows_each_change_and_escapes_peoples_text(db) -> None:
    trust = OrganisationFactory(name="Walsall <Healthcare> NHS Trust")
    admin = UserFactory(organisation=trust, role=Role.ORG_ADMIN, full_name="Grace Okafor")
    actions.set_mentor_review_required(trust, required=True, by=admin)
    rows = change_rows(Organisation.history.filter(id=trust.pk))[:1]

    html = render_partial(rows)

    assert '<caption class="nhsuk-table__caption">Changes to this organisation</caption>' in html
    assert "Mentor review required before sign-off: No" in html
    assert "Yes</li>" in html
    assert "Walsall &lt;Healthcare&gt; NHS Trust" in html
    assert "Mentor review before sign-off turned on by Grace Okafor" in html
    assert timezone.localtime(rows[0].when).strftime("%B %Y") in html
    empty = render_partial([])
    assert "No changes have been recorded yet." in empty


def test_many_to_many_changes_name_the_related_objects(db) -> None:
    icb = OrganisationFactory(name="NHS Coventry and Warwickshire Integrated Care Board")
    icb.systems.add(SystemFactory(name="Coventry and Warwickshire"))

    changed = change_rows(Organisation.history.filter(id=icb.pk))[0]

    assert [(c.label, c.old, c.new) for c in changed.changes] == [
        ("Systems", "Not set", "Coventry and Warwickshire")
    ]
