"""Headers for browsers and shared caches: Cache-Control, validators, 304, Vary."""

import pytest
from django.utils.http import http_date

from jarida.caching.middleware import _is_shared
from jarida.caching.purge import purge_now
from jarida.caching.tests.conftest import state
from jarida.conftest import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def url():
    return make_article().get_absolute_url()


def test_reader_pages_tell_shared_caches_how_long_to_keep_them(client, url, settings):
    settings.JARIDA_CACHE_MAX_AGE = 0
    settings.JARIDA_CACHE_S_MAXAGE = 90
    settings.JARIDA_CACHE_STALE_WHILE_REVALIDATE = 30
    for response in (client.get(url), client.get(url), client.get("/")):
        control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"public", "max-age=0", "s-maxage=90", "stale-while-revalidate=30"} <= control
        assert "stale-if-error=86400" in control


def test_the_headers_are_sent_with_the_app_cache_off_too(client, url, settings):
    settings.JARIDA_PAGE_CACHE = False
    response = client.get(url)
    assert state(response) == ""
    assert "s-maxage=" in response["Cache-Control"]
    assert response.has_header("ETag") and response.has_header("Last-Modified")


def test_it_answers_304_to_a_matching_etag_from_the_cache_and_from_a_render(client, url):
    first = client.get(url)
    etag = first["ETag"]
    assert etag.startswith('"')
    cached = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert cached.status_code == 304 and state(cached) == "hit"
    assert cached.content == b"" and cached["ETag"] == etag
    assert "s-maxage=" in cached["Cache-Control"]
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200
    purge_now(tags={"all"})
    rendered = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert rendered.status_code == 304 and state(rendered) == "miss"


def test_it_answers_304_to_if_modified_since_and_200_when_older(client, url):
    last_modified = client.get(url)["Last-Modified"]
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=http_date(0)).status_code == 200


def test_an_unchanged_page_keeps_its_validators_when_rendered_again(client, url):
    first = client.get(url)
    purge_now(tags={"all"})
    again = client.get(url)
    assert state(again) == "miss"
    assert again["ETag"] == first["ETag"]
    assert again["Last-Modified"] == first["Last-Modified"]


def test_it_varies_on_nothing_a_one_language_site_does_not_need(client, url):
    response = client.get(url)
    assert "Accept-Language" not in response.get("Vary", "")
    assert "Cookie" not in response.get("Vary", "")


def test_a_head_request_is_answered_from_the_cache_without_a_body(client, url):
    full = client.get(url)
    head = client.head(url)
    assert state(head) == "hit" and head.content == b""
    assert head["Content-Length"] == full["Content-Length"]


def test_responses_with_cookies_nonces_or_cookie_variance_are_not_shared():
    from django.http import HttpResponse

    plain = HttpResponse("x")
    assert _is_shared(plain)
    with_cookie = HttpResponse("x")
    with_cookie.set_cookie("csrftoken", "abc")
    varies = HttpResponse("x", headers={"Vary": "Cookie"})
    nonce = HttpResponse("x", headers={"Content-Security-Policy": "script-src 'nonce-abc'"})
    private = HttpResponse("x", headers={"Cache-Control": "private"})
    assert not any(_is_shared(r) for r in (with_cookie, varies, nonce, private))
