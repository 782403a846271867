"""Demo organisations: the 11 real Midlands ICBs (from a small attributed fixture) and a few member
organisations that are clearly labelled as examples."""

import csv
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from heathub.accounts.models import User
from heathub.orgs.models import Membership, Organisation, OrganisationType, Region, Role, System

ICB_FILE = Path(__file__).parent / "data" / "midlands_icbs.csv"
DEMO_PASSWORD = "heathub-demo-2026"  # noqa: S105 (printed on purpose: demo sign-ins only)

EXAMPLE_ORGANISATIONS = (
    # (name, type, the ICB system it sits in)
    ("Example Coventry Community Trust", OrganisationType.NHS_TRUST, "E54000018"),
    ("Example Warwickshire County Council", OrganisationType.LOCAL_AUTHORITY, "E54000018"),
    ("Example Walsall Primary Care Network", OrganisationType.PRIMARY_CARE, "E54000062"),
    ("Example Nottingham Community Voice (VCSE)", OrganisationType.VCSE, "E54000060"),
)


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    job_title: str
    organisation: str
    role: Role
    is_mentor: bool = False
    is_programme_lead: bool = False


DEMO_PEOPLE = (
    DemoPerson(
        "lead@example.org",
        "Priya Shah",
        "Project lead",
        "Example Coventry Community Trust",
        Role.EDITOR,
    ),
    DemoPerson(
        "colleague@example.org",
        "Tom Evans",
        "Analyst",
        "Example Coventry Community Trust",
        Role.MEMBER,
    ),
    DemoPerson(
        "admin@example.org",
        "Grace Okafor",
        "Head of equality",
        "Example Coventry Community Trust",
        Role.ORG_ADMIN,
    ),
    DemoPerson(
        "mentor@example.org",
        "Sam Hughes",
        "HEAT mentor",
        "Example Warwickshire County Council",
        Role.MEMBER,
        is_mentor=True,
    ),
    DemoPerson(
        "programme@example.org",
        "Alex Morgan",
        "Regional programme lead",
        "NHS Coventry and Warwickshire Integrated Care Board",
        Role.MEMBER,
        is_programme_lead=True,
    ),
)


def read_icbs() -> list[dict[str, str]]:
    with ICB_FILE.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@transaction.atomic
def load_demo_organisations() -> list[DemoPerson]:
    """Idempotent: running it twice leaves one copy of everything."""
    region, _ = Region.objects.get_or_create(name="Midlands", defaults={"ons_code": "E40000011"})
    systems = {}
    for row in read_icbs():
        system, _ = System.objects.update_or_create(
            ons_code=row["ons_code"],
            defaults={
                "name": row["name"].removeprefix("NHS ").replace(" Integrated Care Board", ""),
                "region": region,
            },
        )
        icb, _ = Organisation.objects.update_or_create(
            name=row["name"],
            defaults={
                "type": OrganisationType.ICB,
                "ods_code": row["ods_code"],
                "ons_code": row["ons_code"],
            },
        )
        icb.systems.add(system)
        systems[row["ons_code"]] = system
    for name, org_type, system_code in EXAMPLE_ORGANISATIONS:
        org, _ = Organisation.objects.update_or_create(
            name=name, defaults={"type": org_type, "is_example": True}
        )
        org.systems.add(systems[system_code])
    for person in DEMO_PEOPLE:
        user = User.objects.filter(email=person.email).first()
        if user is None:
            user = User.objects.create_user(
                person.email, DEMO_PASSWORD, full_name=person.full_name, job_title=person.job_title
            )
        user.is_mentor = person.is_mentor
        user.is_programme_lead = person.is_programme_lead
        user.save()
        Membership.objects.update_or_create(
            user=user,
            organisation=Organisation.objects.get(name=person.organisation),
            defaults={"role": person.role},
        )
    return list(DEMO_PEOPLE)
