"""Spelling suggestions when a search finds nothing ("هل تقصد").

Normalization already folds hamza seats, ة/ه, ى/ي, harakat and tatweel; what is left is
mostly the vowel letters of names and loanwords (ترمب / ترامب, بوتن / بوتين) and plain
typos. Every indexed exact form is counted in search_term with its consonant skeleton
(documents.skeleton), so candidates are the forms whose skeleton equals the typed word's
or is one edit away from it: one indexed lookup of a few hundred keys, whatever the size
of the vocabulary. They are ranked by edit distance on the normalized forms, then by how
many articles hold them, and each is tried as a real search (same filters) before it is
offered, so a suggestion always finds something a reader may see.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

from jarida.search.documents import EXACT_PREFIX, skeleton
from jarida.search.query import ParsedQuery

ARABIC_CONSONANTS = "بتثجحخدذرزسشصضطظعغفقكلمنه"
LATIN_CONSONANTS = "bcdfghjklmnpqrstvwxyz"
MAX_DISTANCE = 2
MAX_TRIED = 6  # candidate searches per word, at most
MAX_SEARCHES = 12  # and per query, so a long query of unknown words stays quick


@dataclass(frozen=True)
class Suggestion:
    text: str  # the whole query, one word spelled differently
    word: str  # the new spelling, as articles write it


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions)."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def skeleton_neighbours(key: str) -> set[str]:
    """The key and every key one edit away from it (delete, insert, substitute, swap)."""
    alphabet = ARABIC_CONSONANTS if any("\u0600" <= c <= "\u06ff" for c in key) \
        else LATIN_CONSONANTS
    keys = {key}
    for i in range(len(key) + 1):
        head, tail = key[:i], key[i:]
        if tail:
            keys.add(head + tail[1:])
            keys.update(head + c + tail[1:] for c in alphabet)
        if len(tail) > 1:
            keys.add(head + tail[1] + tail[0] + tail[2:])
        keys.update(head + c + tail for c in alphabet)
    keys.discard("")
    return keys


def spelling_candidates(form: str, *, limit: int = MAX_TRIED) -> list[str]:
    """Indexed exact forms close to `form`, best first."""
    key = skeleton(form)
    if not key:
        return []
    keys = sorted(skeleton_neighbours(key))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT term, df FROM search_term WHERE df > 0 AND skeleton IN "
            f"({', '.join(['%s'] * len(keys))})", keys)
        rows = cursor.fetchall()
    scored = []
    for term, df in rows:
        candidate = term[len(EXACT_PREFIX):]
        if candidate == form:
            continue
        distance = edit_distance(form, candidate)
        if distance <= MAX_DISTANCE:
            scored.append((distance, -df, candidate))
    return [candidate for _, _, candidate in sorted(scored)[:limit]]


def spelling_suggestions(*, query: ParsedQuery, finds, limit: int = 3) -> list[Suggestion]:
    """Up to `limit` respellings of the query that find something. `finds(text)` runs
    the search and returns the best result's text, or None when it finds nothing."""
    from jarida.search.highlight import plain_word

    suggestions: list[Suggestion] = []
    seen: set[str] = set()
    for word in query.words:
        for candidate in spelling_candidates(word.exact):
            text = query.with_word_replaced(word, candidate)
            if text in seen:
                continue
            if len(seen) >= MAX_SEARCHES:
                return suggestions
            seen.add(text)
            found = finds(text)
            if found is None:
                continue
            written = plain_word(found, candidate) or candidate
            suggestions.append(Suggestion(text=query.with_word_replaced(word, written),
                                          word=written))
            if len(suggestions) >= limit:
                return suggestions
    return suggestions

