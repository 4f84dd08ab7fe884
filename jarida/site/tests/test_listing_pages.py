import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jarida.conftest import make_article, make_author, make_section, make_tag

pytestmark = pytest.mark.django_db


def test_it_shows_the_lead_latest_sections_and_breaking_banner_on_home(client):
    politics = make_section("سياسة", slug="سياسة")
    make_article(section=politics, headline="البرلمان يقر الموازنة العامة", hours_ago=3)
    make_article(section=politics, headline="انقطاع الكهرباء عن العاصمة", is_breaking=True,
                 hours_ago=0.1)
    html = client.get("/").content.decode()
    assert "عاجل" in html and "انقطاع الكهرباء عن العاصمة" in html
    assert "البرلمان يقر الموازنة العامة" in html
    assert 'href="/%D8%B3%D9%8A%D8%A7%D8%B3%D8%A9/"' in html  # the section block links


def test_it_keeps_the_home_page_under_a_fixed_query_budget(client):
    sections = [make_section(f"قسم {i}") for i in range(6)]
    for s in sections:
        for _ in range(3):
            make_article(section=s, authors=[make_author()], tags=[make_tag()])
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert len(queries) <= 12, [q["sql"] for q in queries.captured_queries]


def test_it_paginates_a_section_and_includes_its_subsections(client, settings):
    settings.JARIDA_PAGE_SIZE = 2
    sport = make_section("رياضة", slug="رياضة")
    football = make_section("كرة القدم", slug="كرة-القدم", parent=sport)
    for i in range(3):
        make_article(section=sport, headline=f"سباق الدراجات رقم {i}", hours_ago=i + 1)
    make_article(section=football, headline="المنتخب يفوز في المباراة الافتتاحية", hours_ago=0.5)
    first = client.get("/رياضة/").content.decode()
    assert "المنتخب يفوز في المباراة الافتتاحية" in first
    assert 'rel="next"' in first
    assert client.get("/رياضة/?page=2").status_code == 200
    assert client.get("/رياضة/?page=abc").status_code == 200


def test_it_lists_an_authors_and_a_tags_articles(client):
    author = make_author("نادية منصور")
    tag = make_tag("الطاقة")
    make_article(headline="الطاقة الشمسية تضيء القرى", authors=[author], tags=[tag])
    make_article(headline="خبر لا علاقة له", published=False, authors=[author], tags=[tag])
    for url in (author.get_absolute_url(), tag.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "الطاقة الشمسية تضيء القرى" in html
        assert "خبر لا علاقة له" not in html
