import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jarida.conftest import make_section
from jarida.newsroom import services as newsroom
from jarida.related.tests.conftest import story

pytestmark = pytest.mark.django_db


def test_it_shows_related_news_with_section_and_date_under_the_article(client, news):
    html = client.get(news["final"].get_absolute_url()).content.decode()
    block = html[html.index('class="related"'):]
    assert "اخبار قد تهمك" in block
    assert news["final_reaction"].headline in block
    assert block.index(news["final_reaction"].headline) < block.index(news["books"].headline) \
        if news["books"].headline in block else True
    assert "رياضة</a>" in block and "<time" in block
    assert news["final"].headline not in block


def test_it_shows_four_to_six_items(client, news):
    for n in range(8):
        story("drought_followup", section=news["drought"].section, hours_ago=1,
              headline=f"الجفاف في الواحة: تقرير رقم {n}",
              body=f"<p>تقرير رقم {n} عن تقنين مياه الشرب في الواحة بسبب الجفاف.</p>")
    for article in (news["drought"], news["books"]):
        html = client.get(article.get_absolute_url()).content.decode()
        assert 4 <= html.count('class="related-item"') <= 6


def test_it_keeps_the_page_to_a_bounded_number_of_queries(client, news):
    counts = []
    for article in (news["books"], news["drought"]):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(article.get_absolute_url()).status_code == 200
        counts.append(len(queries))
    for n in range(8):
        story("books", section=make_section(f"قسم {n}"), headline=f"معرض كتاب رقم {n}",
              body=f"<p>معرض الكتاب يفتح في المدينة رقم {n} بمشاركة دور نشر.</p>")
    with CaptureQueriesContext(connection) as queries:
        client.get(news["books"].get_absolute_url())
    assert len(queries) == counts[0]


def test_a_withdrawn_article_leaves_the_page_at_once(client, news, editor):
    newsroom.article_unpublish(article=news["final_reaction"], by=editor)
    html = client.get(news["final"].get_absolute_url()).content.decode()
    assert news["final_reaction"].headline not in html
