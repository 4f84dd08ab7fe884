"""Step 2 of the analyzer: cut normalized text into words.

A word is a maximal run of letters and digits of any script (``str.isalnum``), so
Arabic, Latin and numbers are words and everything else (punctuation, symbols, emoji,
the quote, star, caret, colon and parentheses of search syntax) separates them.
Normalization has already deleted harakat, tatweel and the invisible controls, so they
can no longer break a word in two, and turned control characters into spaces.
"""

from __future__ import annotations

import re

from jarida.arabic.normalization import normalize

# [^\W_] is "a word character that is not the underscore": Python's \w is exactly
# str.isalnum plus "_", and "_" must split hashtags such as #عاصي_الحلاني.
WORD = re.compile(r"[^\W_]+")


def tokenize(text: str) -> list[str]:
    """Normalize ``text`` and return its words in order.

    Words are runs of letters and digits; anything else splits them. Numbers with a
    decimal point or thousands separator come out as several tokens ("3.5" -> "3", "5"),
    which is enough for AND queries and keeps the rule simple. Never raises on any str.
    """
    return WORD.findall(normalize(text))
