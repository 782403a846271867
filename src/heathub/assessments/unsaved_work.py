"""A save made after the sign-in expired is not lost.

An anonymous POST to an assessment page keeps its form data in the (new, anonymous) session and
sends the person to sign in; signing in keeps the session's data (Django cycles the key), and the
page shows the kept text again, unsaved, with a message asking them to check it and save.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, QueryDict

SESSION_KEY = "heathub_unsaved_post"
# Kept work is offered back only for a while: on a shared computer, the next person to sign in
# (who could also edit the assessment) should not find someone's half-typed text hours later.
KEEP_FOR_SECONDS = 60 * 60
NOT_KEPT = ("csrfmiddlewaretoken",)
RESTORED_MESSAGE = (
    "You were signed out before your answer was saved. We have kept what you typed: "
    "check it and save it."
)


def keep_post(request: HttpRequest) -> None:
    data = {k: request.POST.getlist(k) for k in request.POST if k not in NOT_KEPT}
    request.session[SESSION_KEY] = {"path": request.path, "data": data, "at": time.time()}


def take_kept_post(request: HttpRequest) -> QueryDict | None:
    """The form data kept for this page, once; None if there is none."""
    kept = request.session.get(SESSION_KEY)
    if not kept or kept.get("path") != request.path:
        return None
    del request.session[SESSION_KEY]
    if time.time() - float(kept.get("at", 0)) > KEEP_FOR_SECONDS:
        return None
    data = QueryDict(mutable=True)
    for key, values in kept["data"].items():
        data.setlist(key, values)
    return data


def sign_in_keeping_work(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """Like login_required, but a signed-out POST keeps its data for after sign-in."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            if request.method == "POST":
                keep_post(request)
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper
