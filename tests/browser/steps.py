"""Steps of the assessment journeys, one function per thing a person does or sees.

Each step acts through the page as a person would (labels, roles, link text) and checks what
they see. `Browser.look()` runs axe on the page and, with HEATHUB_JOURNEY_SHOTS=<folder>, keeps one
screenshot of each page for a person to look at. Every page the browser lands on is recorded,
and `then_axe_has_checked_every_page` fails if a step forgot to look at one.
"""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader

from heathub.accounts.models import User
from tests.browser.conftest import assert_no_axe_violations
from tests.factories import PASSWORD

SHOTS = os.environ.get("HEATHUB_JOURNEY_SHOTS", "")

# With JavaScript off, chromium never fires timer callbacks, and axe.run waits on setTimeout for
# ever. Our own evaluate() calls still run, and so do promise callbacks: axe gets timers that run
# as soon as it yields. The page's DOM is untouched, so axe checks what a no-JS visitor gets.
TIMERS_FOR_AXE_WITHOUT_JAVASCRIPT = """
window.setTimeout = (fn, ms, ...args) => { Promise.resolve().then(() => fn(...args)); return 0; };
window.clearTimeout = () => {};
window.requestAnimationFrame = (fn) => { Promise.resolve().then(() => fn(performance.now())); };
"""


@dataclass
class Browser:
    """One person's browser: the page, the server, and the pages it has been shown."""

    page: Page
    base_url: str
    javascript: bool = True
    landed: list[str] = field(default_factory=list)
    looked_at: set[int] = field(default_factory=set)
    shots: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.page.on("framenavigated", self._record)
        self.page.set_default_timeout(10_000)  # a missing element fails in 10 s, not 30

    def _record(self, frame: object) -> None:
        if frame == self.page.main_frame:
            self.landed.append(self.page.url)

    def go(self, path: str) -> None:
        self.page.goto(self.base_url + path)

    def look(self, name: str) -> None:
        """What every step does on arriving at a page: axe's WCAG 2.2 AA rules find nothing."""
        if not self.javascript:
            # the page's own scripts did not run (the NHS.UK template's would mark the body)
            expect(self.page.locator("body")).not_to_have_class(re.compile("js-enabled"))
            self.page.evaluate(TIMERS_FOR_AXE_WITHOUT_JAVASCRIPT)
        assert_no_axe_violations(self.page)
        self.looked_at.add(len(self.landed))
        if SHOTS and name not in self.shots:
            self.shots.add(name)
            path = (
                Path(SHOTS)
                / f"journey-{'js' if self.javascript else 'no-js'}-{len(self.shots):02d}-{name}.png"
            )
            self.page.screenshot(path=str(path), full_page=True)


def heading(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def banner(page: Page) -> Locator:
    return page.locator(".nhsuk-notification-banner")


def error_summary(page: Page) -> Locator:
    return page.locator(".nhsuk-error-summary")


def fill_date(scope: Page | Locator, legend: str, day: datetime.date) -> None:
    group = scope.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def save_and_continue(page: Page) -> None:
    page.get_by_role("button", name="Save and continue").click()


def save_and_come_back_later(page: Page) -> None:
    page.get_by_role("button", name="Save and come back later").click()


def task_status(page: Page, section: str) -> Locator:
    """The status beside a section on the task list."""
    item = page.locator(".nhsuk-task-list__item").filter(
        has=page.get_by_role("link", name=section, exact=True)
    )
    return item.locator(".nhsuk-task-list__status")


# ---- signing in and out ------------------------------------------------------------------------


def given_i_am_signed_in_as(b: Browser, person: User) -> None:
    b.go("/sign-in")
    expect(heading(b.page)).to_have_text("Sign in to heathub")
    b.look("sign-in")
    b.page.get_by_label("Email address").fill(person.email)
    b.page.get_by_label("Password", exact=True).fill(PASSWORD)
    b.page.get_by_role("button", name="Sign in").click()
    expect(b.page.get_by_role("link", name=person.email)).to_be_visible()
    b.look("home")


def when_i_sign_out(b: Browser) -> None:
    b.page.get_by_role("link", name="Sign out").click()
    b.look("sign-out")
    b.page.get_by_role("button", name="Sign out").click()
    expect(heading(b.page)).to_have_text("Sign in to heathub")
    b.look("sign-in")


# ---- starting and finding an assessment -------------------------------------------------------


def when_i_start_an_assessment(b: Browser, title: str, organisation: str) -> None:
    b.page.get_by_role("link", name="My assessments").first.click()
    expect(heading(b.page)).to_have_text("My assessments")
    b.look("my-assessments-empty")
    b.page.get_by_role("button", name="Start an assessment").click()
    expect(heading(b.page)).to_have_text("Start a HEAT assessment")
    b.look("start")
    b.page.get_by_label("Title").fill(title)
    b.page.get_by_label("Programme").check()
    b.page.get_by_label("Short description (optional)").fill(
        "Stop-smoking support offered in pharmacies and at home to people in the most deprived "
        "fifth of Walsall."
    )
    expect(b.page.get_by_label(organisation)).to_be_checked()
    b.page.get_by_role("button", name="Start assessment").click()
    expect(banner(b.page)).to_contain_text(f"Assessment started: {title}")
    expect(heading(b.page)).to_have_text(title)
    b.look("task-list-new")


def then_my_assessments_lists(b: Browser, title: str, status: str) -> None:
    b.page.get_by_role("link", name="My assessments").first.click()
    expect(heading(b.page)).to_have_text("My assessments")
    row = b.page.get_by_role("row").filter(has=b.page.get_by_role("link", name=title))
    expect(row.get_by_role("cell").nth(3)).to_have_text(status)
    b.look("my-assessments")


def when_i_open(b: Browser, title: str) -> None:
    b.page.get_by_role("link", name=title, exact=True).click()
    expect(heading(b.page)).to_have_text(title)
    b.look("task-list")


def then_the_task_list_shows(b: Browser, statuses: dict[str, str]) -> None:
    for section, status in statuses.items():
        expect(task_status(b.page, section)).to_have_text(status)


def when_i_go_to_section(b: Browser, section: str, prompt: str) -> None:
    b.page.get_by_role("link", name=section, exact=True).click()
    expect(heading(b.page)).to_have_text(prompt)
    b.look("question-" + re.sub(r"[^a-z]+", "-", section.lower()).strip("-"))


def then_i_am_asked(b: Browser, prompt: str) -> None:
    expect(heading(b.page)).to_have_text(prompt)
    b.look("question-" + re.sub(r"[^a-z]+", "-", prompt.lower())[:40].strip("-"))


def then_i_am_back_on_the_task_list(b: Browser, title: str, saved: bool = True) -> None:
    expect(heading(b.page)).to_have_text(title)
    if saved:
        expect(banner(b.page)).to_contain_text("Your answer has been saved")
    b.look("task-list-saved")


# ---- Stage 1: Prepare --------------------------------------------------------------------------


def when_i_describe_the_work(b: Browser, text: str) -> None:
    b.page.get_by_label("Your answer").fill(text)


def when_i_choose_the_stage_of_the_work(b: Browser, stage: str, more: str) -> None:
    b.page.get_by_label(stage).check()
    b.page.get_by_label("Are you looking ahead at planned work").fill(more)


def when_i_name_the_team(b: Browser, people: list[tuple[str, str]]) -> None:
    for i, (name, role) in enumerate(people, start=1):
        person = b.page.get_by_role("group", name=f"Person {i}", exact=True)
        person.get_by_label("Name").fill(name)
        person.get_by_label("Role").select_option(label=role)


def when_i_add_a_source(b: Browser, n: int, title: str, url: str, publisher: str) -> None:
    source = b.page.get_by_role("group", name=f"Source {n}", exact=True)
    source.get_by_label("Title").fill(title)
    source.get_by_label("Link (optional)").fill(url)
    source.get_by_label("Published by (optional)").fill(publisher)


def when_i_write(b: Browser, label: str, text: str) -> None:
    b.page.get_by_label(label).fill(text)


# ---- Stage 2: Assess ---------------------------------------------------------------------------


def when_i_tick_groups(b: Browser, groups: list[str]) -> None:
    for group in groups:
        b.page.get_by_role("checkbox", name=group, exact=True).check()


def when_i_add_a_local_plus_group(b: Browser, label: str, description: str) -> None:
    b.page.get_by_role("link", name="Add a local PLUS group").click()
    expect(heading(b.page)).to_have_text("Add a local PLUS group")
    b.look("add-local-group")
    b.page.get_by_label("Name of the group").fill(label)
    b.page.get_by_label("Description (optional)").fill(description)
    b.page.get_by_role("button", name="Add group").click()
    expect(banner(b.page)).to_contain_text(f"Local group added and ticked: {label}")
    b.look("question-groups-with-local-group")


def group(b: Browser, name: str) -> Locator:
    return b.page.get_by_role("group", name=name, exact=True)


def when_i_describe_the_evidence_for(b: Browser, name: str, evidence: str, confidence: str) -> None:
    g = group(b, name)
    g.get_by_label("What evidence says so?").fill(evidence)
    g.get_by_role("group", name="How confident are you?").get_by_label(confidence).check()
    imd = g.get_by_role("group", name=re.compile("Which edition of the Index"))
    if imd.count():
        imd.get_by_label("IMD 2025").check()


def when_i_say_where_the_gap_shows_for(b: Browser, name: str, lenses: list[str], how: str) -> None:
    g = group(b, name)
    for lens in lenses:
        g.get_by_label(lens, exact=True).check()
    g.get_by_label("How are they affected?").fill(how)


def when_i_give_the_expected_effect_for(b: Browser, name: str, effect: str, why: str) -> None:
    g = group(b, name)
    g.get_by_label(effect, exact=True).check()
    g.get_by_label("Why do you think so?").fill(why)


def when_i_answer_yes_or_no(b: Browser, question: str, answer: str, explanation: str) -> None:
    part = b.page.get_by_role("group", name=question, exact=True)
    part.get_by_label(answer, exact=True).check()
    # "Explain your answer" follows each yes/no question
    part.locator("xpath=following::textarea[1]").fill(explanation)


# ---- Stage 3: actions --------------------------------------------------------------------------


def when_i_add_an_action(
    b: Browser, description: str, owner: str, due: datetime.date, groups: list[str]
) -> None:
    b.page.get_by_role("link", name="Add an action").click()
    expect(heading(b.page)).to_have_text("Add an action")
    b.look("action-form")
    b.page.get_by_label("What will change").fill(description)
    b.page.get_by_label("Owner", exact=True).select_option(label=owner)
    fill_date(b.page, "Due date", due)
    b.page.get_by_label("In progress").check()
    b.page.get_by_label("How you will know it worked (optional)").fill(
        "Quit rate at 4 weeks in the most deprived fifth, against the Walsall average"
    )
    for name in groups:
        b.page.get_by_role("group", name="Groups this action addresses (optional)").get_by_label(
            name, exact=True
        ).check()
    b.page.get_by_role("button", name="Save action").click()
    expect(banner(b.page)).to_contain_text("Action saved")
    b.look("question-action-plan-with-action")


def then_the_action_plan_shows(b: Browser, description: str, owner: str, status: str) -> None:
    table = b.page.get_by_role("table", name="Actions")
    row = table.get_by_role("row").filter(has=b.page.get_by_role("link", name=description))
    expect(row.get_by_role("cell").nth(1)).to_have_text(owner)
    expect(row.get_by_role("cell").nth(3)).to_have_text(status)


# ---- check your answers ------------------------------------------------------------------------


def when_i_check_my_answers_and_mark_complete(
    b: Browser, stage: str, answers: dict[str, str]
) -> None:
    expect(heading(b.page)).to_have_text(f"Check your answers: {stage}")
    for key, value in answers.items():
        row = b.page.locator(".nhsuk-summary-list__row").filter(
            has=b.page.locator(".nhsuk-summary-list__key", has_text=key)
        )
        expect(row.locator(".nhsuk-summary-list__value")).to_contain_text(value)
    b.look("check-answers-" + stage.lower().replace(" ", "-"))
    b.page.get_by_role("button", name=f"Mark {stage} as complete").click()
    expect(banner(b.page)).to_contain_text(f"{stage} marked as complete")
    b.look("task-list-stage-complete")


def then_the_stage_is_complete(b: Browser, stage_heading: str, sections: int) -> None:
    summary = b.page.get_by_role("heading", name=stage_heading, exact=True).locator(
        "xpath=following-sibling::p[1]"
    )
    expect(summary).to_contain_text(f"{sections} of {sections} sections completed")


# ---- mentor review -----------------------------------------------------------------------------


def when_i_ask_a_mentor_to_review_it(b: Browser, mentor: str, where: str, message: str) -> None:
    """`where`: the mentor's organisation and system, as the list shows them."""
    b.page.get_by_role("link", name="Mentor review and sign-off").click()
    expect(heading(b.page)).to_contain_text("Review and sign-off:")
    b.look("review-before-request")
    b.page.get_by_role("link", name="Ask a mentor to review it").click()
    expect(heading(b.page)).to_have_text("Ask a mentor to review this assessment")
    b.look("request-review")
    b.page.get_by_label("Mentor", exact=True).select_option(label=f"{mentor}, {where}")
    b.page.get_by_label("Message to the mentor (optional)").fill(message)
    b.page.get_by_role("button", name="Send for review").click()
    expect(banner(b.page)).to_contain_text(f"Sent to {mentor} for mentor review")
    expect(b.page.locator(".nhsuk-tag").first).to_have_text("In mentor review")
    b.look("review-requested")


def when_i_find_it_in_my_review_queue(b: Browser, title: str, organisation: str) -> None:
    b.page.get_by_role("link", name="Mentor reviews").first.click()
    expect(heading(b.page)).to_have_text("Assessments waiting for your review")
    row = b.page.get_by_role("row").filter(has=b.page.get_by_role("link", name=title))
    expect(row.get_by_role("cell").nth(1)).to_have_text(organisation)
    b.look("review-queue")
    row.get_by_role("link", name=title).click()
    expect(heading(b.page)).to_have_text(f"Review and sign-off: {title}")
    b.look("review-as-mentor")


def when_i_comment_on(b: Browser, short_title: str, text: str) -> None:
    b.page.get_by_label(f"Your comment on “{short_title}”").fill(text)
    b.page.get_by_role("button", name=f"Add comment on {short_title}").click()
    expect(banner(b.page)).to_contain_text("Comment added")
    expect(b.page.get_by_text(text)).to_be_visible()
    b.look("review-commented")


def when_i_give_the_outcome(b: Browser, outcome: str, note: str, title: str) -> None:
    b.page.get_by_role("link", name="Give the outcome of your review").click()
    expect(heading(b.page)).to_have_text("Give the outcome of your review")
    b.look("decision-" + outcome.lower().replace(" ", "-"))
    b.page.get_by_label(outcome, exact=True).check()
    b.page.get_by_label("Note to the team").fill(note)
    b.page.get_by_role("button", name="Send outcome").click()
    expect(banner(b.page)).to_contain_text(f"Your review of “{title}” has been sent")
    b.look("review-queue-after-outcome")


def when_i_open_the_review_page(b: Browser, title: str) -> None:
    b.page.get_by_role("link", name="Mentor review and sign-off").click()
    expect(heading(b.page)).to_have_text(f"Review and sign-off: {title}")
    b.look("review-as-owner")


def then_the_review_status_is(b: Browser, status: str) -> None:
    expect(b.page.locator("main .nhsuk-tag").first).to_have_text(status)


def then_the_mentor_asked_for_changes(b: Browser, note: str) -> None:
    then_the_review_status_is(b, "Changes requested")
    expect(b.page.locator(".nhsuk-inset-text").filter(has_text=note)).to_be_visible()


def when_i_change_an_answer_from_check_your_answers(
    b: Browser, title: str, stage: str, short_title: str
) -> None:
    """From the task list: the stage's check-your-answers page, then the answer's Change link."""
    b.page.get_by_role("link", name="Back to the assessment").click()
    expect(heading(b.page)).to_have_text(title)
    b.look("task-list-changes-requested")
    b.page.get_by_role("link", name=f"Check your answers for {stage}").click()
    expect(heading(b.page)).to_have_text(f"Check your answers: {stage}")
    b.look("check-answers-" + stage.lower().replace(" ", "-"))
    b.page.get_by_role("link", name=f"Change {short_title}", exact=True).click()
    b.look("question-changed-from-check-answers")


def then_i_am_back_on_check_your_answers(
    b: Browser, stage: str, short_title: str, text: str
) -> None:
    expect(heading(b.page)).to_have_text(f"Check your answers: {stage}")
    row = b.page.locator(".nhsuk-summary-list__row").filter(
        has=b.page.locator(".nhsuk-summary-list__key", has_text=short_title)
    )
    expect(row.locator(".nhsuk-summary-list__value")).to_contain_text(text)


def when_i_ask_the_mentor_again(b: Browser, mentor: str, where: str, message: str) -> None:
    b.page.get_by_role("link", name="Mentor review and sign-off").click()
    then_the_review_status_is(b, "Changes requested")
    b.look("review-before-second-request")
    b.page.get_by_role("link", name="Ask a mentor to review it").click()
    b.look("request-review")
    b.page.get_by_label("Mentor", exact=True).select_option(label=f"{mentor}, {where}")
    b.page.get_by_label("Message to the mentor (optional)").fill(message)
    b.page.get_by_role("button", name="Send for review").click()
    expect(banner(b.page)).to_contain_text(f"Sent to {mentor} for mentor review")
    then_the_review_status_is(b, "In mentor review")
    b.look("review-requested")


def when_i_resolve_the_comment_on(b: Browser, short_title: str, comment: str) -> None:
    resolve = b.page.get_by_role("button", name=re.compile(f"^Mark as resolved.*{short_title}$"))
    resolve.click()
    expect(banner(b.page)).to_contain_text("Comment resolved")
    expect(b.page.get_by_text(comment)).to_be_visible()
    expect(resolve).to_have_count(0)
    b.look("review-resolved")


# ---- sign-off ----------------------------------------------------------------------------------


def when_i_record_the_sign_off(
    b: Browser, sponsor: str, role: str, on: datetime.date, title: str
) -> None:
    b.page.get_by_role("link", name="Record the senior sponsor's sign-off").click()
    expect(heading(b.page)).to_have_text("Record the sign-off")
    b.look("sign-off")
    b.page.get_by_label("Senior sponsor's full name").fill(sponsor)
    b.page.get_by_label("Senior sponsor's role").fill(role)
    fill_date(b.page, "Date of sign-off", on)
    b.page.get_by_label(re.compile("I confirm that the senior sponsor")).check()
    b.page.get_by_role("button", name="Record sign-off").click()
    expect(banner(b.page)).to_contain_text("Sign-off recorded: Stages 1 to 3 are now read-only")
    expect(heading(b.page)).to_have_text(title)
    b.look("task-list-signed-off")


# ---- exports -----------------------------------------------------------------------------------


def when_i_open_the_downloads_page(b: Browser, title: str) -> None:
    b.page.get_by_role("link", name="Download as Word or PDF").click()
    expect(heading(b.page)).to_have_text("Download this assessment")
    expect(b.page.get_by_text(title)).to_be_visible()
    b.look("export")


def when_i_download(b: Browser, button: str, folder: Path, comments: str) -> Path:
    b.page.get_by_label(comments, exact=True).check()
    with b.page.expect_download() as info:
        b.page.get_by_role("button", name=button).click()
    download = info.value
    target = folder / download.suggested_filename
    download.save_as(target)
    return target


def then_the_word_document_has(
    path: Path, title: str, stage_headings: list[str], groups: list[str], action: str
) -> None:
    """Real Word headings (the title first, then the stages) and real tables."""
    assert path.suffix == ".docx"
    doc = Document(str(path))
    assert doc.core_properties.title == title
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == title, headings
    assert set(stage_headings) <= set(headings), headings
    tables = {t.rows[0].cells[0].text: t for t in doc.tables}
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in tables["Group"].rows[1:]}
    assert sorted(rows) == sorted(groups)
    core20 = next(cells for group, cells in rows.items() if group.startswith("Core20"))
    assert "Areas by IMD 2025" in core20[2], core20  # the evidence column names the edition
    assert [r.cells[0].text.splitlines()[0] for r in tables["Action"].rows[1:]] == [action]


def then_the_word_document_leaves_out(path: Path, text: str) -> None:
    doc = Document(str(path))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert not any(text in t for t in [p.text for p in doc.paragraphs] + cells)


def then_the_pdf_has(path: Path, title: str, text: str) -> None:
    assert path.suffix == ".pdf"
    reader = PdfReader(str(path))
    content = "\n".join(page.extract_text() for page in reader.pages)
    flat = " ".join(content.split())
    assert title in flat, flat[:500]
    assert text in flat, flat[:500]


# ---- Stage 4 and the next cycle ----------------------------------------------------------------


STAGE_4_TASK = "Record what was delivered, what changed and what is next"


def when_i_start_the_stage_4_review_early(b: Browser) -> None:
    b.page.get_by_role("link", name="Back to the assessment").click()
    expect(task_status(b.page, STAGE_4_TASK)).to_have_text("Not due yet")
    b.look("task-list-signed-off")
    b.page.get_by_role("link", name=STAGE_4_TASK).click()
    expect(heading(b.page)).to_have_text("Stage 4: Review")
    expect(
        b.page.get_by_text("If the team is ready earlier, you can start it now.")
    ).to_be_visible()
    b.look("stage-4-not-due")
    b.page.get_by_role("button", name="Start the review early").click()
    expect(heading(b.page)).to_have_text("Stage 4: Review")
    expect(b.page.get_by_text("The team chose to review early.")).to_be_visible()
    b.look("stage-4")


def when_i_record_what_happened(
    b: Browser, held_on: datetime.date, action: str, action_status: str
) -> None:
    fill_date(b.page, "Date of the review", held_on)
    a = b.page.get_by_role("group", name=action, exact=True)
    a.get_by_label("Status").select_option(label=action_status)
    a.get_by_label("What happened (optional)").fill("12 of 30 pharmacies offer it so far")
    b.page.get_by_label("What was delivered?").fill(
        "Home visits started; the pharmacy offer is in 12 of 30 pharmacies."
    )
    b.page.get_by_label("What changed for the groups you identified?").fill(
        "Quit rates in the most deprived fifth rose from 14% to 19%."
    )
    b.page.get_by_label("What did you learn?").fill(
        "Home visits reach people pharmacies do not; keep both."
    )
    b.page.get_by_label("What happens next?").fill("Finish the pharmacy roll-out.")


def when_i_finish_the_review_and_start_the_next_cycle(b: Browser) -> None:
    b.page.get_by_label("Start the next cycle").check()
    b.page.get_by_role("button", name="Finish the review").click()


def then_the_next_cycle_starts_with(b: Browser, title: str, action: str, owner: str) -> None:
    expect(banner(b.page)).to_contain_text("Review finished: cycle 2 has started")
    expect(heading(b.page)).to_have_text(title)
    expect(b.page.locator("main .nhsuk-tag").first).to_have_text("Draft")
    expect(b.page.get_by_text("Cycle 2", exact=True)).to_be_visible()
    b.look("task-list-next-cycle")
    b.page.get_by_role("link", name="Action plan", exact=True).click()
    b.look("question-action-plan-next-cycle")
    then_the_action_plan_shows(b, action, owner, "In progress")


def when_i_save_and_continue_with_nothing_typed(b: Browser) -> None:
    save_and_continue(b.page)


def then_the_error_summary_says(b: Browser, message: str) -> None:
    expect(error_summary(b.page)).to_be_focused()  # the NHS.UK script moves focus to it
    expect(error_summary(b.page)).to_contain_text("There is a problem")
    expect(error_summary(b.page).get_by_role("link", name=message)).to_be_visible()
    expect(b.page).to_have_title(re.compile("^Error: "))
    b.look("question-with-error")


def when_i_follow_the_error_link(b: Browser, message: str) -> None:
    error_summary(b.page).get_by_role("link", name=message).click()


def then_the_field_has_focus_and_its_message(b: Browser, label: str, message: str) -> None:
    field_ = b.page.get_by_label(label)
    expect(field_).to_be_focused()
    expect(field_).to_have_attribute("aria-describedby", re.compile("error"))
    expect(b.page.locator(".nhsuk-error-message")).to_contain_text(message)


def then_my_assessments_lists_both_cycles(b: Browser, title: str) -> None:
    b.page.get_by_role("link", name="My assessments").first.click()
    expect(heading(b.page)).to_have_text("My assessments")
    rows = b.page.get_by_role("row").filter(has=b.page.get_by_role("link", name=title))
    expect(rows).to_have_count(2)
    statuses = sorted(s.strip() for s in rows.locator("td:nth-child(4)").all_inner_texts())
    assert statuses == ["Closed", "Draft"], statuses
    # the same title twice: the second cycle says so, to the eye and in its link
    second = rows.filter(has=b.page.get_by_role("link", name=f"{title} (Cycle 2)", exact=True))
    expect(second.get_by_role("cell").first).to_contain_text("Programme \N{EN DASH} Cycle 2")
    expect(second.get_by_role("cell").nth(3)).to_have_text("Draft")
    b.look("my-assessments-two-cycles")


def then_axe_has_checked_every_page(b: Browser) -> None:
    assert b.landed, "no page was recorded: is the framenavigated listener attached?"
    unchecked = [url for i, url in enumerate(b.landed, start=1) if i not in b.looked_at]
    assert unchecked == [], "pages the journey landed on without an axe check"
