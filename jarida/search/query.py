"""The reader's query language, parsed into analyzer terms (ADR 0031).

    words          all words preferred; when no article has them all, articles with
                   most of them, ranked by how many they have
    "exact phrase" the words in this order, in their exact (normalized) form; also
                   “…” and «…»
    -word          no article with any form of this word; also -"phrase"

Nothing the reader types reaches an engine as written: every word goes through the
analyzer, and only its output terms (letters and digits) are used, each quoted, as
parameters. Stop words, punctuation, diacritics alone, control and bidi characters give
no term; past MAX_QUERY_CHARS characters, or past the word limits, the rest is ignored
and the query says so (`is_truncated`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from jarida.arabic import analyze, analyze_exact, tokenize
from jarida.search.documents import MAX_TERM_CHARS

MAX_QUERY_CHARS = 500
MAX_WORDS = 10
MAX_PHRASES = 4
MAX_PHRASE_WORDS = 10
MAX_EXCLUDED = 6

_QUOTES = '"“”«»'
_PART = re.compile(
    rf"(?P<minus>[-−]?)(?:[{_QUOTES}](?P<phrase>[^{_QUOTES}]*)[{_QUOTES}]?|(?P<chunk>[^\s{_QUOTES}]+))"
)
_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


@dataclass(frozen=True)
class Word:
    """One query word: its query stem and its exact form (normalized, unstemmed)."""

    stem: str
    exact: str
    typed: str = field(default="", compare=False)  # the chunk typed, when it is this word alone


@dataclass(frozen=True)
class Phrase:
    """Exact forms in order (stop words kept)."""

    words: tuple[str, ...]


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    words: tuple[Word, ...] = ()
    phrases: tuple[Phrase, ...] = ()
    excluded_words: tuple[Word, ...] = ()
    excluded_phrases: tuple[Phrase, ...] = ()
    stop_words: tuple[str, ...] = field(default=())  # words ignored as too common
    is_truncated: bool = False

    @property
    def is_searchable(self) -> bool:
        """At least one word or phrase to look for (exclusions alone find nothing)."""
        return bool(self.words or self.phrases)

    def with_word_replaced(self, old: Word, new: str) -> str:
        """The query as typed, with one word spelled differently (for suggestions)."""
        chunks = self.text.split(" ")
        if old.typed and old.typed in chunks:
            chunks[chunks.index(old.typed)] = new
            return " ".join(chunks)
        parts = [new if w == old else w.exact for w in self.words]
        parts += ['"' + " ".join(p.words) + '"' for p in self.phrases]
        parts += ["-" + w.exact for w in self.excluded_words]
        parts += ['-"' + " ".join(p.words) + '"' for p in self.excluded_phrases]
        return " ".join(parts)


def clean_query_text(raw: str | None) -> str:
    """What the reader typed, fit to show back: no control, format or bidi characters
    (they would reorder the page around it), spaces collapsed, at most MAX_QUERY_CHARS."""
    if not raw:
        return ""
    text = raw[: MAX_QUERY_CHARS * 4]
    text = "".join(" " if unicodedata.category(c) in _INVISIBLE else c for c in text)
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def _words(chunk: str) -> tuple[list[Word], list[str]]:
    words, stop_words = [], []
    tokens = tokenize(chunk)
    for token in tokens:
        if len(token) > MAX_TERM_CHARS:
            continue
        stems = analyze(token, for_query=True)
        if stems:
            words.append(Word(stem=stems[0], exact=token,
                              typed=chunk if len(tokens) == 1 else ""))
        else:
            stop_words.append(token)
    return words, stop_words


def _phrase(text: str) -> Phrase | None:
    words = [w for w in analyze_exact(text) if len(w) <= MAX_TERM_CHARS]
    return Phrase(tuple(words[:MAX_PHRASE_WORDS])) if words else None


def parse_query(raw: str | None) -> ParsedQuery:
    """Parse what the reader typed. Never raises, whatever the input."""
    text = clean_query_text(raw)
    truncated = len(" ".join((raw or "").split())) > MAX_QUERY_CHARS
    words: dict[str, Word] = {}
    excluded: dict[str, Word] = {}
    phrases: list[Phrase] = []
    excluded_phrases: list[Phrase] = []
    stop_words: list[str] = []
    for match in _PART.finditer(text):
        negative = bool(match["minus"])
        if match["phrase"] is not None:
            phrase = _phrase(match["phrase"])
            if phrase is None:
                continue
            target, limit = (excluded_phrases, MAX_EXCLUDED) if negative else (phrases, MAX_PHRASES)
            if phrase in target:
                continue
            if len(target) >= limit:
                truncated = True
                continue
            target.append(phrase)
            continue
        found, ignored = _words(match["chunk"])
        if not negative:
            stop_words += ignored
        target, limit = (excluded, MAX_EXCLUDED) if negative else (words, MAX_WORDS)
        for word in found:
            if word.stem in target:
                continue
            if len(target) >= limit:
                truncated = True
                continue
            target[word.stem] = word
    return ParsedQuery(
        text=text,
        words=tuple(words.values()),
        phrases=tuple(phrases),
        excluded_words=tuple(excluded.values()),
        excluded_phrases=tuple(excluded_phrases),
        stop_words=tuple(dict.fromkeys(stop_words)),
        is_truncated=truncated,
    )
