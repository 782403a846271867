"""The JSON API under /api/, documented at /api/docs."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="heathub API",
    version="1.0.0",
    description="Read access to organisations and HEAT assessments. Authenticate with a personal "
    "API token from your account page: `Authorization: Bearer <token>`.",
    urls_namespace="api",
)
