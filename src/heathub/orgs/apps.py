from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "heathub.orgs"
    label = "orgs"
    verbose_name = "Organisations"
