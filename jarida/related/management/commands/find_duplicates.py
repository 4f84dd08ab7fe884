"""find_duplicates: list the groups of near-duplicate articles in the whole archive.

    manage.py find_duplicates [--flag] [--min-size 2]

Builds a datasketch MinHashLSH in memory from the stored signatures, verifies each
candidate pair on its signatures (jarida.related.text.is_duplicate) and joins the pairs
into groups (union-find). Pairs an editor marked "not a duplicate" are left apart.
With --flag, each pair not yet flagged is flagged for the editors.
"""

from __future__ import annotations

import time

from datasketch import MinHash, MinHashLSH
from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

from jarida.newsroom.models import Article
from jarida.related import text
from jarida.related.models import ArticleProfile, DuplicateFlag


class Command(BaseCommand):
    help = "List groups of near-duplicate published articles across the archive."

    def add_arguments(self, parser):
        parser.add_argument("--flag", action="store_true",
                            help="Flag every pair found for the editors' decision.")
        parser.add_argument("--min-size", type=int, default=2)
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *, flag: bool, min_size: int, no_progress: bool, **options):
        quiet = no_progress or options["verbosity"] == 0
        started = time.perf_counter()
        rows = list(ArticleProfile.objects.filter(article__status=Article.Status.PUBLISHED)
                    .values_list("article_id", "signature", "shingle_count"))
        signatures = {pk: (text.signature_from_bytes(raw), size) for pk, raw, size in rows}
        lsh = MinHashLSH(num_perm=text.NUM_PERM, params=(text.BANDS, text.BAND_ROWS))
        hashes = {}
        for pk, (values, _) in tqdm(signatures.items(), desc="index", disable=quiet):
            hashes[pk] = MinHash(num_perm=text.NUM_PERM, hashvalues=values,
                                 scheme=text.MINHASH_SCHEME)
            lsh.insert(pk, hashes[pk])
        apart = {frozenset(pair) for pair in DuplicateFlag.objects.filter(
            status=DuplicateFlag.Status.NOT_DUPLICATE).values_list("article_id", "original_id")}
        parent = {pk: pk for pk in signatures}

        def find(pk: int) -> int:
            while parent[pk] != pk:
                parent[pk] = parent[parent[pk]]
                pk = parent[pk]
            return pk

        pairs = []
        for pk, (values, size) in tqdm(signatures.items(), desc="pairs", disable=quiet):
            for other in lsh.query(hashes[pk]):
                if other <= pk or frozenset((pk, other)) in apart:
                    continue
                other_values, other_size = signatures[other]
                similarity = text.jaccard(values, other_values)
                if text.is_duplicate(similarity, size, other_size):
                    pairs.append((pk, other, similarity))
                    parent[find(pk)] = find(other)
        groups: dict[int, list[int]] = {}
        for pk in signatures:
            groups.setdefault(find(pk), []).append(pk)
        found = sorted((sorted(g) for g in groups.values() if len(g) >= max(2, min_size)),
                       key=lambda g: (-len(g), g[0]))
        articles = Article.objects.in_bulk([pk for g in found for pk in g])
        for number, group in enumerate(found, start=1):
            self.stdout.write(f"group {number}: {len(group)} articles")
            for pk in group:
                article = articles[pk]
                self.stdout.write(f"  #{pk} {article.published_at:%Y-%m-%d} {article.headline}")
        if flag:
            self._flag(pairs, articles, signatures)
        self.stdout.write(f"{len(found)} groups, {len(pairs)} pairs among {len(signatures)} "
                          f"articles in {time.perf_counter() - started:.1f} s")

    def _flag(self, pairs, articles, signatures) -> None:
        from jarida.related.services import _flag, _is_earlier

        with transaction.atomic():
            for a, b, similarity in pairs:
                first, second = articles[a], articles[b]
                earlier = _is_earlier((first.published_at, a), (second.published_at, b))
                copy, original = (b, a) if earlier else (a, b)
                _flag(copy, original, similarity,
                      text.containment(similarity, signatures[a][1], signatures[b][1]))
