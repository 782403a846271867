"""The Word renderer, from a hand-made document (no database)."""

from __future__ import annotations

import io

import docx

from heathub.reports.docx import assessment_docx
from tests.reports.sample_document import sample_document


def read(document) -> docx.document.Document:
    return docx.Document(io.BytesIO(assessment_docx(document)))


def test_styles_and_structure() -> None:
    document = read(sample_document())
    styled = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]

    assert styled == [
        ("Heading 1", "Smoking cessation in Tamworth"),
        ("Heading 2", "Stage 1: Prepare"),
        ("Heading 3", "What is the work?"),
        ("Heading 3", "Who takes part?"),
        ("Heading 2", "Population groups"),
        ("Heading 2", "Actions"),
        ("Heading 2", "Sign-off"),
    ]


def test_user_text_is_plain_text() -> None:
    document = read(sample_document(title="<w:p> & {PAGE} <b>x</b>"))

    assert document.paragraphs[1].text == "<w:p> & {PAGE} <b>x</b>"


def test_rows_never_split_and_the_header_repeats() -> None:
    actions = read(sample_document()).tables[1]

    header_props = actions.rows[0]._tr.trPr
    assert header_props.xpath("./w:tblHeader")
    assert header_props.xpath("./w:cantSplit")
    assert all(row._tr.trPr.xpath("./w:cantSplit") for row in actions.rows[1:])
    assert actions.rows[1].cells[3].text == "Planned\nOverdue"


def test_page_numbers_are_word_fields() -> None:
    footer = read(sample_document()).sections[0].footer.paragraphs[0]
    codes = [t.text for t in footer._p.iter() if t.tag.endswith("}instrText")]

    assert footer.text.startswith("Page ")
    assert codes == ["PAGE", "NUMPAGES"]


def test_a4_portrait() -> None:
    section = read(sample_document()).sections[0]

    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
