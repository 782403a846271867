"""API test helpers: a client that sends a token, and a cast of people around one assessment."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from heathub.accounts.models import User
from heathub.api.tokens import create_token
from heathub.assessments.models import Assessment, Collaborator, MentorReview, Subject
from heathub.frameworks.models import Dimension, FrameworkVersion, PopulationGroup, Wording
from heathub.orgs.models import Organisation, Role
from tests.factories import OrganisationFactory, UserFactory


@dataclass
class TokenClient:
    """Django's test client with `Authorization: Bearer <token>` on every request."""

    client: Client
    secret: str

    def get(self, path: str, data: dict[str, Any] | None = None) -> Any:
        return self.client.get(path, data, headers={"Authorization": f"Bearer {self.secret}"})


def token_client(user: User) -> TokenClient:
    return TokenClient(Client(), create_token(user, name="Tests").secret)


@pytest.fixture
def person(db) -> User:
    return UserFactory(full_name="Priya Shah")


@dataclass
class Cast:
    """One assessment in Coventry and Warwickshire and the people around it."""

    organisation: Organisation
    other_organisation: Organisation
    owner: User
    collaborator: User
    colleague: User
    org_admin: User
    named_mentor: User
    mentor: User
    programme_lead: User
    outsider: User
    assessment: Assessment
    outsiders_assessment: Assessment
    framework: FrameworkVersion


ROLES = (
    "owner",
    "collaborator",
    "colleague",
    "org_admin",
    "named_mentor",
    "mentor",
    "programme_lead",
    "outsider",
)


def make_framework() -> FrameworkVersion:
    framework = FrameworkVersion.objects.create(
        name="HEAT", version="2024.1", wording=Wording.PARAPHRASE, source_text="# tests"
    )
    for order, (key, label, dimension) in enumerate(
        [
            ("age", "Age", Dimension.PROTECTED),
            ("core20", "People in the most deprived 20% of areas", Dimension.SOCIOECONOMIC),
            ("homeless", "People experiencing homelessness", Dimension.INCLUSION),
        ]
    ):
        PopulationGroup.objects.create(
            framework_version=framework, key=key, label=label, dimension=dimension, order=order
        )
    return framework


def make_assessment(
    owner: User, organisation: Organisation, framework: FrameworkVersion, **extra: Any
) -> Assessment:
    return Assessment.objects.create(
        title=extra.pop("title", "Smoking cessation in Tamworth"),
        subject=extra.pop("subject", Subject.PROJECT),
        organisation=organisation,
        owner=owner,
        framework_version=framework,
        **extra,
    )


@pytest.fixture
def cast(db) -> Cast:
    organisation = OrganisationFactory(name="NHS Coventry and Warwickshire Integrated Care Board")
    other = OrganisationFactory(name="Leicester City Council")
    framework = make_framework()
    people = {
        "owner": UserFactory(organisation=organisation, role=Role.EDITOR),
        "collaborator": UserFactory(organisation=organisation),
        "colleague": UserFactory(organisation=organisation),
        "org_admin": UserFactory(organisation=organisation, role=Role.ORG_ADMIN),
        "named_mentor": UserFactory(organisation=OrganisationFactory(), is_mentor=True),
        "mentor": UserFactory(is_mentor=True),
        "programme_lead": UserFactory(is_programme_lead=True),
        "outsider": UserFactory(organisation=other, role=Role.ORG_ADMIN),
    }
    assessment = make_assessment(people["owner"], organisation, framework)
    Collaborator.objects.create(assessment=assessment, user=people["collaborator"])
    MentorReview.objects.create(
        assessment=assessment, mentor=people["named_mentor"], requested_by=people["owner"]
    )
    theirs = make_assessment(
        people["outsider"], other, framework, title="Healthy homes in Sneinton"
    )
    return Cast(
        organisation=organisation,
        other_organisation=other,
        assessment=assessment,
        outsiders_assessment=theirs,
        framework=framework,
        **people,
    )
