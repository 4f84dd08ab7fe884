"""rebuild_search_index: repairs whatever the index missed, and changes nothing twice."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from jarida.conftest import make_article, make_section
from jarida.newsroom.models import Article
from jarida.search.models import SearchDocument, SearchStats, SearchTerm
from jarida.search.tests.helpers import assert_index_consistent, found

pytestmark = pytest.mark.django_db


def _rebuild(*args) -> str:
    out = StringIO()
    call_command("rebuild_search_index", "--no-progress", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def articles():
    section = make_section()
    return [make_article(section=section, headline=f"تقرير عن الموانئ رقم {n}")
            for n in range(5)]


def test_it_rebuilds_an_emptied_index(articles):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_document")
    SearchTerm.objects.all().delete()
    SearchStats.objects.all().delete()
    assert found("الموانئ") == []
    output = _rebuild("--batch-size", "2")
    assert "5 published articles, 5 index entries written or removed" in output
    assert set(found("الموانئ")) == {a.pk for a in articles}
    assert_index_consistent()


def test_it_catches_up_with_changes_made_behind_its_back(articles):
    # Bulk updates send no signal: the index still has the old state.
    Article.objects.filter(pk=articles[0].pk).update(headline="افتتاح متحف جديد")
    Article.objects.filter(pk=articles[1].pk).update(status=Article.Status.UNPUBLISHED)
    output = _rebuild()
    assert "(1 no longer published)" in output
    assert found("متحف") == [articles[0].pk]
    assert set(found("الموانئ")) == {a.pk for a in articles[2:]}
    assert_index_consistent()


def test_a_second_run_writes_nothing(articles):
    _rebuild()
    assert "0 index entries written or removed" in _rebuild()
    assert SearchDocument.objects.count() == 5
