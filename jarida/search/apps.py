from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "jarida.search"
    label = "search"
    verbose_name = "البحث"

    def ready(self) -> None:
        from jarida.newsroom.models import Article
        from jarida.newsroom.signals import article_changed, articles_imported
        from jarida.search import receivers

        article_changed.connect(receivers.on_article_changed, sender=Article,
                                dispatch_uid="search.article_changed")
        articles_imported.connect(receivers.on_articles_imported, sender=Article,
                                  dispatch_uid="search.articles_imported")
        # GET /api/v1/search joins the API's OpenAPI document.
        from jarida.api import schema
        from jarida.search import api

        schema.PATHS.update(api.PATHS)
        schema.SCHEMAS.update(api.SCHEMAS)
