"""The page cache's settings, read at call time so tests can override them.

Defaults here match config/settings/base.py; see docs/decisions/0070-page-cache.md.
"""

from __future__ import annotations

from django.conf import settings

DEFAULTS = {
    # Full-page cache in the app (off: only the HTTP headers for shared caches).
    "JARIDA_PAGE_CACHE": False,
    "JARIDA_PAGE_CACHE_ALIAS": "default",
    # How long the app keeps a page when nothing purges it (related lists, dates).
    "JARIDA_PAGE_CACHE_SECONDS": 600,
    "JARIDA_PAGE_CACHE_ERROR_SECONDS": 60,  # 404 and 410 answers
    # Blocks shared by many pages (related list, comments, navigation) cached on their
    # own, under the same tags (fragments.py). On by default where the page cache is.
    "JARIDA_FRAGMENT_CACHE": False,
    # Pages kept in each worker's memory in front of the shared cache.
    "JARIDA_PAGE_CACHE_LOCAL_ENTRIES": 256,
    # How long a worker serves its own copy before checking the tag versions again: the
    # longest a purge made by another worker takes to reach this one.
    "JARIDA_PAGE_CACHE_LOCAL_TRUST_SECONDS": 0.25,
    # Cache-Control of anonymous reader pages.
    "JARIDA_CACHE_MAX_AGE": 0,
    "JARIDA_CACHE_S_MAXAGE": 60,
    "JARIDA_CACHE_STALE_WHILE_REVALIDATE": 30,
    "JARIDA_CACHE_STALE_IF_ERROR": 86400,
    # Shared caches (nginx) told to fetch a purged page again, and the shared secret.
    "JARIDA_CACHE_PURGE_URLS": [],
    "JARIDA_CACHE_PURGE_SECRET": "",
    "JARIDA_CACHE_PURGE_TIMEOUT": 5.0,
}


def cache_setting(name: str):
    return getattr(settings, name, DEFAULTS[name])
