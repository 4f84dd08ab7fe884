"""Tokens per second of Jarida's Arabic analyzer, and of the light10 baseline, on real news.

Usage: python bench/bench_analyzer.py [CORPUS] [--limit N]

CORPUS defaults to ../shared/corpus/ant-v2.1.jsonl.gz next to the repository (gzip JSON
lines with title, abstract, body). Each article's title, abstract and body are analyzed
as one text. The corpus is read and decompressed before timing starts; one process,
one core, pure Python.

"Tokens" are the words of the text (``analyze_exact``, stop words included), counted
outside the timed loops, so the rate means words analyzed per CPU second for every
analyzer (process CPU time, so other jobs on the machine do not distort it).
Jarida is measured from empty caches (what indexing a fresh corpus costs), again with
warm caches, and on a 10% sample without the chunk cache and without any cache (the
per-word cost of the rules alone).
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jarida.arabic import analyze, analyze_exact  # noqa: E402
from jarida.arabic.analysis import _index_terms, _words, clear_caches  # noqa: E402
from jarida.arabic.light10 import light10_analyze  # noqa: E402
from jarida.arabic.stemming import token_terms  # noqa: E402
from jarida.arabic.stopwords import is_normalized_stop_word  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "ant-v2.1.jsonl.gz"


def load_texts(path: Path, limit: int | None) -> list[str]:
    texts = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            texts.append(" ".join(article.get(key) or "" for key in ("title", "abstract", "body")))
            if limit is not None and len(texts) >= limit:
                break
    return texts


def analyze_without_chunk_cache(text: str) -> list[str]:
    """analyze() without its chunk cache (the per-word stem cache still on)."""
    terms: list[str] = []
    for chunk in text.split():
        terms.extend(_index_terms(chunk))
    return terms


def analyze_without_any_cache(text: str) -> list[str]:
    """analyze() with every cache bypassed: the cost of the rules alone."""
    stem_terms = token_terms.__wrapped__
    terms: list[str] = []
    for chunk in text.split():
        for token in _words(chunk):
            if not is_normalized_stop_word(token):
                terms.extend(stem_terms(token))
    return terms


def timed(label: str, function: Callable[[str], list[str]], texts: list[str], words: int) -> int:
    # CPU time of this process, not wall time: the figure is "per core", and other jobs
    # sharing the machine would otherwise show up as a slower analyzer.
    started = time.process_time()
    terms = 0
    for text in texts:
        terms += len(function(text))
    elapsed = time.process_time() - started
    print(
        f"{label:<38} {words / elapsed:>12,.0f} tokens/s   {elapsed:7.2f} cpu s   "
        f"{terms / words:.2f} terms/token"
    )
    return terms


def main(argv: list[str]) -> int:
    limit = None
    if "--limit" in argv:
        at = argv.index("--limit")
        limit = int(argv[at + 1])
        argv = argv[:at] + argv[at + 2 :]
    path = Path(argv[0]) if argv else DEFAULT_CORPUS
    if not path.exists():
        print(f"corpus not found: {path} (pass its path as the first argument); nothing measured")
        return 0
    texts = load_texts(path, limit)
    words = sum(len(analyze_exact(text)) for text in texts)
    print(f"corpus: {path.name}, {len(texts):,} articles, {words:,} tokens")
    print(f"load average before timing: {os.getloadavg()[0]:.2f}; rates use CPU time")
    clear_caches()
    timed("jarida analyze (cold caches)", analyze, texts, words)
    timed("jarida analyze (warm caches)", analyze, texts, words)
    timed("jarida analyze for_query (warm)", lambda t: analyze(t, for_query=True), texts, words)
    timed("jarida analyze_exact (warm)", analyze_exact, texts, words)
    sample = texts[: max(1, len(texts) // 10)]
    sample_words = sum(len(analyze_exact(text)) for text in sample)
    clear_caches()
    timed("jarida, no chunk cache (10% sample)", analyze_without_chunk_cache, sample, sample_words)
    timed("jarida, no cache at all (10% sample)", analyze_without_any_cache, sample, sample_words)
    timed("light10 baseline (plain Python)", light10_analyze, texts, words)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
