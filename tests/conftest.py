"""Shared fixtures: the test settings every test needs. The cast of users lives in tests/cast.py."""

import os

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in the test thread; Django then refuses ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session", autouse=True)
def _test_settings() -> None:
    # Tests run without collectstatic: plain storage, no manifest of hashed names.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # live_server serves static files through WhiteNoise reading the finders (no collectstatic)
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
