"""Purge cached pages: all of them (after a deploy that changes templates), or some URLs."""

from django.core.management.base import BaseCommand

from jarida.caching.purge import purge_now
from jarida.caching.tags import ALL, path_tag


class Command(BaseCommand):
    help = "Purge the page cache: every page, or the pages at the given paths."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*",
                            help="Paths such as /اقتصاد/ (raw or percent-encoded); none: all.")

    def handle(self, *args, paths: list[str], **options) -> None:
        from urllib.parse import unquote

        decoded = [unquote(p) for p in paths]
        if decoded:
            purge_now(tags={path_tag(p) for p in decoded}, paths=decoded, wait=True)
            self.stdout.write(f"Purged {len(decoded)} path(s).")
        else:
            purge_now(tags={ALL}, paths=["/"], wait=True)
            self.stdout.write("Purged every page (front ends: the home page now, the rest "
                              "within their s-maxage).")
