"""Step 1 of the analyzer: fold every spelling of a word onto one string.

Readers type the same word many ways: with or without hamza seats and harakat, with
tatweel to stretch a headline, with Persian yeh and keheh pasted from another keyboard,
with presentation forms copied out of old PDFs, with invisible bidi controls carried
over from a CMS, with Arabic-Indic or Persian digits. Search only works if all of them
end up as the same characters, so this runs before anything else, at index and query
time alike.

The work is one NFKC pass (it folds presentation forms, the lam-alef ligatures and
compatibility digits) followed by one ``str.translate`` through a per-code-point table.
The table is filled lazily: code points that the explicit rules below do not name are
classified with ``unicodedata`` the first time they are seen, so every Unicode decimal
digit and control character is covered without scanning all of Unicode at import.
"""

from __future__ import annotations

import unicodedata

# Hamza seats, alef variants and Persian letters, folded onto the letter a reader types
# when they do not bother (ARABIC.md step 1). ؤ and ئ go to a bare hamza rather than to
# و / ي so that مسؤول and مسئول, both correct spellings, meet.
_LETTER_MAP: dict[str, str] = {
    "أ": "ا",  # U+0623 alef with hamza above
    "إ": "ا",  # U+0625 alef with hamza below
    "آ": "ا",  # U+0622 alef with madda
    "ٱ": "ا",  # U+0671 alef wasla (Quranic and classical text)
    "ى": "ي",  # U+0649 alef maksura, typed for final yeh in Egyptian usage and vice versa
    "ی": "ي",  # U+06CC Farsi yeh
    "ة": "ه",  # U+0629 teh marbuta
    "ک": "ك",  # U+06A9 keheh (Persian kaf)
    "ؤ": "ء",  # U+0624 waw with hamza
    "ئ": "ء",  # U+0626 yeh with hamza
    # U+06C0 heh with yeh (hamza) above: NFKC composes ه + U+0654 into it, and U+0654 is
    # a mark we delete everywhere else, so fold it back for consistency.
    "ۀ": "ه",
    # Turkish capital dotted I lowercases to i + U+0307, which would split the word.
    "İ": "i",
    # Visible signs that Unicode files as format characters: the Arabic number signs
    # written before a number and the end-of-ayah sign that encloses a verse number.
    # They separate words like punctuation instead of vanishing like the invisible ones.
    **dict.fromkeys("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u08e2", " "),
}

# Arabic marks deleted outright. Harakat U+064B-U+065F (includes the hamza marks
# U+0654/U+0655 left over when no precomposed letter exists), superscript alef U+0670,
# tatweel U+0640, and the Quranic annotation signs. Quranic small waw / small yeh
# (U+06E5, U+06E6) and high hamza U+0674 are modifier letters, not marks, but they are
# vowel signs in practice and must not survive as letters inside a word.
_DELETED_RANGES: tuple[tuple[int, int], ...] = (
    (0x0610, 0x061A),  # honorific signs written over names (sallallahou, alayhe...)
    (0x064B, 0x065F),  # harakat: tanween, fatha, damma, kasra, shadda, sukun, and more
    (0x0640, 0x0640),  # tatweel
    (0x0670, 0x0670),  # superscript (dagger) alef
    (0x0674, 0x0674),  # high hamza
    (0x06D6, 0x06DC),  # Quranic small high ligatures and marks
    (0x06DF, 0x06E8),  # Quranic marks, small waw, small yeh
    (0x06EA, 0x06ED),  # Quranic marks
    (0x08D3, 0x08E1),  # Arabic Extended-A marks
    (0x08E3, 0x08FF),  # Arabic Extended-A marks
)


def _classify(code_point: int) -> str | None:
    """The replacement for one code point that no explicit rule names.

    Decimal digits of any script become ASCII digits; control characters and lone
    surrogates become a space (a word boundary, and the output always encodes as
    UTF-8); format characters (ZWJ, ZWNJ, LRM, RLM, ALM, bidi embeddings, overrides and
    isolates, BOM, ZWSP, soft hyphen) are invisible and deleted, so a word stays whole;
    cased letters are lowercased. Everything else maps to itself.
    """
    char = chr(code_point)
    category = unicodedata.category(char)
    if category == "Nd":
        return str(unicodedata.decimal(char))
    if category == "Cs" or (category == "Cc" and not char.isspace()):
        return " "
    if category == "Cf":
        return None
    return char.lower()


# Hostile input could walk through all 1.1 million code points; past this many entries
# the table stops growing and rare characters are classified on every sight instead.
_MAX_TABLE_SIZE = 1 << 16


class _LazyTable(dict):
    """A ``str.translate`` table that classifies a code point on first sight and remembers it."""

    def __missing__(self, code_point: int) -> str | None:
        replacement = _classify(code_point)
        if len(self) < _MAX_TABLE_SIZE:
            self[code_point] = replacement
        return replacement


def _build_table() -> _LazyTable:
    table = _LazyTable()
    for start, end in _DELETED_RANGES:
        for code_point in range(start, end + 1):
            table[code_point] = None
    for source, target in _LETTER_MAP.items():
        table[ord(source)] = target
    # Pre-fill ASCII and the Arabic block so the hot path never takes __missing__ there.
    for code_point in (*range(0x80), *range(0x0600, 0x0700)):
        if code_point not in table:
            table[code_point] = _classify(code_point)
    return table


_TABLE = _build_table()

# ASCII-only text needs no NFKC; only controls and capitals change.
_ASCII_TABLE = {
    code_point: _TABLE[code_point]
    for code_point in range(0x80)
    if _TABLE[code_point] != chr(code_point)
}

# Deleting a format character can leave two neighbours that NFKC would compose (a Latin
# letter and a combining accent split by a ZWJ); a second pass settles them. Two passes
# always suffice; the bound keeps a pathological string from looping.
_MAX_PASSES = 3


def normalize(text: str) -> str:
    """Fold the spelling variants of Arabic (and Latin) text onto one form.

    The rule, in order (ARABIC.md step 1): NFKC, so presentation forms, lam-alef
    ligatures and compatibility characters become plain letters; delete harakat
    U+064B-U+065F, superscript alef U+0670, Quranic marks and tatweel; delete invisible
    format characters (ZWJ/ZWNJ, LRM/RLM, ALM, bidi embeddings, overrides and isolates,
    BOM, ZWSP); map أ إ آ ٱ to ا, ى ی to ي, ة to ه, ک to ك, ؤ ئ to ء; turn every Unicode
    decimal digit into its ASCII digit; lowercase cased letters. Control characters
    (NUL included) become spaces, so they separate words instead of gluing them.

    Only characters change: length can shrink, word order and whitespace are kept.
    Never raises for any ``str``, lone surrogates included; the result is idempotent.
    """
    if text.isascii():
        return text.translate(_ASCII_TABLE)
    folded = unicodedata.normalize("NFKC", text).translate(_TABLE)
    passes = 1
    while passes < _MAX_PASSES and not unicodedata.is_normalized("NFKC", folded):
        folded = unicodedata.normalize("NFKC", folded).translate(_TABLE)
        passes += 1
    return folded
