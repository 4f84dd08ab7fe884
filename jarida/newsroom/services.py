"""Newsroom actions. Every change to an article goes through one of these services,
called alike from the admin, the importers, the management commands and the tests.

Each service checks who may act, checks the workflow allows the step, writes in one
transaction, records the transition, and sends `article_changed` inside that transaction
so the search index moves with the article (see jarida/newsroom/signals.py).

    draft ──submit──▶ review ──publish──▶ published ──correct──▶ published (corrected)
      ▲                 │  (future published_at = scheduled)   │
      └────return───────┘                                      └──unpublish──▶ unpublished
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jarida.newsroom.bodies import body_sanitize, slug_from_headline
from jarida.newsroom.models import (
    Article,
    ArticleAuthor,
    ArticleRevision,
    ArticleTransition,
    Author,
    Tag,
)
from jarida.newsroom.signals import article_changed

User = AbstractBaseUser
EDITABLE_FIELDS = {
    "headline", "slug", "standfirst", "body", "hero_image", "hero_caption", "hero_credit",
    "section", "byline", "source_credit", "is_breaking", "allow_comments", "correction_note",
}
_REVISED_FIELDS = ("headline", "standfirst", "body", "correction_note")


class WorkflowError(ValidationError):
    """The requested step is not allowed from the article's current state."""


def _require(by: User | None, perm: str) -> None:
    # by=None is the system itself (importers, demo loader): trusted, recorded as nobody.
    if by is not None and not by.has_perm(f"newsroom.{perm}"):
        raise PermissionDenied(_("ليست لديك صلاحية لهذا الإجراء."))


def article_can_edit(*, article: Article, user: User) -> bool:
    """Editors edit every article; a writer edits only own articles not yet published."""
    if user.has_perm("newsroom.edit_any_article"):
        return True
    if not user.has_perm("newsroom.change_article"):
        return False
    is_own = article.pk is None or article.created_by_id == user.pk or (
        article.authors.filter(user=user).exists()
    )
    return is_own and article.status in (Article.Status.DRAFT, Article.Status.REVIEW)


def _record(article: Article, *, from_state: str, to_state: str, by: User | None,
            note: str = "") -> None:
    ArticleTransition.objects.create(article=article, from_state=from_state, to_state=to_state,
                                     by=by, note=note)


def _revise(article: Article, *, by: User | None) -> None:
    """Store a revision when the text differs from the latest one."""
    latest = article.revisions.first()
    if latest and all(getattr(latest, f) == getattr(article, f) for f in _REVISED_FIELDS):
        return
    ArticleRevision.objects.create(article=article, created_by=by,
                                   **{f: getattr(article, f) for f in _REVISED_FIELDS})


def _clean_fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"Not editable through article services: {', '.join(sorted(unknown))}")
    if "body" in fields:
        fields["body"] = body_sanitize(fields["body"])
    for name in ("headline", "standfirst", "byline", "source_credit", "hero_caption"):
        if name in fields and isinstance(fields[name], str):
            fields[name] = fields[name].replace("\x00", "").strip()
    return fields


def article_set_authors(*, article: Article, authors: Sequence[Author]) -> None:
    """Set the byline's authors in the given order."""
    article.article_authors.all().delete()
    ArticleAuthor.objects.bulk_create(
        ArticleAuthor(article=article, author=author, position=i)
        for i, author in enumerate(dict.fromkeys(authors))
    )


@transaction.atomic
def article_create(*, by: User | None, authors: Sequence[Author] = (),
                   tags: Iterable[Tag] = (), **fields: Any) -> Article:
    """A new draft. Its slug comes from the headline unless one is given."""
    _require(by, "add_article")
    fields = _clean_fields(fields)
    if not fields.get("headline"):
        raise ValidationError({"headline": _("العنوان مطلوب.")})
    article = Article(**fields, created_by=by if by and by.pk else None)
    article.slug = slug_from_headline(fields.get("slug") or fields["headline"])
    article.full_clean(exclude=["hero_image", "authors", "tags"])
    article.save()
    article_set_authors(article=article, authors=authors)
    article.tags.set(tags)
    _revise(article, by=by)
    _record(article, from_state="", to_state=article.status, by=by)
    article_changed.send(sender=Article, article=article, action="created", was_public=False)
    return article


@transaction.atomic
def article_update(*, article: Article, by: User | None, authors: Sequence[Author] | None = None,
                   tags: Iterable[Tag] | None = None, **fields: Any) -> Article:
    """Edit an article's content. A published article stays published and readers see the
    edit at once; fixing a factual error that readers saw is `article_correct`."""
    if by is not None and not article_can_edit(article=article, user=by):
        raise PermissionDenied(_("لا يمكنك تحرير هذا المقال."))
    fields = _clean_fields(fields)
    if "slug" in fields or "headline" in fields and not article.slug:
        article.slug = slug_from_headline(fields.pop("slug", None) or fields.get("headline")
                                          or article.headline)
    for name, value in fields.items():
        setattr(article, name, value)
    was_public = article.is_public()
    article.updated_at = timezone.now()
    article.full_clean(exclude=["hero_image", "authors", "tags"])
    article.save()
    if authors is not None:
        article_set_authors(article=article, authors=authors)
    if tags is not None:
        article.tags.set(tags)
    _revise(article, by=by)
    article_changed.send(sender=Article, article=article, action="edited", was_public=was_public)
    return article


@transaction.atomic
def article_submit_for_review(*, article: Article, by: User | None) -> Article:
    """A writer hands a draft to the editors."""
    if by is not None and not article_can_edit(article=article, user=by):
        raise PermissionDenied(_("لا يمكنك إرسال هذا المقال للمراجعة."))
    if article.status != Article.Status.DRAFT:
        raise WorkflowError(_("لا يُرسل للمراجعة إلا مقال في حالة المسودة."))
    article.status = Article.Status.REVIEW
    article.save(update_fields=["status"])
    _record(article, from_state="draft", to_state="review", by=by)
    article_changed.send(sender=Article, article=article, action="submitted", was_public=False)
    return article


@transaction.atomic
def article_return_to_draft(*, article: Article, by: User | None, note: str = "") -> Article:
    """An editor sends an article in review back to its writer."""
    _require(by, "publish_article")
    if article.status != Article.Status.REVIEW:
        raise WorkflowError(_("لا يُعاد إلى المسودة إلا مقال قيد المراجعة."))
    article.status = Article.Status.DRAFT
    article.save(update_fields=["status"])
    _record(article, from_state="review", to_state="draft", by=by, note=note)
    article_changed.send(sender=Article, article=article, action="returned", was_public=False)
    return article


@transaction.atomic
def article_publish(*, article: Article, by: User | None, at: datetime | None = None) -> Article:
    """Publish now, or schedule: a future `at` keeps the article invisible until then.

    Readers see it from `published_at` on with no job running, because `published()`
    compares with the current time. Also republishes an unpublished article, and
    reschedules a scheduled one.
    """
    _require(by, "publish_article")
    from_state = article.state
    if article.status == Article.Status.PUBLISHED and from_state != "scheduled":
        raise WorkflowError(_("المقال منشور بالفعل."))
    if not article.headline or not article.body_text:
        raise WorkflowError(_("لا يُنشر مقال بلا عنوان أو متن."))
    now = timezone.now()
    article.published_at = at or now
    article.status = Article.Status.PUBLISHED
    article.updated_at = now
    article.save(update_fields=["status", "published_at", "updated_at"])
    to_state = "scheduled" if article.published_at > now else "published"
    _record(article, from_state=from_state, to_state=to_state, by=by)
    article_changed.send(sender=Article, article=article, action=to_state, was_public=False)
    return article


@transaction.atomic
def article_correct(*, article: Article, by: User | None, note: str,
                    **fields: Any) -> Article:
    """Correct a published article: the fix plus a note readers see, and a new dateModified."""
    _require(by, "correct_article")
    if not article.is_public():
        raise WorkflowError(_("لا يُصحَّح إلا مقال منشور؛ عدّل المسودة مباشرة."))
    note = (note or "").strip()
    if not note:
        raise ValidationError({"correction_note": _("اكتب نص التصحيح الذي سيظهر للقراء.")})
    fields = _clean_fields(fields)
    from_state = article.state
    for name, value in fields.items():
        setattr(article, name, value)
    now = timezone.now()
    article.correction_note = note
    article.corrected_at = now
    article.updated_at = now
    article.full_clean(exclude=["hero_image", "authors", "tags"])
    article.save()
    _revise(article, by=by)
    _record(article, from_state=from_state, to_state="corrected", by=by, note=note)
    article_changed.send(sender=Article, article=article, action="corrected", was_public=True)
    return article


@transaction.atomic
def article_unpublish(*, article: Article, by: User | None, note: str = "") -> Article:
    """Withdraw an article: readers get 410 Gone at its URL, and it leaves every list."""
    _require(by, "unpublish_article")
    if article.status != Article.Status.PUBLISHED:
        raise WorkflowError(_("لا يُلغى نشر مقال غير منشور."))
    from_state = article.state
    was_public = article.is_public()
    article.status = Article.Status.UNPUBLISHED
    article.updated_at = timezone.now()
    article.save(update_fields=["status", "updated_at"])
    _record(article, from_state=from_state, to_state="unpublished", by=by, note=note)
    article_changed.send(sender=Article, article=article, action="unpublished",
                         was_public=was_public)
    return article


@transaction.atomic
def article_delete(*, article: Article, by: User | None) -> None:
    """Delete an article for good (editors only). Prefer unpublishing published work."""
    _require(by, "delete_article")
    was_public = article.is_public()
    article_changed.send(sender=Article, article=article, action="deleted", was_public=was_public)
    article.delete()
