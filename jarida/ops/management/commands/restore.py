from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from jarida.ops.backups import BackupError, backup_create, backup_read_manifest, backup_restore


class Command(BaseCommand):
    help = ("Restore the database and the media files from an archive made by `backup`. "
            "Takes a backup of the current state first, so a restore loses nothing.")

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument("--no-media", action="store_true",
                            help="Restore the database only.")
        parser.add_argument("--no-safety-backup", action="store_true",
                            help="Do not back up the current state before restoring.")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive",
                            help="Do not ask for confirmation.")

    def handle(self, *args, archive: Path, no_media: bool = False,
               no_safety_backup: bool = False, interactive: bool = True, **options):
        try:
            manifest = backup_read_manifest(archive)
            self.stdout.write(f"Backup of {manifest['created_at']} ({manifest['engine']}, "
                              f"{manifest['media_files']} media files).")
            if interactive and input("This replaces the current database. Type 'yes' to go "
                                     "on: ").strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
            if not no_safety_backup:
                safety = backup_create(directory=settings.JARIDA_BACKUP_DIR,
                                       include_media=not no_media)
                self.stdout.write(f"Current state saved first: {safety}")
            result = backup_restore(archive_path=archive, include_media=not no_media)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the database and {result.media_files} media files.")
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            self.stdout.write(self.style.WARNING(
                "The backup predates some migrations: run `manage.py migrate` now."))
