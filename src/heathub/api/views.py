"""The personal API token pages: list, create (the secret is shown once) and revoke."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from heathub.accounts.signed_in import SignedInRequest
from heathub.api.forms import CreateTokenForm
from heathub.api.models import ApiToken
from heathub.api.presenters import TokenSummary
from heathub.api.tokens import create_token, get_token_for_user, revoke_token
from heathub.core.form_data import posted


@login_required
@require_GET
def token_list(request: SignedInRequest) -> HttpResponse:
    now = timezone.now()
    tokens = ApiToken.objects.filter(user=request.user).not_revoked()
    context = {
        "tokens": [TokenSummary(token, now) for token in tokens],
        "page_title": "Your API tokens",
        "back_link": {"href": reverse("accounts:account"), "text": "Back to your account"},
    }
    return render(request, "api/tokens.jinja", context)


@login_required
@never_cache  # the page after a POST holds the secret: no browser or proxy may keep it
@require_http_methods(["GET", "POST"])
def token_create(request: SignedInRequest) -> HttpResponse:
    form = CreateTokenForm(posted(request))
    if request.method == "POST" and form.is_valid():
        issued = create_token(
            request.user, name=form.cleaned_data["name"], expires_at=form.expires_at()
        )
        # Rendered, not redirected: the secret must not pass through the session store.
        context = {
            "token": TokenSummary(issued.token, timezone.now()),
            "secret": issued.secret,
            "page_title": "Your new API token",
        }
        return render(request, "api/token_created.jinja", context)
    context = {
        "form": form,
        "page_title": "Create an API token",
        "back_link": {"href": reverse("api-tokens:list"), "text": "Back to your API tokens"},
    }
    return render(request, "api/token_create.jinja", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def token_revoke(request: SignedInRequest, pk: int) -> HttpResponse:
    token = get_token_for_user(request.user, pk)
    if token.is_revoked:
        messages.info(request, f"The token “{token.name}” was already revoked.")
        return redirect("api-tokens:list")
    if request.method == "POST":
        revoke_token(token)
        messages.success(request, f"Token “{token.name}” revoked. It no longer works.")
        return redirect("api-tokens:list")
    context = {
        "token": TokenSummary(token, timezone.now()),
        "page_title": "Revoke this API token?",
        "back_link": {"href": reverse("api-tokens:list"), "text": "Back to your API tokens"},
    }
    return render(request, "api/token_revoke.jinja", context)
