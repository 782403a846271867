"""The one Jinja2 environment: NHS.UK macros, url(), static() and the helpers templates use."""

from typing import Any

from django.contrib import messages
from django.contrib.messages.storage.base import Message
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader

from heathub.core.form_errors import error_list, field_error
from heathub.core.navigation import header_params


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def get_messages(request: HttpRequest) -> list[Message]:
    return list(messages.get_messages(request))


def environment(**options: Any) -> Environment:
    options["loader"] = ChoiceLoader(
        [options["loader"], PackageLoader("nhsuk_frontend_jinja", "templates")]
    )
    # The NHS.UK macros read missing nested keys (params.navigation.items); Django's default
    # Undefined makes them crash. Typos in our own templates are caught by presenter tests.
    options["undefined"] = ChainableUndefined
    env = Environment(**options)  # noqa: S701 (Django's Jinja2 backend turns autoescape on)
    env.globals.update(
        static=static,
        url=url,
        get_messages=get_messages,
        error_list=error_list,
        field_error=field_error,
        header_params=header_params,
    )
    return env
