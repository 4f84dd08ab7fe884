"""Reader pages cost a fixed number of queries whatever they list (no N+1), and every
listing query is answered from an index."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jarida.conftest import make_article, make_author, make_section, make_tag

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def uncached(settings):
    settings.JARIDA_PAGE_CACHE = False


def build(n: int) -> dict:
    politics = make_section("سياسة", slug=f"سياسة-{n}")
    local = make_section("محليات", slug=f"محليات-{n}", parent=politics)
    author, tag = make_author("هالة يوسف"), make_tag("الانتخابات")
    articles = [make_article(section=local if i % 2 else politics, authors=[author], tags=[tag],
                             headline=f"جولة جديدة من المشاورات رقم {i}", hours_ago=i + 1,
                             is_breaking=i == 0)
                for i in range(n)]
    return {"home": "/", "section": politics.get_absolute_url(),
            "author": author.get_absolute_url(), "tag": tag.get_absolute_url(),
            "article": articles[-1].get_absolute_url(),
            "feed": reverse("syndication:section_rss", kwargs={"slug": politics.slug})}


def queries_of(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return [q["sql"] for q in captured.captured_queries]


def test_no_reader_page_makes_more_queries_for_more_articles(client):
    few, many = build(3), build(14)
    for page in few:
        client.get(few[page]), client.get(many[page])  # warm per-process lookups alike
        assert len(queries_of(client, few[page])) == len(queries_of(client, many[page])), page


def test_the_home_page_stays_within_its_query_budget_with_subsections(client):
    build(14)
    assert len(queries_of(client, "/")) <= 12


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plans")
def test_every_listing_query_searches_an_index_instead_of_scanning_articles(client):
    urls = build(8)
    for page in ("home", "section", "author", "tag", "feed"):
        for sql in queries_of(client, urls[page]):
            if "newsroom_article" not in sql or "LIMIT 1" in sql:
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN QUERY PLAN " + sql)
                plan = " | ".join(row[-1] for row in cursor.fetchall())
            assert "SCAN newsroom_article " not in plan + " ", (page, sql, plan)
            where = sql.partition(" WHERE ")[2]
            if '"is_breaking"' in where:
                assert "article_breaking_pub" in plan, plan
            if '"newsroom_article"."section_id" = ' in where:
                assert "article_section_pub" in plan, plan
