"""The page and fragment caches on, and empty, for each test; readers and editors as test
clients."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from jarida.caching import scheduled
from jarida.caching.store import local_pages


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.JARIDA_PAGE_CACHE = True
    settings.JARIDA_FRAGMENT_CACHE = True
    settings.JARIDA_CACHE_PURGE_URLS = []
    cache.clear()
    local_pages().clear()
    scheduled._known.update(at=scheduled.NONE, read_at=0.0)
    yield
    cache.clear()
    local_pages().clear()


def state(response) -> str:
    """How the app answered: hit, miss or bypass (X-Jarida-Cache)."""
    return response.get("X-Jarida-Cache", "")
