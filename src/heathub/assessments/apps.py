from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "heathub.assessments"
    label = "assessments"
    verbose_name = "HEAT assessments"
