"""Reads for reader pages, feeds and the API. Everything starts from `published()`."""

from __future__ import annotations

from django.db.models import Prefetch, Q

from jarida.newsroom.models import Article, ArticleAuthor, Author, Section, Tag


def article_get_public(*, pk: int) -> Article | None:
    """The article a reader asked for, with everything its page shows, or None."""
    return (
        Article.objects.published()
        .select_related("section", "section__parent")
        .prefetch_related(
            Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author")),
            "tags",
        )
        .filter(pk=pk)
        .first()
    )


def article_status_for_reader(*, pk: int) -> str | None:
    """Why an article is not public: 'gone' (unpublished) or None (never was / unknown)."""
    status = Article.objects.filter(pk=pk).values_list("status", flat=True).first()
    return "gone" if status == Article.Status.UNPUBLISHED else None


def articles_latest(*, limit: int = 20, exclude_ids: tuple[int, ...] = ()) -> list[Article]:
    return list(Article.objects.published().exclude(pk__in=exclude_ids).for_listing()[:limit])


def articles_breaking(*, limit: int = 3) -> list[Article]:
    return list(Article.objects.published().filter(is_breaking=True).only(
        "id", "headline", "slug", "section__slug").select_related("section")[:limit])


def articles_in_section(*, section: Section):
    """Published articles of a section and of its subsections, newest first (a queryset,
    for pagination)."""
    return (
        Article.objects.published()
        .filter(Q(section=section) | Q(section__parent=section))
        .for_listing()
    )


def articles_by_author(*, author: Author):
    return Article.objects.published().filter(article_authors__author=author).for_listing()


def articles_tagged(*, tag: Tag):
    return Article.objects.published().filter(tags=tag).for_listing()


def article_more_in_section(*, article: Article, limit: int = 5) -> list[Article]:
    """"اخبار قد تهمك" until related articles land: the latest in the same section."""
    return list(
        Article.objects.published().filter(section_id=article.section_id)
        .exclude(pk=article.pk).for_listing()[:limit]
    )


def home_page(*, per_section: int = 4, sections_limit: int = 6) -> dict:
    """The lead story, the latest list, and a block per top-level section.

    A fixed number of queries whatever the content: one for the latest, one per section
    block (bounded by `sections_limit`), and the prefetches.
    """
    latest = articles_latest(limit=13)
    lead = next((a for a in latest if a.hero_image), latest[0] if latest else None)
    rest = [a for a in latest if a is not lead][:12]
    blocks = []
    for section in Section.objects.filter(parent__isnull=True)[:sections_limit]:
        articles = list(articles_in_section(section=section)[:per_section])
        if articles:
            blocks.append((section, articles))
    return {"lead": lead, "latest": rest, "blocks": blocks, "breaking": articles_breaking()}
