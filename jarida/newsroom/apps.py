from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_roles(sender, **kwargs) -> None:
    from jarida.newsroom.roles import roles_ensure

    roles_ensure(strict=False)


class NewsroomConfig(AppConfig):
    name = "jarida.newsroom"
    label = "newsroom"
    verbose_name = "غرفة الأخبار"

    def ready(self) -> None:
        # Roles are data the code depends on: keep them in step after every migrate.
        post_migrate.connect(_ensure_roles, dispatch_uid="jarida.newsroom.roles")
