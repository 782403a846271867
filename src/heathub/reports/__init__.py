"""Rendering shared by every part of heathub: Word (python-docx) and PDF (WeasyPrint) documents.

The renderers take plain data (dataclasses with strings already formatted for reading), never
models: each part builds its document in its own package (assessments/export_document.py) and
hands it over. PDFs come from print templates and a stylesheet of our own, not the NHS.UK screen
CSS, and WeasyPrint fetches nothing but our own print assets (static_fetcher.py).
"""
