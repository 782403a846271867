"""The JSON API under /api/, documented at /api/docs (Swagger UI from our own static files).

Every route needs a personal API token (`Authorization: Bearer <token>`) and reads through the
same access-checked getters and `visible_to` querysets as the pages. The docs page and the
OpenAPI schema are public: they describe the API, not anyone's data.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError

from heathub.api.assessment_routes import router as assessment_router
from heathub.api.auth import PersonalToken
from heathub.api.organisation_routes import router as organisation_router

NOT_FOUND = "Not found: it does not exist, or your account may not see it."

api = NinjaAPI(
    title="heathub API",
    version="1.0.0",
    description="Read access to the organisations and HEAT assessments you can see in heathub. "
    "Authenticate with a personal API token from your account page: "
    '`Authorization: Bearer <token>`. Dates are ISO 8601. Errors are JSON: `{"detail": ...}`.',
    urls_namespace="api",
    auth=PersonalToken(),
    # validatorUrl null: Swagger UI would otherwise send the schema to swagger.io for a badge
    docs=Swagger(settings={"validatorUrl": None}),
    docs_decorator=require_safe,  # the docs and schema are read-only: other methods get 405
)
api.add_router("", organisation_router)
api.add_router("", assessment_router)


@api.exception_handler(AuthenticationError)
def token_refused(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(request, {"detail": exc.message}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="heathub"'  # RFC 6750: how to authenticate
    return response


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": NOT_FOUND}, status=404)
