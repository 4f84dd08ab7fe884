"""Structured data for search engines and social previews: schema.org JSON-LD
(NewsArticle, BreadcrumbList), Open Graph and Twitter card tags.

Google reads NewsArticle for Top stories and article rich results; Facebook, WhatsApp,
Telegram and X read Open Graph / Twitter tags to draw a link's preview card.
"""

from __future__ import annotations

import json
from functools import lru_cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from jarida.newsroom.models import Article, Section
from jarida.syndication.common import (
    absolute_url,
    article_modified_at,
    iso_datetime,
    site_home_url,
    site_language,
    static_absolute_url,
)

# The characters that could end a <script> element or open a comment inside it, as JSON
# escapes (what django.utils.html.json_script does; that helper only writes
# type="application/json"). U+2028/2029 are escaped for old JavaScript parsers. Replaced
# one by one: `str.translate` with a table walks a long Arabic text a character at a time
# through Python, ten times slower.
_SCRIPT_ESCAPES = (("<", "\\u003C"), (">", "\\u003E"), ("&", "\\u0026"),
                   ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))
DESCRIPTION_CHARS = 200


def json_ld_script(data: dict | list) -> SafeString:
    """A `<script type="application/ld+json">` that no string inside it can break out of."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _SCRIPT_ESCAPES:
        text = text.replace(char, escaped)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def article_description(article: Article) -> str:
    return Truncator(article.standfirst or article.body_text).chars(DESCRIPTION_CHARS)


@lru_cache(maxsize=4)
def _image_size(static_path: str) -> tuple[int, int] | None:
    from PIL import Image

    found = finders.find(static_path)
    if not found:
        return None
    with Image.open(found) as image:
        return image.size


def publisher_logo() -> dict:
    """The logo Google shows beside the publisher's stories (at most 600x60)."""
    logo = {"@type": "ImageObject", "url": static_absolute_url(settings.JARIDA_PUBLISHER_LOGO)}
    size = _image_size(settings.JARIDA_PUBLISHER_LOGO)
    if size:
        logo["width"], logo["height"] = size
    return logo


def publisher() -> dict:
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.JARIDA_PUBLISHER_NAME,
        "url": site_home_url(),
        "logo": publisher_logo(),
    }


def article_image_url(article: Article) -> str:
    """The lead picture, or the publisher's logo for a story without one."""
    if article.hero_image:
        return absolute_url(article.hero_image.url)
    return static_absolute_url(settings.JARIDA_PUBLISHER_LOGO)


def article_url(article: Article) -> str:
    return absolute_url(article.get_absolute_url())


def breadcrumb_trail(section: Section) -> list[tuple[str, str]]:
    """(name, absolute URL) from the home page down to the section."""
    trail = [(_("الرئيسية"), site_home_url())]
    if section.parent_id:
        trail.append((section.parent.name, absolute_url(section.parent.get_absolute_url())))
    trail.append((section.name, absolute_url(section.get_absolute_url())))
    return trail


def breadcrumb_json_ld(trail: list[tuple[str, str]]) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": url}
            for i, (name, url) in enumerate(trail, start=1)
        ],
    }


def article_json_ld(article: Article) -> dict:
    """schema.org NewsArticle: every field Google's article guidelines name, plus the
    correction readers see on the page."""
    url = article_url(article)
    authors = [
        {"@type": "Person", "name": a.name, "url": absolute_url(a.get_absolute_url())}
        for a in article.ordered_authors
    ]
    if not authors:
        # A free-text byline or an agency story: the newsroom is the author.
        authors = [{"@type": "Organization", "name": article.byline or
                    settings.JARIDA_PUBLISHER_NAME, "url": site_home_url()}]
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.headline,
        "description": article_description(article),
        "datePublished": iso_datetime(article.published_at),
        "dateModified": iso_datetime(article_modified_at(article)),
        "author": authors,
        "publisher": publisher(),
        "image": [article_image_url(article)],
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in article.tag_list],
        "inLanguage": site_language(),
        "wordCount": article.word_count,
        "isAccessibleForFree": True,
    }
    if article.is_corrected:
        data["correction"] = {
            "@type": "CorrectionComment",
            "text": article.correction_note,
            "datePublished": iso_datetime(article.corrected_at),
        }
    if article.source_credit:
        data["sourceOrganization"] = {"@type": "Organization", "name": article.source_credit}
    return data


def article_social_meta(article: Article) -> list[tuple[str, str, str]]:
    """(attribute, name, content) of the Open Graph and Twitter card <meta> tags."""
    image = article_image_url(article)
    description = article_description(article)
    tags = [
        ("property", "og:type", "article"),
        ("property", "og:site_name", settings.SITE_NAME),
        ("property", "og:locale", "ar_AR"),
        ("property", "og:title", article.headline),
        ("property", "og:description", description),
        ("property", "og:url", article_url(article)),
        ("property", "og:image", image),
    ]
    if article.hero_caption:
        tags.append(("property", "og:image:alt", article.hero_caption))
    tags += [
        ("property", "article:published_time", iso_datetime(article.published_at)),
        ("property", "article:modified_time", iso_datetime(article_modified_at(article))),
        ("property", "article:section", article.section.name),
    ]
    tags += [("property", "article:author", absolute_url(a.get_absolute_url()))
             for a in article.ordered_authors]
    tags += [("property", "article:tag", t.name) for t in article.tag_list]
    tags += [
        ("name", "twitter:card", "summary_large_image" if article.hero_image else "summary"),
        ("name", "twitter:title", article.headline),
        ("name", "twitter:description", description),
        ("name", "twitter:image", image),
    ]
    return tags


def section_social_meta(section: Section) -> list[tuple[str, str, str]]:
    url = absolute_url(section.get_absolute_url())
    tags = [
        ("property", "og:type", "website"),
        ("property", "og:site_name", settings.SITE_NAME),
        ("property", "og:locale", "ar_AR"),
        ("property", "og:title", f"{section.name} | {settings.SITE_NAME}"),
        ("property", "og:url", url),
    ]
    if section.description:
        tags.append(("property", "og:description", section.description))
    return tags


def feed_links(*, section=None, author=None, tag=None) -> list[tuple[str, str, str]]:
    """(type, title, absolute URL) of the feeds a page announces with <link rel=alternate>."""
    site = settings.SITE_NAME
    links = []
    if section is not None:
        scope, name, slug = "section", section.name, section.slug
    elif author is not None:
        scope, name, slug = "author", author.name, author.slug
    elif tag is not None:
        scope, name, slug = "tag", tag.name, tag.slug
    else:
        scope = None
    if scope:
        links += [
            ("application/rss+xml", f"{site}: {name} (RSS)",
             absolute_url(reverse(f"syndication:{scope}_rss", kwargs={"slug": slug}))),
            ("application/atom+xml", f"{site}: {name} (Atom)",
             absolute_url(reverse(f"syndication:{scope}_atom", kwargs={"slug": slug}))),
        ]
    return [*links, *_site_feed_links(site, settings.SITE_URL, get_script_prefix())]


@lru_cache(maxsize=16)
def _site_feed_links(site: str, site_url: str, prefix: str) -> tuple[tuple[str, str, str], ...]:
    # On every page: reversed once per site name, address and script prefix (the key).
    return (
        ("application/rss+xml", f"{site} (RSS)", absolute_url(reverse("syndication:rss"))),
        ("application/atom+xml", f"{site} (Atom)", absolute_url(reverse("syndication:atom"))),
    )
