"""Journeys through a HEAT assessment in a real browser, with axe on every page.

A project lead starts an assessment and completes Stages 1 to 3 over two sign-ins; a mentor
reviews it; the lead records the sponsor's sign-off, downloads it as Word and PDF, records the
Stage 4 review and starts the next cycle. The form steps also work with JavaScript off, and an
empty required answer gives an error summary whose link moves focus to the field.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from heathub.accounts.models import User
from heathub.frameworks.loader import ensure_default_framework
from heathub.orgs.models import Organisation, OrganisationType, Role
from tests.browser.steps import (
    Browser,
    given_i_am_signed_in_as,
    save_and_come_back_later,
    save_and_continue,
    then_axe_has_checked_every_page,
    then_i_am_asked,
    then_i_am_back_on_check_your_answers,
    then_i_am_back_on_the_task_list,
    then_my_assessments_lists,
    then_my_assessments_lists_both_cycles,
    then_the_action_plan_shows,
    then_the_error_summary_says,
    then_the_field_has_focus_and_its_message,
    then_the_mentor_asked_for_changes,
    then_the_next_cycle_starts_with,
    then_the_pdf_has,
    then_the_review_status_is,
    then_the_stage_is_complete,
    then_the_task_list_shows,
    then_the_word_document_has,
    then_the_word_document_leaves_out,
    when_i_add_a_local_plus_group,
    when_i_add_a_source,
    when_i_add_an_action,
    when_i_answer_yes_or_no,
    when_i_ask_a_mentor_to_review_it,
    when_i_ask_the_mentor_again,
    when_i_change_an_answer_from_check_your_answers,
    when_i_check_my_answers_and_mark_complete,
    when_i_choose_the_stage_of_the_work,
    when_i_comment_on,
    when_i_describe_the_evidence_for,
    when_i_describe_the_work,
    when_i_download,
    when_i_find_it_in_my_review_queue,
    when_i_finish_the_review_and_start_the_next_cycle,
    when_i_follow_the_error_link,
    when_i_give_the_expected_effect_for,
    when_i_give_the_outcome,
    when_i_go_to_section,
    when_i_name_the_team,
    when_i_open,
    when_i_open_the_downloads_page,
    when_i_open_the_review_page,
    when_i_record_the_sign_off,
    when_i_record_what_happened,
    when_i_resolve_the_comment_on,
    when_i_save_and_continue_with_nothing_typed,
    when_i_say_where_the_gap_shows_for,
    when_i_sign_out,
    when_i_start_an_assessment,
    when_i_start_the_stage_4_review_early,
    when_i_tick_groups,
    when_i_write,
)
from tests.factories import SystemFactory, UserFactory

TITLE = "Stop smoking support in Walsall"
TRUST = "Walsall Healthcare NHS Trust"
CORE20 = "Core20: people living in the most deprived 20% of areas"
LOCAL_GROUP = "Night-shift workers"
ACTION = "Offer stop-smoking support in every pharmacy in the most deprived fifth"

PROMPTS = {
    "scope": "What is the work, what is it meant to achieve, and which people does it serve?",
    "timing": "What stage is the work at, and is this assessment looking ahead or looking back?",
    "team": "Who is taking part in this assessment?",
    "evidence_plan": "What data and local knowledge do you already have, and where will you "
    "look for more?",
    "inequalities": "Which health inequalities matter for this work, and how large are they?",
    "groups": "Which groups of people experience these inequalities?",
    "where": "For each group, does the gap show up in getting the service, in how people find "
    "it, or in what it achieves for them?",
    "drivers": "What causes these gaps?",
    "effect": "Could the work narrow the gaps, widen them or leave them as they are, and for whom?",
    "equality_duty": "How does the work help meet each of the three aims of the public sector "
    "equality duty?",
    "data_gaps": "Is any data or evidence missing, or not broken down by group?",
    "opportunities": "Where does this work give you the best chances to reduce inequalities?",
    "actions": "What exactly will you change, who owns each change, and by when?",
    "measures": "How will you tell whether the gaps are closing?",
    "signoff": "Who will sign this off, through which governance route, and how will you share "
    "what you found?",
}


@dataclass
class People:
    lead: User
    mentor: User


@pytest.fixture
def people(transactional_db) -> People:
    ensure_default_framework()  # live_server empties the database after each test
    system = SystemFactory(name="Black Country", ons_code="E54000062")
    trust = Organisation.objects.create(
        name=TRUST,
        type=OrganisationType.NHS_TRUST,
        ods_code="RBK",
        requires_mentor_review=True,
    )
    trust.systems.add(system)
    council = Organisation.objects.create(
        name="Birmingham City Council", type=OrganisationType.LOCAL_AUTHORITY
    )
    council.systems.add(SystemFactory(name="Birmingham and Solihull", ons_code="E54000055"))
    lead = UserFactory(
        organisation=trust, role=Role.EDITOR, full_name="Priya Shah", email="priya.shah@nhs.net"
    )
    mentor = UserFactory(
        organisation=council,
        is_mentor=True,
        full_name="Sam Hughes",
        email="sam.hughes@birmingham.gov.uk",
    )
    return People(lead=lead, mentor=mentor)


@pytest.mark.parametrize(
    "browser_context_args",
    [{}, {"java_script_enabled": False}],
    ids=["javascript", "no-javascript"],
)
def test_a_lead_completes_an_assessment_over_two_sign_ins_and_takes_it_to_the_next_cycle(
    page: Page, live_server, people: People, tmp_path: Path, browser_context_args
) -> None:
    javascript = browser_context_args.get("java_script_enabled", True)
    b = Browser(page, live_server.url, javascript=javascript)
    today = timezone.localdate()

    # Given I am a project lead, signed in
    given_i_am_signed_in_as(b, people.lead)
    # When I start an assessment
    when_i_start_an_assessment(b, TITLE, TRUST)
    then_the_task_list_shows(b, {"The work and who it serves": "Not started"})

    # And I answer the first questions, then save and come back later
    when_i_go_to_section(b, "The work and who it serves", PROMPTS["scope"])
    when_i_describe_the_work(
        b,
        "Stop-smoking support offered in pharmacies and at home. It is meant to raise quit rates "
        "among adults who smoke in the most deprived fifth of Walsall.",
    )
    save_and_continue(b.page)
    then_i_am_asked(b, PROMPTS["timing"])
    when_i_choose_the_stage_of_the_work(
        b, "Being delivered", "Looking back at the first year and ahead to the second."
    )
    save_and_come_back_later(b.page)
    then_i_am_back_on_the_task_list(b, TITLE)
    then_the_task_list_shows(
        b,
        {
            "The work and who it serves": "In progress",
            "Stage of the work": "In progress",
            "Who takes part": "Not started",
        },
    )
    when_i_sign_out(b)

    # Given I come back another day
    given_i_am_signed_in_as(b, people.lead)
    then_my_assessments_lists(b, TITLE, "Draft")
    when_i_open(b, TITLE)
    then_the_task_list_shows(b, {"The work and who it serves": "In progress"})

    # When I finish Stage 1
    when_i_go_to_section(b, "Who takes part", PROMPTS["team"])
    when_i_name_the_team(b, [("Priya Shah", "Project lead"), ("Dr Amara Osei", "Senior sponsor")])
    save_and_continue(b.page)
    then_i_am_asked(b, PROMPTS["evidence_plan"])
    when_i_add_a_source(
        b,
        1,
        "Smoking prevalence in adults in routine and manual occupations",
        "https://fingertips.phe.org.uk/profile/tobacco-control",
        "Office for Health Improvement and Disparities",
    )
    save_and_continue(b.page)
    when_i_check_my_answers_and_mark_complete(
        b,
        "Prepare",
        {
            "The work and who it serves": "Stop-smoking support offered in pharmacies",
            "Stage of the work": "Being delivered",
            "Who takes part": "Dr Amara Osei, Senior sponsor",
            "Data and insight": "Smoking prevalence in adults in routine and manual occupations",
        },
    )
    then_the_stage_is_complete(b, "1. Prepare", 4)

    # And Stage 2, with population groups including a local PLUS group
    when_i_go_to_section(b, "Inequalities and their size", PROMPTS["inequalities"])
    when_i_write(
        b,
        "The inequalities, and how big they are",
        "Smoking prevalence is 24% in the most deprived fifth against 11% in the least deprived.",
    )
    save_and_continue(b.page)
    then_i_am_asked(b, PROMPTS["groups"])
    when_i_tick_groups(b, [CORE20, "Race"])
    save_and_come_back_later(b.page)
    then_i_am_back_on_the_task_list(b, TITLE)
    when_i_go_to_section(b, "Groups affected", PROMPTS["groups"])
    when_i_add_a_local_plus_group(b, LOCAL_GROUP, "Adults working nights, who miss daytime clinics")
    when_i_describe_the_evidence_for(
        b, CORE20, "Fingertips: prevalence by IMD quintile, Walsall 2024", "High"
    )
    when_i_describe_the_evidence_for(
        b, "Race", "Local survey: higher use of shisha among some communities", "Low"
    )
    when_i_describe_the_evidence_for(
        b, LOCAL_GROUP, "Pharmacy data: few quit attempts logged after 6pm", "Medium"
    )
    save_and_continue(b.page)
    then_i_am_asked(b, PROMPTS["where"])
    when_i_say_where_the_gap_shows_for(
        b, CORE20, ["Access", "Outcomes"], "Fewer quit attempts, and fewer who quit"
    )
    when_i_say_where_the_gap_shows_for(
        b, "Race", ["Experience"], "Advice does not cover shisha or chewing tobacco"
    )
    when_i_say_where_the_gap_shows_for(
        b, LOCAL_GROUP, ["Access"], "Clinics close before their shifts end"
    )
    save_and_continue(b.page)
    then_i_am_asked(b, PROMPTS["drivers"])
    when_i_write(
        b, "Your answer", "Cost of travel, shift work, and advice that misses some tobacco use."
    )
    save_and_continue(b.page)
    then_i_am_asked(b, PROMPTS["effect"])
    when_i_give_the_expected_effect_for(b, CORE20, "Narrow the gap", "Pharmacies are close by")
    when_i_give_the_expected_effect_for(b, "Race", "Not known yet", "We have little data")
    when_i_give_the_expected_effect_for(
        b, LOCAL_GROUP, "Narrow the gap", "Some pharmacies open late"
    )
    save_and_continue(b.page)
    then_i_am_asked(b, PROMPTS["equality_duty"])
    when_i_answer_yes_or_no(
        b,
        "Does it help end unlawful discrimination, harassment and victimisation?",
        "No",
        "It does not bear on discrimination.",
    )
    when_i_answer_yes_or_no(
        b,
        "Does it advance equality of opportunity between people who share a protected "
        "characteristic and people who do not?",
        "Yes",
        "Advice covers tobacco used in some communities.",
    )
    when_i_answer_yes_or_no(
        b,
        "Does it foster good relations between people who share a protected characteristic "
        "and people who do not?",
        "No",
        "Not directly.",
    )
    save_and_continue(b.page)
    then_i_am_asked(b, PROMPTS["data_gaps"])
    save_and_continue(b.page)
    when_i_check_my_answers_and_mark_complete(
        b,
        "Assess",
        {
            "Groups affected": CORE20,
            "Access, experience or outcomes": LOCAL_GROUP,
            "Public sector equality duty": "Advice covers tobacco used in some communities.",
        },
    )
    then_the_stage_is_complete(b, "2. Assess", 7)

    # And Stage 3, with an action that has an owner and a due date
    when_i_go_to_section(b, "Where to act", PROMPTS["opportunities"])
    when_i_write(
        b, "Your answer", "Late-opening pharmacies, and home visits for people who cannot travel."
    )
    save_and_continue(b.page)
    then_i_am_asked(b, PROMPTS["actions"])
    when_i_add_an_action(b, ACTION, "Priya Shah", today + datetime.timedelta(days=120), [CORE20])
    then_the_action_plan_shows(b, ACTION, "Priya Shah", "In progress")
    save_and_continue(b.page)
    then_i_am_asked(b, PROMPTS["measures"])
    when_i_write(
        b,
        "Your measures, their baselines and how they will be broken down",
        "Four-week quit rate, baseline 14% in the most deprived fifth, by IMD quintile.",
    )
    save_and_continue(b.page)
    then_i_am_asked(b, PROMPTS["signoff"])
    when_i_name_the_team(b, [("Dr Amara Osei", "Senior sponsor")])
    when_i_write(
        b,
        "The governance route, and how you will share the findings",
        "Trust board; findings shared at the Black Country health inequalities forum.",
    )
    save_and_continue(b.page)
    when_i_check_my_answers_and_mark_complete(
        b, "Refine and apply", {"Action plan": ACTION, "Sign-off and sharing": "Dr Amara Osei"}
    )
    then_the_stage_is_complete(b, "3. Refine and apply", 4)

    # When I ask a mentor to review it
    when_i_ask_a_mentor_to_review_it(
        b,
        "Sam Hughes",
        "Birmingham City Council (Birmingham and Solihull)",
        "Please look at the groups in Stage 2.",
    )
    when_i_sign_out(b)

    # Then the mentor finds it in their queue, comments and asks for changes
    given_i_am_signed_in_as(b, people.mentor)
    when_i_find_it_in_my_review_queue(b, TITLE, TRUST)
    comment = "Say which IMD edition the Core20 figures come from."
    when_i_comment_on(b, "Groups affected", comment)
    changes = "Please answer my comment on the groups, then send it back."
    when_i_give_the_outcome(b, "Changes requested", changes, TITLE)
    when_i_sign_out(b)

    # When I change the answer, resolve the comment and ask again
    given_i_am_signed_in_as(b, people.lead)
    then_my_assessments_lists(b, TITLE, "Changes requested")
    when_i_open(b, TITLE)
    when_i_open_the_review_page(b, TITLE)
    then_the_mentor_asked_for_changes(b, changes)
    when_i_resolve_the_comment_on(b, "Groups affected", comment)
    when_i_change_an_answer_from_check_your_answers(b, TITLE, "Assess", "Groups affected")
    when_i_describe_the_evidence_for(
        b, CORE20, "Fingertips: prevalence by IMD 2025 quintile, Walsall 2024", "High"
    )
    save_and_continue(b.page)
    then_i_am_back_on_check_your_answers(
        b, "Assess", "Groups affected", "areas by IMD 2025; high confidence"
    )
    when_i_check_my_answers_and_mark_complete(b, "Assess", {"Groups affected": CORE20})
    when_i_ask_the_mentor_again(
        b,
        "Sam Hughes",
        "Birmingham City Council (Birmingham and Solihull)",
        "The Core20 evidence now names IMD 2025.",
    )
    when_i_sign_out(b)

    # And the mentor marks it ready for sign-off
    given_i_am_signed_in_as(b, people.mentor)
    when_i_find_it_in_my_review_queue(b, TITLE, TRUST)
    when_i_give_the_outcome(b, "Ready for sign-off", "Clear and well evidenced.", TITLE)
    when_i_sign_out(b)

    # When I record the sponsor's sign-off
    given_i_am_signed_in_as(b, people.lead)
    then_my_assessments_lists(b, TITLE, "Ready for sign-off")
    when_i_open(b, TITLE)
    when_i_open_the_review_page(b, TITLE)
    then_the_review_status_is(b, "Ready for sign-off")
    when_i_record_the_sign_off(b, "Dr Amara Osei", "Director of Public Health", today, TITLE)

    # Then I can download it as Word and PDF
    when_i_open_the_downloads_page(b, TITLE)
    docx = when_i_download(
        b, "Download Word document (.docx)", tmp_path, comments="No, leave them out"
    )
    then_the_word_document_has(
        docx,
        TITLE,
        ["Stage 1: Prepare", "Stage 2: Assess", "Stage 3: Refine and apply", "Sign-off"],
        [CORE20, "Race", LOCAL_GROUP],
        ACTION,
    )
    then_the_word_document_leaves_out(docx, comment)
    pdf = when_i_download(b, "Download PDF", tmp_path, comments="Yes, include mentor comments")
    then_the_pdf_has(pdf, TITLE, comment)

    # When I record the Stage 4 review and start the next cycle
    when_i_start_the_stage_4_review_early(b)
    when_i_record_what_happened(b, today, ACTION, "In progress")
    when_i_finish_the_review_and_start_the_next_cycle(b)
    # Then the new cycle's task list opens, with the open action carried forward
    then_the_next_cycle_starts_with(b, TITLE, ACTION, "Priya Shah")
    then_my_assessments_lists_both_cycles(b, TITLE)
    then_axe_has_checked_every_page(b)


def test_an_empty_required_answer_is_kept_back_with_an_error_that_leads_to_the_field(
    page: Page, live_server, people: People
) -> None:
    b = Browser(page, live_server.url)
    given_i_am_signed_in_as(b, people.lead)
    when_i_start_an_assessment(b, TITLE, TRUST)
    when_i_go_to_section(b, "The work and who it serves", PROMPTS["scope"])

    when_i_save_and_continue_with_nothing_typed(b)
    then_the_error_summary_says(b, "Enter your answer")

    when_i_follow_the_error_link(b, "Enter your answer")
    then_the_field_has_focus_and_its_message(b, "Your answer", "Enter your answer")
    then_axe_has_checked_every_page(b)
