"""rebuild_related: recount term frequencies, recompute every profile and related list.

    manage.py rebuild_related            # everything, exactly (after a bulk import)
    manage.py rebuild_related --missing  # only articles without a profile or a list
    manage.py rebuild_related --lists    # keep profiles, recompute the lists

Lists are computed newest article first.
"""

from __future__ import annotations

import time
from collections import Counter

from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

from jarida.newsroom.models import Article
from jarida.related import services, text
from jarida.related.models import (
    ArticleKeyTerm,
    ArticleProfile,
    DuplicateBand,
    RelatedArticle,
    TermStat,
)

BATCH = 500


def _published():
    return Article.objects.filter(status=Article.Status.PUBLISHED).order_by("pk")


def _batches(queryset, size: int = BATCH):
    """Articles in primary-key batches (no OFFSET: stays fast on a large archive)."""
    last = 0
    while True:
        batch = list(queryset.filter(pk__gt=last)[:size])
        if not batch:
            return
        yield batch
        last = batch[-1].pk


class Command(BaseCommand):
    help = "Recompute related-article profiles, term frequencies and related lists."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--missing", action="store_true",
                           help="Only articles that have no profile or no list yet.")
        group.add_argument("--lists", action="store_true",
                           help="Keep profiles and frequencies; recompute every list.")
        parser.add_argument("--no-lists", action="store_true",
                            help="Profiles and frequencies only; lists later with --lists.")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *, missing: bool, lists: bool, no_lists: bool, no_progress: bool,
               **options):
        self.quiet = no_progress or options["verbosity"] == 0
        started = time.perf_counter()
        if missing:
            self._profile_missing()
        elif not lists:
            self._rebuild_profiles()
        n_docs = services.corpus_size()
        # Newest first: on a large archive the articles readers open now get their lists
        # in the first minutes, not at the end.
        ids = list(ArticleProfile.objects.order_by("-article__published_at", "-article_id")
                   .values_list("article_id", flat=True))
        if no_lists:
            ids = []
        elif missing:
            has_list = set(RelatedArticle.objects.values_list("article_id", flat=True).distinct())
            ids = [pk for pk in ids if pk not in has_list]
        for chunk in tqdm(range(0, len(ids), BATCH), desc="lists", unit=" batches",
                          disable=self.quiet):
            with transaction.atomic():
                for article in Article.objects.filter(pk__in=ids[chunk:chunk + BATCH]):
                    services.article_related_compute(article=article, n_docs=n_docs)
        self.stdout.write(f"{len(ids)} related lists over {n_docs} articles in "
                          f"{time.perf_counter() - started:.1f} s")

    def _profile_missing(self) -> None:
        queryset = _published().exclude(pk__in=ArticleProfile.objects.values("article_id"))
        total = queryset.count()
        with tqdm(total=total, desc="profiles", unit=" articles", disable=self.quiet) as bar:
            for batch in _batches(queryset):
                with transaction.atomic():
                    services.articles_flag_duplicates(
                        articles=services.articles_profile(articles=batch))
                bar.update(len(batch))

    def _rebuild_profiles(self) -> None:
        queryset = _published()
        total = queryset.count()
        df: Counter[str] = Counter()
        with tqdm(total=total, desc="frequencies", unit=" articles", disable=self.quiet) as bar:
            for batch in _batches(queryset.only("id", "headline", "standfirst", "body")):
                for article in batch:
                    df.update(text.weighted_terms(headline=article.headline,
                                                  standfirst=article.standfirst,
                                                  body_text=article.body_text).keys())
                bar.update(len(batch))
        with transaction.atomic():
            for model in (TermStat, ArticleKeyTerm, DuplicateBand, ArticleProfile):
                model.objects.all().delete()
            TermStat.objects.bulk_create((TermStat(term=t, df=n) for t, n in df.items()),
                                         batch_size=2000)
        with tqdm(total=total, desc="profiles", unit=" articles", disable=self.quiet) as bar:
            for batch in _batches(queryset):
                with transaction.atomic():
                    services.articles_profile(articles=batch, force=True, counted=total)
                bar.update(len(batch))
