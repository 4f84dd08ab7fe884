"""What both engines share: the interface, the filters and the SQL that is the same.

A backend turns a parsed query into one SQL statement over its own index and returns
article ids with scores; everything else (parsing, fallback from all words to most words,
snippets, suggestions, what "published" means) lives outside, once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from django.db.backends.base.base import BaseDatabaseWrapper

from jarida.newsroom.models import ArticleAuthor
from jarida.search.documents import IndexDocument
from jarida.search.query import ParsedQuery
from jarida.search.ranking import RECENCY_BOOST, RECENCY_DAYS, SCORE_DIGITS

Mode = Literal["all", "any"]
# Analyzer output is letters and digits only; anything else here is a bug, not input.
TERM = re.compile(r"[^\W_]+")


def checked(terms: Iterable[str]) -> list[str]:
    terms = list(terms)
    for term in terms:
        if not TERM.fullmatch(term):
            raise ValueError(f"not an analyzer term: {term!r}")
    return terms


@dataclass(frozen=True)
class Filters:
    now: datetime
    section_ids: tuple[int, ...] = ()
    author_id: int | None = None
    since: datetime | None = None  # published at or after
    until: datetime | None = None  # published before


@dataclass(frozen=True)
class StoredDocument:
    article_id: int
    section_id: int
    published_at: datetime | str
    length: int
    columns: tuple[str, str, str, str, str, str]  # stems x3, exact x3


DOCUMENT_COLUMNS = ("article_id", "section_id", "published_at", "length", "headline",
                    "standfirst", "body", "headline_exact", "standfirst_exact", "body_exact")


class SearchBackend:
    vendor = ""
    # Whether the index needs document counts of stems too (for its own BM25).
    counts_stems = False

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection

    # Writing -----------------------------------------------------------------------

    def documents_stored(self, ids: Sequence[int]) -> dict[int, StoredDocument]:
        found: dict[int, StoredDocument] = {}
        with self.connection.cursor() as cursor:
            for start in range(0, len(ids), 500):
                chunk = list(ids[start:start + 500])
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"SELECT {', '.join(DOCUMENT_COLUMNS)} FROM search_document "
                               f"WHERE article_id IN ({marks})", chunk)
                for row in cursor.fetchall():
                    found[row[0]] = StoredDocument(row[0], row[1], row[2], row[3],
                                                   tuple(row[4:]))
        return found

    def document_values(self, doc: IndexDocument) -> list:
        columns = doc.columns()
        return [doc.article_id, doc.section_id,
                self.connection.ops.adapt_datetimefield_value(doc.published_at), doc.length,
                *columns.values()]

    def documents_write(self, docs: Sequence[IndexDocument]) -> None:
        raise NotImplementedError

    def documents_delete(self, ids: Sequence[int]) -> None:
        with self.connection.cursor() as cursor:
            for start in range(0, len(ids), 500):
                chunk = list(ids[start:start + 500])
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM search_document WHERE article_id IN ({marks})",
                               chunk)

    def terms_add(self, deltas: dict[str, int], skeletons: dict[str, str]) -> None:
        """Add `deltas` to the document counts of terms; forget terms left at zero."""
        if not deltas:
            return
        keys = sorted(deltas)  # one lock order for every writer: no deadlocks
        with self.connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_term (term, df, skeleton) VALUES (%s, %s, %s) "
                "ON CONFLICT (term) DO UPDATE SET df = search_term.df + excluded.df",
                [(k, deltas[k], skeletons.get(k, "")) for k in keys])
            dropped = [k for k in keys if deltas[k] < 0]
            for start in range(0, len(dropped), 500):
                chunk = dropped[start:start + 500]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM search_term WHERE df <= 0 AND term IN ({marks})",
                               chunk)

    def stats_add(self, documents: int, tokens: int) -> None:
        if not documents and not tokens:
            return
        with self.connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO search_stats (id, documents, tokens) VALUES (1, %s, %s) "
                "ON CONFLICT (id) DO UPDATE SET documents = search_stats.documents + "
                "excluded.documents, tokens = search_stats.tokens + excluded.tokens",
                [documents, tokens])

    def maintain(self) -> None:
        """Engine housekeeping after a rebuild (none by default)."""

    # Reading -----------------------------------------------------------------------

    def search(self, query: ParsedQuery, filters: Filters, *, mode: Mode, limit: int,
               offset: int) -> tuple[int, list[tuple[int, float]]]:
        """(total, [(article id, score), ...]) for one page, best first."""
        raise NotImplementedError

    def filter_sql(self, filters: Filters) -> tuple[str, list]:
        """Conditions on `d` (search_document) for the filters, and their parameters."""
        ops = self.connection.ops
        sql = ["d.published_at <= %s"]
        params: list = [ops.adapt_datetimefield_value(filters.now)]
        if filters.section_ids:
            sql.append(f"d.section_id IN ({', '.join(['%s'] * len(filters.section_ids))})")
            params += list(filters.section_ids)
        if filters.author_id is not None:
            table = self.connection.ops.quote_name(ArticleAuthor._meta.db_table)
            sql.append(f"EXISTS (SELECT 1 FROM {table} aa WHERE aa.article_id = d.article_id "
                       "AND aa.author_id = %s)")
            params.append(filters.author_id)
        if filters.since is not None:
            sql.append("d.published_at >= %s")
            params.append(ops.adapt_datetimefield_value(filters.since))
        if filters.until is not None:
            sql.append("d.published_at < %s")
            params.append(ops.adapt_datetimefield_value(filters.until))
        return " AND ".join(sql), params

    def ordered_page_sql(self, *, select: str, source: str, where: str, relevance: str,
                         age_days: str, matched: str) -> str:
        """The statement both engines end with: relevance x recency, rounded; in "any"
        mode the number of query words matched comes first. Scores are computed in an
        inner query, so that the count over all matches carries only a few narrow
        columns, not the rows the scores were computed from."""
        score = (f"({relevance}) * (1.0 + {RECENCY_BOOST!r} / (1.0 + ({age_days}) / "
                 f"{RECENCY_DAYS!r}))")
        return (
            "SELECT article_id, score, matched, count(*) OVER () AS total FROM ("
            f"SELECT {select}, d.published_at AS published_at, {self.rounded(score)} AS score, "
            f"{matched} AS matched FROM {source} WHERE {where}{self.fence}) scored "
            "ORDER BY matched DESC, score DESC, published_at DESC, article_id DESC "
            "LIMIT %s OFFSET %s"
        )

    # Appended to the inner query to keep the planner from merging it into the outer one.
    fence = ""

    def rounded(self, expression: str) -> str:
        return f"round({expression}, {SCORE_DIGITS})"
