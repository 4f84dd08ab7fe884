"""Arabic text analysis for Jarida: one pure-Python analyzer for index and query time.

See /docs/decisions/0002-arabic-analyzer.md for the rules and their limits.
"""

from jarida.arabic.analysis import analyze, analyze_exact
from jarida.arabic.normalization import normalize
from jarida.arabic.stemming import stem, stem_variants
from jarida.arabic.stopwords import STOP_WORDS, is_stop_word
from jarida.arabic.tokenization import tokenize

__all__ = [
    "STOP_WORDS",
    "analyze",
    "analyze_exact",
    "is_stop_word",
    "normalize",
    "stem",
    "stem_variants",
    "tokenize",
]
