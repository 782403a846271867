"""The personal API token pages, under the person's account."""

from django.urls import path

from heathub.api import views

app_name = "api-tokens"
urlpatterns = [
    path("", views.token_list, name="list"),
    path("new", views.token_create, name="create"),
    path("<int:pk>/revoke", views.token_revoke, name="revoke"),
]
