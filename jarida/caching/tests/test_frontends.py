"""Shared caches in front of the app (nginx) are told to fetch purged pages again."""

import http.server
import io
import threading

import pytest
from django.core.management import call_command

from jarida.caching.purge import frontends_refresh
from jarida.caching.tags import article_paths
from jarida.caching.tests.conftest import state
from jarida.conftest import make_article, make_section
from jarida.newsroom import services

pytestmark = pytest.mark.django_db


class Heard(list):
    """The requests a front end received; `gate` holds its answers while cleared."""

    def __init__(self):
        super().__init__()
        self.changed = threading.Condition()
        self.gate = threading.Event()
        self.gate.set()

    def wait_for(self, paths: set[str]) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: paths <= {p for p, _ in self}, timeout=10)


@pytest.fixture
def frontend(settings):
    """A stand-in for nginx on 127.0.0.1 that records what it was asked."""
    heard = Heard()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            heard.gate.wait(timeout=10)
            with heard.changed:
                heard.append((self.path, dict(self.headers)))
                heard.changed.notify_all()
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.JARIDA_CACHE_PURGE_URLS = [f"http://127.0.0.1:{server.server_port}"]
    settings.JARIDA_CACHE_PURGE_SECRET = "سر-التحديث-للاختبار".encode().hex()
    settings.SITE_URL = "https://jarida.example"
    yield heard
    server.shutdown()
    server.server_close()


def test_it_asks_each_front_end_for_the_page_again_with_the_secret(frontend, settings):
    statuses = frontends_refresh(["/اقتصاد/", "/"], again=False)
    assert set(statuses.values()) == {200}
    paths = sorted(path for path, _ in frontend)
    assert paths == ["/", "/%D8%A7%D9%82%D8%AA%D8%B5%D8%A7%D8%AF/"]
    for _path, headers in frontend:
        assert headers["Host"] == "jarida.example"
        assert headers["X-Jarida-Refresh"] == settings.JARIDA_CACHE_PURGE_SECRET


def test_publishing_refreshes_the_articles_pages_in_front_ends(
        frontend, django_capture_on_commit_callbacks, monkeypatch):
    monkeypatch.setattr("jarida.caching.purge.REFRESH_AGAIN_AFTER", 60)  # not within the test
    section = make_section("اقتصاد", slug="اقتصاد")
    draft = make_article(section=section, published=False)
    frontend.clear()
    frontend.gate.clear()  # the front end does not answer yet...
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=draft, by=None)
    assert len(frontend) == 0  # ...and the publish is done: the editor did not wait
    frontend.gate.set()
    expected = {"/", draft.get_absolute_url(), "/%D8%A7%D9%82%D8%AA%D8%B5%D8%A7%D8%AF/",
                f"/a/{draft.pk}/", "/feeds/rss/", "/feeds/atom/", "/sitemap-news.xml"}
    assert frontend.wait_for(expected)
    assert article_paths(draft)[0] == "/"  # asked for first


def test_an_unreachable_front_end_does_not_fail_the_change(settings,
                                                           django_capture_on_commit_callbacks):
    settings.JARIDA_CACHE_PURGE_URLS = ["http://127.0.0.1:9"]  # nothing listens there
    settings.JARIDA_CACHE_PURGE_TIMEOUT = 1.0
    draft = make_article(published=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=draft, by=None)
    assert frontends_refresh(["/"], again=False) == {("http://127.0.0.1:9", "/"): None}


def test_the_purge_command_purges_a_path_raw_or_encoded_or_everything(client):
    article = make_article(section=make_section("اقتصاد", slug="اقتصاد"))
    section_url = article.section.get_absolute_url()
    for url in (section_url, "/"):
        client.get(url)
    call_command("purge_page_cache", section_url, stdout=io.StringIO())
    assert state(client.get(section_url)) == "miss"
    assert state(client.get("/")) == "hit"
    call_command("purge_page_cache", stdout=io.StringIO())
    assert state(client.get("/")) == "miss"


def test_a_comment_approved_on_a_further_page_refreshes_that_page_in_front_ends(
        frontend, settings, moderator, django_capture_on_commit_callbacks, monkeypatch):
    from jarida.comments.services import comment_add, comments_moderate

    monkeypatch.setattr("jarida.caching.purge.REFRESH_AGAIN_AFTER", 60)
    settings.JARIDA_COMMENTS = {**settings.JARIDA_COMMENTS, "THREADS_PER_PAGE": 2}
    article = make_article(section=make_section("مجتمع", slug="مجتمع"))
    threads = [comment_add(article=article, name="قارئ", email=f"r{i}@example.com",
                           body=f"رأي رقم {i}", status="approved") for i in range(5)]
    reply = comment_add(article=article, name="قارئة", email="q@example.com",
                        body="ردّ على الرأي الرابع", parent=threads[3], status="pending")
    frontend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        comments_moderate(comments=[reply], action="approve", by=moderator)
    expected = {article.get_absolute_url(), f"/comments/{article.pk}/",
                f"/comments/{article.pk}/page/2/"}
    assert frontend.wait_for(expected)
    assert not any("/page/3/" in path for path, _ in frontend)
