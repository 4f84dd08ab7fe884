"""stem() and stem_variants(): light10 plus Jarida's fixes (ARABIC.md step 4)."""

from __future__ import annotations

import pytest

from jarida.arabic import stem, stem_variants


@pytest.mark.parametrize("word", ["الكتاب", "والكتاب", "بالكتاب", "كالكتاب", "فالكتاب", "للكتاب"])
def test_it_strips_each_light10_article(word: str) -> None:
    assert stem(word) == "كتاب"


@pytest.mark.parametrize(
    "word", ["وبالرئيس", "وكالرئيس", "فبالرئيس", "فكالرئيس", "وللرئيس", "فللرئيس"]
)
def test_it_strips_each_compound_article(word: str) -> None:
    assert stem(word) == stem("الرئيس") == "رءيس"


def test_it_strips_at_most_one_article() -> None:
    assert stem("الالتزام") == "التزام"


def test_it_keeps_two_letters_when_stripping_an_article() -> None:
    assert stem("الم") == "الم"
    assert stem("الله") == "له"


def test_it_keeps_three_letters_when_stripping_a_compound_article() -> None:
    # وكال + ات would leave two letters: وكالات is a plural of وكالة, not و + كال + ات.
    assert stem("وكالات") == stem("وكالة") == "وكال"


def test_it_does_not_strip_a_bare_waw_from_the_primary_stem() -> None:
    assert stem("وزير") == "وزير"
    assert stem("الوزير") == "وزير"
    assert stem("وزارة") == stem("الوزارة") == "وزار"


@pytest.mark.parametrize(
    "word",
    ["لاعبها", "لاعبان", "لاعبات", "لاعبون", "لاعبين", "لاعبيه", "لاعبه", "لاعبة", "لاعبي"],
)
def test_it_strips_each_light10_suffix(word: str) -> None:
    assert stem(word) == "لاعب"


def test_it_strips_suffixes_in_one_fixed_pass_in_light10_order() -> None:
    # ها, then ات, then ي: each tried once, in table order.
    assert stem("مسؤولياتها") == "مسءول"
    # ي comes after ان in the table, so ان is not tried again once ي is gone.
    assert stem("برلماني") == "برلمان"


def test_it_keeps_two_letters_when_stripping_suffixes() -> None:
    assert stem("قوة") == "قو"
    assert stem("قوات") == "قو"
    assert stem("ابن") == "ابن"


@pytest.mark.parametrize("word", ["حكومته", "حكومتها", "حكومتهم", "حكومتنا", "حكومتكم", "حكومتهما"])
def test_it_turns_teh_plus_pronoun_back_into_teh_marbuta(word: str) -> None:
    assert stem(word) == stem("حكومة") == "حكوم"


def test_it_keeps_a_root_teh_when_fewer_than_three_letters_precede_it() -> None:
    assert stem("بيته") == stem("بيت") == "بيت"
    assert stem("صوته") == stem("صوت") == "صوت"
    assert stem("وقته") == stem("وقت") == "وقت"


def test_it_also_indexes_the_stem_with_teh_kept_after_turning_it_back() -> None:
    # توقيت ends in a root ت; the ه form is primary, the ت form is a variant.
    assert stem("توقيت") in stem_variants("توقيته")


def test_it_leaves_teh_plus_yeh_alone_because_it_ends_nisba_adjectives() -> None:
    assert stem("الكويتي") == stem("الكويت") == "كويت"


def test_it_removes_a_pronoun_before_a_number_suffix() -> None:
    assert stem("تصريحاته") == stem("تصريحات") == "تصريح"
    assert stem("تصريحاتهم") == "تصريح"
    assert stem("قدراتنا") == stem("قدرات")


def test_it_removes_a_plural_pronoun_after_the_construct_yeh() -> None:
    assert stem("مسؤوليهم") == stem("مسؤولين") == "مسءول"
    assert stem("لاعبيهم") == stem("لاعبين") == "لاعب"


@pytest.mark.parametrize(
    ("word", "variant"),
    [
        ("باغتيال", "اغتيال"),
        ("لسليماني", "سليمان"),
        ("بداعش", "داعش"),
        ("كرئيس", "رءيس"),
        ("وزير", "زير"),
    ],
)
def test_it_adds_the_stem_without_one_leading_clitic_as_a_variant(word: str, variant: str) -> None:
    primary, *variants = stem_variants(word)
    assert primary == stem(word)
    assert variant in variants


@pytest.mark.parametrize(("word", "variant"), [("وبداعش", "داعش"), ("فلسليماني", "سليمان")])
def test_it_adds_the_stem_without_a_conjunction_and_a_preposition_as_a_variant(
    word: str, variant: str
) -> None:
    assert variant in stem_variants(word)


def test_it_keeps_the_unstripped_stem_first_so_root_letters_are_never_lost() -> None:
    assert stem_variants("برلمان")[0] == "برلم"
    assert stem_variants("باغتيال")[0] == "باغتيال"


def test_it_adds_no_clitic_variant_when_fewer_than_three_letters_would_remain() -> None:
    assert stem_variants("بحث") == ["بحث"]
    assert stem_variants("وطن") == ["وطن"]


def test_it_adds_no_variant_that_is_a_stop_word() -> None:
    assert stem_variants("فهذا") == [stem("فهذا")]


def test_it_lists_each_variant_once() -> None:
    assert stem_variants("بالحكومة") == ["حكوم"]
    assert len(set(stem_variants("وزارته"))) == len(stem_variants("وزارته"))


def test_it_leaves_latin_words_and_numbers_alone() -> None:
    assert stem("bbc") == "bbc"
    assert stem_variants("2018") == ["2018"]


def test_it_normalizes_the_word_first() -> None:
    assert stem("الحكومة") == stem("الحكومه") == stem("الحُكُومَة") == "حكوم"
    assert stem("المسئولين") == stem("المسؤولين")


def test_it_never_raises_on_odd_input() -> None:
    assert stem("") == ""
    assert stem_variants("") == [""]
    assert isinstance(stem("\x00\ud800"), str)


@pytest.mark.parametrize("word", ["كتاب", "لجنة", "بحار", "فساد"])
def test_it_keeps_a_four_letter_word_whole_when_a_bare_fa_ba_la_ka_would_leave_three(
    word: str,
) -> None:
    # The first letter is the root's here; only و (and two stacked clitics) leave three.
    assert stem_variants(word) == [stem(word)]
