"""/healthz: 200 when the database and the cache answer, 503 naming the part that does not."""

import pytest
from django.db import OperationalError, connection
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


def test_it_reports_healthy_when_database_and_cache_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


@override_settings(CACHES={"default": {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    # Nothing listens on port 9 of this machine: the connection is refused at once.
    "LOCATION": "redis://127.0.0.1:9/0",
}})
def test_it_answers_503_when_the_cache_is_unreachable(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "cache": "error"}


def test_it_answers_503_when_the_database_is_unreachable(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    # The one stand-in of this suite: a database that stops answering mid-run.
    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error", "cache": "ok"}
    assert b"refused" not in response.content  # the reason is logged, not shown


def test_it_answers_a_load_balancer_over_http_when_https_is_required(settings):
    settings.SECURE_SSL_REDIRECT = True
    client = Client()
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301


def test_it_refuses_writes(client):
    assert client.post("/healthz").status_code == 405
