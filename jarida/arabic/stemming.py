"""Step 4 of the analyzer: light stemming, light10 plus the fixes news search needs.

Every table here works on normalized text (ة is already ه, ى is already ي, أ إ آ are
already ا), which is why light10's ة and ية suffixes do not appear: ه and يه cover them.

The primary stem of a token is computed in this order:

1. strip at most one article: the compound articles وبال وكال فبال فكال ولل فلل (when 3
   letters remain), else one of light10's وال بال كال فال ال لل (when 2 letters remain).
   light10's bare و is not stripped here: it is the first root letter of وزير, وزارة,
   وكالة, ولاية, and stripping it made وزير fail to meet الوزير. A leading و is handled
   by the variants below instead, like the other single-letter clitics;
2. ت + pronoun after a letter other than ا is a ta marbuta in construct, so it goes back
   to ه (حكومته -> حكومه, like حكومة), when 3 letters precede the ت so that short words
   with a root ت keep it (بيته, صوته, وقته, اخته);
   otherwise a pronoun after a number/gender suffix is removed first (تصريحاته ->
   تصريحات, مسؤوليهم -> مسؤولي), because light10's single pass would stop at it;
3. light10's one fixed pass over the suffixes ها ان ات ون ين يه ه ي, each removed at most
   once, in that order, only when 2 letters remain.

The extra (index-only) variants of a token are:

- the stem of the token with one leading clitic و ف ب ل ك removed, and with و or ف
  followed by ب ل ك removed, whenever 3 letters or more remain (باغتيال -> اغتيال,
  لسليماني -> سليماني, وبداعش -> داعش, وزير -> زير), unless what remains is a stop word;
- when step 2 turned ت back into ه, the stem with the ت kept (توقيته -> توقيت), so a
  word whose root really ends in ت is still found by its bare form.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TypeVar

from jarida.arabic.normalization import normalize
from jarida.arabic.stopwords import is_normalized_stop_word

# (article, letters that must remain). Longest first, so ولل wins over a bare match.
_ARTICLES: tuple[tuple[str, int], ...] = (
    ("وبال", 3),
    ("وكال", 3),
    ("فبال", 3),
    ("فكال", 3),
    ("ولل", 3),
    ("فلل", 3),
    ("وال", 2),
    ("بال", 2),
    ("كال", 2),
    ("فال", 2),
    ("ال", 2),
    ("لل", 2),
)

# After a conjunction or preposition has been taken off, what remains may start with the
# article (بالحكومة -> الحكومة), with لل (وللحكومة -> للحكومة) or, after و/ف, with بال /
# كال, which are then compound articles and keep their 3-letter minimum (وكالات must not
# become ات through كال).
_BASE_ARTICLES: tuple[tuple[str, int], ...] = (("بال", 3), ("كال", 3), ("ال", 2), ("لل", 2))

# light10's suffixes in its fixed order, normalized (ة and ية are folded into ه and يه).
_SUFFIXES: tuple[str, ...] = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
_SUFFIX_MIN_STEM = 2

# ت + attached pronoun: a ta marbuta in construct (حكومته, حكومتهم, حكومتنا).
# ت + ي and ت + ك are left out: تي ends nisba adjectives of ت-final nouns (الكويتي,
# السوفيتي), where turning ت into ه would ruin the stem.
_TEH_PRONOUNS: tuple[str, ...] = ("تهما", "تكما", "تهم", "تهن", "تكم", "تكن", "تنا", "تها", "ته")
_TEH_MIN_BEFORE = 3

# Pronouns that can follow a number/gender suffix, and how many letters must precede
# that suffix. After ات every pronoun can attach (قراراته, قراراتنا); after the ي left
# by a construct ين/ون only the plural ones are removed here, since light10's يه and ها
# already cover the rest and ي + نا is too often part of a name (فيينا).
_PRONOUNS_AFTER_NUMBER: tuple[tuple[str, tuple[str, ...], int], ...] = (
    ("ات", ("هما", "كما", "هم", "هن", "كم", "كن", "نا", "ها", "ه", "ك", "ي"), 2),
    ("ي", ("هما", "كما", "هم", "هن", "كم", "كن"), 3),
)

_V = TypeVar("_V")

_CLITICS = frozenset("وفبلك")
_CONJUNCTIONS = frozenset("وف")
_PREPOSITIONS = frozenset("بلك")
# ARABIC.md asks for 3 letters left after the clitic. For a bare ف ب ل ك that merges
# 4-letter words whose first root letter looks like a clitic (كتاب/تاب, بيان/يان,
# لجنة/جنة, فساد/ساد), more wrong merges than Lucene makes. So a bare ف ب ل ك needs 4
# letters left (باغتيال, لسليماني, بداعش still meet their bare forms); و keeps 3, as
# Lucene's light10 itself strips و (وقال meets قال); two stacked clitics (وب, فل ...) are
# rarely root letters, so 3 letters may remain after them. ADR 0002 gives the figures.
_VARIANT_MIN_REST = 3
_VARIANT_MIN_REST_AFTER = {"و": 3, "ف": 4, "ب": 4, "ل": 4, "ك": 4}


def _by_length(table: dict[str, _V]) -> tuple[tuple[int, dict[str, _V]], ...]:
    """Split an affix table by affix length, longest first, for slice-and-look-up matching."""
    sizes = sorted({len(affix) for affix in table}, reverse=True)
    return tuple(
        (size, {affix: value for affix, value in table.items() if len(affix) == size})
        for size in sizes
    )


_ARTICLE_GROUPS = _by_length(dict(_ARTICLES))
_BASE_ARTICLE_GROUPS = _by_length(dict(_BASE_ARTICLES))
_TEH_GROUPS = _by_length(dict.fromkeys(_TEH_PRONOUNS, True))
# number + pronoun ending -> (pronoun length, number length, letters required before it)
_AFTER_NUMBER_GROUPS = _by_length(
    {
        number + pronoun: (len(pronoun), len(number), min_before)
        for number, pronouns, min_before in _PRONOUNS_AFTER_NUMBER
        for pronoun in pronouns
    }
)


# Every article starts with one of these letters; anything else is rejected at once.
_ARTICLE_FIRST_LETTERS = frozenset(article[0] for article, _ in _ARTICLES)
# light10's pass as "suffixes ending in this letter, with their place in the order":
# a suffix can only match if it ends in the word's last letter.
_SUFFIXES_BY_LAST_LETTER: dict[str, tuple[tuple[int, str], ...]] = {
    letter: tuple((place, suffix) for place, suffix in enumerate(_SUFFIXES) if suffix[-1] == letter)
    for letter in {suffix[-1] for suffix in _SUFFIXES}
}


def _strip_article(token: str, groups: tuple[tuple[int, dict[str, int]], ...]) -> str:
    if token[:1] not in _ARTICLE_FIRST_LETTERS:
        return token
    for size, articles in groups:
        min_rest = articles.get(token[:size])
        if min_rest is not None and len(token) - size >= min_rest:
            return token[size:]
    return token


def _strip_suffixes(word: str) -> str:
    """light10's single pass: each suffix in order, removed at most once.

    Walks the table in order like light10, but only looks at the suffixes that end in
    the word's current last letter, resuming after the last one removed.
    """
    resume_at = 0
    while len(word) > _SUFFIX_MIN_STEM:
        for place, suffix in _SUFFIXES_BY_LAST_LETTER.get(word[-1], ()):
            if (
                place >= resume_at
                and word.endswith(suffix)
                and len(word) - len(suffix) >= _SUFFIX_MIN_STEM
            ):
                word = word[: -len(suffix)]
                resume_at = place + 1
                break
        else:
            return word
    return word


def _teh_to_heh(word: str) -> str | None:
    """حكومته -> حكومه: the word with ت + pronoun turned back into ه, or None."""
    if "ت" not in word[-4:]:
        return None
    for size, suffixes in _TEH_GROUPS:
        if word[-size:] in suffixes:
            before = len(word) - size
            if before >= _TEH_MIN_BEFORE and word[before - 1] != "ا":
                return word[:before] + "ه"
            return None
    return None


def _strip_pronoun_after_number(word: str) -> str:
    for size, endings in _AFTER_NUMBER_GROUPS:
        rule = endings.get(word[-size:])
        if rule is not None:
            pronoun_length, number_length, min_before = rule
            end = len(word) - pronoun_length
            if end - number_length >= min_before:
                return word[:end]
    return word


def _stems(
    token: str, articles: tuple[tuple[int, dict[str, int]], ...] = _ARTICLE_GROUPS
) -> tuple[str, str | None]:
    """The primary stem of a normalized token, and the ت-kept stem when step 2 applied."""
    word = _strip_article(token, articles)
    as_heh = _teh_to_heh(word)
    if as_heh is not None:
        return _strip_suffixes(as_heh), _strip_suffixes(word)
    return _strip_suffixes(_strip_pronoun_after_number(word)), None


def _clitic_bases(token: str) -> list[str]:
    """The token with a leading clitic removed: و ف ب ل ك, or و/ف + ب ل ك."""
    bases = []
    if token[:1] in _CLITICS and len(token) - 1 >= _VARIANT_MIN_REST_AFTER[token[0]]:
        bases.append(token[1:])
        if (
            len(token) - 2 >= _VARIANT_MIN_REST
            and token[0] in _CONJUNCTIONS
            and token[1] in _PREPOSITIONS
        ):
            bases.append(token[2:])
    return bases


@lru_cache(maxsize=1 << 16)
def token_terms(token: str) -> tuple[str, ...]:
    """Primary stem first, then the extra index variants, of one normalized token.

    Internal fast path of the analyzer: ``token`` must already be normalized and must
    not be a stop word. Cached, because news text repeats its words heavily.
    """
    if token.isascii():
        # Latin words and numbers: the tables only hold Arabic letters.
        return (token,)
    primary, with_teh = _stems(token)
    terms = [primary]
    if with_teh is not None and with_teh != primary:
        terms.append(with_teh)
    for base in _clitic_bases(token):
        if is_normalized_stop_word(base):
            continue
        for term in _stems(base, _BASE_ARTICLE_GROUPS):
            if term is not None and term not in terms:
                terms.append(term)
    return tuple(terms)


def stem(token: str) -> str:
    """The primary stem of one word: the term a query for that word searches.

    ``token`` is normalized first, so stem("الحكومة") == stem("الحكومه") == "حكوم".
    See the module docstring for the rules.
    """
    return token_terms(normalize(token))[0]


def stem_variants(token: str) -> list[str]:
    """Primary stem first, then the extra terms indexed for the word, without duplicates.

    stem_variants("باغتيال") == ["باغتيال", "اغتيال"]: the stem, then the stem without
    the clitic ب, so that a search for اغتيال finds it. ``token`` is normalized first.
    """
    return list(token_terms(normalize(token)))
