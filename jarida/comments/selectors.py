"""Reads for the comment block, the forms and the moderation queue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from math import ceil

from django.db.models import Count, Q
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
    if not article.is_public(at=at):
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


@dataclass(frozen=True)
class CommentPage:
    """One page of an article's conversation: `threads` are approved top-level comments,
    oldest first, each with `shown_replies`; `count` is every comment readers can see."""

    threads: list[Comment]
    number: int
    pages: int
    count: int

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def comments_for_article(*, article: Article, page: int = 1,
                         per_page: int | None = None) -> CommentPage:
    """Page `page` of the article's approved top-level comments, oldest first, each with
    `shown_replies` (approved replies, oldest first; a reply whose parent is not approved
    is not shown). Two queries when everything fits on the first page, three otherwise
    (the counts). A page past the last has no threads."""
    per_page = per_page or comments_setting("THREADS_PER_PAGE")
    approved = Comment.objects.filter(article_id=article.pk, status=Comment.Status.APPROVED)
    fields = ("id", "parent_id", "name", "body", "created_at", "published_at", "article_id")
    offset = (page - 1) * per_page
    top = list(approved.filter(parent__isnull=True).only(*fields)
               .order_by("created_at", "id")[offset:offset + per_page + 1])
    more = len(top) > per_page
    top = top[:per_page]
    by_id = {c.pk: c for c in top}
    for comment in top:
        comment.shown_replies = []
    if by_id:
        for reply in (approved.filter(parent_id__in=list(by_id)).only(*fields)
                      .order_by("created_at", "id")):
            by_id[reply.parent_id].shown_replies.append(reply)
    if page == 1 and not more:
        return CommentPage(threads=top, number=1, pages=1,
                           count=len(top) + sum(len(c.shown_replies) for c in top))
    totals = approved.aggregate(
        threads=Count("id", filter=Q(parent__isnull=True)),
        shown=Count("id", filter=Q(parent__isnull=True) | Q(parent__status=Comment.Status.APPROVED)))
    return CommentPage(threads=top, number=page, pages=max(1, ceil(totals["threads"] / per_page)),
                       count=totals["shown"])


def comment_page_number(*, comment: Comment, per_page: int | None = None) -> int:
    """The page of its article's conversation that shows `comment` (a reply shows on its
    thread's page). One query."""
    per_page = per_page or comments_setting("THREADS_PER_PAGE")
    thread = comment.parent if comment.parent_id else comment
    earlier = (Comment.objects.filter(article_id=comment.article_id, parent__isnull=True,
                                      status=Comment.Status.APPROVED)
               .filter(Q(created_at__lt=thread.created_at)
                       | Q(created_at=thread.created_at, id__lt=thread.pk))
               .count())
    return earlier // per_page + 1


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
