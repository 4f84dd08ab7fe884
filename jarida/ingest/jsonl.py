"""The JSON Lines article format: one article a line.

Keys: id, title, abstract, body (plain text paragraphs separated by newlines, or HTML),
category, date (ISO 8601), source, author, url. This module only parses and validates;
writing is `jarida.ingest.services.articles_import_batch`.
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.utils import timezone

MAX_LINE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class ArticleRecord:
    line: int
    external_id: str
    headline: str
    standfirst: str
    body: str
    is_html: bool
    category: str
    published_at: datetime
    source: str
    author: str
    url: str


@dataclass(frozen=True)
class BadLine:
    line: int
    reason: str


def open_text(path: str | Path) -> io.TextIOBase:
    """Open a .jsonl or .jsonl.gz file as UTF-8 text."""
    path = Path(path)
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", errors="replace")
    return path.open(encoding="utf-8", errors="replace")


def _text(value, *, limit: int | None = None) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        value = str(value)
    value = value.replace("\x00", "").strip()
    return value[:limit] if limit else value


def parse_date(value) -> datetime | None:
    """ISO 8601 with or without offset (naive times are taken as UTC)."""
    if not isinstance(value, str) or not value.strip():
        return None
    raw = value.strip().replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        return None
    if timezone.is_naive(parsed):
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def parse_line(line_no: int, line: str) -> ArticleRecord | BadLine | None:
    """One line to a record, a BadLine naming what is wrong, or None for a blank line."""
    if not line.strip():
        return None
    if len(line) > MAX_LINE_BYTES:
        return BadLine(line_no, "السطر أطول من الحد المسموح (5 ميغابايت)")
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        return BadLine(line_no, f"JSON غير صالح: {error.msg} (العمود {error.colno})")
    if not isinstance(data, dict):
        return BadLine(line_no, "السطر ليس كائن JSON")
    external_id = _text(data.get("id"), limit=200)
    if not external_id:
        return BadLine(line_no, "المعرّف id مفقود")
    headline = _text(data.get("title"), limit=300)
    if not headline:
        return BadLine(line_no, "العنوان title مفقود")
    published_at = parse_date(data.get("date"))
    if published_at is None:
        return BadLine(line_no, f"تاريخ غير مفهوم: {_text(data.get('date'), limit=40)!r}")
    body = _text(data.get("body"))
    return ArticleRecord(
        line=line_no,
        external_id=external_id,
        headline=headline,
        standfirst=_text(data.get("abstract"), limit=2000),
        body=body,
        is_html="</" in body or "<p" in body or "<br" in body,
        category=_text(data.get("category"), limit=100) or "general",
        published_at=published_at,
        source=_text(data.get("source"), limit=200),
        author=_text(data.get("author"), limit=120),
        url=_text(data.get("url"), limit=500),
    )


def read_records(stream: io.TextIOBase) -> Iterator[ArticleRecord | BadLine]:
    for line_no, line in enumerate(stream, start=1):
        parsed = parse_line(line_no, line)
        if parsed is not None:
            yield parsed
