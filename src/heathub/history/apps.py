from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "heathub.history"
    label = "history"
    verbose_name = "Change history"
