from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from heathub.accounts import views
from heathub.accounts.forms import NewPasswordForm, PasswordResetRequestForm

app_name = "accounts"
urlpatterns = [
    path("sign-in", views.sign_in, name="sign-in"),
    path("sign-out", views.sign_out, name="sign-out"),
    path("account", views.account, name="account"),
]

# Password reset by email (Django's views, our templates; the admin's registration/* never win).
urlpatterns += [
    path(
        "password-reset",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.jinja",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            form_class=PasswordResetRequestForm,
            success_url=reverse_lazy("accounts:password-reset-sent"),
            extra_context={"page_title": "Reset your password"},
        ),
        name="password-reset",
    ),
    path(
        "password-reset/sent",
        auth_views.PasswordResetDoneView.as_view(
            template_name="accounts/password_reset_sent.jinja",
            extra_context={"page_title": "Check your email"},
        ),
        name="password-reset-sent",
    ),
    path(
        "password-reset/<uidb64>/<token>",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.jinja",
            form_class=NewPasswordForm,
            success_url=reverse_lazy("accounts:password-reset-complete"),
            extra_context={"page_title": "Choose a new password"},
        ),
        name="password-reset-confirm",
    ),
    path(
        "password-reset/complete",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.jinja",
            extra_context={"page_title": "Password changed"},
        ),
        name="password-reset-complete",
    ),
]
