"""The comparison baseline: a plain port of the Lucene / Elasticsearch ``arabic`` analyzer.

Used only by benchmarks and tests, to show where Jarida's analyzer does better and to
prove it does no worse. Never used to index or search. It is written from the published
description of the chain (ARABIC.md, "The anchor") and of light10 (Larkey, Ballesteros
and Connell, "Light Stemming for Arabic Information Retrieval", 2007), not from Lucene's
source, and kept deliberately close to it, holes included:

standard tokenizer -> lowercase -> decimal digits to ASCII -> stop list (applied before
normalization, so it lists every hamza spelling) -> normalization (أ إ آ -> ا, ى -> ي,
ة -> ه, delete tatweel and the 8 harakat U+064B-U+0652) -> light10 stemmer.

Differences from Lucene, none of which touch Arabic words: the tokenizer is UAX #29 in
spirit but simplified (runs of letters, digits and "_" with attached marks and format
characters; ``.``/``'``/``:`` join two letters and ``.``/``,``/``;``/Arabic separators join
two digits; CJK runs are not split per character and emoji are dropped), and a token
normalized to nothing (a lone tatweel) is dropped instead of being indexed empty.

The stop list is the one Lucene ships (created by Jacques Savoy, BSD license), 119
entries, retyped here as data.
"""

from __future__ import annotations

import re
import unicodedata

LUCENE_STOP_WORDS: frozenset[str] = frozenset(
    """
    من ومن منها منه في وفي فيها فيه و ف ثم او أو ب بها به ا أ اى اي أي أى لا ولا الا ألا
    إلا لكن ما وما كما فما عن مع اذا إذا ان أن إن انها أنها إنها انه أنه إنه بان بأن فان
    فأن وان وأن وإن التى التي الذى الذي الذين الى الي إلى إلي على عليها عليه اما أما
    إما ايضا أيضا كل وكل لم ولم لن ولن هى هي هو وهى وهي وهو فهى فهي فهو انت أنت لك لها
    له هذه هذا تلك ذلك هناك كانت كان يكون تكون وكانت وكان غير بعض قد نحو بين بينما منذ
    ضمن حيث الان الآن خلال بعد قبل حتى عند عندما لدى جميع
    """.split()
)

# ArabicNormalizer: three alef forms, alef maksura and teh marbuta are mapped; tatweel
# and the eight harakat (fathatan, dammatan, kasratan, fatha, damma, kasra, shadda,
# sukun) are deleted. Nothing else: ؤ ئ ٱ, superscript alef, Persian ی ک, presentation
# forms and invisible controls pass through unchanged.
_NORMALIZER = str.maketrans(
    {
        "آ": "ا",
        "أ": "ا",
        "إ": "ا",
        "ى": "ي",
        "ة": "ه",
        "\u0640": None,
        **{chr(code_point): None for code_point in range(0x064B, 0x0653)},
    }
)

# ArabicStemmer (light10). The single-letter prefix و needs 3 letters left, the others 2;
# every suffix needs 2 letters left. Suffixes are tried once each, in this order.
_PREFIXES: tuple[str, ...] = ("ال", "وال", "بال", "كال", "فال", "لل", "و")
_SUFFIXES: tuple[str, ...] = ("ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي")

# (affix, shortest word it may be removed from): 2 letters must remain, 3 after و.
_PREFIX_RULES = tuple(
    (prefix, max(len(prefix) + 2, 4 if len(prefix) == 1 else 0)) for prefix in _PREFIXES
)
_SUFFIX_RULES = tuple((suffix, len(suffix) + 2) for suffix in _SUFFIXES)

_MAX_TOKEN_LENGTH = 255  # StandardTokenizer's default: longer tokens are cut into pieces.


def _extend_class() -> str:
    """Characters UAX #29 keeps inside a word (Extend, Format, ZWJ), for the BMP."""
    ranges: list[str] = []
    for code_point in range(0x10000):
        if code_point == 0x200B:  # ZWSP is a word boundary, not Format
            continue
        if unicodedata.category(chr(code_point)) in ("Mn", "Mc", "Me", "Cf"):
            ranges.append(re.escape(chr(code_point)))
    return "".join(ranges)


_EXTEND = _extend_class()
_RUN = re.compile(rf"(?:\w[{_EXTEND}]*)+")
_MID_LETTER = frozenset(".'\u2018\u2019:\u00b7\uff0e\uff07")
_MID_NUMBER = frozenset(".,;'\u060c\u066b\u066c\uff0c\uff0e")
_MID_ANY = _MID_LETTER | _MID_NUMBER


class _DigitTable(dict):
    """DecimalDigitFilter: any Unicode decimal digit becomes its ASCII digit."""

    def __missing__(self, code_point: int) -> str:
        char = chr(code_point)
        replacement = str(unicodedata.decimal(char)) if char.isdecimal() else char
        self[code_point] = replacement
        return replacement


_DIGITS = _DigitTable()


def _base(run: str, at_end: bool) -> str:
    """The last (or first) letter or digit of a run, skipping attached marks."""
    chars = reversed(run) if at_end else iter(run)
    return next((char for char in chars if char.isalnum() or char == "_"), "")


def standard_tokenize(text: str) -> list[str]:
    """Words as Lucene's StandardTokenizer roughly cuts them (see the module docstring)."""
    tokens: list[str] = []
    last_end = -2
    for match in _RUN.finditer(text):
        run = match.group()
        start = match.start()
        if tokens and start == last_end + 1 and text[last_end] in _MID_ANY:
            mid = text[last_end]
            left, right = _base(tokens[-1], at_end=True), _base(run, at_end=False)
            joins_letters = mid in _MID_LETTER and left.isalpha() and right.isalpha()
            joins_digits = mid in _MID_NUMBER and left.isdecimal() and right.isdecimal()
            if joins_letters or joins_digits:
                tokens[-1] = tokens[-1] + mid + run
                last_end = match.end()
                continue
        tokens.append(run)
        last_end = match.end()
    pieces: list[str] = []
    for token in tokens:
        for offset in range(0, len(token), _MAX_TOKEN_LENGTH):
            pieces.append(token[offset : offset + _MAX_TOKEN_LENGTH])
    return pieces


def light10_stem(word: str) -> str:
    """light10 on one normalized word: at most one prefix, then one pass of suffixes."""
    length = len(word)
    for prefix, min_length in _PREFIX_RULES:
        if length >= min_length and word.startswith(prefix):
            word = word[len(prefix) :]
            length = len(word)
            break
    for suffix, min_length in _SUFFIX_RULES:
        if length >= min_length and word.endswith(suffix):
            word = word[: -len(suffix)]
            length = len(word)
    return word


def light10_normalize(word: str) -> str:
    """Lucene's ArabicNormalizer on one word."""
    return word.translate(_NORMALIZER)


def light10_analyze(text: str) -> list[str]:
    """The terms the Lucene ``arabic`` analyzer indexes (and searches) for ``text``."""
    terms: list[str] = []
    for token in standard_tokenize(text):
        token = token.lower()
        if not token.isascii():
            token = token.translate(_DIGITS)
        if token in LUCENE_STOP_WORDS:
            continue
        token = light10_stem(token.translate(_NORMALIZER))
        if token:
            terms.append(token)
    return terms
