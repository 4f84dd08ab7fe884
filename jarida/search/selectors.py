"""Search: one function behind the page and the API.

All the query's words are preferred: the engine is asked for articles holding every
word; when none does (and there are several words), it is asked again for articles
holding any of them, ranked first by how many they hold (mode "any"). Results are
fetched through `Article.objects.published()`, the one definition of public, so the
index can never show what readers may not see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from django.utils import timezone
from django.utils.safestring import SafeString

from jarida.newsroom.models import Article, Author, Section
from jarida.search.backends import Filters, search_backend
from jarida.search.highlight import highlight, snippet
from jarida.search.query import ParsedQuery, parse_query
from jarida.search.suggest import Suggestion, spelling_suggestions

Mode = Literal["all", "any", "none"]


@dataclass(frozen=True)
class SearchHit:
    article: Article
    score: float
    headline: SafeString  # marked
    snippet: SafeString  # marked


@dataclass(frozen=True)
class SearchResults:
    query: ParsedQuery
    mode: Mode  # "none": nothing searchable in the query
    total: int
    hits: list[SearchHit]
    limit: int
    offset: int
    suggestions: list[Suggestion] = field(default_factory=list)


def _filters(*, now: datetime, section: Section | None, author: Author | None,
             since: datetime | None, until: datetime | None) -> Filters:
    section_ids: tuple[int, ...] = ()
    if section is not None:
        # A section's page lists its subsections' articles too; so does its search.
        section_ids = (section.pk, *Section.objects.filter(parent=section)
                       .values_list("pk", flat=True))
    return Filters(now=now, section_ids=section_ids, author_id=author.pk if author else None,
                   since=since, until=until)


def _run(query: ParsedQuery, filters: Filters, *, limit: int,
         offset: int) -> tuple[Mode, int, list[tuple[int, float]]]:
    backend = search_backend()
    mode: Mode = "all"
    total, rows = backend.search(query, filters, mode="all", limit=limit, offset=offset)
    if not rows and offset:
        total, _ = backend.search(query, filters, mode="all", limit=1, offset=0)
    if not total and len(query.words) > 1:
        mode = "any"
        total, rows = backend.search(query, filters, mode="any", limit=limit, offset=offset)
        if not rows and offset:
            total, _ = backend.search(query, filters, mode="any", limit=1, offset=0)
    return mode, total, rows


def _article_text(article: Article) -> str:
    return f"{article.standfirst}\n{article.body_text}"


def search_articles(*, text: str | None, section: Section | None = None,
                    author: Author | None = None, since: datetime | None = None,
                    until: datetime | None = None, limit: int = 10, offset: int = 0,
                    now: datetime | None = None) -> SearchResults:
    """One page of published articles matching what the reader typed, best first, with
    marked headlines and snippets; spelling suggestions when nothing matches."""
    query = parse_query(text)
    if not query.is_searchable:
        return SearchResults(query=query, mode="none", total=0, hits=[], limit=limit,
                             offset=offset)
    filters = _filters(now=now or timezone.now(), section=section, author=author,
                       since=since, until=until)
    mode, total, rows = _run(query, filters, limit=limit, offset=offset)
    found = Article.objects.published(at=filters.now).select_related("section").in_bulk(
        [pk for pk, _ in rows])
    hits = [
        SearchHit(article=found[pk], score=score, headline=highlight(found[pk].headline, query),
                  snippet=snippet(_article_text(found[pk]), query))
        for pk, score in rows if pk in found
    ]
    suggestions = []
    if not total:
        suggestions = spelling_suggestions(query=query,
                                           finds=lambda t: _best_text(t, filters))
    return SearchResults(query=query, mode=mode, total=total, hits=hits, limit=limit,
                         offset=offset, suggestions=suggestions)


def _best_text(text: str, filters: Filters) -> str | None:
    """The text of the best article `text` finds under `filters`, or None."""
    query = parse_query(text)
    if not query.is_searchable:
        return None
    _, total, rows = _run(query, filters, limit=1, offset=0)
    if not rows:
        return None
    article = Article.objects.published(at=filters.now).filter(pk=rows[0][0]).first()
    if article is None:
        return None
    return f"{article.headline}\n{_article_text(article)}"
