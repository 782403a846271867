"""The request type of views behind login_required: its user is a real User, never anonymous."""

from django.http import HttpRequest

from heathub.accounts.models import User


class SignedInRequest(HttpRequest):
    user: User
