"""import_feed [URL_OR_FILE ...]: bring in the entries of RSS and Atom feeds (see
jarida/ingest/feeds.py). With no argument, every active FeedSource is polled; --loop
polls on a schedule."""

import time

from django.core.management.base import BaseCommand, CommandError

from jarida.ingest.feeds import feed_source_ensure, feeds_poll_loop
from jarida.ingest.models import FeedSource
from jarida.newsroom.models import Section


class Command(BaseCommand):
    help = ("Import articles from RSS 2.0 or Atom feeds (URLs or files). Entries are upserted "
            "on their guid, so running it again changes nothing.")
    # Injected so tests can loop without waiting.
    sleep = staticmethod(time.sleep)

    def add_arguments(self, parser):
        parser.add_argument("locations", nargs="*", metavar="URL_OR_FILE",
                            help="Feeds to read (remembered as FeedSources). Default: all "
                                 "active FeedSources.")
        parser.add_argument("--name", help="The feed's name (shown in the admin).")
        parser.add_argument("--credit", help="Credit stored in each article's source field.")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--publish", dest="publish_mode", action="store_const",
                          const=FeedSource.PublishMode.PUBLISHED,
                          help="Publish entries at once.")
        mode.add_argument("--draft", dest="publish_mode", action="store_const",
                          const=FeedSource.PublishMode.DRAFT,
                          help="Create drafts for an editor (the default for a new feed).")
        parser.add_argument("--section", help="Slug of the section entries go to.")
        parser.add_argument("--no-full-text", action="store_true",
                            help="Never fetch article pages for feeds that carry summaries.")
        parser.add_argument("--loop", action="store_true", help="Poll again and again.")
        parser.add_argument("--interval", type=float, default=900.0,
                            help="Seconds between polls with --loop (default 900).")
        parser.add_argument("--iterations", type=int, default=None,
                            help="Stop after this many polls with --loop (default: never).")

    def handle(self, locations, name, credit, publish_mode, section, no_full_text, loop,
               interval, iterations, **options):
        if interval < 0 or (iterations is not None and iterations < 1):
            raise CommandError("--interval must be >= 0 and --iterations >= 1")
        section_obj = None
        if section:
            section_obj = Section.objects.filter(slug=section).first()
            if section_obj is None:
                raise CommandError(f"No section with the slug {section!r}")
        if len(locations) > 1 and name:
            raise CommandError("--name names one feed: give one URL_OR_FILE with it")
        ids = [feed_source_ensure(location=location, name=name, credit=credit,
                                  publish_mode=publish_mode, section=section_obj,
                                  fetch_full_text=False if no_full_text else None).pk
               for location in locations]

        def sources():
            queryset = FeedSource.objects.select_related("section")
            return list(queryset.filter(pk__in=ids) if ids else queryset.filter(is_active=True))

        if not sources():
            raise CommandError("No feed to read: give a URL or file, or add a FeedSource.")
        failures = []

        def on_report(report):
            if report.error:
                failures.append(report.feed)
            self.stdout.write(report.as_text())

        feeds_poll_loop(sources=sources, interval=interval,
                        iterations=iterations if loop else 1, on_report=on_report,
                        sleep=self.sleep)
        if failures and not loop:
            raise CommandError(f"{len(failures)} feed(s) failed: {', '.join(failures)}")
