"""Reads for the comment block, the forms and the moderation queue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from jarida.comments.conf import comments_setting
from jarida.comments.models import Comment, CommentPolicy
from jarida.newsroom.models import Article


@dataclass(frozen=True)
class Policy:
    """How comments work under one article, after inheritance."""

    mode: str
    close_after_days: int
    closes_at: datetime | None
    is_open: bool
    closed_reason: str  # "", "article", "age", "unpublished"


def comment_policy(*, article: Article, at: datetime | None = None) -> Policy:
    """The article's own policy, else its section's, else the parent section's, else the
    site's settings, field by field. Comments are open on a public article that allows
    them, until `close_after_days` after publication (0: never closes). One query."""
    at = at or timezone.now()
    section = article.section
    targets = Q(article_id=article.pk) | Q(section_id=section.pk)
    if section.parent_id:
        targets |= Q(section_id=section.parent_id)
    rank = {("a", article.pk): 0, ("s", section.pk): 1, ("s", section.parent_id): 2}
    policies = sorted(
        CommentPolicy.objects.filter(targets),
        key=lambda p: rank[("a", p.article_id) if p.article_id else ("s", p.section_id)],
    )
    mode = next((p.mode for p in policies if p.mode), comments_setting("MODE"))
    days = next((p.close_after_days for p in policies if p.close_after_days is not None),
                comments_setting("CLOSE_AFTER_DAYS"))
    closes_at = (article.published_at + timedelta(days=days)
                 if days and article.published_at else None)
    is_public = (article.status == Article.Status.PUBLISHED and article.published_at is not None
                 and article.published_at <= at)
    if not is_public:
        reason = "unpublished"
    elif not article.allow_comments:
        reason = "article"
    elif closes_at and at >= closes_at:
        reason = "age"
    else:
        reason = ""
    return Policy(mode=mode, close_after_days=days, closes_at=closes_at, is_open=not reason,
                  closed_reason=reason)


def article_for_comments(*, pk: int) -> Article | None:
    """The public article a comment is posted to: what the policy and the links need,
    without the authors and tags the article page prefetches. One query."""
    return (Article.objects.published().select_related("section", "section__parent")
            .filter(pk=pk).first())


def comments_for_article(*, article: Article) -> list[Comment]:
    """Approved top-level comments, oldest first, each with `shown_replies` (approved
    replies, oldest first). A reply whose parent is not approved is not shown. One query."""
    comments = list(Comment.objects.filter(article_id=article.pk, status=Comment.Status.APPROVED)
                    .only("id", "parent_id", "name", "body", "created_at", "published_at",
                          "article_id")
                    .order_by("created_at", "id"))
    top = [c for c in comments if c.parent_id is None]
    by_id = {c.pk: c for c in top}
    for comment in top:
        comment.shown_replies = []
    for comment in comments:
        if comment.parent_id is not None and comment.parent_id in by_id:
            by_id[comment.parent_id].shown_replies.append(comment)
    return top


def comment_thread_size(threads: list[Comment]) -> int:
    return sum(1 + len(c.shown_replies) for c in threads)


def queue_counts() -> dict[str, int]:
    """How many comments wait in each folder of the moderation queue. Three counts on the
    status index rather than one pass over every comment ever written."""
    waiting = Comment.objects.filter(status=Comment.Status.PENDING)
    total = waiting.count()
    reported = waiting.filter(is_reported=True).count() if total else 0
    return {"pending": total - reported, "reported": reported,
            "spam": Comment.objects.filter(status=Comment.Status.SPAM).count()}


def queue_size() -> int:
    """Comments waiting for a moderator (pending and reported; spam waits apart)."""
    return Comment.objects.filter(status=Comment.Status.PENDING).count()
