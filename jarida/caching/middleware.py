"""Full-page caching for anonymous readers, and HTTP caching headers for shared caches.

Placed right after WhiteNoise: a hit is answered before sessions, CSRF, locale and the
rest of the stack run, and the stored page already carries every header the inner
middleware (CSP, security headers) set. See docs/decisions/0070-page-cache.md.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.utils.cache import (
    get_conditional_response,
    has_vary_header,
    patch_cache_control,
    set_response_etag,
)
from django.utils.http import http_date, parse_http_date_safe

from jarida.caching import scheduled
from jarida.caching.conf import cache_setting
from jarida.caching.fragments import FreshFragments
from jarida.caching.keys import page_key
from jarida.caching.store import Entry, page_lookup, page_store
from jarida.caching.tags import ALL, ShownArticles, path_tag, view_tags

CACHE_HEADER = "X-Jarida-Cache"
STORED_STATUSES = {200, 301, 404, 410}
_NOT_STORED_HEADERS = {"set-cookie", CACHE_HEADER.lower()}


def is_editor(request: HttpRequest) -> bool:
    """Anyone signed in (a session cookie, or credentials on the request) sees live pages,
    never a cached copy, and their pages are never stored."""
    return (settings.SESSION_COOKIE_NAME in request.COOKIES
            or "HTTP_AUTHORIZATION" in request.META)


def _is_shared(response: HttpResponse) -> bool:
    """The same answer may go to every anonymous reader: no cookie set, nothing varying by
    cookie (a CSRF token or session in the page), no per-response CSP nonce."""
    if response.streaming or response.cookies or has_vary_header(response, "Cookie"):
        return False
    if has_vary_header(response, "*"):
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-store", "no-cache")):
        return False
    policy = (response.get("Content-Security-Policy", "")
              + response.get("Content-Security-Policy-Report-Only", ""))
    return "'nonce-" not in policy


def _vary_trim(response: HttpResponse) -> None:
    """Vary only where needed: with one language, LocaleMiddleware's Accept-Language
    would split shared caches by every browser's language list for nothing."""
    if len(settings.LANGUAGES) > 1 or not response.has_header("Vary"):
        return
    kept = [v.strip() for v in response["Vary"].split(",")
            if v.strip() and v.strip().lower() != "accept-language"]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


def _public_cache_control(response: HttpResponse) -> None:
    if response.has_header("Cache-Control"):
        return  # the view chose (feeds, sitemaps)
    s_maxage = cache_setting("JARIDA_CACHE_S_MAXAGE")
    if cache_setting("JARIDA_PAGE_CACHE") and (until := scheduled.seconds_until_next()) is not None:
        # A scheduled article joins listings and related lists at its time: don't let a
        # shared cache keep pages past it.
        s_maxage = max(1, min(s_maxage, int(until) + 1))
    patch_cache_control(
        response, public=True, max_age=cache_setting("JARIDA_CACHE_MAX_AGE"),
        s_maxage=s_maxage,
        stale_while_revalidate=cache_setting("JARIDA_CACHE_STALE_WHILE_REVALIDATE"),
        stale_if_error=cache_setting("JARIDA_CACHE_STALE_IF_ERROR"),
    )


def _validators(response: HttpResponse, previous: Entry | None) -> tuple[str | None, float]:
    if not response.has_header("ETag"):
        set_response_etag(response)  # none for an empty body (a redirect)
    etag = response.get("ETag")
    if response.has_header("Last-Modified"):
        last_modified = parse_http_date_safe(response["Last-Modified"]) or time.time()
    else:
        # When the page was first rendered as it is now (an unchanged re-render keeps it).
        same = previous is not None and previous.etag == etag
        last_modified = previous.last_modified if same else float(int(time.time()))
        response["Last-Modified"] = http_date(last_modified)
    return etag, last_modified


def _answer(request: HttpRequest, response: HttpResponse, etag: str | None,
            last_modified: float) -> HttpResponse:
    answer = get_conditional_response(request, etag=etag, last_modified=int(last_modified),
                                      response=response)
    if answer is not response and response.has_header(CACHE_HEADER):
        answer[CACHE_HEADER] = response[CACHE_HEADER]
    return answer


def _from_entry(request: HttpRequest, entry: Entry) -> HttpResponse:
    response = HttpResponse(b"" if request.method == "HEAD" else entry.content,
                            status=entry.status)
    store = getattr(response.headers, "_store", None)
    if isinstance(store, dict):
        # The headers were validated when the page was rendered; setting them one by one
        # again was a third of the CPU of a hit.
        store.update({name.lower(): (name, value) for name, value in entry.headers})
    else:
        for name, value in entry.headers:
            response[name] = value
    response[CACHE_HEADER] = "hit"
    return _answer(request, response, entry.etag, entry.last_modified)


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        enabled = cache_setting("JARIDA_PAGE_CACHE")
        if enabled:
            scheduled.scheduled_check()
        if is_editor(request):
            with FreshFragments():
                response = self.get_response(request)
            if view_tags(request.resolver_match) is not None:
                patch_cache_control(response, private=True, no_cache=True)
                response[CACHE_HEADER] = "bypass"
            return response
        key = None
        previous = None
        if enabled:
            try:
                key = page_key(request)
            except DisallowedHost:
                return self.get_response(request)  # CommonMiddleware answers 400
            fresh, previous = page_lookup(key)
            if fresh is not None:
                return _from_entry(request, fresh)
        started_ns = time.time_ns()
        with ShownArticles() as shown:
            response = self.get_response(request)
        tags = view_tags(request.resolver_match)
        if tags is None or response.status_code not in STORED_STATUSES:
            return response
        if not _is_shared(response):
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True)
            return response
        _vary_trim(response)
        _public_cache_control(response)
        etag, last_modified = _validators(response, previous)
        if enabled and request.method == "GET":
            tags |= {ALL, path_tag(request.path)} | {f"article:{pk}" for pk in shown}
            seconds = cache_setting("JARIDA_PAGE_CACHE_SECONDS" if response.status_code < 400
                                    else "JARIDA_PAGE_CACHE_ERROR_SECONDS")
            entry = Entry(
                status=response.status_code,
                headers=[(k, v) for k, v in response.items()
                         if k.lower() not in _NOT_STORED_HEADERS],
                content=response.content, etag=etag, last_modified=last_modified,
                expires_at=time.time() + seconds,
            )
            page_store(key, entry, tags=tags, started_ns=started_ns, seconds=seconds)
            response[CACHE_HEADER] = "miss"
        return _answer(request, response, etag, last_modified)
