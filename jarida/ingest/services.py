"""Import articles in bulk: the newsroom action behind `import_articles`.

Idempotent by external id (a second run updates what changed and creates nothing) and
atomic per batch (a failing batch leaves nothing half-written).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from jarida.ingest.jsonl import ArticleRecord
from jarida.newsroom.bodies import body_from_plain_text, body_sanitize, slug_from_headline
from jarida.newsroom.models import (
    Article,
    ArticleAuthor,
    ArticleRevision,
    ArticleTransition,
    Author,
    Section,
)
from jarida.newsroom.signals import articles_imported

# Arabic names for the categories of common news datasets; others keep their own name.
CATEGORY_NAMES = {
    "internationalnews": "دولي",
    "middleeast": "الشرق الأوسط",
    "sport": "رياضة",
    "economy": "اقتصاد",
    "technology": "تكنولوجيا",
    "culture": "ثقافة",
    "general": "عام",
}


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)

    def as_text(self) -> str:
        lines = [f"created {self.created}, updated {self.updated}, unchanged {self.unchanged}, "
                 f"skipped {len(self.skipped)}"]
        lines += [f"  line {line}: {reason}" for line, reason in self.skipped]
        return "\n".join(lines)


class Lookups:
    """Sections and authors met so far, so a batch costs a query per new name only."""

    def __init__(self) -> None:
        self.sections: dict[str, Section] = {}
        self.authors: dict[str, Author] = {}

    def section(self, category: str) -> Section:
        key = category.strip().lower()
        if key not in self.sections:
            name = CATEGORY_NAMES.get(key, category.strip())
            slug = slug_from_headline(CATEGORY_NAMES.get(key, category))
            self.sections[key] = Section.objects.get_or_create(slug=slug,
                                                               defaults={"name": name})[0]
        return self.sections[key]

    def author(self, name: str) -> Author | None:
        if not name:
            return None
        if name not in self.authors:
            slug = slug_from_headline(name)
            self.authors[name] = Author.objects.get_or_create(slug=slug,
                                                              defaults={"name": name})[0]
        return self.authors[name]


_COMPARED = ("headline", "slug", "standfirst", "body", "section_id", "source_credit",
             "published_at")


def _article_fields(record: ArticleRecord, lookups: Lookups) -> dict:
    body = body_sanitize(record.body) if record.is_html else body_from_plain_text(record.body)
    return {
        "headline": record.headline,
        "slug": slug_from_headline(record.headline),
        "standfirst": record.standfirst,
        "body": body,
        "section_id": lookups.section(record.category).pk,
        "source_credit": record.source,
        "published_at": record.published_at,
    }


@transaction.atomic
def articles_import_batch(*, records: Sequence[ArticleRecord], lookups: Lookups,
                          report: ImportReport) -> None:
    """Create or update the batch's articles as published, in one transaction."""
    by_id: dict[str, ArticleRecord] = {}
    for record in records:  # a later line with the same id wins
        by_id[record.external_id] = record
    existing = {a.external_id: a for a in Article.objects.filter(external_id__in=list(by_id))}
    now = timezone.now()
    to_create, to_update, authors_of = [], [], {}
    for external_id, record in by_id.items():
        fields = _article_fields(record, lookups)
        authors_of[external_id] = lookups.author(record.author)
        article = existing.get(external_id)
        if article is None:
            to_create.append(Article(external_id=external_id, status=Article.Status.PUBLISHED,
                                     created_at=now, updated_at=now, **fields))
        elif any(getattr(article, k) != v for k, v in fields.items()):
            for name, value in fields.items():
                setattr(article, name, value)
            article.updated_at = now
            to_update.append(article)
        else:
            report.unchanged += 1
    created = Article.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        Article.objects.bulk_update(to_update, [*_COMPARED, "updated_at"],
                                    batch_size=500)
    ArticleAuthor.objects.bulk_create(
        [ArticleAuthor(article=a, author=authors_of[a.external_id], position=0)
         for a in created if authors_of[a.external_id]], batch_size=500)
    ArticleTransition.objects.bulk_create(
        [ArticleTransition(article=a, from_state="", to_state="published", at=now,
                           note="import") for a in created], batch_size=500)
    ArticleRevision.objects.bulk_create(
        [ArticleRevision(article=a, created_at=now, headline=a.headline,
                         standfirst=a.standfirst, body=a.body) for a in [*created, *to_update]],
        batch_size=500)
    report.created += len(created)
    report.updated += len(to_update)
    if created or to_update:
        articles_imported.send(sender=Article, articles=[*created, *to_update])
