"""The demo's reader comments (jarida/newsroom/demo/content.py COMMENTS), approved.

Idempotent: a comment is found by its article, email and text before it is created, so
running the loader again creates nothing new.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from jarida.comments.models import Comment
from jarida.comments.services import comment_add
from jarida.comments.text import body_fingerprint, text_clean
from jarida.newsroom.models import Article


def _find_or_add(*, article: Article, item: dict, parent: Comment | None, at) -> tuple[Comment,
                                                                                      bool]:
    email = item["email"].strip().lower()
    existing = Comment.objects.filter(article=article, commenter__email=email,
                                      body_hash=body_fingerprint(text_clean(item["body"]))).first()
    if existing is not None:
        return existing, False
    at = min(at, timezone.now())
    return comment_add(article=article, name=item["name"], email=email, body=item["body"],
                       parent=parent, at=at), True


@transaction.atomic
def demo_comments_load(*, stdout, items: list[dict] | None = None) -> int:
    if items is None:
        from jarida.newsroom.demo import content

        items = getattr(content, "COMMENTS", [])
    created = missing = 0
    for index, item in enumerate(items):
        article = Article.objects.published().filter(external_id=f"demo:{item['article']}").first()
        if article is None:
            missing += 1
            continue
        # Spread the comments over the hours after publication, replies after their parent.
        at = article.published_at + timedelta(minutes=35 + 17 * index)
        comment, made = _find_or_add(article=article, item=item, parent=None, at=at)
        created += made
        for offset, reply in enumerate(item.get("replies", []), start=1):
            _reply, made = _find_or_add(article=article, item=reply, parent=comment,
                                        at=at + timedelta(minutes=9 * offset))
            created += made
    stdout.write(f"Demo comments: {created} created"
                 + (f", {missing} skipped (article not published)" if missing else "") + ".")
    return created
