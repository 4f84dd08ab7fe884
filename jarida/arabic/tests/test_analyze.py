"""analyze() and analyze_exact(): the terms Jarida indexes and searches."""

from __future__ import annotations

import random

import pytest

from jarida.arabic import analyze, analyze_exact, tokenize
from jarida.arabic.analysis import _index_terms_cached
from jarida.arabic.stemming import token_terms
from jarida.arabic.stopwords import is_normalized_stop_word


def test_it_indexes_the_variants_right_after_the_stem_of_their_word() -> None:
    assert analyze("باغتيال القائد") == ["باغتيال", "اغتيال", "قاءد"]


def test_it_queries_one_term_per_word() -> None:
    assert analyze("باغتيال القائد", for_query=True) == ["باغتيال", "قاءد"]


def test_it_queries_the_primary_stem_so_a_root_beh_is_never_stripped() -> None:
    assert analyze("برلمان", for_query=True) == ["برلم"]
    assert analyze("وزير", for_query=True) == ["وزير"]


@pytest.mark.parametrize(
    ("indexed", "query"),
    [
        ("باغتيال", "اغتيال"),
        ("باغتيال", "الاغتيال"),
        ("باغتيال", "باغتيال"),
        ("برلمان", "برلمان"),
        ("البرلمان", "برلمان"),
        ("وزير", "الوزير"),
        ("الوزير", "وزير"),
        ("ووزير", "وزير"),
        ("لسليماني", "سليماني"),
        ("بداعش", "داعش"),
        ("وبداعش", "داعش"),
        ("حكومته", "حكومة"),
        ("الحكومة", "حكومته"),
        ("تصريحاته", "تصريحات"),
        ("مسؤول", "مسئول"),
        ("للاجئين", "لاجئ"),
        ("توقيته", "توقيت"),
    ],
)
def test_it_indexes_every_term_a_query_for_the_same_word_reduces_to(
    indexed: str, query: str
) -> None:
    assert set(analyze(query, for_query=True)) <= set(analyze(indexed))


def test_it_finds_a_phrase_with_an_and_over_its_query_terms() -> None:
    article = "أعلنت الحكومة باغتيال القائد العسكري في بيانها"
    query = "اغتيال القائد العسكري"
    assert set(analyze(query, for_query=True)) <= set(analyze(article))


def test_it_keeps_stop_words_and_exact_forms_in_the_exact_view() -> None:
    assert analyze_exact("قال الرئيسُ إنّ الحكومةَ") == ["قال", "الرءيس", "ان", "الحكومه"]


def test_it_gives_the_exact_view_one_word_per_position() -> None:
    text = "وقال الرئيس باغتيال"
    assert analyze_exact(text) == tokenize(text)


def test_it_gives_the_same_terms_as_analyzing_the_whole_text_at_once() -> None:
    # analyze() cuts on whitespace and caches chunks; this is the reference pipeline.
    # fmt: off
    alphabet = list("اأإآبتةىيوؤئءلكفنمه .،\"*_١۵AZé") + [
        "\u064e", "\u0651", "\u0640", "\u200c", "\u200f", "\u202e", "\u2066", "\ufeff",
        "\x00", "\n", "\t", "\u00a0", "\u3000", "\u2028", "\x85", "\x1c", "\u0301",
        "\ufefb", "\ufe91", "İ", "\ud800", "😀", "\u0654", "\u0670", "ٱ", "ی", "\u06a9",
    ]
    # fmt: on
    generator = random.Random(20240601)
    for _ in range(2000):
        text = "".join(generator.choice(alphabet) for _ in range(generator.randint(0, 40)))
        reference = [
            term
            for token in tokenize(text)
            if not is_normalized_stop_word(token)
            for term in token_terms(token)
        ]
        assert analyze(text) == reference, repr(text)
        assert analyze(text, for_query=True) == [
            token_terms(token)[0] for token in tokenize(text) if not is_normalized_stop_word(token)
        ], repr(text)
        assert analyze_exact(text) == tokenize(text), repr(text)


def test_it_does_not_remember_chunks_longer_than_64_characters() -> None:
    long_chunk = "ب" * 5000
    analyze(long_chunk)
    before = _index_terms_cached.cache_info().currsize
    analyze(long_chunk + "ت")
    assert _index_terms_cached.cache_info().currsize == before


HOSTILE = [
    "",
    " \n\t ",
    "ًٌٍَُِّْ",
    "ـــــ",
    "في من على إلى عن هذا الذي",
    "\x00\x00الحكومة\x00",
    "\u202eالحكومة\u202c \u2067رئيس\u2069 \u200f\u200e\u061c\ufeff",
    "Breaking: الحكومة تعلن new policy 2024",
    "🔥🔥 عاجل 🚨 الحكومة 👍🏽",
    "الحكومة\" OR 1=1; -- DROP TABLE articles; * ^ : ( ) ' NEAR(a b) col:term",
    "\ud800\udfff\ud83d",
    "\U0010ffff\ufffe\uffff",
    "مُـحَـمَّـدٌ" * 100,
    ("الحكومة والبرلمان باغتيال «وزير» (2018) ٣٫٥٪ " * 250)[:10240],
    "ب" * 10240,
]


@pytest.mark.parametrize("text", HOSTILE)
def test_it_never_raises_and_emits_only_letters_and_digits(text: str) -> None:
    for terms in (analyze(text), analyze(text, for_query=True), analyze_exact(text)):
        assert all(term and term.isalnum() for term in terms), terms
        for term in terms:
            term.encode("utf-8")


def test_it_emits_nothing_for_empty_or_diacritic_only_or_stop_word_only_text() -> None:
    for text in ("", "ًٌٍَُِّْ", "في من على إلى عن هذا الذي"):
        assert analyze(text) == []
        assert analyze(text, for_query=True) == []


def test_it_strips_search_syntax_characters() -> None:
    terms = analyze('"الحكومة" OR 1=1; -- * ^ : ( ) \'', for_query=True)
    assert terms == ["حكوم", "or", "1", "1"]


def test_it_analyzes_mixed_arabic_and_latin() -> None:
    assert analyze("قناة BBC Arabic") == ["قنا", "bbc", "arabic"]
