"""Writes of the related app: article profiles, document frequencies, related lists and
near-duplicate flags.

The pipeline for one published article (ADR 0040, 0041):

1. profile: analyze headline (x3), standfirst (x1.5) and body; update the document
   frequencies by the difference with the old profile; keep the top key terms (tf x idf,
   unit length) and the MinHash signature with its LSH band keys;
2. duplicates: articles sharing a band key whose signatures agree are flagged;
3. list: candidates by key-term dot product in SQL, re-ranked in Python by the blend
   (jarida.related.text.blend_score), near-duplicates and excluded articles dropped, the
   best STORED kept with their scores.

Only published articles (scheduled ones too, filtered by time when read) have profiles,
so only they are ever candidates.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jarida.newsroom.models import Article
from jarida.related import text
from jarida.related.conf import related_setting
from jarida.related.models import (
    ArticleKeyTerm,
    ArticleProfile,
    DuplicateBand,
    DuplicateFlag,
    RelatedArticle,
    RelatedChoice,
    TermStat,
)

logger = logging.getLogger(__name__)
CHUNK = 500  # keeps every IN (...) list under SQLite's and PostgreSQL's comfortable sizes


def _chunks(items: Sequence, size: int = CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


# ---------------------------------------------------------------------------------------
# Profiles and document frequencies


@dataclass
class _Analysed:
    article: Article
    content_hash: str
    tf: dict[str, float]
    signature: bytes
    shingle_count: int


def _tag_ids(article_ids: Iterable[int]) -> dict[int, frozenset[int]]:
    through = Article.tags.through
    found: dict[int, set[int]] = defaultdict(set)
    ids = list(article_ids)
    for chunk in _chunks(ids):
        for article_id, tag_id in through.objects.filter(article_id__in=chunk).values_list(
                "article_id", "tag_id"):
            found[article_id].add(tag_id)
    return {pk: frozenset(found.get(pk, ())) for pk in ids}


def _content_hash(article: Article) -> str:
    parts = (article.headline, article.standfirst, article.body, str(article.section_id))
    return hashlib.md5("\x1f".join(parts).encode(), usedforsecurity=False).hexdigest()


def _analyse(article: Article, content_hash: str) -> _Analysed:
    body_text = article.body_text
    tf = text.weighted_terms(headline=article.headline, standfirst=article.standfirst,
                             body_text=body_text)
    shingle_set = text.shingles(text.duplicate_text(
        headline=article.headline, standfirst=article.standfirst, body_text=body_text))
    return _Analysed(article=article, content_hash=content_hash, tf=tf,
                     signature=text.signature_to_bytes(text.signature(shingle_set)),
                     shingle_count=len(shingle_set))


def _terms_of(blob: bytes | memoryview | None) -> set[str]:
    return set(text.vector_unpack(blob))


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _df_apply(delta: Counter[str]) -> None:
    """Add `delta` to the document frequencies in one upsert per term
    (INSERT ... ON CONFLICT DO UPDATE: the same statement on SQLite and PostgreSQL, and
    atomic per row, so concurrent publications never lose a count)."""
    rows = [(term, step) for term, step in delta.items() if step]
    if not rows:
        return
    table = _table(TermStat)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (term, df) VALUES (%s, %s) "
            f"ON CONFLICT (term) DO UPDATE SET df = {table}.df + excluded.df", rows)


def _insert_rows(model, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Plain executemany: the derived tables take thousands of rows per import batch, and
    building a model instance per row was most of the cost."""
    if not rows:
        return
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {_table(model)} ({names}) VALUES ({marks})", rows)


def _df_lookup(terms: Iterable[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    terms = list(set(terms))
    for chunk in _chunks(terms):
        found.update(TermStat.objects.filter(term__in=chunk).values_list("term", "df"))
    return found


def corpus_size() -> int:
    """How many articles the document frequencies count."""
    return ArticleProfile.objects.count()


def articles_profile(*, articles: Sequence[Article], force: bool = False,
                     counted: int | None = None) -> list[Article]:
    """(Re)compute the profiles of published articles whose text or section changed
    (all of them with `force`); return those recomputed.

    `counted=N`: the document frequencies were already counted over these N articles
    (`rebuild_related`), so they are only read, not updated.
    """
    articles = [a for a in articles if a.pk and a.status == Article.Status.PUBLISHED]
    if not articles:
        return []
    old = {p.article_id: p for p in ArticleProfile.objects.filter(
        article_id__in=[a.pk for a in articles]).only("article_id", "content_hash",
                                                      "terms_blob")}
    analysed: list[_Analysed] = []
    for article in articles:
        content_hash = _content_hash(article)
        previous = old.get(article.pk)
        if previous is not None and previous.content_hash == content_hash and not force:
            continue
        analysed.append(_analyse(article, content_hash))
    if not analysed:
        return []
    delta: Counter[str] = Counter()
    for item in analysed:
        new_terms = set(item.tf)
        previous = old.get(item.article.pk)
        old_terms = _terms_of(previous.terms_blob) if previous else set()
        delta.update(new_terms - old_terms)
        delta.subtract(old_terms - new_terms)
    if counted is None:
        _df_apply(delta)
        n_docs = corpus_size() + sum(1 for item in analysed if item.article.pk not in old)
    else:
        n_docs = counted
    df = _df_lookup(t for item in analysed for t in item.tf)
    ids = [item.article.pk for item in analysed]
    for chunk in _chunks(ids):
        ArticleKeyTerm.objects.filter(article_id__in=chunk).delete()
        DuplicateBand.objects.filter(article_id__in=chunk).delete()
        ArticleProfile.objects.filter(article_id__in=chunk).delete()
    now = timezone.now()
    key_rows, band_rows, profiles = [], [], []
    for item in analysed:
        pk = item.article.pk
        full = text.vector(item.tf, df, n_docs)
        key_rows += [(pk, t, w) for t, w in text.key_terms(full).items()]
        band_rows += [(pk, k) for k in text.band_keys(text.signature_from_bytes(item.signature))]
        profiles.append(ArticleProfile(article_id=pk, content_hash=item.content_hash,
                                       terms_blob=text.vector_pack(full), signature=item.signature,
                                       shingle_count=item.shingle_count, computed_at=now))
    ArticleProfile.objects.bulk_create(profiles, batch_size=CHUNK)
    _insert_rows(ArticleKeyTerm, ("article_id", "term", "weight"), key_rows)
    _insert_rows(DuplicateBand, ("article_id", "key"), band_rows)
    return [item.article for item in analysed]


def article_profile_remove(*, article: Article) -> None:
    """Forget a withdrawn or deleted article: it leaves the frequencies and stops being a
    candidate. Other lists that name it drop it when read (they filter on published())."""
    profile = ArticleProfile.objects.filter(article_id=article.pk).only("terms_blob").first()
    if profile is None:
        return
    _df_apply(Counter({t: -1 for t in _terms_of(profile.terms_blob)}))
    ArticleKeyTerm.objects.filter(article_id=article.pk).delete()
    DuplicateBand.objects.filter(article_id=article.pk).delete()
    RelatedArticle.objects.filter(article_id=article.pk).delete()
    profile.delete()


# ---------------------------------------------------------------------------------------
# Near-duplicates


@dataclass(frozen=True)
class DuplicateMatch:
    article: Article  # the other article
    similarity: float  # estimated Jaccard of the shingles
    containment: float  # estimated share of the shorter text inside the longer


def _signature_of(article: Article) -> tuple:
    """The article's signature: stored when its profile is current, else computed now
    (a draft from the feed importer has no profile)."""
    profile = ArticleProfile.objects.filter(article_id=article.pk).only(
        "signature", "shingle_count", "content_hash").first() if article.pk else None
    if profile is not None and profile.content_hash == _content_hash(article):
        return text.signature_from_bytes(profile.signature), profile.shingle_count
    shingle_set = text.shingles(text.duplicate_text(
        headline=article.headline, standfirst=article.standfirst, body_text=article.body_text))
    return text.signature(shingle_set), len(shingle_set)


def _decisions(pairs_of: Iterable[int]) -> dict[frozenset[int], str]:
    ids = list(set(pairs_of))
    found = {}
    for chunk in _chunks(ids):
        for a, b, status in DuplicateFlag.objects.filter(article_id__in=chunk).exclude(
                status=DuplicateFlag.Status.PENDING).values_list("article_id", "original_id",
                                                                 "status"):
            found[frozenset((a, b))] = status
    return found


def _duplicates(signatures: dict[int, tuple], *, limit: int = 20) -> dict[int, list[tuple]]:
    """For each article id -> (signature, shingle count), its published near-duplicates as
    (similarity, containment, other id), most similar first. Batched: one band lookup and
    one signature read per 500 articles, whatever the batch."""
    keys_of = {pk: text.band_keys(values) for pk, (values, size) in signatures.items() if size}
    owners: dict[int, set[int]] = defaultdict(set)
    all_keys = list({k for keys in keys_of.values() for k in keys})
    for chunk in _chunks(all_keys):
        for key, article_id in DuplicateBand.objects.filter(key__in=chunk).values_list(
                "key", "article_id"):
            owners[key].add(article_id)
    candidates = {pk: {o for k in keys for o in owners.get(k, ())} - {pk}
                  for pk, keys in keys_of.items()}
    wanted = list({o for found in candidates.values() for o in found})
    stored: dict[int, tuple] = {}
    for chunk in _chunks(wanted):
        for other_id, raw, size in ArticleProfile.objects.filter(
                article_id__in=chunk, article__status=Article.Status.PUBLISHED).values_list(
                "article_id", "signature", "shingle_count"):
            stored[other_id] = (text.signature_from_bytes(raw), size)
    decisions = _decisions([*signatures, *wanted]) if wanted else {}
    found: dict[int, list[tuple]] = {}
    for pk, others in candidates.items():
        values, size = signatures[pk]
        scored = []
        for other_id in others:
            if other_id not in stored or decisions.get(
                    frozenset((pk, other_id))) == DuplicateFlag.Status.NOT_DUPLICATE:
                continue
            other_values, other_size = stored[other_id]
            similarity = text.jaccard(values, other_values)
            if text.is_duplicate(similarity, size, other_size):
                scored.append((similarity, text.containment(similarity, size, other_size),
                               other_id))
        found[pk] = sorted(scored, reverse=True)[:limit]
    return found


def article_find_duplicates(*, article: Article, limit: int = 20) -> list[DuplicateMatch]:
    """Published articles whose text nearly duplicates `article`'s, most similar first.

    Works for any article, a draft included (the feed importer asks before publishing).
    An editor's "not a duplicate" for a pair is respected.
    """
    key = article.pk or 0
    scored = _duplicates({key: _signature_of(article)}, limit=limit).get(key, [])
    others = Article.objects.select_related("section").in_bulk([pk for _, _, pk in scored])
    return [DuplicateMatch(article=others[pk], similarity=s, containment=c)
            for s, c, pk in scored if pk in others]


def article_near_duplicates(*, article: Article) -> list[Article]:
    """The feed importer's hook (jarida.ingest.feeds): the articles `article` copies."""
    return [match.article for match in article_find_duplicates(article=article)]


def _is_earlier(a: tuple, b: tuple) -> bool:
    """(published_at, pk) pairs: which came first (unpublished counts as last)."""
    far = timezone.now() + timedelta(days=36500)
    return (a[0] or far, a[1]) < (b[0] or far, b[1])


def _flag(copy_id: int, original_id: int, similarity: float, containment: float) -> DuplicateFlag:
    flag = DuplicateFlag.objects.filter(article_id=original_id, original_id=copy_id).first()
    if flag is not None:
        return flag
    flag, created = DuplicateFlag.objects.get_or_create(
        article_id=copy_id, original_id=original_id,
        defaults={"similarity": similarity, "containment": containment})
    if not created and flag.status == DuplicateFlag.Status.PENDING:
        flag.similarity, flag.containment = similarity, containment
        flag.save(update_fields=["similarity", "containment"])
    return flag


def articles_flag_duplicates(*, articles: Sequence[Article]) -> list[DuplicateFlag]:
    """Flag each near-duplicate pair of each article for the editors, the later article as
    the copy of the earlier. A pair already decided keeps its decision."""
    ids = [a.pk for a in articles]
    signatures = {}
    for chunk in _chunks(ids):
        for pk, raw, size in ArticleProfile.objects.filter(article_id__in=chunk).values_list(
                "article_id", "signature", "shingle_count"):
            signatures[pk] = (text.signature_from_bytes(raw), size)
    found = _duplicates(signatures)
    others = {o for scored in found.values() for _, _, o in scored}
    when = dict(Article.objects.filter(pk__in=[*others, *ids]).values_list("pk", "published_at"))
    flags = []
    for pk, scored in found.items():
        for similarity, containment, other in scored:
            mine, theirs = (when.get(pk), pk), (when.get(other), other)
            copy, original = (pk, other) if _is_earlier(theirs, mine) else (other, pk)
            flags.append(_flag(copy, original, similarity, containment))
    return flags


def article_flag_duplicates(*, article: Article) -> list[DuplicateFlag]:
    return articles_flag_duplicates(articles=[article])


def duplicate_flag_decide(*, flag: DuplicateFlag, status: str,
                          by: AbstractBaseUser | None) -> DuplicateFlag:
    """An editor's decision on a flagged pair: the same story, or not a duplicate (the pair
    may then appear in each other's related lists and is not flagged again)."""
    if by is not None and not by.has_perm("related.change_duplicateflag"):
        raise PermissionDenied(_("ليست لديك صلاحية لهذا الإجراء."))
    if status not in DuplicateFlag.Status.values:
        raise ValidationError(_("قرار غير معروف."))
    with transaction.atomic():
        flag.status = status
        flag.decided_at = timezone.now() if status != DuplicateFlag.Status.PENDING else None
        flag.decided_by = by if by is not None and by.pk else None
        flag.save(update_fields=["status", "decided_at", "decided_by"])
        for article_id in (flag.article_id, flag.original_id):
            article = Article.objects.filter(pk=article_id).first()
            if article is not None and article.status == Article.Status.PUBLISHED:
                article_related_compute(article=article)
    return flag


# ---------------------------------------------------------------------------------------
# Related lists


def _vectors(article_ids: Sequence[int]) -> dict[int, dict[str, float]]:
    vectors = {}
    for chunk in _chunks(list(article_ids)):
        for article_id, blob in ArticleProfile.objects.filter(article_id__in=chunk).values_list(
                "article_id", "terms_blob"):
            vectors[article_id] = text.vector_unpack(blob)
    return vectors


def _candidate_ids(terms: dict[str, float], *, exclude: set[int], limit: int) -> list[int]:
    """The `limit` articles with the largest key-term dot product with `terms`: one
    aggregation over the term index, joined to the query's terms given as VALUES (the same
    statement on SQLite and PostgreSQL)."""
    if not terms:
        return []
    values = ", ".join(["(%s, %s)"] * len(terms))
    params = [x for term, weight in terms.items() for x in (term, float(weight))]
    table = _table(ArticleKeyTerm)
    sql = (f"WITH q(term, weight) AS (VALUES {values}) "
           f"SELECT k.article_id, SUM(k.weight * q.weight) AS dot FROM {table} k "
           f"JOIN q ON k.term = q.term GROUP BY k.article_id "
           f"ORDER BY dot DESC, k.article_id DESC LIMIT %s")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit + len(exclude)])
        rows = cursor.fetchall()
    return [pk for pk, _ in rows if pk not in exclude][:limit]


def article_related_rank(*, article: Article, n_docs: int | None = None,
                         weights: text.Weights = text.DEFAULT_WEIGHTS,
                         limit: int | None = None) -> list[tuple[int, float]]:
    """`article`'s related articles as (id, score), best first, near-duplicates of it and
    of each other removed, editors' choices left out (pins are added when read)."""
    mine = _vectors([article.pk]).get(article.pk)
    if not mine:
        return []
    terms = text.key_terms(mine)
    n_docs = n_docs or corpus_size()
    df = _df_lookup(terms)
    # Terms in more than a tenth of the archive find everything and rank nothing.
    common = max(10, n_docs // 10)
    query_terms = {t: w for t, w in terms.items() if df.get(t, 0) <= common}
    choices = set(RelatedChoice.objects.filter(article_id=article.pk).values_list("other_id",
                                                                                   flat=True))
    ids = _candidate_ids(query_terms, exclude={article.pk, *choices},
                         limit=related_setting("CANDIDATES"))
    if not ids:
        return []
    meta = {pk: (published_at, section_id) for pk, published_at, section_id in
            Article.objects.filter(pk__in=ids, status=Article.Status.PUBLISHED).values_list(
                "pk", "published_at", "section_id")}
    ids = [pk for pk in ids if pk in meta]
    vectors = _vectors(ids)
    tags = _tag_ids([article.pk, *ids])
    idfs = {t: text.idf(n, n_docs) for t, n in df.items()}
    min_idf = text.idf(max(2, int(n_docs * related_setting("RARE_DF_SHARE"))), n_docs)
    rare = text.rare_terms(terms, idfs, min_idf=min_idf)
    me = text.Candidate(pk=article.pk, terms=mine, published_at=article.published_at,
                        section_id=article.section_id, tag_ids=tags[article.pk])
    scores = {pk: text.blend_score(me, text.Candidate(
        pk=pk, terms=vectors.get(pk, {}), published_at=meta[pk][0], section_id=meta[pk][1],
        tag_ids=tags[pk]), rare=rare, weights=weights) for pk in ids}
    ranked = sorted(ids, key=lambda pk: (-scores[pk], -pk))
    stored = limit or related_setting("STORED")
    shortlist = ranked[:stored * 3]
    signatures = {pk: (text.signature_from_bytes(raw), size) for pk, raw, size in
                  ArticleProfile.objects.filter(article_id__in=[article.pk, *shortlist])
                  .values_list("article_id", "signature", "shingle_count")}
    decisions = _decisions([article.pk, *shortlist])

    def is_same(a: int, b: int) -> bool:
        decided = decisions.get(frozenset((a, b)))
        if decided is not None:
            return decided == DuplicateFlag.Status.SAME_STORY
        if a not in signatures or b not in signatures:
            return False
        (sig_a, size_a), (sig_b, size_b) = signatures[a], signatures[b]
        return text.is_duplicate(text.jaccard(sig_a, sig_b), size_a, size_b)

    shortlist = [pk for pk in shortlist if not is_same(article.pk, pk)]
    picked = text.pick_diverse(shortlist, is_same=is_same, limit=stored)
    return [(pk, scores[pk]) for pk in picked]


def article_related_compute(*, article: Article, n_docs: int | None = None) -> list[RelatedArticle]:
    """Compute and store `article`'s related list, best first (see the module docstring)."""
    RelatedArticle.objects.filter(article_id=article.pk).delete()
    floor = related_setting("MIN_SCORE")
    ranked = [(pk, score) for pk, score in article_related_rank(article=article, n_docs=n_docs)
              if score >= floor]
    now = timezone.now()
    return RelatedArticle.objects.bulk_create([
        RelatedArticle(article_id=article.pk, related_id=pk, position=i, score=score,
                       computed_at=now) for i, (pk, score) in enumerate(ranked)])


def related_refresh_neighbours(*, article_id: int) -> int:
    """After a publication, recompute the lists of the recent articles most related to the
    new one, so it appears under them. Bounded: REFRESH_RECENT lists at most."""
    since = timezone.now() - timedelta(days=related_setting("REFRESH_WITHIN_DAYS"))
    neighbour_ids = list(RelatedArticle.objects.filter(
        article_id=article_id, related__published_at__gte=since,
        related__status=Article.Status.PUBLISHED).order_by("position").values_list(
        "related_id", flat=True)[:related_setting("REFRESH_RECENT")])
    n_docs = corpus_size()
    for neighbour in Article.objects.filter(pk__in=neighbour_ids):
        with transaction.atomic():
            article_related_compute(article=neighbour, n_docs=n_docs)
    return len(neighbour_ids)


# ---------------------------------------------------------------------------------------
# Reactions to the newsroom (wired in jarida/related/receivers.py)


def article_related_update(*, article: Article, action: str) -> None:
    """Bring the profile, the flags and the list of `article` up to date after `action`."""
    if action == "deleted" or article.status != Article.Status.PUBLISHED:
        article_profile_remove(article=article)
        return
    changed = articles_profile(articles=[article])
    if changed:
        article_flag_duplicates(article=article)
    article_related_compute(article=article)
    if action == "published":
        transaction.on_commit(lambda: related_refresh_neighbours(article_id=article.pk))


def articles_related_import(*, articles: Sequence[Article]) -> None:
    """An import batch: profiles and flags always (so copies are caught at import), the
    lists too for batches up to IMPORT_SYNC_MAX; bigger batches (a bulk archive import)
    leave their lists to `rebuild_related --missing`, the page showing the section's
    latest meanwhile."""
    changed = articles_profile(articles=articles)
    articles_flag_duplicates(articles=changed)
    if len(changed) <= related_setting("IMPORT_SYNC_MAX"):
        n_docs = corpus_size()
        for article in changed:
            article_related_compute(article=article, n_docs=n_docs)
    else:
        for chunk in _chunks([a.pk for a in changed]):
            RelatedArticle.objects.filter(article_id__in=chunk).delete()
