"""The search index's tables (ADR 0030).

`SearchDocument` holds one row per article whose status is published (scheduled ones
included: the query compares `published_at` with the current time, so a scheduled article
appears at its time without any job). Its text columns hold the analyzer's output as
space-separated terms: the stemmed view (stem plus clitic variants of every word) and the
exact view (normalized, unstemmed words, one per position). The engines index those
columns: on SQLite the FTS5 table `search_fts` (external content, kept in step by
triggers); on PostgreSQL the extra columns `vector` (tsvector, GIN index) and `tf`
(jsonb term frequencies for BM25). Both are created by migration 0002 for the engine in
use only, so the Django model does not name them.

`SearchTerm` counts, for each indexed term, the documents that hold it: exact forms
(keyed "=form", with a consonant skeleton for spelling suggestions) on both engines,
stems too on PostgreSQL, whose tsvector has no document frequencies for BM25's IDF.
`SearchStats` is the one row with the number of documents and of tokens (BM25's N and
average length on PostgreSQL).

Nothing outside jarida.search writes these tables; `jarida.search.services` does, inside
the newsroom's transactions.
"""

from __future__ import annotations

from django.db import models

from jarida.newsroom.models import Article


class SearchDocument(models.Model):
    article = models.OneToOneField(Article, primary_key=True, on_delete=models.CASCADE,
                                   related_name="+")
    # Copied from the article for filtering inside the index query; kept in step by the
    # same receiver that writes the text.
    section_id = models.BigIntegerField()
    published_at = models.DateTimeField()
    # Tokens in all six text columns: the document length of BM25.
    length = models.PositiveIntegerField(default=0)
    headline = models.TextField(blank=True)
    standfirst = models.TextField(blank=True)
    body = models.TextField(blank=True)
    headline_exact = models.TextField(blank=True)
    standfirst_exact = models.TextField(blank=True)
    body_exact = models.TextField(blank=True)

    class Meta:
        db_table = "search_document"

    def __str__(self) -> str:
        return f"search document {self.article_id}"


class SearchTerm(models.Model):
    term = models.CharField(max_length=100, primary_key=True)
    df = models.IntegerField(default=0)
    # Exact forms: the form without long vowels and hamza, for spelling suggestions.
    skeleton = models.CharField(max_length=100, blank=True, default="")

    class Meta:
        db_table = "search_term"
        indexes = [models.Index(fields=["skeleton"], name="search_term_skeleton")]

    def __str__(self) -> str:
        return f"{self.term} ({self.df})"


class SearchStats(models.Model):
    documents = models.BigIntegerField(default=0)
    tokens = models.BigIntegerField(default=0)

    class Meta:
        db_table = "search_stats"
        verbose_name_plural = "search stats"

    def __str__(self) -> str:
        return f"{self.documents} documents, {self.tokens} tokens"
