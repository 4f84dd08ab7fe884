from django.apps import AppConfig


class SyndicationConfig(AppConfig):
    name = "jarida.syndication"
    label = "syndication"
    verbose_name = "التوزيع والخلاصات"
