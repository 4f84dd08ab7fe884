from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "jarida.ops"
    label = "ops"
    verbose_name = "التشغيل والأمان"
