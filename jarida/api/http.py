"""The JSON API's plumbing, shared by every endpoint (ours and those other apps add):

- `@api_view()`: GET and HEAD only (405 otherwise), errors as JSON, `Cache-Control` with
  max-age and s-maxage, a strong ETag on every answer, and 304 Not Modified when the
  client's `If-None-Match` still matches.
- `ApiError`: raise it anywhere in a view for a 4xx JSON answer.
- `param_int`, `param_slug`, `param_datetime`: query parameters checked at the edge, so a
  bad value is a 400 that names the parameter, never a 500.

Usage (an endpoint in another app):

    from jarida.api.http import api_view, param_int

    @api_view()
    def search(request):
        limit = param_int(request, "limit", default=20, minimum=1, maximum=100)
        return {"results": [...]}        # a dict or list becomes the JSON body
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.csrf import csrf_exempt

_INT = re.compile(r"[0-9]{1,12}")
_SLUG = re.compile(r"[-\w]{1,80}")
# A "+03:00" offset typed into a URL arrives as " 03:00" (a + in a query string is a space).
_PLUS_LOST = re.compile(r"(T[\d:.]+) (\d{2}:?\d{2})$")


class ApiError(Exception):
    """A client error answered as `{"error": {"status", "code", "message", "parameter"}}`."""

    def __init__(self, status: int, code: str, message: str, *,
                 parameter: str | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.parameter = status, code, message, parameter


def _json(data, *, status: int = 200) -> JsonResponse:
    # Arabic stays readable in the body (UTF-8), not \u escapes.
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def error_response(error: ApiError) -> JsonResponse:
    body = {"status": error.status, "code": error.code, "message": error.message}
    if error.parameter:
        body["parameter"] = error.parameter
    return _json({"error": body}, status=error.status)


def _finish(request: HttpRequest, response: HttpResponse, *, max_age: int,
            s_maxage: int) -> HttpResponse:
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, public=True, max_age=max_age, s_maxage=s_maxage)
    # Public, read-only and credential-free: any site's script may read it.
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = "ETag"
    set_response_etag(response)
    if 200 <= response.status_code < 300:
        conditional = get_conditional_response(request, etag=response.headers["ETag"],
                                               response=response)
        if conditional is not response:
            conditional.headers["Access-Control-Allow-Origin"] = "*"
            conditional.headers["Access-Control-Expose-Headers"] = "ETag"
        return conditional
    return response


def api_view(*, max_age: int | None = None, s_maxage: int | None = None) -> Callable:
    """Make a function returning a dict or list (or raising ApiError/Http404) an endpoint."""

    def decorator(view: Callable) -> Callable:
        @csrf_exempt  # read-only: a POST gets a JSON 405, not an HTML CSRF failure
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            lifetime = settings.JARIDA_API_MAX_AGE if max_age is None else max_age
            shared = settings.JARIDA_API_S_MAXAGE if s_maxage is None else s_maxage
            if request.method not in ("GET", "HEAD"):
                response = error_response(ApiError(405, "method_not_allowed",
                                                   "This API is read-only: use GET."))
                response.headers["Allow"] = "GET, HEAD"
                return _finish(request, response, max_age=lifetime, s_maxage=shared)
            try:
                result = view(request, *args, **kwargs)
                response = result if isinstance(result, HttpResponse) else _json(result)
            except ApiError as error:
                response = error_response(error)
            except Http404:
                response = error_response(ApiError(404, "not_found", "No such resource."))
            return _finish(request, response, max_age=lifetime, s_maxage=shared)

        return wrapper

    return decorator


def _raw(request: HttpRequest, name: str) -> str | None:
    """The parameter's last value; absent and empty (`?section=`) both mean "not given"."""
    value = request.GET.get(name)
    return value if value not in (None, "") else None


def param_int(request: HttpRequest, name: str, *, default: int, minimum: int,
              maximum: int) -> int:
    raw = _raw(request, name)
    if raw is None:
        return default
    # ASCII digits only: int() would also take "٣", " 3", "1_000" and "+3".
    if not _INT.fullmatch(raw) or not minimum <= int(raw) <= maximum:
        raise ApiError(400, "invalid_parameter",
                       f"{name} must be a whole number from {minimum} to {maximum}.",
                       parameter=name)
    return int(raw)


def param_slug(request: HttpRequest, name: str) -> str | None:
    raw = _raw(request, name)
    if raw is not None and not _SLUG.fullmatch(raw):
        raise ApiError(400, "invalid_parameter",
                       f"{name} must be a slug (letters, digits, - and _; at most 80).",
                       parameter=name)
    return raw


def param_datetime(request: HttpRequest, name: str) -> datetime | None:
    """ISO 8601: a date (midnight in the site's time zone) or a date and time, with an
    offset or without one (then in the site's time zone)."""
    raw = _raw(request, name)
    if raw is None:
        return None
    text = _PLUS_LOST.sub(r"\1+\2", raw.strip())
    problem = ApiError(400, "invalid_parameter",
                       f"{name} must be an ISO 8601 date or date-time between the years "
                       "1900 and 2999, such as 2026-11-25 or 2026-11-25T14:05:00+03:00.",
                       parameter=name)
    try:
        value = parse_datetime(text) if len(text) > 10 else None
        if value is None:
            day = parse_date(text)
            value = datetime.combine(day, time.min) if isinstance(day, date) else None
    except ValueError:
        raise problem from None
    if value is None or not 1900 <= value.year <= 2999:
        raise problem
    if timezone.is_naive(value):
        value = timezone.make_aware(value, timezone.get_default_timezone())
    return value.astimezone(UTC)


def slug_lookup(name: str, slug: str | None, find: Callable):
    """The object a filter parameter's slug names; an unknown slug is a 400 naming it."""
    if slug is None:
        return None
    found = find(slug)
    if found is None:
        raise ApiError(400, "unknown_value", f"No {name} has the slug {slug!r}.",
                       parameter=name)
    return found
