"""Who may see and change an assessment: one rule table, one access-checked getter.

Every page and API route fetches an assessment through `get_assessment_for_user`. Outsiders get
404 (existence stays hidden); a reader who tries to change it gets 403. The queries behind the
table are `AssessmentQuerySet.visible_to` and `.editable_by`; docs/permissions.md shows the same
table to people, and tests/assessments/test_access_rules.py keeps the two in step.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from heathub.assessments.models import Assessment


@dataclass(frozen=True)
class Rule:
    who: str
    reads: bool
    edits: bool  # answers, groups, actions, collaborators; starting review; sign-off
    comments: bool
    note: str


ACCESS_RULES = (
    Rule("Owner", True, True, False, "Named when the assessment is started; may be changed."),
    Rule(
        "Collaborator", True, True, False, "Other members of the organisation, named by an editor."
    ),
    Rule(
        "Org admin of the assessment's organisation",
        True,
        True,
        False,
        "Also unlocks a signed-off assessment, with a reason.",
    ),
    Rule(
        "Member of the organisation (any role)",
        True,
        False,
        False,
        "The editor role lets a member start assessments; it does not open other people's.",
    ),
    Rule(
        "Mentor named on a mentor review",
        True,
        False,
        True,
        "Open or past review; only while they hold the mentor grant.",
    ),
    Rule("Programme lead", False, False, False, "Sees counts only, until the audit part exists."),
    Rule(
        "Anyone else (another organisation, anonymous)",
        False,
        False,
        False,
        "Gets 404: existence stays hidden.",
    ),
)


def get_assessment_for_user(user: Any, pk: int, *, write: bool = False) -> Assessment:
    assessment = get_object_or_404(
        Assessment.objects.visible_to(user).select_related(
            "organisation", "owner", "framework_version"
        ),
        pk=pk,
    )
    if write and not assessment.is_editor(user):
        raise PermissionDenied
    return assessment


def can_start_assessments(user: Any) -> bool:
    """Editors and org admins of some organisation may start an assessment there."""
    from heathub.orgs.models import Membership, Role

    if not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.filter(user=user, role__in=(Role.EDITOR, Role.ORG_ADMIN)).exists()
