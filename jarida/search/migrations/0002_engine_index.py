"""The engine's own index over search_document, for the database in use only (ADR 0030).

SQLite: an external-content FTS5 table, kept in step by triggers. The unicode61
tokenizer only has to split the stored terms on spaces: they are normalized already, so
`remove_diacritics 0` (the analyzer decides what folds, not the tokenizer).
PostgreSQL: a tsvector column with a GIN index, and the jsonb term frequencies BM25 needs.
"""

from django.db import migrations

COLUMNS = ("headline", "standfirst", "body", "headline_exact", "standfirst_exact", "body_exact")
_COLS = ", ".join(COLUMNS)


def _values(prefix: str) -> str:
    return ", ".join(f"{prefix}.{c}" for c in COLUMNS)


SQLITE_FORWARD = [
    f"""CREATE VIRTUAL TABLE search_fts USING fts5({_COLS}, content='search_document',
        content_rowid='article_id', tokenize='unicode61 remove_diacritics 0')""",
    f"""CREATE TRIGGER search_document_insert AFTER INSERT ON search_document BEGIN
        INSERT INTO search_fts (rowid, {_COLS}) VALUES (new.article_id, {_values('new')});
        END""",
    f"""CREATE TRIGGER search_document_delete AFTER DELETE ON search_document BEGIN
        INSERT INTO search_fts (search_fts, rowid, {_COLS})
        VALUES ('delete', old.article_id, {_values('old')});
        END""",
    f"""CREATE TRIGGER search_document_update AFTER UPDATE OF {_COLS} ON search_document
        WHEN {' OR '.join(f'old.{c} IS NOT new.{c}' for c in COLUMNS)} BEGIN
        INSERT INTO search_fts (search_fts, rowid, {_COLS})
        VALUES ('delete', old.article_id, {_values('old')});
        INSERT INTO search_fts (rowid, {_COLS}) VALUES (new.article_id, {_values('new')});
        END""",
    # Rows written before this migration (none in practice) join the index.
    "INSERT INTO search_fts (search_fts) VALUES ('rebuild')",
    # Ranking reads published_at and section_id of every match: from this small index,
    # not from the wide rows that hold the text (the query names it: INDEXED BY).
    "CREATE INDEX search_document_rank ON search_document (article_id, published_at, "
    "section_id)",
]
SQLITE_BACKWARD = [
    "DROP INDEX IF EXISTS search_document_rank",
    "DROP TRIGGER IF EXISTS search_document_update",
    "DROP TRIGGER IF EXISTS search_document_delete",
    "DROP TRIGGER IF EXISTS search_document_insert",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRESQL_FORWARD = [
    "ALTER TABLE search_document ADD COLUMN vector tsvector NOT NULL DEFAULT ''::tsvector, "
    "ADD COLUMN tf jsonb NOT NULL DEFAULT '{}'::jsonb",
    "CREATE INDEX search_document_vector ON search_document USING gin (vector)",
    # Django adds a LIKE index to text primary keys; terms are only ever looked up whole.
    "DROP INDEX IF EXISTS search_term_term_like",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS vector, DROP COLUMN IF EXISTS tf",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor) -> None:
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}),
        ),
    ]
