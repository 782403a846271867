"""WeasyPrint fetches our own print assets and nothing else: a link typed into an assessment
never makes the server fetch an address."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from weasyprint import HTML

from heathub.reports.pdf import assessment_pdf
from heathub.reports.static_fetcher import RefusedURLError, StaticFileFetcher, static_url
from tests.reports.sample_document import sample_document


def test_serves_our_print_stylesheet() -> None:
    response = StaticFileFetcher().fetch(static_url("reports/print.css"))

    assert response.content_type == "text/css"
    assert b"@page" in response.read()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/tracker.png",
        "https://example.com/logo.svg",
        "HTTPS://EXAMPLE.COM/x.css",
        "ftp://example.com/file",
        "file:///etc/passwd",
        "data:text/css,body{color:red}",
        "//example.com/x.png",
        static_url("../pdf.py"),  # out of the assets folder
        static_url("reports/../../../settings.py"),
        static_url("/etc/passwd"),
        static_url("reports/missing.css"),
    ],
)
def test_refuses_everything_else(url: str) -> None:
    with pytest.raises(RefusedURLError):
        StaticFileFetcher().fetch(url)


def test_serves_only_under_its_root(tmp_path: Path) -> None:
    (tmp_path / "print.css").write_text("p { color: black }")
    (tmp_path.parent / "secret.txt").write_text("no")
    fetcher = StaticFileFetcher(root=tmp_path)

    assert fetcher.fetch(static_url("print.css")).read() == b"p { color: black }"
    with pytest.raises(RefusedURLError):
        fetcher.fetch(static_url("../secret.txt"))


class _Recorder(http.server.BaseHTTPRequestHandler):
    paths: list[str] = []

    def do_GET(self) -> None:
        self.paths.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def listening_server() -> Iterator[tuple[str, list[str]]]:
    """A real HTTP server on the loopback: any request WeasyPrint makes would land here."""
    _Recorder.paths = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", _Recorder.paths
    finally:
        server.shutdown()
        server.server_close()


def test_markup_with_remote_urls_fetches_nothing(listening_server) -> None:
    """Even if a template let markup through, the fetcher would refuse its addresses."""
    base, requests = listening_server
    html = (
        f'<link rel="stylesheet" href="{base}/style.css">'
        f'<p>Hello <img src="{base}/tracker.png"></p>'
        f'<p style="background: url({base}/bg.png)">x</p>'
    )
    pdf = HTML(string=html, url_fetcher=StaticFileFetcher()).write_pdf()

    assert pdf.startswith(b"%PDF")
    assert requests == []


def test_a_link_typed_into_an_assessment_is_not_fetched(listening_server) -> None:
    base, requests = listening_server
    typed = f'See <img src="{base}/a.png"> and {base}/b.css and url({base}/c.png)'
    document = sample_document(title=typed, description=typed)

    assessment_pdf(document)

    assert requests == []
