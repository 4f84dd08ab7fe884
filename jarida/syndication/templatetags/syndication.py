"""Template tags for feeds discovery, structured data and sitemaps.

    {% load syndication %}
    {% article_structured_data article %}   NewsArticle + BreadcrumbList JSON-LD, OG, Twitter
    {% section_structured_data section %}   BreadcrumbList JSON-LD, OG
    {% feed_links section=section %}        <link rel="alternate"> for the page's feeds
"""

from datetime import datetime
from html import escape

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

from jarida.caching.fragments import fragment_render
from jarida.newsroom.models import Article, Section
from jarida.syndication import common, structured
from jarida.syndication.common import iso_datetime

register = template.Library()


def _meta_tags(tags: list[tuple[str, str, str]]) -> SafeString:
    # The standard library's escape (the same five characters as Django's): a page has
    # some thirty of these, and format_html's per-value SafeString work was a tenth of
    # the article page's render.
    return mark_safe("\n".join(  # noqa: S308 - every value escaped
        f'<meta {escape(attribute)}="{escape(name)}" content="{escape(str(content))}">'
        for attribute, name, content in tags))


@register.simple_tag
def article_structured_data(article: Article) -> SafeString:
    """Everything a crawler or a link preview reads from an article page's head: derived
    from the article alone, so kept as a fragment purged with it (jarida.caching)."""
    if article.published_at is None:
        return mark_safe("")  # a draft in the admin's preview: not a publication yet

    def render() -> str:
        return "\n".join([
            structured.json_ld_script(structured.article_json_ld(article)),
            structured.json_ld_script(structured.breadcrumb_json_ld(
                structured.breadcrumb_trail(article.section))),
            _meta_tags(structured.article_social_meta(article)),
        ])

    return fragment_render(f"head:{article.pk}", tags={f"article:{article.pk}"},
                           render=render)


@register.simple_tag
def section_structured_data(section: Section) -> SafeString:
    parts = [
        structured.json_ld_script(structured.breadcrumb_json_ld(
            structured.breadcrumb_trail(section))),
        _meta_tags(structured.section_social_meta(section)),
    ]
    return mark_safe("\n".join(parts))


@register.simple_tag
def feed_links(section=None, author=None, tag=None) -> SafeString:
    links = structured.feed_links(section=section, author=author, tag=tag)
    return format_html_join("\n", '<link rel="alternate" type="{}" title="{}" href="{}">', links)


@register.filter
def w3c_datetime(value: datetime | None) -> str:
    """`2026-11-25T14:05:00+03:00`: the W3C datetime sitemaps ask for."""
    return iso_datetime(value) if value else ""



@register.simple_tag
def absolute_url(path: str) -> str:
    """The public URL of a site path, from SITE_URL (not the host of the request)."""
    return common.absolute_url(path)
