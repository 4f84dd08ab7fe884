"""Scheduled articles: they become public by the clock, with no event to purge on.

The time of the next scheduled publication is kept in the shared cache (recomputed after
every article change). Each worker re-reads it at most once a second; the first request
after that time purges, once for all workers, the pages of the articles that came due.
Shared caches are also told not to keep listing pages past that time (s-maxage).
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime

from django.core.cache import caches
from django.utils import timezone

from jarida.caching.conf import cache_setting
from jarida.newsroom.models import Article

logger = logging.getLogger(__name__)

NEXT_KEY = "jarida:cache:next-scheduled"
LOCK_KEY = "jarida:cache:scheduled-lock"
NONE = 0.0  # no publication scheduled
REREAD_SECONDS = 1.0

_known = {"at": NONE, "read_at": 0.0}


def _cache():
    return caches[cache_setting("JARIDA_PAGE_CACHE_ALIAS")]


def scheduled_recompute() -> float:
    """Store (and return) the epoch time of the next scheduled publication, or 0."""
    at = (Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())
          .order_by("published_at").values_list("published_at", flat=True).first())
    value = at.timestamp() if at else NONE
    _cache().set(NEXT_KEY, value, None)
    _known.update(at=value, read_at=time.time())
    return value


def scheduled_next() -> float:
    """The next scheduled publication as this worker knows it (at most a second old)."""
    now = time.time()
    if now - _known["read_at"] >= REREAD_SECONDS:
        try:
            value = _cache().get(NEXT_KEY)
            _known.update(at=scheduled_recompute() if value is None else value, read_at=now)
        except Exception:
            logger.warning("Could not read the next scheduled publication", exc_info=True)
            _known["read_at"] = now
    return _known["at"]


def scheduled_check() -> None:
    """Purge the pages of articles whose scheduled time has come (one worker does it)."""
    due = scheduled_next()
    if due == NONE or due > time.time():
        return
    from jarida.caching.purge import purge_now
    from jarida.caching.tags import article_paths, article_tags

    try:
        if not _cache().add(LOCK_KEY, 1, 30):
            return
        since = datetime.fromtimestamp(due, tz=UTC)
        articles = list(Article.objects.published().filter(published_at__gte=since)
                        .select_related("section__parent"))
        tags: set[str] = set()
        paths: list[str] = []
        for article in articles:
            tags |= article_tags(article)
            paths += article_paths(article)
        scheduled_recompute()
        _cache().delete(LOCK_KEY)
    except Exception:
        logger.exception("Scheduled publication purge failed")
        return
    purge_now(tags=tags, paths=list(dict.fromkeys(paths)))


def seconds_until_next() -> float | None:
    at = scheduled_next()
    return None if at == NONE else max(0.0, at - time.time())
