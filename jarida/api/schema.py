"""The OpenAPI 3.1 document of the JSON API, written by hand and served at /api/v1/schema.

It is the contract partners code against, so tests hold it to the code
(jarida/api/tests/test_schema.py): the document is valid OpenAPI, each route in urls.py
has a path here and each path a route, and real answers of every endpoint validate
against the schemas below. An app adding an endpoint adds its path to `PATHS` and its
shapes to `SCHEMAS` in the same change, from its AppConfig.ready() when the endpoint lives
in that app (jarida.search and jarida.related do so): `schema.PATHS.update(...)`.
Components of this module (SectionRef, Image, Error, responses/NotModified...) are theirs
to reference.
"""

from __future__ import annotations

import copy

API_VERSION = "1.0.0"
MAX_LIMIT = 100
MAX_OFFSET = 10_000


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


def _object(properties: dict, description: str = "") -> dict:
    schema = {"type": "object", "required": sorted(properties), "properties": properties,
              "additionalProperties": False}
    if description:
        schema["description"] = description
    return schema


_ID = {"type": "integer", "minimum": 1}
_TEXT = {"type": "string"}
_URL = {"type": "string", "format": "uri"}
_DATETIME = {"type": "string", "format": "date-time"}

SCHEMAS: dict[str, dict] = {
    "Error": _object({"error": _object({
        "status": {"type": "integer"},
        "code": {"type": "string", "enum": ["invalid_parameter", "unknown_value", "not_found",
                                            "gone", "method_not_allowed"]},
        "message": _TEXT,
        "parameter": _TEXT,
    }) | {"required": ["code", "message", "status"]}}),
    "SectionRef": _object({"id": _ID, "slug": _TEXT, "name": _TEXT, "url": _URL}),
    "Section": _object({"id": _ID, "slug": _TEXT, "name": _TEXT, "url": _URL,
                        "description": _TEXT, "parent_id": _nullable(_ID),
                        "position": {"type": "integer", "minimum": 0}}),
    "AuthorRef": _object({"id": _ID, "slug": _TEXT, "name": _TEXT, "url": _URL}),
    "Author": _object({"id": _ID, "slug": _TEXT, "name": _TEXT, "url": _URL, "bio": _TEXT,
                       "photo_url": _nullable(_URL)}),
    "Tag": _object({"id": _ID, "slug": _TEXT, "name": _TEXT, "url": _URL}),
    "Image": _object({"url": _URL, "caption": _TEXT, "credit": _TEXT}),
    "ArticleFields": _object({
        "id": _ID,
        "url": _URL | {"description": "The canonical page of the article."},
        "short_url": _URL | {"description": "A stable link that survives slug changes."},
        "headline": _TEXT,
        "slug": _TEXT,
        "standfirst": _TEXT,
        "section": _ref("SectionRef"),
        "authors": {"type": "array", "items": _ref("AuthorRef")},
        "byline": _TEXT | {"description": "Free-text byline, beside or instead of authors."},
        "tags": {"type": "array", "items": _ref("Tag")},
        "source_credit": _TEXT,
        "is_breaking": {"type": "boolean"},
        "image": _nullable(_ref("Image")),
        "published_at": _DATETIME,
        "modified_at": _DATETIME | {"description": "Publication or last edit, the later."},
        "corrected_at": _nullable(_DATETIME),
    }, "What every representation of an article holds."),
    "Correction": _object({"note": _TEXT, "corrected_at": _DATETIME}),
}
# The fields are shared through allOf; unevaluatedProperties keeps both shapes closed.
SCHEMAS["ArticleFields"].pop("additionalProperties")
SCHEMAS["ArticleSummary"] = {
    "allOf": [_ref("ArticleFields")],
    "description": "An article as lists show it: everything but the body.",
    "unevaluatedProperties": False,
}
SCHEMAS["Article"] = {
    "allOf": [_ref("ArticleFields")],
    "type": "object",
    "description": "An article with its body (sanitized HTML with absolute links).",
    "properties": {"body": _TEXT, "word_count": {"type": "integer", "minimum": 0},
                   "correction": _nullable(_ref("Correction"))},
    "required": ["body", "correction", "word_count"],
    "unevaluatedProperties": False,
}


def _page_of(item: str) -> dict:
    return _object({
        "count": {"type": "integer", "minimum": 0, "description": "Results in all pages."},
        "limit": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
        "offset": {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET},
        "next": _nullable(_URL),
        "previous": _nullable(_URL),
        "results": {"type": "array", "items": _ref(item)},
    })


for _name in ("ArticleSummary", "Section", "Author", "Tag"):
    SCHEMAS[f"{_name.removesuffix('Summary')}Page"] = _page_of(_name)

_HEADERS = {
    "ETag": {"$ref": "#/components/headers/ETag"},
    "Cache-Control": {"$ref": "#/components/headers/CacheControl"},
}


def _json(schema_name: str, description: str) -> dict:
    return {"description": description, "headers": _HEADERS,
            "content": {"application/json": {"schema": _ref(schema_name)}}}


_ERRORS = {
    "400": _json("Error", "A query parameter is malformed, out of range or names nothing."),
    "304": {"$ref": "#/components/responses/NotModified"},
}
_PAGING = [{"$ref": "#/components/parameters/limit"}, {"$ref": "#/components/parameters/offset"}]


def _slug_filter(name: str, what: str) -> dict:
    return {"name": name, "in": "query", "required": False, "description": what,
            "schema": {"type": "string", "pattern": r"^[-\w]{1,80}$"}}


def _time_filter(name: str, what: str) -> dict:
    return {"name": name, "in": "query", "required": False,
            "description": what + " ISO 8601 date or date-time; without an offset, in the "
                                  "site's time zone. Encode + as %2B.",
            "schema": {"type": "string"}, "example": "2026-11-25T14:05:00+03:00"}


PATHS: dict[str, dict] = {
    "/articles": {"get": {
        "operationId": "listArticles",
        "summary": "Published articles, newest first",
        "parameters": [
            _slug_filter("section", "A section's slug; its subsections' articles are included."),
            _slug_filter("author", "An author's slug."),
            _slug_filter("tag", "A tag's slug."),
            _time_filter("since", "Published at or after this time."),
            _time_filter("until", "Published before this time."),
            *_PAGING,
        ],
        "responses": {"200": _json("ArticlePage", "A page of articles."), **_ERRORS},
    }},
    "/articles/{article_id}": {"get": {
        "operationId": "getArticle",
        "summary": "One published article with its body",
        "parameters": [{"name": "article_id", "in": "path", "required": True,
                        "schema": {"type": "integer", "minimum": 1}}],
        "responses": {
            "200": _json("Article", "The article."),
            "304": {"$ref": "#/components/responses/NotModified"},
            "404": _json("Error", "No published article has this id."),
            "410": _json("Error", "The article was published and has been withdrawn."),
        },
    }},
    "/sections": {"get": {
        "operationId": "listSections",
        "summary": "Sections, in the site's navigation order",
        "parameters": _PAGING,
        "responses": {"200": _json("SectionPage", "A page of sections."), **_ERRORS},
    }},
    "/authors": {"get": {
        "operationId": "listAuthors",
        "summary": "Authors, by name",
        "parameters": _PAGING,
        "responses": {"200": _json("AuthorPage", "A page of authors."), **_ERRORS},
    }},
    "/tags": {"get": {
        "operationId": "listTags",
        "summary": "Tags, by name",
        "parameters": _PAGING,
        "responses": {"200": _json("TagPage", "A page of tags."), **_ERRORS},
    }},
    "/schema": {"get": {
        "operationId": "getSchema",
        "summary": "This OpenAPI document",
        "responses": {
            "200": {"description": "OpenAPI 3.1 document.", "headers": _HEADERS,
                    "content": {"application/json": {"schema": {"type": "object"}}}},
            "304": {"$ref": "#/components/responses/NotModified"},
        },
    }},
}

_DOCUMENT = {
    "openapi": "3.1.0",
    "info": {
        "title": "Jarida API",
        "version": API_VERSION,
        "summary": "Read-only access to a Jarida newsroom's published articles.",
        "description": (
            "Every answer carries Cache-Control and a strong ETag; send it back in "
            "If-None-Match to get 304 Not Modified. Times are UTC. Errors are JSON with a "
            "machine-readable code. Lists paginate with limit/offset."
        ),
        "license": {"name": "AGPL-3.0-or-later", "identifier": "AGPL-3.0-or-later"},
    },
    "servers": [{"url": "/api/v1"}],
    "paths": PATHS,
    "components": {
        "schemas": SCHEMAS,
        "parameters": {
            "limit": {"name": "limit", "in": "query", "required": False,
                      "description": "Results per page.",
                      "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT,
                                 "default": 20}},
            "offset": {"name": "offset", "in": "query", "required": False,
                       "description": "Results to skip. Walk further back with since/until.",
                       "schema": {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET,
                                  "default": 0}},
        },
        "headers": {
            "ETag": {"description": "Strong validator of the body.",
                     "schema": {"type": "string"}},
            "CacheControl": {"description": "public, max-age and s-maxage in seconds.",
                             "schema": {"type": "string"}},
        },
        "responses": {
            "NotModified": {"description": "The If-None-Match ETag still matches; no body.",
                            "headers": _HEADERS},
        },
    },
}


def openapi_document() -> dict:
    """A copy of the document, safe for a caller to change."""
    return copy.deepcopy(_DOCUMENT)
