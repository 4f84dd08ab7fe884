"""Relevance evaluation: recall@10 and MRR of a ranking over a set of judged queries, and
the baseline Jarida is measured against: WordPress core search, `LIKE '%term%'`.

Used by jarida/search/tests/test_relevance.py and bench/bench_search_relevance.py.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import reduce

from django.db.models import Case as CaseWhen
from django.db.models import IntegerField, Q, Value, When
from django.utils import timezone

from jarida.newsroom.models import Article

CUTOFF = 10
_WP_TERMS = re.compile(r'(-?)"([^"]+)"|(-?)(\S+)')


@dataclass(frozen=True)
class CaseResult:
    query: str
    kind: str
    relevant: tuple[str, ...]
    ranked: tuple[str, ...]

    @property
    def recall(self) -> float:
        return len(set(self.ranked[:CUTOFF]) & set(self.relevant)) / len(self.relevant)

    @property
    def reciprocal_rank(self) -> float:
        for rank, key in enumerate(self.ranked[:CUTOFF], 1):
            if key in self.relevant:
                return 1 / rank
        return 0.0


@dataclass(frozen=True)
class Evaluation:
    results: tuple[CaseResult, ...]

    @property
    def recall_at_10(self) -> float:
        return sum(r.recall for r in self.results) / len(self.results)

    @property
    def mrr(self) -> float:
        return sum(r.reciprocal_rank for r in self.results) / len(self.results)

    def by_kind(self) -> dict[str, tuple[float, float, int]]:
        kinds: dict[str, list[CaseResult]] = {}
        for result in self.results:
            kinds.setdefault(result.kind, []).append(result)
        return {kind: (sum(r.recall for r in rs) / len(rs),
                       sum(r.reciprocal_rank for r in rs) / len(rs), len(rs))
                for kind, rs in kinds.items()}


def evaluate(cases: Sequence, rank: Callable[[str], list[str]]) -> Evaluation:
    """Run every case's query through `rank` (query -> ranked keys)."""
    return Evaluation(tuple(
        CaseResult(query=case.query, kind=case.kind, relevant=case.relevant,
                   ranked=tuple(rank(case.query)))
        for case in cases
    ))


def items_load(items: Sequence, *, now: datetime | None = None) -> None:
    """Publish the relevance set's items through the importer (which indexes them),
    `days_ago` before `now`; each item's key becomes the article's external id."""
    from jarida.ingest.jsonl import ArticleRecord
    from jarida.ingest.services import ImportReport, Lookups, articles_import_batch

    now = now or timezone.now()
    records = [
        ArticleRecord(line=n, external_id=item.key, headline=item.headline,
                      standfirst=item.standfirst, body=item.body, is_html=False,
                      category=item.section, published_at=now - timedelta(days=item.days_ago),
                      source="", author="", url="")
        for n, item in enumerate(items, 1)
    ]
    articles_import_batch(records=records, lookups=Lookups(), report=ImportReport())


def jarida_rank(query: str) -> list[str]:
    from jarida.search.selectors import search_articles

    results = search_articles(text=query, limit=CUTOFF)
    return [hit.article.external_id for hit in results.hits]


def like_rank(query: str) -> list[str]:
    """WordPress core search (WP_Query::parse_search): every term, or "quoted phrase",
    must appear somewhere in title, excerpt or content (`LIKE '%term%'`, ANDed); a
    -term must not. Ordered as WordPress orders: title holds the whole query, then title
    holds every term, then title holds some term, then excerpt, then content holds the
    whole query; newest first within each."""
    terms, excluded = [], []
    for minus, phrase, minus_word, word in _WP_TERMS.findall(query):
        term = phrase or word
        (excluded if (minus or minus_word) else terms).append(term)
    if not terms:
        return []
    fields = ("headline", "standfirst", "body")
    queryset = Article.objects.published()
    for term in terms:
        queryset = queryset.filter(Q(**{f"{f}__icontains": term for f in fields}, _connector=Q.OR))
    for term in excluded:
        for f in fields:
            queryset = queryset.exclude(**{f"{f}__icontains": term})
    whole = " ".join(terms)
    in_title = [Q(headline__icontains=term) for term in terms]
    order = CaseWhen(
        When(headline__icontains=whole, then=Value(1)),
        When(reduce(operator.and_, in_title), then=Value(2)),
        When(reduce(operator.or_, in_title), then=Value(3)),
        When(standfirst__icontains=whole, then=Value(4)),
        When(body__icontains=whole, then=Value(5)),
        default=Value(6), output_field=IntegerField(),
    )
    ranked = queryset.annotate(wp_order=order).order_by("wp_order", "-published_at", "-id")
    return list(ranked.values_list("external_id", flat=True)[:CUTOFF])
