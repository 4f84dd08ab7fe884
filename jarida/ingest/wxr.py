"""The WordPress eXtended RSS format (WXR 1.0-1.2), as written by WordPress's exporter.

This module only reads: it streams an export with lxml's `iterparse` and yields one
record per author, category, tag and item (post, page, attachment...), each with the
line it started on. Writing is `jarida.ingest.wordpress`.

Safety: an export is untrusted input. The parser never touches the network, never
resolves entities, keeps lxml's limits on (`huge_tree` off) and refuses any document
type declaration outright: WordPress never writes one, and a DTD is where entity bombs
("billion laughs") and external entities (XXE) live.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import BinaryIO

from lxml import etree

NS_CONTENT = "http://purl.org/rss/1.0/modules/content/"
NS_DC = "http://purl.org/dc/elements/1.1/"
_WP_NS = re.compile(r"^https?://wordpress\.org/export/1\.\d+/$")
_EXCERPT_NS = re.compile(r"^https?://wordpress\.org/export/1\.\d+/excerpt/$")


class WxrError(Exception):
    """The file cannot be read as a WordPress export; `line` says where (0 if unknown)."""

    def __init__(self, message: str, *, line: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass(frozen=True)
class WxrSite:
    title: str
    link: str
    base_site_url: str
    base_blog_url: str
    language: str
    wxr_version: str


@dataclass(frozen=True)
class WxrAuthor:
    line: int
    login: str
    display_name: str
    email: str
    first_name: str
    last_name: str


@dataclass(frozen=True)
class WxrTerm:
    """A category (`kind` "category") or a tag ("tag"); slugs stay percent-encoded as
    WordPress stores them."""

    line: int
    kind: str
    term_id: str
    slug: str
    name: str
    parent_slug: str
    description: str


@dataclass(frozen=True)
class WxrComment:
    comment_id: int
    author: str
    author_email: str
    author_url: str
    author_ip: str
    date_gmt: datetime | None
    date_local: str
    content: str
    approved: str  # "1", "0", "spam", "trash"
    comment_type: str  # "", "comment", "pingback", "trackback"
    parent_id: int
    user_id: int


@dataclass(frozen=True)
class WxrItem:
    line: int
    post_id: int
    post_type: str
    status: str
    title: str
    link: str
    guid: str
    creator: str
    content: str
    excerpt: str
    post_name: str
    date_gmt: datetime | None
    date_local: str
    pub_date: datetime | None
    comment_status: str
    parent_id: int
    password: str
    attachment_url: str
    categories: tuple[tuple[str, str, str], ...]  # (domain, nicename, name)
    meta: dict[str, str] = field(default_factory=dict)
    comments: tuple[WxrComment, ...] = ()


@dataclass(frozen=True)
class WxrBadItem:
    """An item the format cannot describe (no post id, say): reported, not imported."""

    line: int
    reason: str


WxrRecord = WxrSite | WxrAuthor | WxrTerm | WxrItem | WxrBadItem


def _text(element: etree._Element | None) -> str:
    if element is None:
        return ""
    # Entities are never resolved, so an unresolved one would show up as a child node;
    # the DTD check below makes sure there can be none. itertext() keeps plain text only.
    return "".join(element.itertext()).replace("\x00", "").strip()


def _int(value: str, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def parse_wp_date(value: str) -> datetime | None:
    """WordPress's "YYYY-MM-DD HH:MM:SS" (GMT columns) as an aware UTC datetime; None for
    the "0000-00-00 00:00:00" WordPress writes for drafts that never had a date."""
    value = (value or "").strip()
    if not value or value.startswith("0000"):
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def _parse_rfc822(value: str) -> datetime | None:
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed is None or parsed.year < 1971:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


class _Names:
    """Clark-notation tag names for the namespaces this export declares."""

    def __init__(self, nsmap: dict[str | None, str]) -> None:
        uris = set(nsmap.values())
        wp = next((u for u in uris if _WP_NS.match(u)), None)
        if wp is None:
            raise WxrError("not a WordPress export: the wp namespace "
                           "(http://wordpress.org/export/1.x/) is not declared", line=1)
        excerpt = next((u for u in uris if _EXCERPT_NS.match(u)), wp.rstrip("/") + "/excerpt/")
        self.wp = f"{{{wp}}}"
        self.excerpt_encoded = f"{{{excerpt}}}encoded"
        self.content_encoded = f"{{{NS_CONTENT}}}encoded"
        self.creator = f"{{{NS_DC}}}creator"

    def wp_(self, name: str) -> str:
        return self.wp + name


def _children(element: etree._Element) -> dict[str, etree._Element]:
    """First child by tag (WXR repeats only categories, postmeta and comments)."""
    found: dict[str, etree._Element] = {}
    for child in element:
        if isinstance(child.tag, str):
            found.setdefault(child.tag, child)
    return found


def _author(el: etree._Element, n: _Names) -> WxrAuthor:
    c = _children(el)
    return WxrAuthor(
        line=el.sourceline or 0,
        login=_text(c.get(n.wp_("author_login"))),
        display_name=_text(c.get(n.wp_("author_display_name"))),
        email=_text(c.get(n.wp_("author_email"))),
        first_name=_text(c.get(n.wp_("author_first_name"))),
        last_name=_text(c.get(n.wp_("author_last_name"))),
    )


def _term(el: etree._Element, n: _Names, kind: str) -> WxrTerm:
    c = _children(el)
    if kind == "category":
        slug, name = c.get(n.wp_("category_nicename")), c.get(n.wp_("cat_name"))
        parent, description = c.get(n.wp_("category_parent")), c.get(
            n.wp_("category_description"))
    else:
        slug, name = c.get(n.wp_("tag_slug")), c.get(n.wp_("tag_name"))
        parent, description = None, c.get(n.wp_("tag_description"))
    return WxrTerm(line=el.sourceline or 0, kind=kind, term_id=_text(c.get(n.wp_("term_id"))),
                   slug=_text(slug), name=_text(name), parent_slug=_text(parent),
                   description=_text(description))


def _comment(el: etree._Element, n: _Names) -> WxrComment:
    c = _children(el)
    t = lambda name: _text(c.get(n.wp_(name)))  # noqa: E731
    return WxrComment(
        comment_id=_int(t("comment_id")),
        author=t("comment_author"),
        author_email=t("comment_author_email"),
        author_url=t("comment_author_url"),
        author_ip=t("comment_author_IP"),
        date_gmt=parse_wp_date(t("comment_date_gmt")),
        date_local=t("comment_date"),
        content=t("comment_content"),
        approved=t("comment_approved") or "0",
        comment_type=t("comment_type"),
        parent_id=_int(t("comment_parent")),
        user_id=_int(t("comment_user_id")),
    )


def _item(el: etree._Element, n: _Names) -> WxrItem | WxrBadItem:
    line = el.sourceline or 0
    c = _children(el)
    t = lambda name: _text(c.get(n.wp_(name)))  # noqa: E731
    post_id = _int(t("post_id"), default=-1)
    if post_id <= 0:
        return WxrBadItem(line, "wp:post_id is missing or not a positive number")
    categories, meta, comments = [], {}, []
    for child in el:
        if child.tag == "category":
            categories.append((child.get("domain", ""), (child.get("nicename") or "").strip(),
                               _text(child)))
        elif child.tag == n.wp_("postmeta"):
            mc = _children(child)
            key = _text(mc.get(n.wp_("meta_key")))
            if key:
                meta[key] = _text(mc.get(n.wp_("meta_value")))
        elif child.tag == n.wp_("comment"):
            comment = _comment(child, n)
            if comment.comment_id > 0:
                comments.append(comment)
    return WxrItem(
        line=line,
        post_id=post_id,
        post_type=t("post_type") or "post",
        status=t("status"),
        title=_text(c.get("title")),
        link=_text(c.get("link")),
        guid=_text(c.get("guid")),
        creator=_text(c.get(n.creator)),
        content=_text(c.get(n.content_encoded)),
        excerpt=_text(c.get(n.excerpt_encoded)),
        post_name=t("post_name"),
        date_gmt=parse_wp_date(t("post_date_gmt")),
        date_local=t("post_date"),
        pub_date=_parse_rfc822(_text(c.get("pubDate"))),
        comment_status=t("comment_status"),
        parent_id=_int(t("post_parent")),
        password=t("post_password"),
        attachment_url=t("attachment_url"),
        categories=tuple(categories),
        meta=meta,
        comments=tuple(comments),
    )


_SITE_FIELDS = {"title", "link", "language"}


def wxr_read(stream: BinaryIO) -> Iterator[WxrRecord]:
    """Stream the records of a WXR export, in file order.

    The site record comes first (before the first author, term or item). Raises WxrError
    naming the line for XML that is malformed or truncated, a document type declaration,
    or a root that is not a WordPress RSS export; records already yielded are not
    withdrawn, so a caller that must write nothing half-way reads the whole file first
    (see `wxr_validate`).
    """
    parser = etree.iterparse(
        stream, events=("start", "end"), resolve_entities=False, no_network=True,
        huge_tree=False, load_dtd=False, dtd_validation=False, remove_comments=True,
        remove_pis=True,
    )
    names: _Names | None = None
    channel: etree._Element | None = None
    site: dict[str, str] = {}
    site_sent = False
    depth = 0

    def site_record() -> WxrSite:
        return WxrSite(title=site.get("title", ""), link=site.get("link", ""),
                       base_site_url=site.get("base_site_url", ""),
                       base_blog_url=site.get("base_blog_url", ""),
                       language=site.get("language", ""), wxr_version=site.get("wxr_version", ""))

    try:
        for event, el in parser:
            if event == "start":
                depth += 1
                if depth == 1:
                    if el.getroottree().docinfo.internalDTD is not None:
                        raise WxrError("a document type declaration (<!DOCTYPE ...>) is not "
                                       "allowed in a WordPress export: entity declarations "
                                       "are refused for safety", line=el.sourceline or 1)
                    if el.tag != "rss":
                        raise WxrError(f"not a WordPress export: the root element is <{el.tag}>,"
                                       f" not <rss>", line=el.sourceline or 1)
                    names = _Names(el.nsmap)
                elif depth == 2 and el.tag == "channel":
                    channel = el
                continue
            depth -= 1
            if channel is None or el.getparent() is not channel:
                continue
            assert names is not None
            tag = el.tag
            record: WxrRecord | None = None
            if tag == "item":
                record = _item(el, names)
            elif tag == names.wp_("author"):
                record = _author(el, names)
            elif tag == names.wp_("category"):
                record = _term(el, names, "category")
            elif tag == names.wp_("tag"):
                record = _term(el, names, "tag")
            elif isinstance(tag, str):
                local = etree.QName(tag).localname
                if tag in _SITE_FIELDS or (tag.startswith(names.wp) and local in {
                        "base_site_url", "base_blog_url", "wxr_version"}):
                    site[local] = _text(el)
            if record is not None:
                if not site_sent:
                    site_sent = True
                    yield site_record()
                yield record
            # Streaming: drop what was read so memory stays flat on exports of any size.
            el.clear(keep_tail=False)
            while el.getprevious() is not None:
                del channel[0]
    except etree.XMLSyntaxError as error:
        line = error.lineno or (error.position[0] if error.position else 0)
        raise WxrError(f"the XML is malformed or the file is truncated: {error.msg}",
                       line=line) from None
    if names is None:
        raise WxrError("the file is empty or has no XML root element")
    if channel is None:
        raise WxrError("not a WordPress export: <rss> has no <channel>")
    if not site_sent:
        yield site_record()


@dataclass
class WxrSummary:
    """What a full validating pass learned: counts, and the attachments that posts refer
    to by id (a featured image may come after the post that uses it)."""

    site: WxrSite | None = None
    items: int = 0
    posts: int = 0
    comments: int = 0
    attachments: dict[int, WxrItem] = field(default_factory=dict)


def wxr_validate(stream: BinaryIO) -> WxrSummary:
    """Read the whole export once without writing anything. Raises WxrError (naming the
    line) if any part is malformed or missing, so the import can refuse the file before
    its first write."""
    summary = WxrSummary()
    for record in wxr_read(stream):
        if isinstance(record, WxrSite):
            summary.site = record
        elif isinstance(record, WxrItem):
            summary.items += 1
            if record.post_type == "attachment":
                # Keep only what a featured image needs; the content is dropped.
                summary.attachments[record.post_id] = WxrItem(
                    **{**record.__dict__, "content": "", "comments": ()})
            elif record.post_type == "post":
                summary.posts += 1
                summary.comments += len(record.comments)
        elif isinstance(record, WxrBadItem):
            summary.items += 1
    return summary
