from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from jarida.ops.backups import BackupError, backup_create


class Command(BaseCommand):
    help = ("Back up the database (SQLite online backup, or pg_dump for PostgreSQL) and the "
            "media files into one .tar.gz archive.")

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=None,
                            help="Directory for the archive (default: JARIDA_BACKUP_DIR).")
        parser.add_argument("--no-media", action="store_true", help="Leave the media files out.")

    def handle(self, *args, output: Path | None = None, no_media: bool = False, **options):
        try:
            path = backup_create(directory=output or settings.JARIDA_BACKUP_DIR,
                                 include_media=not no_media)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written: {path} ({path.stat().st_size:,} bytes)")
