"""Site admins see every organisation here; people see only their own in the app."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from heathub.orgs.models import Invitation, Membership, Organisation, Region, System


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin[Region]):
    list_display = ["name", "ons_code"]


@admin.register(System)
class SystemAdmin(admin.ModelAdmin[System]):
    list_display = ["name", "region", "ons_code"]
    list_filter = ["region"]


class MembershipInline(admin.TabularInline[Membership, Organisation]):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):  # type: ignore[misc]  # simple_history is untyped
    list_display = ["name", "type", "ods_code", "ons_code", "requires_mentor_review", "is_example"]
    list_filter = ["type", "systems", "is_example"]
    search_fields = ["name", "ods_code", "ons_code"]
    filter_horizontal = ["systems"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):  # type: ignore[misc]  # simple_history is untyped
    list_display = ["user", "organisation", "role"]
    list_filter = ["role"]
    search_fields = ["user__full_name", "user__email", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(Invitation)
class InvitationAdmin(SimpleHistoryAdmin):  # type: ignore[misc]  # simple_history is untyped
    """Read-only: invitations are sent from the organisation page, where the link is emailed."""

    list_display = ["email", "organisation", "role", "invited_by", "expires_at", "accepted_at"]
    list_filter = ["role"]
    search_fields = ["email", "organisation__name"]
    exclude = ["token_hash"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
