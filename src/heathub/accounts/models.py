"""People. Keyed on email from the first migration; grants are site-wide and separate from roles."""

from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("Email address", unique=True, max_length=254)
    full_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=150, blank=True)
    # Grants (design.md, access model): site-wide, given by a site admin.
    is_mentor = models.BooleanField(
        "HEAT mentor",
        default=False,
        help_text="May read and comment on assessments shared with them",
    )
    is_programme_lead = models.BooleanField(
        "Programme lead", default=False, help_text="May see roll-ups across organisations"
    )
    is_trainer = models.BooleanField("Trainer", default=False)
    is_staff = models.BooleanField("Site admin", default=False, help_text="May use the admin site")
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email
