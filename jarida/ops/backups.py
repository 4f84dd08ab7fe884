"""Backups: the database and the media in one archive, and back again.

An archive `jarida-backup-<UTC time>.tar.gz` holds:

    manifest.json       format, engine, creation time, Django version, checksum of the dump
    database.sqlite3    SQLite: a consistent copy made with SQLite's online backup API
    database.pgdump     PostgreSQL: `pg_dump --format=custom`, restored with `pg_restore`
    media/...           the uploaded files (MEDIA_ROOT)

Both are taken while the site keeps running: SQLite's backup API copies a consistent
snapshot under a read lock, pg_dump reads in one repeatable-read transaction. An archive
is written under a temporary name and renamed when complete, so a file with the final
name is never half-written.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import django
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections

FORMAT = 1
MANIFEST = "manifest.json"
_DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """A backup or a restore cannot go on; the message says why, in an operator's words."""


@dataclass(frozen=True)
class RestoreResult:
    engine: str
    created_at: str
    media_files: int


def _engine(using: str) -> str:
    vendor = connections[using].vendor
    if vendor not in _DUMP_NAMES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_env(using: str) -> dict[str, str]:
    """libpq's variables for the connection Django uses (so no password on a command line)."""
    params = connections[using].settings_dict
    env = dict(os.environ)
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"),
                          ("PGPASSWORD", "PASSWORD"), ("PGDATABASE", "NAME")):
        if params.get(key):
            env[variable] = str(params[key])
    return env


def _run(command: list[str], *, env: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client).")
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed ({done.returncode}): {done.stderr.strip()}")


def _dump_database(target: Path, using: str) -> None:
    connection = connections[using]
    if _engine(using) == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
    else:
        _run(["pg_dump", "--format=custom", "--file", str(target)], env=_pg_env(using))


def _load_database(source: Path, using: str) -> None:
    connection = connections[using]
    if connection.in_atomic_block:
        raise BackupError("A restore cannot run inside a transaction.")
    if _engine(using) == "sqlite":
        connection.ensure_connection()
        origin = sqlite3.connect(source)
        try:
            # Page by page into the live database, under its write lock: readers see the
            # old database or the restored one, never a mixture.
            origin.backup(connection.connection)
        finally:
            origin.close()
    else:
        connection.close()  # pg_restore drops and recreates the tables this session reads
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
              "--single-transaction", "--exit-on-error", "--dbname",
              connection.settings_dict["NAME"], str(source)], env=_pg_env(using))
    ContentType.objects.clear_cache()


def backup_create(*, directory: Path, include_media: bool = True, using: str = "default") -> Path:
    """Write a new archive of the database (and the media) into `directory`; return its path."""
    engine = _engine(using)
    directory.mkdir(parents=True, exist_ok=True)
    created_at = datetime.now(UTC)
    final = directory / f"jarida-backup-{created_at:%Y%m%dT%H%M%S.%fZ}.tar.gz"
    partial = final.with_name(final.name + ".partial")
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(dir=directory) as work:
        dump = Path(work) / _DUMP_NAMES[engine]
        _dump_database(dump, using)
        media = sorted(p for p in media_root.rglob("*") if p.is_file()) \
            if include_media and media_root.is_dir() else []
        manifest = {
            "format": FORMAT, "engine": engine, "created_at": created_at.isoformat(),
            "django": django.get_version(), "database": dump.name,
            "database_sha256": _sha256(dump), "media_files": len(media),
        }
        try:
            with tarfile.open(partial, "w:gz") as archive:
                _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
                archive.add(dump, arcname=dump.name)
                for path in media:
                    archive.add(path, arcname=f"media/{path.relative_to(media_root).as_posix()}",
                                recursive=False)
            partial.rename(final)
        finally:
            partial.unlink(missing_ok=True)
    return final


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now(UTC).timestamp())
    info.mode = 0o644
    archive.addfile(info, io.BytesIO(data))


def backup_read_manifest(archive_path: Path) -> dict:
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            handle = archive.extractfile(MANIFEST)
            manifest = json.loads(handle.read()) if handle else None
    except (OSError, tarfile.TarError, KeyError, ValueError) as error:
        raise BackupError(f"{archive_path} is not a Jarida backup: {error}") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{archive_path} is not a Jarida backup of format {FORMAT}.")
    return manifest


def backup_restore(*, archive_path: Path, include_media: bool = True,
                   using: str = "default") -> RestoreResult:
    """Replace the database with the archive's, and put the archive's media files back.

    The database becomes exactly the one backed up. Media files of the archive are
    written over the current ones; files added since the backup are left where they are
    (the restored database does not point at them, and nothing is deleted by a restore).
    """
    manifest = backup_read_manifest(archive_path)
    engine = _engine(using)
    if manifest["engine"] != engine:
        raise BackupError(f"This backup is of a {manifest['engine']} database; the site "
                          f"now uses {engine}. Restore it into a {manifest['engine']} database.")
    with tempfile.TemporaryDirectory() as work, tarfile.open(archive_path, "r:gz") as archive:
        archive.extract(manifest["database"], work, filter="data")
        dump = Path(work) / manifest["database"]
        if _sha256(dump) != manifest["database_sha256"]:
            raise BackupError("The database dump in this archive is damaged (checksum differs).")
        media_root = Path(settings.MEDIA_ROOT)
        media = []
        for member in archive.getmembers():
            if member.name.startswith("media/") and member.isfile():
                member.name = member.name.removeprefix("media/")
                # The "data" filter refuses absolute paths, "..", links and device files;
                # every file is checked before anything is changed.
                media.append(tarfile.data_filter(member, str(media_root)))
        _load_database(dump, using)
        if include_media:
            media_root.mkdir(parents=True, exist_ok=True)
            for member in media:
                archive.extract(member, media_root, filter="data")
    return RestoreResult(engine=engine, created_at=manifest["created_at"],
                         media_files=len(media) if include_media else 0)
