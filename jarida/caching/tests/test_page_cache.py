"""Anonymous readers get cached pages; one URL however spelled; editors never cached."""

import re
import time
from urllib.parse import quote

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jarida.caching.store import tags_purge, version_key
from jarida.caching.tests.conftest import state
from jarida.conftest import make_article, make_author, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article(section=make_section("اقتصاد", slug="اقتصاد"),
                        authors=[make_author("سلمى العبدالله")])


def test_it_serves_the_second_reader_from_the_cache_without_a_query(client, article):
    url = article.get_absolute_url()
    first = client.get(url)
    assert first.status_code == 200 and state(first) == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert state(second) == "hit"
    assert second.content == first.content
    assert len(queries) == 0


def test_raw_and_percent_encoded_arabic_urls_share_one_entry(client, article):
    raw = f"/اقتصاد/{article.pk}/{article.slug}/"
    upper = quote(raw)
    lower = re.sub("%[0-9A-F]{2}", lambda m: m.group().lower(), upper)
    assert upper != raw and lower != upper
    assert state(client.get(upper)) == "miss"
    assert state(client.get(raw)) == "hit"
    assert state(client.get(lower)) == "hit"


def test_a_purge_reaches_raw_and_encoded_spellings_alike(client, article,
                                                        django_capture_on_commit_callbacks):
    from jarida.newsroom import services

    raw = f"/اقتصاد/{article.pk}/{article.slug}/"
    client.get(raw)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_update(article=article, by=None, standfirst="مقدمة جديدة بعد التعديل")
    response = client.get(quote(raw))
    assert state(response) == "miss"
    assert "مقدمة جديدة بعد التعديل" in response.content.decode()


def test_tracking_parameters_and_query_order_do_not_split_the_cache(client, article):
    section = article.section.get_absolute_url()
    assert state(client.get(section, {"page": "1", "x": "2"})) == "miss"
    assert state(client.get(section + "?x=2&utm_source=social&page=1&fbclid=abc")) == "hit"
    assert state(client.get(section, {"page": "2"})) == "miss"


def test_editors_always_see_the_live_page(client, editor, article):
    url = article.get_absolute_url()
    client.get(url)
    # A change that sends no signal: only an uncached page can show it.
    type(article).objects.filter(pk=article.pk).update(headline="عنوان لا يراه إلا المحررون")
    assert "عنوان لا يراه إلا المحررون" not in client.get(url).content.decode()
    client.force_login(editor)
    response = client.get(url)
    assert state(response) == "bypass"
    assert "عنوان لا يراه إلا المحررون" in response.content.decode()
    assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]


def test_a_request_with_credentials_is_neither_served_nor_stored(client, article):
    url = article.get_absolute_url()
    response = client.get(url, HTTP_AUTHORIZATION="Bearer a-token")
    assert state(response) == "bypass"
    assert state(client.get(url)) == "miss"


def test_an_editors_visit_is_not_stored_for_readers(client, editor, article):
    url = article.get_absolute_url()
    client.force_login(editor)
    client.get(url)
    client.logout()
    assert state(client.get(url)) == "miss"


def test_pages_that_are_not_the_same_for_everyone_are_never_cached(client, article):
    assert state(client.get("/admin/login/")) == ""
    assert state(client.get("/comments/token/", {"article": article.pk})) == ""
    assert state(client.get("/comments/token/", {"article": article.pk})) == ""


def test_the_article_page_carries_no_per_reader_token_and_is_cached(client, article):
    """The comment form on the cached page is 'cold': its CSRF token comes from
    /comments/token/ (ADR 0050), so the page sets no cookie and does not vary by one."""
    response = client.get(article.get_absolute_url())
    assert state(response) == "miss"
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert "csrftoken" not in client.cookies


def test_unknown_urls_answer_404_and_the_404_is_cached_briefly(client, settings):
    settings.JARIDA_PAGE_CACHE_ERROR_SECONDS = 60
    section = make_section("رياضة", slug="رياضة")
    url = f"/{section.slug}/999999/لا-يوجد/"
    assert client.get(url).status_code == 404
    assert state(client.get(url)) == "hit"


def test_a_post_is_never_answered_from_the_cache(client, article):
    url = article.get_absolute_url()
    client.get(url)
    assert state(client.post(url)) == ""


def _purge_from_another_worker(tag: str) -> None:
    """What a purge in another process does: a new version in the shared cache, and
    nothing in this process's memory."""
    cache.set(version_key(tag), time.time_ns(), 3600)


def test_a_purge_in_another_worker_reaches_this_one_within_the_trust_time(client, article,
                                                                          settings):
    settings.JARIDA_PAGE_CACHE_LOCAL_TRUST_SECONDS = 0.25
    url = article.get_absolute_url()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        assert state(client.get(url)) == "miss"
        _purge_from_another_worker(f"article:{article.pk}")
        # This worker's copy was checked a moment ago: served without asking the cache.
        assert state(client.get(url)) == "hit"
        clock.shift(0.3)
        assert state(client.get(url)) == "miss"  # checked again: the purge is seen
        assert state(client.get(url)) == "hit"


def test_with_no_trust_time_every_hit_checks_the_shared_cache(client, article, settings):
    settings.JARIDA_PAGE_CACHE_LOCAL_TRUST_SECONDS = 0
    url = article.get_absolute_url()
    assert state(client.get(url)) == "miss"
    _purge_from_another_worker(f"article:{article.pk}")
    assert state(client.get(url)) == "miss"


def test_a_purge_in_this_worker_is_seen_at_once(client, article, settings):
    settings.JARIDA_PAGE_CACHE_LOCAL_TRUST_SECONDS = 60
    url = article.get_absolute_url()
    assert state(client.get(url)) == "miss"
    assert state(client.get(url)) == "hit"
    tags_purge({f"article:{article.pk}"})
    assert state(client.get(url)) == "miss"
