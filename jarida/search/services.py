"""Writes to the search index. Called by the newsroom's signals (receivers.py), inside the
transaction of the change, and by `rebuild_search_index`.

The index holds exactly the articles whose status is published, scheduled ones
included; the query adds `published_at <= now`, which together is
`Article.objects.published()`. A failure here fails the newsroom's change with it: an
article is never public and unsearchable, or searchable and withdrawn.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from django.db import transaction

from jarida.newsroom.models import Article
from jarida.search.backends import search_backend
from jarida.search.backends.base import SearchBackend, StoredDocument
from jarida.search.documents import EXACT_PREFIX, IndexDocument, skeleton, stored_exact_forms


def _is_indexable(article: Article) -> bool:
    return article.status == Article.Status.PUBLISHED and article.published_at is not None


def _terms_of(doc: IndexDocument, backend: SearchBackend) -> frozenset[str]:
    terms = {EXACT_PREFIX + form for form in doc.exact_forms}
    if backend.counts_stems:
        terms |= doc.stem_terms
    return frozenset(terms)


def _stored_terms(stored: StoredDocument, backend: SearchBackend) -> frozenset[str]:
    terms = {EXACT_PREFIX + form for form in stored_exact_forms(stored.columns[3:])}
    if backend.counts_stems:
        terms |= {t for text in stored.columns[:3] for t in text.split()}
    return frozenset(terms)


def _unchanged(doc: IndexDocument, stored: StoredDocument, backend: SearchBackend) -> bool:
    values = backend.document_values(doc)
    return (stored.section_id == doc.section_id and stored.columns == tuple(values[4:])
            and backend.connection.ops.adapt_datetimefield_value(stored.published_at)
            == values[2])


def _write(docs: Sequence[IndexDocument], remove_ids: Sequence[int]) -> int:
    """Store `docs`, drop `remove_ids`, and move term counts and totals by the difference,
    all in one transaction (a savepoint inside the newsroom's). Returns how many index
    entries changed."""
    backend = search_backend()
    with transaction.atomic():
        stored = backend.documents_stored([d.article_id for d in docs] + list(remove_ids))
        deltas: Counter[str] = Counter()
        skeletons: dict[str, str] = {}
        documents = tokens = 0
        changed = []
        for doc in docs:
            old = stored.get(doc.article_id)
            if old is not None and _unchanged(doc, old, backend):
                continue
            changed.append(doc)
            new_terms = _terms_of(doc, backend)
            old_terms = _stored_terms(old, backend) if old else frozenset()
            deltas.update(new_terms - old_terms)
            deltas.subtract(old_terms - new_terms)
            for term in new_terms - old_terms:
                if term.startswith(EXACT_PREFIX):
                    skeletons[term] = skeleton(term[1:])
            documents += old is None
            tokens += doc.length - (old.length if old else 0)
        gone = [pk for pk in dict.fromkeys(remove_ids) if pk in stored]
        for pk in gone:
            deltas.subtract(_stored_terms(stored[pk], backend))
            documents -= 1
            tokens -= stored[pk].length
        if changed:
            backend.documents_write(changed)
        if gone:
            backend.documents_delete(gone)
        backend.terms_add({k: v for k, v in deltas.items() if v}, skeletons)
        backend.stats_add(documents, tokens)
    return len(changed) + len(gone)


def search_index_articles(*, articles: Iterable[Article]) -> int:
    """Bring the index in line with these articles: published ones (scheduled included)
    are stored or updated, any other is removed. Returns how many entries changed."""
    articles = list(articles)
    docs = [IndexDocument.from_article(a) for a in articles if _is_indexable(a)]
    remove = [a.pk for a in articles if not _is_indexable(a)]
    return _write(docs, remove)


def search_remove_articles(*, article_ids: Iterable[int]) -> int:
    return _write([], list(article_ids))


def search_index_rebuild(*, batch_size: int = 200,
                         progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Re-index every published article and drop everything else, safely while readers
    search and editors publish.

    Batches of `batch_size` articles, each in its own short transaction: the batch is
    read inside the transaction (locked on PostgreSQL; SQLite lets one writer in at a
    time), so an edit committed meanwhile is never overwritten by an older analysis.
    The index stays complete throughout: entries are replaced, never emptied first.
    Unchanged articles cost a read and a comparison, so a second run changes nothing.
    """
    backend = search_backend()
    ids = list(Article.objects.filter(status=Article.Status.PUBLISHED)
               .order_by("pk").values_list("pk", flat=True))
    changed = 0
    for start in range(0, len(ids), batch_size):
        chunk = ids[start:start + batch_size]
        with transaction.atomic():
            articles = list(Article.objects.select_for_update().filter(pk__in=chunk))
            changed += search_index_articles(articles=articles)
        if progress:
            progress(len(chunk))
    with backend.connection.cursor() as cursor:
        cursor.execute("SELECT article_id FROM search_document")
        indexed = [row[0] for row in cursor.fetchall()]
    published = set(ids)
    stale = [pk for pk in indexed if pk not in published]
    for start in range(0, len(stale), batch_size):
        with transaction.atomic():
            # Checked again inside the transaction: it may have been republished since.
            chunk = stale[start:start + batch_size]
            articles = list(Article.objects.select_for_update().filter(pk__in=chunk))
            found = {a.pk for a in articles}
            changed += search_index_articles(articles=articles)
            changed += search_remove_articles(article_ids=[pk for pk in chunk
                                                           if pk not in found])
    with transaction.atomic(), backend.connection.cursor() as cursor:
        # Totals recounted from the documents (BM25's N and average length on PostgreSQL).
        cursor.execute("DELETE FROM search_stats")
        cursor.execute("INSERT INTO search_stats (id, documents, tokens) SELECT 1, count(*), "
                       "coalesce(sum(length), 0) FROM search_document")
    backend.maintain()
    return {"articles": len(ids), "changed": changed, "removed": len(stale)}
