from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "jarida.caching"
    label = "caching"
    verbose_name = "التخزين المؤقت"

    def ready(self) -> None:
        from jarida.caching import receivers

        receivers.connect()
