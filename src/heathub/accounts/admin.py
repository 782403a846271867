"""Site admins give grants (mentor, programme lead, trainer, site admin) here. People join through
an organisation's invitation, so accounts are not created in the admin."""

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from heathub.accounts.models import User


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin):  # type: ignore[misc]  # simple_history is untyped
    list_display = [
        "full_name",
        "email",
        "is_mentor",
        "is_programme_lead",
        "is_trainer",
        "is_staff",
    ]
    list_filter = ["is_mentor", "is_programme_lead", "is_trainer", "is_staff", "is_active"]
    search_fields = ["full_name", "email", "job_title"]
    fieldsets = [
        (None, {"fields": ["full_name", "email", "job_title", "is_active"]}),
        ("Grants", {"fields": ["is_mentor", "is_programme_lead", "is_trainer"]}),
        ("Site administration", {"fields": ["is_staff", "is_superuser"]}),
        ("Dates", {"fields": ["date_joined", "last_login"]}),
    ]
    readonly_fields = ["date_joined", "last_login"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # people join by invitation; `heathub createadmin` makes a site admin
