"""Cached pages and tag versions, in Django's cache (Redis in production) with a small
copy of hot pages in each worker's memory.

Purging never deletes pages: it gives each purged tag a new version (the time of the
purge, in nanoseconds). A page remembers the versions of its tags when it was stored
and is served only while they are all still current, so one purge reaches every worker
and every variant of a URL at once, and a page is checked with one round trip (a
multi-get of its tags' versions) however many copies exist.

A page rendered while a purge happened may show the state before it: the page is not
stored when any of its tags was purged after the request started.

A worker's copy, once checked, is trusted for JARIDA_PAGE_CACHE_LOCAL_TRUST_SECONDS (a
quarter of a second) before it is checked again: a hot page then costs no round trip at
all, and a purge made by another worker reaches this one within that time. A purge made
in this worker is seen at once (ADR 0070, "Speed").
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.cache import caches

from jarida.caching.conf import cache_setting

logger = logging.getLogger(__name__)

VERSION_PREFIX = "jarida:tagv:"
VERSION_SECONDS = 7 * 24 * 3600  # longer than any page lives
NEVER_PURGED = 0


def version_key(tag: str) -> str:
    return VERSION_PREFIX + hashlib.sha1(tag.encode(), usedforsecurity=False).hexdigest()[:24]


@dataclass
class Entry:
    status: int
    headers: list[tuple[str, str]]
    content: bytes
    etag: str | None
    last_modified: float
    expires_at: float
    versions: dict[str, int] = field(default_factory=dict)
    # A fragment's articles (fragments.py): a page that uses the stored fragment shows
    # them too, and must be tagged with them.
    shown: tuple[int, ...] = ()


class _LocalPages:
    """A bounded least-recently-used map of pages, for one worker process, each with the
    time its tag versions were last found current."""

    def __init__(self, size: int):
        self.size = size
        self._pages: OrderedDict[str, tuple[Entry, float]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[Entry | None, float]:
        """(the entry or None, when it was last checked: 0.0 for never)."""
        with self._lock:
            found = self._pages.get(key)
            if found is None:
                return None, 0.0
            self._pages.move_to_end(key)
            return found

    def put(self, key: str, entry: Entry, checked_at: float = 0.0) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._pages[key] = (entry, checked_at)
            self._pages.move_to_end(key)
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)

    def distrust(self) -> None:
        """A purge happened here: every copy is checked again before it is served."""
        with self._lock:
            for key, (entry, _) in self._pages.items():
                self._pages[key] = (entry, 0.0)

    def discard(self, key: str) -> None:
        with self._lock:
            self._pages.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()


_local = _LocalPages(0)


def local_pages() -> _LocalPages:
    size = cache_setting("JARIDA_PAGE_CACHE_LOCAL_ENTRIES")
    if _local.size != size:
        _local.size = size
        _local.clear()
    return _local


def _cache():
    return caches[cache_setting("JARIDA_PAGE_CACHE_ALIAS")]


def page_lookup(key: str) -> tuple[Entry | None, Entry | None]:
    """(fresh entry or None, the entry found even if stale). A stale entry still lends its
    validators to the next render, so an unchanged page keeps its ETag and Last-Modified."""
    local = local_pages()
    now = time.time()
    entry, checked_at = local.get(key)
    if (entry is not None and entry.expires_at > now
            and now - checked_at < cache_setting("JARIDA_PAGE_CACHE_LOCAL_TRUST_SECONDS")):
        return entry, entry
    cache = _cache()
    try:
        if entry is None or entry.expires_at <= now:
            entry = cache.get(key)
            if entry is None or entry.expires_at <= now:
                return None, None
        current = cache.get_many(list(entry.versions))
    except Exception:  # the cache is down: render, as if nothing were cached
        logger.warning("Page cache unavailable for lookup", exc_info=True)
        return None, None
    if len(current) == len(entry.versions) and all(
            current[k] == v for k, v in entry.versions.items()):
        local.put(key, entry, checked_at=now)
        return entry, entry
    local.discard(key)
    return None, entry


def page_store(key: str, entry: Entry, *, tags: Iterable[str], started_ns: int,
               seconds: int) -> bool:
    """Store a page under the current versions of its tags; refuse (False) when a tag was
    purged after `started_ns`, the start of the request that rendered it."""
    cache = _cache()
    keys = [version_key(t) for t in tags]
    try:
        current = cache.get_many(keys)
        for k in keys:
            if k not in current:
                # Never seen (or evicted): the oldest version there is. Not "just before
                # this request": a fragment stored during a page's render would then
                # look, to the page, like a purge made after it started.
                if cache.add(k, NEVER_PURGED, VERSION_SECONDS):
                    current[k] = NEVER_PURGED
                elif (value := cache.get(k)) is not None:
                    current[k] = value
                else:
                    return False
        if any(v > started_ns for v in current.values()):
            return False
        entry.versions = current
        cache.set(key, entry, seconds)
    except Exception:
        logger.warning("Page cache unavailable for storing", exc_info=True)
        return False
    local_pages().put(key, entry, checked_at=time.time())
    return True


def tags_purge(tags: Iterable[str]) -> None:
    """Make every page carrying one of `tags` stale, in every worker."""
    now = time.time_ns()
    versions = {version_key(t): now for t in set(tags)}
    if versions:
        _cache().set_many(versions, VERSION_SECONDS)
        local_pages().distrust()
