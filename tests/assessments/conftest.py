"""Fixtures for assessment tests: the bundled framework and a fixed cast of people."""

from dataclasses import dataclass

import pytest

from heathub.accounts.models import User
from heathub.assessments.models import Assessment, MentorReview
from heathub.frameworks.models import FrameworkVersion
from heathub.orgs.models import Organisation, Role
from tests.assessments.builders import make_assessment, make_org, make_user
from tests.frameworks.fixtures import framework  # noqa: F401 (a pytest fixture)


@dataclass
class Cast:
    org: Organisation
    owner: User
    collaborator: User
    colleague: User
    org_admin: User
    mentor: User
    assigned_mentor: User
    programme_lead: User
    outsider: User
    assessment: Assessment


@pytest.fixture
def cast(framework: FrameworkVersion) -> Cast:  # noqa: F811 (the imported fixture)
    org = make_org("Coventry Community Trust")
    owner = make_user(org, Role.EDITOR, name="Priya Shah")
    collaborator = make_user(org, name="Tom Evans")
    colleague = make_user(org, name="Ade Bello")
    org_admin = make_user(org, Role.ORG_ADMIN, name="Grace Okafor")
    mentor = make_user(make_org("Warwickshire County Council"), is_mentor=True, name="Sam Hughes")
    assigned = make_user(make_org("Solihull Council"), is_mentor=True, name="Jo Patel")
    lead = make_user(is_programme_lead=True, name="Alex Morgan")
    outsider = make_user(make_org("Walsall Trust"), Role.ORG_ADMIN, name="Chris Lee")
    assessment = make_assessment(owner, org, framework, collaborators=(collaborator,))
    MentorReview.objects.create(assessment=assessment, mentor=assigned, requested_by=owner)
    return Cast(
        org, owner, collaborator, colleague, org_admin, mentor, assigned, lead, outsider, assessment
    )
