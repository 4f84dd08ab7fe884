"""Matched words marked with <mark> in the original text, diacritics and all.

The engines only know analyzed terms, so matches are found again here: the original text
is cut into words (letters and digits, with the harakat, tatweel and joiners that sit
inside a word), each word is analyzed like an indexed one, and it is marked when one of
its terms is a query stem, or when it is part of a quoted phrase. Everything else is
HTML-escaped; bidi embeddings and overrides are dropped, since a cut snippet could leave
one open and turn the rest of the page around.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from jarida.arabic import analyze, analyze_exact
from jarida.search.query import ParsedQuery

# A word of the original text: letters and digits, plus the combining marks (harakat,
# Quranic marks, Latin accents), tatweel and zero-width joiners that live inside words.
WORD = re.compile(
    r"(?:[^\W_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    r"\u08d3-\u08ff\u200c\u200d])+"
)
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_SENTENCE_ENDS = (".", "؟", "?", "!", "؛")
# Snippets: a window of this many words around the best cluster of matches.
SNIPPET_WORDS = 32
# Long bodies are scanned this far for the best window.
SCAN_CHARS = 12_000


@lru_cache(maxsize=1 << 16)
def _word_terms(word: str) -> frozenset[str]:
    """Index terms of one word as written (stem and clitic variants): a word matches a
    query word when these hold its stem, exactly as in the index."""
    return frozenset(analyze(word))


@lru_cache(maxsize=1 << 16)
def _word_exact(word: str) -> str:
    return " ".join(analyze_exact(word))


def _matches(text: str, query: ParsedQuery) -> tuple[list[tuple[int, int]], list[str]]:
    """The words of `text` (start, end) and, for each, the query term it matches or ""."""
    stems = {w.stem for w in query.words}
    bounds = [m.span() for m in WORD.finditer(text)]
    matched = [""] * len(bounds)
    if stems:
        for i, (start, end) in enumerate(bounds):
            hit = stems.intersection(_word_terms(text[start:end]))
            if hit:
                matched[i] = min(hit)
    if query.phrases:
        exact = [_word_exact(text[start:end]) for start, end in bounds]
        for phrase in query.phrases:
            words, key = list(phrase.words), " ".join(phrase.words)
            n = len(words)
            for i in range(len(exact) - n + 1):
                if exact[i] == words[0] and exact[i:i + n] == words:
                    for j in range(i, i + n):
                        matched[j] = matched[j] or key
    return bounds, matched


def _render(text: str, bounds: list[tuple[int, int]], matched: list[str], *, first: int,
            last: int, cut_start: int, cut_end: int) -> str:
    """text[cut_start:cut_end], escaped, with the matched words first..last-1 marked."""
    out, position = [], cut_start
    for i in range(first, last):
        if matched[i]:
            start, end = bounds[i]
            out.append(escape(text[position:start]))
            out.append("<mark>" + escape(text[start:end]) + "</mark>")
            position = end
    out.append(escape(text[position:cut_end]))
    return "".join(out)


def _clean(text: str) -> str:
    return " ".join(text.translate(_BIDI_CONTROLS).split())


def highlight(text: str, query: ParsedQuery) -> SafeString:
    """All of `text`, escaped, with every matched word marked."""
    text = _clean(text)
    bounds, matched = _matches(text, query)
    return mark_safe(_render(text, bounds, matched, first=0, last=len(bounds), cut_start=0,
                             cut_end=len(text)))


def snippet(text: str, query: ParsedQuery, *, words: int = SNIPPET_WORDS) -> SafeString:
    """About `words` words of `text` around its densest cluster of matches (distinct
    query terms first, then hits), escaped and marked; the opening words when nothing
    in it matches. "…" shows where the text was cut."""
    text = _clean(text[:SCAN_CHARS])
    bounds, matched = _matches(text, query)
    if not bounds:
        return mark_safe("")
    hits = [i for i, term in enumerate(matched) if term]
    best = 0
    if hits:
        # Slide a window over the matches: each candidate window starts at a match.
        best_key: tuple[int, int] = (0, 0)
        counts: Counter[str] = Counter()
        end = 0
        for first, start in enumerate(hits):
            while end < len(hits) and hits[end] < start + words:
                counts[matched[hits[end]]] += 1
                end += 1
            key = (len(counts), end - first)
            if key > best_key:
                best, best_key = start, key
            counts[matched[start]] -= 1
            if not counts[matched[start]]:
                del counts[matched[start]]
        # A few words of context before the first match, from the start of its sentence
        # when that is nearer.
        context = max(0, best - 4)
        stop = max(text.rfind(mark, bounds[context][0], bounds[best][0])
                   for mark in _SENTENCE_ENDS)
        while stop >= 0 and context < best and bounds[context][0] <= stop:
            context += 1
        best = context
    last = min(len(bounds), best + words)
    cut_start = bounds[best][0] if best else 0
    cut_end = bounds[last - 1][1] if last < len(bounds) else len(text)
    body = _render(text, bounds, matched, first=best, last=last, cut_start=cut_start,
                   cut_end=cut_end)
    prefix = "… " if cut_start > 0 else ""
    suffix = " …" if cut_end < len(text) else ""
    return mark_safe(prefix + body + suffix)


def plain_word(text: str, form: str) -> str | None:
    """The first word of `text` whose exact form is `form`, as written there without its
    harakat and tatweel (هل تقصد shows أمريكا, not the normalized امريكا)."""
    for match in WORD.finditer(text):
        if analyze_exact(match.group()) == [form]:
            return _MARKS.sub("", match.group())
    return None
