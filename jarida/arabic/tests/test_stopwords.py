"""The stop list: Arabic function words, normalized, dropped by the analyzer."""

from __future__ import annotations

import pytest

from jarida.arabic import STOP_WORDS, analyze, is_stop_word, normalize


def test_it_holds_at_least_150_words() -> None:
    assert len(STOP_WORDS) >= 150


def test_it_stores_every_word_normalized() -> None:
    assert all(normalize(word) == word for word in STOP_WORDS)


# fmt: off
@pytest.mark.parametrize(
    "word",
    [
        # prepositions
        "من", "في", "على", "إلى", "عن", "مع", "حتى", "منذ", "عند", "لدى", "بين", "خلال",
        # pronouns, attached and free
        "هو", "هي", "هم", "نحن", "أنت", "له", "لها", "عليه", "منها", "فيه",
        # conjunctions and particles
        "ثم", "أو", "بل", "لكن", "لا", "لم", "لن", "ما", "قد", "لقد", "سوف", "هل", "إن", "أن",
        # demonstratives and relative pronouns
        "هذا", "هذه", "ذلك", "تلك", "هؤلاء", "الذي", "التي", "الذين",
        # auxiliaries
        "كان", "كانت", "يكون", "تكون", "أصبح", "ليس",
    ],
)
# fmt: on
def test_it_lists_the_usual_function_words(word: str) -> None:
    assert is_stop_word(word)


def test_it_matches_any_spelling_because_it_normalizes_first() -> None:
    assert is_stop_word("إلى")
    assert is_stop_word("الى")
    assert is_stop_word("إلي")
    assert is_stop_word("عَلَى")
    assert is_stop_word("هـذا")


def test_it_treats_waw_or_fa_before_a_longer_stop_word_as_a_stop_word() -> None:
    assert is_stop_word("والذي")
    assert is_stop_word("فهذه")
    assert is_stop_word("وعندما")


@pytest.mark.parametrize("word", ["ولي", "فهم", "فقد", "قال", "الحكومة", "مثل", "أم"])
def test_it_keeps_words_that_also_carry_a_topic(word: str) -> None:
    assert not is_stop_word(word)


def test_it_drops_stop_words_from_the_indexed_and_the_query_terms() -> None:
    text = "قال إن الحكومة لن تتراجع عن هذا القرار"
    assert analyze(text) == ["قال", "حكوم", "تتراجع", "قرار"]
    assert analyze(text, for_query=True) == ["قال", "حكوم", "تتراجع", "قرار"]


def test_it_treats_ali_as_the_preposition_ala_once_alef_maksura_is_folded() -> None:
    # Known cost of ى -> ي: the name علي and the preposition على are one string.
    assert is_stop_word("علي")
