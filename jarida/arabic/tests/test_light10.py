"""The light10 baseline, and the holes of the Lucene analyzer that Jarida closes.

The first half checks the port is faithful (so the comparison is fair); the second half
pairs each known hole (ARABIC.md, "Its known holes") with a Jarida test, in both
directions: Jarida conflates the two forms, the baseline does not.
"""

from __future__ import annotations

import pytest

from jarida.arabic import analyze
from jarida.arabic.light10 import (
    LUCENE_STOP_WORDS,
    light10_analyze,
    light10_stem,
    standard_tokenize,
)


def finds(indexed: str, query: str) -> bool:
    """Jarida: every query term of ``query`` is among the index terms of ``indexed``."""
    query_terms = analyze(query, for_query=True)
    return bool(query_terms) and set(query_terms) <= set(analyze(indexed))


def light10_finds(indexed: str, query: str) -> bool:
    query_terms = light10_analyze(query)
    return bool(query_terms) and set(query_terms) <= set(light10_analyze(indexed))


# The faithful port.


def test_the_baseline_ships_lucenes_119_stop_words() -> None:
    assert len(LUCENE_STOP_WORDS) == 119


@pytest.mark.parametrize("word", ["الكتاب", "والكتاب", "بالكتاب", "كالكتاب", "فالكتاب", "للكتاب"])
def test_the_baseline_strips_one_light10_prefix(word: str) -> None:
    assert light10_stem(word) == "كتاب"


def test_the_baseline_strips_a_bare_waw_only_from_words_of_four_letters_or_more() -> None:
    assert light10_stem("وزير") == "زير"
    assert light10_stem("وقف") == "وقف"


def test_the_baseline_strips_suffixes_in_one_fixed_pass() -> None:
    assert light10_stem("مسؤولياتها") == "مسؤول"
    assert light10_stem("قواته") == "قوات"


def test_the_baseline_keeps_two_letters() -> None:
    assert light10_stem("قوة") == "قو"
    assert light10_stem("الم") == "الم"


def test_the_baseline_applies_its_stop_list_before_normalizing() -> None:
    # على is listed; the vocalized عَلَى only becomes على after the stop filter ran.
    assert light10_analyze("على") == []
    assert light10_analyze("عَلَى") == ["عل"]


def test_the_baseline_turns_decimal_digits_into_ascii() -> None:
    assert light10_analyze("٢٠١٨ ۲۰۱۸") == ["2018", "2018"]


def test_the_baseline_tokenizer_keeps_uax29_joins() -> None:
    assert standard_tokenize("U.S. 3.5 don't عاصي_الحلاني") == [
        "U.S",
        "3.5",
        "don't",
        "عاصي_الحلاني",
    ]


def test_the_baseline_tokenizer_keeps_marks_and_format_characters_inside_words() -> None:
    assert standard_tokenize("مُحَمَّد الحكو\u200cمة") == ["مُحَمَّد", "الحكو\u200cمة"]


# Each known hole of the Lucene analyzer: Jarida conflates, the baseline does not.

HOLES = [
    ("باغتيال", "اغتيال"),  # bare proclitic ب without the article
    ("لسليماني", "سليماني"),  # bare proclitic ل
    ("بداعش", "داعش"),
    ("الوزير", "وزير"),  # root-initial و stripped by light10
    ("مسؤول", "مسئول"),  # ؤ / ئ spelling variants
    ("حكومته", "حكومة"),  # pronoun after ta marbuta
    ("تصريحاته", "تصريحات"),  # pronoun before a plural suffix
    ("ٱلرحمن", "الرحمن"),  # alef wasla
    ("إلٰه", "إله"),  # superscript alef
    ("الرحمٰن", "الرحمن"),  # superscript alef
    ("رئیس", "رئيس"),  # Farsi yeh
    ("\u06a9تاب", "كتاب"),  # keheh
    ("ﺍﻟﺤﻜﻮﻣﺔ", "الحكومة"),  # presentation forms
    ("ا\ufefbحتلال", "الاحتلال"),  # lam-alef ligature
    ("الحكو\u200cمة", "الحكومة"),  # ZWNJ
    ("الحكومة\u200f", "الحكومة"),  # RLM at the end of a word
    ("\u2067الحكومة\u2069", "الحكومة"),  # bidi isolates
    ("الحكومة\ufeff", "الحكومة"),  # BOM
]


@pytest.mark.parametrize(("indexed", "query"), HOLES)
def test_jarida_finds_the_word_across_each_lucene_hole(indexed: str, query: str) -> None:
    assert finds(indexed, query)


@pytest.mark.parametrize(("indexed", "query"), HOLES)
def test_the_baseline_misses_the_word_across_each_lucene_hole(indexed: str, query: str) -> None:
    assert not light10_finds(indexed, query)


@pytest.mark.parametrize(("indexed", "query"), [("٢٠١٨", "2018"), ("۲۰۱۸", "2018")])
def test_both_fold_arabic_indic_and_persian_digits_so_this_is_not_a_hole(
    indexed: str, query: str
) -> None:
    assert finds(indexed, query)
    assert light10_finds(indexed, query)
