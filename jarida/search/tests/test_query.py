"""The query language: words, "phrases", -exclusions, and whatever else readers type."""

import random

import pytest

from jarida.search.backends.base import TERM
from jarida.search.backends.postgresql import tsquery_literal
from jarida.search.backends.sqlite import EXACT, STEMS, match_expression
from jarida.search.query import (
    MAX_QUERY_CHARS,
    MAX_WORDS,
    Phrase,
    Word,
    clean_query_text,
    parse_query,
)


def test_it_reads_words_phrases_and_exclusions():
    query = parse_query('النفط "البنك المركزي" -ليبيا -"كأس العالم"')
    assert query.words == (Word(stem="نفط", exact="النفط"),)
    assert query.phrases == (Phrase(("البنك", "المركزي")),)
    assert query.excluded_words == (Word(stem="ليبيا", exact="ليبيا"),)
    assert query.excluded_phrases == (Phrase(("كاس", "العالم")),)
    assert query.is_searchable


def test_it_accepts_arabic_quotation_marks_for_phrases():
    assert parse_query("«الأمم المتحدة»").phrases == (Phrase(("الامم", "المتحده")),)
    assert parse_query("“الأمم المتحدة”").phrases == (Phrase(("الامم", "المتحده")),)


def test_an_unclosed_quote_runs_to_the_end():
    assert parse_query('اسعار "النفط الخام').phrases == (Phrase(("النفط", "الخام")),)


def test_spellings_of_one_word_give_the_same_terms():
    forms = ["أمريكا", "امريكا", "أَمْرِيكَا", "أمريـــكا", "\u200fأمريكا\u202c"]
    assert {parse_query(f).words for f in forms} == {(Word(stem="امريكا", exact="امريكا"),)}


def test_prefixed_words_are_searched_by_their_stem():
    assert [w.stem for w in parse_query("والتحالف بالاغتيال القوات").words] == [
        "تحالف", "اغتيال", "قو"]


def test_stop_words_are_dropped_and_remembered():
    query = parse_query("في من على")
    assert not query.is_searchable
    assert query.stop_words == ("في", "من", "علي")


def test_a_word_typed_twice_counts_once():
    assert len(parse_query("النفط والنفط نفط").words) == 1


def test_exclusions_alone_are_not_a_search():
    assert not parse_query("-النفط").is_searchable


@pytest.mark.parametrize("text", [
    "", "   ", None, "ًٌٍَُِّْ", "ـــــ", "\x00\x00", "\u202e\u2066\u200f", "؟!،.", "-- ;",
    "\" * ^ : ( ) ' ; --", "\ufeff",
])
def test_input_with_no_word_is_not_a_search(text):
    assert not parse_query(text).is_searchable


def test_mixed_arabic_and_latin_keep_both():
    assert [w.exact for w in parse_query("تطبيق WhatsApp").words] == ["تطبيق", "whatsapp"]


def test_a_long_query_is_cut_and_says_so():
    query = parse_query("كلمة " * 2000)
    assert query.is_truncated
    assert len(query.text) <= MAX_QUERY_CHARS
    many = parse_query(" ".join(f"كلمة{n}" for n in range(30)))
    assert len(many.words) == MAX_WORDS and many.is_truncated


def test_shown_text_loses_controls_and_bidi_characters():
    assert clean_query_text("نفط\x00 \u202eخام\u2066  \n  سعر") == "نفط خام سعر"


def test_a_suggestion_replaces_the_word_as_typed():
    query = parse_query('ترمب "البيت الأبيض"')
    assert query.with_word_replaced(query.words[0], "ترامب") == 'ترامب "البيت الأبيض"'


@pytest.mark.parametrize("seed", range(5))
def test_engine_expressions_hold_only_quoted_analyzer_terms(seed):
    """Fuzz: whatever the characters, the FTS5 MATCH expression and the tsquery are built
    from letters-and-digits terms inside quotes, joined by our own operators."""
    rng = random.Random(seed)
    alphabet = ('"“”«»-*^:()\';,. _\\\x00\u202e\u200fأبتةثجحخدذرزسشصضطظعغفقكلمنهويىءؤئ'
                'َُِّْـabcXYZ019٣۴ NEAR AND OR NOT {}[]$%')
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 60)))
        query = parse_query(text)
        for word in (*query.words, *query.excluded_words):
            assert TERM.fullmatch(word.stem) and TERM.fullmatch(word.exact)
        for phrase in (*query.phrases, *query.excluded_phrases):
            assert all(TERM.fullmatch(w) for w in phrase.words)
        if query.is_searchable:
            for mode in ("all", "any"):
                fts = match_expression(query, mode=mode)
                outside_quotes = "".join(fts.split('"')[::2])
                for known in (STEMS, EXACT, "AND", "OR", "NOT"):
                    outside_quotes = outside_quotes.replace(known, "")
                assert set(outside_quotes) <= set("(): "), fts
                pg = tsquery_literal(query, mode=mode)
                assert set("".join(pg.split("'")[::2])) <= set("()&|!<-> "), pg
