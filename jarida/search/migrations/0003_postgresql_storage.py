"""PostgreSQL: keep the BM25 term frequencies in the row and compress with lz4.

Ranking reads `tf` of every matching row. Stored out of line (TOAST) and compressed with
pglz, each read cost a TOAST lookup and a slow decompression: about 15 microseconds a
row, most of a common word's query. In the row (STORAGE MAIN, moved out only when the
row does not fit) and with lz4 it is about 5 (docs/benchmarks.md). lz4 needs
PostgreSQL 14 built with it (Debian's is); without it, pglz stays. Applies to values
written from now on: `rebuild_search_index` rewrites what changes, a fresh index all.
"""

from django.db import DatabaseError, migrations, transaction

STATEMENTS = [
    "ALTER TABLE search_document ALTER COLUMN tf SET STORAGE MAIN",
    "ALTER TABLE search_document ALTER COLUMN tf SET COMPRESSION lz4",
    "ALTER TABLE search_document ALTER COLUMN vector SET COMPRESSION lz4",
]


def forward(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in STATEMENTS:
        try:
            with transaction.atomic(using=schema_editor.connection.alias):
                schema_editor.execute(statement)
        except DatabaseError:  # no lz4 in this build: the default compression stays
            pass


def backward(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_document ALTER COLUMN tf SET STORAGE EXTENDED")


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0002_engine_index"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]
