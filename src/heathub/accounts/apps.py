from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "heathub.accounts"
    label = "accounts"
    verbose_name = "People and sign-in"
