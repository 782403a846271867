"""The only way WeasyPrint may fetch anything: our own print assets, read from disk.

A PDF is rendered from user text. Jinja escapes it, so a typed link never becomes an <img> or a
stylesheet; this fetcher is the second wall: should any URL reach WeasyPrint (a template slip, a
future chart), it is refused unless it names a file we ship under reports/static/. So the server
never makes a request on a user's behalf (and offline it would hang for the timeout).

Our assets are addressed as ``heathub-static:reports/print.css`` (see ``static_url``).
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

SCHEME = "heathub-static:"
ASSETS_ROOT = Path(__file__).resolve().parent / "static"


def static_url(name: str) -> str:
    """The address a print template uses for one of our assets: static_url("reports/print.css")."""
    return SCHEME + name


class RefusedURLError(URLFetchingError):  # type: ignore[misc]  # weasyprint has no types
    """A URL that is not one of our print assets. WeasyPrint logs it and goes on without it."""


class StaticFileFetcher(URLFetcher):  # type: ignore[misc]  # weasyprint has no types
    """Serves files under `root` for ``heathub-static:`` URLs; refuses every other URL."""

    def __init__(self, root: Path = ASSETS_ROOT, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.root = root.resolve()

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        path = self.resolve(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    def resolve(self, url: str) -> Path:
        """The file a URL names; RefusedURLError for other schemes, escapes from root, no file."""
        if not url.startswith(SCHEME):
            raise RefusedURLError(f"Refused to fetch {url[:200]!r}: only heathub's print assets")
        name = url.removeprefix(SCHEME).split("?", 1)[0].split("#", 1)[0].lstrip("/")
        path = (self.root / name).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            raise RefusedURLError(f"Refused to fetch {url[:200]!r}: not a heathub print asset")
        return path
