"""GET /api/v1/search: the search page's results as JSON. Routed from jarida/api/urls.py;
its part of the OpenAPI document is added to jarida.api.schema in apps.py."""

from __future__ import annotations

from django.http import HttpRequest

from jarida.api import representations as rep
from jarida.api import selectors as api_selectors
from jarida.api.http import (
    ApiError,
    api_view,
    param_datetime,
    param_int,
    param_slug,
    slug_lookup,
)
from jarida.search.selectors import SearchHit, search_articles
from jarida.syndication.common import absolute_url

DEFAULT_LIMIT = 10
MAX_LIMIT = 50
MAX_OFFSET = 1_000  # ranked search is not an archive walk; narrow the query instead

SCHEMAS = {
    "SearchResult": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "external_id", "url", "headline", "section", "published_at",
                     "snippet", "score"],
        "properties": {
            "id": {"type": "integer", "minimum": 1},
            "external_id": {"anyOf": [{"type": "string"}, {"type": "null"}],
                            "description": "The id the article was imported with, if any."},
            "url": {"type": "string", "format": "uri"},
            "headline": {"type": "string"},
            "section": {"$ref": "#/components/schemas/SectionRef"},
            "published_at": {"type": "string", "format": "date-time"},
            "snippet": {"type": "string",
                        "description": "HTML: an excerpt, escaped, with the matched words "
                                       "in <mark>, diacritics as written."},
            "score": {"type": "number", "description": "Relevance with a mild recency "
                                                      "boost; only the order is meaningful."},
        },
    },
    "SearchPage": {
        "type": "object",
        "additionalProperties": False,
        "required": ["total", "limit", "offset", "mode", "suggestions", "results"],
        "properties": {
            "total": {"type": "integer", "minimum": 0},
            "limit": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
            "offset": {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET},
            "mode": {"type": "string", "enum": ["all", "any", "none"],
                     "description": "all: every result holds every word. any: no article "
                                    "holds them all; results hold some, most first. none: "
                                    "the query has no searchable word (only stop words, "
                                    "punctuation or diacritics)."},
            "suggestions": {"type": "array", "items": {"type": "string"},
                            "description": "Respelled queries that find something; given "
                                           "when total is 0."},
            "results": {"type": "array",
                        "items": {"$ref": "#/components/schemas/SearchResult"}},
        },
    },
}


def _slug_filter(name: str, what: str) -> dict:
    return {"name": name, "in": "query", "required": False, "description": what,
            "schema": {"type": "string", "pattern": r"^[-\w]{1,80}$"}}


def _time_filter(name: str, what: str) -> dict:
    return {"name": name, "in": "query", "required": False,
            "description": what + " ISO 8601 date or date-time; without an offset, in the "
                                  "site's time zone. Encode + as %2B.",
            "schema": {"type": "string"}}


def _json(schema_name: str, description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": {
                "$ref": f"#/components/schemas/{schema_name}"}}}}


PATHS = {
    "/search": {"get": {
        "operationId": "searchArticles",
        "summary": "Published articles matching a query, best first",
        "description": (
            "Arabic-aware: hamza, ta marbuta, alef maqsura, diacritics and tatweel are "
            "folded, prefixes and suffixes stemmed. Query language: words (all preferred, "
            "then most), \"exact phrase\", -excluded. At most 10 words, 4 phrases and 500 "
            "characters are used."
        ),
        "parameters": [
            {"name": "q", "in": "query", "required": False,
             "description": "The query. Empty or absent: no results, mode none.",
             "schema": {"type": "string"}, "example": "أسعار النفط"},
            _slug_filter("section", "A section's slug; its subsections' articles are included."),
            _slug_filter("author", "An author's slug."),
            _time_filter("since", "Published at or after this time."),
            _time_filter("until", "Published before this time."),
            {"name": "limit", "in": "query", "required": False,
             "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT,
                        "default": DEFAULT_LIMIT}},
            {"name": "offset", "in": "query", "required": False,
             "schema": {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0}},
        ],
        "responses": {
            "200": _json("SearchPage", "A page of results."),
            "304": {"$ref": "#/components/responses/NotModified"},
            "400": _json("Error", "A parameter is malformed, out of range or names nothing."),
        },
    }},
}


def _result(hit: SearchHit) -> dict:
    article = hit.article
    return {
        "id": article.pk,
        "external_id": article.external_id,
        "url": absolute_url(article.get_absolute_url()),
        "headline": article.headline,
        "section": rep.section_ref(article.section),
        "published_at": rep.api_datetime(article.published_at),
        "snippet": str(hit.snippet),
        "score": round(hit.score, 6),
    }


@api_view()
def search_json(request: HttpRequest) -> dict:
    text = request.GET.get("q", "")
    limit = param_int(request, "limit", default=DEFAULT_LIMIT, minimum=1, maximum=MAX_LIMIT)
    offset = param_int(request, "offset", default=0, minimum=0, maximum=MAX_OFFSET)
    since = param_datetime(request, "since")
    until = param_datetime(request, "until")
    if since and until and since >= until:
        raise ApiError(400, "invalid_parameter", "since must be earlier than until.",
                       parameter="since")
    section = slug_lookup("section", param_slug(request, "section"), api_selectors.section_by_slug)
    author = slug_lookup("author", param_slug(request, "author"), api_selectors.author_by_slug)
    results = search_articles(text=text, section=section, author=author, since=since,
                              until=until, limit=limit, offset=offset)
    return {
        "total": results.total,
        "limit": limit,
        "offset": offset,
        "mode": results.mode,
        "suggestions": [s.text for s in results.suggestions],
        "results": [_result(hit) for hit in results.hits],
    }
