from django.apps import AppConfig

EDITOR_PERMISSIONS = [
    "related.view_relatedchoice", "related.add_relatedchoice", "related.change_relatedchoice",
    "related.delete_relatedchoice",
    "related.view_duplicateflag", "related.change_duplicateflag",
]


class RelatedConfig(AppConfig):
    name = "jarida.related"
    label = "related"
    verbose_name = "الأخبار ذات الصلة"

    def ready(self) -> None:
        from jarida.newsroom.models import Article
        from jarida.newsroom.roles import EDITOR, EXTRA_ROLE_PERMISSIONS
        from jarida.newsroom.signals import article_changed, articles_imported
        from jarida.related import receivers

        article_changed.connect(receivers.on_article_changed, sender=Article,
                                dispatch_uid="related.article_changed")
        articles_imported.connect(receivers.on_articles_imported, sender=Article,
                                  dispatch_uid="related.articles_imported")
        # The endpoint GET /api/v1/articles/<id>/related joins the API's OpenAPI document.
        from jarida.api import schema
        from jarida.related import views

        schema.PATHS.update(views.PATHS)
        schema.SCHEMAS.update(views.SCHEMAS)
        extra = EXTRA_ROLE_PERMISSIONS.setdefault(EDITOR, [])
        extra.extend(name for name in EDITOR_PERMISSIONS if name not in extra)

    def load_demo_content(self, *, stdout) -> None:
        """Called by `load_demo_content` once the demo articles exist: recount and
        recompute every list exactly (each was computed when fewer articles existed)."""
        from django.core.management import call_command

        call_command("rebuild_related", "--no-progress", stdout=stdout)
