"""Pure functions behind related lists and near-duplicate detection (no database).

The services store what these compute; the benchmark (bench/bench_related.py) calls them
directly on the ANT corpus. The rules and their constants are explained in
docs/decisions/0040-related-articles.md and 0041-near-duplicates.md.
"""

from __future__ import annotations

import hashlib
import math
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from datasketch import MinHash

from jarida.arabic import analyze, analyze_exact

# Field weights: a word of the headline counts as three words of the body.
HEADLINE_WEIGHT = 3.0
STANDFIRST_WEIGHT = 1.5
BODY_WEIGHT = 1.0
MAX_TERM_CHARS = 64  # longer "words" are noise (URLs, hostile input) and never key terms
KEY_TERMS = 40

# MinHash: 128 permutations of word 3-gram shingles; LSH bands of 4 rows (32 bands) make
# pairs from Jaccard 0.4 up likely candidates, then signatures decide.
NUM_PERM = 128
SHINGLE_WORDS = 3
BAND_ROWS = 4
BANDS = NUM_PERM // BAND_ROWS
MINHASH_SCHEME = "affine32"
DUPLICATE_JACCARD = 0.5  # estimated Jaccard from which two texts are the same story
DUPLICATE_CONTAINMENT = 0.8  # or: this share of the shorter text is in the longer one
MIN_SHINGLES = 8  # a text shorter than this is too short to call anything its copy


# ---------------------------------------------------------------------------------------
# Terms and key terms


def weighted_terms(*, headline: str, standfirst: str, body_text: str) -> dict[str, float]:
    """Each analyzed term with its sublinear, field-weighted frequency (1 + ln tf)."""
    counts: Counter[str] = Counter()
    for text, weight in ((headline, HEADLINE_WEIGHT), (standfirst, STANDFIRST_WEIGHT),
                         (body_text, BODY_WEIGHT)):
        for term in analyze(text or ""):
            if len(term) <= MAX_TERM_CHARS:
                counts[term] += weight
    return {term: 1.0 + math.log(count) for term, count in counts.items()}


def idf(df: int, n_docs: int) -> float:
    """Smoothed inverse document frequency; never negative."""
    return math.log((n_docs + 1) / (df + 0.5))


def vector(tf: Mapping[str, float], df: Mapping[str, int], n_docs: int) -> dict[str, float]:
    """The article's whole tf x idf vector, unit length. A term missing from `df` counts
    as seen once (the article itself)."""
    weighted = {t: w * idf(df.get(t, 1), n_docs) for t, w in tf.items()}
    norm = math.sqrt(sum(v * v for v in weighted.values())) or 1.0
    return {t: v / norm for t, v in weighted.items() if v > 0}


def key_terms(full: Mapping[str, float], *, limit: int = KEY_TERMS) -> dict[str, float]:
    """The `limit` heaviest terms of a unit vector, with their weights as they are: the dot
    product of two articles' key terms is a lower bound of their cosine, used to find
    candidates."""
    return dict(sorted(full.items(), key=lambda item: (-item[1], item[0]))[:limit])


def vector_pack(full: Mapping[str, float]) -> bytes:
    """zlib of "term<TAB>weight" lines (weights to 5 decimals)."""
    return zlib.compress("\n".join(f"{t}\t{w:.5f}" for t, w in full.items()).encode(), 6)


def vector_unpack(blob: bytes | memoryview | None) -> dict[str, float]:
    if not blob:
        return {}
    raw = zlib.decompress(bytes(blob)).decode()
    if not raw:
        return {}
    out = {}
    for line in raw.split("\n"):
        term, _, weight = line.partition("\t")
        out[term] = float(weight) if weight else 0.0
    return out


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two unit-length sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


# ---------------------------------------------------------------------------------------
# The blend


@dataclass(frozen=True)
class Candidate:
    """What the blend knows of one candidate (and the same of the article itself)."""

    pk: int
    terms: Mapping[str, float]
    published_at: datetime | None
    section_id: int | None
    tag_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Weights:
    lexical: float = 0.70
    rare: float = 0.20
    tags: float = 0.06
    section: float = 0.04
    recency_share: float = 0.25  # at most this share of the score is lost to age...
    recency_half_life_days: float = 30.0  # ...half of it after a month apart


DEFAULT_WEIGHTS = Weights()
LEXICAL_ONLY = Weights(lexical=1.0, rare=0.0, tags=0.0, section=0.0, recency_share=0.0)


def rare_terms(terms: Mapping[str, float], idfs: Mapping[str, float], *,
               min_idf: float) -> dict[str, float]:
    """The article's key terms rare enough to name a thing (a person, a place, an event):
    our stand-in for named entities, which Arabic has no capital letters to show."""
    return {t: idfs[t] for t in terms if idfs.get(t, 0.0) >= min_idf}


def blend_score(article: Candidate, other: Candidate, *, rare: Mapping[str, float],
                weights: Weights = DEFAULT_WEIGHTS) -> float:
    """Lexical cosine, rare terms in common, shared tags and section, then recency.

    score = (wl*cos + wr*rare_shared + wt*tag_overlap + ws*same_section)
            * (1 - R + R * 0.5 ** (days_apart / half_life))
    """
    score = weights.lexical * cosine(article.terms, other.terms)
    if weights.rare and rare:
        total = sum(rare.values())
        score += weights.rare * sum(v for t, v in rare.items() if t in other.terms) / total
    if weights.tags and article.tag_ids and other.tag_ids:
        shared = len(article.tag_ids & other.tag_ids)
        score += weights.tags * shared / min(len(article.tag_ids), len(other.tag_ids))
    if weights.section and article.section_id is not None:
        score += weights.section * (article.section_id == other.section_id)
    if weights.recency_share and article.published_at and other.published_at:
        days = abs((article.published_at - other.published_at).total_seconds()) / 86400
        decay = 0.5 ** (days / weights.recency_half_life_days)
        score *= 1.0 - weights.recency_share + weights.recency_share * decay
    return score


# ---------------------------------------------------------------------------------------
# Near-duplicates


_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=1).permutations


def shingles(text: str) -> set[bytes]:
    """Word 3-grams of the normalized text (stop words kept: copies keep them too)."""
    words = analyze_exact(text or "")
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]).encode()
            for i in range(len(words) - SHINGLE_WORDS + 1)}


def duplicate_text(*, headline: str, standfirst: str, body_text: str) -> str:
    """The text compared for copies: the body (a copy often gets a new headline), or the
    headline and standfirst when there is no body."""
    if len((body_text or "").split()) >= 20:
        return body_text
    return "\n".join(part for part in (headline, standfirst, body_text) if part)


def signature(shingle_set: Iterable[bytes]) -> np.ndarray:
    """A MinHash signature: NUM_PERM uint32 values."""
    minhash = MinHash(num_perm=NUM_PERM, permutations=_PERMUTATIONS, scheme=MINHASH_SCHEME)
    minhash.update_batch(list(shingle_set))
    return minhash.hashvalues.astype(np.uint32)


def signature_to_bytes(values: np.ndarray) -> bytes:
    return values.astype("<u4").tobytes()


def signature_from_bytes(raw: bytes) -> np.ndarray:
    return np.frombuffer(bytes(raw), dtype="<u4")


def band_keys(values: np.ndarray) -> list[int]:
    """One signed 64-bit key per LSH band: two texts sharing any key are candidates."""
    keys = []
    raw = values.astype("<u4")
    for band in range(BANDS):
        digest = hashlib.blake2b(raw[band * BAND_ROWS:(band + 1) * BAND_ROWS].tobytes(),
                                 digest_size=8, salt=band.to_bytes(2, "little")).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(a == b)) / len(a)


def containment(jaccard_value: float, size_a: int, size_b: int) -> float:
    """Estimated share of the smaller shingle set found in the larger one."""
    if not size_a or not size_b:
        return 0.0
    shared = jaccard_value * (size_a + size_b) / (1.0 + jaccard_value)
    return min(1.0, shared / min(size_a, size_b))


def is_duplicate(jaccard_value: float, size_a: int, size_b: int) -> bool:
    """Same story: nearly the same shingles, or one text is mostly inside the other."""
    if min(size_a, size_b) < MIN_SHINGLES:
        return jaccard_value >= 0.9
    return (jaccard_value >= DUPLICATE_JACCARD
            or containment(jaccard_value, size_a, size_b) >= DUPLICATE_CONTAINMENT)


def pick_diverse(ranked: Sequence[int], *, is_same: callable, limit: int) -> list[int]:
    """The first `limit` of `ranked` such that no two picked are the same story."""
    picked: list[int] = []
    for pk in ranked:
        if any(is_same(pk, other) for other in picked):
            continue
        picked.append(pk)
        if len(picked) == limit:
            break
    return picked
