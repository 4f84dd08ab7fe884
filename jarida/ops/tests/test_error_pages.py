"""Readers never see a stack trace: with DEBUG off an error is the Arabic 500 page (and a
log line), an unknown address the Arabic 404 page."""

import pytest
from django.test import Client

from jarida.site import views

pytestmark = pytest.mark.django_db


def test_it_shows_the_arabic_500_page_without_a_trace(settings, monkeypatch):
    assert settings.DEBUG is False

    def broken(**kwargs):
        raise RuntimeError("database password is hunter2")

    monkeypatch.setattr(views.selectors, "home_page", broken)
    response = Client(raise_request_exception=False).get("/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "عذرًا، حدث خطأ من جهتنا" in html and 'dir="rtl"' in html
    for leak in ("Traceback", "RuntimeError", "hunter2", "selectors", ".py"):
        assert leak not in html
    assert "Content-Security-Policy" in response


def test_it_shows_the_arabic_404_page_for_an_unknown_address(client):
    response = client.get("/no-such-section/42/some-slug/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "الصفحة غير موجودة" in html
    assert "urlpatterns" not in html and "Page not found" not in html
