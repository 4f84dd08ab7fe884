"""Comment text is plain text. This module cleans what readers send, renders it as safe
HTML, and prepares it for matching (word lists, duplicates).

Rendering never trusts the text: every character is escaped, then line breaks become
<br>/<p> and web addresses become links with rel="nofollow ugc noopener". Nothing the
reader types can become a tag, an attribute or a script.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from django.utils.html import urlize
from django.utils.safestring import SafeString, mark_safe

from jarida.arabic import normalize

# Explicit bidi embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI):
# they reorder everything after them until closed, so a comment could flip the page.
# The marks LRM, RLM and ALM only steer neutral characters and are kept.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_LINE_SEPARATORS = {"\u2028": "\n", "\u2029": "\n\n", "\x85": "\n"}


def _dropped(char: str) -> bool:
    if char in BIDI_CONTROLS:
        return True
    category = unicodedata.category(char)
    # Control characters other than line feed and tab (NUL, escape, DEL, C1 controls),
    # Unicode "tag" characters (invisible, used to smuggle text), interlinear annotations
    # and private-use characters (render as nothing or as tofu).
    if category == "Cc":
        return char not in "\n\t"
    if category in ("Co", "Cs"):
        return True
    return 0xE0000 <= ord(char) <= 0xE007F or 0xFFF9 <= ord(char) <= 0xFFFB


class _DropTable(dict):
    """A lazily filled str.translate table, so no one scans all of Unicode at import."""

    def __missing__(self, code_point: int):
        char = chr(code_point)
        value = _LINE_SEPARATORS.get(char, None if _dropped(char) else char)
        self[code_point] = value
        return value


_DROP_TABLE = _DropTable()
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_BLANK_LINES = re.compile(r"\n{3,}")


def text_clean(value: str) -> str:
    """What a comment stores: no bidi overrides or control characters, line breaks kept
    (CRLF folded), at most one blank line in a row, no space at either end."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").translate(_DROP_TABLE)
    value = _TRAILING_SPACE.sub("\n", value)
    return _BLANK_LINES.sub("\n\n", value).strip()


def text_had_hidden(value: str) -> bool:
    """Whether cleaning drops characters from the text (bidi controls, control or tag
    characters), beyond line-ending and spacing tidying: worth keeping for moderators."""
    plain = value.replace("\r", "")
    return plain.translate(_DROP_TABLE) != plain


def name_clean(value: str) -> str:
    """A commenter's name: one line, cleaned like the text, inner spaces collapsed."""
    return " ".join(text_clean(value).split())


# A letter written three or more times in a row is a stretched word ("غبيييي"). Matching
# tries the word with each run cut to one letter and to two, since Arabic words do not
# hold a letter three times but some hold it twice.
_LETTER_RUN = re.compile(r"([^\W\d_])\1{2,}")


def elongation_variants(text: str) -> list[str]:
    """The text as written, and with every run of 3+ identical letters cut to 1 and to 2."""
    if not _LETTER_RUN.search(text):
        return [text]
    return [text, _LETTER_RUN.sub(r"\1", text), _LETTER_RUN.sub(r"\1\1", text)]


# Three or more single Arabic letters standing alone, separated by spaces or by
# punctuation readers put between them ("غ ب ي", "غ.ب.ي", "غ - ب - ي").
_SPACED_LETTERS = re.compile(
    r"(?<!\w)[\u0621-\u064A](?:[\s.\-_*+/\\|·•،,]+[\u0621-\u064A](?!\w)){2,}")
_NOT_LETTER = re.compile(r"[^\u0621-\u064A]+")


def spaced_letters_join(text: str) -> str | None:
    """The text with every run of spaced-out single letters written as one word, or None
    when it has none: a word list must see "غ ب ي" as the word it spells."""
    if not _SPACED_LETTERS.search(text):
        return None
    return _SPACED_LETTERS.sub(lambda m: _NOT_LETTER.sub("", m.group()), text)


def elongation_collapse(text: str) -> str:
    """Every run of 3+ identical letters cut to one."""
    return _LETTER_RUN.sub(r"\1", text)


def body_fingerprint(body: str) -> str:
    """Equal for texts a reader would call the same comment: same words after Arabic
    normalization, whatever the diacritics, tatweel, stretching, case or spacing."""
    key = " ".join(elongation_collapse(normalize(body)).split())
    return hashlib.sha256(key.encode()).hexdigest()


_PARAGRAPHS = re.compile(r"\n\s*\n")
_REL = ' rel="nofollow ugc noopener"'
# urlize also links email addresses; a comment should not turn addresses into mailto:
# links (harvesting, and they would escape the link cap), so they go back to text.
_MAILTO = re.compile(r'<a href="mailto:[^"]*">(.*?)</a>')


def comment_html(body: str) -> SafeString:
    """Plain text as HTML: escaped, paragraphs and line breaks kept, web addresses as
    links that pass no ranking (nofollow ugc) and no window handle (noopener).

    Django's urlize escapes every word it does not turn into a link and only links
    http(s) addresses and bare domains (and emails, undone), never `javascript:`. Its
    rel="nofollow" is widened after the fact: user text cannot hold that literal, since
    quotes are escaped."""
    paragraphs = []
    for paragraph in _PARAGRAPHS.split(body.strip()):
        html = urlize(paragraph, trim_url_limit=60, nofollow=True, autoescape=True)
        html = _MAILTO.sub(r"\1", html.replace(' rel="nofollow"', _REL)).replace("\n", "<br>")
        paragraphs.append(f'<p dir="auto">{html}</p>')
    return mark_safe("".join(paragraphs))  # noqa: S308 (every piece escaped above)


def link_count(body: str) -> int:
    """How many links the text would show: counted on the rendering itself, so the cap
    and the page always agree."""
    return str(comment_html(body)).count("<a ")
