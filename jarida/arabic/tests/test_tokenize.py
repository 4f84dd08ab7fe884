"""tokenize(): normalized text cut into words of letters and digits."""

from __future__ import annotations

from jarida.arabic import tokenize


def test_it_normalizes_before_cutting() -> None:
    assert tokenize("الحكومة أعلنت") == ["الحكومه", "اعلنت"]


def test_it_splits_on_latin_punctuation_and_quotes() -> None:
    assert tokenize('قال: "الحكومة" (رسمياً).') == ["قال", "الحكومه", "رسميا"]


def test_it_splits_on_arabic_punctuation() -> None:
    assert tokenize("نعم، لا؛ لماذا؟ «خبر»") == ["نعم", "لا", "لماذا", "خبر"]


def test_it_keeps_a_vocalized_word_whole() -> None:
    # SQLite's unicode61 would cut this at every haraka.
    assert tokenize("مُحَمَّد") == ["محمد"]


def test_it_keeps_a_word_with_tatweel_or_zwnj_whole() -> None:
    assert tokenize("الحكـــو\u200cمة") == ["الحكومه"]


def test_it_splits_hashtags_on_the_underscore() -> None:
    assert tokenize("#عاصي_الحلاني") == ["عاصي", "الحلاني"]


def test_it_keeps_arabic_and_latin_words_apart_when_spaced() -> None:
    assert tokenize("قناة BBC عربي") == ["قناه", "bbc", "عربي"]


def test_it_keeps_digits_and_letters_of_one_run_together() -> None:
    assert tokenize("عام ٢٠١٨م") == ["عام", "2018م"]


def test_it_splits_numbers_at_decimal_points_and_separators() -> None:
    assert tokenize("3.5 مليار و١٬٠٠٠") == ["3", "5", "مليار", "و1", "000"]


def test_it_splits_on_emoji_and_symbols() -> None:
    assert tokenize("مبروك🎉الفوز ★ 100%") == ["مبروك", "الفوز", "100"]


def test_it_splits_on_nul_bytes() -> None:
    assert tokenize("خبر\x00عاجل") == ["خبر", "عاجل"]


def test_it_returns_no_words_for_punctuation_only() -> None:
    assert tokenize(" ،.؟!\"'*^:();-- ") == []
