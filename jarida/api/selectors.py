"""Reads for the JSON API. Articles start from `Article.objects.published()`; lists come
with their relations prefetched, so a page costs the same few queries at any length."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Prefetch, Q, QuerySet

from jarida.newsroom import selectors as newsroom
from jarida.newsroom.models import Article, ArticleAuthor, Author, Section, Tag


def articles_filtered(*, section: Section | None = None, author: Author | None = None,
                      tag: Tag | None = None, since: datetime | None = None,
                      until: datetime | None = None) -> QuerySet[Article]:
    """Public articles, newest first. A section includes its subsections (as its page
    does); `since` is inclusive and `until` exclusive, on `published_at`."""
    queryset = Article.objects.published()
    if section is not None:
        queryset = queryset.filter(Q(section=section) | Q(section__parent=section))
    if author is not None:
        queryset = queryset.filter(article_authors__author=author)
    if tag is not None:
        queryset = queryset.filter(tags=tag)
    if since is not None:
        queryset = queryset.filter(published_at__gte=since)
    if until is not None:
        queryset = queryset.filter(published_at__lt=until)
    return (
        queryset.select_related("section")
        .prefetch_related(
            Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author")),
            "tags",
        )
        .order_by("-published_at", "-id")
    )


def article_public(*, pk: int) -> Article | None:
    return newsroom.article_get_public(pk=pk)


def article_is_gone(*, pk: int) -> bool:
    """An article that was public and has been withdrawn (unpublished)."""
    return newsroom.article_status_for_reader(pk=pk) == "gone"


def section_by_slug(slug: str) -> Section | None:
    return Section.objects.filter(slug=slug).first()


def author_by_slug(slug: str) -> Author | None:
    return Author.objects.filter(slug=slug).first()


def tag_by_slug(slug: str) -> Tag | None:
    return Tag.objects.filter(slug=slug).first()


def sections_all() -> QuerySet[Section]:
    return Section.objects.order_by("position", "id")


def authors_all() -> QuerySet[Author]:
    return Author.objects.order_by("name", "id")


def tags_all() -> QuerySet[Tag]:
    return Tag.objects.order_by("name", "id")
