"""The search page: RTL, accessible, usable without JavaScript, and calm under bad input."""

import pytest
from django.urls import reverse

from jarida.conftest import make_article, make_author, make_section

pytestmark = pytest.mark.django_db

URL = "/search/"

BAD_INPUT = {
    "empty": "",
    "spaces": "   ",
    "stop words only": "في من على إلى",
    "diacritics only": "ًٌٍَُِّْ",
    "tatweel only": "ـــــــ",
    "ten kilobytes": "أسعار النفط " * 900,
    "fts5 syntax": '" * ^ : ( ) \' ; -- NEAR(النفط) AND OR NOT {headline}:x',
    "sql": "'; DROP TABLE search_document; --",
    "nul bytes": "النفط\x00\x00 الخام",
    "only nul": "\x00",
    "bidi controls": "\u202eالنفط\u202c \u2066الخام\u2069 \u200f",
    "mixed arabic and latin": "أسعار Brent النفط OPEC+",
    "script tag": "<script>alert(1)</script> النفط",
    "lone quote": '"',
    "lone minus": "-",
    "exclusion only": "-النفط",
    "emoji": "🛢️📈",
    "very long word": "ن" * 5000,
}


@pytest.fixture
def oil():
    section = make_section("اقتصاد", slug="economy")
    return make_article(section=section, headline="أسعار النفط ترتفع في الأسواق",
                        body="<p>صعد خام برنت مع تراجع المخزونات.</p>")


def test_it_lists_results_with_marked_words_section_and_date(client, oil):
    response = client.get(URL, {"q": "اسعار النفط"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert f'href="{oil.get_absolute_url()}"><mark>أسعار</mark> <mark>النفط</mark>' in html
    assert oil.section.name in html and "<time datetime=" in html
    assert 'name="robots" content="noindex' in html


def test_without_a_query_it_shows_only_the_form(client, oil):
    response = client.get(URL)
    assert response.status_code == 200
    assert b'role="search"' in response.content
    assert b"search-results" not in response.content


def test_the_masthead_has_a_labelled_search_form_on_every_page(client, oil):
    html = client.get("/").content.decode()
    assert 'role="search"' in html and f'action="{reverse("search:search")}"' in html
    assert '<label class="visually-hidden" for="masthead-q">' in html


def test_the_search_page_has_a_single_search_form(client, oil):
    html = client.get(URL, {"q": "النفط"}).content.decode()
    assert html.count('role="search"') == 1


@pytest.mark.parametrize("text", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_gets_a_sensible_page(client, oil, text):
    response = client.get(URL, {"q": text})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "\x00" not in html and "\u202e" not in html
    if "النفط" in text and not text.startswith("-") and '"' not in text:
        assert "<mark>" in html


def test_stop_words_alone_get_an_explanation(client, oil):
    html = client.get(URL, {"q": "في من"}).content.decode()
    assert "شائعة جدًا" in html


def test_no_word_at_all_gets_an_explanation(client, oil):
    html = client.get(URL, {"q": "ًٌٍ ؟!"}).content.decode()
    assert "كلمة يمكن البحث عنها" in html


def test_zero_results_say_so_in_arabic_and_link_a_suggestion(client, oil):
    html = client.get(URL, {"q": "النفظ", "section": "economy"}).content.decode()
    assert "لا توجد نتائج للبحث عن" in html
    assert "هل تقصد" in html and "?q=%D8%A7%D9%84%D9%86%D9%81%D8%B7&amp;section=economy" in html


def test_a_long_query_says_it_was_cut(client, oil):
    assert "اكتفينا بأول كلماته" in client.get(URL, {"q": "النفط " * 300}).content.decode()


def test_bad_filters_are_explained_beside_their_fields(client, oil):
    html = client.get(URL, {"q": "النفط", "section": "nope", "since": "2026-13-45",
                            "author": "\x00'--"}).content.decode()
    assert html.count('class="search-form__error"') == 3
    assert "<mark>" not in html and "\x00" not in html


def test_filters_narrow_the_results_and_pages_keep_them(client, oil):
    other = make_section("رياضة", slug="sport")
    author = make_author("منى العلي")
    for n in range(12):
        make_article(section=other, headline=f"النفط والرياضة {n}", authors=[author],
                     hours_ago=n + 2)
    html = client.get(URL, {"q": "النفط", "section": "sport"}).content.decode()
    assert oil.get_absolute_url() not in html
    assert "?q=%D8%A7%D9%84%D9%86%D9%81%D8%B7&amp;section=sport&amp;page=2" in html
    page_two = client.get(URL, {"q": "النفط", "section": "sport", "page": "2"})
    assert page_two.content.decode().count('class="search-result"') == 2
    html = client.get(URL, {"q": "النفط", "author": author.slug}).content.decode()
    assert html.count('class="search-result"') == 10 and author.name in html


@pytest.mark.parametrize("page", ["0", "-1", "abc", "٣", "99999999999999999999", "\x00"])
def test_any_page_number_gets_a_page(client, oil, page):
    assert client.get(URL, {"q": "النفط", "page": page}).status_code == 200
