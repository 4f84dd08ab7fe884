from django.apps import AppConfig


class RelatedConfig(AppConfig):
    name = "jarida.related"
    label = "related"
    verbose_name = "الأخبار ذات الصلة"
