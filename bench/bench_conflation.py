"""Pair recall and wrong merges of Jarida's analyzer against the Lucene light10 baseline.

Usage: python bench/bench_conflation.py [--verbose] [--corpus PATH]

Needs nothing outside the repository (the set lives in jarida/arabic/tests/). With
--corpus (the ANT corpus, gzip JSON lines), it also counts how often a 4-letter word
starting with و ف ب ل ك is a clitic + 3-letter word or a word of its own: the evidence
for the 3-letter minimum of the clitic variant rule (ADR 0002).

Families are forms of one word that a search must match; APART pairs are different
words that must not match. "Match" means searching one form finds the other (see
``forms_match``). Prints one line per analyzer, then, with --verbose, every pair on
which the two analyzers disagree.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections import Counter
from collections.abc import Callable
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jarida.arabic import analyze, analyze_exact, stemming  # noqa: E402
from jarida.arabic.analysis import clear_caches  # noqa: E402
from jarida.arabic.light10 import light10_analyze  # noqa: E402
from jarida.arabic.stopwords import is_normalized_stop_word  # noqa: E402
from jarida.arabic.tests.conflation_set import (  # noqa: E402
    APART,
    BROKEN_PLURALS,
    FAMILIES,
    forms_match,
)

Matcher = Callable[[str, str], bool]


def jarida_match(a: str, b: str) -> bool:
    return forms_match(
        set(analyze(a)), analyze(a, for_query=True), set(analyze(b)), analyze(b, for_query=True)
    )


def light10_match(a: str, b: str) -> bool:
    terms_a, terms_b = light10_analyze(a), light10_analyze(b)
    return forms_match(set(terms_a), terms_a, set(terms_b), terms_b)


def family_pairs() -> list[tuple[str, str, str]]:
    return [(name, a, b) for name, forms in FAMILIES.items() for a, b in combinations(forms, 2)]


def report(name: str, match: Matcher) -> tuple[int, int, int, int]:
    pairs = family_pairs()
    matched = sum(match(a, b) for _, a, b in pairs)
    wrong = sum(match(a, b) for a, b in APART)
    broken = sum(match(a, b) for a, b in BROKEN_PLURALS)
    print(
        f"{name:<8} pair recall {matched}/{len(pairs)} = {matched / len(pairs):.1%}   "
        f"wrong merges {wrong}/{len(APART)}   broken plurals joined {broken}/"
        f"{len(BROKEN_PLURALS)}"
    )
    return matched, len(pairs), wrong, len(APART)


def clitic_letter_census(path: Path, min_count: int = 3) -> None:
    """Occurrences of 4-letter words starting with a clitic letter, by what they are.

    A word that itself takes the article (الكتاب exists for كتاب) has a root first
    letter; a word that does not, while its last 3 letters form a word, is a clitic + a
    3-letter word (بمصر). Only words and rests that are not stop words count.
    """
    counts: Counter[str] = Counter()
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            counts.update(
                analyze_exact(f"{article.get('title') or ''} {article.get('body') or ''}")
            )
    kinds: Counter[str] = Counter()
    for word, count in counts.items():
        rest = word[1:]
        if len(word) != 4 or word[0] not in "وفبلك":
            continue
        if is_normalized_stop_word(word) or is_normalized_stop_word(rest):
            continue
        takes_article = counts["ال" + word] >= min_count
        rest_is_word = counts[rest] + counts["ال" + rest] >= min_count
        if rest_is_word:
            kinds["root letter, rest is a word" if takes_article else "clitic + word"] += count
        else:
            kinds["root letter, rest not a word" if takes_article else "undecided"] += count
    print(f"\n4-letter words starting with و ف ب ل ك in {path.name} (occurrences):")
    for kind, count in kinds.most_common():
        print(f"  {count:>9,}  {kind}")


def main(argv: list[str]) -> int:
    print(
        f"conflation set: {len(FAMILIES)} families, {len(family_pairs())} pairs, "
        f"{len(APART)} apart pairs"
    )
    report("jarida", jarida_match)
    report("light10", light10_match)
    # What-if, for the record in ADR 0002: ARABIC.md's rule as written, a clitic variant
    # whenever 3 letters remain after any single clitic.
    default = dict(stemming._VARIANT_MIN_REST_AFTER)
    stemming._VARIANT_MIN_REST_AFTER.update(dict.fromkeys(default, 3))
    clear_caches()
    report("what-if", jarida_match)
    print("(what-if: ARABIC.md's rule as written, 3 letters after any clitic)")
    stemming._VARIANT_MIN_REST_AFTER.update(default)
    clear_caches()
    if "--corpus" in argv:
        path = Path(argv[argv.index("--corpus") + 1])
        if path.exists():
            clitic_letter_census(path)
        else:
            print(f"corpus not found: {path}; census skipped")
    if "--verbose" in argv:
        print("\nfamily pairs where the analyzers differ (J = jarida, L = light10):")
        for name, a, b in family_pairs():
            j, lu = jarida_match(a, b), light10_match(a, b)
            if j != lu or not j:
                print(
                    f"  {name:<15} {a} / {b}: J={'+' if j else '-'} L={'+' if lu else '-'}"
                    f"   J {analyze(a)}|{analyze(b)}  L {light10_analyze(a)}|"
                    f"{light10_analyze(b)}"
                )
        print("\napart pairs merged by either analyzer:")
        for a, b in APART:
            j, lu = jarida_match(a, b), light10_match(a, b)
            if j or lu:
                print(
                    f"  {a} / {b}: J={'+' if j else '-'} L={'+' if lu else '-'}"
                    f"   J {analyze(a)}|{analyze(b)}  L {light10_analyze(a)}|"
                    f"{light10_analyze(b)}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
