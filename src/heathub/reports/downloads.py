"""A generated document as a download."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.http import content_disposition_header


def attachment(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    """An attachment response. `no-store`: the documents hold an organisation's own work, so
    no shared cache or browser history keeps a copy."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    response["Cache-Control"] = "private, no-store"
    return response
