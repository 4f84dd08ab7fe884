"""Blocks shared by many pages, cached on their own: `fragment_render(name, tags, render)`.

The page cache answers a reader when it has the page; when it has not (the page was just
purged, or an editor is reading), the page is rendered, and most of that work is in the
blocks around the article rather than the article itself: the related list ("اخبار قد
تهمك"), the comments and the navigation. Each is stored like a page (store.py): under the
versions of its tags, so the purges that make a page stale make its fragments stale too,
and with the articles it showed, so a page that uses a stored fragment is still tagged
with them (unpublishing a related article purges the pages that list it).

On with JARIDA_FRAGMENT_CACHE (default: where the page cache is on). ADR 0074.
"""

from __future__ import annotations

import contextvars
import hashlib
import time
from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe

from jarida.caching.conf import cache_setting
from jarida.caching.store import Entry, page_lookup, page_store
from jarida.caching.tags import ALL, ShownArticles, shown_add

KEY_PREFIX = "jarida:fragment:"

_fresh_only: contextvars.ContextVar[bool] = contextvars.ContextVar("jarida_fresh_fragments",
                                                                  default=False)


class FreshFragments:
    """`with FreshFragments():` every fragment is rendered anew and not stored (an
    editor's request: editors always see live pages)."""

    def __enter__(self) -> None:
        self._token = _fresh_only.set(True)

    def __exit__(self, *exc) -> None:
        _fresh_only.reset(self._token)


def fragment_key(name: str) -> str:
    return KEY_PREFIX + hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest()


def fragment_render(name: str, *, tags: set[str], render: Callable[[], str]) -> SafeString:
    """The HTML `render()` gives, from the cache when its tags are current. `name` must
    say everything the HTML depends on (`related:<article id>`)."""
    if _fresh_only.get() or not cache_setting("JARIDA_FRAGMENT_CACHE"):
        return mark_safe(render())
    key = fragment_key(name)
    fresh, _ = page_lookup(key)
    if fresh is not None:
        shown_add(fresh.shown)
        return mark_safe(fresh.content.decode())
    started_ns = time.time_ns()
    with ShownArticles() as shown:
        html = render()
    shown_add(shown)
    seconds = cache_setting("JARIDA_PAGE_CACHE_SECONDS")
    entry = Entry(status=200, headers=[], content=html.encode(), etag=None, last_modified=0.0,
                  expires_at=time.time() + seconds, shown=tuple(sorted(shown)))
    page_store(key, entry, tags=tags | {ALL} | {f"article:{pk}" for pk in shown},
               started_ns=started_ns, seconds=seconds)
    return mark_safe(html)
