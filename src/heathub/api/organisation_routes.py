"""GET /api/organisations and /api/organisations/{id}: the caller's organisations."""

from django.db.models import OuterRef, QuerySet, Subquery
from ninja import Router

from heathub.accounts.models import User
from heathub.api.auth import TokenRequest
from heathub.api.schemas import Detail, OrganisationOut
from heathub.orgs.access import get_organisation_for_user
from heathub.orgs.models import Membership, Organisation

router = Router(tags=["Organisations"])


def with_your_role(organisations: QuerySet[Organisation], user: User) -> QuerySet[Organisation]:
    role = Membership.objects.filter(organisation=OuterRef("pk"), user=user).values("role")[:1]
    return organisations.annotate(your_role=Subquery(role)).prefetch_related("systems__region")


@router.get(
    "/organisations",
    response={200: list[OrganisationOut], 401: Detail},
    url_name="organisation-list",
    summary="Your organisations",
)
def organisation_list(request: TokenRequest) -> QuerySet[Organisation]:
    """The organisations you are a member of, with your role in each."""
    return with_your_role(Organisation.objects.of_user(request.auth), request.auth)


@router.get(
    "/organisations/{organisation_id}",
    response={200: OrganisationOut, 401: Detail, 404: Detail},
    url_name="organisation-detail",
    summary="One of your organisations",
)
def organisation_detail(request: TokenRequest, organisation_id: int) -> Organisation:
    """404 unless you may see it: an organisation's existence is not revealed to others."""
    organisation = get_organisation_for_user(request.auth, organisation_id)
    return with_your_role(Organisation.objects.filter(pk=organisation.pk), request.auth).get()
