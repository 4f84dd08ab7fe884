"""Wire transports: how bytes arrive (HTTP, a local file), apart from what they mean.

Formats live in their own modules (jarida.ingest.wxr, .rssatom, .webpage) and never
fetch anything themselves. HTTP fetching here is deliberately narrow: http and https
only (also on every redirect), a timeout, a size cap, a User-Agent that names us, and no
private or loopback addresses unless settings allow them (a feed must not be able to
make the server read its own intranet through an article link).
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

DEFAULT_TIMEOUT = 15.0
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
ALLOWED_SCHEMES = ("http", "https")
_CHUNK = 64 * 1024


class FetchError(Exception):
    """The bytes could not be had; the message says why, for the import report."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int  # 200, or 304 when the conditional request found nothing new
    content: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def is_not_modified(self) -> bool:
        return self.status == 304


def user_agent() -> str:
    return f"Jarida/0.1 (+{settings.SITE_URL}) news importer"


def _allow_private() -> bool:
    return bool(getattr(settings, "JARIDA_INGEST_ALLOW_PRIVATE_HOSTS", False))


def url_check(url: str) -> None:
    """Refuse schemes other than http(s), and hosts that resolve to private, loopback or
    link-local addresses unless JARIDA_INGEST_ALLOW_PRIVATE_HOSTS is on."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise FetchError(f"only http and https URLs are fetched, not {parts.scheme or '(none)'!r}")
    if not parts.hostname:
        raise FetchError("the URL has no host")
    if _allow_private():
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 80, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"cannot resolve {parts.hostname}: {error}") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise FetchError(f"{parts.hostname} is a private or local address ({address}); "
                             "set JARIDA_INGEST_ALLOW_PRIVATE_HOSTS=1 to allow it")


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = 5

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001
        url_check(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_opener = urllib.request.build_opener(_CheckedRedirects)


def http_fetch(url: str, *, etag: str = "", modified: str = "",
               timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES,
               accept: str = "*/*") -> Fetched:
    """GET a URL. With `etag`/`modified` the request is conditional and an unchanged
    resource answers 304 with no content."""
    url_check(url)
    headers = {"User-Agent": user_agent(), "Accept": accept, "Accept-Encoding": "identity"}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    request = urllib.request.Request(url, headers=headers, method="GET")
    try:
        with _opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(f"{url} is {int(length)} bytes, over the {max_bytes} byte cap")
            chunks, size = [], 0
            while chunk := response.read(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"{url} is over the {max_bytes} byte cap")
                chunks.append(chunk)
            return Fetched(url=response.geturl(), status=response.status,
                           content=b"".join(chunks),
                           headers={k.lower(): v for k, v in response.headers.items()})
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return Fetched(url=url, status=304,
                           headers={k.lower(): v for k, v in error.headers.items()})
        if 300 <= error.code < 400:  # urllib refused where it was sent
            raise FetchError(f"{url} redirects to {error.headers.get('Location')!r}, which is "
                             "not fetched (only http and https)") from None
        raise FetchError(f"{url} answered HTTP {error.code}") from None
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, FetchError):
            raise reason from None
        raise FetchError(f"cannot fetch {url}: {reason}") from None
    except TimeoutError:
        raise FetchError(f"{url} did not answer within {timeout:g} s") from None
    except (OSError, ValueError) as error:
        raise FetchError(f"cannot fetch {url}: {error}") from None


def file_read(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Fetched:
    """A local file as if it had been fetched (for imports run from the command line)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise FetchError(f"{path} is {size} bytes, over the {max_bytes} byte cap")
        return Fetched(url=path.resolve().as_uri(), status=200, content=path.read_bytes())
    except OSError as error:
        raise FetchError(f"cannot read {path}: {error.strerror or error}") from None


def fetch(location: str, *, etag: str = "", modified: str = "",
          max_bytes: int = DEFAULT_MAX_BYTES) -> Fetched:
    """An http(s) URL, a file:// URI or a local path: the transport is chosen by scheme."""
    scheme = urlsplit(location).scheme.lower()
    if scheme in ALLOWED_SCHEMES:
        return http_fetch(location, etag=etag, modified=modified, max_bytes=max_bytes)
    if scheme == "file":
        return file_read(urllib.request.url2pathname(urlsplit(location).path),
                         max_bytes=max_bytes)
    if scheme and len(scheme) > 1:  # "c:" would be a Windows drive, not a scheme
        raise FetchError(f"only http, https and local files are read, not {scheme!r}")
    return file_read(location, max_bytes=max_bytes)
