"""One cache entry per page, however its URL was spelled.

An Arabic URL reaches the app raw (`/اقتصاد/12/`) or percent-encoded
(`/%D8%A7%D9%82.../12/`, in upper or lower case hex); the WSGI server decodes both to the
same `request.path`, and the key is built from that decoded path, never from the raw
request line. The query string is put in a canonical order, and parameters that only
track where a reader came from (utm_*, fbclid...) are dropped: a link shared on social
media gets a new `fbclid` per click, which would otherwise make every click a miss.
"""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode

from django.http import HttpRequest
from django.utils import timezone

TRACKING_PARAMS = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid",
                             "_ga", "ref_src"})
KEY_PREFIX = "jarida:page:"


def is_tracking_param(name: str) -> bool:
    return name.startswith("utm_") or name in TRACKING_PARAMS


def query_canonical(query_string: str) -> str:
    """`b=2&utm_source=x&a=1` -> `a=1&b=2`: sorted, tracking parameters dropped."""
    pairs = [(k, v) for k, v in parse_qsl(query_string, keep_blank_values=True)
             if not is_tracking_param(k)]
    return urlencode(sorted(pairs))


def page_identity(request: HttpRequest) -> str:
    """What the page depends on: scheme and host (the canonical link names them), the
    decoded path, the canonical query, and today's date in the site's time zone (the
    masthead prints it, so no page outlives its day)."""
    return "|".join((
        request.scheme, request.get_host(), request.path,
        query_canonical(request.META.get("QUERY_STRING", "")),
        timezone.localdate().isoformat(),
    ))


def page_key(request: HttpRequest) -> str:
    digest = hashlib.sha1(page_identity(request).encode(), usedforsecurity=False).hexdigest()
    return KEY_PREFIX + digest
