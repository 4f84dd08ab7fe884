"""Test helpers: search as a reader would, and check the index against the newsroom."""

from __future__ import annotations

from collections import Counter

from django.db import connection

from jarida.newsroom.models import Article
from jarida.search.backends import search_backend
from jarida.search.documents import EXACT_PREFIX, stored_exact_forms
from jarida.search.models import SearchDocument, SearchStats, SearchTerm
from jarida.search.selectors import search_articles


def found(text: str, **filters) -> list[int]:
    """Ids of the articles a search finds, best first."""
    return [hit.article.pk for hit in search_articles(text=text, limit=50, **filters).hits]


def assert_index_consistent() -> None:
    """The index holds exactly the published articles, its term counts and totals are
    what its documents say, and (SQLite) the FTS5 index agrees with its content."""
    published = set(Article.objects.filter(status=Article.Status.PUBLISHED)
                    .values_list("pk", flat=True))
    docs = list(SearchDocument.objects.all())
    assert {d.article_id for d in docs} == published
    stats = SearchStats.objects.filter(pk=1).first()
    totals = (stats.documents, stats.tokens) if stats else (0, 0)
    assert totals == (len(docs), sum(d.length for d in docs))
    expected: Counter[str] = Counter()
    for d in docs:
        exact = (d.headline_exact, d.standfirst_exact, d.body_exact)
        terms = {EXACT_PREFIX + f for f in stored_exact_forms(exact)}
        if search_backend().counts_stems:
            terms |= set(f"{d.headline} {d.standfirst} {d.body}".split())
        expected.update(terms)
    assert dict(SearchTerm.objects.values_list("term", "df")) == dict(expected)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # raises when the index disagrees
            cursor.execute("INSERT INTO search_fts (search_fts, rank) "
                           "VALUES ('integrity-check', 1)")
