"""The OpenAPI document is valid, matches the routes, and every endpoint answers as it says.

In the spirit of schemathesis, but bounded and deterministic: for each operation the test
draws values for every parameter from the document (bounds, defaults, slugs that exist)
plus hostile ones, sends each request, and checks that the status is one the document
lists for that operation and that the body validates against the schema given for it.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit

import pytest
from django.urls import URLPattern, URLResolver
from jsonschema import Draft202012Validator, FormatChecker
from openapi_spec_validator import validate as validate_spec
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from jarida.api import urls as api_urls
from jarida.api.schema import openapi_document

pytestmark = pytest.mark.django_db

DOC_URI = "urn:jarida-api"
PREFIX = "/api/v1"
HOSTILE = ["", "abc", "-1", "0", "1.5", "٣", "' OR 1=1 --", "<script>alert(1)</script>",
           "\x00", "\u202e", "99999999999999999999", "x" * 3000]

checker = FormatChecker(formats=())


@checker.checks("date-time", raises=ValueError)
def _date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", value):
        raise ValueError(f"not an RFC 3339 date-time: {value!r}")
    datetime.fromisoformat(value)
    return True


@checker.checks("uri", raises=ValueError)
def _uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or not value.isascii() or (
            " " in value):
        raise ValueError(f"not an absolute URI: {value!r}")
    return True


@pytest.fixture(scope="module")
def document() -> dict:
    return openapi_document()


def node_ref_parts(ref: str) -> list[str]:
    assert ref.startswith("#/"), ref
    return [p.replace("~1", "/").replace("~0", "~") for p in ref[2:].split("/")]


def deref(document: dict, node: dict) -> dict:
    seen = 0
    while "$ref" in node:
        ref = node["$ref"]
        node = document
        for part in node_ref_parts(ref):
            node = node[part]
        seen += 1
        assert seen < 10, ref
    return node


def body_validator(document: dict, schema: dict) -> Draft202012Validator:
    """Validate against a response schema whose $refs point into the whole document."""
    registry = Registry().with_resource(DOC_URI, DRAFT202012.create_resource(document))
    if "$ref" in schema:
        schema = {"$ref": DOC_URI + schema["$ref"]}
    return Draft202012Validator(schema, registry=registry, format_checker=checker)


def routes(patterns, prefix: str = "") -> set[str]:
    """Django routes as OpenAPI paths: `articles/<str:article_id>` -> `/articles/{article_id}`."""
    found = set()
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            found |= routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            found.add("/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route))
    return found


def test_the_document_is_valid_openapi(document):
    validate_spec(document)
    assert document["openapi"].startswith("3.1")


def test_the_document_describes_exactly_the_routes_that_exist(document):
    assert routes(api_urls.urlpatterns) == set(document["paths"])


def test_the_served_document_is_the_one_in_the_code(client, document):
    response = client.get("/api/v1/schema")
    assert response.status_code == 200
    assert response.json() == document


def test_the_validator_used_below_catches_a_wrong_body(document):
    """The checks below are not vacuous: a body off the schema fails them."""
    page = body_validator(document, {"$ref": "#/components/schemas/ArticlePage"})
    assert list(page.iter_errors({"count": 0, "limit": 20, "offset": 0, "next": None,
                                  "previous": None, "results": []})) == []
    assert list(page.iter_errors({"count": "0"}))
    article = body_validator(document, {"$ref": "#/components/schemas/Article"})
    assert list(article.iter_errors({"id": 1}))
    summary = body_validator(document, {"$ref": "#/components/schemas/ArticleSummary"})
    error_page = {"count": 0, "limit": 20, "offset": 0, "next": "/relative", "previous": None,
                  "results": []}
    assert list(page.iter_errors(error_page))  # relative URL: not a uri
    assert summary.schema != article.schema


def _samples(document: dict, parameter: dict, news) -> list[str]:
    """Values to send for one parameter: from its schema, real slugs, and hostile ones."""
    schema = parameter["schema"]
    values: list[str] = []
    if schema.get("type") == "integer":
        for key in ("minimum", "maximum", "default"):
            if key in schema:
                values += [str(schema[key]), str(schema[key] - 1), str(schema[key] + 1)]
    name = parameter["name"]
    values += {
        "section": [news.politics.slug, news.parliament.slug, "لا-يوجد"],
        "author": [news.layla.slug, "nobody"],
        "tag": [news.water.slug, "nothing"],
        "since": ["2026-11-25", "2026-11-25T05:00:00Z", "2026-11-25T07:00:00+03:00",
                  "2026-02-30", "yesterday"],
        "until": ["2026-11-25T05:00:00Z", "2026-11-01", "9999-12-31T23:59:59-12:00"],
        "q": ["المياه", "محطة تحلية", '"تحلية المياه" -الوقود', "و"],
        "article_id": [str(news.lead.pk), str(news.corrected.pk), str(news.draft.pk),
                       str(news.withdrawn.pk), "1" * 30],
    }.get(name, [])
    return values + HOSTILE


def _required_query(document: dict, operation: dict, news) -> dict[str, str]:
    """A real value for each required query parameter (such as search's q)."""
    parameters = [deref(document, p) for p in operation.get("parameters", [])]
    return {p["name"]: _samples(document, p, news)[0] for p in parameters
            if p["in"] == "query" and p.get("required")}


def _requests(document: dict, path: str, operation: dict, news):
    """(url, query) pairs covering each parameter's samples, one parameter at a time."""
    parameters = [deref(document, p) for p in operation.get("parameters", [])]
    path_params = [p for p in parameters if p["in"] == "path"]
    query_params = [p for p in parameters if p["in"] == "query"]
    if path_params:
        (param,) = path_params
        for value in _samples(document, param, news):
            if value and "\x00" not in value:
                yield PREFIX + path.replace("{" + param["name"] + "}", value), {}
        return
    required = _required_query(document, operation, news)
    yield PREFIX + path, required
    if required:
        yield PREFIX + path, {}
    for param in query_params:
        for value in _samples(document, param, news):
            yield PREFIX + path, {**required, param["name"]: value}


def test_every_endpoint_answers_as_the_document_says(client, news, document):
    statuses_seen: dict[tuple[str, str], set[str]] = {}
    requests = operations = 0
    for path, item in document["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            operations += 1
            for url, query in _requests(document, path, operation, news):
                response = getattr(client, method)(url, query)
                requests += 1
                status = str(response.status_code)
                context = (method, url, query, status)
                assert status in responses, context
                spec = deref(document, responses[status])
                assert "ETag" in response and "Cache-Control" in response, context
                media = spec.get("content", {}).get("application/json")
                assert media, context
                assert response["Content-Type"].startswith("application/json"), context
                errors = list(body_validator(document, media["schema"]).iter_errors(
                    response.json()))
                assert not errors, (context, [e.message for e in errors[:3]])
                statuses_seen.setdefault((path, method), set()).add(status)
    # Every documented answer (but 304, checked next) was produced at least once.
    for path, item in document["paths"].items():
        for method, operation in item.items():
            documented = set(operation["responses"]) - {"304"}
            assert documented <= statuses_seen[(path, method)], (path, documented)
    assert requests <= 80 * operations  # bounded: the suite stays fast


def test_every_operation_answers_304_as_documented(client, news, document):
    for path, item in document["paths"].items():
        for _method, operation in item.items():
            assert "304" in operation["responses"], path
            url = PREFIX + path.replace("{article_id}", str(news.lead.pk))
            query = _required_query(document, operation, news)
            etag = client.get(url, query)["ETag"]
            response = client.get(url, query, HTTP_IF_NONE_MATCH=etag)
            assert response.status_code == 304, path
            spec = deref(document, operation["responses"]["304"])
            for header in spec["headers"]:
                assert header in response, (path, header)
