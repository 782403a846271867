"""Framework versions are loaded from files (`heathub frameworks load`) and never edited: the admin
shows them and may only switch whether a version is offered for new assessments."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from heathub.frameworks.models import FrameworkVersion


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(admin.ModelAdmin[FrameworkVersion]):
    list_display = ["name", "version", "wording", "active", "loaded_at"]
    readonly_fields = [
        "name",
        "version",
        "wording",
        "notice",
        "published_on",
        "source_url",
        "licence_note",
        "source_text",
        "loaded_at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # assessments are pinned to their version
