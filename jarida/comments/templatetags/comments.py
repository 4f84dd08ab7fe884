"""{% load comments %}{% comments_block article %}: the comment block under an article.

The first page of the conversation (THREADS_PER_PAGE top-level comments with their
replies; the rest on comments/<article>/page/<n>/): three queries when it all fits (the
policy, the comments, their replies), and nothing that differs between readers, so the article page stays cacheable. The block is a
fragment cached under `comments:<id>` (purged when readers' view of the comments changes)
and `article:<id>`.
"""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from jarida.caching.fragments import fragment_render
from jarida.comments.conf import comments_setting
from jarida.comments.forms import CommentForm
from jarida.comments.selectors import comment_policy, comments_for_article
from jarida.comments.text import comment_html as _comment_html
from jarida.newsroom.models import Article

register = template.Library()


def block_context(article: Article) -> dict:
    policy = comment_policy(article=article)
    page = comments_for_article(article=article)
    return {
        "article": article,
        "policy": policy,
        "page": page,
        "threads": page.threads,
        "count": page.count,
        "form": CommentForm(),
        "min_fill_seconds": comments_setting("MIN_FILL_SECONDS"),
    }


@register.simple_tag
def comments_block(article: Article) -> SafeString:
    return fragment_render(
        f"comments:{article.pk}", tags={f"comments:{article.pk}", f"article:{article.pk}"},
        render=lambda: render_to_string("comments/_block.html", block_context(article)))


@register.filter
def comment_html(body: str) -> SafeString:
    """A comment's plain text as safe HTML (escaped, paragraphs, nofollow ugc links)."""
    return _comment_html(body or "")
