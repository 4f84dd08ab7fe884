"""normalize(): every spelling variant of a word folds onto one string (ARABIC.md step 1)."""

from __future__ import annotations

import pytest

from jarida.arabic import normalize


def test_it_folds_hamza_seats_and_madda_on_alef_to_bare_alef() -> None:
    assert normalize("أحمد") == "احمد"
    assert normalize("إبراهيم") == "ابراهيم"
    assert normalize("آمال") == "امال"


def test_it_folds_alef_wasla_to_bare_alef() -> None:
    assert normalize("ٱلرحمن") == "الرحمن"


def test_it_folds_hamza_on_waw_and_yeh_to_a_bare_hamza_so_spellings_meet() -> None:
    assert normalize("مسؤول") == "مسءول"
    assert normalize("مسئول") == "مسءول"
    assert normalize("رئيس") == "رءيس"


def test_it_keeps_a_bare_hamza() -> None:
    assert normalize("سماء") == "سماء"


def test_it_folds_alef_maksura_and_farsi_yeh_to_yeh() -> None:
    assert normalize("مصطفى") == "مصطفي"
    assert normalize("ایران") == "ايران"  # U+06CC Farsi yeh


def test_it_folds_teh_marbuta_to_heh() -> None:
    assert normalize("حكومة") == "حكومه"


def test_it_folds_keheh_to_arabic_kaf() -> None:
    assert normalize("\u06a9تاب") == "كتاب"


def test_it_deletes_the_superscript_alef() -> None:
    assert normalize("هٰذا") == "هذا"
    assert normalize("الرحمٰن") == "الرحمن"


@pytest.mark.parametrize("harakah", [chr(code) for code in range(0x064B, 0x0660)])
def test_it_deletes_each_harakah(harakah: str) -> None:
    assert normalize("ب" + harakah + "ت") == "بت"


def test_it_deletes_the_harakat_of_a_fully_vocalized_word() -> None:
    assert normalize("مُحَمَّدٌ") == "محمد"


def test_it_folds_a_decomposed_hamza_like_the_precomposed_letter() -> None:
    assert normalize("ا\u0654حمد") == normalize("أحمد") == "احمد"
    assert normalize("مسو\u0654ول") == "مسءول"


@pytest.mark.parametrize(
    "mark", ["\u06d6", "\u06da", "\u06dc", "\u06df", "\u06e2", "\u06e5", "\u06e8", "\u06ed"]
)
def test_it_deletes_quranic_annotation_marks(mark: str) -> None:
    assert normalize("ب" + mark + "ت") == "بت"


def test_it_deletes_tatweel() -> None:
    assert normalize("الحكـــومة") == "الحكومه"


def test_it_folds_presentation_forms_into_plain_letters() -> None:
    assert normalize("\ufe91") == "ب"  # beh, initial form
    assert normalize("ﺍﻟﺤﻜﻮﻣﺔ") == "الحكومه"


def test_it_unfolds_the_lam_alef_ligatures() -> None:
    assert normalize("\ufefb") == "لا"
    assert normalize("\ufef7") == "لا"  # lam with alef with hamza above
    assert normalize("ا\ufefbحتلال") == "الاحتلال"


def test_it_unfolds_the_allah_ligature() -> None:
    assert normalize("\ufdf2") == "الله"


@pytest.mark.parametrize(
    "control",
    [
        "\u200c",  # ZWNJ
        "\u200d",  # ZWJ
        "\u200e",  # LRM
        "\u200f",  # RLM
        "\u061c",  # ALM
        "\u202a",  # LRE
        "\u202b",  # RLE
        "\u202c",  # PDF
        "\u202d",  # LRO
        "\u202e",  # RLO
        "\u2066",  # LRI
        "\u2067",  # RLI
        "\u2068",  # FSI
        "\u2069",  # PDI
        "\ufeff",  # BOM
        "\u200b",  # ZWSP
        "\u00ad",  # soft hyphen
    ],
)
def test_it_deletes_each_invisible_format_character_so_the_word_stays_whole(
    control: str,
) -> None:
    assert normalize("الحكو" + control + "مة") == "الحكومه"
    assert normalize(control + "حكومة" + control) == "حكومه"


def test_it_turns_arabic_indic_digits_into_ascii() -> None:
    assert normalize("٠١٢٣٤٥٦٧٨٩") == "0123456789"


def test_it_turns_persian_digits_into_ascii() -> None:
    assert normalize("۰۱۲۳۴۵۶۷۸۹") == "0123456789"


def test_it_turns_decimal_digits_of_any_script_into_ascii() -> None:
    assert normalize("४२") == "42"  # Devanagari
    assert normalize("２０１８") == "2018"  # fullwidth
    assert normalize("\U0001d7d8") == "0"  # mathematical double-struck zero


def test_it_lowercases_latin() -> None:
    assert normalize("BBC News") == "bbc news"


def test_it_lowercases_the_turkish_dotted_capital_i_without_a_stray_mark() -> None:
    assert normalize("İstanbul") == "istanbul"


def test_it_turns_nul_and_other_control_characters_into_separators() -> None:
    assert normalize("الحكومة\x00الجديدة") == "الحكومه الجديده"
    assert normalize("a\x07b\x7fc\x9bd") == "a b c d"


def test_it_keeps_line_breaks_and_tabs() -> None:
    assert normalize("سطر\nسطر\tعمود") == "سطر\nسطر\tعمود"


def test_it_turns_the_visible_arabic_number_signs_into_separators() -> None:
    assert normalize("آية\u06dd١٢") == "ايه 12"
    assert normalize("\u0600٣") == " 3"


def test_it_turns_lone_surrogates_into_separators_so_the_result_encodes() -> None:
    result = normalize("نص\ud800نص")
    assert result == "نص نص"
    result.encode("utf-8")


def test_it_leaves_plain_normalized_text_unchanged() -> None:
    text = "قال الرءيس ان الحكومه ستعلن قرارها في 2024"
    assert normalize(text) == text


def test_it_returns_the_empty_string_for_the_empty_string() -> None:
    assert normalize("") == ""


def test_it_is_idempotent_on_every_character_of_the_basic_plane() -> None:
    for code_point in range(0x10000):
        once = normalize("ا" + chr(code_point) + "b")
        assert normalize(once) == once, hex(code_point)
