"""The index follows the newsroom's workflow, in the same transaction as each change."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jarida.conftest import make_article, make_section
from jarida.newsroom import services
from jarida.newsroom.models import Article
from jarida.search.evaluation import items_load
from jarida.search.models import SearchDocument
from jarida.search.tests.helpers import assert_index_consistent, found
from jarida.search.tests.relevance_set import ITEMS

pytestmark = pytest.mark.django_db

HEADLINE = "أسعار النفط ترتفع في الأسواق الآسيوية"


def test_a_published_article_is_found_and_a_draft_is_not():
    section = make_section()
    published = make_article(section=section, headline=HEADLINE)
    make_article(section=section, headline="مسودة عن أسعار النفط", published=False)
    assert found("النفط") == [published.pk]
    assert_index_consistent()


def test_an_edit_replaces_the_words_in_the_index(editor):
    article = make_article(headline=HEADLINE)
    services.article_update(article=article, by=editor,
                            headline="الذهب يتراجع مع صعود الدولار")
    assert found("النفط") == []
    assert found("الذهب") == [article.pk]
    assert_index_consistent()


def test_a_correction_replaces_the_words_in_the_index(editor):
    article = make_article(headline=HEADLINE)
    services.article_correct(article=article, by=editor, note="صُحح اسم السوق.",
                             headline="أسعار النفط ترتفع في الأسواق الأوروبية")
    assert found("الاوروبية") == [article.pk]
    assert found("الاسيوية") == []
    assert_index_consistent()


def test_unpublishing_removes_and_republishing_restores(editor):
    article = make_article(headline=HEADLINE)
    services.article_unpublish(article=article, by=editor)
    assert found("النفط") == []
    assert_index_consistent()
    services.article_publish(article=article, by=editor)
    assert found("النفط") == [article.pk]
    assert_index_consistent()


def test_deleting_removes(editor):
    article = make_article(headline=HEADLINE)
    services.article_delete(article=article, by=editor)
    assert found("النفط") == []
    assert not SearchDocument.objects.exists()
    assert_index_consistent()


def test_a_scheduled_article_is_found_from_its_time_without_any_job(editor):
    article = make_article(headline=HEADLINE, published=False)
    at = timezone.now() + timedelta(hours=2)
    services.article_publish(article=article, by=editor, at=at)
    assert found("النفط") == []
    with time_machine.travel(at + timedelta(minutes=1)):
        assert found("النفط") == [article.pk]


def test_a_change_that_rolls_back_leaves_the_index_as_it_was(editor):
    article = make_article(headline=HEADLINE, published=False)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.article_publish(article=article, by=editor)
        assert found("النفط") == [article.pk]  # inside: indexed with the change
        raise RuntimeError("the request fails after publishing")
    assert found("النفط") == []
    assert not SearchDocument.objects.exists()


def test_an_import_batch_is_indexed_in_a_fixed_number_of_statements():
    def statements(items) -> int:
        with CaptureQueriesContext(connection) as captured:
            items_load(items)
        return sum("search_" in q["sql"] for q in captured.captured_queries)

    few = statements(ITEMS[:3])
    many = statements(ITEMS[3:40])
    assert many == few
    hospitals = Article.objects.filter(external_id__in=["children-hospital", "doctors-strike"])
    assert set(found("المستشفيات")) == {a.pk for a in hospitals}
    assert_index_consistent()


def test_a_reimport_of_unchanged_articles_writes_nothing():
    now = timezone.now()
    items_load(ITEMS[:5], now=now)
    with CaptureQueriesContext(connection) as captured:
        items_load(ITEMS[:5], now=now)
    assert not [q for q in captured.captured_queries if "INSERT INTO search" in q["sql"]]
    assert_index_consistent()


def test_term_counts_stay_exact_through_the_whole_workflow(editor):
    section = make_section()
    first = make_article(section=section, headline=HEADLINE)
    second = make_article(section=section, headline="النفط يهبط بعد قرار أوبك")
    services.article_update(article=first, by=editor, standfirst="تحليل: أسواق النفط قلقة")
    services.article_unpublish(article=second, by=editor)
    services.article_publish(article=second, by=editor)
    services.article_delete(article=first, by=editor)
    assert_index_consistent()
    assert found("النفط") == [second.pk]


def test_on_postgresql_the_vector_weights_headline_standfirst_and_body():
    if connection.vendor != "postgresql":
        pytest.skip("the tsvector exists on PostgreSQL only")
    article = make_article(headline="قمة المناخ", standfirst="مفاوضات شاقة",
                           body="<p>وصلت الوفود</p>")
    with connection.cursor() as cursor:
        cursor.execute("SELECT vector::text FROM search_document WHERE article_id = %s",
                       [article.pk])
        vector = cursor.fetchone()[0]
    assert "'=قمه':1A" in vector and "'=مفاوضات':4B" in vector
    assert re.search(r"'=الوفود':8(\s|$)", vector)  # body: weight D, unmarked
    assert "'مناخ'" in vector  # stems: lexemes without positions
