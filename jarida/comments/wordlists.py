"""Banned and suspect words, matched the way readers actually write.

Both the list entries and the comment go through `jarida.arabic`: normalization folds
diacritics, tatweel, hamza seats, alef/yeh/teh marbuta variants and invisible controls;
stems fold clitics and suffixes (بالغبي, الأغبياء' singulars...). Before that, letters
stretched three times or more are cut back (see `text.elongation_variants`), which the
analyzer does not do because it would damage search, and letters spaced out one by one
("غ ب ي", "غ.ب.ي") are read joined as well (`text.spaced_letters_join`).

An entry of one word matches any stem of the comment (or, with `match=exact`, any
normalized word as written). A phrase matches the same words in a row.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from jarida.arabic import analyze, analyze_exact, normalize
from jarida.comments.models import BlockedTerm
from jarida.comments.text import elongation_collapse, elongation_variants, spaced_letters_join


@dataclass(frozen=True)
class Entry:
    text: str
    kind: str
    is_exact: bool
    terms: tuple[str, ...]


@dataclass
class _View:
    """One reading of a comment: its stems (as a set and in order) and its exact words."""

    stem_set: frozenset[str]
    stems: tuple[str, ...]
    exact_set: frozenset[str]
    exact: tuple[str, ...]


@lru_cache(maxsize=4)
def _compile(rows: tuple[tuple[str, str, str], ...]) -> tuple[Entry, ...]:
    entries = []
    for text, kind, match in rows:
        is_exact = match == BlockedTerm.Match.EXACT
        # An entry typed stretched or vocalized by mistake is folded like a comment.
        base = elongation_collapse(normalize(text))
        terms = tuple(analyze_exact(base) if is_exact else analyze(base, for_query=True))
        if terms:
            entries.append(Entry(text=text, kind=kind, is_exact=is_exact, terms=terms))
    return tuple(entries)


def wordlist_entries() -> tuple[Entry, ...]:
    """The current lists, compiled. One small query; compiling is cached by content."""
    rows = tuple(BlockedTerm.objects.order_by("pk").values_list("text", "kind", "match"))
    return _compile(rows)


def _views(body: str) -> list[_View]:
    views = []
    text = normalize(body)
    joined = spaced_letters_join(text)
    variants = elongation_variants(text) + ([joined] if joined else [])
    for variant in variants:
        stems = tuple(analyze(variant, for_query=True))
        exact = tuple(analyze_exact(variant))
        views.append(_View(stem_set=frozenset(analyze(variant)) | frozenset(stems),
                           stems=stems, exact_set=frozenset(exact), exact=exact))
    return views


def _contains_run(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


def _matches(entry: Entry, view: _View) -> bool:
    if len(entry.terms) == 1:
        return entry.terms[0] in (view.exact_set if entry.is_exact else view.stem_set)
    return _contains_run(view.exact if entry.is_exact else view.stems, entry.terms)


def wordlist_matches(body: str, *, entries: tuple[Entry, ...] | None = None) -> list[Entry]:
    """The entries a text contains, banned ones first."""
    entries = wordlist_entries() if entries is None else entries
    if not entries:
        return []
    views = _views(body)
    found = [e for e in entries if any(_matches(e, v) for v in views)]
    return sorted(found, key=lambda e: e.kind != BlockedTerm.Kind.BANNED)
