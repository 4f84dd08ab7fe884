"""import_articles FILE.jsonl[.gz]: load articles from JSON Lines (see jarida/ingest/jsonl.py)."""

import time
from itertools import islice

from django.core.management import get_commands
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from tqdm import tqdm

from jarida.ingest.jsonl import BadLine, open_text, read_records
from jarida.ingest.services import ImportReport, Lookups, articles_import_batch


class Command(BaseCommand):
    help = "Import published articles from a JSON Lines file (.jsonl or .jsonl.gz)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--limit", type=int, default=None,
                            help="Read at most this many lines.")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, path: str, batch_size: int, limit: int | None, no_progress: bool,
               **options):
        try:
            stream = open_text(path)
        except OSError as error:
            raise CommandError(f"Cannot open {path}: {error.strerror or error}") from None
        report, lookups = ImportReport(), Lookups()
        started = time.perf_counter()
        progress = tqdm(unit=" lines", disable=no_progress or options["verbosity"] == 0)
        with stream:
            items = read_records(stream)
            if limit:
                items = islice(items, limit)
            while batch := list(islice(items, batch_size)):
                records = []
                for item in batch:
                    if isinstance(item, BadLine):
                        report.skipped.append((item.line, item.reason))
                    else:
                        records.append(item)
                try:
                    articles_import_batch(records=records, lookups=lookups, report=report)
                except DatabaseError as error:
                    # The batch rolled back as a whole; name its lines and go on.
                    lookups.__init__()
                    first, last = batch[0].line, batch[-1].line
                    report.skipped.append((first, f"batch of lines {first}-{last} failed: {error}"))
                progress.update(len(batch))
        progress.close()
        elapsed = time.perf_counter() - started
        done = report.created + report.updated + report.unchanged
        self.stdout.write(report.as_text())
        self.stdout.write(f"{done} articles in {elapsed:.1f} s "
                          f"({done / elapsed if elapsed else 0:.0f} articles/s)")
        if report.created and "rebuild_related" in get_commands():
            # jarida.related leaves the lists of big import batches to this command.
            self.stdout.write("Related-article lists of a large import are built by: "
                              "manage.py rebuild_related --missing (newest articles first)")
