"""What feeds, sitemaps, structured data and the JSON API share: absolute URLs built from
`SITE_URL`, text that XML 1.0 accepts, and an article's modification time.

Machines read these documents away from the request that made them (a feed reader, a
crawler, a partner app), so every URL in them is absolute and names the public site
(`JARIDA_SITE_URL`), never the host a request happened to come through.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urljoin, urlsplit

import lxml.html
from django.conf import settings
from django.templatetags.static import static
from django.utils import timezone
from django.utils.encoding import iri_to_uri

from jarida.newsroom.models import Article

# Characters XML 1.0 forbids: C0 controls other than tab/newline/return, lone surrogates,
# and the two non-characters U+FFFE/U+FFFF. One pasted vertical tab in a headline would
# otherwise make a whole feed unparseable (Django's feed writer refuses them outright).
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def absolute_url(url: str) -> str:
    """`/اقتصاد/12/…` -> `https://example.com/%D8%A7…/12/…`; absolute URLs pass through."""
    if url.startswith(("http://", "https://")):
        return iri_to_uri(url)
    if url.startswith("//"):
        return iri_to_uri(f"{urlsplit(settings.SITE_URL).scheme}:{url}")
    return iri_to_uri(settings.SITE_URL + "/" + url.lstrip("/"))


def static_absolute_url(path: str) -> str:
    """The public URL of a static file (fingerprinted in production; CDNs are honoured)."""
    return absolute_url(static(path))


def site_home_url() -> str:
    return settings.SITE_URL + "/"


def site_language() -> str:
    """The content language as feeds and schema.org write it: `ar`."""
    return settings.LANGUAGE_CODE.split("-")[0]


def xml_safe(text: str | None) -> str:
    """Text with the characters XML 1.0 cannot carry removed."""
    return _XML_FORBIDDEN.sub("", text or "")


def html_links_absolute(html: str) -> str:
    """A sanitized body whose links and images work outside the site (feeds, the API).

    Bodies may hold site-relative links (`/media/…`, `/اقتصاد/…`); a feed reader or an
    app would resolve them against its own host.
    """
    if not html or ("href=\"/" not in html and "src=\"/" not in html):
        return html
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    base = settings.SITE_URL + "/"
    for element, attribute, link, _pos in list(root.iterlinks()):
        if attribute in ("href", "src") and link.startswith("/") and not link.startswith("//"):
            element.set(attribute, urljoin(base, link.lstrip("/")))
    inner = lxml.html.tostring(root, encoding="unicode")
    return inner[len("<div>"):-len("</div>")]


def article_modified_at(article: Article) -> datetime:
    """When readers last saw the article change: its publication, or a later edit or
    correction. A scheduled article's `updated_at` predates its publication time."""
    if article.updated_at and article.updated_at > article.published_at:
        return article.updated_at
    return article.published_at


def iso_datetime(value: datetime) -> str:
    """ISO 8601 with the site's offset, to the second: `2026-11-25T14:05:00+03:00`."""
    return timezone.localtime(value).isoformat(timespec="seconds")
