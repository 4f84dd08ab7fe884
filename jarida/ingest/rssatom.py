"""The RSS 2.0 and Atom formats, read with feedparser.

This module only turns bytes into entries; it never fetches (bytes come from
jarida.ingest.transports) and never writes (that is jarida.ingest.feeds). feedparser is
given a byte stream, never a string, because a string that looks like a URL or a file
name would make it fetch or open one itself.
"""

from __future__ import annotations

import calendar
import hashlib
import io
import xml.sax
from dataclasses import dataclass
from datetime import UTC, datetime

import feedparser

from jarida.ingest.wpcontent import plain_text

# feedparser's own warnings that do not make a feed unreadable.
_HARMLESS = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


class FeedFormatError(Exception):
    """The bytes are not a readable RSS or Atom feed; names the line when known."""


@dataclass(frozen=True)
class FeedEntry:
    guid: str
    title: str
    link: str
    summary_html: str
    content_html: str
    published_at: datetime | None
    author: str
    image_url: str

    @property
    def summary_text(self) -> str:
        return plain_text(self.summary_html)


@dataclass(frozen=True)
class FeedDocument:
    title: str
    link: str
    language: str
    entries: tuple[FeedEntry, ...]


def _datetime(parsed) -> datetime | None:  # noqa: ANN001 - feedparser's time.struct_time
    if not parsed:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)


def _image(entry) -> str:  # noqa: ANN001
    for media in entry.get("media_content", []) + entry.get("media_thumbnail", []):
        if media.get("url") and media.get("medium", "image") == "image":
            return media["url"]
    for link in entry.get("links", []):
        if link.get("rel") == "enclosure" and str(link.get("type", "")).startswith("image/"):
            return link.get("href", "")
    return ""


def _entry(entry) -> FeedEntry:  # noqa: ANN001
    title = plain_text(entry.get("title", ""))
    link = entry.get("link", "")
    summary = entry.get("summary", "")
    contents = entry.get("content") or []
    content = max((c.get("value", "") for c in contents), key=len, default="")
    # The guid is the item's identity; without one, the link, and without that, what the
    # item says (so the same item read twice is still the same item).
    guid = entry.get("id") or link or hashlib.sha256(
        f"{title}\n{summary}".encode()).hexdigest()
    return FeedEntry(
        guid=guid.strip(),
        title=title,
        link=link.strip(),
        summary_html=summary if summary != content else "",
        content_html=content,
        published_at=_datetime(entry.get("published_parsed") or entry.get("updated_parsed")),
        author=plain_text(entry.get("author", "")),
        image_url=_image(entry),
    )


def feed_parse(content: bytes, *, url: str = "") -> FeedDocument:
    """Entries of an RSS 2.0 or Atom document. Raises FeedFormatError for XML that is not
    well-formed (with its line) or a document that is not a feed."""
    parsed = feedparser.parse(io.BytesIO(content),
                              response_headers={"content-location": url} if url else None)
    error = parsed.get("bozo_exception")
    if parsed.get("bozo") and not isinstance(error, _HARMLESS):
        if isinstance(error, xml.sax.SAXParseException):
            raise FeedFormatError(f"line {error.getLineNumber()}: the feed is not well-formed "
                                  f"XML ({error.getMessage()})")
        raise FeedFormatError(f"the feed cannot be read: {error}")
    if not parsed.get("version"):
        raise FeedFormatError("not an RSS or Atom feed")
    feed = parsed.get("feed", {})
    return FeedDocument(
        title=plain_text(feed.get("title", "")),
        link=feed.get("link", ""),
        language=feed.get("language", ""),
        entries=tuple(_entry(e) for e in parsed.get("entries", [])),
    )
