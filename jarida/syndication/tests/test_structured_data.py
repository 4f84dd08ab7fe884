import io
import json
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

import lxml.html
import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.template import Context, Template
from PIL import Image

from jarida.conftest import make_article
from jarida.newsroom import services

pytestmark = pytest.mark.django_db

SITE = "https://jarida.example"
LOGO = Path(django_settings.BASE_DIR) / "jarida" / "static" / "jarida" / "publisher-logo.png"


def page(client, url: str) -> lxml.html.HtmlElement:
    response = client.get(url)
    assert response.status_code == 200, url
    return lxml.html.fromstring(response.content)


def json_ld(doc, kind: str) -> dict:
    found = [json.loads(s.text) for s in doc.xpath('//head/script[@type="application/ld+json"]')]
    matching = [d for d in found if d["@type"] == kind]
    assert len(matching) == 1, found
    return matching[0]


def meta(doc, key: str) -> list[str]:
    return doc.xpath(f'//head/meta[@property="{key}" or @name="{key}"]/@content')


def iso(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    assert value.tzinfo is not None, text
    return value


def test_every_article_carries_newsarticle_json_ld_with_every_field(client, news):
    doc = page(client, news.lead.get_absolute_url())
    data = json_ld(doc, "NewsArticle")
    url = SITE + news.lead.get_absolute_url()
    assert data["@context"] == "https://schema.org"
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["url"] == url
    assert data["headline"] == "افتتاح محطة تحلية المياه في الساحل"
    assert data["description"] == news.lead.standfirst
    assert iso(data["datePublished"]) == news.lead.published_at
    assert iso(data["dateModified"]) == news.lead.updated_at > news.lead.published_at
    assert data["author"] == [
        {"@type": "Person", "name": "ليلى الحسيني",
         "url": f"{SITE}/authors/{quote(news.layla.slug)}/"},
        {"@type": "Person", "name": "سامي العتيبي",
         "url": f"{SITE}/authors/{quote(news.sami.slug)}/"},
    ]
    publisher = data["publisher"]
    assert publisher["name"] == "جريدة" and publisher["url"] == SITE + "/"
    logo = publisher["logo"]
    assert logo["url"].startswith(SITE + "/static/jarida/publisher-logo")
    assert logo["url"].endswith(".png")
    assert logo["width"] <= 600 and logo["height"] <= 60
    assert data["image"] == [f"{SITE}/media/articles/2026/11/{quote('محطة')}.jpg"]
    assert data["articleSection"] == "اقتصاد"
    assert data["keywords"] == ["الموازنة", "المياه"]
    assert data["inLanguage"] == "ar"
    assert data["sourceOrganization"]["name"] == "وكالة الأنباء العربية"
    assert "correction" not in data


def test_a_corrected_article_says_so_with_a_correction_comment(client, news):
    data = json_ld(page(client, news.corrected.get_absolute_url()), "NewsArticle")
    assert data["correction"]["@type"] == "CorrectionComment"
    assert data["correction"]["text"] == news.corrected.correction_note
    assert iso(data["correction"]["datePublished"]) == news.corrected.corrected_at
    assert iso(data["dateModified"]) == news.corrected.corrected_at


def test_a_byline_without_authors_is_credited_to_an_organization(client, news):
    data = json_ld(page(client, news.archive.get_absolute_url()), "NewsArticle")
    assert data["author"] == [{"@type": "Organization", "name": "القاهرة - مراسل جريدة",
                               "url": SITE + "/"}]
    assert data["image"][0].startswith(SITE + "/static/jarida/publisher-logo")


def test_json_ld_cannot_be_broken_out_of_by_a_headline(client, news):
    hostile = '</script><script>alert("x")</script><!-- & عنوان'
    article = make_article(section=news.economy, headline=hostile, hours_ago=0.5)
    html = client.get(article.get_absolute_url()).content.decode()
    head = html[:html.index("</head>")]
    assert "<script>alert" not in head
    assert "\\u003C/script\\u003E" in head
    data = json_ld(lxml.html.fromstring(html), "NewsArticle")
    assert data["headline"] == hostile


def test_every_article_carries_open_graph_and_twitter_card_tags(client, news):
    doc = page(client, news.lead.get_absolute_url())
    url = SITE + news.lead.get_absolute_url()
    image = f"{SITE}/media/articles/2026/11/{quote('محطة')}.jpg"
    assert meta(doc, "og:type") == ["article"]
    assert meta(doc, "og:title") == [news.lead.headline]
    assert meta(doc, "og:description") == [news.lead.standfirst]
    assert meta(doc, "og:url") == [url]
    assert meta(doc, "og:image") == [image]
    assert meta(doc, "og:image:alt") == ["خزانات المحطة الجديدة على الساحل"]
    assert meta(doc, "og:site_name") == ["جريدة"]
    assert meta(doc, "og:locale") == ["ar_AR"]
    assert iso(meta(doc, "article:published_time")[0]) == news.lead.published_at
    assert meta(doc, "article:section") == ["اقتصاد"]
    assert meta(doc, "article:tag") == ["الموازنة", "المياه"]
    assert len(meta(doc, "article:author")) == 2
    assert meta(doc, "twitter:card") == ["summary_large_image"]
    assert meta(doc, "twitter:title") == [news.lead.headline]
    assert meta(doc, "twitter:image") == [image]
    assert meta(doc, "twitter:card") and meta(
        page(client, news.vote.get_absolute_url()), "twitter:card") == ["summary"]


def test_the_canonical_link_names_the_public_site_whatever_the_host(client, news):
    doc = page(client, news.lead.get_absolute_url())
    assert doc.xpath('//head/link[@rel="canonical"]/@href') == [
        SITE + news.lead.get_absolute_url()]


def test_article_pages_also_carry_their_breadcrumb(client, news):
    data = json_ld(page(client, news.vote.get_absolute_url()), "BreadcrumbList")
    assert [i["name"] for i in data["itemListElement"]] == ["الرئيسية", "سياسة", "البرلمان"]


def test_section_pages_carry_breadcrumb_json_ld_from_home_to_the_section(client, news):
    doc = page(client, news.parliament.get_absolute_url())
    data = json_ld(doc, "BreadcrumbList")
    assert data["@context"] == "https://schema.org"
    assert data["itemListElement"] == [
        {"@type": "ListItem", "position": 1, "name": "الرئيسية", "item": SITE + "/"},
        {"@type": "ListItem", "position": 2, "name": "سياسة",
         "item": SITE + news.politics.get_absolute_url()},
        {"@type": "ListItem", "position": 3, "name": "البرلمان",
         "item": SITE + news.parliament.get_absolute_url()},
    ]
    assert meta(doc, "og:url") == [SITE + news.parliament.get_absolute_url()]


def test_pages_announce_their_feeds(client, news):
    def alternates(url):
        doc = page(client, url)
        return doc.xpath('//head/link[@rel="alternate"]/@href')

    site_feeds = [f"{SITE}/feeds/rss/", f"{SITE}/feeds/atom/"]
    assert alternates("/") == site_feeds
    assert alternates(news.lead.get_absolute_url()) == site_feeds
    section = f"{SITE}/feeds/sections/{quote(news.economy.slug)}/"
    assert alternates(news.economy.get_absolute_url()) == [
        section + "rss/", section + "atom/", *site_feeds]
    assert alternates(news.layla.get_absolute_url())[0] == (
        f"{SITE}/feeds/authors/{quote(news.layla.slug)}/rss/")
    assert alternates(news.water.get_absolute_url())[1] == (
        f"{SITE}/feeds/tags/{quote(news.water.slug)}/atom/")
    for link in alternates(news.economy.get_absolute_url()):
        assert client.get(link.removeprefix(SITE)).status_code == 200


def test_a_draft_in_the_admin_preview_renders_without_structured_data(news):
    template = Template("{% load syndication %}{% article_structured_data article %}")
    assert template.render(Context({"article": news.draft})) == ""


def test_the_publisher_logo_fits_googles_600_by_60_box():
    with Image.open(LOGO) as logo:
        assert logo.format == "PNG"
        assert logo.width <= 600 and logo.height <= 60
    assert (LOGO.parent / "publisher-logo.svg").exists()


@pytest.mark.skipif(not (Path(django_settings.BASE_DIR) / "node_modules" / "@fontsource"
                         / "noto-kufi-arabic").exists(), reason="Arabic fonts not installed")
def test_it_renders_a_publisher_logo_for_another_name(tmp_path):
    output = tmp_path / "logo.png"
    call_command("render_publisher_logo", "--name", "صحيفة الساحل اليومية", "--output",
                 str(output), stdout=io.StringIO())
    with Image.open(output) as logo:
        assert logo.size == (600, 60)
        # Ink on the left of the mark: the name was drawn.
        assert logo.crop((0, 0, 520, 60)).convert("L").getextrema()[0] < 100


def test_an_article_edited_after_publication_reports_the_edit_as_date_modified(client, news):
    services.article_update(article=news.vote, by=None, standfirst="مقدمة جديدة بعد التحرير.")
    news.vote.refresh_from_db()
    data = json_ld(page(client, news.vote.get_absolute_url()), "NewsArticle")
    assert iso(data["dateModified"]) == news.vote.updated_at
    assert data["description"] == "مقدمة جديدة بعد التحرير."
