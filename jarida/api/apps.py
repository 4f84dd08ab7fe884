from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "jarida.api"
    label = "api"
    verbose_name = "واجهة JSON"
