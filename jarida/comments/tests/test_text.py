"""Comment text is plain text: cleaned on the way in, escaped on the way out."""

import pytest

from jarida.comments.text import (
    body_fingerprint,
    comment_html,
    elongation_variants,
    link_count,
    name_clean,
    text_clean,
)


def test_it_strips_bidi_overrides_embeddings_and_isolates_but_keeps_marks():
    text = "مرحبا \u202eabc\u202c و\u2067xyz\u2069 \u200fعلامة\u200e \u202a\u202b\u202d\u2066\u2068"
    cleaned = text_clean(text)
    assert not set(cleaned) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert "\u200f" in cleaned and "\u200e" in cleaned
    assert "abc" in cleaned and "xyz" in cleaned


def test_it_drops_control_characters_and_keeps_line_breaks():
    cleaned = text_clean("سطر أول\r\nسطر\x00 ثانٍ\x1b\x7f\u2028ثالث\n\n\n\n\nفقرة\U000e0041 ")
    assert cleaned == "سطر أول\nسطر ثانٍ\nثالث\n\nفقرة"


def test_it_makes_a_name_one_line():
    assert name_clean("  سلمى\n\u202eالعبدالله  ") == "سلمى العبدالله"


@pytest.mark.parametrize("payload", [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)><circle/></svg>",
    '<a href="javascript:alert(1)">اضغط هنا</a>',
    '"><iframe src=//example.com>',
])
def test_it_escapes_every_tag(payload):
    html = str(comment_html(text_clean(payload)))
    for tag in ("<script", "<img", "<svg", "<iframe", 'href="javascript'):
        assert tag not in html
    assert "&lt;" in html


def test_it_shows_entities_as_typed_rather_than_decoding_them():
    html = str(comment_html("&lt;script&gt;alert(1)&lt;/script&gt; &#60;b&#62;"))
    assert "&amp;lt;script&amp;gt;" in html and "&amp;#60;b&amp;#62;" in html


def test_it_never_links_javascript_or_data_addresses():
    html = str(comment_html("javascript:alert(1) و data:text/html,<b>x</b> و vbscript:msgbox"))
    assert "href" not in html


def test_it_links_web_addresses_with_nofollow_ugc_noopener():
    html = str(comment_html("التفاصيل في https://example.com/تقرير?a=1&b=2 وأيضًا www.example.org"))
    assert html.count('rel="nofollow ugc noopener"') == 2
    assert 'href="https://example.com/' in html and "&amp;b=2" in html
    assert 'href="http://www.example.org"' in html


def test_it_leaves_email_addresses_as_text():
    html = str(comment_html("راسلوني على reader@example.com"))
    assert "mailto:" not in html and "reader@example.com" in html


def test_it_keeps_line_breaks_and_paragraphs_each_with_its_own_direction():
    html = str(comment_html("سطر أول\nسطر ثانٍ\n\nEnglish paragraph"))
    assert html == ('<p dir="auto">سطر أول<br>سطر ثانٍ</p>'
                    '<p dir="auto">English paragraph</p>')


def test_it_counts_links_as_the_page_shows_them():
    assert link_count("بلا روابط") == 0
    assert link_count("https://a.example.com و http://b.example.com و news.com") == 3
    assert link_count("javascript:alert(1) و reader@example.com") == 0


def test_it_cuts_stretched_letters_to_one_and_to_two():
    assert elongation_variants("غبيييي") == ["غبيييي", "غبي", "غبيي"]
    assert elongation_variants("الله") == ["الله"]


def test_it_fingerprints_spellings_of_the_same_comment_alike():
    plain = body_fingerprint("مقال رائع جدا")
    assert body_fingerprint("مَقالٌ  رائـــعٌ\nجداااا") == plain
    assert body_fingerprint("مقال سيئ جدا") != plain
