"""Rate limits in the cache (Redis in production, shared by every worker).

Fixed windows: a counter per (scope, key, window length, window number), created with
`add` and bumped with `incr`, both atomic in Redis and in the in-process cache. A burst
straddling two windows can pass twice a window's allowance; the longer windows bound it.
Refused attempts count too, so hammering does not reopen the door.
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache


def _key(scope: str, key: str, seconds: int, bucket: int) -> str:
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"comments:rate:{scope}:{seconds}:{bucket}:{digest}"


def rate_hit(*, scope: str, key: str, rates: list[tuple[int, int]],
             now: float | None = None) -> bool:
    """Count one attempt; True when it is within every rate, False when it is over one."""
    now = time.time() if now is None else now
    allowed = True
    for count, seconds in rates:
        name = _key(scope, key, seconds, int(now // seconds))
        cache.add(name, 0, timeout=seconds + 1)
        try:
            hits = cache.incr(name)
        except ValueError:  # expired between add and incr
            cache.set(name, 1, timeout=seconds + 1)
            hits = 1
        if hits > count:
            allowed = False
    return allowed
