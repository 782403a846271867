"""Small builders for assessment tests: people, organisations, assessments, a second framework
version. Built inside each test, never shared state. (The framework itself is the bundled one,
from tests.frameworks.fixtures.)"""

from __future__ import annotations

import itertools
from typing import Any

from heathub.accounts.models import User
from heathub.assessments.models import Assessment, Collaborator
from heathub.frameworks.loader import (
    DEFAULT_FILE,
    ensure_default_framework,
    parse_framework,
    save_framework,
)
from heathub.frameworks.models import FrameworkVersion
from heathub.orgs.models import Membership, Organisation, OrganisationType, Role

_seq = itertools.count(1)


def make_framework(version: str | None = None) -> FrameworkVersion:
    """The bundled framework (loaded once); with `version`, a further copy of it under that
    version number, as a newer file would be loaded."""
    if version is None:
        return ensure_default_framework()
    text = DEFAULT_FILE.read_text(encoding="utf-8").replace('version: "1"', f'version: "{version}"')
    return save_framework(parse_framework(text, f"v{version}.yaml"), text, f"v{version}.yaml")


def load_second_version(replacements: dict[str, str]) -> FrameworkVersion:
    """A newer version of the bundled framework, with some wording changed, loaded as any
    framework file is (loaded versions are never edited)."""
    text = DEFAULT_FILE.read_text(encoding="utf-8").replace('version: "1"', 'version: "2"', 1)
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    return save_framework(parse_framework(text, "v2.yaml"), text, "v2.yaml")


def make_org(name: str | None = None, **extra: Any) -> Organisation:
    return Organisation.objects.create(
        name=name or f"Example Trust {next(_seq)}", type=OrganisationType.NHS_TRUST, **extra
    )


def make_user(
    org: Organisation | None = None, role: str = Role.MEMBER, name: str | None = None, **extra: Any
) -> User:
    n = next(_seq)
    full_name = name or f"Person {n}"
    user = User.objects.create_user(
        f"person{n}@nhs.net", "a-long-enough-password", full_name=full_name, **extra
    )
    if org is not None:
        Membership.objects.create(user=user, organisation=org, role=role)
    return user


def make_assessment(
    owner: User,
    org: Organisation,
    framework: FrameworkVersion,
    collaborators: tuple[User, ...] = (),
    **extra: Any,
) -> Assessment:
    assessment = Assessment.objects.create(
        title=extra.pop("title", "Smoking cessation in Tamworth"),
        subject=extra.pop("subject", "project"),
        organisation=org,
        owner=owner,
        framework_version=framework,
        **extra,
    )
    for person in collaborators:
        Collaborator.objects.create(assessment=assessment, user=person)
    return assessment
