"""RSS 2.0 and Atom feeds of the site, each section, author and tag (django.contrib.syndication).

Each feed holds the latest 50 public articles with their publication and modification
dates, every author of the byline, the section and tags as categories, and the language
`ar`. With `JARIDA_FEEDS_FULL_CONTENT` the whole body travels too (RSS `content:encoded`,
Atom `content`); otherwise readers get the standfirst and follow the link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from jarida.newsroom.models import Article, Author, Section, Tag
from jarida.syndication import selectors
from jarida.syndication.common import (
    absolute_url,
    article_modified_at,
    html_links_absolute,
    site_home_url,
    site_language,
    xml_safe,
)

DC_NS = "http://purl.org/dc/elements/1.1/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
MEDIA_NS = "http://search.yahoo.com/mrss/"
SLUG = re.compile(r"[-\w]{1,80}")


class ArticleRssFeed(Rss201rev2Feed):
    """RSS 2.0 with one `dc:creator` per author, `content:encoded` for the full body and
    `media:content` for the lead picture (the extensions feed readers understand)."""

    def rss_attributes(self) -> dict[str, str]:
        return {**super().rss_attributes(), "xmlns:dc": DC_NS, "xmlns:content": CONTENT_NS,
                "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        for name, _link in item["authors"]:
            handler.addQuickElement("dc:creator", name)
        if item["content_html"]:
            handler.addQuickElement("content:encoded", item["content_html"])
        if item["image_url"]:
            handler.addQuickElement("media:content", None,
                                    {"url": item["image_url"], "medium": "image"})


class ArticleAtomFeed(Atom1Feed):
    """Atom with an `author` (name and page) per author and `content` for the full body."""

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        for name, link in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            if link:
                handler.addQuickElement("uri", link)
            handler.endElement("author")
        if item["content_html"]:
            handler.addQuickElement("content", item["content_html"], {"type": "html"})
        if item["image_url"]:
            handler.addQuickElement("link", None, {"rel": "enclosure",
                                                   "href": item["image_url"],
                                                   "type": _image_type(item["image_url"])})


def _image_type(url: str) -> str:
    extension = url.rsplit(".", 1)[-1].lower()
    return {"png": "image/png", "webp": "image/webp", "gif": "image/gif",
            "avif": "image/avif"}.get(extension, "image/jpeg")


@dataclass(frozen=True)
class FeedScope:
    """What one feed covers: its title, its page on the site, its own URL, and a filter."""

    title: str
    description: str
    page_url: str
    feed_path: str
    section: Section | None = None
    author: Author | None = None
    tag: Tag | None = None


class ArticlesFeed(Feed):
    """One class for the site's feeds; `kind` says which objects' articles it lists."""

    def __init__(self, *, kind: str, atom: bool = False) -> None:
        if kind not in ("site", "section", "author", "tag"):
            raise ValueError(f"Unknown feed kind: {kind}")
        self.kind = kind
        self.feed_type = ArticleAtomFeed if atom else ArticleRssFeed

    @property
    def language(self) -> str:
        return site_language()

    def get_object(self, request, slug: str | None = None) -> FeedScope:
        if slug is not None and not SLUG.fullmatch(slug):
            # Not a slug any object could have (and PostgreSQL refuses a NUL in a query).
            raise Http404
        site = settings.SITE_NAME
        path = request.path
        if self.kind == "section":
            section = get_object_or_404(Section, slug=slug)
            return FeedScope(f"{site}: {section.name}",
                             section.description or _("آخر أخبار قسم %(name)s") % {"name": section.name},
                             absolute_url(section.get_absolute_url()), path, section=section)
        if self.kind == "author":
            author = get_object_or_404(Author, slug=slug)
            return FeedScope(f"{site}: {author.name}",
                             _("آخر مقالات %(name)s") % {"name": author.name},
                             absolute_url(author.get_absolute_url()), path, author=author)
        if self.kind == "tag":
            tag = get_object_or_404(Tag, slug=slug)
            return FeedScope(f"{site}: {tag.name}",
                             _("آخر الأخبار الموسومة بـ«%(name)s»") % {"name": tag.name},
                             absolute_url(tag.get_absolute_url()), path, tag=tag)
        return FeedScope(f"{site}: {_('آخر الأخبار')}", _("آخر ما نشرته %(site)s") % {"site": site},
                         site_home_url(), path)

    # The channel.
    def title(self, scope: FeedScope) -> str:
        return xml_safe(scope.title)

    def description(self, scope: FeedScope) -> str:
        return xml_safe(scope.description)

    def subtitle(self, scope: FeedScope) -> str:
        return xml_safe(scope.description)

    def link(self, scope: FeedScope) -> str:
        return scope.page_url

    def feed_url(self, scope: FeedScope) -> str:
        return absolute_url(scope.feed_path)

    def feed_guid(self, scope: FeedScope) -> str:
        return absolute_url(scope.feed_path)

    def author_name(self) -> str:
        # Atom wants an author for every entry; the publisher stands in for bylines
        # without a named author (an agency story, a free-text byline).
        return xml_safe(settings.JARIDA_PUBLISHER_NAME)

    def author_link(self) -> str:
        return site_home_url()

    def feed_copyright(self) -> str:
        return xml_safe(f"© {settings.JARIDA_PUBLISHER_NAME}")

    def items(self, scope: FeedScope) -> list[Article]:
        return selectors.feed_articles(section=scope.section, author=scope.author, tag=scope.tag)

    # Each article.
    def item_title(self, article: Article) -> str:
        return xml_safe(article.headline)

    def item_description(self, article: Article) -> str:
        # RSS description and Atom summary are HTML: plain text is escaped once more.
        summary = article.standfirst or Truncator(article.body_text).words(60)
        return xml_safe(escape(summary))

    def item_link(self, article: Article) -> str:
        return absolute_url(article.get_absolute_url())

    def item_guid(self, article: Article) -> str:
        # The short link: it survives slug and section changes, and still leads to the page.
        return absolute_url(reverse("site:article_by_id", kwargs={"pk": article.pk}))

    item_guid_is_permalink = True

    def item_pubdate(self, article: Article):
        return article.published_at

    def item_updateddate(self, article: Article):
        return article_modified_at(article)

    def item_categories(self, article: Article) -> list[str]:
        names = [article.section.name] + [tag.name for tag in article.tags.all()]
        return [xml_safe(name) for name in dict.fromkeys(names)]

    def item_extra_kwargs(self, article: Article) -> dict:
        authors = [(xml_safe(a.name), absolute_url(a.get_absolute_url()))
                   for a in article.ordered_authors]
        if not authors and article.byline:
            authors = [(xml_safe(article.byline), "")]
        content = None
        if settings.JARIDA_FEEDS_FULL_CONTENT:
            content = xml_safe(html_links_absolute(article.body))
        image = absolute_url(article.hero_image.url) if article.hero_image else None
        return {"authors": authors, "content_html": content, "image_url": image}
