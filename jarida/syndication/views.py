"""Sitemaps and robots.txt for crawlers. Thin views: reads are in selectors.py and
sitemaps.py. Every answer may be cached a few minutes and carries an ETag (304 on a
repeated request), so frequent crawls cost one hash, not a render."""

from __future__ import annotations

import math

from django.conf import settings
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import http_date
from django.views.decorators.cache import cache_control
from django.views.decorators.http import conditional_page, require_safe

from jarida.syndication import selectors
from jarida.syndication.common import (
    absolute_url,
    article_modified_at,
    iso_datetime,
    site_language,
    xml_safe,
)
from jarida.syndication.sitemaps import sitemap_by_key, sitemaps_for_index

CACHE_SECONDS = 300


def crawler_view(view):
    """GET/HEAD only, cacheable for a few minutes, with ETag and conditional GET."""
    return require_safe(cache_control(public=True, max_age=CACHE_SECONDS)(conditional_page(view)))


@crawler_view
@x_robots_tag
def sitemap_index(request: HttpRequest) -> HttpResponse:
    """Lists each non-empty sitemap (and each further page of a large one)."""
    entries = []
    for key, sitemap in sitemaps_for_index().items():
        count, latest = sitemap.summary()
        if count == 0:
            continue  # an empty <urlset> is invalid by the sitemaps.org schema
        location = absolute_url(reverse("syndication:sitemap", kwargs={"key": key}))
        entries.append(SitemapIndexItem(location, latest))
        pages = math.ceil(count / sitemap.limit)
        entries.extend(SitemapIndexItem(f"{location}?p={page}", latest)
                       for page in range(2, pages + 1))
    return TemplateResponse(request, "syndication/sitemap_index.xml", {"sitemaps": entries},
                            content_type="application/xml; charset=utf-8")


@crawler_view
def sitemap(request: HttpRequest, key: str) -> HttpResponse:
    found = sitemap_by_key(key)
    if found is None:
        raise Http404("No such sitemap")
    # Django's view paginates (?p=2) and answers 404 for a page out of range or not a number.
    return django_sitemap(request, {key: found}, section=key,
                          template_name="syndication/sitemap.xml",
                          content_type="application/xml; charset=utf-8")


@crawler_view
@x_robots_tag
def sitemap_news(request: HttpRequest) -> HttpResponse:
    """Google News sitemap: the last 48 hours, at most 1,000 articles."""
    articles = selectors.news_articles()
    entries = [
        {
            "location": absolute_url(a.get_absolute_url()),
            "published": iso_datetime(a.published_at),
            "title": xml_safe(a.headline),
        }
        for a in articles
    ]
    headers = {}
    if articles:
        latest = max(article_modified_at(a) for a in articles)
        headers["Last-Modified"] = http_date(latest.timestamp())
    return TemplateResponse(
        request, "syndication/sitemap_news.xml",
        {"entries": entries, "publication_name": xml_safe(settings.JARIDA_PUBLISHER_NAME),
         "language": site_language()},
        content_type="application/xml; charset=utf-8", headers=headers,
    )


@require_safe
@cache_control(public=True, max_age=3600)
def robots_txt(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request, "syndication/robots.txt",
        {"sitemaps": [absolute_url(reverse("syndication:sitemap_index")),
                      absolute_url(reverse("syndication:sitemap_news"))]},
        content_type="text/plain; charset=utf-8",
    )
