"""Banned and suspect words match every spelling readers use to slip past a list."""

import pytest

from jarida.comments.models import BlockedTerm
from jarida.comments.wordlists import wordlist_matches

pytestmark = pytest.mark.django_db


@pytest.fixture
def lists():
    BlockedTerm.objects.create(text="غبي", kind=BlockedTerm.Kind.BANNED)
    BlockedTerm.objects.create(text="أحمق", kind=BlockedTerm.Kind.BANNED)
    BlockedTerm.objects.create(text="ربح سريع", kind=BlockedTerm.Kind.SUSPECT)
    BlockedTerm.objects.create(text="مسؤول فاسد", kind=BlockedTerm.Kind.SUSPECT)


def kinds(text: str) -> list[str]:
    return [entry.kind for entry in wordlist_matches(text)]


@pytest.mark.parametrize("text", [
    "الكاتب غبي",
    "الكاتب غَبِيٌّ",          # diacritics
    "الكاتب غـــبـي",          # tatweel
    "الكاتب غبيييييي",        # elongation
    "الكاتب غبـيـيـيـي",        # elongation hidden by tatweel
    "الكاتب الغبي",           # with the article
    "يا للغبي",              # with a proclitic
    "الكاتب غ\u200bب\u200dي",  # invisible characters inside the word
    "الكاتب غ\u202eبي",        # a bidi override inside the word
    "الكاتب غ ب ي",           # letters spaced out
    "الكاتب غ.ب.ي",           # letters between dots
    "الكاتب غ - ب - ي!",      # letters between dashes
])
def test_it_rejects_a_banned_word_however_it_is_spelled(lists, text):
    assert kinds(text) == ["banned"]


@pytest.mark.parametrize("text", ["هذا احمق", "هذا إحمق", "هذا آحمق", "هذا أحمـــق",
                                  "هذا احمققققق"])
def test_it_folds_hamza_forms_of_an_entry_and_of_the_text(lists, text):
    assert kinds(text) == ["banned"]


@pytest.mark.parametrize("text", ["فرصة ربح سريع الآن", "فرصة للربح السريع",
                                  "كل مسئول فاسد يحاسب", "المسؤولُ الفاسدُ"])
def test_it_holds_a_suspect_phrase_written_in_its_variants(lists, text):
    assert kinds(text) == ["suspect"]


@pytest.mark.parametrize("text", [
    "تقرير مفيد عن المياه",
    "الغيب لا يعلمه إلا الله",    # shares letters, not the word
    "ربح الفريق ثم خسر بسرعة",    # the phrase's words, not in a row
])
def test_it_leaves_ordinary_comments_alone(lists, text):
    assert kinds(text) == []


def test_it_lists_banned_entries_before_suspect_ones(lists):
    assert kinds("ربح سريع يا غبي") == ["banned", "suspect"]


def test_an_exact_entry_matches_only_the_written_form_after_normalization(db):
    BlockedTerm.objects.create(text="كلب", kind=BlockedTerm.Kind.BANNED,
                               match=BlockedTerm.Match.EXACT)
    assert kinds("يا كَلْب") == ["banned"]
    assert kinds("يا كلبببب") == ["banned"]
    assert kinds("الكلبة تحرس البيت") == []


def test_an_entry_typed_stretched_or_vocalized_still_works(db):
    BlockedTerm.objects.create(text="سَخِيييف", kind=BlockedTerm.Kind.BANNED)
    assert kinds("كلام سخيف") == ["banned"]


def test_it_finds_nothing_without_lists(db):
    assert wordlist_matches("الكاتب غبي") == []


@pytest.mark.parametrize("text", [
    "قال أ ب ت ث في درس الحروف",   # spaced letters that spell no listed word
    "الفقرة (ب) والبند ج من المادة",  # lone letters in ordinary prose
])
def test_spaced_letters_that_spell_no_listed_word_pass(lists, text):
    assert kinds(text) == []
