"""What the index holds for one article: the analyzer's two views of its text.

Headline, standfirst and body (as plain text) are each analyzed twice with
`jarida.arabic`: `analyze` gives the stemmed view (each word's stem followed by its
clitic-stripped variants), `analyze_exact` the exact view (normalized words, stop words
kept, one per position, for phrases and exact-form boosts). Both engines store exactly
these term lists, so they match the same articles for the same query.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property, lru_cache

from jarida.arabic import analyze, analyze_exact
from jarida.arabic.stopwords import is_normalized_stop_word
from jarida.newsroom.models import Article
from jarida.search.ranking import EXACT_COLUMNS, STEM_COLUMNS, WEIGHTS

# A "word" longer than this is a URL, a hash or a run of junk, never something a reader
# types; PostgreSQL would also refuse lexemes over 2 KB. Dropped from both views and
# from queries alike.
MAX_TERM_CHARS = 60
# The index keeps the first 15,000 words of a body (about 40 printed pages). PostgreSQL
# tsvector positions stop at 16,383, so phrase search behaves the same on both engines.
MAX_BODY_WORDS = 15_000
# Prefix of exact forms where both views share one key space (tsvector, jsonb, terms).
EXACT_PREFIX = "="

_LONG_VOWELS = str.maketrans("", "", "اويءaeiou")


def skeleton(form: str) -> str:
    """The form without long vowels and hamza: ترامب and ترمب, بوتين and بوتن meet.

    Arabic spellings of names and loanwords differ mostly in the vowel letters, which
    normalization cannot fold, so spelling suggestions look up words by this key.
    """
    return form.translate(_LONG_VOWELS)


def _terms(words: list[str]) -> list[str]:
    return [w for w in words if len(w) <= MAX_TERM_CHARS]


@lru_cache(maxsize=1 << 17)
def _word_terms(word: str) -> tuple[str, ...]:
    """The index terms of one normalized word: what `analyze` gives for it anywhere in a
    text, since it analyzes word by word. Remembered, as news repeats its words."""
    return tuple(analyze(word))


def _stems(words: list[str]) -> list[str]:
    stems: list[str] = []
    for word in words:
        stems.extend(_word_terms(word))
    return stems


@dataclass(frozen=True)
class IndexDocument:
    article_id: int
    section_id: int
    published_at: datetime
    stems: tuple[list[str], list[str], list[str]]  # headline, standfirst, body
    exact: tuple[list[str], list[str], list[str]]

    @classmethod
    def from_article(cls, article: Article) -> IndexDocument:
        texts = (article.headline or "", article.standfirst or "", article.body_text)
        exact = [_terms(analyze_exact(text)) for text in texts]
        exact[2] = exact[2][:MAX_BODY_WORDS]
        # Stems of the words kept (the exact words are normalized already, and analyzing
        # normalized text gives the same terms), so both views cover the same text.
        stems = [_stems(terms) for terms in exact]
        return cls(article_id=article.pk, section_id=article.section_id,
                   published_at=article.published_at, stems=tuple(stems), exact=tuple(exact))

    @property
    def length(self) -> int:
        """Tokens in all six columns (BM25's document length, as FTS5 counts it)."""
        return sum(map(len, self.stems)) + sum(map(len, self.exact))

    def columns(self) -> dict[str, str]:
        """The six text columns as stored: terms separated by spaces."""
        values = [" ".join(terms) for terms in (*self.stems, *self.exact)]
        return dict(zip((*STEM_COLUMNS, *EXACT_COLUMNS), values, strict=True))

    @cached_property
    def exact_forms(self) -> frozenset[str]:
        """Distinct exact forms worth counting (no stop words): the spelling vocabulary."""
        forms = {w for terms in self.exact for w in terms}
        return frozenset(w for w in forms if not is_normalized_stop_word(w))

    @cached_property
    def stem_terms(self) -> frozenset[str]:
        return frozenset(t for terms in self.stems for t in terms)

    def term_frequencies(self) -> dict[str, float]:
        """f(term, D) of ranking.py for every stem and every exact form ("=form"):
        hits weighted by column, as FTS5's bm25() adds them up."""
        tf: Counter[str] = Counter()
        for column, terms in zip(STEM_COLUMNS, self.stems, strict=True):
            weight = WEIGHTS[column]
            for term, hits in Counter(terms).items():
                tf[term] += hits * weight
        for column, terms in zip(EXACT_COLUMNS, self.exact, strict=True):
            weight = WEIGHTS[column]
            for term, hits in Counter(terms).items():
                tf[EXACT_PREFIX + term] += hits * weight
        return dict(tf)


def stored_exact_forms(row: tuple[str, str, str]) -> frozenset[str]:
    """The vocabulary forms of a stored document, from its three exact columns."""
    forms = {w for text in row for w in text.split()}
    return frozenset(w for w in forms if not is_normalized_stop_word(w))
