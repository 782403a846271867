"""The one access-checked getter for organisations. Every view and API route fetches through it.

A person sees only the organisations they belong to (site admins use /admin/). Someone who is
not a member gets 404, so an organisation's existence stays hidden; a member who tries to manage
it without being its org admin gets 403.
"""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from heathub.accounts.models import User
from heathub.orgs.models import Organisation, Role


def get_organisation_for_user(
    user: User | AnonymousUser, pk: int, *, manage: bool = False
) -> Organisation:
    organisation = get_object_or_404(Organisation.objects.of_user(user), pk=pk)
    if manage and organisation.role_of(user) != Role.ORG_ADMIN:
        raise PermissionDenied
    return organisation
