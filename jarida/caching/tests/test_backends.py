"""The parts that talk to real services: Redis (the production cache) and SQLite's
planner statistics."""

import uuid

import pytest
from django.core.cache import caches
from django.db import connection
from django.utils import timezone

from jarida.caching.dbstats import statistics_refresh_if_grown
from jarida.caching.tests.conftest import state
from jarida.conftest import make_article, make_section
from jarida.newsroom import services
from jarida.newsroom.models import Article

pytestmark = pytest.mark.django_db


def redis_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis(host="127.0.0.1", port=6379, socket_timeout=0.5).ping())
    except redis.RedisError:
        return False


@pytest.mark.skipif(not redis_reachable(), reason="no Redis at 127.0.0.1:6379")
def test_pages_are_stored_checked_and_purged_through_redis(client, settings,
                                                           django_capture_on_commit_callbacks):
    prefix = f"jarida-test-{uuid.uuid4().hex}"
    settings.CACHES = {"default": {
        "BACKEND": "jarida.caching.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/9",
        "KEY_PREFIX": prefix}}
    backend = caches["default"]
    article = make_article(section=make_section("اقتصاد", slug="اقتصاد"))
    url = article.get_absolute_url()
    try:
        assert state(client.get(url)) == "miss"
        assert state(client.get(url)) == "hit"
        # One client per connection pool, reused by every operation.
        assert backend._cache.get_client() is backend._cache.get_client()
        with django_capture_on_commit_callbacks(execute=True):
            services.article_update(article=article, by=None, headline="عنوان بعد التحرير")
        response = client.get(url)
        assert state(response) == "miss" and "عنوان بعد التحرير" in response.content.decode()
    finally:  # only this test's keys
        redis_client = backend._cache.get_client(write=True)
        for key in redis_client.scan_iter(match=f"{prefix}:*"):
            redis_client.delete(key)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only: PostgreSQL analyzes")
def test_sqlite_statistics_are_refreshed_when_the_archive_has_doubled():
    section = make_section("أرشيف")
    now = timezone.now()

    def add(n: int) -> None:
        Article.objects.bulk_create(
            Article(headline=f"خبر من الأرشيف {i}", slug=f"archive-{uuid.uuid4().hex[:8]}",
                    section=section, status=Article.Status.PUBLISHED, published_at=now)
            for i in range(n))

    add(120)
    assert statistics_refresh_if_grown()
    assert not statistics_refresh_if_grown()  # nothing new since
    add(150)
    assert statistics_refresh_if_grown()
