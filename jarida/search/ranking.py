"""The ranking formula, shared by both engines (ADR 0030 explains the choices).

    score(D) = BM25F(D) x (1 + RECENCY_BOOST / (1 + age_days(D) / RECENCY_DAYS))

    BM25F(D) = sum over the query's phrases p of
               idf(p) x f(p, D) x (K1 + 1) / (f(p, D) + K1 x (1 - B + B x |D| / avgdl))

    idf(p)   = ln((N - n(p) + 0.5) / (n(p) + 0.5)), or 1e-6 when that is not positive
    f(p, D)  = sum over the columns c of WEIGHTS[c] x (hits of p in column c of D)

Every query word is two phrases: its stem in the stemmed columns and its exact
(normalized, unstemmed) form in the exact columns, so a hit on the form the reader
typed scores on top of the stem hit; a quoted phrase is one phrase in the exact columns.
|D| counts the tokens of all six columns, N the indexed documents, n(p) those holding p.

This is exactly what SQLite FTS5's bm25() computes with these column weights (K1 and B
are FTS5's own constants); on PostgreSQL the same sum is written in SQL over per-document
term frequencies and per-term document counts stored at index time.
"""

from __future__ import annotations

import math

K1 = 1.2
B = 0.75

# Column weights. The headline weighs 10 times the body and the standfirst 4 times; an
# exact-form hit adds half of what a stem hit in the same column brings.
STEM_COLUMNS = ("headline", "standfirst", "body")
EXACT_COLUMNS = ("headline_exact", "standfirst_exact", "body_exact")
COLUMNS = STEM_COLUMNS + EXACT_COLUMNS
WEIGHTS: dict[str, float] = {
    "headline": 10.0,
    "standfirst": 4.0,
    "body": 1.0,
    "headline_exact": 5.0,
    "standfirst_exact": 2.0,
    "body_exact": 0.5,
}

# Mild: a story published now gets 20% on top of its relevance, a month-old one 10%,
# a year-old one under 2%; equally relevant stories then come newest first.
RECENCY_BOOST = 0.2
RECENCY_DAYS = 30.0

# Scores are rounded before ordering, so that the last bits of floating point, which
# differ between engines, never decide an order; ties go to the newer article.
SCORE_DIGITS = 9


def idf(*, documents: int, holding: int) -> float:
    """FTS5's IDF, floored at 1e-6 so that a term in most documents still counts a little."""
    value = math.log((documents - holding + 0.5) / (holding + 0.5)) if documents else 0.0
    return value if value > 0 else 1e-6
