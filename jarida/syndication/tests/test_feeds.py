import calendar
from datetime import timedelta

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import etree

from jarida.conftest import make_article, make_author, make_tag
from jarida.newsroom.models import Article
from jarida.syndication.selectors import FEED_ITEMS

pytestmark = pytest.mark.django_db

SITE = "https://jarida.example"


def feed_urls(news) -> list[str]:
    scopes = ["", f"sections/{news.economy.slug}/", f"authors/{news.layla.slug}/",
              f"tags/{news.water.slug}/"]
    return [f"/feeds/{scope}{kind}/" for scope in scopes for kind in ("rss", "atom")]


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    # Strict XML: lxml's default parser refuses anything malformed (no recovery).
    etree.fromstring(response.content)
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, (url, parsed.get("bozo_exception"))
    return response, parsed


def test_it_serves_eight_feeds_that_parse_without_errors_in_feedparser_and_as_strict_xml(
        client, news):
    for url in feed_urls(news):
        response, parsed = fetch(client, url)
        expected = "application/atom+xml" if "atom" in url else "application/rss+xml"
        assert response["Content-Type"].startswith(expected)
        assert parsed.entries, url


def test_it_lists_only_public_articles_newest_first(client, news):
    _, parsed = fetch(client, "/feeds/rss/")
    assert [e.title for e in parsed.entries] == [a.headline for a in news.public]
    for hidden in news.hidden:
        assert hidden.headline not in {e.title for e in parsed.entries}


def test_it_dates_each_entry_with_its_publication_and_last_change(client, news):
    _, rss = fetch(client, "/feeds/rss/")
    _, atom = fetch(client, "/feeds/atom/")
    lead_published = calendar.timegm(news.lead.published_at.utctimetuple())
    assert calendar.timegm(rss.entries[0].published_parsed) == lead_published
    assert calendar.timegm(atom.entries[0].published_parsed) == lead_published
    corrected = next(e for e in atom.entries if e.title == news.corrected.headline)
    assert calendar.timegm(corrected.updated_parsed) == calendar.timegm(
        news.corrected.corrected_at.utctimetuple())
    assert calendar.timegm(atom.feed.updated_parsed) == calendar.timegm(
        timezone.now().utctimetuple())


def test_it_names_every_author_in_byline_order_with_their_page_in_atom(client, news):
    _, rss = fetch(client, "/feeds/rss/")
    _, atom = fetch(client, "/feeds/atom/")
    lead_atom = atom.entries[0]
    assert [a.name for a in lead_atom.authors] == ["ليلى الحسيني", "سامي العتيبي"]
    assert lead_atom.authors[0].href == SITE + "/authors/" + _quoted(news.layla.slug) + "/"
    raw = fetch(client, "/feeds/rss/")[0].content.decode()
    assert "<dc:creator>ليلى الحسيني</dc:creator><dc:creator>سامي العتيبي</dc:creator>" in raw
    archive = next(e for e in rss.entries if e.title == news.archive.headline)
    assert archive.author == "القاهرة - مراسل جريدة"  # a free-text byline stands in


def test_it_gives_the_section_and_tags_as_categories(client, news):
    _, parsed = fetch(client, "/feeds/atom/")
    assert [t.term for t in parsed.entries[0].tags] == ["اقتصاد", "الموازنة", "المياه"]  # tags by name


def test_it_declares_the_arabic_language(client, news):
    _, rss = fetch(client, "/feeds/rss/")
    assert rss.feed.language == "ar"
    atom = fetch(client, "/feeds/atom/")[0].content
    assert etree.fromstring(atom).get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"


def test_it_links_to_the_public_site_with_a_stable_guid(client, news):
    _, parsed = fetch(client, "/feeds/rss/")
    entry = parsed.entries[0]
    assert entry.link == SITE + news.lead.get_absolute_url()
    assert entry.id == f"{SITE}/a/{news.lead.pk}/"
    assert parsed.feed.link == SITE + "/"
    self_link = next(link for link in parsed.feed.links if link.rel == "self")
    assert self_link.href == SITE + "/feeds/rss/"
    assert entry.media_content[0]["url"] == SITE + "/media/articles/2026/11/%D9%85%D8%AD%D8%B7%D8%A9.jpg"


def test_it_carries_the_full_body_only_when_the_setting_asks(client, news, settings):
    settings.JARIDA_FEEDS_FULL_CONTENT = False
    for url in ("/feeds/rss/", "/feeds/atom/"):
        _, parsed = fetch(client, url)
        assert "content" not in parsed.entries[0]
        assert parsed.entries[0].summary == news.lead.standfirst
    settings.JARIDA_FEEDS_FULL_CONTENT = True
    for url in ("/feeds/rss/", "/feeds/atom/"):
        _, parsed = fetch(client, url)
        assert "<h2>كلفة المشروع</h2>" in parsed.entries[0].content[0].value


def test_it_makes_body_links_absolute_in_full_content(client, news, settings):
    from jarida.newsroom import services

    settings.JARIDA_FEEDS_FULL_CONTENT = True
    services.article_update(article=news.lead, by=None, body=(
        '<p>انظر <a href="/اقتصاد/">قسم الاقتصاد</a></p>'
        '<figure><img src="/media/خريطة.png" alt="خريطة"></figure>'))
    _, parsed = fetch(client, "/feeds/atom/")
    content = parsed.entries[0].content[0].value
    assert f'href="{SITE}/' in content and f'src="{SITE}/media/' in content


def test_a_section_feed_includes_its_subsections_and_nothing_else(client, news):
    _, parsed = fetch(client, f"/feeds/sections/{news.politics.slug}/rss/")
    assert [e.title for e in parsed.entries] == [news.vote.headline, news.archive.headline]
    assert parsed.feed.title == "جريدة: سياسة"


def test_author_and_tag_feeds_hold_their_articles(client, news):
    _, by_sami = fetch(client, f"/feeds/authors/{news.sami.slug}/atom/")
    assert [e.title for e in by_sami.entries] == [news.lead.headline, news.vote.headline]
    _, water = fetch(client, f"/feeds/tags/{news.water.slug}/rss/")
    assert [e.title for e in water.entries] == [news.lead.headline]


def test_it_holds_the_latest_fifty(client, news):
    section = news.economy
    for i in range(FEED_ITEMS):
        Article.objects.create(headline=f"خبر قصير رقم {i}", slug=f"خبر-{i}", section=section,
                               body="<p>نص قصير.</p>", status="published",
                               published_at=timezone.now() - timedelta(minutes=i + 1))
    _, parsed = fetch(client, "/feeds/rss/")
    assert len(parsed.entries) == FEED_ITEMS
    assert parsed.entries[0].title == "خبر قصير رقم 0"


def test_it_answers_404_for_unknown_or_malformed_slugs(client, news):
    for url in ("/feeds/sections/لا-يوجد/rss/", "/feeds/authors/nobody/atom/",
                "/feeds/tags/x%00y/rss/", "/feeds/tags/%3Cscript%3E/rss/",
                "/feeds/sections/' OR 1=1 --/rss/", f"/feeds/sections/{'ب' * 300}/rss/"):
        assert client.get(url).status_code == 404, url


def test_it_drops_characters_xml_cannot_carry_from_headlines(client, news):
    make_article(section=news.economy, headline="عنوان فيه\x0b محرف تحكم\x1f", hours_ago=0.5,
                 standfirst="مقدمة\x08 فيها محرف")
    _, parsed = fetch(client, "/feeds/rss/")
    assert parsed.entries[0].title == "عنوان فيه محرف تحكم"
    fetch(client, "/feeds/atom/")


def test_it_escapes_markup_in_text_so_readers_show_it_as_text(client, news):
    make_article(section=news.economy, headline="<script>alert(1)</script> & «اقتباس»",
                 standfirst="أ < ب & ج", hours_ago=0.5)
    response, parsed = fetch(client, "/feeds/rss/")
    assert parsed.entries[0].title == "<script>alert(1)</script> & «اقتباس»"
    assert b"<script>" not in response.content


def test_it_answers_304_to_a_repeated_request_and_may_be_cached(client, news):
    response = client.get("/feeds/rss/")
    assert "max-age=300" in response["Cache-Control"]
    again = client.get("/feeds/rss/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert client.post("/feeds/rss/").status_code == 405


def test_it_costs_the_same_queries_for_three_articles_or_fifty(client, news):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            fetch(client, "/feeds/atom/")
        return len(captured)

    few = queries()
    for i in range(8):
        make_article(section=news.economy, headline=f"خبر إضافي {i}", hours_ago=0.1,
                     authors=[make_author(f"كاتب {i}")], tags=[make_tag(f"وسم {i}")])
    assert queries() == few <= 4


def _quoted(text: str) -> str:
    from urllib.parse import quote

    return quote(text)
