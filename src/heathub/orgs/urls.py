from django.urls import path

from heathub.orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("<int:pk>", views.detail, name="detail"),
    path("<int:pk>/invite", views.invite, name="invite"),
    path(
        "<int:pk>/invitations/<int:invitation_pk>/withdraw",
        views.withdraw_invitation,
        name="withdraw-invitation",
    ),
    path("<int:pk>/members/<int:membership_pk>/role", views.change_role, name="change-role"),
    path("<int:pk>/members/<int:membership_pk>/remove", views.remove_member, name="remove-member"),
    path("<int:pk>/settings", views.organisation_settings, name="settings"),
    path("<int:pk>/history", views.history, name="history"),
    path("invitations/<str:token>", views.accept_invitation, name="accept-invitation"),
]
