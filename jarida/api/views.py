"""Read-only JSON API, version 1 (described by `schema.py`, served at /api/v1/schema).

Thin views: parameters are checked by `jarida.api.http`, reads go through selectors.py,
shapes come from representations.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.db.models import QuerySet
from django.http import HttpRequest

from jarida.api import representations as rep
from jarida.api import selectors
from jarida.api.http import (
    ApiError,
    api_view,
    param_datetime,
    param_int,
    param_slug,
    slug_lookup,
)
from jarida.api.schema import openapi_document
from jarida.syndication.common import absolute_url

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
# Deeper pages cost the database a long scan; walk the archive with since/until instead.
MAX_OFFSET = 10_000
_ID = re.compile(r"[1-9][0-9]{0,17}")  # fits a 64-bit key; anything else is no article


def _page_link(request: HttpRequest, offset: int) -> str:
    query = request.GET.copy()
    query["offset"] = str(offset)
    return absolute_url(f"{request.path}?{query.urlencode()}")


def _paginated(request: HttpRequest, queryset: QuerySet, represent: Callable) -> dict:
    """limit/offset pagination: the total, links to the neighbouring pages, the results."""
    limit = param_int(request, "limit", default=DEFAULT_LIMIT, minimum=1, maximum=MAX_LIMIT)
    offset = param_int(request, "offset", default=0, minimum=0, maximum=MAX_OFFSET)
    count = queryset.count()
    results = [represent(item) for item in queryset[offset:offset + limit]]
    return {
        "count": count,
        "limit": limit,
        "offset": offset,
        "next": _page_link(request, offset + limit) if offset + limit < count else None,
        "previous": _page_link(request, max(0, offset - limit)) if offset > 0 else None,
        "results": results,
    }


@api_view()
def article_list(request: HttpRequest) -> dict:
    since = param_datetime(request, "since")
    until = param_datetime(request, "until")
    if since and until and since >= until:
        raise ApiError(400, "invalid_parameter", "since must be earlier than until.",
                       parameter="since")
    # Every parameter is checked before the first query.
    param_int(request, "limit", default=DEFAULT_LIMIT, minimum=1, maximum=MAX_LIMIT)
    param_int(request, "offset", default=0, minimum=0, maximum=MAX_OFFSET)
    slugs = {name: param_slug(request, name) for name in ("section", "author", "tag")}
    queryset = selectors.articles_filtered(
        section=slug_lookup("section", slugs["section"], selectors.section_by_slug),
        author=slug_lookup("author", slugs["author"], selectors.author_by_slug),
        tag=slug_lookup("tag", slugs["tag"], selectors.tag_by_slug),
        since=since, until=until,
    )
    return _paginated(request, queryset, rep.article_summary)


@api_view()
def article_detail(request: HttpRequest, article_id: str) -> dict:
    if not _ID.fullmatch(article_id):
        raise ApiError(404, "not_found", "No article has this id.")
    pk = int(article_id)
    article = selectors.article_public(pk=pk)
    if article is None:
        if selectors.article_is_gone(pk=pk):
            raise ApiError(410, "gone", "This article has been withdrawn.")
        raise ApiError(404, "not_found", "No article has this id.")
    return rep.article_detail(article)


@api_view()
def section_list(request: HttpRequest) -> dict:
    return _paginated(request, selectors.sections_all(), rep.section_data)


@api_view()
def author_list(request: HttpRequest) -> dict:
    return _paginated(request, selectors.authors_all(), rep.author_data)


@api_view()
def tag_list(request: HttpRequest) -> dict:
    return _paginated(request, selectors.tags_all(), rep.tag_data)


@api_view(max_age=3600, s_maxage=3600)
def schema(request: HttpRequest) -> dict:
    return openapi_document()


@api_view()
def not_found(request: HttpRequest) -> dict:
    """Any /api/ path no endpoint answers (wired in config/urls.py after api/v1/)."""
    raise ApiError(404, "not_found", "No such endpoint; see /api/v1/schema.")
