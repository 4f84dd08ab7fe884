"""XML sitemaps (django.contrib.sitemaps): one per month of articles, plus sections, authors
and tags, gathered by an index at /sitemap.xml. Locations are absolute URLs of
`SITE_URL`, whatever host the crawler used."""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Count, Max

from jarida.newsroom.models import Article
from jarida.syndication import selectors
from jarida.syndication.common import article_modified_at

MONTH_KEY = re.compile(r"articles-(\d{4})-(\d{2})", re.ASCII)


class SiteSitemap(Sitemap):
    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None) -> str:
        # Host and any path prefix of SITE_URL; the location's path follows.
        parts = urlsplit(settings.SITE_URL)
        return parts.netloc + parts.path

    def lastmod(self, item) -> datetime | None:
        return item.last_modified_at

    def summary(self) -> tuple[int, datetime | None]:
        """How many URLs and their latest change, for the index (without listing them)."""
        raise NotImplementedError

    def get_latest_lastmod(self) -> datetime | None:
        return self.summary()[1]


class ArticleMonthSitemap(SiteSitemap):
    """The public articles published in one month."""

    def __init__(self, month: selectors.ArticleMonth) -> None:
        self.month = month

    def items(self):
        return selectors.articles_in_month(year=self.month.year, month=self.month.month)

    def lastmod(self, article: Article) -> datetime:
        return article_modified_at(article)

    def summary(self) -> tuple[int, datetime | None]:
        return self.month.count, self.month.last_modified_at


class SectionSitemap(SiteSitemap):
    def items(self):
        if not hasattr(self, "_sections"):
            self._sections = selectors.sections_with_articles()
        return self._sections

    def summary(self) -> tuple[int, datetime | None]:
        items = self.items()
        return len(items), max((s.last_modified_at for s in items), default=None)


class _AggregatedSitemap(SiteSitemap):
    def summary(self) -> tuple[int, datetime | None]:
        found = self.items().aggregate(count=Count("id"), latest=Max("last_modified_at"))
        return found["count"], found["latest"]


class AuthorSitemap(_AggregatedSitemap):
    def items(self):
        return selectors.authors_with_articles()


class TagSitemap(_AggregatedSitemap):
    def items(self):
        return selectors.tags_with_articles()


def sitemaps_for_index() -> dict[str, Sitemap]:
    """Every sitemap the index lists, keyed by the name in its URL, articles first."""
    maps: dict[str, Sitemap] = {m.key: ArticleMonthSitemap(m) for m in selectors.article_months()}
    maps.update(sections=SectionSitemap(), authors=AuthorSitemap(), tags=TagSitemap())
    return maps


def sitemap_by_key(key: str) -> Sitemap | None:
    """The sitemap behind `/sitemap-<key>.xml`, or None (for a month with no articles too)."""
    if key in ("sections", "authors", "tags"):
        return {"sections": SectionSitemap, "authors": AuthorSitemap, "tags": TagSitemap}[key]()
    match = MONTH_KEY.fullmatch(key)
    if match is None or not (1900 <= int(match[1]) <= 2999 and 1 <= int(match[2]) <= 12):
        return None
    found = selectors.ArticleMonth(int(match[1]), int(match[2]), 0, None)
    if not selectors.articles_in_month(year=found.year, month=found.month).exists():
        return None
    return ArticleMonthSitemap(found)
