"""Factories for people and organisations, with realistic NHS and council values.

Call them inside each test, giving only what the test is about::

    icb = OrganisationFactory(name="NHS Coventry and Warwickshire Integrated Care Board")
    admin = UserFactory(organisation=icb, role=Role.ORG_ADMIN)   # with a membership
    outsider = UserFactory()                                     # belongs nowhere
    mentor = UserFactory(is_mentor=True)

Every person's password is PASSWORD, so a test can also sign in through the form.
"""

import re
from typing import Any

import factory
from factory.django import DjangoModelFactory

from heathub.accounts.models import User
from heathub.orgs.models import Membership, Organisation, OrganisationType, Region, Role, System

PASSWORD = "a-long-enough-password"

# (name, type, ODS code, ONS code): real Midlands bodies and their codes
ORGANISATIONS = (
    ("Coventry and Warwickshire Partnership NHS Trust", OrganisationType.NHS_TRUST, "RYG", ""),
    ("Walsall Healthcare NHS Trust", OrganisationType.NHS_TRUST, "RBK", ""),
    ("Nottingham City Council", OrganisationType.LOCAL_AUTHORITY, "", "E06000018"),
    ("Birmingham City Council", OrganisationType.LOCAL_AUTHORITY, "", "E08000025"),
    (
        "NHS Birmingham and Solihull Integrated Care Board",
        OrganisationType.ICB,
        "QHL",
        "E54000055",
    ),
    (
        "University Hospitals of Derby and Burton NHS Foundation Trust",
        OrganisationType.NHS_TRUST,
        "RTG",
        "",
    ),
    ("West Midlands Combined Authority", OrganisationType.COMBINED_AUTHORITY, "", "E47000007"),
    ("Derbyshire Voluntary Action", OrganisationType.VCSE, "", ""),
    ("Leicester City South Primary Care Network", OrganisationType.PRIMARY_CARE, "U47524", ""),
    ("Lincolnshire County Council", OrganisationType.LOCAL_AUTHORITY, "", "E10000019"),
)

JOB_TITLES = (
    "Public health consultant",
    "Health inequalities lead",
    "Senior commissioning manager",
    "Population health analyst",
    "Equality and diversity lead",
    "Head of service improvement",
    "Community engagement officer",
    "Programme manager",
)


def _organisation(n: int) -> tuple[str, str, str, str]:
    name, org_type, ods, ons = ORGANISATIONS[n % len(ORGANISATIONS)]
    if n >= len(ORGANISATIONS):  # names are unique: number the second time round
        name = f"{name} ({n // len(ORGANISATIONS) + 1})"
    return name, str(org_type), ods, ons


def _email(full_name: str, n: int) -> str:
    local = re.sub(r"[^a-z]+", ".", full_name.lower()).strip(".")
    return f"{local}{n}@nhs.net"


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("name",)

    name = "Midlands"
    ons_code = "E40000011"


class SystemFactory(DjangoModelFactory):
    class Meta:
        model = System
        django_get_or_create = ("name",)

    name = "Coventry and Warwickshire"
    ons_code = "E54000018"
    region = factory.SubFactory(RegionFactory)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: _organisation(n)[0])
    type = factory.Sequence(lambda n: _organisation(n)[1])
    ods_code = factory.Sequence(lambda n: _organisation(n)[2])
    ons_code = factory.Sequence(lambda n: _organisation(n)[3])


class UserFactory(DjangoModelFactory):
    """A person. `organisation=` adds a membership, with `role=` (member unless given)."""

    class Meta:
        model = User

    class Params:
        first_name = factory.Faker("first_name", locale="en_GB")
        last_name = factory.Faker("last_name", locale="en_GB")

    full_name = factory.LazyAttribute(lambda o: f"{o.first_name} {o.last_name}")
    email = factory.LazyAttributeSequence(lambda o, n: _email(o.full_name, n))
    job_title = factory.Iterator(JOB_TITLES)

    @classmethod
    def _create(cls, model_class: type[User], *args: Any, **kwargs: Any) -> User:
        organisation = kwargs.pop("organisation", None)
        role = kwargs.pop("role", Role.MEMBER)
        password = kwargs.pop("password", PASSWORD)
        user = model_class.objects.create_user(password=password, **kwargs)
        if organisation is not None:
            Membership.objects.create(user=user, organisation=organisation, role=role)
        return user


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.MEMBER
