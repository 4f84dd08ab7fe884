import pytest

from jarida.newsroom import services

pytestmark = pytest.mark.django_db

ENDPOINTS = ["/api/v1/articles", "/api/v1/sections", "/api/v1/authors", "/api/v1/tags",
             "/api/v1/schema"]


def test_every_answer_carries_cache_control_and_an_etag_errors_too(client, news):
    urls = [*ENDPOINTS, f"/api/v1/articles/{news.lead.pk}", "/api/v1/articles?limit=0",
            "/api/v1/articles/12x", f"/api/v1/articles/{news.withdrawn.pk}"]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 400, 404, 410), url
        cache = response["Cache-Control"]
        assert "public" in cache and "max-age=" in cache and "s-maxage=" in cache, url
        assert response["ETag"].startswith('"') and len(response["ETag"]) > 10, url
        assert response["Access-Control-Allow-Origin"] == "*"


def test_it_answers_304_while_the_etag_matches_and_200_once_the_article_changes(client, news):
    url = f"/api/v1/articles/{news.lead.pk}"
    first = client.get(url)
    unchanged = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert unchanged["ETag"] == first["ETag"]
    assert "max-age" in unchanged["Cache-Control"]
    services.article_update(article=news.lead, by=None, headline="عنوان معدل للمحطة")
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert changed.json()["headline"] == "عنوان معدل للمحطة"


def test_every_list_answers_304_to_its_own_etag(client, news):
    for url in ENDPOINTS:
        etag = client.get(url)["ETag"]
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304, url
        assert client.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200, url


def test_errors_are_never_304(client, news):
    url = "/api/v1/articles?limit=-5"
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 400


def test_cache_lifetimes_come_from_settings(client, news, settings):
    settings.JARIDA_API_MAX_AGE = 15
    settings.JARIDA_API_S_MAXAGE = 120
    cache = client.get("/api/v1/articles")["Cache-Control"]
    assert "max-age=15" in cache and "s-maxage=120" in cache
    assert "max-age=3600" in client.get("/api/v1/schema")["Cache-Control"]


def test_head_answers_like_get_without_a_body(client, news):
    get = client.get("/api/v1/tags")
    head = client.head("/api/v1/tags")
    assert head.status_code == 200
    assert head["ETag"] == get["ETag"]
    assert head.content == b""


def test_it_is_read_only(client, news):
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)("/api/v1/articles", data={"headline": "x"})
        assert response.status_code == 405, method
        assert response["Allow"] == "GET, HEAD"
        assert response.json()["error"]["code"] == "method_not_allowed"
    assert client.post(f"/api/v1/articles/{news.lead.pk}").status_code == 405


def test_arabic_stays_readable_in_the_body(client, news):
    body = client.get("/api/v1/sections").content.decode("utf-8")
    assert "سياسة" in body and "\\u0633" not in body
