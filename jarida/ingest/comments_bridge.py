"""Readers' comments from a WordPress export, written into jarida.comments.

Kept apart from the post import because the comments app is its own: this module is the
one place that knows its model, and it writes only through its services
(`comment_add` for the system's own comments, `comments_moderate` for a status that
changed on WordPress since the last run). When the comments app has no `Comment` model,
`CommentImporter.for_current_models()` is None and the import reports what it left out.

Mapping:
- approved "1" -> approved (published at the comment's GMT date), "0" -> pending,
  "spam" -> spam, "trash" -> rejected; pingbacks and trackbacks are not readers'
  comments and are skipped.
- Threads: Jarida keeps one level of replies, so a reply to a reply joins the thread of
  its top-level comment (`comment_add` does that from the parent it is given).
- Comment HTML (WordPress allows a few tags) becomes plain text with its line breaks:
  Jarida's comments are plain text, escaped when shown.
- After the first import only a comment's status follows WordPress (it was moderated
  there meanwhile); its text and author stay as first imported.
- A comment without an email gets a per-comment address under the reserved `.invalid`
  domain, so anonymous comments are not merged into one commenter.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from typing import TYPE_CHECKING

from django.db import DatabaseError, transaction
from django.utils import timezone

if TYPE_CHECKING:
    from jarida.ingest.wordpress import Tally, _Importer
    from jarida.ingest.wxr import WxrComment, WxrItem
    from jarida.newsroom.models import Article

_BREAK = re.compile(r"<br\s*/?>|</p\s*>", re.I)
_TAG = re.compile(r"<[^>]+>")
STATUS_BY_APPROVED = {"1": "approved", "approve": "approved", "0": "pending", "hold": "pending",
                      "spam": "spam", "trash": "rejected", "post-trashed": "rejected"}
ACTION_FOR_STATUS = {"approved": "approve", "rejected": "reject", "spam": "spam"}


def comment_text(value: str) -> str:
    """A WordPress comment's HTML as plain text, keeping its line breaks."""
    return html.unescape(_TAG.sub("", _BREAK.sub("\n", value or ""))).strip()


def _email(comment: WxrComment, source: str) -> str:
    email = comment.author_email.strip().lower()
    if email and "@" in email and len(email) <= 254:
        return email
    host = re.sub(r"[^a-z0-9.-]", "-", source.split(":", 1)[-1].lower())[:60] or "wordpress"
    return f"wp-comment-{comment.comment_id}@{host}.invalid"


class CommentImporter:
    def __init__(self) -> None:
        from jarida.comments import services
        from jarida.comments.models import Comment

        self.Comment = Comment
        self.services = services

    @classmethod
    def for_current_models(cls) -> CommentImporter | None:
        try:
            from jarida.comments.models import Comment  # noqa: F401
            from jarida.comments.services import comment_add, comments_moderate  # noqa: F401
        except ImportError:
            return None
        return cls()

    def import_post_comments(self, *, importer: _Importer, item: WxrItem, article: Article,
                             tally: Tally) -> None:
        """Create or update the post's comments, parents before replies, each in its own
        savepoint so one bad comment does not take the post down with it."""
        from jarida.ingest.models import ImportedItem

        waiting = sorted(item.comments, key=lambda c: c.comment_id)
        by_id = {c.comment_id: c for c in waiting}
        while waiting:
            progressed, later = False, []
            for comment in waiting:
                parent_key = str(comment.parent_id)
                if (comment.parent_id and comment.parent_id in by_id
                        and (ImportedItem.Kind.COMMENT, parent_key) not in importer.known
                        and not self._is_skipped(by_id[comment.parent_id])):
                    later.append(comment)  # its parent comes first
                    continue
                progressed = True
                self._one(importer=importer, item=item, comment=comment, article=article,
                          tally=tally)
            if not progressed:  # a cycle of parents: import the rest as top-level
                for comment in later:
                    self._one(importer=importer, item=item, comment=comment, article=article,
                              tally=tally, ignore_parent=True)
                break
            waiting = later

    @staticmethod
    def _is_skipped(comment: WxrComment) -> bool:
        return comment.comment_type in ("pingback", "trackback")

    def _one(self, *, importer: _Importer, item: WxrItem, comment: WxrComment,
             article: Article, tally: Tally, ignore_parent: bool = False) -> None:
        from jarida.ingest.models import ImportedItem

        label = f"post {item.post_id}, comment {comment.comment_id}"
        if self._is_skipped(comment):
            importer.report.skip("comments", item.line, f"{label}: a {comment.comment_type}, "
                                                        "not a reader's comment")
            return
        status = STATUS_BY_APPROVED.get(comment.approved.lower())
        if status is None:
            importer.report.skip("comments", item.line,
                                 f"{label}: unknown approval {comment.approved!r}")
            return
        body = comment_text(comment.content)
        if not body:
            importer.report.skip("comments", item.line, f"{label}: empty comment")
            return
        name = comment.author or "قارئ"
        at = comment.date_gmt or timezone.now()
        # Only the status is followed after the first import (moderation on WordPress);
        # the text a reader wrote does not change.
        fingerprint = hashlib.sha256(json.dumps([status]).encode()).hexdigest()
        key = (ImportedItem.Kind.COMMENT, str(comment.comment_id))
        known = importer.known.get(key)
        if known is not None and known.fingerprint == fingerprint:
            tally.unchanged += 1  # also when a moderator deleted it here: not restored
            return
        try:
            with transaction.atomic():
                existing = (self.Comment.objects.filter(pk=known.object_id).first()
                            if known and known.object_id else None)
                if known is not None and existing is None:
                    importer.report.skip("comments", item.line, f"{label}: deleted in Jarida "
                                                                "after an earlier import")
                    return
                if existing is not None:
                    if existing.status != status:
                        self.services.comments_moderate(
                            comments=[existing], action=ACTION_FOR_STATUS.get(status, "reject"),
                            by=None, note="WordPress import")
                else:
                    parent = None
                    if comment.parent_id and not ignore_parent:
                        parent_item = importer.known.get((ImportedItem.Kind.COMMENT,
                                                          str(comment.parent_id)))
                        if parent_item and parent_item.object_id:
                            parent = self.Comment.objects.filter(pk=parent_item.object_id).first()
                    existing = self.services.comment_add(
                        article=article, name=name, email=_email(comment, importer.source),
                        body=body, parent=parent, at=at, status=status)
                importer._remember(kind=ImportedItem.Kind.COMMENT, remote_id=key[1],
                                   fingerprint=fingerprint, object_id=existing.pk,
                                   link=f"{item.link}#comment-{comment.comment_id}")
            if known is None:
                tally.created += 1
            else:
                tally.updated += 1
        except (DatabaseError, ValueError) as error:
            importer.report.skip("comments", item.line, f"{label}: {error}")
