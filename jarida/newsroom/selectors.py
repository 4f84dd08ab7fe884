"""Reads for reader pages, feeds and the API. Everything starts from `published()`."""

from __future__ import annotations

from functools import lru_cache

from django.db import connections
from django.db.models import Q

from jarida.newsroom.models import Article, ArticleAuthor, Author, Section, Tag


def article_get_public(*, pk: int) -> Article | None:
    """The article a reader asked for, with its section, or None. Its authors and tags
    come together in one plain query when first used (`ordered_authors`, `tag_list`):
    cheaper than prefetching for a single article."""
    # One row by its key, checked with `is_public` (the rule of `published()`, applied in
    # Python): the most frequent miss of all compiles no ORDER BY and no status filter.
    found = next(iter(Article.objects.select_related("section", "section__parent")
                      .filter(pk=pk).order_by()[:1]), None)
    return found if found is not None and found.is_public() else None


@lru_cache(maxsize=4)
def _byline_and_tags_sql(alias: str) -> str:
    connection = connections[alias]
    q = connection.ops.quote_name
    link, tag_link = ArticleAuthor._meta, Article.tags.through._meta
    return (
        f"SELECT 'a', a.{q('id')}, a.{q('name')}, a.{q('slug')}, l.{q('position')}, l.{q('id')}"
        f" FROM {q(Author._meta.db_table)} a"
        f" JOIN {q(link.db_table)} l ON l.{q(link.get_field('author').column)} = a.{q('id')}"
        f" WHERE l.{q(link.get_field('article').column)} = %s"
        f" UNION ALL SELECT 't', t.{q('id')}, t.{q('name')}, t.{q('slug')}, 0, 0"
        f" FROM {q(Tag._meta.db_table)} t"
        f" JOIN {q(tag_link.db_table)} l ON l.{q(tag_link.get_field('tag').column)} = t.{q('id')}"
        f" WHERE l.{q(tag_link.get_field('article').column)} = %s"
        " ORDER BY 1, 5, 6, 3"
    )


def article_byline_and_tags(*, article_id: int,
                            using: str = "default") -> tuple[list[Author], list[Tag]]:
    """One article's byline authors (in byline order, with name and slug) and its tags (by
    name), in one query. The article page needs both on every render; one UNION ALL
    instead of two ORM queries spares two SQL compilations, a fifth of the CPU of an
    uncached article page (docs/benchmarks.md). Tests hold it to the ORM's answer."""
    with connections[using].cursor() as cursor:
        cursor.execute(_byline_and_tags_sql(using), [article_id, article_id])
        rows = cursor.fetchall()
    fields = ["id", "name", "slug"]
    authors = [Author.from_db(using, fields, row[1:4]) for row in rows if row[0] == "a"]
    tags = [Tag.from_db(using, fields, row[1:4]) for row in rows if row[0] == "t"]
    return authors, tags


def article_status_for_reader(*, pk: int) -> str | None:
    """Why an article is not public: 'gone' (unpublished) or None (never was / unknown)."""
    status = Article.objects.filter(pk=pk).values_list("status", flat=True).first()
    return "gone" if status == Article.Status.UNPUBLISHED else None


def articles_latest(*, limit: int = 20, exclude_ids: tuple[int, ...] = ()) -> list[Article]:
    return list(Article.objects.published().exclude(pk__in=exclude_ids).for_listing()[:limit])


def articles_breaking(*, limit: int = 3) -> list[Article]:
    # `is_breaking__in` rather than `is_breaking=True`: Django writes the latter as a bare
    # `WHERE "is_breaking"`, which SQLite cannot match to the article_breaking_pub index
    # (a full scan of the archive on every home page); `IN (1)` uses it (ADR 0072).
    return list(Article.objects.published().filter(is_breaking__in=(True,)).only(
        "id", "headline", "slug", "section__slug").select_related("section")[:limit])


def articles_in_section(*, section: Section, subsection_ids: list[int] | None = None):
    """Published articles of a section and of its subsections, newest first (a queryset,
    for pagination). Pass `subsection_ids` when already known, to save their query."""
    if subsection_ids is None:
        subsection_ids = list(section.children.values_list("pk", flat=True))
    # By section id, never by joining sections (`section__parent`): only a plain id test
    # can walk the article_section_pub index in date order (ADR 0072).
    in_sections = (Q(section_id=section.pk) if not subsection_ids
                   else Q(section_id__in=[section.pk, *subsection_ids]))
    return Article.objects.published().filter(in_sections).for_listing()


def articles_by_author(*, author: Author):
    return Article.objects.published().filter(article_authors__author=author).for_listing()


def articles_tagged(*, tag: Tag):
    return Article.objects.published().filter(tags=tag).for_listing()


def article_more_in_section(*, article: Article, limit: int = 5) -> list[Article]:
    """"اخبار قد تهمك" until related articles land: the latest in the same section."""
    return list(
        Article.objects.published().filter(section_id=article.section_id)
        .exclude(pk=article.pk).for_listing()[:limit]
    )


def home_page(*, per_section: int = 4, sections_limit: int = 6) -> dict:
    """The lead story, the latest list, and a block per top-level section.

    A fixed number of queries whatever the content: one for the latest, one per section
    block (bounded by `sections_limit`), and the prefetches.
    """
    latest = articles_latest(limit=13)
    lead = next((a for a in latest if a.hero_image), latest[0] if latest else None)
    rest = [a for a in latest if a is not lead][:12]
    sections = list(Section.objects.all())  # one query: the blocks and their subsections
    children: dict[int, list[int]] = {}
    for s in sections:
        if s.parent_id:
            children.setdefault(s.parent_id, []).append(s.pk)
    blocks = []
    for section in [s for s in sections if s.parent_id is None][:sections_limit]:
        articles = list(articles_in_section(section=section,
                                            subsection_ids=children.get(section.pk, []))
                        [:per_section])
        if articles:
            blocks.append((section, articles))
    return {"lead": lead, "latest": rest, "blocks": blocks, "breaking": articles_breaking()}
