"""Article bodies: the one sanitizer every path into `Article.body` goes through.

The admin editor, the JSON Lines and WordPress importers and the feed importer all store
HTML, and all of it passes `body_sanitize` first (nh3, a maintained Rust sanitizer), so
the reader template can print the body as is. Readers' comments never go through here:
they are plain text (see jarida.comments).
"""

import html
import re
import unicodedata

import nh3

BODY_TAGS = {
    "p", "br", "h2", "h3", "blockquote", "cite", "ul", "ol", "li", "strong", "em", "b", "i",
    "a", "figure", "figcaption", "img", "hr", "sub", "sup",
}
BODY_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "blockquote": {"cite"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# Bidi embeddings and overrides (LRE..RLO, LRI..PDI) could reorder text outside the element
# they sit in; they have no place in stored prose. Marks (LRM/RLM/ALM) are harmless and kept.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def body_sanitize(raw_html: str) -> str:
    """Keep the tags of news prose and drop everything else, scripts with their content.

    Subheadings are h2/h3 (the headline is the page's h1), quotes are
    `<blockquote><p>…</p><cite>who said it</cite></blockquote>`, images sit in
    `<figure>` with a `<figcaption>`. Links get rel="noopener noreferrer".
    """
    text = (raw_html or "").replace("\x00", "").translate(_BIDI_CONTROLS)
    cleaned = nh3.clean(
        text,
        tags=BODY_TAGS,
        attributes=BODY_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "noscript", "svg",
                            "math", "template"},
        link_rel="noopener noreferrer",
    )
    return cleaned.strip()


def body_from_plain_text(text: str) -> str:
    """Turn plain text paragraphs (separated by newlines) into sanitized HTML paragraphs."""
    paragraphs = [line.strip() for line in (text or "").splitlines()]
    return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs if p)


_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|h2|h3|li|blockquote|figcaption|cite)>|<br\s*/?>", re.I)
_SPACES = re.compile(r"[ \t\r\f\v]+")


def body_to_text(body_html: str) -> str:
    """Plain text of a sanitized body, one block a line (for search, feeds and word counts)."""
    text = _BLOCK_END.sub("\n", body_html or "")
    text = html.unescape(_TAG.sub("", text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


_SLUG_DROP = re.compile(r"[^\w\s-]", re.UNICODE)
_SLUG_JOIN = re.compile(r"[-\s_]+")


def slug_from_headline(headline: str, *, max_chars: int = 80) -> str:
    """An Arabic slug: words of the headline joined by hyphens, limited in characters.

    Harakat and tatweel are dropped (they make URLs that readers cannot retype), Arabic
    letters are kept as they are, and the cut falls on a word boundary.
    """
    text = unicodedata.normalize("NFKC", headline or "")
    text = "".join(
        ch for ch in text if unicodedata.category(ch) != "Mn" and ch not in "\u0640\u200c\u200d"
    )
    text = _SLUG_DROP.sub(" ", text.lower())
    slug = _SLUG_JOIN.sub("-", text).strip("-")
    if len(slug) > max_chars:
        slug = slug[:max_chars]
        if "-" in slug:
            slug = slug.rsplit("-", 1)[0]
    return slug or "مقال"
