"""Keep profiles, flags and related lists in step with the newsroom.

Both signals arrive inside the transaction of the change, so the derived rows commit or
roll back with it. The work runs in a savepoint: should it fail, the article is still
published (the newsroom must not stop because of a related list), the error is logged,
and `rebuild_related --missing` repairs it. Refreshing the neighbours' lists runs after
the commit (transaction.on_commit in the service).
"""

from __future__ import annotations

import logging

from django.db import transaction

from jarida.related import services

logger = logging.getLogger(__name__)


def on_article_changed(sender, article, action: str, was_public: bool, **kwargs) -> None:
    try:
        with transaction.atomic():
            services.article_related_update(article=article, action=action)
    except Exception:
        logger.exception("related: could not update article %s after %s", article.pk, action)


def on_articles_imported(sender, articles, **kwargs) -> None:
    try:
        with transaction.atomic():
            services.articles_related_import(articles=articles)
    except Exception:
        logger.exception("related: could not update an import batch of %d", len(articles))
