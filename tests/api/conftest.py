"""API test helpers: a person with a token, and a client that sends it."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from heathub.accounts.models import User
from heathub.api.tokens import create_token
from tests.factories import UserFactory


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
