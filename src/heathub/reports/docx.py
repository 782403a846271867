"""Word documents with python-docx: real Heading 1-3 styles (the navigation pane lists them) and
real tables with a header row that repeats on each page.

User text is written as plain runs, so nothing typed is read as markup or fields.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph

from heathub.reports.assessment_document import AssessmentDocument, Detail, MentorComment, Table

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
GREY = RGBColor(0x4C, 0x62, 0x72)
RED = RGBColor(0x8A, 0x15, 0x38)
FONT = "Arial"


def blank_document(title: str) -> Document:
    """An A4 document in Arial, with the title in its properties and on every page's header."""
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin = section.bottom_margin = Mm(20)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    for level in (1, 2, 3):
        heading = document.styles[f"Heading {level}"]
        heading.font.name = FONT
        heading.font.color.rgb = RGBColor(0x00, 0x30, 0x87) if level == 2 else RGBColor(0, 0, 0)
    document.core_properties.title = title
    document.core_properties.author = "heathub"
    header = section.header.paragraphs[0]
    header.text = title
    _small_grey(header)
    _page_number_footer(section.footer.paragraphs[0])
    return document


def add_details(document: Document, details: Iterable[Detail]) -> None:
    """Labelled lines: the label in bold, then the value as typed."""
    for detail in details:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{detail.label}: ").bold = True
        paragraph.add_run(detail.value)
        paragraph.paragraph_format.space_after = Pt(2)


def add_note(document: Document, text: str, *, italic: bool = False) -> None:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.italic = italic
    run.font.size = Pt(9)
    run.font.color.rgb = GREY


def add_table(document: Document, table: Table) -> DocxTable | None:
    """A real table: header row marked as such (repeats on each page), rows kept whole."""
    if not table.rows:
        add_note(document, table.empty_text, italic=True)
        return None
    docx_table: DocxTable = document.add_table(rows=1, cols=len(table.header))
    docx_table.style = document.styles["Table Grid"]
    docx_table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = docx_table.rows[0]
    _mark_header_row(header)
    for cell, text in zip(header.cells, table.header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
        _shade(cell, "F0F4F5")
    for index, values in enumerate(table.rows):
        row = docx_table.add_row()  # type: ignore[no-untyped-call]  # untyped in python-docx
        _keep_row_whole(row)
        flagged = index in table.flagged
        for cell, text in zip(row.cells, values, strict=True):
            cell.paragraphs[0].add_run(text)
            if flagged:
                _shade(cell, "FBE9E7")
    if table.widths:
        _set_widths(docx_table, table.widths, usable=Mm(174))
    return docx_table


def to_bytes(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ---- the assessment ----------------------------------------------------------------------------


def assessment_docx(doc: AssessmentDocument) -> bytes:
    document = blank_document(doc.running_title)
    kicker = document.add_paragraph()
    kicker_run = kicker.add_run(doc.kicker)
    kicker_run.bold = kicker_run.font.all_caps = True
    kicker_run.font.color.rgb = RGBColor(0x7A, 0x3D, 0x00) if doc.is_example else GREY
    document.add_heading(doc.title, level=1)
    if doc.is_example:
        document.add_paragraph(doc.example_notice).runs[0].italic = True
    if doc.description:
        document.add_paragraph(doc.description)
    add_details(document, doc.details)
    add_note(document, doc.framework_notice, italic=True)
    for note in doc.extra_notes:
        add_note(document, note)
    add_note(document, doc.generated)

    for stage in doc.stages:
        document.add_heading(stage.heading, level=2)
        if stage.note:
            add_note(document, stage.note)
        for question in stage.questions:
            document.add_heading(question.prompt, level=3)
            for line in question.lines:
                paragraph = document.add_paragraph(line)
                if not question.is_answered:
                    paragraph.runs[0].italic = True
            if question.comments:
                _add_comments(document, question.comments)

    for table in (doc.groups, doc.actions):
        document.add_heading(table.caption, level=2)
        add_table(document, table)

    document.add_heading("Sign-off", level=2)
    add_details(document, doc.sign_off.details)
    declaration = document.add_paragraph()
    declaration.add_run(doc.sign_off.declaration).italic = not doc.sign_off.signed
    return to_bytes(document)


def _add_comments(document: Document, comments: Sequence[MentorComment]) -> None:
    for comment in comments:
        byline = f"Mentor comment from {comment.author}, {comment.written}"
        if comment.resolution:
            byline += f" ({comment.resolution})"
        paragraph = document.add_paragraph(style="Intense Quote")
        paragraph.add_run(byline + ": ").bold = True
        paragraph.add_run(comment.text)


# ---- python-docx has no API for these; each is one documented OOXML element ------------------


def _mark_header_row(row: _Row) -> None:
    """w:tblHeader: screen readers announce it as the header; Word repeats it on each page."""
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    tr_pr.append(element)
    _keep_row_whole(row)


def _keep_row_whole(row: _Row) -> None:
    """w:cantSplit: a row never breaks across two pages."""
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:cantSplit")
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


def _shade(cell: _Cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tc_pr.append(shading)


def _set_widths(table: DocxTable, percents: Sequence[int], usable: int) -> None:
    """Both the grid (LibreOffice reads it) and each cell (Word reads these)."""
    table.autofit = False
    total = sum(percents)
    widths = [Emu(int(usable * percent / total)) for percent in percents]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _small_grey(paragraph: Paragraph) -> None:
    for run in paragraph.runs:
        run.font.size = Pt(8.5)
        run.font.color.rgb = GREY


def _page_number_footer(paragraph: Paragraph) -> None:
    """ "Page X of Y" with Word's PAGE and NUMPAGES fields."""
    paragraph.add_run("Page ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    _field(paragraph, "NUMPAGES")
    _small_grey(paragraph)


def _field(paragraph: Paragraph, instruction: str) -> None:
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = instruction
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(code)
    run._r.append(end)
