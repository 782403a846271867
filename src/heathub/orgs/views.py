"""Organisation pages. Each view fetches the organisation through get_organisation_for_user (members
see it, org admins manage it), parses the form, calls one action and redirects."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from heathub.accounts.models import User
from heathub.accounts.signed_in import SignedInRequest
from heathub.core.form_data import posted
from heathub.core.refusals import ActionRefused
from heathub.history.changes import change_rows
from heathub.orgs import actions
from heathub.orgs.access import get_organisation_for_user
from heathub.orgs.forms import NAME_LIMIT, InviteForm, NewAccountForm, RoleForm, SettingsForm
from heathub.orgs.models import Invitation, Membership, Organisation, Role
from heathub.orgs.presenters import OrganisationPage, role_items


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


@login_required
@require_GET
def detail(request: SignedInRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, pk)
    page = OrganisationPage(organisation, viewer=request.user)
    return render(
        request,
        "orgs/detail.jinja",
        {"page": page, "org": organisation, "page_title": str(organisation)},
    )


def _form_page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    form = context["form"]
    status = 400 if getattr(form, "errors", None) else 200
    return render(request, template, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: SignedInRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, pk, manage=True)
    form = InviteForm(posted(request))
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        try:
            actions.invite(
                organisation, email=email, role=Role(form.cleaned_data["role"]), by=request.user
            )
        except ActionRefused as refusal:
            form.add_error("email", str(refusal))
        else:
            messages.success(request, f"Invitation sent to {email.lower()}")
            return redirect("orgs:detail", pk=organisation.pk)
    context = {
        "form": form,
        "org": organisation,
        "role_items": role_items(form.data.get("role") or form["role"].initial),
        "page_title": f"Invite someone to {organisation}",
        "back_link": {"href": organisation_url(organisation)},
    }
    return _form_page(request, "orgs/invite.jinja", context)


@login_required
@require_POST
def withdraw_invitation(request: SignedInRequest, pk: int, invitation_pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, pk, manage=True)
    invitation = get_object_or_404(Invitation, organisation=organisation, pk=invitation_pk)
    try:
        actions.withdraw_invitation(invitation, by=request.user)
    except ActionRefused as refusal:
        messages.info(request, str(refusal))
    else:
        messages.success(request, f"Invitation to {invitation.email} withdrawn")
    return redirect("orgs:detail", pk=organisation.pk)


def _membership(organisation: Organisation, membership_pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user"), organisation=organisation, pk=membership_pk
    )


@login_required
@require_http_methods(["GET", "POST"])
def change_role(request: SignedInRequest, pk: int, membership_pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, pk, manage=True)
    membership = _membership(organisation, membership_pk)
    form = RoleForm(posted(request), initial={"role": membership.role})
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_role(membership, role=Role(form.cleaned_data["role"]), by=request.user)
        except ActionRefused as refusal:
            form.add_error("role", str(refusal))
        else:
            new_role = Role(form.cleaned_data["role"]).label.lower()
            messages.success(request, f"{membership.user.get_full_name()} is now {new_role}")
            return redirect("orgs:detail", pk=organisation.pk)
    person = membership.user.get_full_name()
    context = {
        "form": form,
        "org": organisation,
        "person": person,
        "role_items": role_items(form.data.get("role") or membership.role),
        "page_title": f"Change the role of {person}",
        "back_link": {"href": organisation_url(organisation)},
    }
    return _form_page(request, "orgs/change_role.jinja", context)


@login_required
@require_http_methods(["GET", "POST"])
def remove_member(request: SignedInRequest, pk: int, membership_pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, pk, manage=True)
    membership = _membership(organisation, membership_pk)
    person = membership.user.get_full_name()
    refusal = None
    if request.method == "POST":
        try:
            actions.remove_member(membership, by=request.user)
        except ActionRefused as error:
            refusal = str(error)
        else:
            messages.success(request, f"{person} has been removed from {organisation}")
            if membership.user_id == request.user.pk:  # they can no longer see the page
                return redirect("orgs:mine")
            return redirect("orgs:detail", pk=organisation.pk)
    context = {
        "org": organisation,
        "person": person,
        "email": membership.user.email,
        "refusal": refusal,
        "page_title": ("Error: " if refusal else "") + f"Remove {person} from {organisation}",
        "back_link": {"href": organisation_url(organisation)},
    }
    return render(request, "orgs/remove_member.jinja", context, status=400 if refusal else 200)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_settings(request: SignedInRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, pk, manage=True)
    current = "yes" if organisation.requires_mentor_review else "no"
    form = SettingsForm(posted(request), initial={"requires_mentor_review": current})
    if request.method == "POST" and form.is_valid():
        actions.set_mentor_review_required(
            organisation, required=form.cleaned_data["requires_mentor_review"], by=request.user
        )
        messages.success(request, "Settings saved")
        return redirect("orgs:detail", pk=organisation.pk)
    context = {
        "form": form,
        "org": organisation,
        "selected": form.data.get("requires_mentor_review") or current,
        "page_title": f"Settings for {organisation}",
        "back_link": {"href": organisation_url(organisation)},
    }
    return _form_page(request, "orgs/settings.jinja", context)


@login_required
@require_GET
def history(request: SignedInRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, pk, manage=True)
    rows = change_rows(
        Organisation.history.filter(id=organisation.pk).select_related("history_user"),
        Membership.history.filter(organisation_id=organisation.pk).select_related("history_user"),
        Invitation.history.filter(organisation_id=organisation.pk).select_related("history_user"),
    )
    context = {
        "org": organisation,
        "rows": rows,
        "page_title": f"History of {organisation}",
        "back_link": {"href": organisation_url(organisation)},
    }
    return render(request, "orgs/history.jinja", context)


def organisation_url(organisation: Organisation) -> str:
    return reverse("orgs:detail", args=[organisation.pk])


def _unusable_invitation(request: HttpRequest, *, status: int) -> HttpResponse:
    """Unknown (404), or expired, used, replaced or withdrawn (410)."""
    context = {"page_title": "This invitation link cannot be used"}
    return render(request, "orgs/invitation_unusable.jinja", context, status=status)


@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the invitation email. Works once, for 14 days, for the invited address."""
    invitation = actions.find_invitation(token)
    if invitation is None:
        return _unusable_invitation(request, status=404)
    if not invitation.is_open:
        return _unusable_invitation(request, status=410)
    organisation = invitation.organisation
    base: dict[str, Any] = {"invitation": invitation, "org": organisation}
    user = request.user
    if user.is_authenticated:
        assert isinstance(user, User)
        if user.email.lower() != invitation.email.lower():
            context: dict[str, Any] = {
                **base,
                "you": user.email,
                "page_title": "This invitation is for someone else",
            }
            return render(request, "orgs/invitation_other_person.jinja", context, status=403)
        if request.method == "POST":
            try:
                actions.accept_invitation(invitation, user=user)
            except ActionRefused:  # used or withdrawn since the page was opened
                return _unusable_invitation(request, status=410)
            messages.success(request, f"You have joined {organisation}")
            return redirect("orgs:detail", pk=organisation.pk)
        context = {**base, "page_title": f"Join {organisation}"}
        return render(request, "orgs/accept_existing.jinja", context)
    if User.objects.filter(email__iexact=invitation.email).exists():
        messages.info(request, f"Sign in as {invitation.email} to accept the invitation")
        return redirect_to_login(request.get_full_path())
    form = NewAccountForm(invitation.email, posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            new_user = actions.create_account_and_accept(
                invitation,
                full_name=form.cleaned_data["full_name"],
                job_title=form.cleaned_data["job_title"],
                password=form.cleaned_data["password1"],
            )
        except ActionRefused:  # used, or an account made, since the page was opened
            return _unusable_invitation(request, status=410)
        login(request, new_user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome to heathub. You have joined {organisation}")
        return redirect("orgs:detail", pk=organisation.pk)
    context = {
        **base,
        "form": form,
        "limit": NAME_LIMIT,
        "page_title": f"Join {organisation} on heathub",
    }
    return _form_page(request, "orgs/accept_new.jinja", context)
