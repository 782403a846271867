from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "heathub.frameworks"
    label = "frameworks"
    verbose_name = "HEAT framework versions"
