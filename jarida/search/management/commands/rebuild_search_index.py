"""rebuild_search_index: re-index every published article, safely while the site serves."""

import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from jarida.newsroom.models import Article
from jarida.search.services import search_index_rebuild


class Command(BaseCommand):
    help = ("Re-index every published article and drop what is no longer published, in short "
            "transactions: readers keep searching and editors keep publishing meanwhile.")

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=200,
                            help="Articles per transaction (default 200).")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, batch_size: int, no_progress: bool, **options):
        total = Article.objects.filter(status=Article.Status.PUBLISHED).count()
        started = time.perf_counter()
        with tqdm(total=total, unit=" articles",
                  disable=no_progress or options["verbosity"] == 0) as progress:
            report = search_index_rebuild(batch_size=max(1, batch_size),
                                          progress=progress.update)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"{report['articles']} published articles, {report['changed']} index entries "
            f"written or removed ({report['removed']} no longer published) in {elapsed:.1f} s "
            f"({report['articles'] / elapsed if elapsed else 0:.0f} articles/s)")
