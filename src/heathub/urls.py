from django.contrib import admin
from django.urls import include, path

from heathub.api.routes import api

urlpatterns = [
    path("", include("heathub.core.urls")),
    path("", include("heathub.accounts.urls")),
    path("account/api-tokens/", include("heathub.api.urls")),
    path("organisations/", include("heathub.orgs.urls")),
    path("assessments/", include("heathub.assessments.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
