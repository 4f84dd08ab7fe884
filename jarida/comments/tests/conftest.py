"""Fixtures for the comment tests: a published article, a clean cache (rate limits live
there), settings overrides, and a helper that posts through the real view."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache
from django.urls import reverse

from jarida.comments.tokens import form_token_make
from jarida.conftest import make_article, make_section

BODY = "شكرًا على هذا التقرير، أتمنى أن تصل المياه إلى القرى البعيدة أيضًا."


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def comments_conf(settings):
    """Change some JARIDA_COMMENTS settings for one test: comments_conf(MODE="post")."""

    def change(**values):
        settings.JARIDA_COMMENTS = {**settings.JARIDA_COMMENTS, **values}

    return change


@pytest.fixture
def article(db):
    return make_article(section=make_section("مجتمع"))


def valid_token(article, *, seconds_ago: float = 60) -> str:
    """A form token as the form hands out, issued `seconds_ago` (past the fill time)."""
    return form_token_make(article_id=article.pk, issued_at=time.time() - seconds_ago)


def post_comment(client, article, *, as_json: bool = False, **fields):
    """Post the form; UPPERCASE keywords (REMOTE_ADDR, HTTP_...) go to the request's META."""
    meta = {key: fields.pop(key) for key in list(fields) if key.isupper()}
    data = {"name": "سلمى العبدالله", "email": "salma@example.com", "body": BODY,
            "token": valid_token(article), **fields}
    if as_json:
        meta["HTTP_ACCEPT"] = "application/json"
    return client.post(reverse("comments:post", args=[article.pk]), data, **meta)
