"""An assessment as a document: what the Word and PDF exports show, as plain, formatted text.

Built from an assessment by heathub.assessments.export_document; rendered by docx.py and pdf.py.
Nothing here touches the database, so the renderers can be tested with hand-made documents. Every
string is user text or text made for reading ("25 November 2026", "Not answered"): renderers
escape it (Jinja autoescape) or write it as plain runs (python-docx), never as markup.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from heathub.core.dates import long_date

NOT_ANSWERED = "Not answered"
EXAMPLE_NOTICE = (
    "This is an example assessment from heathub's demonstration data. It is not a real piece "
    "of work."
)


@dataclass(frozen=True)
class Detail:
    """A labelled line of the title block or the sign-off block ("Organisation: ...")."""

    label: str
    value: str


@dataclass(frozen=True)
class MentorComment:
    author: str
    written: str  # "25 November 2026"
    text: str
    resolution: str = ""  # "Resolved by Asha Patel, 26 November 2026", or empty while open


@dataclass(frozen=True)
class QuestionAnswer:
    prompt: str
    lines: tuple[str, ...]  # the answer as paragraphs; (NOT_ANSWERED,) when blank
    comments: tuple[MentorComment, ...] = ()

    @property
    def is_answered(self) -> bool:
        return self.lines != (NOT_ANSWERED,)


@dataclass(frozen=True)
class StageSection:
    heading: str  # "Stage 1: Prepare"
    questions: tuple[QuestionAnswer, ...]
    note: str = ""  # e.g. why Stage 4 is still empty


@dataclass(frozen=True)
class Table:
    """A table with one header row. `flagged` marks rows to emphasise (overdue actions)."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    empty_text: str
    flagged: frozenset[int] = frozenset()  # row indexes
    widths: tuple[int, ...] = ()  # relative column widths (percent), for both renderers


@dataclass(frozen=True)
class SignOff:
    signed: bool
    details: tuple[Detail, ...]  # sponsor, role, date, review date
    declaration: str  # the declaration as agreed, or an explanation when not signed off


@dataclass(frozen=True)
class AssessmentDocument:
    title: str
    is_example: bool
    details: tuple[Detail, ...]  # organisation, status, owner, framework version, ...
    framework_notice: str  # "Questions paraphrased from OHID's Health Equity Assessment Tool"
    stages: tuple[StageSection, ...]
    groups: Table
    actions: Table
    sign_off: SignOff
    generated_on: datetime.date
    includes_comments: bool = False
    description: str = ""
    extra_notes: tuple[str, ...] = field(default=())  # e.g. the framework's longer notice

    @property
    def kicker(self) -> str:
        """The line above the title: demo assessments say they are examples."""
        return "Example HEAT assessment" if self.is_example else "HEAT assessment"

    @property
    def example_notice(self) -> str:
        return EXAMPLE_NOTICE if self.is_example else ""

    @property
    def running_title(self) -> str:
        """The title in each PDF page's header."""
        return f"Example: {self.title}" if self.is_example else self.title

    @property
    def generated(self) -> str:
        return f"Generated on {long_date(self.generated_on)}"
