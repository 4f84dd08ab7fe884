"""The search engine for the database in use: FTS5 on SQLite, tsvector on PostgreSQL."""

from __future__ import annotations

from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper

from jarida.search.backends.base import Filters, SearchBackend
from jarida.search.backends.postgresql import PostgreSQLBackend
from jarida.search.backends.sqlite import SQLiteBackend

BACKENDS: dict[str, type[SearchBackend]] = {
    "sqlite": SQLiteBackend,
    "postgresql": PostgreSQLBackend,
}

__all__ = ["Filters", "SearchBackend", "search_backend"]


def search_backend(connection: BaseDatabaseWrapper | None = None) -> SearchBackend:
    connection = connection or default_connection
    try:
        return BACKENDS[connection.vendor](connection)
    except KeyError:
        raise NotImplementedError(
            f"Search supports SQLite and PostgreSQL, not {connection.vendor}.") from None
