"""Bearer-token authentication for the API: `Authorization: Bearer hh_...`.

Every refusal is a 401 with a JSON `detail` that says what is wrong (no header, not a bearer
token, unknown, revoked or expired), so a script's author can fix it without guessing.
"""

from typing import Any

from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from heathub.accounts.models import User
from heathub.api.tokens import TokenRefusedError, user_for_token

MISSING_HEADER = (
    "Send a personal API token in the Authorization header: 'Authorization: Bearer <token>'. "
    "Create one on your heathub account page."
)
NOT_BEARER = "The Authorization header must read 'Bearer <token>'."


class PersonalToken(HttpBearer):
    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get(self.header, "")
        if not header.strip():
            raise AuthenticationError(message=MISSING_HEADER)
        scheme, _, token = header.strip().partition(" ")
        if scheme.lower() != self.openapi_scheme or not token.strip():
            raise AuthenticationError(message=NOT_BEARER)
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str) -> User:
        try:
            user = user_for_token(token)
        except TokenRefusedError as refused:
            raise AuthenticationError(message=str(refused)) from None
        request.user = user  # the API acts as this person; no session is involved
        return user


class TokenRequest(HttpRequest):
    """The request type of API routes: `auth` is the person the token belongs to."""

    auth: User
