from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "jarida.site"
    label = "site"
    verbose_name = "موقع القراء"
