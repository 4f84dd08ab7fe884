"""What purges the page cache: the newsroom's and the comments' signals, and changes to
sections, authors and tags (their names are on many pages)."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.urls import reverse

from jarida.caching.dbstats import statistics_refresh_if_grown
from jarida.caching.purge import purge_on_commit
from jarida.caching.scheduled import scheduled_recompute
from jarida.caching.tags import (
    ALL,
    article_paths,
    article_tags,
    comment_paths,
    shown_tracking_connect,
)
from jarida.newsroom.models import Article, Author, Section, Tag
from jarida.newsroom.signals import article_changed, articles_imported

# Above this many articles in one import, purge everything rather than tag by tag.
IMPORT_PURGE_ALL_ABOVE = 50


def on_article_changed(sender, article: Article, action: str, was_public: bool,
                       **kwargs) -> None:
    """Sent inside the service's transaction: read the article's pages now (a deleted
    article is still there), purge after commit."""
    if action == "scheduled" or article.state == "scheduled":
        transaction.on_commit(scheduled_recompute)
    if not was_public and not article.is_public():
        return  # readers saw nothing before and see nothing now
    purge_on_commit(tags=article_tags(article), paths=article_paths(article))
    if action in ("unpublished", "deleted", "published"):
        transaction.on_commit(scheduled_recompute)


def on_articles_imported(sender, articles: list[Article], **kwargs) -> None:
    public = [a for a in articles if a.is_public()]
    if len(articles) > IMPORT_PURGE_ALL_ABOVE:
        purge_on_commit(tags={ALL}, paths=[reverse("site:home")])
    else:
        for article in public:
            purge_on_commit(tags=article_tags(article), paths=article_paths(article))
    transaction.on_commit(scheduled_recompute)
    transaction.on_commit(statistics_refresh_if_grown)


def on_comments_changed(sender, article: Article, **kwargs) -> None:
    """Sent after commit when the comments readers see under an article change."""
    purge_on_commit(tags={f"comments:{article.pk}"},
                    paths=comment_paths(article.pk, article.get_absolute_url()))


def on_comment_approved(sender, comment, **kwargs) -> None:
    """Sent after commit for each newly visible comment: on a further page of a long
    conversation, front ends fetch that page again too."""
    from jarida.comments.selectors import comment_page_number

    page = comment_page_number(comment=comment)
    if page > 1:
        purge_on_commit(tags=(), paths=comment_paths(comment.article_id, None, page=page))


def on_site_structure_changed(sender, instance, created: bool = False, **kwargs) -> None:
    """A section's name is in every page's navigation; an author's or tag's on many
    cards and bylines: purge every page (shared caches refresh the home page now and
    the rest within their s-maxage). A new one is on no page yet."""
    if created:
        return
    purge_on_commit(tags={ALL}, paths=[reverse("site:home")])


def connect() -> None:
    uid = "jarida.caching."
    shown_tracking_connect()
    article_changed.connect(on_article_changed, dispatch_uid=uid + "article")
    articles_imported.connect(on_articles_imported, dispatch_uid=uid + "imported")
    for model in (Section, Author, Tag):
        post_save.connect(on_site_structure_changed, sender=model, dispatch_uid=uid + "save")
        post_delete.connect(on_site_structure_changed, sender=model,
                            dispatch_uid=uid + "delete")
    try:
        from jarida.comments.signals import comment_approved, comments_changed
    except ImportError:  # jarida.comments not installed
        return
    comments_changed.connect(on_comments_changed, dispatch_uid=uid + "comments")
    comment_approved.connect(on_comment_approved, dispatch_uid=uid + "comment_approved")
