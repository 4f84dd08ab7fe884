"""Keep the search index in step with the newsroom.

Both signals arrive inside the transaction of the change, and the index is written right
there: it commits with the change or rolls back with it (ADR 0030). Errors are not
swallowed, for the same reason: an article must not go public without being searchable,
nor stay findable after it is withdrawn.
"""

from __future__ import annotations

from jarida.search import services

# Steps that never concern a published article: nothing to index or remove.
_IGNORED = frozenset({"created", "submitted", "returned"})


def on_article_changed(sender, article, action: str, was_public: bool, **kwargs) -> None:
    if action in _IGNORED:
        return
    if action == "deleted":
        services.search_remove_articles(article_ids=[article.pk])
    else:
        services.search_index_articles(articles=[article])


def on_articles_imported(sender, articles, **kwargs) -> None:
    services.search_index_articles(articles=articles)
