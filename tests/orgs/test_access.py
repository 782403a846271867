"""get_organisation_for_user: members see their organisation, others get 404, managing needs org
admin (403 for other members)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from heathub.orgs.access import get_organisation_for_user
from heathub.orgs.models import Role
from tests.factories import OrganisationFactory, UserFactory


def test_a_member_gets_their_organisation_and_only_an_org_admin_may_manage_it(db) -> None:
    trust = OrganisationFactory(name="Walsall Healthcare NHS Trust")
    member = UserFactory(organisation=trust, role=Role.EDITOR)
    admin = UserFactory(organisation=trust, role=Role.ORG_ADMIN)

    assert get_organisation_for_user(member, trust.pk) == trust
    assert get_organisation_for_user(admin, trust.pk, manage=True) == trust
    with pytest.raises(PermissionDenied):
        get_organisation_for_user(member, trust.pk, manage=True)


@pytest.mark.parametrize("manage", [False, True])
def test_outsiders_and_signed_out_visitors_get_404(db, manage) -> None:
    trust = OrganisationFactory()
    UserFactory(organisation=OrganisationFactory(), role=Role.ORG_ADMIN)
    admin_elsewhere = UserFactory(organisation=OrganisationFactory(), role=Role.ORG_ADMIN)
    site_admin = UserFactory(is_staff=True, is_superuser=True)

    for user in (admin_elsewhere, site_admin, AnonymousUser()):
        with pytest.raises(Http404):
            get_organisation_for_user(user, trust.pk, manage=manage)
