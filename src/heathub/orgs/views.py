from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from heathub.accounts.signed_in import SignedInRequest
from heathub.orgs.models import Membership


@login_required
@require_GET
def mine(request: SignedInRequest) -> HttpResponse:
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("organisation")
        .prefetch_related("organisation__systems")
    )
    return render(
        request, "orgs/mine.jinja", {"memberships": memberships, "page_title": "Your organisations"}
    )
