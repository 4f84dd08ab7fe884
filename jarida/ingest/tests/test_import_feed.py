import sys
import types
from datetime import UTC, datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

import jarida.related
from jarida.conftest import make_section
from jarida.ingest import feeds
from jarida.ingest.management.commands.import_feed import Command as ImportFeed
from jarida.ingest.models import FeedSource, ImportedItem
from jarida.ingest.tests.conftest import SAMPLES, Page
from jarida.newsroom.models import Article

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
PAGE = (SAMPLES / "article-page.html").read_bytes()


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def wire(tmp_path, local_server, allow_local_hosts):
    """The RSS sample pointing at the local server, which serves the market article."""
    text = (SAMPLES / "feed-rss.xml").read_text(encoding="utf-8")
    path = tmp_path / "wire.xml"
    path.write_text(text.replace("http://127.0.0.1:PORT", local_server.url), encoding="utf-8")
    local_server.pages["/articles/market.html"] = Page(PAGE)
    local_server.feed_path = path
    return local_server


def _run(*args: str) -> str:
    out = StringIO()
    call_command("import_feed", *args, stdout=out)
    return out.getvalue()


def test_it_creates_drafts_crediting_the_source(wire):
    output = _run(str(wire.feed_path), "--credit", "وكالة أنباء الساحل")
    assert "created 3, updated 0, unchanged 0, skipped 0" in output
    ship = Article.objects.get(headline="الميناء يستقبل أكبر سفينة حاويات في تاريخه")
    assert ship.state == "draft"
    assert ship.source_credit == "وكالة أنباء الساحل"
    assert ship.byline == "رنا المهيري"
    assert ship.standfirst == "سفينة بطول أربعمئة متر ترسو في الرصيف الجديد."
    assert ship.body.startswith("<p>استقبل ميناء المدينة صباح اليوم أكبر سفينة حاويات")
    assert "<script>" not in ship.body and "alert" not in ship.body
    item = ImportedItem.objects.get(article=ship)
    assert item.remote_id == "sahil-wire-1001" and item.kind == "feed_entry"
    assert item.image_url == f"{wire.url}/images/ship.jpg"


def test_it_publishes_at_the_entrys_time_when_the_feed_says_so(wire):
    _run(str(wire.feed_path), "--publish", "--section", make_section("اقتصاد", "اقتصاد").slug)
    ship = Article.objects.get(headline__startswith="الميناء يستقبل")
    assert ship.state == "published"
    assert ship.published_at == datetime(2026, 11, 30, 15, 30, tzinfo=UTC)
    assert ship.section.slug == "اقتصاد"
    assert FeedSource.objects.get().publish_mode == "published"


def test_it_extracts_the_article_from_the_linked_page_without_its_boilerplate(wire):
    _run(str(wire.feed_path))
    market = Article.objects.get(headline="افتتاح سوق الخضار الجديد في حي الميناء")
    assert market.body.startswith("<p>افتتحت البلدية صباح اليوم سوق الخضار الجديد في حي الميناء")
    assert "أماكن ثابتة بإيجارات رمزية" in market.body
    assert market.body.count("<p>") == 4
    for boilerplate in ("اخبار قد تهمك", "اترك تعليقا", "ارتفاع أسعار الطماطم", "الرئيسية",
                        "جميع الحقوق محفوظة", "لن يتم نشر عنوان بريدك"):
        assert boilerplate not in market.body
    # The page was asked for once, politely, with our User-Agent.
    path, headers = next(r for r in wire.requests if r[0] == "/articles/market.html")
    assert headers["User-Agent"].startswith("Jarida/")


def test_it_keeps_the_summary_when_the_page_cannot_be_read(wire):
    _run(str(wire.feed_path))
    rain = Article.objects.get(headline="أمطار متوقعة على الساحل نهاية الأسبوع")  # page is 404
    assert rain.body == "<p>توقعت الأرصاد هطول أمطار متوسطة يومي الجمعة والسبت.</p>"
    # An entry without a guid is known by its link.
    assert ImportedItem.objects.get(article=rain).remote_id == f"{wire.url}/articles/rain.html"


def test_it_changes_nothing_when_run_twice(wire):
    _run(str(wire.feed_path))
    before = list(Article.objects.order_by("pk").values())
    requests = len(wire.requests)
    output = _run(str(wire.feed_path))
    assert "created 0, updated 0, unchanged 3, skipped 0" in output
    assert list(Article.objects.order_by("pk").values()) == before
    assert len(wire.requests) == requests  # unchanged entries fetch no page
    assert FeedSource.objects.count() == 1


def test_it_updates_an_entry_whose_content_changed(wire):
    _run(str(wire.feed_path))
    text = wire.feed_path.read_text(encoding="utf-8")
    wire.feed_path.write_text(text.replace("أكبر سفينة حاويات في تاريخه",
                                           "أكبر سفينة حاويات منذ افتتاحه"), encoding="utf-8")
    output = _run(str(wire.feed_path))
    assert "created 0, updated 1, unchanged 2" in output
    assert Article.objects.filter(headline="الميناء يستقبل أكبر سفينة حاويات منذ افتتاحه").exists()
    assert Article.objects.count() == 3


def test_it_does_not_bring_back_an_entry_an_editor_deleted(wire):
    _run(str(wire.feed_path))
    Article.objects.get(headline__startswith="أمطار متوقعة").delete()
    output = _run(str(wire.feed_path))
    assert "deleted in Jarida after an earlier import; not restored" in output
    assert Article.objects.count() == 2


def test_it_reads_atom_feeds():
    output = _run(str(SAMPLES / "feed-atom.xml"), "--no-full-text", "--publish")
    assert "created 1" in output
    article = Article.objects.get()
    assert article.headline == "الجامعة تطلق برنامجا لعلوم البحار"
    assert article.body == ("<p>أعلنت جامعة الساحل إطلاق برنامج بكالوريوس في علوم البحار يبدأ "
                            "في الفصل المقبل.</p><p>ويدرس الطلاب فيه أحياء البحر والتيارات "
                            "والصيد المستدام.</p>")
    assert article.published_at == datetime(2026, 11, 28, 7, 0, tzinfo=UTC)
    assert article.source_credit == "أخبار جامعة الساحل"  # the feed's title, with no credit set


def test_it_polls_a_url_and_asks_only_for_what_changed(local_server, allow_local_hosts):
    body = (SAMPLES / "feed-atom.xml").read_bytes()
    local_server.pages["/feed.atom"] = Page(body, content_type="application/atom+xml",
                                            etag='"v1"')
    url = f"{local_server.url}/feed.atom"
    assert "created 1" in _run(url, "--no-full-text", "--name", "جامعة الساحل")
    assert "not modified since the last poll" in _run(url)
    assert local_server.requests[-1][1]["If-None-Match"] == '"v1"'
    source = FeedSource.objects.get()
    assert source.url == url and source.name == "جامعة الساحل" and source.etag == '"v1"'
    assert source.last_polled_at == NOW and source.last_error == ""


def test_it_fails_clearly_on_a_malformed_feed_and_creates_nothing():
    with pytest.raises(CommandError, match="1 feed\\(s\\) failed"):
        out = StringIO()
        call_command("import_feed", str(SAMPLES / "feed-broken.xml"), stdout=out)
    assert Article.objects.count() == 0
    assert FeedSource.objects.get().last_error.startswith("line 7: the feed is not well-formed")


def test_it_refuses_private_addresses_unless_settings_allow_them(local_server):
    local_server.pages["/feed.atom"] = Page((SAMPLES / "feed-atom.xml").read_bytes())
    with pytest.raises(CommandError):
        _run(f"{local_server.url}/feed.atom")
    assert "is a private or local address" in FeedSource.objects.get().last_error
    assert local_server.requests == []


def test_it_polls_all_active_feeds_in_a_loop_without_sleeping_for_real(wire, monkeypatch):
    FeedSource.objects.create(url="https://inactive.example/feed", is_active=False)
    _run(str(wire.feed_path))  # registers the feed
    naps = []
    monkeypatch.setattr(ImportFeed, "sleep", staticmethod(naps.append))
    output = _run("--loop", "--interval", "60", "--iterations", "3")
    assert output.count("unchanged 3") == 3
    assert naps == [60.0, 60.0]


def test_it_loops_with_an_injected_sleep_and_sees_new_feeds_each_round():
    rounds, naps, polled = [], [], []
    sources = [["a"], ["a", "b"], ["a", "b"]]

    def poll(*, source):
        polled.append(source)
        return feeds.FeedReport(feed=source)

    done = feeds.feeds_poll_loop(sources=lambda: sources[len(rounds)], interval=5,
                                 iterations=3, on_report=lambda r: None, sleep=lambda s: (
                                     naps.append(s), rounds.append(1)), poll=poll)
    assert done == 3 and naps == [5, 5] and polled == ["a", "a", "b", "a", "b"]


def test_it_keeps_a_likely_duplicate_as_a_draft_with_the_simplest_related_hook(wire, monkeypatch):
    existing = Article.objects.create(headline="سفينة عملاقة في الميناء", section=make_section())

    def article_near_duplicates(*, article):
        return [existing] if "سفينة" in article.headline else []

    # A related app that only answers the question (no flagging): the simplest hook.
    fake = types.ModuleType("jarida.related.services")
    fake.article_near_duplicates = article_near_duplicates
    monkeypatch.setitem(sys.modules, "jarida.related.services", fake)
    monkeypatch.setattr(jarida.related, "services", fake, raising=False)
    output = _run(str(wire.feed_path), "--publish")
    assert f"looks like article(s) {existing.pk}; kept as a draft" in output
    assert Article.objects.get(headline__startswith="الميناء يستقبل").state == "draft"
    assert Article.objects.get(headline__startswith="افتتاح سوق").state == "published"


def test_it_needs_something_to_read():
    with pytest.raises(CommandError, match="No feed to read"):
        _run()


def test_it_keeps_a_copy_of_a_published_article_as_a_draft(wire):
    from jarida.conftest import make_article
    from jarida.ingest.rssatom import feed_parse

    ship = next(e for e in feed_parse(wire.feed_path.read_bytes()).entries
                if e.guid == "sahil-wire-1001")
    # Published here yesterday (jarida.related profiles it as it is published).
    original = make_article(headline=ship.title, body=ship.content_html, hours_ago=30)
    output = _run(str(wire.feed_path), "--publish")
    copy = Article.objects.exclude(pk=original.pk).get(headline=ship.title)
    assert copy.state == "draft"
    assert f"looks like article(s) {original.pk}; kept as a draft" in output
    assert Article.objects.get(headline__startswith="افتتاح سوق").state == "published"
