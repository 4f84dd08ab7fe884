"""SQLite: an FTS5 table over search_document, ranked by FTS5's own bm25().

`search_fts` (migration 0002) is an external-content FTS5 table: search_document holds
the text, triggers keep the index in step with every insert, update and delete, and
the unicode61 tokenizer only splits the analyzer's terms on spaces (`remove_diacritics
0`: the text is normalized already). Queries reach FTS5 as a MATCH expression built here
from analyzer terms only, each in double quotes, passed as a parameter.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from jarida.search.backends.base import DOCUMENT_COLUMNS, Filters, Mode, SearchBackend, checked
from jarida.search.documents import IndexDocument
from jarida.search.query import ParsedQuery, Phrase, Word
from jarida.search.ranking import COLUMNS, EXACT_COLUMNS, STEM_COLUMNS, WEIGHTS

STEMS = "{" + " ".join(STEM_COLUMNS) + "}"
EXACT = "{" + " ".join(EXACT_COLUMNS) + "}"


def _phrase(columns: str, terms: Sequence[str]) -> str:
    return f'{columns} : "{" ".join(checked(terms))}"'


def word_expression(word: Word) -> str:
    """The stem in the stemmed columns, or the exact form in the exact ones. The exact
    form implies the stem, so this matches what the stem alone matches; it is there so
    that bm25() adds the exact-form hits to the score."""
    return f"({_phrase(STEMS, [word.stem])} OR {_phrase(EXACT, [word.exact])})"


def phrase_expression(phrase: Phrase) -> str:
    return _phrase(EXACT, phrase.words)


def match_expression(query: ParsedQuery, *, mode: Mode) -> str:
    words = [word_expression(w) for w in query.words]
    required = [phrase_expression(p) for p in query.phrases]
    if mode == "any" and len(words) > 1:
        required.insert(0, "(" + " OR ".join(words) + ")")
    else:
        required = words + required
    expression = " AND ".join(required)
    excluded = [_phrase(STEMS, [w.stem]) for w in query.excluded_words]
    excluded += [phrase_expression(p) for p in query.excluded_phrases]
    if excluded:
        expression = f"({expression}) NOT ({' OR '.join(excluded)})"
    return expression


class SQLiteBackend(SearchBackend):
    vendor = "sqlite"

    def documents_write(self, docs: Sequence[IndexDocument]) -> None:
        updates = ", ".join(f"{c} = excluded.{c}" for c in DOCUMENT_COLUMNS[1:])
        with self.connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO search_document ({', '.join(DOCUMENT_COLUMNS)}) VALUES "
                f"({', '.join(['%s'] * len(DOCUMENT_COLUMNS))}) "
                f"ON CONFLICT (article_id) DO UPDATE SET {updates}",
                [self.document_values(doc) for doc in docs])

    def maintain(self) -> None:
        """Merge the FTS5 index's segments a little at a time, each step its own short
        transaction, so writers wait for one step at most. FTS5 says a step that changed
        fewer than two rows found nothing left to merge."""
        while True:
            with transaction.atomic(using=self.connection.alias):
                before = self.connection.connection.total_changes
                with self.connection.cursor() as cursor:
                    cursor.execute("INSERT INTO search_fts (search_fts, rank) "
                                   "VALUES ('merge', 500)")
                if self.connection.connection.total_changes - before < 2:
                    return

    def search(self, query: ParsedQuery, filters: Filters, *, mode: Mode, limit: int,
               offset: int) -> tuple[int, list[tuple[int, float]]]:
        where, params = self.filter_sql(filters)
        weights = ", ".join(repr(WEIGHTS[c]) for c in COLUMNS)
        matched, matched_params = "0", []
        if mode == "any" and len(query.words) > 1:
            matched = " + ".join(
                ["(h.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s))"]
                * len(query.words))
            matched_params = [_phrase(STEMS, [w.stem]) for w in query.words]
        now = self.connection.ops.adapt_datetimefield_value(filters.now)
        sql = (
            "WITH hits AS MATERIALIZED (SELECT rowid AS id, "
            f"bm25(search_fts, {weights}) AS bm25 FROM search_fts WHERE search_fts MATCH %s) "
            + self.ordered_page_sql(
                select="d.article_id",
                # The covering index of migration 0002: without it SQLite reads each
                # match's wide row (primary key first) just for two small columns.
                source="hits h JOIN search_document d INDEXED BY search_document_rank "
                       "ON d.article_id = h.id",
                where=where,
                relevance="-h.bm25",
                age_days="max(julianday(%s) - julianday(d.published_at), 0.0)",
                matched=matched,
            )
        )
        # Parameters in the order their placeholders appear in the statement.
        values = [match_expression(query, mode=mode), now, *matched_params, *params,
                  limit, offset]
        with self.connection.cursor() as cursor:
            cursor.execute(sql, values)
            rows = cursor.fetchall()
        total = rows[0][-1] if rows else 0
        return total, [(row[0], float(row[1])) for row in rows]
