"""PDF documents: a print template of our own, our print stylesheet, WeasyPrint.

Templates live in reports/templates/ and get their own Jinja environment: autoescape on (user
text is escaped; no template marks it safe) and StrictUndefined, so a typo in a print template
fails loudly instead of printing nothing. WeasyPrint fetches only through StaticFileFetcher.
"""

from __future__ import annotations

import functools
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from weasyprint import HTML

from heathub.reports.assessment_document import AssessmentDocument
from heathub.reports.static_fetcher import StaticFileFetcher, static_url

PDF_CONTENT_TYPE = "application/pdf"
STYLESHEET = "reports/print.css"


@functools.cache
def print_environment() -> Environment:
    return Environment(
        loader=PackageLoader("heathub.reports", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(template_name: str, context: dict[str, Any]) -> str:
    """The print HTML. `context` needs `document_title` and `running_title` (print_base.jinja)."""
    template = print_environment().get_template(template_name)
    return template.render(stylesheet=static_url(STYLESHEET), **context)


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    html = render_html(template_name, context)
    # pdf_tags: a tagged PDF, so screen readers get the headings and tables, not loose text.
    # WeasyPrint also turns h1-h4 into the PDF's bookmarks, so the outline is navigable.
    document = HTML(string=html, url_fetcher=StaticFileFetcher())
    pdf: bytes = document.write_pdf(pdf_tags=True)
    return pdf


def assessment_pdf(doc: AssessmentDocument) -> bytes:
    return render_pdf(
        "reports/assessment.jinja",
        {"doc": doc, "document_title": doc.title, "running_title": doc.running_title},
    )
