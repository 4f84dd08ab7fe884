"""Import articles from RSS and Atom feeds: the newsroom action behind `import_feed`.

The rules (docs/decisions/0066-feed-import.md):

- An entry is known by its guid within its feed (`ImportedItem`, kind feed_entry): the
  same feed read twice creates nothing new, and an entry whose content changed updates
  its article.
- Articles are made through the newsroom services (by=None): drafts for an editor, or
  published at once, as the feed's `FeedSource.publish_mode` says, with the feed's
  credit in `source_credit`.
- When an entry carries only a summary, the article text is extracted from the linked
  page (jarida.ingest.webpage, trafilatura); if that fails the summary is kept.
- A new article is checked for near-duplicates with jarida.related's hook; a likely
  duplicate is kept as a draft (with a note) instead of being published.
- Each entry is written in its own transaction; a feed that cannot be fetched or read is
  reported on its FeedSource (`last_error`) and changes nothing.
"""

from __future__ import annotations

import hashlib
import html
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from jarida.ingest import transports
from jarida.ingest.models import FeedSource, ImportedItem
from jarida.ingest.rssatom import FeedEntry, FeedFormatError, feed_parse
from jarida.ingest.webpage import article_extract, page_decode
from jarida.ingest.wpcontent import plain_text
from jarida.newsroom import services
from jarida.newsroom.bodies import body_from_plain_text, body_sanitize
from jarida.newsroom.models import Article, Section
from jarida.newsroom.services import WorkflowError

# A feed's own content counts as the full article from this many words on.
FULL_TEXT_MIN_WORDS = 80
PAGE_MAX_BYTES = 5 * 1024 * 1024
FEED_MAX_BYTES = 10 * 1024 * 1024
STANDFIRST_MAX_CHARS = 600
DEFAULT_SECTION = ("عام", "عام")


@dataclass
class FeedReport:
    feed: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    not_modified: bool = False
    error: str = ""
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)

    def as_text(self) -> str:
        if self.error:
            return f"{self.feed}: failed: {self.error}"
        if self.not_modified:
            return f"{self.feed}: not modified since the last poll"
        lines = [f"{self.feed}: created {self.created}, updated {self.updated}, "
                 f"unchanged {self.unchanged}, skipped {len(self.skipped)}"]
        lines += [f"  skipped {guid}: {reason}" for guid, reason in self.skipped]
        lines += [f"  note {guid}: {note}" for guid, note in self.notes]
        return "\n".join(lines)


def feed_location(value: str) -> str:
    """What a FeedSource stores for a command-line argument: an http(s) URL as given, a
    local path as an absolute file:// URI."""
    if urlsplit(value).scheme.lower() in transports.ALLOWED_SCHEMES + ("file",):
        return value
    return Path(value).resolve().as_uri()


def feed_source_ensure(*, location: str, name: str | None = None, credit: str | None = None,
                       publish_mode: str | None = None, section: Section | None = None,
                       fetch_full_text: bool | None = None) -> FeedSource:
    """The FeedSource for a URL or file, created on first use; options given here
    overwrite the stored ones, options left out keep them."""
    source, _ = FeedSource.objects.get_or_create(url=feed_location(location))
    changes = {"name": name, "source_credit": credit, "publish_mode": publish_mode,
               "section": section, "fetch_full_text": fetch_full_text}
    changed = [k for k, v in changes.items() if v is not None and getattr(source, k) != v]
    for key in changed:
        setattr(source, key, changes[key])
    if changed:
        source.save(update_fields=changed)
    return source


def _fingerprint(entry: FeedEntry) -> str:
    data = {k: getattr(entry, k) for k in ("title", "link", "summary_html", "content_html",
                                            "author", "image_url")}
    data["published_at"] = entry.published_at.isoformat() if entry.published_at else ""
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True)
                          .encode()).hexdigest()


def _remote_id(guid: str) -> str:
    limit = ImportedItem._meta.get_field("remote_id").max_length
    return guid if len(guid) <= limit else "sha256:" + hashlib.sha256(guid.encode()).hexdigest()


def _as_html(text: str) -> str:
    return text if "<" in text and ">" in text else body_from_plain_text(html.unescape(text))


def _words(body_html: str) -> int:
    return len(plain_text(body_html).split())


def _entry_body(entry: FeedEntry, *, source: FeedSource, report: FeedReport,
                fetch_page: Callable[..., transports.Fetched]) -> str:
    """The article text: the feed's own content when it is the full article, else the
    text extracted from the linked page, else whatever the feed gave."""
    given = _as_html(entry.content_html or entry.summary_html)
    if entry.content_html and _words(given) >= FULL_TEXT_MIN_WORDS:
        return given
    if source.fetch_full_text and entry.link:
        try:
            page = fetch_page(entry.link, max_bytes=PAGE_MAX_BYTES)
            extracted = article_extract(
                page_decode(page.content, content_type=page.headers.get("content-type", "")),
                url=page.url)
        except transports.FetchError as error:
            report.notes.append((entry.guid, f"the article page was not read: {error}"))
            extracted = ""
        if extracted and _words(extracted) > _words(given):
            return extracted
    return given


def _near_duplicates(article: Article) -> list[Article]:
    """Articles that tell the same story: jarida.related's hook for this importer,
    `article_near_duplicates(*, article)`, which also works for a draft. When an editor
    publishes the draft, jarida.related flags the pair for review. Without that hook,
    nothing is flagged."""
    try:
        from jarida.related import services as related_services
    except ImportError:
        return []
    finder = getattr(related_services, "article_near_duplicates", None)
    if finder is None:
        return []
    return [a for a in finder(article=article) if a.pk != article.pk]


def _section(source: FeedSource) -> Section:
    if source.section_id:
        return source.section
    return Section.objects.get_or_create(slug=DEFAULT_SECTION[0],
                                         defaults={"name": DEFAULT_SECTION[1]})[0]


def _entry_import(*, source: FeedSource, feed_title: str, entry: FeedEntry, report: FeedReport,
                  known: ImportedItem | None, fetch_page: Callable[..., transports.Fetched],
                  now: datetime) -> None:
    label = entry.guid
    if not entry.title:
        report.skipped.append((label, "the entry has no title"))
        return
    if known is not None and known.article_id is None:
        report.skipped.append((label, "deleted in Jarida after an earlier import; not restored"))
        return
    fingerprint = _fingerprint(entry)
    if known is not None and known.fingerprint == fingerprint:
        report.unchanged += 1
        return
    body = _entry_body(entry, source=source, report=report, fetch_page=fetch_page)
    fields = {
        "headline": entry.title[:300],
        "standfirst": plain_text(entry.summary_html)[:STANDFIRST_MAX_CHARS],
        "body": body_sanitize(body),
        "source_credit": (source.credit or feed_title)[:200],
        "byline": entry.author[:200],
    }
    with transaction.atomic():
        if known is not None:
            article = services.article_update(article=known.article, by=None, **fields)
            report.updated += 1
        else:
            article = services.article_create(by=None, section=_section(source), **fields)
            report.created += 1
            duplicates = _near_duplicates(article)
            if duplicates:
                ids = ", ".join(str(a.pk) for a in duplicates[:5])
                report.notes.append((label, f"looks like article(s) {ids}; kept as a draft"))
            elif source.publish_mode == FeedSource.PublishMode.PUBLISHED:
                if article.body_text:
                    at = min(entry.published_at or now, now)
                    services.article_publish(article=article, by=None, at=at)
                else:
                    report.notes.append((label, "no text to publish; kept as a draft"))
        item = known or ImportedItem(source=f"feed:{source.pk}",
                                     kind=ImportedItem.Kind.FEED_ENTRY,
                                     remote_id=_remote_id(entry.guid), imported_at=now)
        item.article, item.fingerprint, item.updated_at = article, fingerprint, now
        item.link, item.image_url = entry.link[:1000], entry.image_url[:1000]
        item.save()
    report.articles.append(article)


def feed_poll(*, source: FeedSource,
              fetch: Callable[..., transports.Fetched] = transports.fetch,
              fetch_page: Callable[..., transports.Fetched] = transports.http_fetch,
              ) -> FeedReport:
    """Read a feed once and bring its entries in. Never raises for a bad feed: the
    report (and the FeedSource's `last_error`) says what went wrong."""
    report = FeedReport(feed=str(source))
    now = timezone.now()
    try:
        fetched = fetch(source.url, etag=source.etag, modified=source.modified,
                        max_bytes=FEED_MAX_BYTES)
        document = None if fetched.is_not_modified else feed_parse(fetched.content,
                                                                   url=fetched.url)
    except (transports.FetchError, FeedFormatError) as error:
        report.error = str(error)
        FeedSource.objects.filter(pk=source.pk).update(last_polled_at=now,
                                                       last_error=report.error)
        return report
    if document is None:
        report.not_modified = True
    else:
        keys = {_remote_id(e.guid): e for e in document.entries}
        known = {i.remote_id: i for i in ImportedItem.objects.filter(
            source=f"feed:{source.pk}", kind=ImportedItem.Kind.FEED_ENTRY,
            remote_id__in=list(keys)).select_related("article")}
        for key, entry in keys.items():
            try:
                _entry_import(source=source, feed_title=document.title, entry=entry,
                              report=report, known=known.get(key), fetch_page=fetch_page,
                              now=now)
            except (ValidationError, WorkflowError, PermissionDenied, DatabaseError,
                    ValueError) as error:
                report.skipped.append((entry.guid, str(error)))
        source.etag = fetched.headers.get("etag", "")[:300]
        source.modified = fetched.headers.get("last-modified", "")[:100]
    source.last_polled_at, source.last_error = now, ""
    source.save(update_fields=["etag", "modified", "last_polled_at", "last_error"])
    return report


def feeds_poll_loop(*, sources: Callable[[], Iterable[FeedSource]], interval: float,
                    iterations: int | None, on_report: Callable[[FeedReport], None],
                    sleep: Callable[[float], None] = time.sleep,
                    poll: Callable[..., FeedReport] = feed_poll) -> int:
    """Poll every feed, wait `interval` seconds, and again: forever, or `iterations`
    rounds. Sources are read anew each round, so feeds added meanwhile are picked up.
    Returns the number of rounds done."""
    rounds = 0
    while iterations is None or rounds < iterations:
        for source in sources():
            on_report(poll(source=source))
        rounds += 1
        if iterations is not None and rounds >= iterations:
            break
        sleep(interval)
    return rounds
