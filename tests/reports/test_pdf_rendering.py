"""The print template and stylesheet, rendered from a hand-made document (no database)."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from heathub.reports.pdf import assessment_pdf, render_html
from tests.reports.sample_document import sample_document


def read(document) -> PdfReader:
    return PdfReader(io.BytesIO(assessment_pdf(document)))


def test_html_escapes_user_text() -> None:
    document = sample_document(title="<script>alert(1)</script> & <b>bold</b>")
    html = render_html(
        "reports/assessment.jinja",
        {"doc": document, "document_title": document.title, "running_title": document.title},
    )

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html


def test_uses_our_print_stylesheet_not_the_screen_css() -> None:
    document = sample_document()
    html = render_html(
        "reports/assessment.jinja",
        {"doc": document, "document_title": "t", "running_title": "t"},
    )

    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert stylesheets == ["heathub-static:reports/print.css"]


def test_a_short_document_on_a4() -> None:
    reader = read(sample_document())

    assert len(reader.pages) <= 2
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (
        210,
        297,
    )
    text = reader.pages[0].extract_text()
    assert f"Page 1 of {len(reader.pages)}" in text
    assert "Not answered" in text
    assert "Say who runs them." in text


def test_a_long_table_repeats_its_header_on_each_page() -> None:
    base = sample_document()
    rows = tuple(
        (f"Group {i}", "Access\n" * 4, "Survey", "Low", "Narrow the gap") for i in range(40)
    )
    groups = type(base.groups)(
        base.groups.caption, base.groups.header, rows, base.groups.empty_text
    )
    reader = read(sample_document(groups=groups))

    assert len(reader.pages) >= 3
    pages_with_header = [p for p in reader.pages if "Confidence" in p.extract_text()]
    assert len(pages_with_header) >= 2
    for page_number, page in enumerate(reader.pages, start=1):
        assert f"Page {page_number} of {len(reader.pages)}" in page.extract_text()


def test_empty_tables_say_so() -> None:
    base = sample_document()
    empty = type(base.actions)(
        base.actions.caption, base.actions.header, (), "No actions recorded."
    )
    text = read(sample_document(actions=empty)).pages[0].extract_text()

    assert "No actions recorded." in text
