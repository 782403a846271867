from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "heathub.api"
    label = "api"
    verbose_name = "API"
