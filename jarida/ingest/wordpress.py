"""Import a WordPress export (WXR): the newsroom action behind `import_wordpress`.

The rules (docs/decisions/0065-wordpress-import.md):

- The whole file is read once before anything is written (`wxr_validate`), so a
  malformed or truncated export fails with its line and imports nothing at all.
- Then each author, category, tag and post is all or nothing (a savepoint): an item that
  fails rolls back alone, with the caches that refer to it, and is reported with its
  line; the others stand. Items commit 500 at a time.
- Every item is remembered in `ImportedItem` with a fingerprint of what the export said,
  so a second run of the same file finds everything "unchanged" and writes nothing.
- New posts are written like the bulk importers write (row, byline, tags, revision, one
  transition noted "WordPress import") and announced once per commit with
  `articles_imported`, so search, related lists, caches and the audit log index an
  archive in batches. Posts a newer export changed go through the newsroom services
  (article_update, article_publish...), which send `article_changed`.
- Statuses: publish -> published at post_date_gmt; future -> scheduled; draft -> draft;
  pending -> review; private, trash and auto-draft are skipped with the reason.
- The featured image (postmeta _thumbnail_id -> the attachment's URL) is kept as a
  reference on ImportedItem.image_url and shown as a <figure> at the top of the body
  (the newsroom's hero_image is an uploaded file, which an export does not carry).
- Old URLs (permalink, `?p=<id>`, `/<slug>/`) become `newsroom.Redirect` rows.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, BinaryIO
from urllib.parse import unquote, urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from jarida.ingest import comments_bridge
from jarida.ingest.models import ImportedItem
from jarida.ingest.redirects import redirect_paths_for_post, redirects_ensure
from jarida.ingest.wpcontent import plain_text, wp_content_to_html
from jarida.ingest.wxr import (
    WxrAuthor,
    WxrBadItem,
    WxrItem,
    WxrSite,
    WxrSummary,
    WxrTerm,
    parse_wp_date,
    wxr_read,
)
from jarida.newsroom import services
from jarida.newsroom.bodies import body_sanitize, body_to_text, slug_from_headline
from jarida.newsroom.models import (
    RESERVED_SLUGS,
    Article,
    ArticleAuthor,
    ArticleRevision,
    ArticleTransition,
    Author,
    Section,
    Tag,
)
from jarida.newsroom.services import WorkflowError
from jarida.newsroom.signals import articles_imported

Kind = ImportedItem.Kind
_MISSING = object()
_STORED_STATUS = {"draft": Article.Status.DRAFT, "review": Article.Status.REVIEW,
                  "published": Article.Status.PUBLISHED, "scheduled": Article.Status.PUBLISHED}
DEFAULT_SECTION = ("عام", "عام")  # (slug, name) for posts without a category
# WordPress statuses -> the article state the import aims for.
STATUS_TARGETS = {"publish": "published", "future": "scheduled", "draft": "draft",
                  "pending": "review"}
SKIPPED_STATUSES = {
    "private": "private post: readers could not see it on WordPress, so it is not imported",
    "trash": "in WordPress's trash",
    "auto-draft": "auto-draft (WordPress's empty placeholder)",
    "inherit": "a revision, not a post",
}
# Post types that are WordPress plumbing: counted, never reported one by one.
PLUMBING_TYPES = {"attachment", "revision", "nav_menu_item", "custom_css", "customize_changeset",
                  "oembed_cache", "user_request", "wp_block", "wp_template", "wp_template_part",
                  "wp_global_styles", "wp_navigation", "wp_font_family", "wp_font_face"}


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0

    def as_text(self) -> str:
        return (f"created {self.created}, updated {self.updated}, unchanged {self.unchanged}, "
                f"skipped {self.skipped}")


@dataclass
class WordPressReport:
    """What a run did, by kind, with a line and a reason for every skipped item."""

    tallies: dict[str, Tally] = field(default_factory=lambda: {
        k: Tally() for k in ("posts", "comments", "authors", "sections", "tags", "redirects")})
    skipped: list[tuple[int, str]] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)
    ignored: Counter = field(default_factory=Counter)

    def __getitem__(self, kind: str) -> Tally:
        return self.tallies[kind]

    def skip(self, kind: str, line: int, reason: str) -> None:
        self.tallies[kind].skipped += 1
        self.skipped.append((line, reason))

    @property
    def changed_nothing(self) -> bool:
        return all(t.created == 0 and t.updated == 0 for t in self.tallies.values())

    def as_text(self) -> str:
        lines = [f"{kind}: {tally.as_text()}" for kind, tally in self.tallies.items()]
        if self.ignored:
            lines.append("not articles (ignored): " + ", ".join(
                f"{kind} {count}" for kind, count in sorted(self.ignored.items())))
        if self.skipped:
            lines.append("skipped:")
            lines += [f"  line {line}: {reason}" for line, reason in self.skipped]
        if self.notes:
            lines.append("notes:")
            lines += [f"  line {line}: {note}" for line, note in self.notes]
        return "\n".join(lines)


def _fingerprint(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True,
                                     default=str).encode()).hexdigest()


def _decoded(slug: str) -> str:
    return unquote(slug or "", errors="replace")


def wordpress_source(site: WxrSite | None, override: str = "") -> str:
    """The key that tells one WordPress site's ids from another's: "wordpress:" plus the
    blog's host and path."""
    if override:
        return override
    url = site and (site.base_blog_url or site.link or site.base_site_url) or ""
    parts = urlsplit(url)
    return "wordpress:" + ((parts.netloc + parts.path).rstrip("/") or "unknown")


def _label(item: WxrItem) -> str:
    title = plain_text(item.title)[:60]
    return f"post {item.post_id}" + (f" «{title}»" if title else "")


class _Importer:
    """State of one run: the source's known items, loaded once, and the report."""

    def __init__(self, *, source: str, summary: WxrSummary, report: WordPressReport) -> None:
        self.source = source
        self.summary = summary
        self.report = report
        self.site = summary.site
        self.known: dict[tuple[str, str], ImportedItem] = {
            (i.kind, i.remote_id): i for i in ImportedItem.objects.filter(source=source)}
        self.authors: dict[str, Author] = {}
        self.sections: dict[str, Section] = {}
        self.tags: dict[str, Tag] = {}
        self.pending_parents: list[tuple[Section, str]] = []
        self.comments = comments_bridge.CommentImporter.for_current_models()
        self._journal: list[tuple[dict, Any, Any]] = []
        # Articles created in the current batch, announced together when it commits.
        self.batch_articles: dict[int, Article] = {}

    # -- one item, all or nothing ----------------------------------------------------------

    def _cache(self, cache: dict, key: Any, value: Any) -> Any:
        """Set a cache entry, remembering the old one in case the item rolls back."""
        self._journal.append((cache, key, cache.get(key, _MISSING)))
        cache[key] = value
        return value

    @contextlib.contextmanager
    def item(self, kind: str, line: int, label: str) -> Iterator[None]:
        """One item in one transaction. If it fails, the database rolls back, and so do
        the caches and the report, so nothing refers to rows that no longer exist; the
        item is reported as skipped with the reason."""
        self._journal = []
        tallies = copy.deepcopy(self.report.tallies)
        counts = (len(self.report.skipped), len(self.report.notes),
                  len(self.pending_parents))
        try:
            with transaction.atomic():
                yield
        except (ValidationError, WorkflowError, PermissionDenied, DatabaseError,
                ValueError) as error:
            for cache, key, old in reversed(self._journal):
                if old is _MISSING:
                    cache.pop(key, None)
                else:
                    cache[key] = old
            self.report.tallies = tallies
            del self.report.skipped[counts[0]:]
            del self.report.notes[counts[1]:]
            del self.pending_parents[counts[2]:]
            self.report.skip(kind, line, f"{label}: {_error_text(error)}")
        finally:
            self._journal = []

    # -- the mapping -----------------------------------------------------------------

    def _remember(self, *, kind: str, remote_id: str, fingerprint: str,
                  article: Article | None = None, object_id: int | None = None,
                  link: str = "", image_url: str = "") -> None:
        now = timezone.now()
        old = self.known.get((kind, remote_id))
        # A new instance, not the cached one changed in place: a rollback restores the old.
        item = ImportedItem(pk=old.pk if old else None, source=self.source, kind=kind,
                            remote_id=remote_id, imported_at=old.imported_at if old else now,
                            article=article, object_id=object_id, fingerprint=fingerprint,
                            link=link[:1000], image_url=image_url[:1000], updated_at=now)
        item.save(force_update=old is not None, force_insert=old is None)
        self._cache(self.known, (kind, remote_id), item)

    def _known_object(self, kind: str, remote_id: str, model: type) -> tuple[Any, ImportedItem]:
        item = self.known.get((kind, remote_id))
        if item is None or item.object_id is None:
            return None, item
        return model.objects.filter(pk=item.object_id).first(), item

    # -- people and terms ------------------------------------------------------------

    def author(self, record: WxrAuthor) -> None:
        if not record.login:
            self.report.skip("authors", record.line, "author without wp:author_login")
            return
        name = (record.display_name or f"{record.first_name} {record.last_name}".strip()
                or record.login)[:120]
        with self.item("authors", record.line, f"author {record.login}"):
            self._author(login=record.login, name=name, line=record.line)

    def _author(self, *, login: str, name: str, line: int) -> Author:
        fingerprint = _fingerprint({"name": name})
        author, item = self._known_object(Kind.AUTHOR, login, Author)
        tally = self.report["authors"]
        if author is not None and item.fingerprint == fingerprint:
            tally.unchanged += 1
        elif author is not None:
            author.name = name
            author.save(update_fields=["name"])
            tally.updated += 1
        else:
            slug = slug_from_headline(name if name != login else login)
            author, created = Author.objects.get_or_create(slug=slug, defaults={"name": name})
            tally.created += created
            tally.unchanged += not created
        self._remember(kind=Kind.AUTHOR, remote_id=login, fingerprint=fingerprint,
                       object_id=author.pk)
        return self._cache(self.authors, login, author)

    def author_for(self, login: str, line: int) -> Author | None:
        """A post's author by login; one the export did not declare is created by name."""
        if not login:
            return None
        if login not in self.authors:
            author, _ = self._known_object(Kind.AUTHOR, login, Author)
            return (self._cache(self.authors, login, author) if author
                    else self._author(login=login, name=login, line=line))
        return self.authors[login]

    def term(self, record: WxrTerm) -> None:
        kind = "sections" if record.kind == "category" else "tags"
        if not record.slug or not record.name:
            self.report.skip(kind, record.line, f"{record.kind} without a slug or a name")
            return
        with self.item(kind, record.line, f"{record.kind} {record.slug}"):
            if record.kind == "category":
                self._section(record.slug, name=record.name, description=record.description,
                              parent_slug=record.parent_slug)
            else:
                self._tag(record.slug, name=record.name)

    def _section(self, wp_slug: str, *, name: str, description: str = "",
                 parent_slug: str = "") -> Section:
        fingerprint = _fingerprint({"name": name, "description": description,
                                    "parent": parent_slug})
        section, item = self._known_object(Kind.CATEGORY, wp_slug, Section)
        tally = self.report["sections"]
        if section is not None and item.fingerprint == fingerprint:
            tally.unchanged += 1
        elif section is not None:
            section.name, section.description = name[:100], description
            section.save(update_fields=["name", "description"])
            tally.updated += 1
        else:
            slug = slug_from_headline(_decoded(wp_slug))
            if slug.lower() in RESERVED_SLUGS:
                slug = f"{slug}-2"  # the site's own paths come first (see RESERVED_SLUGS)
            section, created = Section.objects.get_or_create(
                slug=slug, defaults={"name": name[:100], "description": description})
            tally.created += created
            tally.unchanged += not created
        if parent_slug:
            self.pending_parents.append((section, parent_slug))
        self._remember(kind=Kind.CATEGORY, remote_id=wp_slug, fingerprint=fingerprint,
                       object_id=section.pk)
        return self._cache(self.sections, wp_slug, section)

    def _tag(self, wp_slug: str, *, name: str) -> Tag:
        fingerprint = _fingerprint({"name": name})
        tag, item = self._known_object(Kind.TAG, wp_slug, Tag)
        tally = self.report["tags"]
        if tag is not None and item.fingerprint == fingerprint:
            tally.unchanged += 1
        elif tag is not None:
            tag.name = name[:100]
            tag.save(update_fields=["name"])
            tally.updated += 1
        else:
            tag, created = Tag.objects.get_or_create(slug=slug_from_headline(_decoded(wp_slug)),
                                                     defaults={"name": name[:100]})
            tally.created += created
            tally.unchanged += not created
        self._remember(kind=Kind.TAG, remote_id=wp_slug, fingerprint=fingerprint,
                       object_id=tag.pk)
        return self._cache(self.tags, wp_slug, tag)

    def link_section_parents(self) -> None:
        """Categories may name a parent that comes later in the file: link them once all
        are known."""
        for section, parent_slug in self.pending_parents:
            parent = self.sections.get(parent_slug) or self._known_object(
                Kind.CATEGORY, parent_slug, Section)[0]
            if parent is not None and parent.pk != section.pk and section.parent_id != parent.pk:
                Section.objects.filter(pk=section.pk).update(parent=parent)
        self.pending_parents.clear()

    def section_for(self, slug: str, name: str) -> Section:
        if slug not in self.sections:
            section, _ = self._known_object(Kind.CATEGORY, slug, Section)
            return (self._cache(self.sections, slug, section) if section
                    else self._section(slug, name=name or _decoded(slug)))
        return self.sections[slug]

    def tag_for(self, slug: str, name: str) -> Tag:
        if slug not in self.tags:
            tag, _ = self._known_object(Kind.TAG, slug, Tag)
            return (self._cache(self.tags, slug, tag) if tag
                    else self._tag(slug, name=name or _decoded(slug)))
        return self.tags[slug]

    # -- posts -------------------------------------------------------------------------

    def _featured_image(self, item: WxrItem) -> tuple[str, str, str]:
        """(url, alt, caption) of the post's featured image, or empty strings."""
        thumbnail_id = item.meta.get("_thumbnail_id", "")
        attachment = self.summary.attachments.get(int(thumbnail_id)) if (
            thumbnail_id.isdigit()) else None
        if attachment is None:
            return "", "", ""
        url = attachment.attachment_url or attachment.guid
        if urlsplit(url).scheme not in ("http", "https"):
            return "", "", ""
        return (url, plain_text(attachment.meta.get("_wp_attachment_image_alt", "")),
                plain_text(attachment.excerpt))

    def _post_fields(self, item: WxrItem) -> tuple[dict[str, Any], str]:
        body = wp_content_to_html(item.content)
        image_url, alt, caption = self._featured_image(item)
        if image_url and image_url not in item.content:
            from html import escape

            figcaption = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
            body = (f'<figure><img src="{escape(image_url)}" alt="{escape(alt)}">'
                    f"{figcaption}</figure>\n{body}")
        categories = [(slug, name) for domain, slug, name in item.categories
                      if domain == "category" and slug]
        tag_terms = [(slug, name) for domain, slug, name in item.categories
                     if domain == "post_tag" and slug]
        # An article has one section: the first category. The others become tags, so
        # no grouping the newsroom made on WordPress is lost.
        section_term = categories[0] if categories else None
        extra = categories[1:]
        fields = {
            "headline": plain_text(item.title)[:300],
            "slug": _decoded(item.post_name),
            "standfirst": plain_text(item.excerpt),
            "body": body_sanitize(body),
            "allow_comments": item.comment_status != "closed",
            "section_term": section_term,
            "tag_terms": tag_terms + extra,
            "author": item.creator,
        }
        return fields, image_url

    def _published_at(self, item: WxrItem) -> datetime | None:
        if item.date_gmt:
            return item.date_gmt
        if item.pub_date:
            return item.pub_date
        local = parse_wp_date(item.date_local)
        if local:
            self.report.notes.append((item.line, f"{_label(item)}: no GMT date; its local "
                                                 "date was taken as UTC"))
        return local

    def post(self, item: WxrItem) -> None:
        if item.post_type in PLUMBING_TYPES:
            self.report.ignored[item.post_type] += 1
            return
        if item.post_type != "post":
            self.report.skip("posts", item.line, f"{_label(item)}: a WordPress "
                                                 f"{item.post_type!r}, not a post")
            return
        if item.status in SKIPPED_STATUSES:
            self.report.skip("posts", item.line, f"{_label(item)}: "
                                                 f"{SKIPPED_STATUSES[item.status]}")
            return
        target = STATUS_TARGETS.get(item.status)
        if target is None:
            self.report.skip("posts", item.line,
                             f"{_label(item)}: unknown status {item.status!r}")
            return
        fields, image_url = self._post_fields(item)
        if not fields["headline"]:
            self.report.skip("posts", item.line, f"{_label(item)}: the post has no title")
            return
        if item.password and target in ("published", "scheduled"):
            target = "draft"
            self.report.notes.append((item.line, f"{_label(item)}: password-protected on "
                                                  "WordPress, imported as a draft"))
        at = self._published_at(item) if target in ("published", "scheduled") else None
        if target in ("published", "scheduled") and at is None:
            target = "draft"
            self.report.notes.append((item.line, f"{_label(item)}: no date, imported as a draft"))
        fingerprint = _fingerprint({**fields, "target": target, "at": at, "link": item.link,
                                    "image": image_url})
        known = self.known.get((Kind.POST, str(item.post_id)))
        if known is not None and known.article_id is None:
            self.report.skip("posts", item.line, f"{_label(item)}: deleted in Jarida after an "
                                                 "earlier import; not restored")
            return
        with self.item("posts", item.line, _label(item)):
            if known is not None and known.fingerprint == fingerprint:
                self.report["posts"].unchanged += 1
                # Only new comments need the article itself; redirects need its id.
                article = known.article if item.comments else Article(pk=known.article_id)
            else:
                article = self._write_post(item, fields, target=target, at=at,
                                           is_new=known is None,
                                           article=known.article if known else None)
                self._remember(kind=Kind.POST, remote_id=str(item.post_id),
                               fingerprint=fingerprint, article=article, link=item.link,
                               image_url=image_url)
            self._redirects(item, article)
            self._comments(item, article)

    def _write_post(self, item: WxrItem, fields: dict[str, Any], *, target: str,
                    at: datetime | None, is_new: bool, article: Article | None) -> Article:
        section_term = fields.pop("section_term")
        section = (self.section_for(*section_term) if section_term
                   else Section.objects.get_or_create(slug=DEFAULT_SECTION[0], defaults={
                       "name": DEFAULT_SECTION[1]})[0])
        tags = list(dict.fromkeys(self.tag_for(slug, name)
                                  for slug, name in fields.pop("tag_terms")))
        author = self.author_for(fields.pop("author"), item.line)
        authors = [author] if author else []
        fields["slug"] = fields["slug"] or fields["headline"]
        label = _label(item)
        if is_new:
            article = self._article_create(fields, section=section, authors=authors, tags=tags,
                                           target=target, at=at, line=item.line, label=label)
            self.report["posts"].created += 1
        else:
            article = services.article_update(article=article, by=None, section=section,
                                              authors=authors, tags=tags, **fields)
            self._move_to(article, target=target, at=at, line=item.line, label=label)
            self.report["posts"].updated += 1
        return article

    def _article_create(self, fields: dict[str, Any], *, section: Section,
                        authors: list[Author], tags: list[Tag], target: str,
                        at: datetime | None, line: int, label: str) -> Article:
        """A new article, written straight into its workflow state as the bulk importers
        write (jarida.ingest.services): the row, byline, tags, first revision and one
        transition noted "WordPress import". The batch's articles are announced together
        with `articles_imported` (see `wordpress_import`), so search and related lists
        index an archive in batches instead of recomputing after every post."""
        if target in ("published", "scheduled") and not body_to_text(fields["body"]):
            self.report.notes.append((line, f"{label}: no text to publish, kept as a draft"))
            target, at = "draft", None
        now = timezone.now()
        article = Article.objects.create(
            headline=fields["headline"], slug=slug_from_headline(fields["slug"]),
            standfirst=fields["standfirst"], body=fields["body"], section=section,
            allow_comments=fields["allow_comments"], status=_STORED_STATUS[target],
            published_at=at if target in ("published", "scheduled") else None,
            created_at=now, updated_at=now)
        ArticleAuthor.objects.bulk_create(ArticleAuthor(article=article, author=author,
                                                        position=i)
                                          for i, author in enumerate(authors))
        Article.tags.through.objects.bulk_create(
            Article.tags.through(article_id=article.pk, tag_id=tag.pk) for tag in tags)
        ArticleRevision.objects.create(article=article, created_at=now,
                                       headline=article.headline,
                                       standfirst=article.standfirst, body=article.body)
        ArticleTransition.objects.create(article=article, from_state="", to_state=target,
                                         at=now, note="WordPress import")
        self._cache(self.batch_articles, article.pk, article)
        return article

    def _move_to(self, article: Article, *, target: str, at: datetime | None, line: int,
                 label: str) -> None:
        """Bring the article to the export's state through the workflow services."""
        state = article.state
        if target in ("published", "scheduled"):
            if not article.body_text:
                self.report.notes.append((line, f"{label}: no text to publish, kept as a draft"))
                return
            if article.status != Article.Status.PUBLISHED or (
                    state == "scheduled" and article.published_at != at):
                services.article_publish(article=article, by=None, at=at)
            elif article.published_at != at:
                self.report.notes.append((line, f"{label}: already public here; its "
                                                "publication time was kept"))
        elif target == "review" and article.status == Article.Status.DRAFT:
            services.article_submit_for_review(article=article, by=None)
        elif target in ("draft", "review") and state in ("published", "corrected"):
            self.report.notes.append((line, f"{label}: public here but {target} on WordPress;"
                                            " left public (unpublish it by hand if needed)"))

    def _redirects(self, item: WxrItem, article: Article) -> None:
        blog_url = self.site.base_blog_url or self.site.link if self.site else ""
        tally = self.report["redirects"]
        paths = redirect_paths_for_post(link=item.link, post_id=item.post_id,
                                        blog_url=blog_url, slug=item.post_name)
        for path, outcome in redirects_ensure(old_paths=paths, article=article).items():
            if outcome == "created":
                tally.created += 1
            elif outcome == "unchanged":
                tally.unchanged += 1
            else:
                tally.skipped += 1
                self.report.notes.append((item.line, f"{_label(item)}: the old path {path} "
                                                     "already leads to another article"))

    def _comments(self, item: WxrItem, article: Article) -> None:
        if not item.comments:
            return
        if self.comments is None:
            self.report["comments"].skipped += len(item.comments)
            return
        self.comments.import_post_comments(
            importer=self, item=item, article=article, tally=self.report["comments"])


def _error_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(f"{k}: {' '.join(map(str, v))}" if k != "__all__" else " ".join(v)
                         for k, v in getattr(error, "message_dict", {"__all__": error.messages})
                         .items())
    return str(error) or error.__class__.__name__


def _batches(records: Iterator[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def wordpress_import(*, open_stream: Callable[[], BinaryIO], summary: WxrSummary,
                     source: str = "", progress: Callable[[int], None] | None = None,
                     commit_every: int = 500) -> WordPressReport:
    """Import an export that `wxr_validate` has already read whole (`summary`).

    `open_stream` opens the file again for the writing pass. Each item is all or nothing
    (a savepoint); items are committed `commit_every` at a time, which saves a disk sync
    per item (PostgreSQL) and keeps each write lock short (SQLite). A run stopped midway
    leaves whole items only, and running it again completes it. `progress` is called
    with 1 after each item.
    """
    report = WordPressReport()
    importer = _Importer(source=wordpress_source(summary.site, source), summary=summary,
                         report=report)
    if importer.comments is None and summary.comments:
        report.notes.append((0, f"{summary.comments} comments not imported: the comments "
                                "app has no Comment model yet"))
    terms_linked = False
    with open_stream() as stream:
        for batch in _batches(_records(stream), max(1, commit_every)):
            with transaction.atomic():
                for record in batch:
                    if isinstance(record, WxrAuthor):
                        importer.author(record)
                    elif isinstance(record, WxrTerm):
                        importer.term(record)
                    elif isinstance(record, WxrItem | WxrBadItem):
                        if not terms_linked:
                            importer.link_section_parents()
                            terms_linked = True
                        if isinstance(record, WxrBadItem):
                            report.skip("posts", record.line, record.reason)
                        else:
                            importer.post(record)
                        if progress:
                            progress(1)
                importer.link_section_parents()
                if importer.batch_articles:
                    # Inside the batch's transaction: the search index commits with it.
                    articles_imported.send(sender=Article,
                                           articles=list(importer.batch_articles.values()))
                    importer.batch_articles = {}
    return report


def _records(stream: BinaryIO) -> Iterator[Any]:
    for record in wxr_read(stream):
        if not isinstance(record, WxrSite):
            yield record
