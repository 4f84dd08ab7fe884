"""Reads for feeds and sitemaps. Everything starts from `Article.objects.published()`, so
a draft, a scheduled article before its time or an unpublished one never leaks to a
feed reader or a crawler."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Max, Prefetch, QuerySet
from django.db.models.functions import Greatest, TruncMonth
from django.utils import timezone

from jarida.newsroom import selectors as newsroom
from jarida.newsroom.models import Article, ArticleAuthor, Author, Section, Tag

FEED_ITEMS = 50
NEWS_SITEMAP_HOURS = 48
NEWS_SITEMAP_MAX = 1000  # Google News reads at most this many URLs from one news sitemap


def _with_feed_relations(queryset: QuerySet[Article]) -> QuerySet[Article]:
    """Section, ordered authors and tags in a fixed number of queries (no N+1)."""
    return queryset.select_related("section").prefetch_related(
        Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author")),
        "tags",
    )


def feed_articles(*, section: Section | None = None, author: Author | None = None,
                  tag: Tag | None = None, limit: int = FEED_ITEMS) -> list[Article]:
    """The latest public articles of the site, a section (with its subsections, as on the
    section page), an author or a tag, newest first."""
    if section is not None:
        queryset = newsroom.articles_in_section(section=section)
    elif author is not None:
        queryset = newsroom.articles_by_author(author=author)
    elif tag is not None:
        queryset = newsroom.articles_tagged(tag=tag)
    else:
        queryset = Article.objects.published()
    return list(_with_feed_relations(queryset.order_by("-published_at", "-id"))[:limit])


def _modified():
    # The later of publication and last edit, per article row (see common.article_modified_at).
    return Greatest("published_at", "updated_at")


@dataclass(frozen=True)
class ArticleMonth:
    year: int
    month: int
    count: int
    last_modified_at: datetime

    @property
    def key(self) -> str:
        return f"articles-{self.year:04d}-{self.month:02d}"


def article_months() -> list[ArticleMonth]:
    """Months (in the site's time zone) that hold public articles, oldest first, with how
    many and when the latest of them changed: one query for the whole sitemap index."""
    tz = timezone.get_default_timezone()
    rows = (
        Article.objects.published()
        .annotate(month=TruncMonth("published_at", tzinfo=tz))
        .values("month")
        .annotate(count=Count("id"), last=Max(_modified()))
        .order_by("month")
    )
    return [ArticleMonth(r["month"].year, r["month"].month, r["count"], r["last"]) for r in rows]


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    """The first instant of the month and of the next one, in the site's time zone."""
    tz = timezone.get_default_timezone()
    start = datetime(year, month, 1, tzinfo=tz)
    end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=tz)
    return start, end


def articles_in_month(*, year: int, month: int) -> QuerySet[Article]:
    """Public articles published in one month, oldest first, with what their URL needs."""
    start, end = month_bounds(year, month)
    return (
        Article.objects.published()
        .filter(published_at__gte=start, published_at__lt=end)
        .select_related("section")
        .only("id", "slug", "published_at", "updated_at", "section__slug")
        .order_by("published_at", "id")
    )


def sections_with_articles() -> list[Section]:
    """Sections whose page lists public articles (their own or their subsections'), each
    with `last_modified_at`."""
    latest = dict(
        Article.objects.published().order_by().values_list("section_id")
        .annotate(last=Max(_modified()))
    )
    sections = list(Section.objects.order_by("position", "id"))
    for section in sections:
        times = [latest.get(section.pk)] + [
            latest.get(child.pk) for child in sections if child.parent_id == section.pk
        ]
        times = [t for t in times if t is not None]
        section.last_modified_at = max(times) if times else None
    return [s for s in sections if s.last_modified_at is not None]


def authors_with_articles() -> QuerySet[Author]:
    """Authors with at least one public article, each with `last_modified_at`."""
    public = Article.objects.published()
    return (
        Author.objects.filter(article_links__article__in=public)
        .annotate(last_modified_at=Max(Greatest("article_links__article__published_at",
                                                "article_links__article__updated_at")))
        .only("id", "slug", "name")
        .order_by("id")
    )


def tags_with_articles() -> QuerySet[Tag]:
    """Tags on at least one public article, each with `last_modified_at`."""
    public = Article.objects.published()
    return (
        Tag.objects.filter(articles__in=public)
        .annotate(last_modified_at=Max(Greatest("articles__published_at", "articles__updated_at")))
        .only("id", "slug", "name")
        .order_by("id")
    )


def news_articles(*, now: datetime | None = None) -> list[Article]:
    """Google News: public articles of the last 48 hours, newest first, at most 1,000."""
    now = now or timezone.now()
    return list(
        Article.objects.published(at=now)
        .filter(published_at__gte=now - timedelta(hours=NEWS_SITEMAP_HOURS))
        .select_related("section")
        .only("id", "slug", "headline", "published_at", "updated_at", "section__slug")
        .order_by("-published_at", "-id")[:NEWS_SITEMAP_MAX]
    )
