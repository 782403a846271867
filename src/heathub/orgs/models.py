"""Organisations, the ICS footprints (systems) they belong to, regions, memberships with roles."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from heathub.accounts.models import User


class Region(models.Model):
    name = models.CharField(max_length=100, unique=True)
    ons_code = models.CharField("ONS code", max_length=9, blank=True)

    def __str__(self) -> str:
        return self.name


class System(models.Model):
    """An integrated care system footprint, named after its ICB."""

    name = models.CharField(max_length=200, unique=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="systems")
    ons_code = models.CharField("ONS code", max_length=9, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganisationType(models.TextChoices):
    ICB = "icb", "Integrated care board or system"
    NHS_TRUST = "nhs_trust", "NHS trust"
    PRIMARY_CARE = "primary_care", "Primary care network or practice"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    COMBINED_AUTHORITY = "combined_authority", "Combined authority or devolution deal"
    VCSE = "vcse", "Voluntary, community or social enterprise"
    OTHER = "other", "Other"


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def of_user(self, user: "User | AnonymousUser") -> "OrganisationQuerySet":
        """The organisations a person belongs to (none for a signed-out visitor)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user).distinct()


class Organisation(models.Model):
    name = models.CharField(max_length=200, unique=True)
    type = models.CharField(max_length=20, choices=OrganisationType.choices)
    ods_code = models.CharField("ODS code", max_length=10, blank=True)
    ons_code = models.CharField("ONS code", max_length=9, blank=True)
    systems = models.ManyToManyField(System, blank=True, related_name="organisations")
    requires_mentor_review = models.BooleanField(
        "Mentor review required before sign-off",
        default=False,
        help_text="When on, an assessment can only be signed off after a mentor marks it ready",
    )
    is_example = models.BooleanField(
        default=False, help_text="Demo data: shown with an 'Example' label on every page"
    )

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[systems])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def role_of(self, user: "User | AnonymousUser") -> "Role | None":
        """The person's role here, or None if they are not a member."""
        if not user.is_authenticated:
            return None
        role = self.memberships.filter(user=user).values_list("role", flat=True).first()
        return Role(role) if role else None


class Role(models.TextChoices):
    MEMBER = "member", "Member"
    EDITOR = "editor", "Editor"
    ORG_ADMIN = "org_admin", "Organisation admin"


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")
        ]
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return f"{self.user} in {self.organisation} ({self.get_role_display()})"


INVITATION_DAYS = 14


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> "InvitationQuerySet":
        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """An org admin's invitation to join, by email. Only a hash of the link's token is stored, so
    the link cannot be rebuilt from the database; it works once, for 14 days."""

    email = models.EmailField("Email address", max_length=254)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="invitations_sent",
    )
    token_hash = models.CharField(max_length=64, unique=True)  # SHA-256 of the link's token
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["token_hash"])

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation for {self.email} to {self.organisation}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()
