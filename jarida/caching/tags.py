"""Which cached pages an event makes stale, named by tags.

Every cached page carries tags, and a purge bumps the version of tags (store.py). A page
is tagged with:

- what its URL says it lists (`latest`, `section:<slug>`, `author:<slug>`, `tag:<slug>`,
  `sitemap:<key>`) or shows (`article:<id>`, `comments:<id>`), from the resolved view;
- `article:<id>` for every article the page actually rendered (a listing's cards, the
  related list, a feed's items), recorded as the ORM builds Article objects during the
  request. So unpublishing or editing an article also purges its old section's pages,
  page 5 of a tag listing, or another article's related list: exactly the pages that
  show it, whatever view showed it;
- `all` (for purges of everything: a renamed section is in every page's navigation).

An event purges the article's own tag plus the listings it now belongs to (a newly
published article is on no cached page yet, but belongs on the home page, its section
and its parent, its authors' and tags' pages, and in the feeds and sitemaps).
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterable

from django.db.models.signals import post_init
from django.urls import NoReverseMatch, ResolverMatch, reverse
from django.utils import timezone

from jarida.newsroom.models import Article

ALL = "all"
LATEST = "latest"  # the home page, the site-wide feeds, the sitemap index and news sitemap

_shown: contextvars.ContextVar[set[int] | None] = contextvars.ContextVar("jarida_shown",
                                                                         default=None)


def _article_built(sender, instance: Article, **kwargs) -> None:
    shown = _shown.get()
    if shown is not None and instance.pk is not None:
        shown.add(instance.pk)


def shown_tracking_connect() -> None:
    post_init.connect(_article_built, sender=Article, dispatch_uid="jarida.caching.shown")


def shown_add(ids) -> None:
    """Count `ids` as rendered in this request (a fragment served from the cache)."""
    shown = _shown.get()
    if shown is not None:
        shown.update(ids)


class ShownArticles:
    """`with ShownArticles() as shown:` collects the ids of the articles built inside."""

    def __enter__(self) -> set[int]:
        self.ids: set[int] = set()
        self._token = _shown.set(self.ids)
        return self.ids

    def __exit__(self, *exc) -> None:
        _shown.reset(self._token)


def _slug(kind: str):
    return lambda kw: {f"{kind}:{kw.get('slug') or kw.get(kind + '_slug')}"}


# Views whose answers are the same for every anonymous reader and may be cached, with the
# tags their URL gives them. A view not listed here is never cached by the app.
VIEW_TAGS = {
    "site:home": lambda kw: {LATEST},
    "site:section": _slug("section"),
    "site:author": _slug("author"),
    "site:tag": _slug("tag"),
    "site:article": lambda kw: {f"article:{kw['pk']}", f"comments:{kw['pk']}"},
    "site:article_noslug": lambda kw: {f"article:{kw['pk']}", f"comments:{kw['pk']}"},
    "site:article_by_id": lambda kw: {f"article:{kw['pk']}"},
    "comments:block": lambda kw: {f"comments:{kw['article_id']}"},
    "comments:page": lambda kw: {f"comments:{kw['article_id']}", f"article:{kw['article_id']}"},
    "syndication:rss": lambda kw: {LATEST},
    "syndication:atom": lambda kw: {LATEST},
    "syndication:section_rss": _slug("section"),
    "syndication:section_atom": _slug("section"),
    "syndication:author_rss": _slug("author"),
    "syndication:author_atom": _slug("author"),
    "syndication:tag_rss": _slug("tag"),
    "syndication:tag_atom": _slug("tag"),
    "syndication:sitemap_index": lambda kw: {LATEST},
    "syndication:sitemap_news": lambda kw: {LATEST},
    "syndication:sitemap": lambda kw: {f"sitemap:{kw['key']}"},
    "syndication:robots": lambda kw: set(),
}


def view_tags(match: ResolverMatch | None) -> set[str] | None:
    """The tags of a resolved view's page, or None when the view is not cacheable."""
    if match is None:
        return None
    make = VIEW_TAGS.get(match.view_name)
    return None if make is None else make(match.kwargs)


def path_tag(path: str) -> str:
    return f"path:{path}"


def _month_key(article: Article) -> str | None:
    if not article.published_at:
        return None
    local = timezone.localtime(article.published_at)
    return f"articles-{local:%Y-%m}"


def article_tags(article: Article) -> set[str]:
    """Tags of every page that shows the article, or should from now on."""
    tags = {f"article:{article.pk}", f"comments:{article.pk}", LATEST,
            "sitemap:sections", "sitemap:authors", "sitemap:tags"}
    section = article.section
    tags.add(f"section:{section.slug}")
    if section.parent_id:
        tags.add(f"section:{section.parent.slug}")
    tags.update(f"author:{slug}" for slug in article.authors.values_list("slug", flat=True))
    tags.update(f"tag:{slug}" for slug in article.tags.values_list("slug", flat=True))
    if month := _month_key(article):
        tags.add(f"sitemap:{month}")
    return tags


def _reverse(name: str, **kwargs) -> str | None:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def article_paths(article: Article) -> list[str]:
    """The URLs that front-end caches fetch again when the article changes: the home page
    first (the most read, and where news appears), the other reader pages that list it,
    then the site-wide feeds and the news sitemap. Per-section, author and tag feeds and
    the other sitemaps are purged in the app only: crawlers read them, and they carry
    their own short max-age (jarida.syndication)."""
    section = article.section
    sections = [section] + ([section.parent] if section.parent_id else [])
    paths: list[str | None] = [
        _reverse("site:home"),
        article.get_absolute_url(),
        _reverse("site:article_by_id", pk=article.pk),
        *(s.get_absolute_url() for s in sections),
        *(_reverse("site:author", author_slug=slug)
          for slug in article.authors.values_list("slug", flat=True)),
        *(_reverse("site:tag", tag_slug=slug)
          for slug in article.tags.values_list("slug", flat=True)),
        _reverse("syndication:rss"), _reverse("syndication:atom"),
        _reverse("syndication:sitemap_news"),
    ]
    return list(dict.fromkeys(p for p in paths if p))


def comment_paths(article_id: int, article_path: str | None, *, page: int = 1) -> list[str]:
    """The URLs front ends fetch again when the comments under an article change: the
    article and its comment block, and the further page of the conversation that changed
    (the others show a stale count for their s-maxage; the app's own cache purges all)."""
    paths = [article_path, _reverse("comments:block", article_id=article_id)]
    if page > 1:
        paths.append(_reverse("comments:page", article_id=article_id, number=page))
    return [p for p in paths if p]


def tags_union(groups: Iterable[set[str]]) -> set[str]:
    out: set[str] = set()
    for group in groups:
        out |= group
    return out
