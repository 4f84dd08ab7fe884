from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import etree

from jarida.conftest import make_article
from jarida.newsroom.models import Article
from jarida.syndication import sitemaps as sitemaps_module

pytestmark = pytest.mark.django_db

SITE = "https://jarida.example"
XSD = Path(__file__).parent / "xsd"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
      "news": "http://www.google.com/schemas/sitemap-news/0.9"}


def _schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD / name)))


def valid(content: bytes, schema: str) -> etree._Element:
    """Parse strictly and validate against one of the XSDs in tests/xsd."""
    root = etree.fromstring(content)
    validator = _schema(schema)
    assert validator.validate(root), validator.error_log
    return root


def get(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return response


def locations(root) -> list[str]:
    return root.xpath("//s:loc/text()", namespaces=NS)


def path_of(url: str) -> str:
    return urlsplit(url).path + (f"?{urlsplit(url).query}" if urlsplit(url).query else "")


def test_our_schemas_reject_what_the_protocol_forbids():
    """The hand-written XSDs are not vacuous: they refuse broken sitemaps."""
    sitemap = _schema("sitemap.xsd")
    ok = (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url>'
          b'<loc>https://jarida.example/a/1/</loc><lastmod>2026-11-25T12:00:00+03:00</lastmod>'
          b'</url></urlset>')
    assert sitemap.validate(etree.fromstring(ok))
    for broken in (
        ok.replace(b"2026-11-25T12:00:00+03:00", b"25/11/2026"),
        ok.replace(b"<loc>https://jarida.example/a/1/</loc>", b""),
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>',
        ok.replace(b"</url>", b"<extra>x</extra></url>"),
    ):
        assert not sitemap.validate(etree.fromstring(broken)), broken
    index = _schema("siteindex.xsd")
    assert not index.validate(etree.fromstring(ok))


def test_the_index_lists_month_section_author_and_tag_sitemaps_and_validates(client, news):
    root = valid(get(client, "/sitemap.xml").content, "siteindex.xsd")
    assert locations(root) == [
        f"{SITE}/sitemap-articles-2026-10.xml",
        f"{SITE}/sitemap-articles-2026-11.xml",
        f"{SITE}/sitemap-sections.xml",
        f"{SITE}/sitemap-authors.xml",
        f"{SITE}/sitemap-tags.xml",
    ]
    lastmods = root.xpath("//s:lastmod/text()", namespaces=NS)
    assert lastmods[1] == "2026-11-25T12:00:00+03:00"  # the November articles' last change


def test_every_sitemap_of_the_index_validates_and_holds_only_public_pages(client, news):
    index = valid(get(client, "/sitemap.xml").content, "siteindex.xsd")
    found = []
    for location in locations(index):
        root = valid(get(client, path_of(location)).content, "sitemap.xsd")
        found += locations(root)
    for article in news.public:
        assert SITE + article.get_absolute_url() in found
    for article in news.hidden:
        assert all(f"/{article.pk}/" not in url for url in found)
    assert SITE + news.politics.get_absolute_url() in found
    assert SITE + news.layla.get_absolute_url() in found
    assert SITE + news.water.get_absolute_url() in found


def test_a_month_sitemap_holds_that_months_articles_with_their_last_change(client, news):
    Article.objects.filter(pk=news.vote.pk).update(updated_at=news.vote.published_at)
    root = valid(get(client, "/sitemap-articles-2026-11.xml").content, "sitemap.xsd")
    urls = root.xpath("//s:url", namespaces=NS)
    by_location = {u.findtext("s:loc", namespaces=NS): u.findtext("s:lastmod", namespaces=NS)
                   for u in urls}
    assert set(by_location) == {SITE + a.get_absolute_url()
                                for a in (news.lead, news.vote, news.corrected)}
    assert by_location[SITE + news.vote.get_absolute_url()] == "2026-11-25T09:00:00+03:00"
    assert by_location[SITE + news.corrected.get_absolute_url()] == "2026-11-25T12:00:00+03:00"


def test_months_follow_the_sites_time_zone(client, news):
    # 22:30 UTC on 31 October is 01:30 on 1 November in Riyadh.
    late = make_article(section=news.economy, headline="خبر منتصف الليل", hours_ago=1)
    Article.objects.filter(pk=late.pk).update(
        published_at=datetime(2026, 10, 31, 22, 30, tzinfo=UTC),
        updated_at=datetime(2026, 10, 31, 22, 30, tzinfo=UTC))
    november = get(client, "/sitemap-articles-2026-11.xml").content.decode()
    october = get(client, "/sitemap-articles-2026-10.xml").content.decode()
    assert f"/{late.pk}/" in november and f"/{late.pk}/" not in october


def test_sections_sitemap_lists_a_parent_through_its_subsections_articles(client, news):
    root = valid(get(client, "/sitemap-sections.xml").content, "sitemap.xsd")
    assert set(locations(root)) == {SITE + s.get_absolute_url()
                                    for s in (news.politics, news.parliament, news.economy)}


def test_a_large_sitemap_is_paged_and_the_index_lists_every_page(client, news, monkeypatch):
    monkeypatch.setattr(sitemaps_module.ArticleMonthSitemap, "limit", 2)
    root = valid(get(client, "/sitemap.xml").content, "siteindex.xsd")
    assert f"{SITE}/sitemap-articles-2026-11.xml?p=2" in locations(root)
    page_two = valid(get(client, "/sitemap-articles-2026-11.xml?p=2").content, "sitemap.xsd")
    assert len(locations(page_two)) == 1


def test_unknown_sitemaps_and_pages_answer_404_not_500(client, news):
    for url in ("/sitemap-articles-2026-13.xml", "/sitemap-articles-1999-01.xml",
                "/sitemap-articles-9999-12.xml", "/sitemap-articles-٢٠٢٦-١١.xml",
                "/sitemap-nothing.xml", "/sitemap-articles-2026-11.xml?p=abc",
                "/sitemap-articles-2026-11.xml?p=99", "/sitemap-articles-2026-11.xml?p=-1",
                "/sitemap-articles-2026-11.xml?p=1%27%20OR%201=1"):
        assert client.get(url).status_code == 404, url


def test_the_news_sitemap_holds_the_last_48_hours_with_google_news_elements(client, news):
    old = make_article(section=news.economy, headline="خبر عمره ثلاثة أيام", hours_ago=72)
    root = valid(get(client, "/sitemap-news.xml").content, "news-sitemap.xsd")
    urls = root.xpath("//s:url", namespaces=NS)
    assert [u.findtext("s:loc", namespaces=NS) for u in urls] == [
        SITE + a.get_absolute_url() for a in (news.lead, news.vote, news.corrected)]
    assert SITE + old.get_absolute_url() not in locations(root)
    first = urls[0]
    assert first.findtext("news:news/news:publication/news:name", namespaces=NS) == "جريدة"
    assert first.findtext("news:news/news:publication/news:language", namespaces=NS) == "ar"
    assert first.findtext("news:news/news:title", namespaces=NS) == news.lead.headline
    assert first.findtext("news:news/news:publication_date", namespaces=NS) == (
        "2026-11-25T11:00:00+03:00")


def test_the_news_sitemap_stops_at_1000_articles(client, news):
    now = timezone.now()
    Article.objects.bulk_create(
        Article(headline=f"موجز رقم {i}", slug=f"موجز-{i}", section=news.economy,
                body="<p>موجز.</p>", status="published",
                published_at=now - timedelta(seconds=i + 1))
        for i in range(1005)
    )
    root = valid(get(client, "/sitemap-news.xml").content, "news-sitemap.xsd")
    assert len(locations(root)) == 1000


def test_robots_txt_points_to_the_sitemaps_and_keeps_crawlers_out_of_admin_and_search(
        client, news):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /search/" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert f"Sitemap: {SITE}/sitemap-news.xml" in lines


def test_sitemaps_answer_304_when_unchanged(client, news):
    for url in ("/sitemap.xml", "/sitemap-tags.xml", "/sitemap-news.xml"):
        first = client.get(url)
        assert "max-age" in first["Cache-Control"]
        assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_the_index_and_a_month_cost_a_fixed_number_of_queries(client, news):
    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            get(client, url)
        return len(captured)

    index, month = queries("/sitemap.xml"), queries("/sitemap-articles-2026-11.xml")
    for i in range(6):
        make_article(section=news.economy, headline=f"خبر إضافي {i}", hours_ago=24 * 70 + i)  # September
    assert queries("/sitemap.xml") == index <= 5  # a new month and more articles cost nothing
    assert queries("/sitemap-articles-2026-11.xml") == month
