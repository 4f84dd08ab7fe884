"""Purging: the app's pages by tag, and shared caches in front of the app (nginx) by URL.

Purges wait for the transaction that changed the content to commit (a page rendered
from the old state must not be stored after the purge, and a rolled-back change must
leave the caches alone). Several signals in one transaction give one purge.

nginx as packaged by Debian has no purge module. Jarida asks each front end listed in
JARIDA_CACHE_PURGE_URLS for the page again, with the secret JARIDA_CACHE_PURGE_SECRET in
`X-Jarida-Refresh`; deploy/nginx/jarida.conf makes such a request bypass the cache and
store the fresh answer (`proxy_cache_bypass`), so readers never wait on a miss.
See docs/decisions/0071-purging-nginx.md.
"""

from __future__ import annotations

import atexit
import http.client
import logging
import threading
import weakref
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils.encoding import iri_to_uri

from jarida.caching.conf import cache_setting
from jarida.caching.store import tags_purge

logger = logging.getLogger(__name__)

REFRESH_HEADER = "X-Jarida-Refresh"
# A front end may be fetching a page for a reader at the moment of the purge and store
# the old answer after our refresh; a second refresh shortly after closes that window.
REFRESH_AGAIN_AFTER = 1.0

_pending = threading.local()


def _state() -> tuple[set[str], dict[str, None]]:
    """This thread's pending purge, for the transaction now open: what a rolled-back
    transaction left behind is dropped with it."""
    connection = transaction.get_connection()
    outermost = connection.atomic_blocks[0] if connection.in_atomic_block else None
    if not hasattr(_pending, "tags") or _pending.transaction is not outermost:
        _pending.tags, _pending.paths, _pending.transaction = set(), {}, outermost
    return _pending.tags, _pending.paths


def purge_on_commit(*, tags: Iterable[str], paths: Iterable[str] = ()) -> None:
    """Purge `tags` in the app and refresh `paths` in front ends once the current
    transaction commits (at once outside a transaction)."""
    pending_tags, pending_paths = _state()
    pending_tags.update(tags)
    pending_paths.update(dict.fromkeys(paths))
    transaction.on_commit(_purge_pending)


def _purge_pending() -> None:
    # Runs after the commit, outside the transaction: read the state as it was left.
    tags, paths = getattr(_pending, "tags", set()), getattr(_pending, "paths", {})
    if not tags and not paths:
        return  # an earlier callback of the same transaction did the work
    tags_now, paths_now = set(tags), list(paths)
    tags.clear()
    paths.clear()
    purge_now(tags=tags_now, paths=paths_now)


def purge_now(*, tags: Iterable[str], paths: Iterable[str] = (), wait: bool = False) -> None:
    """Purge the app's pages now, then have front ends fetch `paths` again, in the
    background unless `wait`: the refresh requests come back to this app, whose workers
    may all be busy, and the editor who published must not wait for them."""
    try:
        tags_purge(tags)
    except Exception:
        # The pages go stale until they expire; the change itself is committed.
        logger.exception("Page cache purge failed")
    paths = list(paths)
    if not paths or not cache_setting("JARIDA_CACHE_PURGE_URLS"):
        return
    if wait:
        frontends_refresh(paths)
    else:
        thread = threading.Thread(target=frontends_refresh, args=(paths,), daemon=True,
                                  name="jarida-cache-refresh")
        thread.start()
        _refreshing.add(thread)


_refreshing: weakref.WeakSet[threading.Thread] = weakref.WeakSet()


@atexit.register
def _refreshes_finish() -> None:
    """A management command (an import, a moderation script) may exit right after its
    purge: let the refresh requests go out first, for a bounded time."""
    for thread in list(_refreshing):
        thread.join(timeout=10)


def _refresh_one(base: str, path: str, *, host: str, secret: str, timeout: float) -> int | None:
    parts = urlsplit(base)
    connection_class = (http.client.HTTPSConnection if parts.scheme == "https"
                        else http.client.HTTPConnection)
    connection = connection_class(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request("GET", parts.path.rstrip("/") + iri_to_uri(path), headers={
            "Host": host, REFRESH_HEADER: secret, "User-Agent": "jarida-cache-refresh"})
        response = connection.getresponse()
        response.read()
        return response.status
    except OSError as error:
        logger.warning("Front-end cache refresh of %s at %s failed: %s", path, base, error)
        return None
    finally:
        connection.close()


def frontends_refresh(paths: list[str], *, again: bool = True) -> dict[tuple[str, str], int | None]:
    """Have every front-end cache fetch and store `paths` anew; {(front end, path): status}."""
    bases = cache_setting("JARIDA_CACHE_PURGE_URLS")
    if not bases or not paths:
        return {}
    host = urlsplit(settings.SITE_URL).netloc
    secret = cache_setting("JARIDA_CACHE_PURGE_SECRET")
    timeout = cache_setting("JARIDA_CACHE_PURGE_TIMEOUT")
    jobs = [(base, path) for base in bases for path in paths]
    with ThreadPoolExecutor(max_workers=min(4, len(jobs))) as pool:
        statuses = list(pool.map(
            lambda job: _refresh_one(*job, host=host, secret=secret, timeout=timeout), jobs))
    if again:
        # The pages readers hit hardest (the home page, the article) are the ones a
        # reader's fetch is likely to be overlapping.
        timer = threading.Timer(REFRESH_AGAIN_AFTER, frontends_refresh, args=(paths[:2],),
                                kwargs={"again": False})
        timer.daemon = True
        timer.start()
    return dict(zip(jobs, statuses, strict=True))
