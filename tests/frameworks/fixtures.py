"""The bundled HEAT framework, loaded for a test.

Loaded in a fixture, not a migration: live_server empties the database after each test, so data
from a migration would be gone for the next browser test. Import it where needed::

    from tests.frameworks.fixtures import framework  # noqa: F401 (a pytest fixture)
"""

import pytest

from heathub.frameworks.loader import ensure_default_framework
from heathub.frameworks.models import FrameworkVersion


@pytest.fixture
def framework(db: None) -> FrameworkVersion:
    """The paraphrase of HEAT shipped with heathub: 4 stages, 19 questions, 49 population groups."""
    return ensure_default_framework()
