"""Both engines give the same results for the same query.

CI runs this module on SQLite and again on PostgreSQL. Each run compares the engine in
use with a plain-Python reference that applies the query semantics and ranking.py's
formula to the stored documents: same articles, same order, same scores. Two engines
equal to one reference are equal to each other. (On PostgreSQL the score of a quoted
phrase of several words is an approximation, documented in backends/postgresql.py; for
those queries the articles are compared, not the scores.)
"""

from __future__ import annotations

from collections import Counter

import pytest
from django.db import connection
from django.utils import timezone

from jarida.search.backends import Filters, search_backend
from jarida.search.evaluation import items_load
from jarida.search.models import SearchDocument
from jarida.search.query import ParsedQuery, parse_query
from jarida.search.ranking import (
    EXACT_COLUMNS,
    K1,
    RECENCY_BOOST,
    RECENCY_DAYS,
    SCORE_DIGITS,
    STEM_COLUMNS,
    WEIGHTS,
    B,
    idf,
)
from jarida.search.tests.relevance_set import CASES, ITEMS

pytestmark = pytest.mark.django_db

EXTRA_QUERIES = [
    "النفط الذهب الدولار", "الانتخابات -العراق -المغرب", '"كأس العالم" المنتخب',
    "الحكومة", "مستشفى الأطفال الرياض جديد", "الخرطوم قرطاج النيل", "في", '"في المدارس"',
]


def _occurrences(terms: list[str], words: tuple[str, ...]) -> int:
    n = len(words)
    return sum(1 for i in range(len(terms) - n + 1) if tuple(terms[i:i + n]) == words)


def _phrases(query: ParsedQuery) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """(columns, words) of each phrase of the engines' expressions, in order."""
    phrases = []
    for word in query.words:
        phrases += [(STEM_COLUMNS, (word.stem,)), (EXACT_COLUMNS, (word.exact,))]
    phrases += [(EXACT_COLUMNS, phrase.words) for phrase in query.phrases]
    return phrases


class Reference:
    """The engines' semantics and ranking.py's formula in plain Python."""

    def __init__(self, docs: list[SearchDocument]) -> None:
        self.docs = docs
        self.columns = {d.article_id: {c: getattr(d, c).split()
                                       for c in (*STEM_COLUMNS, *EXACT_COLUMNS)} for d in docs}
        self.counts = {i: {c: Counter(terms) for c, terms in cs.items()}
                       for i, cs in self.columns.items()}
        self.average = sum(d.length for d in docs) / len(docs)

    def f(self, doc_id: int, cols, words) -> float:
        """Hits of the phrase in these columns, weighted as FTS5's bm25() weighs them."""
        if len(words) == 1:
            return sum(WEIGHTS[c] * self.counts[doc_id][c][words[0]] for c in cols)
        return sum(WEIGHTS[c] * _occurrences(self.columns[doc_id][c], words) for c in cols)

    def search(self, query: ParsedQuery, *, now, mode: str) -> list[tuple[int, float]]:
        def has(doc_id, cols, words) -> bool:
            return self.f(doc_id, cols, words) > 0

        matching = []
        for d in self.docs:
            i = d.article_id
            words = [has(i, STEM_COLUMNS, (w.stem,)) for w in query.words]
            phrases = [has(i, EXACT_COLUMNS, p.words) for p in query.phrases]
            excluded = [has(i, STEM_COLUMNS, (w.stem,)) for w in query.excluded_words]
            excluded += [has(i, EXACT_COLUMNS, p.words) for p in query.excluded_phrases]
            wanted = all(words) if mode == "all" or len(words) < 2 else any(words)
            if wanted and all(phrases) and not any(excluded) and d.published_at <= now:
                matching.append((d, sum(words) if mode == "any" and len(words) > 1 else 0))
        n = len(self.docs)
        weights = [idf(documents=n, holding=sum(has(d.article_id, cols, words)
                                                 for d in self.docs))
                   for cols, words in _phrases(query)]
        ranked = []
        for d, matched in matching:
            norm = K1 * (1 - B + B * d.length / self.average)
            relevance = 0.0
            for weight, (cols, words) in zip(weights, _phrases(query), strict=True):
                hits = self.f(d.article_id, cols, words)
                relevance += weight * hits * (K1 + 1) / (hits + norm)
            age = max((now - d.published_at).total_seconds() / 86400, 0)
            score = round(relevance * (1 + RECENCY_BOOST / (1 + age / RECENCY_DAYS)),
                          SCORE_DIGITS)
            ranked.append((-matched, -score, -d.published_at.timestamp(), -d.article_id,
                           d.article_id, score))
        return [(row[4], row[5]) for row in sorted(ranked)]


@pytest.fixture
def indexed():
    now = timezone.now()
    items_load(ITEMS, now=now)
    return now


def _queries() -> list[str]:
    return [case.query for case in CASES] + EXTRA_QUERIES


def test_the_engine_in_use_matches_the_reference_on_every_query(indexed):
    backend = search_backend()
    reference = Reference(list(SearchDocument.objects.all()))
    compared = 0
    for text in _queries():
        query = parse_query(text)
        if not query.is_searchable:
            continue
        for mode in ("all", "any"):
            expected = reference.search(query, now=indexed, mode=mode)
            total, rows = backend.search(query, Filters(now=indexed), mode=mode, limit=100,
                                         offset=0)
            assert total == len(expected), (text, mode)
            approximate = connection.vendor == "postgresql" and any(
                len(p.words) > 1 for p in query.phrases)
            if approximate:
                assert {i for i, _ in rows} == {i for i, _ in expected}, (text, mode)
                continue
            assert [i for i, _ in rows] == [i for i, _ in expected], (text, mode)
            assert [s for _, s in rows] == pytest.approx([s for _, s in expected],
                                                         rel=1e-6), (text, mode)
            compared += 1
    assert compared > 100


def test_the_reference_agrees_with_the_judged_expectations(indexed):
    """The judged relevant articles lead the reference ranking (so the engines' too)."""
    reference = Reference(list(SearchDocument.objects.all()))
    by_key = {d.article.external_id: d.article_id for d in
              SearchDocument.objects.select_related("article")}
    first_hits = 0
    for case in CASES:
        query = parse_query(case.query)
        ranked = reference.search(query, now=indexed, mode="all") or \
            reference.search(query, now=indexed, mode="any")
        relevant = {by_key[key] for key in case.relevant}
        first_hits += bool(ranked) and ranked[0][0] in relevant
    assert first_hits >= len(CASES) - 2
