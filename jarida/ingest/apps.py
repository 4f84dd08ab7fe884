from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "jarida.ingest"
    label = "ingest"
    verbose_name = "الاستيراد"
