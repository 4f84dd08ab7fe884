"""Every page type, for readers and for the newsroom, carries the security headers: a
Content-Security-Policy without 'unsafe-inline' for scripts, framing refused, a
Referrer-Policy and a Permissions-Policy."""

import re

import pytest
from django.urls import Resolver404, resolve, reverse

from jarida.conftest import make_article, make_author, make_section, make_tag
from jarida.newsroom import services

pytestmark = pytest.mark.django_db


def parse_csp(header: str) -> dict[str, list[str]]:
    policy = {}
    for part in header.split(";"):
        name, *sources = part.split()
        policy[name] = sources
    return policy


def assert_security_headers(response) -> dict[str, list[str]]:
    csp = parse_csp(response["Content-Security-Policy"])
    script_sources = csp.get("script-src", csp["default-src"])
    assert "'unsafe-inline'" not in script_sources and "'unsafe-eval'" not in script_sources
    assert "'self'" in script_sources
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    return csp


@pytest.fixture
def pages(db):
    section = make_section("رياضة", slug="رياضة")
    author, tag = make_author("سلمى الراشد"), make_tag("الملاعب")
    article = make_article(section=section, headline="المنتخب يتأهل إلى نهائي البطولة",
                           authors=[author], tags=[tag])
    gone = make_article(section=section, headline="خبر سُحب من النشر")
    services.article_unpublish(article=gone, by=None)
    return {
        "home": ("/", 200),
        "section": (section.get_absolute_url(), 200),
        "article": (article.get_absolute_url(), 200),
        "author": (author.get_absolute_url(), 200),
        "tag": (tag.get_absolute_url(), 200),
        "404": ("/لا-يوجد-قسم-بهذا-الاسم/", 404),
        "410": (gone.get_absolute_url(), 410),
        "search": ("/search/?q=" + "المنتخب", 200),
        "healthz": ("/healthz", 200),
    }


def _search_page_exists() -> bool:
    try:
        return resolve("/search/").namespace == "search"
    except Resolver404:
        return False


@pytest.mark.parametrize("kind", ["home", "section", "article", "author", "tag", "404", "410",
                                  "search", "healthz"])
def test_it_sends_the_security_headers_on_every_reader_page(client, pages, kind):
    if kind == "search" and not _search_page_exists():
        pytest.skip("/search/ is not routed yet (jarida.search is in progress)")
    path, status = pages[kind]
    response = client.get(path)
    assert response.status_code == status
    assert_security_headers(response)


def test_it_sends_the_security_headers_on_the_admin_login(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 200
    assert_security_headers(response)


@pytest.mark.parametrize("page", ["index", "changelist", "add", "change"])
def test_it_sends_the_security_headers_on_the_newsroom_pages(client, editor, page):
    article = make_article(published=False)
    client.force_login(editor)
    url = {
        "index": reverse("admin:index"),
        "changelist": reverse("admin:newsroom_article_changelist"),
        "add": reverse("admin:newsroom_article_add"),
        "change": reverse("admin:newsroom_article_change", args=[article.pk]),
    }[page]
    response = client.get(url)
    assert response.status_code == 200
    assert_security_headers(response)


def test_it_lets_the_editors_import_map_run_by_the_responses_nonce_only(client, editor):
    article = make_article(published=False)
    client.force_login(editor)
    response = client.get(reverse("admin:newsroom_article_change", args=[article.pk]))
    csp = assert_security_headers(response)
    nonces = [s for s in csp["script-src"] if s.startswith("'nonce-")]
    assert len(nonces) == 1
    nonce = nonces[0][len("'nonce-"):-1]
    html = response.content.decode()
    importmap = re.search(r'<script type="importmap"[^>]*>', html).group(0)
    assert f'nonce="{nonce}"' in importmap
    # A second request gets another nonce: it cannot be guessed from an earlier page.
    again = client.get(reverse("admin:newsroom_article_change", args=[article.pk]))
    assert f"'nonce-{nonce}'" not in again["Content-Security-Policy"]


def test_it_leaves_the_nonce_out_of_pages_that_need_none(client, pages):
    # Reader pages run no inline script, so their policy (and a cached copy) has no nonce.
    response = client.get(pages["article"][0])
    assert "'nonce-" not in response["Content-Security-Policy"]
    assert "<script>" not in response.content.decode()


def test_it_keeps_the_headers_on_a_page_served_again_from_a_cache(client, pages):
    # A page cache sits outside the security middleware: what it stored carries them.
    path = pages["article"][0]
    first, second = client.get(path), client.get(path)
    for header in ("Content-Security-Policy", "Permissions-Policy", "X-Frame-Options",
                   "Referrer-Policy", "Cross-Origin-Opener-Policy"):
        assert second[header] == first[header]


def test_reader_pages_take_styles_from_the_site_only(client, pages):
    for kind in ("home", "article", "404", "410"):
        style = parse_csp(client.get(pages[kind][0])["Content-Security-Policy"])["style-src"]
        assert "'unsafe-inline'" not in style and "'self'" in style, kind


def test_the_admin_alone_may_use_inline_styles(client, editor):
    client.force_login(editor)
    for url in (reverse("admin:login"), reverse("admin:newsroom_article_add")):
        style = parse_csp(client.get(url)["Content-Security-Policy"])["style-src"]
        # A hash beside 'unsafe-inline' would switch it off in browsers: none there.
        assert style == ["'self'", "'unsafe-inline'"], url


@pytest.mark.parametrize("status", [400, 500])
def test_the_error_pages_inline_styles_are_allowed_by_their_hash(client, settings, status):
    import base64
    import hashlib

    from django.template.loader import render_to_string

    html = render_to_string(f"{status}.html")
    styles = re.findall(r"<style>(.*?)</style>", html, re.S)
    assert styles  # the standalone error pages keep their few rules inline
    policy = parse_csp(client.get("/", HTTP_HOST="evil.example")["Content-Security-Policy"])
    for css in styles:
        digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy["style-src"]
