from urllib.parse import quote, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jarida.conftest import make_article, make_author, make_tag

pytestmark = pytest.mark.django_db

SITE = "https://jarida.example"


def get_json(client, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, (url, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def headlines(data: dict) -> list[str]:
    return [a["headline"] for a in data["results"]]


def test_it_lists_public_articles_newest_first(client, news):
    data = get_json(client, "/api/v1/articles")
    assert data["count"] == 4 and data["limit"] == 20 and data["offset"] == 0
    assert data["next"] is None and data["previous"] is None
    assert headlines(data) == [a.headline for a in news.public]


def test_a_listed_article_carries_its_section_authors_tags_and_dates(client, news):
    lead = get_json(client, "/api/v1/articles")["results"][0]
    assert lead["id"] == news.lead.pk
    assert lead["url"] == SITE + news.lead.get_absolute_url()
    assert lead["short_url"] == f"{SITE}/a/{news.lead.pk}/"
    assert lead["section"] == {"id": news.economy.pk, "slug": "اقتصاد", "name": "اقتصاد",
                               "url": f"{SITE}/{quote('اقتصاد')}/"}
    assert [a["name"] for a in lead["authors"]] == ["ليلى الحسيني", "سامي العتيبي"]
    assert [t["name"] for t in lead["tags"]] == ["الموازنة", "المياه"]
    assert lead["published_at"] == "2026-11-25T08:00:00Z"
    assert lead["modified_at"] == "2026-11-25T09:00:00Z"
    assert lead["image"]["caption"] == "خزانات المحطة الجديدة على الساحل"
    assert lead["source_credit"] == "وكالة الأنباء العربية"
    assert "body" not in lead


@pytest.mark.parametrize(("query", "expected"), [
    ("section=سياسة", ["vote", "archive"]),  # a section includes its subsections
    ("section=البرلمان", ["vote"]),
    ("section=اقتصاد&tag={water}", ["lead"]),
    ("author={sami}", ["lead", "vote"]),
    ("tag={budget}", ["lead", "vote"]),
    ("since=2026-11-25T05:00:00Z", ["lead", "vote"]),
    ("until=2026-11-25T05:00:00Z", ["corrected", "archive"]),
    ("since=2026-11-25T07:00:00%2B03:00&until=2026-11-25T10:00:00%2B03:00", ["vote", "corrected"]),
    ("since=2026-11-25T08:00:00 03:00", ["lead", "vote"]),  # an unencoded + became a space
    ("since=2026-11-01", ["lead", "vote", "corrected"]),  # midnight in the site's time zone
    ("since=2026-11-25T10:30:00", ["lead"]),  # no offset: the site's time zone
    ("author={layla}&since=2026-11-25", ["lead", "corrected"]),
])
def test_it_filters_articles(client, news, query, expected):
    query = query.format(sami=news.sami.slug, layla=news.layla.slug, water=news.water.slug,
                         budget=news.budget.slug)
    data = get_json(client, f"/api/v1/articles?{query}")
    assert headlines(data) == [getattr(news, name).headline for name in expected]
    assert data["count"] == len(expected)


def test_it_pages_with_limit_and_offset_and_links_the_neighbours(client, news):
    data = get_json(client, "/api/v1/articles?limit=1&offset=1&section=")
    assert headlines(data) == [news.vote.headline]
    assert data["next"].startswith(SITE + "/api/v1/articles?")
    assert "offset=2" in data["next"] and "limit=1" in data["next"]
    assert "offset=0" in data["previous"]
    seen, url = [], f"{SITE}/api/v1/articles?limit=3"
    while url:
        page = get_json(client, url.removeprefix(SITE))
        seen += headlines(page)
        url = page["next"]
    assert seen == [a.headline for a in news.public]


def test_filters_naming_nothing_are_a_clear_400(client, news):
    error = get_json(client, "/api/v1/articles?section=لا-يوجد", status=400)["error"]
    assert error == {"status": 400, "code": "unknown_value", "parameter": "section",
                     "message": "No section has the slug 'لا-يوجد'."}
    error = get_json(client, "/api/v1/articles?since=2026-12-01&until=2026-11-01", 400)["error"]
    assert error["parameter"] == "since"


def test_an_article_comes_whole_with_its_body(client, news):
    data = get_json(client, f"/api/v1/articles/{news.lead.pk}")
    assert data["headline"] == news.lead.headline
    assert "<h2>كلفة المشروع</h2>" in data["body"]
    assert data["word_count"] == news.lead.word_count > 0
    assert data["correction"] is None
    assert data["corrected_at"] is None


def test_a_corrected_article_carries_its_correction(client, news):
    data = get_json(client, f"/api/v1/articles/{news.corrected.pk}")
    assert data["correction"] == {"note": news.corrected.correction_note,
                                  "corrected_at": "2026-11-25T09:00:00Z"}


def test_an_article_not_public_is_404_and_a_withdrawn_one_410(client, news):
    for article in (news.draft, news.scheduled):
        error = get_json(client, f"/api/v1/articles/{article.pk}", status=404)["error"]
        assert error["code"] == "not_found"
    assert get_json(client, f"/api/v1/articles/{news.withdrawn.pk}", 410)["error"]["code"] == (
        "gone")


def test_sections_authors_and_tags_are_listed(client, news):
    sections = get_json(client, "/api/v1/sections")["results"]
    assert [s["name"] for s in sections] == ["سياسة", "البرلمان", "اقتصاد"]
    assert sections[1]["parent_id"] == news.politics.pk
    assert sections[0]["description"] == "أخبار الحكومة والبرلمان."
    authors = get_json(client, "/api/v1/authors")["results"]
    assert [a["name"] for a in authors] == ["سامي العتيبي", "ليلى الحسيني"]
    assert authors[0]["photo_url"] is None
    assert authors[0]["url"] == f"{SITE}/authors/{quote(news.sami.slug)}/"
    tags = get_json(client, "/api/v1/tags?limit=1")
    assert tags["count"] == 2 and [t["name"] for t in tags["results"]] == ["الموازنة"]
    assert urlsplit(tags["next"]).path == "/api/v1/tags"


def test_the_article_list_costs_the_same_queries_for_four_articles_or_a_hundred(client, news):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            get_json(client, "/api/v1/articles?limit=100")
        return len(captured)

    few = queries()
    for i in range(8):
        make_article(section=news.economy, headline=f"خبر إضافي {i}", hours_ago=0.1,
                     authors=[make_author(f"كاتب {i}"), news.layla], tags=[make_tag(f"وسم {i}")])
    assert queries() == few <= 4
    with CaptureQueriesContext(connection) as captured:
        get_json(client, f"/api/v1/articles?section=اقتصاد&author={news.layla.slug}"
                         f"&tag={news.water.slug}")
    assert len(captured) <= few + 3  # one lookup per filter
    for url in ("/api/v1/authors?limit=100", "/api/v1/tags?limit=100", "/api/v1/sections"):
        with CaptureQueriesContext(connection) as captured:
            get_json(client, url)
        assert len(captured) == 2, url  # the count and the page
