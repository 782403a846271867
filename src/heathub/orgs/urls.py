from django.urls import path

from heathub.orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.mine, name="mine"),
]
