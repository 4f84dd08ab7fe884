"""How newsroom objects look in the JSON API (the shapes the OpenAPI document describes in
`jarida.api.schema`; a test holds the two together). Other endpoints reuse these."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache

from django.urls import reverse

from jarida.newsroom.models import Article, Author, Section, Tag
from jarida.syndication.common import absolute_url, article_modified_at, html_links_absolute


@lru_cache(maxsize=8192)
def _path(viewname: str, slug: str) -> str:
    # A list of 100 articles names the same sections, authors and tags many times over;
    # reverse() is the costliest step of building it, and a slug's path never changes.
    return reverse(viewname, args=[slug])


def api_datetime(value: datetime | None) -> str | None:
    """UTC, to the second: `2026-11-25T11:05:00Z`."""
    if value is None:
        return None
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(
        timespec="seconds") + "Z"


def section_data(section: Section) -> dict:
    return {
        "id": section.pk,
        "slug": section.slug,
        "name": section.name,
        "description": section.description,
        "parent_id": section.parent_id,
        "position": section.position,
        "url": absolute_url(_path("site:section", section.slug)),
    }


def section_ref(section: Section) -> dict:
    return {"id": section.pk, "slug": section.slug, "name": section.name,
            "url": absolute_url(_path("site:section", section.slug))}


def author_ref(author: Author) -> dict:
    return {"id": author.pk, "slug": author.slug, "name": author.name,
            "url": absolute_url(_path("site:author", author.slug))}


def author_data(author: Author) -> dict:
    return {**author_ref(author), "bio": author.bio,
            "photo_url": absolute_url(author.photo.url) if author.photo else None}


def tag_data(tag: Tag) -> dict:
    return {"id": tag.pk, "slug": tag.slug, "name": tag.name,
            "url": absolute_url(_path("site:tag", tag.slug))}


def article_summary(article: Article) -> dict:
    """An article as lists show it: everything but the body."""
    image = None
    if article.hero_image:
        image = {"url": absolute_url(article.hero_image.url), "caption": article.hero_caption,
                 "credit": article.hero_credit}
    return {
        "id": article.pk,
        "url": absolute_url(article.get_absolute_url()),
        "short_url": absolute_url(reverse("site:article_by_id", kwargs={"pk": article.pk})),
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "section": section_ref(article.section),
        "authors": [author_ref(a) for a in article.ordered_authors],
        "byline": article.byline,
        "tags": [tag_data(t) for t in article.tag_list],
        "source_credit": article.source_credit,
        "is_breaking": article.is_breaking,
        "image": image,
        "published_at": api_datetime(article.published_at),
        "modified_at": api_datetime(article_modified_at(article)),
        "corrected_at": api_datetime(article.corrected_at),
    }


def article_detail(article: Article) -> dict:
    """One article with its body (sanitized HTML, links made absolute) and correction."""
    correction = None
    if article.is_corrected:
        correction = {"note": article.correction_note,
                      "corrected_at": api_datetime(article.corrected_at)}
    return {
        **article_summary(article),
        "body": html_links_absolute(article.body),
        "word_count": article.word_count,
        "correction": correction,
    }
