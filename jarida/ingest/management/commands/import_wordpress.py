"""import_wordpress EXPORT.xml: bring a WordPress site's authors, categories, tags, posts
and comments into Jarida (see jarida/ingest/wordpress.py for the rules)."""

import time
from pathlib import Path

from django.core.management import get_commands
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from jarida.ingest.wordpress import wordpress_import
from jarida.ingest.wxr import WxrError, wxr_validate


class Command(BaseCommand):
    help = ("Import a WordPress export (WXR). The file is checked whole first: a malformed "
            "or truncated export imports nothing. Running it twice changes nothing.")

    def add_arguments(self, parser):
        parser.add_argument("path", help="The .xml file from WordPress's Tools > Export.")
        parser.add_argument("--source", default="",
                            help="Name of the WordPress site for id mapping "
                                 "(default: wordpress:<blog host and path>).")
        parser.add_argument("--commit-every", type=int, default=500,
                            help="Items per commit and per articles_imported batch (each "
                                 "item is still all or nothing). Default 500.")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, path: str, source: str, commit_every: int, no_progress: bool, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"Cannot open {path}: no such file")
        started = time.perf_counter()
        try:
            with file.open("rb") as stream:
                summary = wxr_validate(stream)
        except WxrError as error:
            raise CommandError(f"{path}, {error}. Nothing was imported.") from None
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}") from None
        quiet = no_progress or options["verbosity"] == 0
        progress = tqdm(total=summary.items, unit=" items", disable=quiet)
        try:
            report = wordpress_import(open_stream=lambda: file.open("rb"), summary=summary,
                                      source=source, progress=progress.update,
                                      commit_every=commit_every)
        except WxrError as error:  # the file changed between the two passes
            raise CommandError(f"{path}, {error}. Items committed before that point stay; "
                               "run the command again on a complete file.") from None
        finally:
            progress.close()
        elapsed = time.perf_counter() - started
        self.stdout.write(report.as_text())
        posts = report["posts"]
        done = posts.created + posts.updated + posts.unchanged
        self.stdout.write(f"{done} posts in {elapsed:.1f} s "
                          f"({done / elapsed if elapsed else 0:.0f} posts/s)")
        if posts.created and "rebuild_related" in get_commands():
            # jarida.related leaves the lists of big import batches to this command.
            self.stdout.write("Related-article lists of a large import are built by: "
                              "manage.py rebuild_related --missing")
