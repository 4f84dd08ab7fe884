"""`backup` then `restore` brings back every row of every table and every media file,
on SQLite (online backup API) and on PostgreSQL (pg_dump/pg_restore)."""

import io
import tarfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from jarida.conftest import make_article, make_author, make_section, make_tag
from jarida.newsroom import services
from jarida.newsroom.models import Article
from jarida.ops.backups import BackupError, backup_create, backup_restore
from jarida.ops.models import AuditEvent

pytestmark = pytest.mark.django_db(transaction=True)


def every_row() -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order, as the database returns them."""
    rows = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows[table] = sorted(cursor.fetchall(), key=repr)
    return rows


def newsroom(editor, writer) -> Article:
    section = make_section("اقتصاد")
    article = make_article(section=section, authors=[make_author("مريم العلي")],
                           tags=[make_tag("النفط"), make_tag("الأسواق")], by=writer,
                           published=False, headline="البورصة تغلق على ارتفاع")
    services.article_submit_for_review(article=article, by=writer)
    services.article_publish(article=article, by=editor)
    services.article_correct(article=article, by=editor, note="صُحّحت نسبة الارتفاع.")
    article.hero_image.save("hero.jpg", ContentFile(b"\xff\xd8 picture bytes \xff\xd9"))
    make_article(section=section, headline="مسودة عن أسعار الذهب", published=False)
    return article


def vandalise(article: Article, media_root: Path) -> None:
    """Everything a bad day does: deletions, additions, edits, lost files."""
    (media_root / article.hero_image.name).unlink()
    Article.objects.exclude(pk=article.pk).delete()
    Article.objects.filter(pk=article.pk).update(headline="عنوان خاطئ")
    make_article(headline="مقال كُتب بعد النسخة الاحتياطية")
    get_user_model().objects.filter(username="writer").delete()
    AuditEvent.objects.all().delete()


def round_trip(editor, writer, media_root: Path, tmp_path: Path) -> None:
    article = newsroom(editor, writer)
    before = every_row()
    picture = (media_root / article.hero_image.name).read_bytes()
    assert sum(map(len, before.values())) > 30

    call_command("backup", "--output", str(tmp_path / "backups"), stdout=io.StringIO())
    [archive] = (tmp_path / "backups").glob("jarida-backup-*.tar.gz")

    vandalise(article, media_root)
    assert every_row() != before

    out = io.StringIO()
    call_command("restore", str(archive), "--noinput", "--no-safety-backup", stdout=out)
    assert "Restored the database and 1 media files." in out.getvalue()
    after = every_row()
    assert after.keys() == before.keys()
    for table in before:
        assert after[table] == before[table], table
    assert (media_root / article.hero_image.name).read_bytes() == picture


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the default database is not SQLite")
def test_it_restores_every_row_on_sqlite(editor, writer, media_root, tmp_path):
    round_trip(editor, writer, media_root, tmp_path)


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="the default database is not PostgreSQL (CI runs the suite on both)")
def test_it_restores_every_row_on_postgresql(editor, writer, media_root, tmp_path):
    round_trip(editor, writer, media_root, tmp_path)


def test_it_writes_a_manifest_the_dump_and_the_media(editor, writer, media_root, tmp_path):
    article = newsroom(editor, writer)
    archive = backup_create(directory=tmp_path)
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert names[0] == "manifest.json"
    assert names[1] in ("database.sqlite3", "database.pgdump")
    assert f"media/{article.hero_image.name}" in names
    assert not list(tmp_path.glob("*.partial"))


def test_it_saves_the_current_state_before_restoring(settings, media_root, tmp_path):
    settings.JARIDA_BACKUP_DIR = tmp_path / "safety"
    make_article(headline="خبر قبل النسخة")
    archive = backup_create(directory=tmp_path / "first")
    make_article(headline="خبر بعد النسخة")
    call_command("restore", str(archive), "--noinput", stdout=io.StringIO())
    assert list(Article.objects.values_list("headline", flat=True)) == ["خبر قبل النسخة"]
    [safety] = (tmp_path / "safety").glob("jarida-backup-*.tar.gz")
    call_command("restore", str(safety), "--noinput", "--no-safety-backup", stdout=io.StringIO())
    assert Article.objects.count() == 2


def test_it_refuses_a_file_that_is_not_a_backup(tmp_path):
    fake = tmp_path / "jarida-backup-fake.tar.gz"
    fake.write_bytes(b"<?php echo 1; ?>")
    with pytest.raises(CommandError, match="not a Jarida backup"):
        call_command("restore", str(fake), "--noinput", "--no-safety-backup")


def test_it_refuses_a_damaged_dump_and_changes_nothing(media_root, tmp_path):
    make_article(headline="خبر يجب أن يبقى")
    archive = backup_create(directory=tmp_path)
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("database."):
                data = data[:-10] + b"0123456789"
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    make_article(headline="خبر لاحق")
    with pytest.raises(BackupError, match="damaged"):
        backup_restore(archive_path=damaged)
    assert Article.objects.count() == 2


def test_it_never_writes_outside_the_media_folder(media_root, tmp_path):
    archive = backup_create(directory=tmp_path)
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(evil, "w:gz") as target:
        for member in source.getmembers():
            target.addfile(member, source.extractfile(member))
        payload = b"owned"
        info = tarfile.TarInfo("media/../../escaped.txt")
        info.size = len(payload)
        target.addfile(info, io.BytesIO(payload))
    make_article(headline="خبر يجب أن يبقى")
    with pytest.raises(tarfile.OutsideDestinationError):
        backup_restore(archive_path=evil)
    assert Article.objects.count() == 1  # refused before the database was touched
    assert not (tmp_path / "escaped.txt").exists()
    assert not (media_root.parent / "escaped.txt").exists()
