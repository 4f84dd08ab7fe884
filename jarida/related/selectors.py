"""Reads of related lists for the article page and the API.

Every list is filtered through `Article.objects.published()` when read, so an article
unpublished after the lists were computed vanishes from all of them at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import timezone

from jarida.newsroom import selectors as newsroom_selectors
from jarida.newsroom.models import Article, published_q
from jarida.related.conf import related_setting
from jarida.related.models import RelatedArticle, RelatedChoice


@dataclass(frozen=True)
class RelatedItem:
    article: Article
    score: float | None  # None for pins and for the section fallback
    reason: str  # "pinned", "related" or "section"


def article_related(*, article: Article, limit: int | None = None,
                    fallback: Sequence[Article] | None = None) -> list[RelatedItem]:
    """"اخبار قد تهمك": the editors' pins first (in their order), then the stored list;
    never the article itself, an excluded or an unpublished article. Fewer than MIN_SHOWN
    found: filled up with the latest of the same section (`fallback`, when the caller
    has it already). Two or three queries whatever the list's length."""
    limit = limit or related_setting("SHOWN")
    now = timezone.now()
    pins, hidden = [], {article.pk}
    for choice in (RelatedChoice.objects.filter(article_id=article.pk)
                   .select_related("other", "other__section")):
        hidden.add(choice.other_id)
        if choice.kind == RelatedChoice.Kind.PIN and choice.other.is_public(at=now):
            pins.append(RelatedItem(article=choice.other, score=None, reason="pinned"))
    items = pins[:limit]
    if len(items) < limit:
        # The published() rule, written as a join on the related row: as a subquery
        # (`related__in=published()`) SQLite builds the list of every public id per page.
        entries = (RelatedArticle.objects.filter(published_q(through="related__", at=now),
                                                 article_id=article.pk)
                   .exclude(related_id__in=hidden).select_related("related", "related__section")
                   .order_by("position")[:limit - len(items)])
        items += [RelatedItem(article=e.related, score=e.score, reason="related")
                  for e in entries]
    if len(items) < related_setting("MIN_SHOWN"):
        if fallback is None:
            fallback = newsroom_selectors.article_more_in_section(article=article,
                                                                  limit=limit + len(hidden))
        shown = hidden | {item.article.pk for item in items}
        for other in fallback:
            if len(items) >= limit:
                break
            if other.pk not in shown and other.is_public(at=now):
                items.append(RelatedItem(article=other, score=None, reason="section"))
                shown.add(other.pk)
    return items
