"""Who sees and who edits an assessment, at the QuerySet level (the rule table in access.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from heathub.assessments.models import Assessment, MentorReview
from heathub.orgs.models import Role
from tests.assessments.builders import make_assessment, make_org, make_user


@pytest.fixture
def world(framework):
    org = make_org()
    owner = make_user(org, Role.EDITOR)
    collaborator = make_user(org)
    colleague = make_user(org, Role.EDITOR)
    admin = make_user(org, Role.ORG_ADMIN)
    mentor = make_user(make_org(), is_mentor=True)
    named_mentor = make_user(make_org(), is_mentor=True)
    lead = make_user(is_programme_lead=True)
    outsider = make_user(make_org(), Role.ORG_ADMIN)
    a = make_assessment(owner, org, framework, collaborators=(collaborator,))
    MentorReview.objects.create(assessment=a, mentor=named_mentor, requested_by=owner)
    return locals()


@pytest.mark.parametrize(
    ("who", "sees", "edits"),
    [
        ("owner", True, True),
        ("collaborator", True, True),
        ("colleague", True, False),
        ("admin", True, True),
        ("named_mentor", True, False),
        ("mentor", False, False),
        ("lead", False, False),
        ("outsider", False, False),
    ],
)
def test_rule_table(world, who, sees, edits) -> None:
    user = world[who]
    a = world["a"]
    assert Assessment.objects.visible_to(user).filter(pk=a.pk).exists() is sees
    assert Assessment.objects.editable_by(user).filter(pk=a.pk).exists() is edits
    assert a.is_editor(user) is edits


def test_anonymous_sees_nothing(world) -> None:
    assert not Assessment.objects.visible_to(AnonymousUser()).exists()
    assert not world["a"].is_editor(AnonymousUser())


def test_a_mentor_who_loses_the_grant_loses_sight(world) -> None:
    mentor = world["named_mentor"]
    mentor.is_mentor = False
    mentor.save()
    assert not Assessment.objects.visible_to(mentor).exists()


def test_no_row_is_repeated_for_someone_in_several_roles(world) -> None:
    owner = world["owner"]
    a = world["a"]
    from heathub.assessments.models import Collaborator

    Collaborator.objects.create(assessment=a, user=owner)
    assert list(Assessment.objects.visible_to(owner)) == [a]
