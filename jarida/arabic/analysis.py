"""The whole analyzer: normalize -> tokenize -> drop stop words -> stem.

Search, related articles, near-duplicate detection and comment word lists all call these
functions, at index time and at query time, so both sides always agree.

Speed: text is first cut on whitespace (``str.split``, in C) and each whitespace-separated
chunk is analyzed once and remembered, because news text repeats the same chunks
(والحكومة, الرئيس, "قال") thousands of times. This gives the same result as normalizing
the whole text and then tokenizing it, because no whitespace character survives
normalization as part of a word and NFKC never composes across whitespace; a test checks
the equivalence on random text. Chunks longer than ``_MAX_CACHED_CHUNK`` characters are
analyzed without caching so hostile input cannot fill memory.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from jarida.arabic.normalization import normalize
from jarida.arabic.stemming import token_terms
from jarida.arabic.stopwords import is_normalized_stop_word
from jarida.arabic.tokenization import WORD

# Sized for bulk indexing on a web worker's memory: full, the chunk and stem caches hold
# about 65 MB together. Doubling them gains about 20% speed on a full-corpus reindex
# (docs/benchmarks.md); queries and comments never come close to filling them.
_CHUNK_CACHE_SIZE = 1 << 16
_QUERY_CACHE_SIZE = 1 << 14
_MAX_CACHED_CHUNK = 64


def _words(chunk: str) -> list[str]:
    """The words of one whitespace-free chunk; most chunks are one bare word already."""
    normalized = normalize(chunk)
    if normalized.isalnum():
        return [normalized]
    return WORD.findall(normalized)


def _index_terms(chunk: str) -> tuple[str, ...]:
    terms: list[str] = []
    for token in _words(chunk):
        if not is_normalized_stop_word(token):
            terms.extend(token_terms(token))
    return tuple(terms)


def _query_terms(chunk: str) -> tuple[str, ...]:
    return tuple(
        token_terms(token)[0] for token in _words(chunk) if not is_normalized_stop_word(token)
    )


def _exact_terms(chunk: str) -> tuple[str, ...]:
    return tuple(_words(chunk))


_index_terms_cached = lru_cache(maxsize=_CHUNK_CACHE_SIZE)(_index_terms)
_query_terms_cached = lru_cache(maxsize=_QUERY_CACHE_SIZE)(_query_terms)
_exact_terms_cached = lru_cache(maxsize=_CHUNK_CACHE_SIZE)(_exact_terms)


def _run(
    text: str,
    cached: Callable[[str], tuple[str, ...]],
    uncached: Callable[[str], tuple[str, ...]],
) -> list[str]:
    out: list[str] = []
    extend = out.extend
    for chunk in text.split():
        if len(chunk) <= _MAX_CACHED_CHUNK:
            extend(cached(chunk))
        else:
            extend(uncached(chunk))
    return out


def analyze(text: str, *, for_query: bool = False) -> list[str]:
    """The terms to index for ``text``, or with ``for_query=True`` the terms to search.

    Both sides normalize, tokenize and drop stop words; then the rule is:

    - index time: each word gives its primary stem followed immediately by its extra
      variants (the stem without a leading clitic و ف ب ل ك or و/ف + ب ل ك, and the ت-kept
      stem of a ta marbuta in construct), all at the same logical position. Indexed
      باغتيال gives ["باغتيال", "اغتيال"], indexed وزير gives ["وزير", "زير"];
    - query time: each word gives exactly one term, its primary stem. The primary stem
      never drops a bare clitic letter, so a query برلمان stays برلم and never becomes
      رلم, and a query وزير stays وزير.

    Why this finds what a reader means: the index holds, for every word, the primary
    stem of each shorter form a reader could type for it (the word itself, the word
    without its clitic, the word with or without its article), so an AND over the
    query's primary stems matches. Searching اغتيال finds باغتيال, searching الوزير
    finds وزير and ووزير, searching حكومة finds حكومته. The converse is not promised:
    searching the cliticized باغتيال finds the forms that carry the clitic, not every
    bare اغتيال, since a single query term cannot know whether ب is a clitic.

    Variants are extra terms, not extra words: a consumer counting positions (phrase
    search, proximity) must use ``analyze_exact`` instead.
    """
    if for_query:
        return _run(text, _query_terms_cached, _query_terms)
    return _run(text, _index_terms_cached, _index_terms)


def analyze_exact(text: str) -> list[str]:
    """The normalized, unstemmed words of ``text``, stop words kept, one per position.

    The second view of every text (ARABIC.md step 5): phrase search, proximity and the
    boost for hits on the exact form the reader typed.
    """
    return _run(text, _exact_terms_cached, _exact_terms)


def clear_caches() -> None:
    """Forget every remembered chunk and token (benchmarks measure a cold start with it)."""
    _index_terms_cached.cache_clear()
    _query_terms_cached.cache_clear()
    _exact_terms_cached.cache_clear()
    token_terms.cache_clear()
